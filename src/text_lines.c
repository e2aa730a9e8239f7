/*
 * text_lines.c - step 1 of the text reader, the lines: the text cut at line
 * ends and form feeds (or a laid-out page's lines taken), each line
 * classified (blank, bullet with its marker, heading, page number, contact
 * line, back page) and its sentence end noted.
 */
#include "text_reader.h"
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

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
bool osc_tr_is_page_number(const char *s, size_t n)
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
bool osc_tr_is_contact_line(const char *s, size_t n)
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
bool osc_tr_is_back_page(const char *s, size_t n)
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

bool osc_tr_ends_terminal(const char *s, size_t n)
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
		const char *t = (prev->view ? c->src : scratch->data) + prev->off;
		if ((prev->type == L_TEXT || prev->type == L_BULLET) && prev->n &&
		    !osc_tr_ends_terminal(t, prev->n) && !osc_ends_with_grade(t, prev->n))
			return false; /* (an area's heading ends in its grade) */
	}
	c->last_number = v;
	return true;
}

/* Lines this long (in code points) count towards the wrap width. */

/* Has the line of n bytes at s (after `lead` leading space, counted as one)
 * at least OSC_SUBSTANTIAL code points? */
static bool is_substantial(const char *s, size_t n, bool lead)
{
	return osc_utf8_at_least(s, n, lead ? OSC_SUBSTANTIAL - 1 : OSC_SUBSTANTIAL);
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
		l->off = (uint32_t)scratch->len;
		return OSC_OK;
	}

	l->type = L_TEXT;
	l->end = (uint32_t)(raw + rn - c->src);
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
			l->number = (unsigned)strtoul(raw, NULL, 10);
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

	/* most lines are normal already: the line is a view of the input */
	unsigned w;
	if (osc_normal_prefix(raw, rn, c->markdown, &w) == rn) {
		l->view = true;
		l->off = (uint32_t)(raw - c->src);
		l->n = rn;
		l->w = w;
		return OSC_OK;
	}
	l->off = (uint32_t)scratch->len;
	l->w = osc_normalise_line(scratch, raw, rn, c->markdown);
	l->n = (uint32_t)(scratch->len - l->off);
	if (scratch->failed)
		return OSC_ENOMEM;
	return OSC_OK;
}

osc_status osc_tr_cut_lines(ctx *c, const char *text, size_t len,
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

/* Lines from a laid-out page: a blank line where the geometry showed a
 * paragraph's space, widths measured rather than estimated. */
osc_status osc_tr_layout_lines(ctx *c, const char *text, const osc_layout_line *v,
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
