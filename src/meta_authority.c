/*
 * meta_authority.c - the local authority a document is about: from the
 * salutation, the opening sentence, a report's title page, a JTAI's
 * partnership, or a news page.
 */
#include "meta_internal.h"
#include "judgements.h"

#include <stdio.h>
#include <string.h>

/* A news page names its councils within its first blocks; a round-up a
 * handful of them. */
#define NEWS_COUNCIL_BLOCKS 60
#define NEWS_MAX_COUNCILS 8

static const char *clean_authority(osc_mctx *c, const char *s, size_t n)
{
	n -= osc_rspace(s, n);
	if (osc_starts_with_ci(s, n, "the "))
		s += 4, n -= 4;
	static const char *const tails[] = {
		" local authority", " local authority's", " Local Authority",
		/* the service, not the authority: "Exampleshire Children's
		 * Services" */
		" children's services", " children\xE2\x80\x99s services",
		" children's social care", " children\xE2\x80\x99s social care",
	};
	for (bool again = true; again;) {
		again = false;
		for (size_t t = 0; t < OSC_ARRAY_LEN(tails); t++) {
			size_t tl = strlen(tails[t]);
			if (n > tl && osc_starts_with_ci(s + n - tl, tl, tails[t])) {
				n -= tl, again = true;
			}
		}
		/* an abbreviation after the name: "... and Poole (BCP)" */
		if (n > 4 && s[n - 1] == ')') {
			size_t o = n - 1;
			while (o > 0 && s[o] != '(')
				o--;
			if (o > 1 && s[o - 1] == ' ' && n - o <= 10)
				n = o - 1, again = true;
		}
		if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
			n -= 2, again = true;
		else if (n > 4 && memcmp(s + n - 4, "\xE2\x80\x99", 3) == 0 &&
			 (s[n - 1] == 's' || s[n - 1] == 'S'))
			n -= 4, again = true;
		n -= osc_rspace(s, n);
	}
	while (n && (s[n - 1] == ',' || s[n - 1] == '.'))
		n--;
	if (n == 0 || n > 80)
		return NULL;
	/* a name has a capital: "the local authority" alone is none */
	size_t k = 0;
	while (k < n && !(s[k] >= 'A' && s[k] <= 'Z'))
		k++;
	if (k == n)
		return NULL;
	return osc_arena_strndup(c->ar, s, n);
}

/* The authority between `start` and the first of " children's services",
 * " children's social care", " on <date>", ",", ".". */
static const char *authority_after(osc_mctx *c, const char *s, size_t n)
{
	static const char *const ends[] = {
		" children's services", " children's social care", " childrens services",
		" children's service", " services for children",
		" young people's services",
	};
	size_t best = n;
	bool found = false;
	for (size_t e = 0; e < OSC_ARRAY_LEN(ends); e++) {
		long at = osc_find_ci(s, n, ends[e], NULL);
		if (at >= 0 && (size_t)at < best)
			best = (size_t)at, found = true;
	}
	long on = osc_find_ci(s, n, " on ", NULL);
	if (on >= 0 && (size_t)on < best && (size_t)on + 4 < n && osc_is_digit(s[on + 4]))
		best = (size_t)on, found = true;
	if (!found)
		return NULL;
	return clean_authority(c, s, best);
}


/* A JTAI names its area last: "Joint targeted area inspection of the
 * multi-agency response to children ... in Exampleshire". */
static const char *jtai_authority(osc_mctx *c, const char *s, size_t n)
{
	size_t ml;
	long at = osc_find_ci(s, n, "multi-agency response to ", &ml);
	if (at < 0)
		return NULL;
	size_t from = (size_t)at + ml;
	size_t end = from + osc_meta_sentence_end(s + from, n - from);
	size_t in = SIZE_MAX;
	for (size_t k = from; k + 4 <= end; k++)
		if (memcmp(s + k, " in ", 4) == 0)
			in = k + 4;
	if (in == SIZE_MAX)
		return NULL;
	/* the area's name is capitalised: "in need in Exampleshire" */
	if (!(s[in] >= 'A' && s[in] <= 'Z'))
		return NULL;
	return clean_authority(c, s + in, end - in);
}

/* Blocks [from, to) joined by spaces, in the arena; NULL when out of memory. */
static const char *join_blocks(osc_mctx *c, size_t from, size_t to, size_t *len)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		n += c->bl->v[i].len + 1;
	char *s = osc_arena_alloc(c->ar, n ? n : 1);
	if (!s)
		return NULL;
	n = 0;
	for (size_t i = from; i < to; i++) {
		if (n)
			s[n++] = ' ';
		memcpy(s + n, c->bl->v[i].text, c->bl->v[i].len);
		n += c->bl->v[i].len;
	}
	*len = n;
	return s;
}

