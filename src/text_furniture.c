/*
 * text_furniture.c - step 2 of the text reader: page furniture dropped
 * (page numbers, the letterhead's contact lines, running heads and feet
 * repeated at the pages' edges, footnotes at the foot of a page, the back
 * page's licence text), and the wrap widths of ordinary and bulleted lines.
 */
#include "text_reader.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void osc_tr_drop_furniture(ctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		line *l = &c->lines[i];
		if (l->type == L_BLANK || l->type == L_DROP)
			continue;
		const char *s = LTEXT(c, l);
		if (l->type == L_TEXT && (osc_tr_is_page_number(s, l->n) || osc_tr_is_contact_line(s, l->n))) {
			l->type = L_DROP;
			continue;
		}
		if (osc_tr_is_back_page(s, l->n)) {
			/* The back page runs to the end of its page; a letter's
			 * licence text can close the document. */
			unsigned page = l->page;
			for (size_t j = i; j < c->n && c->lines[j].page == page; j++)
				c->lines[j].type = L_DROP;
		}
	}
}

/* The wrap width is this percentile of the widths of substantial lines (a
 * line ends its paragraph when the next word would have fitted with
 * OSC_WRAP_SLACK to spare).  Tuned on the corpus: 80 to 90 give the same
 * segmentation. */
#define WRAP_PERCENTILE 90

/* The first (or last) text line of the page that line i is on, or
 * SIZE_MAX; i is the page's first (or last) line. */
static size_t page_edge(const ctx *c, size_t i, bool first)
{
	unsigned page = c->lines[i].page;
	for (size_t k = i; k < c->n && c->lines[k].page == page; k = first ? k + 1 : k - 1) {
		if (c->lines[k].type == L_TEXT)
			return k;
		if (!first && k == 0)
			break;
	}
	return SIZE_MAX;
}

typedef struct edge_line {
	const char *s;
	size_t n, index;
} edge_line;

static int cmp_edge(const void *a, const void *b)
{
	const edge_line *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return memcmp(x->s, y->s, x->n);
}

/*
 * Running headers and footers: a line that is the first (or the last) text
 * line of at least three pages, and of half of them, is furniture there.
 * The edge lines are sorted by text and counted: O(pages log pages).
 */
/* One round: drop the page-edge lines (first lines when `first`, else last)
 * that repeat; how many were dropped. */
/* The running lines found, for the glued ones (osc_tr_drop_running_lines). */
#define MAX_RUNNING 8
typedef struct running {
	edge_line v[MAX_RUNNING];
	size_t n;
} running;

static size_t drop_edge_round(ctx *c, edge_line *edge, size_t pages, bool first, running *run)
{
	size_t ne = 0, dropped = 0;
	for (size_t i = 0; i < c->n && ne < pages; i++) {
		bool at_edge = first ? (i == 0 || c->lines[i - 1].page != c->lines[i].page)
				     : (i + 1 == c->n || c->lines[i + 1].page != c->lines[i].page);
		size_t e = at_edge ? page_edge(c, i, first) : SIZE_MAX;
		if (e != SIZE_MAX && c->lines[e].n <= 120)
			edge[ne++] = (edge_line){ LTEXT(c, &c->lines[e]), c->lines[e].n, e };
	}
	qsort(edge, ne, sizeof *edge, cmp_edge);
	for (size_t g = 0; g < ne;) {
		size_t h = g + 1;
		while (h < ne && cmp_edge(&edge[g], &edge[h]) == 0)
			h++;
		if (h - g >= 3 && (h - g) * 2 >= pages) {
			for (size_t k = g; k < h; k++, dropped++)
				c->lines[edge[k].index].type = L_DROP;
			if (run->n < MAX_RUNNING)
				run->v[run->n++] = edge[g];
		}
		g = h;
	}
	return dropped;
}

/* A running head that pdftotext glued to the end of a page's last body
 * line ("... have wellInspection of Exampleshire local authority children's
 * services"): cut off, so that the sentence runs on to the next page.  Only
 * a running line long enough to be no word's ending. */
#define GLUED_MIN 20

static void cut_glued_running(ctx *c, const running *run)
{
	for (size_t i = 0; i < c->n; i++) {
		line *l = &c->lines[i];
		if (l->type != L_TEXT && l->type != L_BULLET)
			continue;
		const char *s = LTEXT(c, l);
		for (size_t r = 0; r < run->n; r++) {
			size_t m = run->v[r].n;
			/* glued: right after a word's last letter, no space */
			if (m < GLUED_MIN || l->n <= m || memcmp(s + l->n - m, run->v[r].s, m) != 0 ||
			    !(s[l->n - m - 1] >= 'a' && s[l->n - m - 1] <= 'z'))
				continue;
			l->n -= m;
			l->n -= osc_rspace(s, l->n);
			l->terminal = l->n && osc_tr_ends_terminal(s, l->n);
			break;
		}
	}
}

