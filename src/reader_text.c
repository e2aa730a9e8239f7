/*
 * reader_text.c - plain text (pdftotext output included) and Markdown.
 *
 * Both formats go through the same steps:
 *   1. cut the text into lines, normalising each one (spaces, ligatures,
 *      bullet glyphs, Markdown markup) and noting page breaks (form feeds);
 *   2. drop page furniture: page numbers, contact lines of the letterhead,
 *      footnotes at the foot of a page, the back-page licence text;
 *   3. rebuild paragraphs from the shape of the lines (see
 *      docs/design.md, "Paragraphs"): a new bullet or heading starts a block,
 *      and a line that ends a sentence well short of the wrap width ends one.
 * Markdown differs only in step 3: blank lines separate paragraphs and lines
 * are not wrapped.
 */
#include "internal.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <stdlib.h>
#include <string.h>

typedef enum ltype {
	L_TEXT,
	L_BLANK,
	L_BULLET,   /* text after a bullet glyph; may be empty (glyph alone) */
	L_HEADING,  /* a Markdown heading, or a line naming a known section */
	L_DROP      /* furniture */
} ltype;

typedef struct line {
	size_t off, n;     /* normalised text in the scratch buffer */
	bool substantial;  /* the original line has at least SUBSTANTIAL code
			    * points (counting leading space as one) */
	unsigned w;        /* width of its text (after any bullet) in 1/1000 em */
	unsigned page;
	ltype type;
	bool page_start;   /* first line after a form feed */
	bool terminal;     /* ends a sentence: . ? ! : or ; (maybe quoted) */
	bool numbered;     /* L_BULLET: its marker is a number ("8.", "3)") */
} line;

typedef struct ctx {
	const char *buf;   /* scratch->data once all lines are in */
	line *lines;
	size_t n, cap;
	bool markdown;
	bool layout;           /* lines from a laid-out page: gaps are known */
	unsigned width;        /* wrap width of ordinary lines */
	unsigned bullet_width; /* wrap width of lines inside bullets */
	unsigned last_number;  /* the last paragraph number read ("8.") */
	const osc_allocator *a;
} ctx;

/* ---- step 1: lines ----------------------------------------------------- */

/*
 * Letters are set in proportional fonts, so a line's length in characters
 * says little about how full it is.  Widths are measured in 1/1000 em with
 * Helvetica's metrics (Arial's are the same), which makes the test "would
 * the next word have fitted on this line?" much sharper.
 */
static const uint16_t ascii_width[95] = {
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
};

static unsigned cp_width(uint32_t cp)
{
	if (cp >= 32 && cp < 127)
		return ascii_width[cp - 32];
	switch (cp) {
	case 0x2018: case 0x2019: return 222;
	case 0x201C: case 0x201D: return 333;
	case 0x2013: return 556;
	case 0x2014: return 1000;
	default: return 556;
	}
}

static unsigned text_width(const char *s, size_t n)
{
	unsigned w = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 32 && c < 127) { /* most of it */
			w += ascii_width[c - 32];
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k)
			cp = 0xFFFD, k = 1;
		w += cp_width(cp);
		i += k;
	}
	return w;
}

/* Code points that start a bullet in pdftotext output and elsewhere. */
bool osc_is_bullet_cp(uint32_t cp)
{
	switch (cp) {
	case 0x25FC: case 0x25FB: case 0x25AA: case 0x25A0: case 0x25CF:
	case 0x2022: case 0x2023: case 0x2043: case 0x25E6: case 0x00B7:
	case 0xF06E: case 0xF02D: case 0xF0B7: case 0xF0A7: case 0xF076:
	case 0xF0D8: case 0xF0FC: case 0x27A2: case 0x2713: case 0x25BA:
		return true;
	default:
		return false;
	}
}

/* printable ASCII other than the space */
#define PRINTABLE(c) ((unsigned char)((c) - 0x21) < 0x5E)

/* A run of printable ASCII with single spaces between words, at most
 * PLAIN_RUN bytes of the n (>= 2) at s and never the last (a space counts
 * when a printable byte follows it): copied to o, which has room for
 * PLAIN_RUN bytes, its width added to *w.  Returns its length, >= 1 when
 * s[0] is printable. */
