/* test_judgements.c - the judgement table of an inspection report
 * (src/judgements.c) and the area headings over its findings
 * (src/splitter.c), on short reports written for the tests; test_corpus.c
 * reads every report in the shared corpus. */
#include "testutil.h"

/* A report: title page, `table` (lines), an overview, improvement points,
 * then an area heading and one finding. */
static osc_doc *report(const char *table)
{
	char text[4096];
	snprintf(text, sizeof text,
		 TU_REPORT_TITLE("Newtown local authority")
		 "%s\n"
		 "Children in Newtown are helped well. Leaders know their services.\n\n"
		 "What needs to improve?\n"
		 "\xE2\x97\xBC The timeliness of reviews.\n\n"
		 "The experiences and progress of children who need help and protection: good\n\n"
		 "Referrals are screened promptly by skilled staff.\n",
		 table);
	return tu_scan(text);
}

static void expect_table(const char *table, size_t n, const char *const *want)
{
	osc_doc *d = report(table);
	assert_int_equal(osc_doc_kind(d), OSC_KIND_INSPECTION_REPORT);
	if (osc_doc_judgement_count(d) != n)
		fail_msg("%zu judgements, want %zu, from:\n%s", osc_doc_judgement_count(d), n, table);
	for (size_t i = 0; i < n; i++) {
		const osc_judgement *j = osc_doc_judgement(d, i);
		char got[96];
		snprintf(got, sizeof got, "%s=%s", osc_area_id(j->area), osc_grade_id(j->grade));
		assert_string_equal(got, want[i]);
	}
	assert_null(osc_doc_judgement(d, n));
	osc_doc_free(d);
}

/* The 2018-2023 table, one line a cell with blank lines between. */
static void test_table_to_2023(void **state)
{
	(void)state;
	expect_table("Judgement\n\nGrade\n\n"
		     "The impact of leaders on social work\npractice with children and families\n\n"
		     "Requires improvement to\nbe good\n\n"
		     "The experiences and progress of children who need\nhelp and protection\n\n"
		     "Inadequate\n\n"
		     "The experiences and progress of\nchildren in care and care leavers\n\n"
		     "Good\n\n"
		     "Overall effectiveness\n\nRequires improvement\n",
		     4, (const char *const[]){ "impact_of_leaders=requires_improvement",
					       "help_and_protection=inadequate",
					       "in_care_and_care_leavers=good",
					       "overall_effectiveness=requires_improvement" });
}

/* From 2023 children in care and care leavers are judged apart; from
 * April 2026 there is no overall effectiveness.  Here the lines run on
 * with no blank lines, so the reader joins them into one paragraph. */
static void test_split_and_no_overall(void **state)
{
	(void)state;
	expect_table("Judgement\nGrade\nThe impact of leaders on social work\npractice with children and families\n"
		     "Outstanding\nThe experiences and progress of\nchildren who need help and protection\nGood\n"
		     "The experiences and progress of\nchildren in care\nOutstanding\n"
		     "The experiences and progress of care\nleavers\nRequires improvement to be good\n"
		     "Overall effectiveness\nGood\n",
		     5, (const char *const[]){ "impact_of_leaders=outstanding", "help_and_protection=good",
					       "in_care=outstanding", "care_leavers=requires_improvement",
					       "overall_effectiveness=good" });
	expect_table("Judgement\nGrade\nThe impact of leaders on social work\npractice with children and families\n"
		     "Good\nThe experiences and progress of\nchildren who need help and protection\nGood\n"
		     "The experiences and progress of\nchildren in care\nGood\n"
		     "The experiences and progress of care\nleavers\nOutstanding\n",
		     4, (const char *const[]){ "impact_of_leaders=good", "help_and_protection=good",
					       "in_care=good", "care_leavers=outstanding" });
}

/* The overview's words after the table are not read as judgements, even
 * when they name an area and a grade. */
static void test_table_ends_at_overview(void **state)
{
	(void)state;
	expect_table("Judgement Grade\nThe impact of leaders on social work practice with children and families Good\n"
		     "The experiences and progress of children who need help and protection Good\n"
		     "The experiences and progress of children in care and care leavers Good\n"
		     "Overall effectiveness Good\n"
		     "Care leavers are supported to good effect\n",
		     4, (const char *const[]){ "impact_of_leaders=good", "help_and_protection=good",
					       "in_care_and_care_leavers=good", "overall_effectiveness=good" });
}

/* No table, or a fragment of one, gives no judgements; nor does a letter. */
static void test_no_table(void **state)
{
	(void)state;
	expect_table("", 0, NULL);
	expect_table("Judgement\nGrade\nOverall effectiveness\nGood\n", 0, NULL);
	osc_doc *d = tu_scan("7 March 2021\nDear Sam\nThis letter summarises the findings of a focused visit.\n"
			     "Judgement\nThe impact of leaders Good\nOverall effectiveness Good\n"
			     "The experiences and progress of care leavers Good\nFindings\nA finding.\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_FOCUSED_VISIT);
	assert_int_equal(osc_doc_judgement_count(d), 0);
	osc_doc_free(d);
}

/* An area's heading in the body starts its findings and is not one. */
static void test_area_heading_not_a_finding(void **state)
{
	(void)state;
	osc_doc *d = report("Judgement\nGrade\nOverall effectiveness\nGood\n");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 1);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 0),
			    "Referrals are screened promptly by skilled staff.");
	osc_doc_free(d);
}

