/*
 * splitter.c - from blocks to sections: headline, improvement points,
 * areas for priority action and findings, and the kind of document.
 */
#include "internal.h"

#include <string.h>

/* A heading candidate's length with trailing '?', ':', '.', footnote digits
 * and spaces left out: it is compared with known headings whole, ignoring
 * case. */
static size_t heading_len(const char *s, size_t n)
{
	while (n && (s[n - 1] == '?' || s[n - 1] == ':' || s[n - 1] == '.' ||
		     s[n - 1] == ' ' || (s[n - 1] >= '0' && s[n - 1] <= '9')))
		n--;
	return n;
}

osc_heading osc_classify_heading(const char *s, size_t n)
{
	/* known headings, whole: names[i] is a kinds[i] (the lengths are
	 * asserted below, each pair by test_every_heading) */
	static const char *const names[] = {
		"Overview", "Headline findings", "Summary", "Summary of findings",
		"Findings", "Main findings", "Detailed findings", "Areas of strength",
		"Strengths",
		"Areas for improvement", "Area for improvement",
		"Areas for development", "Recommendations",
		"Areas for priority action", "Area for priority action",
		"Areas requiring priority action", "Priority action", "Priority actions",
		"Priority and immediate action", "Immediate action",
		/* monitoring visits */
		"Findings and evaluation of progress", "Evaluation of progress",
		"Areas covered by the visit", "Areas covered by this visit",
		/* JTAI letters: what the partnership does next is not a finding */
		"Next steps",
		/* reports (single inspection framework): the closing sections */
		"Information about this inspection",
		"Information about this local authority area",
	};
	static const osc_heading kinds[] = {
		OSC_HEAD_OVERVIEW, OSC_HEAD_OVERVIEW, OSC_HEAD_OVERVIEW, OSC_HEAD_OVERVIEW,
		OSC_HEAD_FINDINGS, OSC_HEAD_FINDINGS, OSC_HEAD_FINDINGS, OSC_HEAD_FINDINGS,
		OSC_HEAD_FINDINGS,
		OSC_HEAD_IMPROVE, OSC_HEAD_IMPROVE,
		OSC_HEAD_IMPROVE, OSC_HEAD_IMPROVE,
		OSC_HEAD_PRIORITY, OSC_HEAD_PRIORITY,
		OSC_HEAD_PRIORITY, OSC_HEAD_PRIORITY, OSC_HEAD_PRIORITY,
		OSC_HEAD_PRIORITY, OSC_HEAD_PRIORITY,
		OSC_HEAD_FINDINGS, OSC_HEAD_FINDINGS,
		OSC_HEAD_SCOPE, OSC_HEAD_SCOPE,
		OSC_HEAD_END,
		OSC_HEAD_END,
		OSC_HEAD_END,
	};
	_Static_assert(OSC_ARRAY_LEN(names) == OSC_ARRAY_LEN(kinds), "a kind for each heading");
	/* "What needs to improve in this area of social work practice?",
	 * "What needs to improve?", "What the local authority needs to improve" */
	static const char *const improve[] = {
		"What needs to improve", "What does the local authority need to improve",
		"What the local authority needs to improve", "What needs to be improved",
		"What the local authority should improve",
	};
	static osc_prefixes heads = OSC_PREFIXES(names), improves = OSC_PREFIXES(improve);
	if (n == 0 || n > 160)
		return OSC_HEAD_NONE;
	long i = osc_prefixes_exact(&heads, s, heading_len(s, n));
	if (i >= 0)
		return kinds[i];
	if (n < 120 && osc_prefixes_find(&improves, s, n) >= 0) {
		/* a heading, not a sentence: no full stop inside */
		const char *dot = memchr(s, '.', n);
		if (!dot || dot == s + n - 1)
			return OSC_HEAD_IMPROVE;
	}
	return OSC_HEAD_NONE;
}

bool osc_is_opening(const char *s, size_t n)
{
	return osc_starts_with_ci(s, n, "This letter summarises");
}

