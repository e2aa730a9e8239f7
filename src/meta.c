/*
 * meta.c - metadata from the opening of a document: the authority, the
 * letter's date, every day of the visit, the inspectors and the focus.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- dates ------------------------------------------------------------- */

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A month name or abbreviation ("Sept", "Nov") of `n` letters; 1-12 or 0. */
static int month_of(const char *w, size_t n)
{
	if (n < 3 || n > 9)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(month_names[m]);
		bool abbrev = n == 3 || (n == 4 && m == 8); /* "Sept" */
		if ((n == full || abbrev) &&
		    n <= full) {
			size_t k = 0;
			while (k < n && (w[k] | 0x20) == month_names[m][k])
				k++;
			if (k == n)
				return m + 1;
		}
	}
	return 0;
}

static int days_in_month(int m, int y)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static size_t read_number(const char *s, size_t n, int *v)
{
	size_t i = 0;
	*v = 0;
	while (i < n && is_digit(s[i]) && i < 5)
		*v = *v * 10 + (s[i++] - '0');
	if (i && i < n && is_digit(s[i]))
		return 0;
	/* ordinal suffixes */
	if (i && n - i >= 2 && (osc_starts_with_ci(s + i, 2, "st") || osc_starts_with_ci(s + i, 2, "nd") ||
				osc_starts_with_ci(s + i, 2, "rd") || osc_starts_with_ci(s + i, 2, "th")) &&
	    (n - i == 2 || !is_alpha(s[i + 2])))
		i += 2;
	return i;
}

/* "5 February" at s, and what separates it from a year: the bytes read, or
 * 0 when it is not a day and a month. */
static size_t parse_day_month(const char *s, size_t n, int *day, int *month)
{
	size_t i = read_number(s, n, day);
	if (!i || *day < 1 || *day > 31)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	size_t w = i;
	while (i < n && is_alpha(s[i]))
		i++;
	if (!(*month = month_of(s + w, i - w)))
		return 0;
	if (i < n && s[i] == ',')
		i++;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

size_t osc_parse_date(const char *s, size_t n, int *day, int *month, int *year)
{
	int d, m, y;
	size_t i = parse_day_month(s, n, &d, &m);
	if (!i)
		return 0;
	size_t k = read_number(s + i, n - i, &y);
	if (!k || y < 1900 || y > 2200 || d > days_in_month(m, y))
		return 0;
	*day = d, *month = m, *year = y;
	return i + k;
}

typedef struct dpart {
	int d, m, y;
	bool range; /* a range runs from the previous part to this one */
} dpart;

/* Parse a list of days such as "24 and 25 April 2018", "29 and 30 September,
 * and 1 October 2020", "19 November–30 November 2018", "on the 15 and 16 of
 * May 2018".  Stops at the first word that is not part of a date. */
static size_t parse_date_list(const char *s, size_t n, dpart *parts, size_t max)
{
	size_t np = 0, i = 0;
	bool range = false;
	while (i < n) {
		char c = s[i];
		if (c == ' ' || c == ',') {
			i++;
			continue;
		}
		if (is_digit(c)) {
			int v;
			size_t k = read_number(s + i, n - i, &v);
			if (!k)
				break;
			if (v >= 1900 && v <= 2200) {
				for (size_t j = np; j > 0 && !parts[j - 1].y; j--)
					parts[j - 1].y = v;
			} else if (v >= 1 && v <= 31 && np < max) {
				parts[np++] = (dpart){ v, 0, 0, range };
				range = false;
			} else {
				break;
			}
			i += k;
			continue;
		}
		if (c == '-' || (n - i >= 3 && (unsigned char)c == 0xE2 &&
				 (unsigned char)s[i + 1] == 0x80 &&
				 ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))) {
			range = true;
			i += c == '-' ? 1 : 3;
			continue;
		}
		if (!is_alpha(c))
			break;
		size_t w = i;
		while (i < n && is_alpha(s[i]))
			i++;
		size_t wl = i - w;
		int m = month_of(s + w, wl);
		if (m) {
			for (size_t j = np; j > 0 && !parts[j - 1].m; j--)
				parts[j - 1].m = m;
			continue;
		}
		if ((wl == 2 && (osc_starts_with_ci(s + w, 2, "to"))) ||
		    (wl == 5 && osc_starts_with_ci(s + w, 5, "until"))) {
			range = true;
			continue;
		}
		if ((wl == 3 && (osc_starts_with_ci(s + w, 3, "and") || osc_starts_with_ci(s + w, 3, "the"))) ||
		    (wl == 2 && osc_starts_with_ci(s + w, 2, "of")))
			continue;
		i = w;
		break;
	}
	return np;
}