#define PLAIN_RUN 16
static unsigned plain_run(const unsigned char *s, size_t n, char *o, unsigned *w)
{
	size_t lim = n - 1 < PLAIN_RUN ? n - 1 : PLAIN_RUN;
	unsigned k;
#ifdef __SSE2__
	/* sixteen bytes at once, and the byte after each for a space; near
	 * the end from a copy padded with NULs, which are not printable */
	unsigned char pad[PLAIN_RUN + 1] = { 0 };
	const unsigned char *p = s;
	if (n < PLAIN_RUN + 1) {
		memcpy(pad, s, n);
		p = pad;
	}
	const __m128i sp = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7F);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
	/* signed: bytes from 0x80 are below the space */
	__m128i pr = _mm_and_si128(_mm_cmpgt_epi8(v, sp), _mm_cmplt_epi8(v, del));
	__m128i pr1 = _mm_and_si128(_mm_cmpgt_epi8(v1, sp), _mm_cmplt_epi8(v1, del));
	__m128i ok = _mm_or_si128(pr, _mm_and_si128(_mm_cmpeq_epi8(v, sp), pr1));
	unsigned m = (unsigned)_mm_movemask_epi8(ok) & ((1u << lim) - 1);
	k = m == 0xFFFF ? PLAIN_RUN : (unsigned)__builtin_ctz(~m);
	_mm_storeu_si128((__m128i *)(void *)o, v);
#else
	for (k = 0; k < lim; k++) {
		unsigned char c = s[k];
		if (!(PRINTABLE(c) | ((c == ' ') & PRINTABLE(s[k + 1]))))
			break;
		o[k] = (char)c;
	}
#endif
	unsigned w0 = 0, w1 = 0;
	if (k == PLAIN_RUN) {
		for (unsigned j = 0; j < PLAIN_RUN; j += 2) {
			w0 += ascii_width[s[j] - 32];
			w1 += ascii_width[s[j + 1] - 32];
		}
	} else {
		for (unsigned j = 0; j < k; j++)
			w0 += ascii_width[s[j] - 32];
	}
	*w += w0 + w1;
	return k;
}

/* Append one line's text normalised: spaces folded, soft hyphens and zero
 * widths dropped, ligatures spelled out, Markdown emphasis removed.  The
 * room is reserved once and bytes written straight in: this runs over every
 * byte of the input. */
static unsigned normalise_into(osc_buf *out, const char *s, size_t n, bool md)
{
	unsigned w = 0; /* the width of what is written, as text_width() */
	/* at most 3 bytes out for one in (an invalid byte becomes U+FFFD),
	 * and room for a plain run's whole store */
	if (n > (SIZE_MAX - PLAIN_RUN) / 3 || !osc_buf_reserve(out, 3 * n + PLAIN_RUN))
		return 0;
	char *base = out->data, *o = base + out->len;
	bool space = false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (!md && PRINTABLE(c) && i + 1 < n) {
			/* most bytes: printable ASCII with single spaces between
			 * words, copied as it is (the line's last byte, and any
			 * other, take the general path below) */
			if (space && o > base && o[-1] != ' ')
				*o++ = ' ', w += ascii_width[0];
			space = false;
			for (;;) { /* here i + 1 < n */
				unsigned k = plain_run((const unsigned char *)s + i, n - i, o, &w);
				o += k;
				i += k;
				if (k < PLAIN_RUN || i + 1 >= n)
					break;
			}
			continue;
		}
		if (c < 0x80) {
			i++;
			if (c == ' ' || (c >= '\t' && c <= '\r')) {
				space = true;
				continue;
			}
			if (c < 0x20 || c == 0x7F)
				continue;
			if (md && (c == '*' || c == '_') && i < n && s[i] == (char)c) {
				i++; /* ** or __ emphasis */
				continue;
			}
			if (space && o > base && o[-1] != ' ')
				*o++ = ' ', w += ascii_width[0];
			space = false;
			*o++ = (char)c;
			w += ascii_width[c - 32];
			continue;
		}
		uint32_t cp;
		size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k) { /* cannot happen after osc_decode; be safe */
			cp = 0xFFFD;
			k = 1;
		}
		const char *src = s + i;
		i += k;
		if (osc_is_space_cp(cp) && cp != 0x200B && cp != 0xFEFF) {
			space = true;
			continue;
		}
		if (cp == 0x00AD || cp == 0x200B || cp == 0xFEFF || cp == 0x200C ||
		    cp == 0x200D || cp == 0x2060)
			continue;
		if (space && o > base && o[-1] != ' ')
			*o++ = ' ', w += ascii_width[0];
		space = false;
		const char *rep = NULL;
		switch (cp) {
		case 0xFB00: rep = "ff"; break;
		case 0xFB01: rep = "fi"; break;
		case 0xFB02: rep = "fl"; break;
		case 0xFB03: rep = "ffi"; break;
		case 0xFB04: rep = "ffl"; break;
		case 0x2010: case 0x2011: rep = "-"; break;
		case 0xFFFD: rep = "\xEF\xBF\xBD"; break;
		default: break;
		}
		if (rep) {
			size_t rl = strlen(rep);
			memcpy(o, rep, rl);
			o += rl;
			w += rep[0] == '\xEF' ? cp_width(0xFFFD) : text_width(rep, rl);
		} else {
			memcpy(o, src, k);
			o += k;
			w += cp_width(cp);
		}
	}
	out->len = (size_t)(o - base);
	base[out->len] = '\0';
	return w;
}

