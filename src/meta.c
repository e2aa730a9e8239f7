/*
 * meta.c - metadata from the opening of a document: the entry point, the
 * letter's date and every day of the visit.  The authority, the inspectors
 * and the focus are read in meta_authority.c, meta_inspectors.c and
 * meta_focus.c.
 */
#include "meta_internal.h"
#include "dates.h"
#include "judgements.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A visit or an inspection's part is a few days, a fortnight at most: a
 * range of more than two months is a misprint. */
#define MAX_RANGE_DAYS 62
/* A letter is written within weeks of its visit. */
#define MAX_LETTER_DELAY 120

/* Metadata lives in a document's opening: its letterhead and first
 * paragraphs, or a report's title page; this many blocks cover them. */
#define META_BLOCKS 60

osc_status osc_meta_add_str(osc_mctx *c, const char ***arr, size_t *n, size_t *cap,
			  const char *s)
{
	if (!osc_grow(c->a, (void **)arr, cap, *n + 1, sizeof **arr))
		return OSC_ENOMEM;
	(*arr)[(*n)++] = s;
	return OSC_OK;
}

/* The letter's date: the first full date in the opening blocks, before the
 * salutation (the letterhead carries none). */
static osc_status find_letter_date(osc_mctx *c)
{
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		if (osc_starts_with_ci(b->text, b->len, "Dear ") ||
		    osc_find_ci(b->text, b->len, "summarises the findings", NULL) >= 0)
			break;
		for (size_t k = 0; k < b->len; k++) {
			if (!osc_is_digit(b->text[k]) || (k && osc_is_digit(b->text[k - 1])))
				continue;
			int d, mo, y;
			if (osc_parse_date(b->text + k, b->len - k, &d, &mo, &y)) {
				c->m->date = osc_arena_printf(c->ar, "%04d-%02d-%02d", y, mo, d);
				c->letter_y = y, c->letter_m = mo;
				return c->m->date ? OSC_OK : OSC_ENOMEM;
			}
			/* a day and a month with a year of five digits: kept for
			 * repair_letter_date, once the visit days are known */
			size_t j = osc_parse_day_month(b->text + k, b->len - k, &d, &mo);
			size_t y5 = j ? k + j : b->len;
			while (y5 < b->len && osc_is_digit(b->text[y5]))
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
osc_status osc_meta_note(osc_mctx *c, const char *fmt, ...)
{
	if (c->m->n_notes == OSC_MAX_NOTES)
		return OSC_OK;
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	const char *s = osc_arena_strdup(c->ar, buf);
	if (!s)
		return OSC_ENOMEM;
	c->m->notes[c->m->n_notes++] = s;
	return OSC_OK;
}

/* "Report published: 7 April 2017" on a report's title page. */
static osc_status published_date(osc_mctx *c)
{
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		size_t ml;
		long at = osc_find_ci(b->text, b->len, "Report published:", &ml);
		if (at < 0)
			continue;
		const char *s = b->text + at + ml;
		size_t n = b->len - (size_t)at - ml, sp = osc_lspace(s, n);
		int d, mo, y;
		if (!osc_parse_date(s + sp, n - sp, &d, &mo, &y))
			continue;
		c->m->date = osc_arena_printf(c->ar, "%04d-%02d-%02d", y, mo, d);
		return c->m->date ? OSC_OK : OSC_ENOMEM;
	}
	return OSC_OK;
}

/* A letter dated before its own visit has a misprinted year: read as the
 * next year when that falls within weeks after the visit, with a warning;
 * otherwise kept, with a warning. */
static osc_status check_letter_date(osc_mctx *c)
{
	osc_meta *m = c->m;
	if (!m->date || !m->n_visit_dates || strcmp(m->date, m->visit_dates[0]) >= 0)
		return OSC_OK;
	int y = atoi(m->date), mo = atoi(m->date + 5), d = atoi(m->date + 8);
	int ly = atoi(m->visit_dates[m->n_visit_dates - 1]);
	int lm = atoi(m->visit_dates[m->n_visit_dates - 1] + 5);
	int ld = atoi(m->visit_dates[m->n_visit_dates - 1] + 8);
	long last = osc_ymd_to_days(ly, lm, ld);
	if (d <= osc_days_in_month(mo, y + 1)) {
		long next = osc_ymd_to_days(y + 1, mo, d);
		if (next >= last && next - last <= MAX_LETTER_DELAY) {
			const char *was = m->date;
			m->date = osc_arena_printf(c->ar, "%04d-%02d-%02d", y + 1, mo, d);
			if (!m->date)
				return OSC_ENOMEM;
			return osc_meta_note(c, "the letter is dated %s, before its visit: read as %s", was,
					 m->date);
		}
	}
	return osc_meta_note(c, "the letter is dated %s, before its visit (%s)", m->date,
			 m->visit_dates[0]);
}

static osc_status repair_letter_date(osc_mctx *c)
{
	if (c->m->date || !c->m->n_visit_dates || !c->typo_date)
		return OSC_OK;
	int vy = atoi(c->m->visit_dates[0]), d, m;
	const char *s = c->typo_date;
	size_t y0 = osc_parse_day_month(s, c->typo_len, &d, &m);
	int found = 0, year = 0;
	for (size_t drop = 0; drop < 5; drop++) {
		int y = 0;
		for (size_t q = 0; q < 5; q++)
			if (q != drop)
				y = y * 10 + (s[y0 + q] - '0');
		if ((y == vy || y == vy + 1) && y != year)
			found++, year = y;
	}
	if (found != 1 || d > osc_days_in_month(m, year))
		return OSC_OK;
	c->m->date = osc_arena_printf(c->ar, "%04d-%02d-%02d", year, m, d);
	return c->m->date ? osc_meta_note(c, "the letter's date has a mistyped year "
				      "(\"%.*s\"): read as %d", (int)c->typo_len, s, year) : OSC_ENOMEM;
}

static osc_status emit_dates(osc_mctx *c, osc_dpart *p, size_t np, const char ***dates,
			     size_t *cap)
{
	int last_y = 0;
	for (size_t j = np; j > 0; j--) { /* a year given later applies back */
		if (p[j - 1].y)
			last_y = p[j - 1].y;
		else
			p[j - 1].y = last_y;
	}
	/* a range that cannot be ("24 October 2022 to 25 October 2023" for a
	 * two-day visit): its start read in its end's year, with a warning */
	for (size_t j = 1; j < np; j++) {
		osc_dpart *a = &p[j - 1], *b = &p[j];
		if (!b->range || !a->m || !b->m || !a->y || !b->y || a->y == b->y ||
		    a->d > osc_days_in_month(a->m, b->y))
			continue;
		long start = osc_ymd_to_days(a->y, a->m, a->d), end = osc_ymd_to_days(b->y, b->m, b->d);
		long fixed = osc_ymd_to_days(b->y, a->m, a->d);
		if (end - start > MAX_RANGE_DAYS && fixed <= end && end - fixed <= MAX_RANGE_DAYS) {
			osc_status st = osc_meta_note(c, "an impossible range of dates (%d-%02d-%02d to "
						  "%d-%02d-%02d): read as starting in %d", a->y, a->m,
						  a->d, b->y, b->m, b->d, b->y);
			if (st)
				return st;
			a->y = b->y;
		}
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
		if (p[j].d > osc_days_in_month(p[j].m, p[j].y))
			continue;
		long day = osc_ymd_to_days(p[j].y, p[j].m, p[j].d);
		long from = day;
		if (p[j].range && prev >= 0 && day > prev && day - prev <= MAX_RANGE_DAYS)
			from = prev + 1;
		for (long z = from; z <= day; z++) {
			if (z <= prev)
				continue;
			int y, m, d;
			osc_days_to_ymd(z, &y, &m, &d);
			const char *s = osc_arena_printf(c->ar, "%04d-%02d-%02d", y, m, d);
			if (!s || osc_meta_add_str(c, dates, &c->m->n_visit_dates, cap, s))
				return OSC_ENOMEM;
		}
		if (day > prev)
			prev = day;
	}
	return OSC_OK;
}

static osc_status find_visit_dates(osc_mctx *c)
{
	static const char *const anchors[] = {
		"Inspection dates:", "Dates of inspection:", "Inspection dates ",
		"Inspection date:", "Visit dates:", "Dates of visit:",
	};
	size_t cap = 0;
	osc_dpart parts[OSC_MAX_DATES];
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		const char *s = b->text;
		size_t n = b->len, ml;
		/* every anchor says "date": most blocks need no more */
		bool dated = osc_contains_ci(s, n, "date");
		const char *v;
		size_t vn;
		for (size_t a = 0; dated && osc_after_any_ci(s, n, anchors, OSC_ARRAY_LEN(anchors), &a, &v, &vn);
		     a++) {
			/* the label alone, its value in the next block */
			if (vn == osc_lspace(v, vn) && i + 1 < c->bl->n)
				v = c->bl->v[i + 1].text, vn = c->bl->v[i + 1].len;
			size_t np = osc_parse_date_list(v, vn, parts, OSC_MAX_DATES);
			if (np)
				return emit_dates(c, parts, np, &c->m->visit_dates, &cap);
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
				size_t np = osc_parse_date_list(s + p, n - p, parts, OSC_MAX_DATES);
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

size_t osc_meta_sentence_end(const char *s, size_t n)
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

osc_status osc_extract_meta(const osc_blocks *bl, osc_kind kind, osc_meta *m,
			    osc_error *err)
{
	osc_mctx c = { bl, bl->arena, bl->arena->a, m, 0, 0, 0, kind, NULL, 0, false };
	memset(m, 0, sizeof *m);
	/* Metadata lives in the opening blocks; look a little further when
	 * the document has no section headings. */
	c.end = bl->n < META_BLOCKS ? bl->n : META_BLOCKS;
	osc_status st = find_letter_date(&c);
	if (!st && kind == OSC_KIND_NEWS_SUMMARY)
		st = osc_meta_news_authority(&c);
	if (!st && !c.multiple)
		st = osc_meta_authority(&c);
	if (!st && !c.multiple) /* a round-up's visits are several */
		st = find_visit_dates(&c);
	if (!st)
		st = repair_letter_date(&c);
	if (!st && kind != OSC_KIND_INSPECTION_REPORT)
		st = check_letter_date(&c);
	if (!st && kind != OSC_KIND_NEWS_SUMMARY)
		st = osc_meta_inspectors(&c);
	if (!st)
		st = osc_meta_focus(&c);
	if (!st && kind == OSC_KIND_INSPECTION_REPORT) {
		m->n_judgements = osc_find_judgements(bl, m->judgements, OSC_ARRAY_LEN(m->judgements));
		/* one rule for a report's date: the last day of the inspection
		 * (the first printed date is the first day in some reports,
		 * the last in others) */
		if (m->n_visit_dates)
			m->date = m->visit_dates[m->n_visit_dates - 1];
		/* ... but a report that prints when it was published (the single
		 * inspection framework's) is dated so */
		st = published_date(&c);
	}
	if (!st && m->authority && !(m->authority_key = osc_authority_key(m->authority)))
		st = osc_meta_note(&c, "authority \"%.120s\" is not in the list of English local "
				   "authorities", m->authority);
	if (st)
		return osc_set_error(err, st, 0, "out of memory reading metadata");
	return OSC_OK;
}
