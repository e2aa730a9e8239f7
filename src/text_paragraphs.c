/*
 * text_paragraphs.c - step 3 of the text reader: paragraphs rebuilt from
 * the shape of the lines (docs/design.md, "Paragraphs"): a new bullet or
 * heading starts a block, and a line that ends a sentence well short of the
 * wrap width ends one; a report's area headings are joined when wrapped.
 */
#include "text_reader.h"
#include "lexicon.h"

#include <string.h>

/* ---- step 3: paragraphs ------------------------------------------------ */


typedef struct para {
	osc_buf text;          /* copied: the paragraph's text */
	char *dst;             /* in place: the input, written over (ctx.dst) */
	size_t at, len;        /* ... the open paragraph is dst[at, at + len) */
	size_t w;              /* ... where the next block's text goes */
	osc_block_type type;
	bool open;
	unsigned page;
	const line *first;     /* the first line added */
	const line *last;      /* the last line added */
	bool gap;              /* blank line(s) since the last line (not a page break) */
	bool page_break;       /* a page break since the last line */
	bool numbered;         /* a numbered paragraph ("8." before it) */
	unsigned number;       /* ... its number */
	bool lone_marker;      /* ... whose number stood on a line of its own */
	/* what breaks_before asks of the first line when it does not end a
	 * sentence (it asks only while it is the only one), noted before its
	 * text is written over */
	bool last_comma, last_colon, last_hyphen, last_mid;
} para;

static unsigned first_word_width(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] != ' ')
		i++;
	return osc_text_width(s, i);
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

/* The open paragraph's text, wherever it is written. */
static char *ptext(const para *p)
{
	return p->dst ? p->dst + p->at : p->text.data;
}

static size_t plen(const para *p)
{
	return p->dst ? p->len : p->text.len;
}

static void padd(para *p, const char *s, size_t n)
{
	if (p->dst) {
		memmove(p->dst + p->at + p->len, s, n); /* s may be just ahead */
		p->len += n;
	} else {
		osc_buf_add(&p->text, s, n);
	}
}

static void pdrop_last(para *p)
{
	if (p->dst) {
		p->len--;
	} else {
		p->text.len--;
		p->text.data[p->text.len] = '\0';
	}
}

/* Written in place, a block's text never reaches past the end of the last
 * line it came from (normalising never lengthens a line, and a join's
 * space takes a line break's place), so no line still to be read is
 * written over.  Checked, all the same. */
static osc_status in_place_ok(size_t end, const line *l)
{
	return end <= (size_t)l->end ? OSC_OK : OSC_EINVAL;
}

/* Append line l's text s[0, n) to the open paragraph. */
static osc_status para_append(para *p, const line *l, const char *s, size_t n)
{
	size_t len = plen(p);
	if (len == 0) {
		/* a stray full stop after a paragraph's number ("46. . Most") */
		while (n > 1 && (s[0] == '.' || s[0] == ',') && s[1] == ' ')
			s += 2, n -= 2;
	} else if (len >= 2 && ptext(p)[len - 1] == '-' && is_lower_start(s, n)) {
		/* a word hyphenated across the line break */
		if (split_word(s, n))
			pdrop_last(p);
	} else if (len >= 2 && ptext(p)[len - 1] == '-' && osc_is_alnum(ptext(p)[len - 2]) && n &&
		   ((s[0] >= 'A' && s[0] <= 'Z') || osc_is_digit(s[0]))) {
		/* a hyphenated compound broken after its hyphen, before a
		 * capital or a digit ("COVID-" / "19", "Stoke-on-" / "Trent",
		 * "post-" / "16"): the hyphen is the word's own, so no space */
	} else if (ptext(p)[len - 1] != ' ') {
		padd(p, " ", 1);
	}
	padd(p, s, n);
	return p->dst ? in_place_ok(p->at + p->len, l) : OSC_OK;
}

/* A block of its own (a heading) from text s[0, n) ending line l: copied,
 * or written in place. */
static osc_status push_block(para *p, osc_blocks *out, osc_block_type t, const char *s,
			     size_t n, const line *l)
{
	if (!p->dst)
		return osc_blocks_push(out, t, s, n, l->page);
	char *at = p->dst + p->w;
	memmove(at, s, n);
	if (in_place_ok(p->w + n, l))
		return OSC_EINVAL;
	p->w += n + 1; /* and its NUL */
	return osc_blocks_push_owned(out, t, at, n, l->page);
}

/* A paragraph this long is handed to the document as it is, not copied:
 * a text without paragraph breaks is kept once, not twice. */
#define ADOPT_MIN (256 * 1024)