unsigned osc_normalise_line(osc_buf *out, const char *s, size_t n, bool md)
{
	return normalise_into(out, s, n, md);
}

unsigned osc_text_width(const char *s, size_t n)
{
	return text_width(s, n);
}

static bool all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Page numbers ("3", "Page 3", "Page 3 of 7", "3 of 7", "- 3 -"). */
static bool is_page_number(const char *s, size_t n)
{
	if (n <= 3 && all_digits(s, n))
		return true;
	if (osc_starts_with_ci(s, n, "page ")) {
		s += 5, n -= 5;
	} else if (n >= 5 && s[0] == '-' && s[1] == ' ' && s[n - 1] == '-' &&
		   s[n - 2] == ' ') {
		s += 2, n -= 4;
	}
	size_t i = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i > 3)
		return false;
	if (i == n)
		return true;
	return n - i > 4 && memcmp(s + i, " of ", 4) == 0 &&
	       all_digits(s + i + 4, n - i - 4);
}

/* Letterhead and contact lines: dropped wherever they stand. */
static bool is_contact_line(const char *s, size_t n)
{
	static const char *const prefixes[] = {
		"T 0300", "T: 0300", "Textphone", "Tel:", "Tel ", "Telephone:",
		"enquiries@ofsted", "E: enquiries@", "W: www.", "www.gov.uk/ofsted",
		"www.ofsted.gov.uk", "F 0", "Direct T", "Direct F", "Direct email",
	};
	static osc_prefixes set = OSC_PREFIXES(prefixes);
	return osc_prefixes_find(&set, s, n) >= 0;
}

/* The back page of reports and letters: everything from here is dropped. */
static bool is_back_page(const char *s, size_t n)
{
	static const char *const prefixes[] = {
		"\xC2\xA9 Crown copyright", "(c) Crown copyright",
		"The Office for Standards in Education, Children",
		"If you would like a copy of this document in a different format",
		"You may reuse this information (not including logos)",
	};
	static osc_prefixes set = OSC_PREFIXES(prefixes);
	return osc_prefixes_find(&set, s, n) >= 0;
}

static bool ends_terminal(const char *s, size_t n)
{
	/* skip closing quotes and brackets, and footnote digits after them */
	while (n > 0) {
		unsigned char c = (unsigned char)s[n - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*') {
			n--;
		} else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
			   (unsigned char)s[n - 2] == 0x80 &&
			   ((unsigned char)s[n - 1] == 0x99 || (unsigned char)s[n - 1] == 0x9D)) {
			n -= 3; /* ’ ” */
		} else {
			break;
		}
	}
	if (!n)
		return false;
	char c = s[n - 1];
	if (c != '.' && c != '?' && c != '!' && c != ':' && c != ';')
		return false;
	/* a bracket left open goes on: "... (PEPs). (Outcome two:" */
	if (!memchr(s, '(', n - 1))
		return true; /* most lines: no bracket at all */
	for (size_t k = n - 1; k > 0; k--) {
		if (s[k - 1] == ')')
			break;
		if (s[k - 1] == '(')
			return false;
	}
	return true;
}

/* Is the number v at the start of the line being pushed a paragraph's
 * marker ("25. Young people ...")?  If so it is counted (last_number).
 * Not when it goes on the sentence of the line before out of sequence
 * ("... support until age" / "25. Young people's ..."): a report's
 * paragraphs count up, the first of a list is 1, and a heading can come
 * before any.  Markdown's lists are always lists. */