static long ymd_to_days(int y, int m, int d)
{
	/* days since 1970-01-01 (civil calendar) */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void days_to_ymd(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ---- metadata ---------------------------------------------------------- */

#define MAX_DATES 64

typedef struct mctx {
	const osc_blocks *bl;
	osc_arena *ar;
	const osc_allocator *a;
	osc_meta *m;
	size_t end; /* blocks searched: the preamble, or a little more */
	int letter_y, letter_m;
	osc_kind kind;
	const char *typo_date; /* "6 November 20205", for repair_letter_date */
	size_t typo_len;
} mctx;

static osc_status add_str(mctx *c, const char ***arr, size_t *n, size_t *cap,
			  const char *s)
{
	if (!osc_grow(c->a, (void **)arr, cap, *n + 1, sizeof **arr))
		return OSC_ENOMEM;
	(*arr)[(*n)++] = s;
	return OSC_OK;
}

/* The letter's date: the first full date in the opening blocks, before the
 * salutation (the letterhead carries none). */
static osc_status find_letter_date(mctx *c)
{
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		if (osc_starts_with_ci(b->text, b->len, "Dear ") ||
		    osc_find_ci(b->text, b->len, "summarises the findings", NULL) >= 0)
			break;
		for (size_t k = 0; k < b->len; k++) {
			if (!is_digit(b->text[k]) || (k && is_digit(b->text[k - 1])))
				continue;
			int d, mo, y;
			if (osc_parse_date(b->text + k, b->len - k, &d, &mo, &y)) {
				c->m->date = osc_arena_printf(c->ar, "%04d-%02d-%02d", y, mo, d);
				c->letter_y = y, c->letter_m = mo;
				return c->m->date ? OSC_OK : OSC_ENOMEM;
			}
			/* a day and a month with a year of five digits: kept for
			 * repair_letter_date, once the visit days are known */
			size_t j = parse_day_month(b->text + k, b->len - k, &d, &mo);
			size_t y5 = j ? k + j : b->len;
			while (y5 < b->len && is_digit(b->text[y5]))
				y5++;
			if (j && !c->typo_date && y5 - (k + j) == 5) {
				c->typo_date = b->text + k;
				c->typo_len = y5 - k;
			}
		}
	}
	return OSC_OK;
}

/*
 * A letter dated with a mistyped year ("6 November 20205"): when the visit
 * days are known, a five-digit year that loses one digit to become the
 * visit's year (or the next) is read as that year, with a note.
 */
static osc_status repair_letter_date(mctx *c)
{
	if (c->m->date || !c->m->n_visit_dates || !c->typo_date)
		return OSC_OK;
	int vy = atoi(c->m->visit_dates[0]), d, m;
	const char *s = c->typo_date;
	size_t y0 = parse_day_month(s, c->typo_len, &d, &m);
	int found = 0, year = 0;
	for (size_t drop = 0; drop < 5; drop++) {
		int y = 0;
		for (size_t q = 0; q < 5; q++)
			if (q != drop)
				y = y * 10 + (s[y0 + q] - '0');
		if ((y == vy || y == vy + 1) && y != year)
			found++, year = y;
	}
	if (found != 1 || d > days_in_month(m, year))
		return OSC_OK;
	c->m->date = osc_arena_printf(c->ar, "%04d-%02d-%02d", year, m, d);
	c->m->note = osc_arena_printf(c->ar, "the letter's date has a mistyped year "
				      "(\"%.*s\"): read as %d", (int)c->typo_len, s, year);
	return c->m->date && c->m->note ? OSC_OK : OSC_ENOMEM;
}

static osc_status emit_dates(mctx *c, dpart *p, size_t np, const char ***dates,
			     size_t *cap)
{
	int last_y = 0;
	for (size_t j = np; j > 0; j--) { /* a year given later applies back */
		if (p[j - 1].y)
			last_y = p[j - 1].y;
		else
			p[j - 1].y = last_y;
	}
	long prev = -1;
	for (size_t j = 0; j < np; j++) {
		if (!p[j].m)
			continue;
		if (!p[j].y) { /* no year: the letter's, or the year before */
			if (!c->letter_y)
				continue;
			p[j].y = p[j].m > c->letter_m ? c->letter_y - 1 : c->letter_y;
		}
		if (p[j].d > days_in_month(p[j].m, p[j].y))
			continue;
		long day = ymd_to_days(p[j].y, p[j].m, p[j].d);
		long from = day;
		if (p[j].range && prev >= 0 && day > prev && day - prev <= 62)
			from = prev + 1;
		for (long z = from; z <= day; z++) {
			if (z <= prev)
				continue;
			int y, m, d;
			days_to_ymd(z, &y, &m, &d);
			const char *s = osc_arena_printf(c->ar, "%04d-%02d-%02d", y, m, d);
			if (!s || add_str(c, dates, &c->m->n_visit_dates, cap, s))
				return OSC_ENOMEM;
		}
		if (day > prev)
			prev = day;
	}
	return OSC_OK;
}

static osc_status find_visit_dates(mctx *c)
{
	static const char *const anchors[] = {
		"Inspection dates:", "Dates of inspection:", "Inspection dates ",
		"Inspection date:", "Visit dates:", "Dates of visit:",
	};
	size_t cap = 0;
	dpart parts[MAX_DATES];
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		const char *s = b->text;
		size_t n = b->len, ml;
		/* every anchor says "date": most blocks need no more */
		bool dated = osc_contains_ci(s, n, "date");
		for (size_t a = 0; dated && a < OSC_ARRAY_LEN(anchors); a++) {
			long at = osc_find_ci(s, n, anchors[a], &ml);
			if (at >= 0) {
				size_t np = parse_date_list(s + at + ml, n - (size_t)at - ml, parts, MAX_DATES);
				if (np)
					return emit_dates(c, parts, np, &c->m->visit_dates, &cap);
			}
		}
		/* "... children's services on 24 and 25 April 2018." */
		if (osc_find_ci(s, n, "summarises", NULL) < 0 && osc_find_ci(s, n, "visit to", NULL) < 0 &&
		    osc_find_ci(s, n, "took place", NULL) < 0 && osc_find_ci(s, n, "visited", NULL) < 0)
			continue;
		/* "on 5 and 6 May", or "between 6 and 8 October": a range */
		static const char *const ons[] = { " on ", " between ", " from " };
		for (size_t o = 0; o < OSC_ARRAY_LEN(ons); o++) {
			size_t off = 0;
			long at;
			while ((at = osc_find_ci(s + off, n - off, ons[o], &ml)) >= 0) {
				size_t p = off + (size_t)at + ml;
				size_t np = parse_date_list(s + p, n - p, parts, MAX_DATES);
				bool has_month = false;
				for (size_t j = 0; j < np; j++)
					has_month = has_month || parts[j].m;
				if (np && has_month) {
					if (o >= 1 && np == 2)
						parts[1].range = true;
					return emit_dates(c, parts, np, &c->m->visit_dates, &cap);
				}
				off = p;
			}
		}
	}
	return OSC_OK;
}

