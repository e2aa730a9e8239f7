/* test_json.c - the JSON record (src/render_json.c): escaping, key order,
 * error records; and the text summary (src/render_text.c). */
#include "testutil.h"
#include "writers.h"
#include "text.h"

static char *render(const osc_doc *d, unsigned flags)
{
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(osc_render_json(d, flags, NULL, &out, &len), OSC_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

/* A large document's record, written as it is made (osc_render_json_to). */
static void test_streamed(void **state)
{
	(void)state;
	tu_check_streamed(osc_render_json, osc_render_json_to, 0, true);
	tu_check_streamed(osc_render_json, osc_render_json_to, OSC_RENDER_PRETTY, true);
}

static void test_escaping(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	const char *text = "Dear X\nThis letter summarises a focused visit.\nFindings\n"
			   "A \"quoted\" back\\slash\ttab and \xE2\x80\xA8 separator.\n";
	/* a source name with a newline and an invalid byte */
	osc_doc *d = osc_scan(s, text, strlen(text), "dir/new\nline\xFF.txt", OSC_FORMAT_TEXT, &err);
	assert_non_null(d);
	char *j = render(d, 0);
	assert_non_null(strstr(j, "\"source\":\"dir/new\\nline\xEF\xBF\xBD.txt\""));
	assert_non_null(strstr(j, "\"text\":\"A \\\"quoted\\\" back\\\\slash tab and \\u2028 separator.\""));
	assert_null(strchr(j, '\n'));       /* JSON Lines: one line */
	assert_true(strncmp(j, "{\"schema\":\"ofsted-scan/1\",\"source\"", 34) == 0);
	osc_free(NULL, j);
	osc_doc_free(d);
	osc_scanner_free(s);
}

static void test_contract_keys_in_order(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Dear X\nThis letter summarises a focused visit.\nFindings\nHealth assessments are timely.\n");
	char *j = render(d, OSC_RENDER_PRETTY);
	static const char *const keys[] = {
		"\"schema\"", "\"source\"", "\"input_format\"", "\"kind\"", "\"authority\"",
		"\"authority_key\"", "\"date\"",
		"\"visit_dates\"", "\"inspectors\"", "\"focus\"", "\"headline\"", "\"judgements\"",
		"\"improvements\"", "\"priority_actions\"", "\"findings\"", "\"themes\"", "\"warnings\"",
	};
	const char *at = j;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const char *k = strstr(at, keys[i]);
		if (!k)
			fail_msg("key %s missing or out of order", keys[i]);
		at = k;
	}
	assert_non_null(strstr(j, "\"health\": {\"items\":1,\"strength\":1,\"concern\":0,\"mixed\":0,\"neutral\":0}"));
	assert_non_null(strstr(j, "\"authority\": null"));
	assert_non_null(strstr(j, "\"authority_key\": null"));
	/* an item: text, polarity, where to cite it, themes */
	assert_non_null(strstr(j, "\"polarity\": \"strength\",\n      \"page\": null,\n"
				  "      \"paragraph\": null,\n      \"themes\""));
	assert_int_equal(j[strlen(j) - 1], '\n');
	osc_free(NULL, j);
	osc_doc_free(d);
}

/* --documents: one record per document, the document table's. */
static void test_row(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(TU_REPORT_TITLE("Wokingham Borough Council")
			     "Judgement\nGrade\n"
			     "The impact of leaders on social work practice with children and families\nGood\n"
			     "The experiences and progress of children who need help and protection\nInadequate\n"
			     "The experiences and progress of children in care\nGood\n"
			     "The experiences and progress of care leavers\nGood\n"
			     "Overall effectiveness\nRequires improvement to be good\n\n"
			     "Children are helped well. Leaders know their services.\n\n"
			     "What needs to improve?\n"
			     "\xE2\x97\xBC The timeliness of health assessments.\n\n"
			     "The experiences and progress of children who need help and protection: good\n\n"
			     "12. Health assessments are late and dental checks are missed.\n");
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(osc_render_json_row(d, 0, NULL, &out, &len), OSC_OK);
	assert_int_equal(strlen(out), len);
	assert_string_equal(out,
		"{\"schema\":\"ofsted-scan/1\",\"record\":\"document\",\"source\":\"test\","
		"\"kind\":\"inspection_report\",\"authority_key\":\"Wokingham\","
		"\"authority\":\"Wokingham Borough Council\",\"date\":\"2025-03-14\","
		"\"first_visit\":\"2025-03-03\",\"last_visit\":\"2025-03-14\","
		"\"inspectors\":[\"Alex Example\"],\"focus\":null,"
		"\"judgements\":{\"overall_effectiveness\":\"requires_improvement\","
		"\"impact_of_leaders\":\"good\",\"help_and_protection\":\"inadequate\","
		"\"in_care\":\"good\",\"care_leavers\":\"good\"},"
		"\"headline\":\"Children are helped well. Leaders know their services.\","
		"\"items\":{\"improvements\":1,\"priority_actions\":0,\"findings\":1},"
		"\"polarity\":{\"strength\":0,\"concern\":2,\"mixed\":0,\"neutral\":0},"
		"\"themes\":{\"health\":{\"items\":2,\"concerns\":2,\"strengths\":0}},"
		"\"warnings\":0}");
	osc_free(NULL, out);
	assert_int_equal(osc_render_json_row(NULL, 0, NULL, &out, &len), OSC_EINVAL);
	osc_doc_free(d);
}

static void test_error_record(void **state)
{
	(void)state;
	char *out;
	size_t len;
	assert_int_equal(osc_render_json_error("a\"b.txt", "No such file", 0, NULL, &out, &len), OSC_OK);
	assert_string_equal(out, "{\"schema\":\"ofsted-scan/1\",\"source\":\"a\\\"b.txt\",\"error\":\"No such file\"}");
	osc_free(NULL, out);
}

static void test_text_summary(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("12 June 2024\nDear X\nThis letter summarises the findings of a focused visit to "
			     "Exampleshire children's services on 3 June 2024.\nOverview\nA summary.\n"
			     "Findings\nHealth assessments are timely.\nLeaders know their services well.\n");
	char *out;
	size_t len;
	assert_int_equal(osc_render_text(d, 0, NULL, &out, &len), OSC_OK);
	assert_non_null(strstr(out, "Authority  Exampleshire"));
	assert_non_null(strstr(out, "Findings by theme (2)"));
	assert_non_null(strstr(out, "  + Health assessments are timely."));
	assert_null(strstr(out, "\x1b["));
	osc_free(NULL, out);
	assert_int_equal(osc_render_text(d, OSC_RENDER_COLOUR, NULL, &out, &len), OSC_OK);
	assert_non_null(strstr(out, "\x1b[32m+"));
	osc_free(NULL, out);
	osc_doc_free(d);
}

/* Strings as JSON: three-byte characters from U+2000 (’ “ —) pass as they
 * are, at the start, the end and everywhere; the line and paragraph
 * separators are escaped; a cut or broken sequence becomes U+FFFD. */
static void test_string_escapes(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "\xE2\x80\x99", "\"\xE2\x80\x99\"" },
		{ "children\xE2\x80\x99s \xE2\x80\x9Cplans\xE2\x80\x9D \xE2\x80\x94 ok",
		  "\"children\xE2\x80\x99s \xE2\x80\x9Cplans\xE2\x80\x9D \xE2\x80\x94 ok\"" },
		{ "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "\"a\\u2028b\\u2029c\"" },
		{ "end\xE2\x80", "\"end\xEF\xBF\xBD\xEF\xBF\xBD\"" },
		{ "x\xE2" "ab", "\"x\xEF\xBF\xBD" "ab\"" },
		{ "\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99 sixteen plus",
		  "\"\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99 sixteen plus\"" },
		{ "tab\there \"q\" \xC3\xA9", "\"tab\\there \\\"q\\\" \xC3\xA9\"" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		osc_buf b;
		osc_buf_init(&b, NULL);
		osc_json_string(&b, cases[i].in);
		assert_false(b.failed);
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("case %zu: got %s, want %s", i, b.data, cases[i].want);
		osc_buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_streamed),
		cmocka_unit_test(test_string_escapes),
		cmocka_unit_test(test_contract_keys_in_order),
		cmocka_unit_test(test_error_record),
		cmocka_unit_test(test_row),
		cmocka_unit_test(test_text_summary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
