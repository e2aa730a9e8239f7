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
/* A news page without a list tells a visit in a few paragraphs. */
#define NEWS_UNLISTED_BLOCKS 30

/* Reported speech: "Ofsted has said", "inspectors found"... */
static bool reports_speech(const osc_block *b)
{
	static const char *const said[] = {
		"Ofsted has said", "Ofsted said", "said the report", "the report said",
		"inspectors said", "inspectors found", "according to Ofsted", "Ofsted inspectors",
		"inspectors also found", "inspectors also said", "inspectors from Ofsted",
		"in a letter published", "inspectors praised", "inspectors noted",
	};
	/* every phrase holds one of these: most blocks need no more */
	static const char *const stems[] = { "said", "found", "Ofsted" };
	return osc_contains_any_ci(b->text, b->len, stems, OSC_ARRAY_LEN(stems)) &&
	       osc_contains_any_ci(b->text, b->len, said, OSC_ARRAY_LEN(said));
}

/* A letter or a report is no news summary: a letter's salutation or
 * opening, a report's title page with its dates and lead inspector. */
static bool letter_or_report(const osc_blocks *bl, size_t lim)
{
	for (size_t i = 0; i < lim; i++) {
		const osc_block *b = &bl->v[i];
		if (osc_find_ci(b->text, b->len, "Dear ", NULL) >= 0 ||
		    osc_find_ci(b->text, b->len, "This letter summarises", NULL) >= 0)
			return true;
		/* (a report may say "inspectors found"; its title page can be
		 * run together into one block) */
		if (i < 12 && (osc_contains_ci(b->text, b->len, "Inspection dates") ||
			       osc_contains_ci(b->text, b->len, "Lead inspector")))
			return true;
	}
	return false;
}

/* Does the page list its points after a line ending in a colon? */
static bool has_list(const osc_blocks *bl, size_t lim)
{
	for (size_t i = 1; i < lim; i++) {
		const osc_block *b = &bl->v[i], *prev = &bl->v[i - 1];
		if (b->type == OSC_BLOCK_BULLET && prev->type != OSC_BLOCK_BULLET && prev->len &&
		    prev->text[prev->len - 1] == ':')
			return true;
	}
	return false;
}

/* A news summary: no letter form, reported speech about Ofsted or
 * inspectors; its points listed after a line ending in a colon, or told in
 * its paragraphs (a council's press release, a trade round-up). */
bool osc_looks_like_news(const osc_blocks *bl)
{
	size_t lim = bl->n < NEWS_BLOCKS ? bl->n : NEWS_BLOCKS;
	/* without a list, only a page as short as news is (a letter or a
	 * report is long, and reports what inspectors found too) */
	if (!has_list(bl, lim) && bl->n > NEWS_UNLISTED_BLOCKS)
		return false;
	bool speech = false;
	for (size_t i = 0; i < lim && !speech; i++)
		speech = reports_speech(&bl->v[i]);
	return speech && !letter_or_report(bl, lim);
}

osc_status osc_split_news(const osc_blocks *bl, osc_split *sp,
			     const osc_allocator *a)
{
	/* The bullets after a line ending in ':' are the findings; a page with
	 * no such list tells them in the paragraphs that report what the
	 * inspectors said.  The first quoted paragraph, if any, is the
	 * headline. */
	size_t lim = bl->n < NEWS_BLOCKS ? bl->n : NEWS_BLOCKS;
	if (!has_list(bl, lim)) {
		for (size_t i = 0; i < bl->n; i++) {
			const osc_block *b = &bl->v[i];
			if (b->type != OSC_BLOCK_HEADING && reports_speech(b)) {
				osc_status st = osc_split_add(sp, a, OSC_SECTION_FINDINGS, b);
				if (st)
					return st;
			}
		}
		return OSC_OK;
	}
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