static bool take_marker(ctx *c, const osc_buf *scratch, unsigned v)
{
	if (!c->markdown && v != 1 && v != c->last_number + 1 && c->n >= 2) {
		const line *prev = &c->lines[c->n - 2];
		const char *t = scratch->data + prev->off;
		if ((prev->type == L_TEXT || prev->type == L_BULLET) && prev->n &&
		    !ends_terminal(t, prev->n) && !osc_ends_with_grade(t, prev->n))
			return false; /* (an area's heading ends in its grade) */
	}
	c->last_number = v;
	return true;
}

/* Lines this long (in code points) count towards the wrap width. */
#define SUBSTANTIAL 30

/* Has the line of n bytes at s (after `lead` leading space, counted as one)
 * at least SUBSTANTIAL code points? */
static bool is_substantial(const char *s, size_t n, bool lead)
{
	return osc_utf8_at_least(s, n, lead ? SUBSTANTIAL - 1 : SUBSTANTIAL);
}

static osc_status push_line(ctx *c, osc_buf *scratch, const char *raw,
			    size_t rn, unsigned page, bool page_start)
{
	if (!osc_grow(c->a, (void **)&c->lines, &c->cap, c->n + 1, sizeof *c->lines))
		return OSC_ENOMEM;
	line *l = &c->lines[c->n++];
	memset(l, 0, sizeof *l);
	l->page = page;
	l->page_start = page_start;
	rn -= osc_rspace(raw, rn);
	size_t lead = osc_lspace(raw, rn);
	raw += lead, rn -= lead;
	l->substantial = is_substantial(raw, rn, lead != 0);
	if (!rn) {
		l->type = L_BLANK;
		l->off = scratch->len;
		return OSC_OK;
	}

	l->type = L_TEXT;
	/* Bullet glyphs; in Markdown also "- ", "* ", "+ " and "1. " items. */
	uint32_t cp;
	size_t k = osc_utf8_decode((const unsigned char *)raw, rn, &cp);
	if (k && osc_is_bullet_cp(cp)) {
		l->type = L_BULLET;
		raw += k, rn -= k;
	} else if (rn >= 2 && (raw[0] == '-' || raw[0] == '*' || raw[0] == '+') &&
		   raw[1] == ' ') {
		l->type = L_BULLET;
		raw += 2, rn -= 2;
	} else if (rn == 1 && (raw[0] == '-' || raw[0] == '*')) {
		l->type = L_BULLET;
		rn = 0;
	} else {
		size_t d = 0;
		while (d < rn && d < 3 && raw[d] >= '0' && raw[d] <= '9')
			d++;
		if (d && d < rn && (raw[d] == '.' || raw[d] == ')') &&
		    (d + 1 == rn || raw[d + 1] == ' ') &&
		    take_marker(c, scratch, (unsigned)strtoul(raw, NULL, 10))) {
			l->type = L_BULLET;
			l->numbered = true;
			raw += d + 1, rn -= d + 1;
		}
	}
	if (c->markdown && l->type == L_TEXT && raw[0] == '#') {
		size_t h = 0;
		while (h < rn && raw[h] == '#')
			h++;
		if (h <= 6 && (h == rn || raw[h] == ' ')) {
			l->type = L_HEADING;
			raw += h, rn -= h;
			while (rn && raw[rn - 1] == '#')
				rn--; /* closing hashes */
		}
	}
	size_t lead2 = osc_lspace(raw, rn);
	raw += lead2, rn -= lead2;

	l->off = scratch->len;
	l->w = normalise_into(scratch, raw, rn, c->markdown);
	l->n = scratch->len - l->off;
	if (scratch->failed)
		return OSC_ENOMEM;
	return OSC_OK;
}

static osc_status cut_lines(ctx *c, const char *text, size_t len,
			    osc_buf *scratch)
{
	unsigned page = 1;
	bool page_start = false;
	size_t i = 0;
	/* the next form feed, found once for all the lines before it */
	const char *ff = memchr(text, '\f', len);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t s = i;
		/* A form feed starts a new page; text after it is on that page. */
		for (; ff && (size_t)(ff - text) < end; ff = memchr(ff + 1, '\f', len - (size_t)(ff + 1 - text))) {
			size_t j = (size_t)(ff - text);
			if (j > s) {
				osc_status st = push_line(c, scratch, text + s, j - s,
							  page, page_start);
				if (st)
					return st;
				page_start = false;
			}
			page++;
			page_start = true;
			s = j + 1;
		}
		size_t e = end;
		if (e > s && text[e - 1] == '\r')
			e--;
		if (e > s || s == i) {
			osc_status st = push_line(c, scratch, text + s, e - s, page,
						  page_start);
			if (st)
				return st;
			page_start = false;
		}
		i = end + 1;
	}
	/* Lone '\r' line ends (old Mac) are not split; they are rare enough. */
	return OSC_OK;
}

