/* test_render_text.c - the summary a person reads (src/render_text.c): the
 * header fields, wrapping, polarity markers, findings grouped by their main
 * theme, the theme table, colour only when asked, control characters in a
 * file name escaped. */
#include "testutil.h"

static const char letter[] =
	"14 March 2025\nDear X\nThis letter summarises a focused visit to Riverford "
	"children\xE2\x80\x99s services on 3 and 4 March 2025.\n"
	"What needs to improve?\n\xE2\x97\xBC The timeliness of health assessments for children in care.\n"
	"Findings\n"
	"Staff morale is good. Caseloads are manageable and newly qualified social workers receive "
	"protected time for training, supervision and reflective discussion with their managers.\n\n"
	"Children enjoy their hobbies.\n";

static char *render(const osc_doc *d, unsigned flags)
{
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(osc_render_text(d, flags, NULL, &out, &len), OSC_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

/* The header gives what was found, a missing field is left out. */
/* A large document's summary, written as it is made. */
static void test_streamed(void **state)
{
	(void)state;
	tu_check_streamed(osc_render_text, osc_render_text_to, 0, false);
	tu_check_streamed(osc_render_text, osc_render_text_to, OSC_RENDER_LIST, false);
}

static void test_header(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(letter);
	char *t = render(d, 0);
	assert_non_null(strstr(t, "test\n  Kind       focused_visit\n"));
	assert_non_null(strstr(t, "\n  Authority  Riverford\n"));
	assert_non_null(strstr(t, "\n  Date       2025-03-14\n"));
	assert_non_null(strstr(t, "\n  Visit      2025-03-03, 2025-03-04\n"));
	assert_null(strstr(t, "Inspectors"));
	assert_null(strstr(t, "Focus "));
	osc_free(NULL, t);
	osc_doc_free(d);
}

/* Sections with their counts; improvement points in full with their
 * themes; each finding under its main theme's label with a polarity marker
 * and the other themes as "also"; a finding with no theme under Other. */
static void test_sections(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(letter);
	char *t = render(d, 0);
	assert_non_null(strstr(t, "\nWhat needs to improve (1)\n  - The timeliness of health "
				  "assessments for children in care. [health]\n"));
	assert_non_null(strstr(t, "\nFindings by theme (2)\n Workforce\n  + Staff morale is good. Caseloads "
				  "are manageable and newly qualified social workers\n    receive protected"));
	assert_non_null(strstr(t, "their managers. [also: oversight]\n Other\n  . Children enjoy their hobbies.\n"));
	assert_non_null(strstr(t, "\nThemes\n  theme "));
	/* the table counts an item once per theme: health 1 concern */
	assert_non_null(strstr(t, "\n  Health assessments and health needs          1     0     1     0     0\n"));
	assert_null(strstr(t, "\x1b["));
	osc_free(NULL, t);
	osc_doc_free(d);
}

/* No line is longer than 88 columns (code points), and wrapped lines are
 * indented under their item. */
static void test_wrap(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(letter);
	char *t = render(d, 0);
	for (char *line = t; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		size_t cps = 0;
		for (size_t i = 0; i < n; i++)
			cps += ((unsigned char)line[i] & 0xC0) != 0x80;
		assert_true(cps <= 88);
		line += n + (nl != NULL);
	}
	osc_free(NULL, t);
	osc_doc_free(d);
	/* --explain shows the whole finding, wrapped with a four-space indent */
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	osc_scanner_set_explain(s, true);
	d = osc_scan(s, letter, strlen(letter), "test", OSC_FORMAT_TEXT, &err);
	osc_scanner_free(s);
	t = render(d, 0);
	assert_non_null(strstr(t, "    their managers. [also: oversight]\n      themes (threshold 3, relative 0.4): "
				  "workforce "));
	assert_non_null(strstr(t, "\n      polarity: 2 sentences: 1 lean strength"));
	osc_free(NULL, t);
	osc_doc_free(d);
}

/* Colour only when asked; a file name's control characters are escaped
 * either way, so no escape sequence of the input reaches the terminal. */
static void test_colour_and_escapes(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	osc_doc *d = osc_scan(s, letter, strlen(letter), "a\x1b[31mb\n.txt", OSC_FORMAT_TEXT, &err);
	osc_scanner_free(s);
	char *t = render(d, 0);
	assert_true(strncmp(t, "a\\x1b[31mb\\x0a.txt\n", 19) == 0);
	osc_free(NULL, t);
	t = render(d, OSC_RENDER_COLOUR);
	assert_true(strncmp(t, "\x1b[1ma\\x1b[31mb\\x0a.txt\x1b[0m\n", 27) == 0);
	assert_non_null(strstr(t, "  \x1b[31m-\x1b[0m The timeliness"));
	osc_free(NULL, t);
	osc_doc_free(d);
}

/* Findings whole by default (the "However ..." that makes one mixed is
 * seen), the first sentence with OSC_RENDER_BRIEF; the headline's every
 * paragraph, or its first. */
static void test_brief(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("14 March 2025\nDear X\nThis letter summarises a focused visit to Riverford "
			     "children\xE2\x80\x99s services on 3 and 4 March 2025.\n"
			     "Headline findings\nLeaders know their services.\n\nSome plans are weak.\n"
			     "Findings\nSupervision is regular and reflective. However, it does not always "
			     "lead to actions.\n");
	char *t = render(d, 0);
	assert_non_null(strstr(t, "\nHeadline\n  Leaders know their services.\n\n  Some plans are weak.\n"));
	assert_non_null(strstr(t, "Supervision is regular and reflective. However, it does not always lead"));
	osc_free(NULL, t);
	t = render(d, OSC_RENDER_BRIEF);
	assert_non_null(strstr(t, "\nHeadline\n  Leaders know their services.\n\n"));
	assert_null(strstr(t, "Some plans are weak"));
	assert_non_null(strstr(t, "Supervision is regular and reflective. \xE2\x80\xA6"));
	assert_null(strstr(t, "However"));
	osc_free(NULL, t);
	osc_doc_free(d);
}

/* OSC_RENDER_LIST (--grep): the items alone, each with its citation; in a
 * selection, each keeps its own index. */
static void test_list(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(TU_REPORT_TITLE("Riverford local authority") "\n"
			     "Children are helped well. Leaders know their services.\n\n"
			     "What needs to improve?\n"
			     "\xE2\x97\xBC The timeliness of reviews.\n\n"
			     "The experiences and progress of children who need help and protection: good\n\n"
			     "12. Staff morale is good.\n\n13. Health assessments are late.\n");
	int health = osc_rules_theme_index(tu_rules(), "health");
	osc_error err = { 0 };
	osc_doc *sel = osc_doc_select(d, &health, 1, &err);
	char *t = render(sel, OSC_RENDER_LIST);
	assert_string_equal(t, "test: findings 2, paragraph 13 (concern; health)\n"
			       "    Health assessments are late.\n");
	osc_free(NULL, t);
	osc_doc_free(sel);
	int uasc = osc_rules_theme_index(tu_rules(), "uasc");
	sel = osc_doc_select(d, &uasc, 1, &err);
	t = render(sel, OSC_RENDER_LIST);
	assert_string_equal(t, ""); /* nothing kept: nothing to say */
	osc_free(NULL, t);
	osc_doc_free(sel);
	osc_doc_free(d);
}

/* Judgements as a table; warnings at the end; NULL arguments refused. */
static void test_judgements_warnings_and_errors(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Inspection of Riverford local authority children\xE2\x80\x99s services\n"
			     "Inspection dates: 3 to 14 March 2025\n"
			     "Judgement Grade\n"
			     "The impact of leaders on social work practice with children and families Good\n"
			     "The experiences and progress of children who need help and protection Inadequate\n"
			     "Overall effectiveness Requires improvement to be good\n");
	char *t = render(d, 0);
	assert_non_null(strstr(t, "\nJudgements\n"));
	assert_non_null(strstr(t, "\n  Help and protection                inadequate\n"));
	assert_non_null(strstr(t, "\n  warning: "));
	osc_free(NULL, t);
	char *out = NULL;
	size_t len;
	assert_int_equal(osc_render_text(NULL, 0, NULL, &out, &len), OSC_EINVAL);
	assert_int_equal(osc_render_text(d, 0, NULL, NULL, &len), OSC_EINVAL);
	osc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_streamed),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_brief),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_colour_and_escapes),
		cmocka_unit_test(test_judgements_warnings_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