void osc_tr_drop_running_lines(ctx *c)
{
	size_t pages = c->n ? c->lines[c->n - 1].page : 0;
	if (pages < 3)
		return;
	edge_line *edge = osc_malloc(c->a, pages * sizeof *edge);
	if (!edge)
		return; /* an optimisation of the output, not a requirement */
	/* a header or footer of several lines (a report's "Inspection of X"
	 * over its dates over the page number) comes off a line a round */
	running run = { .n = 0 };
	for (int round = 0; round < 4; round++) {
		size_t n = drop_edge_round(c, edge, pages, true, &run);
		n += drop_edge_round(c, edge, pages, false, &run);
		if (!n)
			break;
	}
	cut_glued_running(c, &run);
	osc_free(c->a, edge);
}

/* The wrap width: a high percentile of the widths of substantial lines. */
unsigned osc_tr_percentile_width(ctx *c, bool bullets, unsigned fallback)
{
	unsigned *w = osc_malloc(c->a, (c->n + 1) * sizeof *w);
	if (!w)
		return fallback;
	size_t k = 0;
	bool in_bullet = false;
	for (size_t i = 0; i < c->n; i++) {
		const line *l = &c->lines[i];
		if (l->type == L_BULLET)
			in_bullet = true;
		else if (l->type != L_TEXT)
			in_bullet = in_bullet && l->type == L_DROP;
		if (l->type != L_TEXT && l->type != L_BULLET)
			continue;
		if (in_bullet == bullets && l->substantial)
			w[k++] = l->w;
	}
	unsigned r = fallback;
	if (k >= 4)
		r = osc_select_kth(w, k, k * WRAP_PERCENTILE / 100 < k ? k * WRAP_PERCENTILE / 100 : k - 1);
	osc_free(c->a, w);
	return r;
}

/*
 * Footnotes are set in a smaller font, so in pdftotext output their lines
 * are wider than the body's.  A run of such lines (and the short line that
 * ends it), standing between a sentence's end or furniture and a blank line
 * or the page's end, is a footnote: dropped.
 */
static bool is_break_line(const line *l)
{
	return l->type == L_BLANK || l->type == L_DROP || l->type == L_HEADING;
}

/* A footnote's line: wider than the body's, but not twice as wide: there
 * pdftotext has joined two of the body's lines (23 paragraphs in 19 of
 * the corpus's documents had lost lines to this).  The widest line of a
 * footnote is wider by an eighth at least (the corpus's are 1.17 to 1.58
 * times): a body paragraph a little wider than the percentile is none. */
static bool footnote_wide(const ctx *c, const line *l)
{
	return l->type == L_TEXT && l->w > c->width + c->width / 16 &&
	       l->w <= c->width + c->width / 4 * 3;
}

void osc_tr_drop_footnotes(ctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (!footnote_wide(c, &c->lines[i]))
			continue;
		size_t start = i, end = i;
		unsigned widest = 0;
		while (end < c->n && footnote_wide(c, &c->lines[end]) &&
		       c->lines[end].page == c->lines[start].page) {
			widest = c->lines[end].w > widest ? c->lines[end].w : widest;
			end++;
		}
		/* the footnote's last line, shorter, ending a sentence */
		if (end < c->n && c->lines[end].type == L_TEXT && c->lines[end].terminal &&
		    c->lines[end].page == c->lines[start].page) {
			widest = c->lines[end].w > widest ? c->lines[end].w : widest;
			end++;
		}
		bool before = start == 0 || is_break_line(&c->lines[start - 1]) ||
			      c->lines[start - 1].terminal || c->lines[start].page_start;
		bool after = end == c->n || is_break_line(&c->lines[end]) ||
			     c->lines[end].page != c->lines[start].page;
		/* at the very foot of a page it may interrupt a paragraph that
		 * goes on over the page */
		size_t k = end;
		while (k < c->n && (c->lines[k].type == L_BLANK || c->lines[k].type == L_DROP) &&
		       c->lines[k].page == c->lines[start].page)
			k++;
		bool foot = k == c->n || c->lines[k].page != c->lines[start].page;
		if ((before || foot) && after && end - start <= 8 && end - start >= 2 &&
		    widest > c->width + c->width / 8)
			for (size_t d = start; d < end; d++)
				c->lines[d].type = L_DROP;
		i = end - 1;
	}
}