/* The heading's other wordings in reports, and one straight after an
 * improvement point's bracketed reference: still headings, not items. */
static void test_area_heading_wordings(void **state)
{
	(void)state;
	static const char *const heads[] = {
		"The experiences of children in care: outstanding",
		"The experience and progress of children in care and care leavers: requires "
		"improvement to be good",
		"The experiences and progress of care leavers: good",
	};
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
		char text[2048];
		snprintf(text, sizeof text,
			 "Inspection of Newtown local authority children\xE2\x80\x99s services\n"
			 "Inspection dates: 3 to 14 March 2025\n"
			 "Judgement\nGrade\nOverall effectiveness\nGood\n"
			 "Children in Newtown are helped well. Leaders know their services.\n\n"
			 "What needs to improve?\n"
			 "\xE2\x97\xBC The timeliness of reviews. (outcome 3: national framework)\n"
			 "%s\n"
			 "1.\n\n"
			 "Referrals are screened promptly by skilled staff.\n",
			 heads[i]);
		osc_doc *d = tu_scan(text);
		assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 1);
		assert_string_equal(tu_item(d, OSC_SECTION_IMPROVEMENTS, 0),
				    "The timeliness of reviews. (outcome 3: national framework)");
		assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
		assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 0),
				    "Referrals are screened promptly by skilled staff.");
		osc_doc_free(d);
	}
}

/* The single inspection framework (to 2017): the overall judgement is a
 * sentence, the areas a numbered list with the adoption sub-judgement
 * (read past: the output contract has no area for it); each area's
 * section starts its findings, and a grade on its own line is no item. */
/* A table whose label ends in a full stop keeps its judgements; a heading
 * without its "The" is a heading; the judgement restated in one sentence
 * under it is no finding. */
static void test_heading_shapes(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(
		"Exampleshire County Council\nInspection of local authority children\xE2\x80\x99s services\n"
		"Inspection dates: 3 to 14 March 2025\nLead inspector: Ann Other, His Majesty\xE2\x80\x99s Inspector\n"
		"Judgement\nGrade\n"
		"The impact of leaders on social work practice with children and families.\nGood\n"
		"The experiences and progress of children who need help and protection\nGood\n"
		"The experiences and progress of children in care\nRequires improvement to be good\n"
		"The experiences and progress of care leavers\nGood\n"
		"Overall effectiveness\nGood\n"
		"Children in Exampleshire are well served by a stable workforce.\n"
		"What needs to improve?\n\xE2\x97\xBC The quality of plans for care leavers.\n"
		"Experiences and progress of children who need help and protection: good\n"
		"1. The experiences and progress of children who need help and protection are now good.\n"
		"2. Children are seen quickly when concerns are raised and their needs are understood "
		"well by social workers.\n");
	assert_int_equal(osc_doc_judgement_count(d), 5);
	assert_int_equal(osc_doc_judgement(d, 0)->area, OSC_AREA_IMPACT_OF_LEADERS);
	assert_int_equal(osc_doc_judgement(d, 2)->grade, OSC_GRADE_REQUIRES_IMPROVEMENT);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 1);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 0),
			    "Children are seen quickly when concerns are raised and their needs are understood "
			    "well by social workers.");
	osc_doc_free(d);
}

/* A single-inspection-framework report's shape: a table of contents that
 * names sections without starting them; recommendations; each judgement's
 * summary and inspection findings; the team named at the end. */
static void test_sif_shape(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(
		"Newtown\nInspection of services for children in need of help and protection, children "
		"looked after and care leavers\n"
		"Inspection date: 1 May 2016 to 20 May 2016\nReport published: 17 June 2016\n"
		"Children\xE2\x80\x99s services in Newtown require improvement to be good\n"
		"1. Children who need help and protection Requires improvement\n"
		"2. Children looked after and achieving permanence Good\n"
		"2.1 Adoption performance Good\n"
		"2.2 Experiences and progress of care leavers Good\n"
		"3. Leadership, management and governance Requires improvement\n\n"
		"Executive summary\n\nLeaders know their services well and have improved them since the last "
		"inspection, though work with children in need is not yet good enough.\n\n"
		"Contents\n\nExecutive summary\n\nRecommendations\n\nInformation about this inspection\n\n"
		"Recommendations\n\n"
		"1. Ensure that plans for children in need are specific and reviewed.\n"
		"2. Ensure that children who go missing are offered a return interview.\n\n"
		"The experiences and progress of children who need help and protection\n\n"
		"Requires improvement\n\nSummary\n\nChildren at risk of harm are protected quickly and "
		"well, but the plans made for children in need are too vague to help them.\n\n"
		"Inspection findings\n\n"
		"3. Strategy meetings are timely and well attended, and the decisions made are sound.\n"
		"4. Plans for children in need lack clear actions and timescales.\n\n"
		"Information about this inspection\n\nInspectors looked at the work of the council.\n\n"
		"The inspection team\nLead inspector: Ann Other, HMI\nDeputy lead inspector: Ben Person\n"
		"Team inspectors: Cat Third, HMI, Dee Fourth, HMI\nSenior data analyst: Eve Fifth\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_INSPECTION_REPORT);
	assert_string_equal(osc_doc_date(d), "2016-06-17");
	assert_int_equal(osc_doc_judgement_count(d), 6);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 2);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 3);
	assert_true(strncmp(tu_item(d, OSC_SECTION_FINDINGS, 0), "Children at risk of harm", 24) == 0);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 2),
			    "Plans for children in need lack clear actions and timescales.");
	assert_int_equal(osc_doc_inspector_count(d), 4);
	assert_string_equal(osc_doc_inspector(d, 0), "Ann Other");
	assert_string_equal(osc_doc_inspector(d, 3), "Dee Fourth");
	osc_doc_free(d);
}

