/* test_summary.c - summaries over many documents (src/summary.c,
 * src/render_summary.c): counts by kind, theme and polarity, per year and
 * per authority (one name however it is styled), grades; three formats. */
#include "testutil.h"

static const char *const letter_a =
	"3 May 2023\nDear X\nThis letter summarises the findings of the focused visit to Wokingham "
	"children\xE2\x80\x99s services on 4 April 2023.\n"
	"What needs to improve?\n\xE2\x97\xBC The timeliness of health assessments.\n"
	"Findings\nHealth assessments are late and dental checks are missed.\n"
	"Staff morale is good and caseloads are manageable.\n";
static const char *const letter_b =
	"9 June 2024\nDear X\nThis letter summarises the findings of the focused visit to Wokingham "
	"Borough Council children\xE2\x80\x99s services on 4 June 2024.\n"
	"Findings\nHealth assessments are timely and thorough.\n";
static const char *const report =
	"Inspection of Exampleshire children\xE2\x80\x99s services\n"
	"Inspection dates: 1 to 5 May 2023\n"
	"Lead inspector: Sam Sample, His Majesty\xE2\x80\x99s Inspector\n"
	"Judgement\nGrade\n"
	"The impact of leaders on social work practice with children and families\nGood\n"
	"The experiences and progress of children who need help and protection\nInadequate\n"
	"The experiences and progress of children in care and care leavers\nGood\n"
	"Overall effectiveness\nRequires improvement to be good\n";

static osc_summary *three(void)
{
	osc_summary *s = osc_summary_new(tu_rules(), NULL);
	assert_non_null(s);
	const char *docs[] = { letter_a, letter_b, report };
	for (size_t i = 0; i < 3; i++) {
		osc_doc *d = tu_scan(docs[i]);
		assert_int_equal(osc_summary_add(s, d), OSC_OK);
		osc_doc_free(d); /* the summary keeps nothing of it */
	}
	osc_summary_add_error(s);
	return s;
}

