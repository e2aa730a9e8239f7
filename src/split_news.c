/*
 * split_news.c - a news page that summarises a visit: its findings are the
 * bulleted list after a line ending in a colon, its headline the first
 * quoted paragraph.
 */
#include "split.h"
#include "text.h"

#include <string.h>

/* News summaries are short: their list and their reported speech come
 * within this many blocks. */
#define NEWS_BLOCKS 80

/* Reported speech: "Ofsted has said", "inspectors found"... */
static bool reports_speech(const osc_block *b)
{
	static const char *const said[] = {
		"Ofsted has said", "Ofsted said", "said the report", "the report said",
		"inspectors said", "inspectors found", "according to Ofsted", "Ofsted inspectors",
	};
	/* every phrase holds one of these: most blocks need no more */
	static const char *const stems[] = { "said", "found", "Ofsted" };
	return osc_contains_any_ci(b->text, b->len, stems, OSC_ARRAY_LEN(stems)) &&
	       osc_contains_any_ci(b->text, b->len, said, OSC_ARRAY_LEN(said));
}

/* A news summary: no letter form, reported speech about Ofsted or
 * inspectors, and a list introduced by a line ending in a colon.  The
 * cheap tests go first: most documents have no such list. */
bool osc_looks_like_news(const osc_blocks *bl)
{
	bool list = false;
	size_t lim = bl->n < NEWS_BLOCKS ? bl->n : NEWS_BLOCKS;
	for (size_t i = 1; i < lim && !list; i++) {
		const osc_block *b = &bl->v[i], *prev = &bl->v[i - 1];
		list = b->type == OSC_BLOCK_BULLET && prev->type != OSC_BLOCK_BULLET &&
		       prev->len && prev->text[prev->len - 1] == ':';
	}
	if (!list)
		return false;
	for (size_t i = 0; i < lim; i++) {
		const osc_block *b = &bl->v[i];
		/* a letter is not a news summary */
		if (osc_find_ci(b->text, b->len, "Dear ", NULL) >= 0 ||
		    osc_find_ci(b->text, b->len, "This letter summarises", NULL) >= 0)
			return false;
		/* nor is a report, whose title page gives its dates and lead
		 * inspector (and which may say "inspectors found") */
		if (i < 12 && (osc_starts_with_ci(b->text, b->len, "Inspection dates") ||
			       osc_starts_with_ci(b->text, b->len, "Lead inspector:")))
			return false;
	}
	/* a summary reports what Ofsted said, and lists its findings */
	for (size_t i = 0; i < lim; i++)
		if (reports_speech(&bl->v[i]))
			return true;
	return false;
}

osc_status osc_split_news(const osc_blocks *bl, osc_split *sp,
			     const osc_allocator *a)
{
	/* The bullets after a line ending in ':' are the findings; the first
	 * quoted paragraph, if any, is the headline. */
	bool in_list = false;
	for (size_t i = 0; i < bl->n; i++) {
		const osc_block *b = &bl->v[i];
		if (b->type == OSC_BLOCK_BULLET) {
			if (!in_list && i > 0 && bl->v[i - 1].len &&
			    bl->v[i - 1].text[bl->v[i - 1].len - 1] == ':')
				in_list = true;
			if (in_list) {
				osc_status st = osc_split_add(sp, a, OSC_SECTION_FINDINGS, b);
				if (st)
					return st;
			}
			continue;
		}
		in_list = false;
		if (!sp->headline && b->len > 2 &&
		    (b->text[0] == '"' || osc_starts_with_ci(b->text, b->len, "\xE2\x80\x9C")))
			sp->headline = b->text;
	}
	return OSC_OK;
}