bool osc_is_closing(const char *s, size_t n)
{
	static const char *const prefixes[] = {
		"Ofsted will take the findings", "Ofsted will take these findings",
		"Yours sincerely", "Yours faithfully", "Yours,",
		"We have notified the DfE", "We have notified the Department",
		"I am copying this letter", "This letter will be published",
		"If you have any questions", "Ofsted will continue to monitor",
	};
	static osc_prefixes set = OSC_PREFIXES(prefixes);
	return osc_prefixes_find(&set, s, n) >= 0;
}

static osc_status add_item(osc_split *sp, const osc_allocator *a,
			   osc_section sec, const osc_block *b)
{
	if (!osc_grow(a, (void **)&sp->items[sec], &sp->cap_items[sec],
		      sp->n_items[sec] + 1, sizeof *sp->items[sec]))
		return OSC_ENOMEM;
	sp->items[sec][sp->n_items[sec]++] = (osc_item_build){ b->text, b->len };
	return OSC_OK;
}

static osc_kind detect_kind(const osc_blocks *bl)
{
	size_t lim = bl->n < 40 ? bl->n : 40;
	for (size_t i = 0; i < lim; i++) {
		const osc_block *b = &bl->v[i];
		/* a report's title page first: its opening paragraph may
		 * mention earlier focused or monitoring visits */
		if (osc_starts_with_ci(b->text, b->len, "Inspection of ") ||
		    osc_starts_with_ci(b->text, b->len, "Inspection dates") ||
		    osc_starts_with_ci(b->text, b->len, "Lead inspector:"))
			return OSC_KIND_INSPECTION_REPORT;
		if (osc_contains_ci(b->text, b->len, "joint targeted area inspection"))
			return OSC_KIND_JTAI;
		if (osc_contains_ci(b->text, b->len, "monitoring visit"))
			return OSC_KIND_MONITORING_VISIT;
		if (osc_contains_ci(b->text, b->len, "focused visit"))
			return OSC_KIND_FOCUSED_VISIT;
	}
	return OSC_KIND_UNKNOWN;
}

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
static bool looks_like_news(const osc_blocks *bl)
{
	bool list = false;
	size_t lim = bl->n < 80 ? bl->n : 80; /* news summaries are short */
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

static osc_status split_news(const osc_blocks *bl, osc_split *sp,
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
				osc_status st = add_item(sp, a, OSC_SECTION_FINDINGS, b);
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
static bool row_name(const osc_block *b)
{
	return b->len < 160 && !memchr(b->text, '.', b->len) && osc_area_lead(b->text, b->len);
}

/* Does the report's block s hold judgement table rows?  If so, the text
 * after them is s[*from, *end): from after the last row's grade (n when
 * nothing follows) to an area's heading run on after it ("The experiences
 * and progress of children in care: good"), or n. */
static bool overview_after_table(const char *s, size_t n, size_t *from, size_t *end)
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

typedef enum state {
	S_PREAMBLE,
	S_OVERVIEW,
	S_IMPROVE,
	S_PRIORITY,
	S_FINDINGS,
	S_END
} state;

osc_status osc_split_blocks(const osc_blocks *bl, osc_split *sp, osc_error *err)
{
	const osc_allocator *a = bl->arena->a;
	osc_arena *ar = bl->arena;
	if (looks_like_news(bl)) {
		sp->kind = OSC_KIND_NEWS_SUMMARY;
		osc_status st = split_news(bl, sp, a);
		if (st)
			return osc_set_error(err, st, 0, "out of memory splitting sections");
		return OSC_OK;
	}
	sp->kind = detect_kind(bl);

	state s = S_PREAMBLE;
	bool seen_findings_heading = false;
	bool after_table = false; /* a report's judgement table is behind */
	osc_buf headline;
	osc_buf_init(&headline, a);
	osc_status st = OSC_OK;
	for (size_t i = 0; i < bl->n && s != S_END && !st; i++) {
		const osc_block *b = &bl->v[i];
		if (b->type == OSC_BLOCK_HEADING) {
			osc_heading h = osc_classify_heading(b->text, b->len);
			state next = s;
			switch (h) {
			case OSC_HEAD_OVERVIEW: next = S_OVERVIEW; break;
			case OSC_HEAD_IMPROVE:
				/* a second list, after the findings began ("Areas
				 * for improvement" under them, the improvement
				 * points given already), is findings that concern */
				next = s == S_FINDINGS && sp->n_items[OSC_SECTION_IMPROVEMENTS]
				       ? S_FINDINGS : S_IMPROVE;
				break;
			case OSC_HEAD_PRIORITY: next = S_PRIORITY; break;
			case OSC_HEAD_FINDINGS:
				next = S_FINDINGS;
				seen_findings_heading = true;
				break;
			case OSC_HEAD_SCOPE: next = S_PREAMBLE; break;
			case OSC_HEAD_END: next = S_END; break;
			default: break; /* other headings keep the section */
			}
			s = next;
			continue;
		}
		if (sp->kind == OSC_KIND_INSPECTION_REPORT && b->type == OSC_BLOCK_PARA &&
		    osc_is_judgement_heading(b->text, b->len)) {
			/* a judgement area's heading: its findings follow */
			s = S_FINDINGS;
			seen_findings_heading = true;
			continue;
		}
		if (sp->kind == OSC_KIND_INSPECTION_REPORT && b->type == OSC_BLOCK_PARA &&
		    osc_is_grade(b->text, b->len)) {
			/* a grade on its own line, under its area: in the
			 * table, the overview may follow */
			if (s == S_PREAMBLE && i > 0 && row_name(&bl->v[i - 1]))
				after_table = true;
			continue;
		}
		if (osc_is_closing(b->text, b->len)) {
			s = S_END;
			break;
		}
		switch (s) {
		case S_PREAMBLE:
			/* a report's overview has no heading: it follows the
			 * judgement table, whose last row is the overall grade,
			 * in a paragraph of its own or run on after the grade */
			if (sp->kind == OSC_KIND_INSPECTION_REPORT && b->type == OSC_BLOCK_PARA &&
			    !seen_findings_heading) {
				if (row_name(b)) { /* the next row of the table */
					after_table = false;
					break;
				}
				size_t from = 0, end = b->len;
				if (!after_table &&
				    !overview_after_table(b->text, b->len, &from, &end))
					break;
				after_table = true;
				if (from < end) {
					/* an area's heading run on after it: its
					 * findings follow */
					s = end < b->len ? S_FINDINGS : S_OVERVIEW;
					seen_findings_heading = end < b->len;
					osc_buf_add(&headline, b->text + from, end - from);
				}
			}
			break;
		case S_END:
			break;
		case S_OVERVIEW:
			/* a report's numbered findings with no area heading
			 * seen: the overview is over */
			if (sp->kind == OSC_KIND_INSPECTION_REPORT && b->type == OSC_BLOCK_BULLET) {
				s = S_FINDINGS;
				st = add_item(sp, a, OSC_SECTION_FINDINGS, b);
				break;
			}
			if (headline.len)
				osc_buf_adds(&headline, "\n\n");
			osc_buf_add(&headline, b->text, b->len);
			break;
		case S_IMPROVE:
		case S_PRIORITY: {
			osc_section sec = s == S_IMPROVE ? OSC_SECTION_IMPROVEMENTS
							 : OSC_SECTION_PRIORITY_ACTIONS;
			/* A plain paragraph after a list of bullet points, with no
			 * findings heading anywhere: the findings have begun. */
			if (b->type == OSC_BLOCK_PARA && sp->n_items[sec] > 0 &&
			    !seen_findings_heading && i > 0 &&
			    bl->v[i - 1].type == OSC_BLOCK_BULLET) {
				s = S_FINDINGS;
				st = add_item(sp, a, OSC_SECTION_FINDINGS, b);
				break;
			}
			st = add_item(sp, a, sec, b);
			break;
		}
		case S_FINDINGS:
			st = add_item(sp, a, OSC_SECTION_FINDINGS, b);
			break;
		}
	}
	if (!st && headline.len) {
		sp->headline = osc_arena_strndup(ar, headline.data, headline.len);
		if (!sp->headline)
			st = OSC_ENOMEM;
	}
	if (headline.failed)
		st = OSC_ENOMEM;
	osc_buf_free(&headline);
	if (st)
		return osc_set_error(err, st, 0, "out of memory splitting sections");
	return OSC_OK;
}