/* ---- step 2: furniture ------------------------------------------------- */

#define LTEXT(c, l) ((c)->buf + (l)->off)

static void drop_furniture(ctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		line *l = &c->lines[i];
		if (l->type == L_BLANK || l->type == L_DROP)
			continue;
		const char *s = LTEXT(c, l);
		if (l->type == L_TEXT && (is_page_number(s, l->n) || is_contact_line(s, l->n))) {
			l->type = L_DROP;
			continue;
		}
		if (is_back_page(s, l->n)) {
			/* The back page runs to the end of its page; a letter's
			 * licence text can close the document. */
			unsigned page = l->page;
			for (size_t j = i; j < c->n && c->lines[j].page == page; j++)
				c->lines[j].type = L_DROP;
		}
	}
}

/* The wrap width is this percentile of the widths of substantial lines; a
 * line ends its paragraph when the next word would have fitted with SLACK
 * to spare.  Tuned on the corpus: 80 to 90 give the same segmentation. */
#define PCT 90
#define SLACK 0

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
static size_t drop_edge_round(ctx *c, edge_line *edge, size_t pages, bool first)
{
	size_t ne = 0, dropped = 0;
	for (size_t i = 0; i < c->n && ne < pages; i++) {
		bool at_edge = first ? (i == 0 || c->lines[i - 1].page != c->lines[i].page)
				     : (i + 1 == c->n || c->lines[i + 1].page != c->lines[i].page);
		size_t e = at_edge ? page_edge(c, i, first) : SIZE_MAX;
		if (e != SIZE_MAX && c->lines[e].n <= 120)
			edge[ne++] = (edge_line){ c->buf + c->lines[e].off, c->lines[e].n, e };
	}
	qsort(edge, ne, sizeof *edge, cmp_edge);
	for (size_t g = 0; g < ne;) {
		size_t h = g + 1;
		while (h < ne && cmp_edge(&edge[g], &edge[h]) == 0)
			h++;
		if (h - g >= 3 && (h - g) * 2 >= pages)
			for (size_t k = g; k < h; k++, dropped++)
				c->lines[edge[k].index].type = L_DROP;
		g = h;
	}
	return dropped;
}

static void drop_running_lines(ctx *c)
{
	size_t pages = c->n ? c->lines[c->n - 1].page : 0;
	if (pages < 3)
		return;
	edge_line *edge = osc_malloc(c->a, pages * sizeof *edge);
	if (!edge)
		return; /* an optimisation of the output, not a requirement */
	/* a header or footer of several lines (a report's "Inspection of X"
	 * over its dates over the page number) comes off a line a round */
	for (int round = 0; round < 4; round++) {
		size_t n = drop_edge_round(c, edge, pages, true);
		n += drop_edge_round(c, edge, pages, false);
		if (!n)
			break;
	}
	osc_free(c->a, edge);
}

/* The wrap width: a high percentile of the widths of substantial lines. */
static unsigned percentile_width(ctx *c, bool bullets, unsigned fallback)
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
		r = osc_select_kth(w, k, k * PCT / 100 < k ? k * PCT / 100 : k - 1);
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

static void drop_footnotes(ctx *c)
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

/* ---- step 3: paragraphs ------------------------------------------------ */


typedef struct para {
	osc_buf text;
	osc_block_type type;
	bool open;
	unsigned page;
	const line *first;     /* the first line added */
	const line *last;      /* the last line added */
	bool gap;              /* blank line(s) since the last line (not a page break) */
	bool page_break;       /* a page break since the last line */
	bool numbered;         /* a numbered paragraph ("8." before it) */
	bool lone_marker;      /* ... whose number stood on a line of its own */
} para;

static unsigned first_word_width(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] != ' ')
		i++;
	return text_width(s, i);
}

static bool starts_upper_or_digit(const char *s, size_t n)
{
	uint32_t cp;
	size_t k = osc_utf8_decode((const unsigned char *)s, n, &cp);
	if (!k)
		return false;
	if (cp == 0x2018 || cp == 0x201C || cp == '\'' || cp == '"' || cp == '(') {
		s += k, n -= k;
		k = osc_utf8_decode((const unsigned char *)s, n, &cp);
		if (!k)
			return false;
	}
	return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
	       (cp >= 0xC0 && cp <= 0xDE);
}