static void test_single_inspection_framework(void **state)
{
	(void)state;
	size_t len = 0;
	char *text = tu_slurp("data/samples/sample-sif-report.txt", &len);
	assert_non_null(text);
	osc_doc *d = tu_scan(text);
	free(text);
	assert_int_equal(osc_doc_kind(d), OSC_KIND_INSPECTION_REPORT);
	assert_string_equal(osc_doc_authority(d), "Exampleshire");
	assert_int_equal(osc_doc_visit_date_count(d), 24);
	static const osc_area area[] = { OSC_AREA_HELP_AND_PROTECTION, OSC_AREA_IN_CARE,
					 OSC_AREA_ADOPTION, OSC_AREA_CARE_LEAVERS,
					 OSC_AREA_IMPACT_OF_LEADERS, OSC_AREA_OVERALL };
	static const osc_grade grade[] = { OSC_GRADE_REQUIRES_IMPROVEMENT,
					   OSC_GRADE_REQUIRES_IMPROVEMENT, OSC_GRADE_GOOD, OSC_GRADE_GOOD,
					   OSC_GRADE_REQUIRES_IMPROVEMENT,
					   OSC_GRADE_REQUIRES_IMPROVEMENT };
	assert_int_equal(osc_doc_judgement_count(d), 6);
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(osc_doc_judgement(d, i)->area, area[i]);
		assert_int_equal(osc_doc_judgement(d, i)->grade, grade[i]);
	}
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_PRIORITY_ACTIONS), 1);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 2);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 6);
	for (size_t i = 0; i < 6; i++) {
		const char *t = tu_item(d, OSC_SECTION_FINDINGS, i);
		assert_null(strstr(t, "Requires improvement"));
		assert_null(strstr(t, "lead inspector"));
	}
	osc_doc_free(d);

	/* inadequate overall, one line a row */
	d = tu_scan("Newtown\nInspection of services for children in need of help and protection\n"
		    "Inspection date: 1 May 2016 to 20 May 2016\n"
		    "Report published: 17 June 2016\n"
		    "Children\xE2\x80\x99s services in Newtown are inadequate\n"
		    "1. Children who need help and protection Inadequate\n"
		    "2. Children looked after and achieving permanence Requires improvement\n"
		    "2.1 Adoption performance Good\n"
		    "2.2 Experiences and progress of care leavers Inadequate\n"
		    "3. Leadership, management and governance Inadequate\n");
	assert_int_equal(osc_doc_judgement_count(d), 6);
	assert_int_equal(osc_doc_judgement(d, 5)->area, OSC_AREA_OVERALL);
	assert_int_equal(osc_doc_judgement(d, 5)->grade, OSC_GRADE_INADEQUATE);
	assert_int_equal(osc_doc_judgement(d, 2)->area, OSC_AREA_ADOPTION);
	assert_int_equal(osc_doc_judgement(d, 2)->grade, OSC_GRADE_GOOD);
	assert_int_equal(osc_doc_judgement(d, 3)->grade, OSC_GRADE_INADEQUATE);
	assert_string_equal(osc_doc_date(d), "2016-06-17"); /* as published */
	osc_doc_free(d);

	/* an ILACS report's overview that begins the same way is neither an
	 * overall judgement nor the authority */
	d = tu_scan("Inspection of Newtown local authority children\xE2\x80\x99s services\n"
		    "Inspection dates: 3 to 14 March 2025\n"
		    "Children\xE2\x80\x99s services in Newtown were judged to require improvement "
		    "at the last inspection.\n");
	assert_int_equal(osc_doc_judgement_count(d), 0);
	assert_string_equal(osc_doc_authority(d), "Newtown");
	osc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_to_2023),
		cmocka_unit_test(test_split_and_no_overall),
		cmocka_unit_test(test_table_ends_at_overview),
		cmocka_unit_test(test_no_table),
		cmocka_unit_test(test_area_heading_not_a_finding),
		cmocka_unit_test(test_area_heading_wordings),
		cmocka_unit_test(test_heading_shapes),
		cmocka_unit_test(test_sif_shape),
		cmocka_unit_test(test_single_inspection_framework),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