/* A report's title page names the authority first, its lines often kept
 * apart by the layout: "Inspection of Example Metropolitan / Borough
 * Council local authority / children's services", or before 2020 the name
 * (perhaps over two lines) above "Inspection of children's social care
 * services" or "Inspection of local authority children's services".  A
 * title with no "children's services" ("Inspection of Example Children's
 * Trust") is the name whole when the dates follow. */
static const char *report_title_authority(osc_mctx *c)
{
	enum { OPENING = 5, NAME_LINES = 2, TITLE_LINES = 3, NAME_MAX = 80 };
	static const char title[] = "Inspection of ";
	const size_t tl = sizeof title - 1;
	const osc_blocks *bl = c->bl;
	/* a page number that the PDF's reading order put first is no part of
	 * the title page */
	size_t first = 0;
	while (first < c->end && bl->v[first].len <= 3 && bl->v[first].len &&
	       osc_is_digit(bl->v[first].text[0]) && osc_is_digit(bl->v[first].text[bl->v[first].len - 1]))
		first++;
	size_t lim = c->end < first + OPENING ? c->end : first + OPENING;
	size_t len;
	for (size_t i = first + 1; i < lim && i <= first + NAME_LINES; i++) {
		const osc_block *b = &bl->v[i - 1];
		if (b->type == OSC_BLOCK_BULLET || b->len > NAME_MAX)
			break;
		static const char *const generic[] = {
			"Inspection of children", "Inspection of local authority",
		};
		static osc_prefixes generic_set = OSC_PREFIXES(generic);
		if (osc_prefixes_find(&generic_set, bl->v[i].text, bl->v[i].len) < 0)
			continue;
		const char *name = join_blocks(c, first, i, &len);
		return name ? clean_authority(c, name, len) : NULL;
	}
	/* the name and the title run together in one block ("Exampleshire
	 * County Council Inspection of local authority children's services"),
	 * as a PDF's reading order can give them */
	for (size_t i = first; i < lim; i++) {
		static const char *const generic[] = {
			" Inspection of local authority", " Inspection of children",
		};
		for (size_t g = 0; g < OSC_ARRAY_LEN(generic); g++) {
			long at = osc_find_ci(bl->v[i].text, bl->v[i].len, generic[g], NULL);
			if (at > 0 && (size_t)at <= NAME_MAX)
				return clean_authority(c, bl->v[i].text, (size_t)at);
		}
	}
	for (size_t i = first; i < lim; i++) {
		if (!osc_starts_with_ci(bl->v[i].text, bl->v[i].len, title))
			continue;
		size_t j = i + 1;
		bool dates = false;
		while (j < lim && j - i < TITLE_LINES) {
			const osc_block *b = &bl->v[j];
			dates = osc_starts_with_ci(b->text, b->len, "Inspection dates") ||
				osc_starts_with_ci(b->text, b->len, "Lead inspector");
			if (dates)
				break;
			j++;
		}
		const char *t = join_blocks(c, i, j, &len);
		if (!t)
			return NULL;
		const char *r = authority_after(c, t + tl, len - tl);
		if (!r && dates)
			r = clean_authority(c, t + tl, len - tl);
		return r;
	}
	return NULL;
}

osc_status osc_meta_authority(osc_mctx *c)
{
	/* The opening sentence names the authority most plainly ("This letter
	 * summarises the findings of a focused visit to X children's services
	 * on ..."); then titles ("Focused visit to X", "Inspection of X"). */
	static const struct {
		const char *anchor, *within;
	} tries[] = {
		{ "visit to ", "summarises" },
		{ "Focused visit to ", NULL },
		{ "Monitoring visit to ", NULL },
		{ "Monitoring visit of ", NULL },
		{ "Inspection of ", NULL },
		{ "visit to ", NULL },
	};
	if (c->m->authority)
		return OSC_OK;
	for (size_t i = 0; c->kind == OSC_KIND_JTAI && i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		if (osc_find_ci(b->text, b->len, "joint targeted area inspection", NULL) < 0)
			continue;
		const char *r = jtai_authority(c, b->text, b->len);
		if (r) {
			c->m->authority = r;
			return OSC_OK;
		}
	}
	/* a report under the single inspection framework names it in its
	 * overall judgement: "Children's services in X require improvement" */
	for (size_t i = 0; c->kind == OSC_KIND_INSPECTION_REPORT && i < c->end && i < 30; i++) {
		const osc_block *b = &c->bl->v[i];
		const char *name;
		size_t name_len;
		osc_grade grade;
		if (!osc_sif_overall(b->text, b->len, &name, &name_len, &grade))
			continue;
		const char *r = clean_authority(c, name, name_len);
		if (r) {
			c->m->authority = r;
			return OSC_OK;
		}
	}
	if (c->kind == OSC_KIND_INSPECTION_REPORT) {
		const char *r = report_title_authority(c);
		if (r) {
			c->m->authority = r;
			return OSC_OK;
		}
	}
	for (size_t t = 0; t < OSC_ARRAY_LEN(tries); t++) {
		for (size_t i = 0; i < c->end; i++) {
			const osc_block *b = &c->bl->v[i];
			size_t ml;
			if (tries[t].within && osc_find_ci(b->text, b->len, tries[t].within, NULL) < 0)
				continue;
			long at = osc_find_ci(b->text, b->len, tries[t].anchor, &ml);
			if (at < 0)
				continue;
			const char *r = authority_after(c, b->text + at + ml, b->len - (size_t)at - ml);
			if (r) {
				c->m->authority = r;
				return OSC_OK;
			}
		}
	}
	return OSC_OK;
}