static osc_status para_flush(para *p, osc_blocks *out)
{
	osc_status st = OSC_OK;
	bool pushed = p->open && plen(p);
	if (p->open && p->dst && p->len) {
		st = osc_blocks_push_owned(out, p->type, p->dst + p->at, p->len, p->page);
		p->w = p->at + p->len + 1;
	} else if (p->open && p->text.len >= ADOPT_MIN && !p->text.failed) {
		size_t n;
		char *s = osc_buf_steal(&p->text, &n);
		st = s ? osc_blocks_adopt(out, p->type, s, n, p->page) : OSC_ENOMEM;
	} else if (p->open && p->text.len) {
		st = osc_blocks_push(out, p->type, p->text.data, p->text.len, p->page);
	}
	if (pushed && !st && p->numbered)
		out->v[out->n - 1].number = p->number;
	p->open = false;
	p->last = NULL;
	p->gap = p->page_break = false;
	p->len = 0;
	osc_buf_clear(&p->text);
	return p->text.failed ? OSC_ENOMEM : st;
}

/* Open a paragraph at line l; `marker` is the bullet line before it when
 * the bullet's marker stood alone, else NULL. */
static void para_start(para *p, osc_block_type t, const line *l, const line *marker)
{
	p->open = true;
	p->type = t;
	p->at = p->w;
	p->len = 0;
	p->page = l->page;
	p->last = NULL;
	p->gap = p->page_break = false;
	p->numbered = t == OSC_BLOCK_BULLET && (marker ? marker : l)->numbered;
	p->number = p->numbered ? (marker ? marker : l)->number : 0;
	p->lone_marker = marker != NULL;
}

/* Does the text line `l` start a new paragraph after the open one? */
/* Does a line end on a word that a sentence goes on after ("... to", "...
 * and the")? */
static bool ends_mid_sentence(const char *s, size_t n)
{
#define W(x) { x, sizeof x - 1 }
	static const struct { const char *w; size_t n; } words[] = {
		W("to"), W("and"), W("or"), W("of"), W("the"), W("in"), W("for"), W("with"),
		W("a"), W("an"), W("on"), W("at"), W("by"), W("from"), W("is"), W("are"),
		W("that"), W("their"), W("its"),
	};
#undef W
	size_t k = n;
	while (k && s[k - 1] != ' ')
		k--;
	size_t m = n - k; /* the last word, after a space */
	if (!k)
		return false;
	for (size_t i = 0; i < OSC_ARRAY_LEN(words); i++)
		if (words[i].n == m && memcmp(s + k, words[i].w, m) == 0)
			return true;
	return false;
}

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
	/* A numbered paragraph (a report's) runs over a page break to the
	 * next number, whatever the page's last line ends with. */
	if (p->page_break && p->numbered && p->type == OSC_BLOCK_BULLET)
		return false;
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
		/* a line on its own, well short, that the next word would have
		 * fitted on and that reads as a title (no comma, not broken
		 * at a hyphen): a subheading ("Identifying children's needs") */
		bool fits = prev->w * 10 < w * 9 && !p->last_comma && !p->last_colon &&
			    !p->last_hyphen && !p->last_mid &&
			    prev->w + osc_ascii_width(' ') + first_word_width(s, l->n) + OSC_WRAP_SLACK <= w;
		return p->last == p->first && (prev->w * 4 < w * 3 || gap || fits);
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
	return prev->w + osc_ascii_width(' ') + first_word_width(s, l->n) + OSC_WRAP_SLACK <= w;
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
	if ((s[0] != 'T' && s[0] != 'O' && s[0] != 'E' && s[0] != 'I') || !osc_area_lead(s, l->n) ||
	    l->n >= cap)
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

osc_status osc_tr_build_paragraphs(ctx *c, osc_blocks *out, osc_buf *scratch2)
{
	para p = {0};
	p.text = *scratch2;
	p.dst = c->dst;
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
				st = push_block(&p, out, OSC_BLOCK_HEADING, LTEXT(c, l), l->n, l);
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
					st = push_block(&p, out, OSC_BLOCK_HEADING, s, l->n, l);
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
					st = push_block(&p, out, OSC_BLOCK_PARA, head, hn,
							&c->lines[last]);
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
		const char *s = LTEXT(c, l);
		if (!p.last && !l->terminal) {
			/* breaks_before's questions of a paragraph's only line,
			 * asked before s is written over */
			p.last_comma = memchr(s, ',', l->n) != NULL;
			p.last_colon = memchr(s, ':', l->n) != NULL;
			p.last_hyphen = l->n && s[l->n - 1] == '-';
			p.last_mid = ends_mid_sentence(s, l->n);
		}
		if ((st = para_append(&p, l, s, l->n)))
			break;
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
