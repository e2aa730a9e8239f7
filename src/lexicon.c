/*
 * lexicon.c - Ofsted's fixed wording, in one place: the section headings of
 * letters and reports, a letter's opening and closing, the judgement areas
 * and the grades, and the recognisers every stage shares.
 */
#include "lexicon.h"

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
		/* ... their summary and findings under each judgement, and the
		 * summary for children, which restates them */
		"Executive summary", "Inspection findings",
		"Inspection findings \xE2\x80\x93 the Local Safeguarding Children Board",
		"Summary for children and young people",
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
		OSC_HEAD_OVERVIEW, OSC_HEAD_FINDINGS,
		OSC_HEAD_FINDINGS,
		OSC_HEAD_SCOPE,
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
		/* the thanks, the publication and the request for an action
		 * plan that end a letter */
		"Thank you and your staff", "Thank you for", "Ofsted will publish this letter",
		"Ofsted will share the findings", "Ofsted will share this letter",
		"Where a focused visit results in", "We require you to submit",
	};
	static osc_prefixes set = OSC_PREFIXES(prefixes);
	return osc_prefixes_find(&set, s, n) >= 0;
}



const osc_lex_area osc_lex_areas[] = {
	/* longest first where one name contains another */
	{ "children in care and care leavers", OSC_AREA_IN_CARE_AND_CARE_LEAVERS },
	{ "children looked after and achieving permanence", OSC_AREA_IN_CARE },
	{ "children who need help and protection", OSC_AREA_HELP_AND_PROTECTION },
	{ "children in care", OSC_AREA_IN_CARE },
	{ "care leavers", OSC_AREA_CARE_LEAVERS },
	{ "impact of leaders", OSC_AREA_IMPACT_OF_LEADERS },
	{ "leadership, management and governance", OSC_AREA_IMPACT_OF_LEADERS },
	{ "overall effectiveness", OSC_AREA_OVERALL },
	/* the single inspection framework's sub-judgement */
	{ "adoption performance", OSC_AREA_ADOPTION },
};
const size_t osc_n_lex_areas = OSC_ARRAY_LEN(osc_lex_areas);

const osc_lex_grade osc_lex_grades[] = {
	{ "requires improvement to be good", OSC_GRADE_REQUIRES_IMPROVEMENT },
	{ "requires improvement", OSC_GRADE_REQUIRES_IMPROVEMENT },
	/* as a verb after a plural: "... protection require improvement" */
	{ "require improvement to be good", OSC_GRADE_REQUIRES_IMPROVEMENT },
	{ "require improvement", OSC_GRADE_REQUIRES_IMPROVEMENT },
	{ "outstanding", OSC_GRADE_OUTSTANDING },
	{ "inadequate", OSC_GRADE_INADEQUATE },
	{ "good", OSC_GRADE_GOOD },
};
const size_t osc_n_lex_grades = OSC_ARRAY_LEN(osc_lex_grades);

size_t osc_grade_at(const char *s, size_t n)
{
	for (size_t i = 0; i < osc_n_lex_grades; i++) {
		size_t m = strlen(osc_lex_grades[i].name);
		if (n >= m && osc_starts_with_ci(s, n, osc_lex_grades[i].name) &&
		    (n == m || !osc_lex_word_char(s[m])))
			return m;
	}
	return 0;
}

bool osc_is_grade(const char *s, size_t n)
{
	while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	for (size_t i = 0; i < osc_n_lex_grades; i++)
		if (strlen(osc_lex_grades[i].name) == n && osc_starts_with_ci(s, n, osc_lex_grades[i].name))
			return true;
	return false;
}

/* The report's own wording, and its variants in the corpus ("The
 * experience and progress of", "The experiences of children in care"). */
const char *const osc_area_leads[] = {
	"Overall effectiveness", "The impact of leaders on ", "The experiences and progress of ",
	"The experience and progress of ", "The experiences of ", "The experience of ",
	/* a heading without its leading "The" */
	"Impact of leaders on ", "Experiences and progress of ", "Experience and progress of ",
};
const size_t osc_n_area_leads = OSC_ARRAY_LEN(osc_area_leads);