/* News summaries open with "<Authority> children's services ...". */
/* The councils a news page names ("Northby Borough Council"): up to `max`
 * distinct names (the capitalised words before " Council", without it),
 * their count. */
static size_t councils_named(osc_mctx *c, const char **names, size_t *lens, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < c->bl->n && i < NEWS_COUNCIL_BLOCKS; i++) {
		const osc_block *b = &c->bl->v[i];
		for (size_t off = 0; off < b->len;) {
			size_t ml;
			long at = osc_find_ci(b->text + off, b->len - off, " Council", &ml);
			if (at < 0)
				break;
			size_t end = off + (size_t)at, st = end;
			off = end + ml;
			if (b->text[end + 1] != 'C') /* "Council", not "council" */
				continue;
			while (st > 0) { /* the run of capitalised words before it */
				size_t w = st;
				while (w > 0 && b->text[w - 1] != ' ')
					w--;
				if (!(b->text[w] >= 'A' && b->text[w] <= 'Z'))
					break;
				st = w;
				if (w == 0 || b->text[w - 1] != ' ')
					break;
				st = w - 1;
			}
			while (st < end && b->text[st] == ' ')
				st++;
			/* a sentence's first word is no part of the name ("At
			 * Southby City Council") */
			static const char *const lead[] = { "At ", "In ", "On ", "The ", "From ", "For ",
							    "By ", "With ", "And ", "But " };
			for (size_t k = 0; k < OSC_ARRAY_LEN(lead); k++)
				if (end - st > strlen(lead[k]) &&
				    strncmp(b->text + st, lead[k], strlen(lead[k])) == 0)
					st += strlen(lead[k]);
			if (st == end)
				continue;
			bool seen = false;
			for (size_t k = 0; k < n && !seen; k++)
				seen = lens[k] == end - st && osc_starts_with_ci(names[k], lens[k], b->text + st) &&
				       strncmp(names[k], b->text + st, lens[k]) == 0;
			if (!seen && n < max)
				names[n] = b->text + st, lens[n++] = end - st;
		}
	}
	return n;
}

osc_status osc_meta_news_authority(osc_mctx *c)
{
	/* the councils the page names: one is its authority; several make it
	 * a round-up, about no one authority */
	const char *names[NEWS_MAX_COUNCILS];
	size_t lens[NEWS_MAX_COUNCILS];
	size_t nc = councils_named(c, names, lens, NEWS_MAX_COUNCILS);
	if (nc == 1) {
		char buf[200];
		snprintf(buf, sizeof buf, "%.*s Council", (int)lens[0], names[0]);
		c->m->authority = osc_arena_strdup(c->ar, buf);
		return c->m->authority ? OSC_OK : OSC_ENOMEM;
	}
	if (nc > 1) {
		char list[400];
		size_t o = 0;
		for (size_t k = 0; k < nc && o + lens[k] + 3 < sizeof list; k++)
			o += (size_t)snprintf(list + o, sizeof list - o, "%s%.*s", k ? ", " : "",
					      (int)lens[k], names[k]);
		c->multiple = true;
		return osc_meta_note(c, "a page about several authorities (%s): no one authority", list);
	}
	for (size_t i = 0; i < c->bl->n && i < 5; i++) {
		const osc_block *b = &c->bl->v[i];
		long at = osc_find_ci(b->text, b->len, " children's services", NULL);
		if (at <= 0 || at > 80)
			continue;
		/* the name is the run of capitalised words before it */
		size_t st = (size_t)at;
		while (st > 0) {
			size_t w = st;
			while (w > 0 && b->text[w - 1] != ' ')
				w--;
			char ch = b->text[w];
			if (!((ch >= 'A' && ch <= 'Z') || ((ch == 'a' || ch == 'o') && w > 0)))
				break;
			st = w > 0 ? w - 1 : 0;
			if (w == 0)
				break;
		}
		while (st < (size_t)at && b->text[st] == ' ')
			st++;
		const char *r = clean_authority(c, b->text + st, (size_t)at - st);
		if (r) {
			c->m->authority = r;
			break;
		}
	}
	return OSC_OK;
}