/* Strip a leading "the ", trailing " local authority" and a possessive. */
static const char *clean_authority(mctx *c, const char *s, size_t n)
{
	n -= osc_rspace(s, n);
	if (osc_starts_with_ci(s, n, "the "))
		s += 4, n -= 4;
	static const char *const tails[] = {
		" local authority", " local authority's", " Local Authority",
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
static const char *authority_after(mctx *c, const char *s, size_t n)
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
	if (on >= 0 && (size_t)on < best && (size_t)on + 4 < n && is_digit(s[on + 4]))
		best = (size_t)on, found = true;
	if (!found)
		return NULL;
	return clean_authority(c, s, best);
}

static size_t sentence_end(const char *s, size_t n);

/* A JTAI names its area last: "Joint targeted area inspection of the
 * multi-agency response to children ... in Exampleshire". */
static const char *jtai_authority(mctx *c, const char *s, size_t n)
{
	size_t ml;
	long at = osc_find_ci(s, n, "multi-agency response to ", &ml);
	if (at < 0)
		return NULL;
	size_t from = (size_t)at + ml;
	size_t end = from + sentence_end(s + from, n - from);
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
static const char *join_blocks(mctx *c, size_t from, size_t to, size_t *len)
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
static const char *report_title_authority(mctx *c)
{
	enum { OPENING = 5, NAME_LINES = 2, TITLE_LINES = 3, NAME_MAX = 80 };
	static const char title[] = "Inspection of ";
	const size_t tl = sizeof title - 1;
	const osc_blocks *bl = c->bl;
	size_t lim = c->end < OPENING ? c->end : OPENING;
	size_t len;
	for (size_t i = 1; i < lim && i <= NAME_LINES; i++) {
		const osc_block *b = &bl->v[i - 1];
		if (b->type == OSC_BLOCK_BULLET || b->len > NAME_MAX)
			break;
		static const char *const generic[] = {
			"Inspection of children", "Inspection of local authority",
		};
		static osc_prefixes generic_set = OSC_PREFIXES(generic);
		if (osc_prefixes_find(&generic_set, bl->v[i].text, bl->v[i].len) < 0)
			continue;
		const char *name = join_blocks(c, 0, i, &len);
		return name ? clean_authority(c, name, len) : NULL;
	}
	for (size_t i = 0; i < lim; i++) {
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

static osc_status find_authority(mctx *c)
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
static osc_status find_news_authority(mctx *c)
{
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

/* Words that are titles, not names, in an inspectors sentence. */
static bool is_title_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"her", "his", "majesty's", "majesty\xE2\x80\x99s", "inspectors", "inspector",
		"hmi", "hmis", "ofsted", "senior", "both", "two", "three", "four", "of",
		"all", "lead", "the", "social", "care", "regulatory", "designate",
		"were", "was", "by", "visit", "this", "for", "inspection", "team",
		"were:", "and", "an", "a", "is", "are",
	};
	for (size_t i = 0; i < OSC_ARRAY_LEN(words); i++)
		if (strlen(words[i]) == n && osc_starts_with_ci(w, n, words[i]))
			return true;
	return false;
}

static bool is_name_particle(const char *w, size_t n)
{
	static const char *const p[] = { "de", "da", "van", "von", "der", "le", "la", "du", "bin", "al", "del" };
	for (size_t i = 0; i < OSC_ARRAY_LEN(p); i++)
		if (strlen(p[i]) == n && memcmp(w, p[i], n) == 0)
			return true;
	return false;
}

/* One comma- or "and"-separated chunk: keep it when what is left after the
 * titles looks like a name (two to five capitalised words). */
static osc_status take_name(mctx *c, const char *s, size_t n, size_t *cap)
{
	char name[160];
	size_t len = 0, words = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		size_t w = i;
		while (i < n && s[i] != ' ')
			i++;
		size_t wl = i - w;
		if (!wl || is_title_word(s + w, wl))
			continue;
		bool cap_ok = (s[w] >= 'A' && s[w] <= 'Z') || (unsigned char)s[w] >= 0xC3 ||
			      is_name_particle(s + w, wl);
		for (size_t k = w; k < w + wl; k++)
			if (is_digit(s[k]))
				cap_ok = false;
		if (!cap_ok || len + wl + 2 > sizeof name)
			return OSC_OK;
		if (len)
			name[len++] = ' ';
		memcpy(name + len, s + w, wl);
		len += wl;
		words++;
	}
	if (words < 2 || words > 5)
		return OSC_OK;
	const char *dup = osc_arena_strndup(c->ar, name, len);
	if (!dup)
		return OSC_ENOMEM;
	return add_str(c, &c->m->inspectors, &c->m->n_inspectors, cap, dup);
}

/* End of the sentence starting at s: a full stop followed by a space and a
 * capital letter, or the end of the block. */
static size_t sentence_end(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '.' && s[i] != ';')
			continue;
		if (i + 1 == n)
			return i;
		if (s[i + 1] == ' ' && i + 2 < n &&
		    ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || (unsigned char)s[i + 2] >= 0xC3))
			return i;
	}
	return n;
}