static char *render(const osc_summary *s, osc_summary_format f)
{
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(osc_render_summary(s, f, 0, NULL, &out, &len), OSC_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

static void test_json(void **state)
{
	(void)state;
	osc_summary *s = three();
	char *j = render(s, OSC_SUMMARY_JSON);
	assert_true(strncmp(j, "{\"schema\":\"ofsted-scan/1\",\"summary\":{\"documents\":3,"
			       "\"errors\":1,", 56) == 0);
	assert_non_null(strstr(j, "\"kinds\":{\"focused_visit\":2,\"inspection_report\":1}"));
	/* health: two concerns (the improvement point and the late finding) and a
	 * strength (the timely one) */
	assert_non_null(strstr(j, "{\"id\":\"health\",\"label\":\"Health assessments and health needs\","
				  "\"items\":3,\"strength\":1,\"concern\":2,\"mixed\":0,\"neutral\":0,"
				  "\"documents\":2,\"concern_documents\":1,\"share\":0.667,\"concern_share\":0.333}"));
	/* "Wokingham" and "Wokingham Borough Council" are one authority */
	assert_non_null(strstr(j, "{\"authority\":\"Wokingham\",\"documents\":2,"));
	assert_non_null(strstr(j, "{\"year\":\"2023\",\"documents\":2,"));
	assert_non_null(strstr(j, "{\"year\":\"2024\",\"documents\":1,"));
	assert_non_null(strstr(j, "\"help_and_protection\":{\"outstanding\":0,\"good\":0,"
				  "\"requires_improvement\":0,\"inadequate\":1}"));
	osc_free(NULL, j);
	osc_summary_free(s);
}

static void test_csv_and_text(void **state)
{
	(void)state;
	osc_summary *s = three();
	char *c = render(s, OSC_SUMMARY_CSV);
	static const char head[] = "scope,key,theme,documents,items,strength,concern,mixed,neutral,"
				   "of_documents,share,concern_documents,concern_share\r\nall,,,3,";
	assert_true(strncmp(c, head, sizeof head - 1) == 0);
	assert_non_null(strstr(c, "\r\nerrors,,,1,,,,,,,,,\r\n"));
	assert_non_null(strstr(c, "\r\nkind,focused_visit,,2,,,,,,,,,\r\n"));
	/* a theme's row: the documents that raise it (2 of the authority's 2),
	 * its items, and the one document that raises it as a concern */
	assert_non_null(strstr(c, "\r\nauthority,Wokingham,,2,"));
	assert_non_null(strstr(c, "\r\nauthority,Wokingham,health,2,3,1,2,0,0,2,1.000,1,0.500\r\n"));
	assert_non_null(strstr(c, "\r\nyear,2024,health,1,1,1,0,0,0,1,1.000,0,0.000\r\n"));
	assert_non_null(strstr(c, "\r\njudgement,overall_effectiveness,requires_improvement,1,,,,,,,,,\r\n"));
	osc_free(NULL, c);
	char *t = render(s, OSC_SUMMARY_TEXT);
	assert_true(strncmp(t, "Summary of 3 documents (and 1 that could not be read)", 53) == 0);
	assert_non_null(strstr(t, "Themes, most often a concern first"));
	assert_non_null(strstr(t, "\n  Wokingham "));
	assert_non_null(strstr(t, "health 1 (50%)"));
	assert_non_null(strstr(t, "Judgements in inspection reports"));
	osc_free(NULL, t);
	osc_summary_free(s);
}

/* Names of one authority, however styled, are one group, under its
 * canonical name; a name not in the list is a group of its own. */
static void test_authority_names(void **state)
{
	(void)state;
	static const char *const names[] = {
		"Bristol", "Bristol City Council", "Bristol, City of", "City of Bristol",
		"Hammersmith & Fulham", "the London Borough of Hammersmith and Fulham",
		"Exampleton", "EXAMPLETON",
	};
	osc_summary *s = osc_summary_new(tu_rules(), NULL);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char text[512];
		snprintf(text, sizeof text, "Dear X\nThis letter summarises the findings of the focused "
			 "visit to %s children\xE2\x80\x99s services on 4 June 2024.\nFindings\nA finding.\n",
			 names[i]);
		osc_doc *d = tu_scan(text);
		assert_int_equal(osc_summary_add(s, d), OSC_OK);
		osc_doc_free(d);
	}
	char *j = render(s, OSC_SUMMARY_JSON);
	assert_non_null(strstr(j, "\"authorities\":[{\"authority\":\"Bristol\",\"documents\":4,"));
	assert_non_null(strstr(j, "{\"authority\":\"Exampleton\",\"documents\":2,"));
	assert_non_null(strstr(j, "{\"authority\":\"Hammersmith and Fulham\",\"documents\":2,"));
	osc_free(NULL, j);
	osc_summary_free(s);
}

/* The reduce step: a document's JSON record adds what the document adds,
 * in every format; an error record counts as an error. */
static void test_records(void **state)
{
	(void)state;
	osc_summary *from_docs = three(), *from_records = osc_summary_new(tu_rules(), NULL);
	const char *docs[] = { letter_a, letter_b, report };
	for (size_t i = 0; i < 3; i++) {
		osc_doc *d = tu_scan(docs[i]);
		char *json = NULL;
		size_t len;
		assert_int_equal(osc_render_json(d, i == 1 ? OSC_RENDER_PRETTY : 0, NULL, &json, &len), OSC_OK);
		assert_true(i == 1 || osc_is_record(json, len));
		osc_error err = { 0 };
		assert_int_equal(osc_summary_add_record(from_records, json, len, &err), OSC_OK);
		osc_free(NULL, json);
		osc_doc_free(d);
	}
	char *er = NULL;
	size_t el;
	assert_int_equal(osc_render_json_error("x.pdf", "damaged PDF", 0, NULL, &er, &el), OSC_OK);
	assert_int_equal(osc_summary_add_record(from_records, er, el, NULL), OSC_OK);
	osc_free(NULL, er);
	for (int f = OSC_SUMMARY_TEXT; f <= OSC_SUMMARY_CSV; f++) {
		char *a = render(from_docs, (osc_summary_format)f), *b = render(from_records, (osc_summary_format)f);
		assert_string_equal(a, b);
		osc_free(NULL, a);
		osc_free(NULL, b);
	}
	osc_summary_free(from_docs);
	osc_summary_free(from_records);
}

/* Lines that are no record of a document: refused, saying why; nothing
 * counted. */
static void test_bad_records(void **state)
{
	(void)state;
	static const struct {
		const char *line, *why;
	} bad[] = {
		{ "{\"schema\":\"ofsted-scan/1\",\"kind\":\"focused_visit\",\"findings\":[{\"polarity\":\"strength\"",
		  "a cut line" },
		{ "{\"schema\":\"ofsted-scan/1\",\"record\":\"document\",\"kind\":\"focused_visit\"}",
		  "a row of the document table" },
		{ "{\"schema\":\"ofsted-scan/1\",\"kind\":\"focused_visit\",\"themes\":{\"nosuch\":{\"items\":1}}}",
		  "not in the taxonomy" },
		{ "{\"schema\":\"ofsted-scan/2\",\"kind\":\"focused_visit\"}", "not a record of schema" },
		{ "{\"schema\":\"ofsted-scan/1\",\"kind\":\"letter\"}", "unknown kind" },
		{ "{\"schema\":\"ofsted-scan/1\",\"kind\":\"focused_visit\",\"findings\":[{\"polarity\":\"happy\"}]}",
		  "unknown polarity" },
		{ "{\"schema\":\"ofsted-scan/1\",\"kind\":\"focused_visit\"} x", "more after the record" },
		{ "{\"schema\":\"ofsted-scan/1\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
		  "nested too deep" },
		{ "{\"schema\":\"ofsted-scan/1\",\"kind\":\"foc\\qused_visit\"}", "a bad escape" },
		{ "[1,2]", "an object expected" },
		{ "", "the line ends too soon" },
	};
	osc_summary *s = osc_summary_new(tu_rules(), NULL);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		osc_error err = { 0 };
		if (osc_summary_add_record(s, bad[i].line, strlen(bad[i].line), &err) != OSC_EFORMAT)
			fail_msg("line %zu was taken", i);
		if (!strstr(err.message, bad[i].why))
			fail_msg("line %zu: \"%s\", want \"%s\"", i, err.message, bad[i].why);
	}
	char *j = render(s, OSC_SUMMARY_JSON);
	assert_non_null(strstr(j, "\"documents\":0,\"errors\":0,\"items\":0"));
	osc_free(NULL, j);
	assert_false(osc_is_record("{\"schema\":\"other\"}", 19));
	assert_int_equal(osc_summary_add_record(NULL, "{}", 2, NULL), OSC_EINVAL);
	osc_summary_free(s);
}

/* A document scanned with other rules is refused; bad arguments. */
static void test_bad_arguments(void **state)
{
	(void)state;
	size_t n;
	const char *def = osc_default_rules_text(&n);
	osc_rules *other = osc_rules_parse(def, n, "other", NULL, NULL);
	assert_non_null(other);
	osc_summary *s = osc_summary_new(other, NULL);
	osc_doc *d = tu_scan(letter_a);
	assert_int_equal(osc_summary_add(s, d), OSC_EINVAL);
	assert_int_equal(osc_summary_add(s, NULL), OSC_EINVAL);
	char *out = NULL;
	size_t len;
	assert_int_equal(osc_render_summary(s, (osc_summary_format)9, 0, NULL, &out, &len), OSC_EINVAL);
	assert_null(osc_summary_new(NULL, NULL));
	osc_doc_free(d);
	osc_summary_free(s);
	osc_rules_free(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_csv_and_text),
		cmocka_unit_test(test_authority_names),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_bad_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