size_t osc_area_lead(const char *s, size_t n)
{
	static osc_prefixes set = OSC_PREFIXES(osc_area_leads);
	long k = osc_prefixes_find(&set, s, n);
	return k >= 0 ? strlen(osc_area_leads[k]) : 0;
}

bool osc_is_judgement_heading(const char *s, size_t n)
{
	if (n && s[n - 1] == '.')
		n--;
	/* the single inspection framework's sections: the area's name alone,
	 * or with its grade after it */
	static const char *const sif[] = {
		"Children who need help and protection",
		"Children looked after and achieving permanence",
		"Adoption performance",
		"Experiences and progress of care leavers",
		"Leadership, management and governance",
	};
	for (size_t i = 0; i < OSC_ARRAY_LEN(sif); i++) {
		size_t m = strlen(sif[i]);
		if (n >= m && osc_starts_with_ci(s, n, sif[i]) &&
		    (n == m || osc_is_grade(s + m + 1, n - m - 1) ||
		     (s[m] == ':' && n > m + 2 && osc_is_grade(s + m + 2, n - m - 2))))
			return true;
	}
	if (n > 200 || memchr(s, '.', n) || memchr(s, ',', n))
		return false;
	return osc_area_lead(s, n) && osc_ends_with_grade(s, n);
}

bool osc_ends_with_grade(const char *s, size_t n)
{
	if (n && s[n - 1] == '.')
		n--;
	/* after ": ", " is " or " are " (or "is " opening a heading's second
	 * line), or as the verb ("... protection requires improvement to be
	 * good"); a table row puts the grade, capitalised, straight after the
	 * area */
	static const char *const links[] = { ": ", " is ", " are " };
	for (size_t i = 0; i < osc_n_lex_grades; i++) {
		size_t m = strlen(osc_lex_grades[i].name);
		if (n < m || !osc_starts_with_ci(s + n - m, m, osc_lex_grades[i].name))
			continue;
		if (s[n - m] == 'r' && n > m && s[n - m - 1] == ' ')
			return true;
		for (size_t k = 0; k < OSC_ARRAY_LEN(links); k++) {
			size_t l = strlen(links[k]);
			if (n >= m + l && osc_starts_with_ci(s + n - m - l, l, links[k]))
				return true;
			if (n == m + l - 1 && osc_starts_with_ci(s, n, links[k] + 1))
				return true;
		}
	}
	return false;
}

bool osc_is_list_intro(const char *s, size_t n)
{
	return n && s[n - 1] == ':' && osc_contains_ci(s, n, "the following");
}

bool osc_refers_back(const char *s, size_t n)
{
	/* an earlier inspection or visit named: Ofsted's words for it */
	static const char *const earlier[] = {
		"last inspection", "previous inspection", "last ILACS", "previous ILACS",
		"last visit", "previous visit", "last focused visit", "previous focused visit",
		"last monitoring visit", "previous monitoring visit", "last full inspection",
		"previous full inspection", "at the last", "since the last",
		"recommendation from the", "recommendations from the",
	};
	return osc_contains_any_ci(s, n, earlier, OSC_ARRAY_LEN(earlier));
}

bool osc_is_judgement_statement(const char *s, size_t n)
{
	if (n > 250 || !osc_area_lead(s, n))
		return false;
	while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	/* one sentence */
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '.' && s[i + 1] == ' ')
			return false;
	/* "... are good", "... are now outstanding", "... remain inadequate" */
	for (size_t g = 0; g < osc_n_lex_grades; g++) {
		size_t m = strlen(osc_lex_grades[g].name);
		if (n <= m + 1 || s[n - m - 1] != ' ' || !osc_starts_with_ci(s + n - m, m, osc_lex_grades[g].name))
			continue;
		static const char *const verbs[] = { " are", " is", " are now", " is now", " remain",
						     " remains", " continue to be", " continues to be" };
		for (size_t v = 0; v < OSC_ARRAY_LEN(verbs); v++) {
			size_t vl = strlen(verbs[v]);
			if (n >= m + 1 + vl && osc_starts_with_ci(s + n - m - 1 - vl, vl, verbs[v]))
				return true;
		}
	}
	return false;
}
