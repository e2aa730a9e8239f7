/*
 * split_report.c - a full inspection report's judgement table, as the
 * splitter meets it: where its rows are, and the overview after them.
 */
#include "split.h"
#include "lexicon.h"

#include <string.h>

/* A report's judgement table row at s: an area ("Overall effectiveness",
 * "The impact of leaders on ...", "The experiences and progress of ...")
 * then, with no full stop between, its grade capitalised ("Good",
 * "Requires improvement to be good"): the length to the grade's end, or
 * 0.  Prose names areas too, with the grade in lower case ("... care
 * leavers are good"). */
static size_t table_row(const char *s, size_t n)
{
	size_t look = n < 130 ? n : 130;
	for (size_t j = 1; j < look && s[j] != '.'; j++) {
		size_t g;
		if (s[j - 1] == ' ' && s[j] >= 'A' && s[j] <= 'Z' &&
		    (g = osc_grade_at(s + j, n - j)) > 0)
			return j + g;
	}
	return 0;
}

/* A block that is a table row's area alone, its grade in the next. */
bool osc_report_row_name(const osc_block *b)
{
	return b->len < 160 && !memchr(b->text, '.', b->len) && osc_area_lead(b->text, b->len);
}

/* Does the report's block s hold judgement table rows?  If so, the text
 * after them is s[*from, *end): from after the last row's grade (n when
 * nothing follows) to an area's heading run on after it ("The experiences
 * and progress of children in care: good"), or n. */
bool osc_report_overview_after_table(const char *s, size_t n, size_t *from,
				     size_t *end)
{
	bool rows = false;
	for (size_t r = 0; r < osc_n_area_leads; r++) {
		size_t ml;
		for (size_t i = 0; i < n;) {
			long at = osc_find_ci(s + i, n - i, osc_area_leads[r], &ml);
			if (at < 0)
				break;
			size_t h = i + (size_t)at, g = table_row(s + h, n - h);
			if (g && (!rows || h + g > *from))
				*from = h + g;
			rows = rows || g;
			i = h + ml;
		}
	}
	if (!rows)
		return false;
	*from += osc_lspace(s + *from, n - *from);
	*end = n;
	for (size_t r = 1; r < osc_n_area_leads; r++) { /* the areas' */
		for (size_t i = *from; i < *end;) {
			long at = osc_find_ci(s + i, *end - i, osc_area_leads[r], NULL);
			if (at < 0)
				break;
			size_t h = i + (size_t)at;
			const char *colon = memchr(s + h, ':', n - h < 120 ? n - h : 120);
			if (colon && colon + 2 < s + n && colon[1] == ' ' &&
			    osc_grade_at(colon + 2, (size_t)(s + n - colon - 2))) {
				*end = h;
				break;
			}
			i = h + 1;
		}
	}
	while (*end > *from && s[*end - 1] == ' ')
		(*end)--;
	return true;
}