static bool is_lower_start(const char *s, size_t n)
{
	return n && s[0] >= 'a' && s[0] <= 'z';
}

/* Whether a line that ends in a hyphen and goes on with `s` split a word
 * ("recruit-" "ment"): only when the next fragment is a word ending, since
 * Ofsted's letters are not hyphenated by the typesetter and a line-end
 * hyphen is nearly always a compound's ("later-" "life", "multi-" "agency"). */
static bool split_word(const char *s, size_t n)
{
	static const char *const endings[] = {
		"ment", "ments", "tion", "tions", "sion", "sions", "ing", "ings",
		"ed", "ly", "ness", "ity", "ities", "ance", "ances", "ence", "ences",
		"ive", "ful", "able", "ible", "al", "ally", "er", "ers", "ship",
		"ships", "ise", "ised", "ize", "ized", "ist", "ists", "ial", "ous",
	};
	size_t w = 0;
	while (w < n && s[w] >= 'a' && s[w] <= 'z')
		w++;
	for (size_t i = 0; i < OSC_ARRAY_LEN(endings); i++)
		if (strlen(endings[i]) == w && memcmp(s, endings[i], w) == 0)
			return true;
	return false;
}

static void para_append(para *p, const char *s, size_t n)
{
	osc_buf *b = &p->text;
	if (b->len == 0) {
		osc_buf_add(b, s, n);
		return;
	}
	/* A word hyphenated across the line break. */
	if (b->len >= 2 && b->data[b->len - 1] == '-' && is_lower_start(s, n)) {
		if (split_word(s, n)) {
			b->len--;
			b->data[b->len] = '\0';
		}
		osc_buf_add(b, s, n);
		return;
	}
	if (b->data[b->len - 1] != ' ')
		osc_buf_addc(b, ' ');
	osc_buf_add(b, s, n);
}

static osc_status para_flush(para *p, osc_blocks *out)
{
	osc_status st = OSC_OK;
	if (p->open && p->text.len)
		st = osc_blocks_push(out, p->type, p->text.data, p->text.len, p->page);
	p->open = false;
	p->last = NULL;
	p->gap = p->page_break = false;
	osc_buf_clear(&p->text);
	return p->text.failed ? OSC_ENOMEM : st;
}

/* Open a paragraph at line l; `marker` is the bullet line before it when
 * the bullet's marker stood alone, else NULL. */
static void para_start(para *p, osc_block_type t, const line *l, const line *marker)
{
	p->open = true;
	p->type = t;
	p->page = l->page;
	p->last = NULL;
	p->gap = p->page_break = false;
	p->numbered = t == OSC_BLOCK_BULLET && (marker ? marker : l)->numbered;
	p->lone_marker = marker != NULL;
}

/* Does the text line `l` start a new paragraph after the open one? */
static bool breaks_before(const ctx *c, const para *p, const line *l)
{
	const line *prev = p->last;
	const char *s = LTEXT(c, l);
	if (!prev)
		return false;
	if (!starts_upper_or_digit(s, l->n))
		return false;
	/* a bracketed reference on a line of its own ends the bullet before
	 * it ("... before proceedings." "(Outcome 3, national framework)") */
	if (p->type == OSC_BLOCK_BULLET && !p->gap && s[0] == '(' &&
	    (s[l->n - 1] == ')' || (l->n >= 2 && s[l->n - 2] == ')' && s[l->n - 1] == '.')))
		return false;
	if (c->markdown)
		return p->gap; /* blank lines separate; a lower-case start
				* after one is a page break mid-sentence */
	if (c->layout && !p->page_break)
		return p->gap; /* the page's geometry said */
	/* A paragraph numbered on its first line can have a blank line after
	 * that line (pdftotext's reading of the number's indent): that blank
	 * separates nothing. */
	unsigned w = p->type == OSC_BLOCK_BULLET ? c->bullet_width : c->width;
	bool gap = p->gap && !(p->numbered && !p->lone_marker && prev == p->first);
	if (!prev->terminal) {
		/* mid-sentence joins, unless the line was a short title or an
		 * address line ("Focused visit to ...", "Town Hall"), or a
		 * blank line within the page ends a bullet ("... (outcome 3,
		 * national framework)") */
		if (p->page_break)
			return false;
		if (p->type == OSC_BLOCK_BULLET)
			return gap;
		return p->last == p->first && (prev->w * 4 < w * 3 || gap);
	}
	if (gap && !p->page_break)
		return true;                /* a blank line inside a page */
	/* A report's paragraph numbered on a line of its own runs to the next
	 * number (or heading, or blank line): the PDFs have no paragraph
	 * break inside one, and the test below finds false ones. */
	if (p->numbered && p->lone_marker)
		return false;
	/* Would the next line's first word have fitted on the previous line?
	 * If so, the previous line was ended on purpose. */
	return prev->w + ascii_width[0] + first_word_width(s, l->n) + SLACK <= w;
}

