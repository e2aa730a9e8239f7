/* lexicon.h - Ofsted's fixed wording, which every stage reads: section
 * headings, a letter's opening and closing, the judgement areas and the
 * grades (lexicon.c).  Phrases only; what a stage does with them is its own. */
#ifndef OSC_LEXICON_H
#define OSC_LEXICON_H

#include "text.h"

typedef enum osc_heading {
	OSC_HEAD_NONE = 0,
	OSC_HEAD_OVERVIEW,     /* Overview, Headline findings, Summary */
	OSC_HEAD_IMPROVE,      /* What needs to improve ..., Areas for improvement */
	OSC_HEAD_PRIORITY,     /* Areas for priority action */
	OSC_HEAD_FINDINGS,     /* Findings, Main findings, Areas of strength */
	OSC_HEAD_SCOPE,        /* Areas covered by the visit: not findings */
	OSC_HEAD_END,          /* Next steps: the findings are over */
	OSC_HEAD_OTHER         /* any other heading */
} osc_heading;

/* Which section a heading line names (the text is one line or paragraph). */
osc_heading osc_classify_heading(const char *s, size_t n);
/* Is this paragraph closing boilerplate ("Yours sincerely", ...)? */
bool osc_is_closing(const char *s, size_t n);
/* Does this paragraph introduce a list ("... to address the following
 * areas of weakness:")? */
bool osc_is_list_intro(const char *s, size_t n);
/* Does an improvement point say it was raised before ("identified at the
 * last inspection", "since the previous visit")? */
bool osc_refers_back(const char *s, size_t n);
/* Does it open a letter ("This letter summarises the findings ...")? */
bool osc_is_opening(const char *s, size_t n);

/* The judgement areas' names as a report's table gives them (lower case,
 * single spaces, longest first where one contains another), the single
 * inspection framework's adoption row among them. */
typedef struct osc_lex_area {
	const char *name;
	osc_area area;
} osc_lex_area;
extern const osc_lex_area osc_lex_areas[];
extern const size_t osc_n_lex_areas;

/* The grades as reports word them, lower case, longest first. */
typedef struct osc_lex_grade {
	const char *name;
	osc_grade grade;
} osc_lex_grade;
extern const osc_lex_grade osc_lex_grades[];
extern const size_t osc_n_lex_grades;

/* The words that open a judgement area's heading or table row: the
 * overall row's first, then the areas'. */
extern const char *const osc_area_leads[];
extern const size_t osc_n_area_leads;
/* The length of the words that open a judgement area's heading at s ("The
 * experiences and progress of ", "The impact of leaders on ", "Overall
 * effectiveness"), or 0. */
size_t osc_area_lead(const char *s, size_t n);
/* Is this paragraph a report's heading for a judgement area ("The
 * experiences and progress of children in care: good")? */
bool osc_is_judgement_heading(const char *s, size_t n);
/* Is this paragraph a report's statement of a judgement, one sentence
 * ("The experiences and progress of children in care are now good.")? */
bool osc_is_judgement_statement(const char *s, size_t n);
/* Does s end with a grade as a heading gives it ("...: good", "... is
 * outstanding", "... requires improvement to be good", "is good")? */
bool osc_ends_with_grade(const char *s, size_t n);
/* Is this paragraph only a grade ("Requires improvement", "Good")? */
bool osc_is_grade(const char *s, size_t n);
/* The length of the grade that s starts with (the longest), or 0. */
size_t osc_grade_at(const char *s, size_t n);
/* Is c a letter or digit in lower case ASCII (a word goes on)? */
static inline bool osc_lex_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

#endif