/* The number that ends the text at s[0, n) after a lower-case letter
 * ("time3"): its value and digits, or 0. */
static size_t glued_number(const char *s, size_t n, unsigned *value)
{
	size_t d = 0;
	while (d < n && d < 3 && osc_is_digit(s[n - 1 - d]))
		d++;
	if (!d || d == n || !(s[n - 1 - d] >= 'a' && s[n - 1 - d] <= 'z'))
		return 0;
	*value = 0;
	for (size_t k = n - d; k < n; k++)
		*value = *value * 10 + (unsigned)(s[k] - '0');
	return d;
}

/* A footnote of page `page` that starts with number v: a dropped line
 * that is the number alone, or the number and its text. */
static bool footnote_numbered(const ctx *c, unsigned page, unsigned v)
{
	for (size_t i = 0; i < c->n; i++) {
		const line *l = &c->lines[i];
		if (l->page != page || l->type != L_DROP || !l->n)
			continue;
		const char *s = LTEXT(c, l);
		unsigned x = 0;
		size_t k = 0;
		while (k < l->n && k < 3 && osc_is_digit(s[k]))
			x = x * 10 + (unsigned)(s[k++] - '0');
		if (k && x == v && (k == l->n || s[k] == ' ') &&
		    /* not the page number: a footnote's text follows */
		    (k < l->n || (i + 1 < c->n && c->lines[i + 1].type == L_DROP &&
				  c->lines[i + 1].page == page) ||
		     (i + 2 < c->n && c->lines[i + 1].type == L_BLANK &&
		      c->lines[i + 2].type == L_DROP && c->lines[i + 2].page == page)))
			return true;
	}
	return false;
}

/* The first ASCII digit of s[k, n), or n: most lines have none. */
static size_t next_digit(const char *s, size_t k, size_t n)
{
#ifdef __SSE2__
	const __m128i lo = _mm_set1_epi8('0' - 1), hi = _mm_set1_epi8('9' + 1);
	for (; k + 16 <= n; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
		/* signed: bytes from 0x80 are below '0' */
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmplt_epi8(v, hi)));
		if (m)
			return k + (size_t)__builtin_ctz(m);
	}
#endif
	while (k < n && !osc_is_digit(s[k]))
		k++;
	return k;
}

/* Line l's text, to be changed: a view of the input is copied into the
 * scratch buffer first (the input is not ours to write). */
static char *own_text(ctx *c, line *l)
{
	if (l->view) {
		size_t off = c->scratch->len;
		osc_buf_add(c->scratch, c->src + l->off, l->n);
		if (c->scratch->failed)
			return NULL;
		c->buf = c->scratch->data;
		l->off = off;
		l->view = false;
	}
	return (char *)(uintptr_t)c->buf + l->off;
}

osc_status osc_tr_cut_glued_numbers(ctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		line *l = &c->lines[i];
		if (l->type != L_TEXT && l->type != L_BULLET)
			continue;
		const char *s = LTEXT(c, l);
		/* a page number glued to the page's last word ("time3"): the
		 * last text line of its page, the number the page's (or one
		 * off, for an unnumbered cover) */
		bool last = true;
		for (size_t k = i + 1; k < c->n && c->lines[k].page == l->page && last; k++)
			last = c->lines[k].type != L_TEXT && c->lines[k].type != L_BULLET;
		unsigned v;
		size_t d = glued_number(s, l->n, &v);
		if (d && last && (v == l->page || v + 1 == l->page || v == l->page + 1)) {
			l->n -= d;
			continue;
		}
		/* a footnote's mark glued to a word ("young people1 until"),
		 * where the page's footnote begins with that number */
		for (size_t k = next_digit(s, 3, l->n); k < l->n; k = next_digit(s, k + 1, l->n)) {
			if (osc_is_digit(s[k - 1]))
				continue;
			size_t e = k;
			while (e < l->n && e - k < 2 && osc_is_digit(s[e]))
				e++;
			if (e < l->n && s[e] != ' ' && s[e] != '.' && s[e] != ',' && s[e] != ';')
				continue;
			if (!(s[k - 1] >= 'a' && s[k - 1] <= 'z' && s[k - 2] >= 'a' && s[k - 2] <= 'z' &&
			      s[k - 3] >= 'a' && s[k - 3] <= 'z'))
				continue;
			if (glued_number(s, e, &v) && footnote_numbered(c, l->page, v)) {
				char *w = own_text(c, l);
				if (!w)
					return OSC_ENOMEM;
				memmove(w + k, w + e, l->n - e);
				l->n -= e - k;
				break;
			}
		}
	}
	return OSC_OK;
}