/* A report's heading for a judgement area at line i ("The experiences and
 * progress of children in care: good"), on that line or wrapped onto the
 * next text line: the index of its last line, or SIZE_MAX.  The whole
 * heading is copied to buf (its length in *hn).  Headings are capitalised:
 * "overall effectiveness" in a sentence is none. */
static size_t area_heading(const ctx *c, size_t i, char *buf, size_t cap, size_t *hn)
{
	const line *l = &c->lines[i];
	const char *s = LTEXT(c, l);
	if ((s[0] != 'T' && s[0] != 'O') || !osc_area_lead(s, l->n) || l->n >= cap)
		return SIZE_MAX;
	memcpy(buf, s, l->n);
	*hn = l->n;
	size_t k = i + 1;
	while (k < c->n && (c->lines[k].type == L_BLANK || c->lines[k].type == L_DROP))
		k++;
	bool more = k < c->n && c->lines[k].type == L_TEXT;
	/* a sentence goes on in lower case: "... in Oxfordshire are good" /
	 * "across all aspects of ..." */
	if (osc_is_judgement_heading(buf, *hn))
		return more && !starts_upper_or_digit(LTEXT(c, &c->lines[k]), c->lines[k].n)
		       ? SIZE_MAX : i;
	if (!more || memchr(s, '.', l->n) || l->n + 1 + c->lines[k].n >= cap)
		return SIZE_MAX;
	buf[(*hn)++] = ' ';
	memcpy(buf + *hn, LTEXT(c, &c->lines[k]), c->lines[k].n);
	*hn += c->lines[k].n;
	return osc_is_judgement_heading(buf, *hn) ? k : SIZE_MAX;
}

static osc_status build_paragraphs(ctx *c, osc_blocks *out, osc_buf *scratch2)
{
	para p = {0};
	p.text = *scratch2;
	osc_buf_clear(&p.text);
	const line *marker = NULL; /* a bullet's marker alone on its line,
				    * its text to come on the next */
	osc_status st = OSC_OK;

	for (size_t i = 0; i < c->n && !st; i++) {
		line *l = &c->lines[i];
		if (l->page_start && p.open)
			p.page_break = true;
		switch (l->type) {
		case L_DROP:
			continue;
		case L_BLANK:
			if (p.open)
				p.gap = true;
			continue;
		case L_HEADING:
			st = para_flush(&p, out);
			if (!st && l->n)
				st = osc_blocks_push(out, OSC_BLOCK_HEADING, LTEXT(c, l), l->n, l->page);
			marker = NULL;
			continue;
		case L_BULLET:
			st = para_flush(&p, out);
			if (st)
				break;
			if (!l->n) {
				marker = l;
				continue;
			}
			para_start(&p, OSC_BLOCK_BULLET, l, NULL);
			marker = NULL;
			break;
		case L_TEXT: {
			const char *s = LTEXT(c, l);
			osc_heading h = osc_classify_heading(s, l->n);
			/* a line that is exactly a section heading stands alone
			 * after a paragraph's end, or when it is capitalised */
			bool after_end = !p.open || (p.last && p.last->terminal) ||
					 starts_upper_or_digit(s, l->n);
			if (h != OSC_HEAD_NONE && h != OSC_HEAD_OTHER && after_end &&
			    !marker) {
				st = para_flush(&p, out);
				if (!st)
					st = osc_blocks_push(out, OSC_BLOCK_HEADING, s, l->n, l->page);
				continue;
			}
			/* a judgement area's heading stands alone, however the
			 * lines before it ended ("... (outcome 3: national
			 * framework)", a numbered paragraph's full last line) */
			char head[256];
			size_t hn, last;
			if (!marker &&
			    (last = area_heading(c, i, head, sizeof head, &hn)) != SIZE_MAX) {
				st = para_flush(&p, out);
				if (!st)
					st = osc_blocks_push(out, OSC_BLOCK_PARA, head, hn, l->page);
				i = last;
				continue;
			}
			/* the opening ("This letter summarises ...") and the
			 * closing ("Ofsted will take the findings ...", "Yours
			 * sincerely") always start a paragraph of their own */
			if (p.open && !marker &&
			    (osc_is_closing(s, l->n) || osc_is_opening(s, l->n))) {
				st = para_flush(&p, out);
				para_start(&p, OSC_BLOCK_PARA, l, NULL);
			} else if (marker) {
				st = para_flush(&p, out);
				para_start(&p, OSC_BLOCK_BULLET, l, marker);
				marker = NULL;
			} else if (!p.open) {
				para_start(&p, OSC_BLOCK_PARA, l, NULL);
			} else if (breaks_before(c, &p, l)) {
				st = para_flush(&p, out);
				para_start(&p, OSC_BLOCK_PARA, l, NULL);
			}
			break;
		}
		}
		if (st)
			break;
		para_append(&p, LTEXT(c, l), l->n);
		if (!p.last)
			p.first = l;
		p.last = l;
		p.gap = p.page_break = false;
	}
	if (!st)
		st = para_flush(&p, out);
	*scratch2 = p.text;
	return st;
}

