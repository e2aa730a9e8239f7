/* test_meta.c - dates, visit days, inspectors, authority, focus (src/meta.c). */
#include "testutil.h"
#include "meta.h"
#include "dates.h"
#include "judgements.h"
#include "lexicon.h"

static osc_doc *letter(const char *visit_sentence)
{
	char text[2048];
	snprintf(text, sizeof text,
		 "Ofsted\nPiccadilly Gate\n\n7 March 2021\nDear Sam\n%s\n"
		 "Inspectors looked at the local authority\xE2\x80\x99s arrangements for care leavers.\n"
		 "Findings\nA finding.\n", visit_sentence);
	return tu_scan(text);
}

static void expect_dates(const char *sentence, size_t n, const char *const *want)
{
	osc_doc *d = letter(sentence);
	if (osc_doc_visit_date_count(d) != n)
		fail_msg("%s: %zu dates, want %zu", sentence, osc_doc_visit_date_count(d), n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(osc_doc_visit_date(d, i), want[i]);
	osc_doc_free(d);
}

static void test_visit_dates(void **state)
{
	(void)state;
	expect_dates("This letter summarises the findings of a focused visit to X children\xE2\x80\x99s services on 24 and 25 February 2021.",
		     2, (const char *const[]){ "2021-02-24", "2021-02-25" });
	expect_dates("This letter summarises the findings of a focused visit to X children\xE2\x80\x99s services on 22 to 24 February 2021.",
		     3, (const char *const[]){ "2021-02-22", "2021-02-23", "2021-02-24" });
	expect_dates("This letter summarises the findings of a focused visit to X children's services on 29 and 30 September, and 1 October 2020.",
		     3, (const char *const[]){ "2020-09-29", "2020-09-30", "2020-10-01" });
	expect_dates("This letter summarises the findings of a focused visit to X children's services on 31 January and 1 February 2021.",
		     2, (const char *const[]){ "2021-01-31", "2021-02-01" });
	expect_dates("This letter summarises the findings of a focused visit to X children's services on the 15 and 16 of February 2021.",
		     2, (const char *const[]){ "2021-02-15", "2021-02-16" });
	/* no year: the letter's year (7 March 2021) */
	expect_dates("This letter summarises the findings of a focused visit to X children's services on 2 and 3 February. The",
		     2, (const char *const[]){ "2021-02-02", "2021-02-03" });
	expect_dates("This letter summarises the findings of a focused visit to X children's services on 27 February\xE2\x80\x93" "1 March 2021.",
		     3, (const char *const[]){ "2021-02-27", "2021-02-28", "2021-03-01" });
}

static void test_letter_date_and_authority(void **state)
{
	(void)state;
	osc_doc *d = letter("This letter summarises the findings of the focused visit to the London Borough of Example local authority children\xE2\x80\x99s services on 1 March 2021.");
	assert_string_equal(osc_doc_date(d), "2021-03-07");
	assert_string_equal(osc_doc_authority(d), "London Borough of Example");
	assert_string_equal(osc_doc_focus(d), "the local authority\xE2\x80\x99s arrangements for care leavers");
	osc_doc_free(d);
	d = letter("This letter summarises the findings of a focused visit to Example\xE2\x80\x99s Children\xE2\x80\x99s Services on 1 March 2021.");
	assert_string_equal(osc_doc_authority(d), "Example");
	osc_doc_free(d);
	d = letter("This letter summarises the findings of a focused visit to Example Borough Council on 1 March 2021.");
	assert_string_equal(osc_doc_authority(d), "Example Borough Council");
	osc_doc_free(d);
	d = letter("This letter summarises the findings of a focused visit to the Royal Borough of Example young people\xE2\x80\x99s services on 1 March 2021.");
	assert_string_equal(osc_doc_authority(d), "Royal Borough of Example");
	osc_doc_free(d);
}

static void expect_inspectors(const char *sentence, size_t n, const char *const *want)
{
	char s[1024];
	snprintf(s, sizeof s, "This letter summarises the findings of a focused visit to X children's services on 1 March 2021. %s", sentence);
	osc_doc *d = letter(s);
	if (osc_doc_inspector_count(d) != n)
		fail_msg("%s: %zu inspectors, want %zu", sentence, osc_doc_inspector_count(d), n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(osc_doc_inspector(d, i), want[i]);
	osc_doc_free(d);
}

static void test_inspectors(void **state)
{
	(void)state;
	const char *const two[] = { "Ann Other", "Ben Person-Smith" };
	expect_inspectors("The inspectors were Ann Other, HMI, and Ben Person-Smith, HMI.", 2, two);
	expect_inspectors("The inspectors were Ann Other and Ben Person-Smith, Her Majesty\xE2\x80\x99s Inspectors.", 2, two);
	expect_inspectors("His Majesty\xE2\x80\x99s Inspectors for this visit were Ann Other and Ben Person-Smith.", 2, two);
	expect_inspectors("The visit was carried out by Her Majesty's Inspector, Ann Other and Her Majesty's Inspector, Ben Person-Smith.", 2, two);
	expect_inspectors("The inspectors were Ann Other HMI and Ben Person-Smith HMI.", 2, two);
	expect_inspectors("The inspectors were Ann Other and Ben Person-Smith, both Her Majesty's Inspectors. The quality assurance manager was Cat Third, Senior HMI.", 2, two);
	expect_inspectors("Her Majesty's Inspectors for this visit were Ann Other, Ben Person-Smith and Dee Fourth (HMI designate).", 3,
			  (const char *const[]){ "Ann Other", "Ben Person-Smith", "Dee Fourth" });
	expect_inspectors("The inspectors for this visit were Ann Other, His Majesty's Inspector, and Ben Person-Smith, Ofsted Inspector.", 2, two);
	/* a sentence without its full stop, the letter going on after it */
	expect_inspectors("The inspectors were Ann Other and Ben Person-Smith\nwho looked at the work of the front door", 2, two);
}

/* A letter dated before its own visit, and a range that cannot be: the
 * most plausible reading, with a warning. */
static void test_misprinted_dates(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("14 January 2024\nDear X\nThis letter summarises the findings of a focused visit "
			     "to Exampleshire children\xE2\x80\x99s services on 11 and 12 December 2024.\n");
	assert_string_equal(osc_doc_date(d), "2025-01-14");
	assert_int_equal(osc_doc_warning_count(d), 3); /* and: no findings, Exampleshire */
	assert_non_null(strstr(osc_doc_warning(d, 0), "before its visit: read as 2025-01-14"));
	osc_doc_free(d);
	/* too long after the visit for a misprint: kept, and said */
	d = tu_scan("14 June 2024\nDear X\nThis letter summarises the findings of a focused visit "
		    "to Exampleshire children\xE2\x80\x99s services on 11 and 12 December 2024.\n");
	assert_string_equal(osc_doc_date(d), "2024-06-14");
	assert_non_null(strstr(osc_doc_warning(d, 0), "before its visit (2024-12-11)"));
	osc_doc_free(d);
	d = tu_scan("28 November 2023\nDear X\nThis letter summarises the findings of a focused visit "
		    "to Exampleshire children\xE2\x80\x99s services on 24 October 2022 to 25 October 2023.\n");
	assert_int_equal(osc_doc_visit_date_count(d), 2);
	assert_string_equal(osc_doc_visit_date(d, 0), "2023-10-24");
	assert_non_null(strstr(osc_doc_warning(d, 0), "an impossible range of dates"));
	osc_doc_free(d);
}

/* A report's title page run together, as a PDF's reading order can give
 * it; an authority named with its service keeps only its name. */
static void test_title_run_together(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Exampleshire County Council Inspection of local authority children\xE2\x80\x99s services\n\n"
			     "Inspection dates: 3 to 7 March 2025\n\nLead inspector: Ann Other HMI\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_INSPECTION_REPORT);
	assert_non_null(osc_doc_authority(d));
	assert_string_equal(osc_doc_authority(d), "Exampleshire County Council");
	osc_doc_free(d);
	d = tu_scan("Exampleshire Children\xE2\x80\x99s Services\nInspection of children\xE2\x80\x99s social care services\n"
		    "Inspection dates: 3 to 7 March 2025\nLead inspector: Ann Other HMI\n");
	assert_non_null(osc_doc_authority(d));
	assert_string_equal(osc_doc_authority(d), "Exampleshire");
	osc_doc_free(d);
}

/* A report's title page: a label on a line of its own, its value a line
 * or two below; several lead inspectors listed with their titles. */
static void test_labels_alone(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Exampleshire\nInspection of children\xE2\x80\x99s social care services\n"
			     "Inspection dates:\n\n3 to 7 March 2025\n\nLead inspector:\n\n"
			     "Ann Other, His Majesty\xE2\x80\x99s Inspector\n\nJudgement Grade\n");
	assert_int_equal(osc_doc_visit_date_count(d), 5);
	assert_string_equal(osc_doc_date(d), "2025-03-07");
	assert_int_equal(osc_doc_inspector_count(d), 1);
	assert_string_equal(osc_doc_inspector(d, 0), "Ann Other");
	osc_doc_free(d);
	d = tu_scan("Exampleshire\nInspection of children\xE2\x80\x99s social care services\n"
		    "Inspection dates: 3 to 7 March 2025\n"
		    "Lead inspectors: Ann Other, His Majesty\xE2\x80\x99s Inspector, and Ben Person-Smith, "
		    "His Majesty\xE2\x80\x99s Inspector\n");
	assert_int_equal(osc_doc_inspector_count(d), 2);
	assert_string_equal(osc_doc_inspector(d, 0), "Ann Other");
	assert_string_equal(osc_doc_inspector(d, 1), "Ben Person-Smith");
	osc_doc_free(d);
}

static void test_parse_date(void **state)
{
	(void)state;
	int d, m, y;
	assert_int_equal(osc_parse_date("04 May 2018", 11, &d, &m, &y), 11);
	assert_int_equal(d * 10000 + m * 100 + (y - 2000), 40518);
	assert_int_equal(osc_parse_date("1st Sept 2020", 13, &d, &m, &y), 13);
	assert_int_equal(m, 9);
	assert_int_equal(osc_parse_date("31 February 2020", 16, &d, &m, &y), 0);
	assert_int_equal(osc_parse_date("12 Smarch 2020", 14, &d, &m, &y), 0);
}

/* A report's title page: every form of its inspection dates, and its lead
 * inspector. */
static void test_report_dates(void **state)
{
	(void)state;
	static const struct {
		const char *dates;
		size_t n;
		const char *first, *last;
	} cases[] = {
		{ "15 to 26 November 2021", 12, "2021-11-15", "2021-11-26" },
		{ "19 November\xE2\x80\x93" "30 November 2018", 12, "2018-11-19", "2018-11-30" },
		{ "19 to 23 November and 3 to 7 December 2018", 10, "2018-11-19", "2018-12-07" },
		{ "26 February to 2 March 2018", 5, "2018-02-26", "2018-03-02" },
		{ "23 April 2018 to 04 May 2018", 12, "2018-04-23", "2018-05-04" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char text[512];
		snprintf(text, sizeof text,
			 "Exampleshire\nInspection of children\xE2\x80\x99s social care services\n"
			 "Inspection dates: %s\n"
			 "Lead inspector: Sam Sample, His Majesty\xE2\x80\x99s Inspector\n",
			 cases[i].dates);
		osc_doc *d = tu_scan(text);
		assert_int_equal(osc_doc_kind(d), OSC_KIND_INSPECTION_REPORT);
		size_t n = osc_doc_visit_date_count(d);
		if (n != cases[i].n)
			fail_msg("\"%s\": %zu days, want %zu", cases[i].dates, n, cases[i].n);
		assert_string_equal(osc_doc_visit_date(d, 0), cases[i].first);
		assert_string_equal(osc_doc_visit_date(d, n - 1), cases[i].last);
		/* a report's date is the last day of its inspection */
		assert_string_equal(osc_doc_date(d), cases[i].last);
		assert_int_equal(osc_doc_inspector_count(d), 1);
		assert_string_equal(osc_doc_inspector(d, 0), "Sam Sample");
		osc_doc_free(d);
	}
}

/* Every way a title page introduces its dates, in any case (all of them
 * say "date", which the search for them looks for first). */
static void test_date_anchors(void **state)
{
	(void)state;
	static const char *const anchors[] = {
		"Inspection dates:", "Dates of inspection:", "Inspection date:",
		"Visit dates:", "Dates of visit:", "INSPECTION DATE:", "Inspection dates",
	};
	for (size_t i = 0; i < sizeof anchors / sizeof *anchors; i++) {
		char text[512];
		snprintf(text, sizeof text,
			 "Exampleshire\nInspection of children\xE2\x80\x99s social care services\n"
			 "%s 15 to 19 November 2021\n"
			 "Lead inspector: Sam Sample\n", anchors[i]);
		osc_doc *d = tu_scan(text);
		if (osc_doc_visit_date_count(d) != 5)
			fail_msg("\"%s\": %zu days, want 5", anchors[i], osc_doc_visit_date_count(d));
		assert_string_equal(osc_doc_visit_date(d, 0), "2021-11-15");
		osc_doc_free(d);
	}
}

/* A report's title page names the authority, its lines often apart: the
 * title over two or three lines, the older name-above-title page, a trust;
 * and a lead inspector whose title runs on into the judgement table. */
static void test_report_authority(void **state)
{
	(void)state;
	static const struct {
		const char *opening, *authority;
	} cases[] = {
		{ "Inspection of Example Metropolitan\nBorough Council local authority\nchildren\xE2\x80\x99s services\n",
		  "Example Metropolitan Borough Council" },
		{ "Inspection of the London Borough of\nExample local authority children\xE2\x80\x99s services\n",
		  "London Borough of Example" },
		{ "Inspection of Example local authority children's services\n", "Example" },
		{ "Inspection of Example Children and\nFamilies Trust\n", "Example Children and Families Trust" },
		{ "Example Borough Council\nInspection of children\xE2\x80\x99s social care services\n",
		  "Example Borough Council" },
		{ "The Royal Borough of Example and\nSampleton\nInspection of children's social care services\n",
		  "Royal Borough of Example and Sampleton" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char text[1024];
		snprintf(text, sizeof text,
			 "%sInspection dates: 1 to 12 March 2021\n"
			 "Lead inspector: Sam Sample\nHer Majesty\xE2\x80\x99s Inspector\n"
			 "Judgement\n\nGrade\n\nOverall effectiveness\n\nGood\n\n"
			 /* a body of full lines, so that the title's are short */
			 "Services for children in the area are good and have improved steadily since the\n"
			 "last inspection. Leaders know their services well and have acted on what they\n"
			 "learned from audits, so that most children now get the right help at the right\n"
			 "time from social workers who know them well and who stay with them for longer.\n",
			 cases[i].opening);
		osc_doc *d = tu_scan(text);
		if (osc_doc_kind(d) != OSC_KIND_INSPECTION_REPORT)
			fail_msg("case %zu: kind %d, not a report", i, (int)osc_doc_kind(d));
		if (!osc_doc_authority(d) || strcmp(osc_doc_authority(d), cases[i].authority) != 0)
			fail_msg("case %zu: authority \"%s\", want \"%s\"", i,
				 osc_doc_authority(d) ? osc_doc_authority(d) : "(none)", cases[i].authority);
		assert_int_equal(osc_doc_inspector_count(d), 1);
		assert_string_equal(osc_doc_inspector(d, 0), "Sam Sample");
		osc_doc_free(d);
	}
}

/* A letter dated with a mistyped year: read as the visit's year, with a
 * warning; a mistyped year that fits no visit is left alone. */
static void test_mistyped_year(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("6 November 20205\nDear X\nThis letter summarises the findings of the "
			     "focused visit to Exampleshire children\xE2\x80\x99s services on 7 and 8 "
			     "October 2025.\nFindings\nA finding.\n");
	assert_string_equal(osc_doc_date(d), "2025-11-06");
	assert_int_equal(osc_doc_warning_count(d), 2); /* and: Exampleshire is no authority */
	assert_non_null(strstr(osc_doc_warning(d, 0), "mistyped year (\"6 November 20205\"): read as 2025"));
	osc_doc_free(d);
	d = tu_scan("6 November 20305\nDear X\nThis letter summarises the findings of the "
		    "focused visit to Exampleshire children\xE2\x80\x99s services on 7 and 8 "
		    "October 2025.\nFindings\nA finding.\n");
	assert_null(osc_doc_date(d));
	osc_doc_free(d);
}

/* The focus is stated in a letter's opening; "inspectors looked at" in a
 * finding (a report recalling an earlier visit) is not one. */
static void test_focus_in_opening_only(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("7 March 2021\nDear Sam\nThis letter summarises the findings of a "
			     "focused visit to Example children's services on 1 March 2021.\n"
			     "Findings\nSince the focused visit in 2019, when inspectors looked at "
			     "arrangements for care leavers, support has improved.\n");
	assert_null(osc_doc_focus(d));
	osc_doc_free(d);
	d = tu_scan("7 March 2021\nDear Sam\nThis letter summarises the findings of a "
		    "focused visit to Example children's services on 1 March 2021.\n"
		    "The focus of this visit was on children in care.\n"
		    "Findings\nA finding.\n");
	assert_string_equal(osc_doc_focus(d), "children in care");
	osc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visit_dates),
		cmocka_unit_test(test_letter_date_and_authority),
		cmocka_unit_test(test_inspectors),
		cmocka_unit_test(test_labels_alone),
		cmocka_unit_test(test_title_run_together),
		cmocka_unit_test(test_misprinted_dates),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_report_dates),
		cmocka_unit_test(test_date_anchors),
		cmocka_unit_test(test_report_authority),
		cmocka_unit_test(test_mistyped_year),
		cmocka_unit_test(test_focus_in_opening_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