/* The length of s up to the first "Her Majesty", "His Majesty" or "HMI"
 * after a lead inspector's name. */
static size_t name_before_title(const char *s, size_t n)
{
	static const char *const titles[] = { " Her Majesty", " His Majesty", " HMI" };
	for (size_t t = 0; t < OSC_ARRAY_LEN(titles); t++) {
		long at = osc_find_ci(s, n, titles[t], NULL);
		if (at >= 0)
			n = (size_t)at;
	}
	return n;
}

static osc_status find_inspectors(mctx *c)
{
	static const char *const anchors[] = {
		"inspectors for this visit were ", "inspectors for this visit are ",
		"inspectors for the visit were ",
		"inspectors were ", "inspector was ", "inspectors are ",
		"visit was carried out by ", "visit was conducted by ",
		"visit was undertaken by ", "carried out by ", "conducted by ",
		"undertaken by ", "Lead inspector: ", "Lead inspector ",
		"inspection team was ", "inspection team were ",
		"for this visit were ", "for the visit were ",
	};
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		/* every anchor holds one of these: three searches, not
		 * eighteen, for the blocks that have none (most of them) */
		static const char *const stems[] = { "nspect", " by ", "visit were " };
		if (!osc_contains_any_ci(b->text, b->len, stems, OSC_ARRAY_LEN(stems)))
			continue;
		for (size_t a = 0; a < OSC_ARRAY_LEN(anchors); a++) {
			size_t ml;
			long at = osc_find_ci(b->text, b->len, anchors[a], &ml);
			if (at < 0)
				continue;
			const char *s = b->text + at + ml;
			size_t n = sentence_end(s, b->len - (size_t)at - ml);
			/* a title page run together: "Lead inspector: Jane Doe
			 * Her Majesty's Inspector Judgement Grade ..." */
			if (strncmp(anchors[a], "Lead", 4) == 0)
				n = name_before_title(s, n);
			/* a JTAI's "carried out by inspectors from Ofsted, the
			 * CQC ..." names inspectorates, not people */
			if (osc_starts_with_ci(s, n, "inspectors from ") ||
			    osc_starts_with_ci(s, n, "inspectors of "))
				continue;
			/* cut the sentence into chunks at commas, "and", "&"
			 * and colons; bracketed text is dropped */
			size_t cap = 0, st = 0, k = 0;
			int depth = 0;
			osc_status rc = OSC_OK;
			while (k < n && !rc) {
				char ch = s[k];
				if (ch == '(') {
					if (!depth)
						rc = take_name(c, s + st, k - st, &cap);
					depth++, k++;
				} else if (ch == ')') {
					depth -= depth > 0;
					st = ++k;
				} else if (depth) {
					k++;
				} else if (ch == ',' || ch == '&' || ch == ':') {
					rc = take_name(c, s + st, k - st, &cap);
					st = ++k;
				} else if (n - k >= 5 && (memcmp(s + k, " and ", 5) == 0 ||
							  memcmp(s + k, " with", 5) == 0)) {
					rc = take_name(c, s + st, k - st, &cap);
					k += 5;
					st = k;
				} else {
					k++;
				}
			}
			if (!rc && !depth && st < n)
				rc = take_name(c, s + st, n - st, &cap);
			if (rc)
				return rc;
			if (c->m->n_inspectors)
				return OSC_OK;
		}
	}
	return OSC_OK;
}