/* Lines from a laid-out page: a blank line where the geometry showed a
 * paragraph's space, widths measured rather than estimated. */
static osc_status layout_lines(ctx *c, const char *text, const osc_layout_line *v,
			       size_t n, osc_buf *scratch)
{
	for (size_t i = 0; i < n; i++) {
		bool page_start = i == 0 || v[i].page != v[i - 1].page;
		osc_status st;
		if (v[i].gap_before && !page_start &&
		    (st = push_line(c, scratch, "", 0, v[i].page, false)))
			return st;
		if ((st = push_line(c, scratch, text + v[i].off, v[i].len, v[i].page,
				    page_start && v[i].page > 1)))
			return st;
		line *l = &c->lines[c->n - 1];
		if (l->type != L_BLANK && v[i].w > 0)
			l->w = (unsigned)v[i].w;
		if (v[i].drop)
			l->type = L_DROP;
	}
	return OSC_OK;
}

static osc_status read_lines(const char *text, size_t len, const osc_layout_line *v,
			     osc_blocks *out, osc_buf *scratch, bool markdown)
{
	ctx c = {0};
	c.markdown = markdown;
	c.layout = v != NULL;
	c.a = scratch->a;
	osc_buf_clear(scratch);
	osc_status st = v ? layout_lines(&c, text, v, len, scratch)
			  : cut_lines(&c, text, len, scratch);
	if (st)
		goto done;
	c.buf = scratch->data ? scratch->data : "";
	for (size_t i = 0; i < c.n; i++) {
		line *l = &c.lines[i];
		l->terminal = l->n && ends_terminal(LTEXT(&c, l), l->n);
	}
	drop_furniture(&c);
	if (!markdown)
		drop_running_lines(&c);
	c.width = percentile_width(&c, false, 85 * 500);
	c.bullet_width = percentile_width(&c, true, c.width);
	if (!markdown)
		drop_footnotes(&c);

	osc_buf para_buf;
	osc_buf_init(&para_buf, c.a);
	st = build_paragraphs(&c, out, &para_buf);
	osc_buf_free(&para_buf);
done:
	osc_free(c.a, c.lines);
	return st;
}

osc_status osc_read_text(const char *text, size_t len, osc_blocks *out,
			 osc_buf *scratch, osc_error *err)
{
	osc_status st = read_lines(text, len, NULL, out, scratch, false);
	if (st)
		return osc_set_error(err, st, 0, "out of memory reading text");
	return OSC_OK;
}

osc_status osc_read_markdown(const char *text, size_t len, osc_blocks *out,
			     osc_buf *scratch, osc_error *err)
{
	osc_status st = read_lines(text, len, NULL, out, scratch, true);
	if (st)
		return osc_set_error(err, st, 0, "out of memory reading Markdown");
	return OSC_OK;
}

osc_status osc_read_layout(const char *text, const osc_layout_line *v,
			   size_t n, osc_blocks *out, osc_buf *scratch,
			   osc_error *err)
{
	if (!n)
		return OSC_OK;
	if (!v || !text)
		return osc_set_error(err, OSC_EINVAL, 0, "no layout lines");
	osc_status st = read_lines(text, n, v, out, scratch, false);
	if (st)
		return osc_set_error(err, st, 0, "out of memory reading the page layout");
	return OSC_OK;
}