/* A JTAI's focus is its subject: "the multi-agency response to children
 * who are victims of domestic abuse" (the area's name after it cut). */
static osc_status find_jtai_focus(mctx *c, bool *found)
{
	for (size_t i = 0; c->kind == OSC_KIND_JTAI && i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		if (osc_find_ci(b->text, b->len, "joint targeted area inspection", NULL) < 0)
			continue;
		size_t ml;
		long at = osc_find_ci(b->text, b->len, "the multi-agency response to ", &ml);
		if (at < 0)
			continue;
		const char *s = b->text + at;
		size_t n = sentence_end(s, b->len - (size_t)at), in = n;
		for (size_t k = ml; k + 5 <= n; k++)
			if (memcmp(s + k, " in ", 4) == 0 && s[k + 4] >= 'A' && s[k + 4] <= 'Z')
				in = k;
		while (in && (s[in - 1] == '.' || s[in - 1] == ' '))
			in--;
		c->m->focus = osc_arena_strndup(c->ar, s, in);
		*found = true;
		return c->m->focus ? OSC_OK : OSC_ENOMEM;
	}
	return OSC_OK;
}

static osc_status find_focus(mctx *c)
{
	bool jtai = false;
	osc_status st = find_jtai_focus(c, &jtai);
	if (st || jtai)
		return st;
	static const char *const anchors[] = {
		"Inspectors looked at ", "Inspectors evaluated ", "Inspectors reviewed ",
		"Inspectors considered ", "The focus of this visit was on ",
		"The focus of this visit was ", "The focus of the visit was on ",
		"The focus of the visit was ", "This visit looked at ",
		"The visit looked at ", "Inspectors focused on ",
	};
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		/* the focus is stated in the opening, before the first
		 * section of findings or improvements */
		if (b->type == OSC_BLOCK_HEADING) {
			osc_heading h = osc_classify_heading(b->text, b->len);
			if (h == OSC_HEAD_OVERVIEW || h == OSC_HEAD_IMPROVE ||
			    h == OSC_HEAD_PRIORITY || h == OSC_HEAD_FINDINGS)
				break;
		}
		/* every anchor holds one of these stems, each rare in other
		 * text ("Inspectors " and "focus" are in most blocks of a
		 * letter): the blocks with none are passed over */
		static const char *const stems[] = {
			"looked at ", "focus of th", "nspectors focused on ",
			"nspectors evaluated ", "nspectors reviewed ", "nspectors considered ",
		};
		if (!osc_contains_any_ci(b->text, b->len, stems, OSC_ARRAY_LEN(stems)))
			continue;
		for (size_t a = 0; a < OSC_ARRAY_LEN(anchors); a++) {
			size_t ml;
			long at = osc_find_ci(b->text, b->len, anchors[a], &ml);
			if (at < 0)
				continue;
			const char *s = b->text + at + ml;
			size_t n = b->len - (size_t)at - ml;
			if (osc_starts_with_ci(s, n, "a range of") || osc_starts_with_ci(s, n, "evidence"))
				continue;
			n = sentence_end(s, n);
			bool list = n && s[n - 1] == ':';
			osc_buf f;
			osc_buf_init(&f, c->a);
			/* "... in the following areas of concern ...:" says nothing
			 * the list that follows does not */
			bool lead_in = list && osc_contains_ci(s, n, "following") &&
				       i + 1 < c->bl->n && c->bl->v[i + 1].type == OSC_BLOCK_BULLET;
			if (!lead_in)
				osc_buf_add(&f, s, list ? n - 1 : n);
			/* "Inspectors looked at:" followed by bullet points */
			for (size_t j = i + 1; list && j < c->bl->n && c->bl->v[j].type == OSC_BLOCK_BULLET; j++) {
				const osc_block *bb = &c->bl->v[j];
				size_t bn = bb->len;
				while (bn && (bb->text[bn - 1] == '.' || bb->text[bn - 1] == ';'))
					bn--;
				if (f.len)
					osc_buf_adds(&f, j == i + 1 ? " " : "; ");
				osc_buf_add(&f, bb->text, bn);
			}
			if (f.failed) {
				osc_buf_free(&f);
				return OSC_ENOMEM;
			}
			c->m->focus = f.len ? osc_arena_strndup(c->ar, f.data, f.len) : NULL;
			osc_buf_free(&f);
			if (f.len && !c->m->focus)
				return OSC_ENOMEM;
			return OSC_OK;
		}
	}
	return OSC_OK;
}

osc_status osc_extract_meta(const osc_blocks *bl, osc_kind kind, osc_meta *m,
			    osc_error *err)
{
	mctx c = { bl, bl->arena, bl->arena->a, m, 0, 0, 0, kind, NULL, 0 };
	memset(m, 0, sizeof *m);
	/* Metadata lives in the opening blocks; look a little further when
	 * the document has no section headings. */
	c.end = bl->n < 60 ? bl->n : 60;
	osc_status st = find_letter_date(&c);
	if (!st && kind == OSC_KIND_NEWS_SUMMARY)
		st = find_news_authority(&c);
	if (!st)
		st = find_authority(&c);
	if (!st)
		st = find_visit_dates(&c);
	if (!st)
		st = repair_letter_date(&c);
	if (!st && kind != OSC_KIND_NEWS_SUMMARY)
		st = find_inspectors(&c);
	if (!st)
		st = find_focus(&c);
	if (!st && kind == OSC_KIND_INSPECTION_REPORT)
		m->n_judgements = osc_find_judgements(bl, m->judgements, OSC_ARRAY_LEN(m->judgements));
	if (st)
		return osc_set_error(err, st, 0, "out of memory reading metadata");
	return OSC_OK;
}
