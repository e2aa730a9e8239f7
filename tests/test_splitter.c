/* test_splitter.c - sections and kinds (src/splitter.c) on short letters. */
#include "testutil.h"
#include "split.h"
#include "lexicon.h"

#define OPENING \
	"12 June 2024\nDear Sam\nFocused visit to Exampleshire children\xE2\x80\x99s services\n" \
	"This letter summarises the findings of the focused visit to Exampleshire children\xE2\x80\x99s\n" \
	"services on 3 and 4 May 2024. The inspectors were Ann Other, HMI, and Ben Person, HMI.\n"

#define CLOSING \
	"Ofsted will take the findings from this focused visit into account when planning the\n" \
	"next inspection or visit.\nYours sincerely\nAnn Other\nHis Majesty\xE2\x80\x99s Inspector\n"

static void check_sections(const char *heading_overview, const char *heading_improve,
			   const char *heading_findings)
{
	char text[4096];
	snprintf(text, sizeof text,
		 OPENING "%s\nChildren are safe.\n%s\n\xE2\x97\xBC Supervision is not regular.\n"
		 "\xE2\x97\xBC Audits do not include families.\n%s\nFirst finding.\nSecond finding.\n" CLOSING,
		 heading_overview, heading_improve, heading_findings);
	osc_doc *d = tu_scan(text);
	assert_int_equal(osc_doc_kind(d), OSC_KIND_FOCUSED_VISIT);
	assert_string_equal(osc_doc_headline(d), "Children are safe.");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 2);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 1), "Second finding.");
	osc_doc_free(d);
}

static void test_heading_variants(void **state)
{
	(void)state;
	check_sections("Overview", "What needs to improve in this area of social work practice", "Findings");
	check_sections("Headline findings", "What needs to improve in this area of social work practice?",
		       "Main findings");
	check_sections("Headline Findings", "What needs to improve in this area of social work practice?1",
		       "Main Findings");
	check_sections("Overview", "What needs to improve in this area of social work practice:",
		       "Areas of strength");
	check_sections("Overview", "Areas for improvement:", "Findings");
}

/* Every known heading, as the reader passes it (any case, a trailing ? or
 * footnote digit), and lines that are not headings. */
static void test_every_heading(void **state)
{
	(void)state;
	static const struct { const char *s; osc_heading h; } cases[] = {
		{ "Overview", OSC_HEAD_OVERVIEW }, { "Headline findings", OSC_HEAD_OVERVIEW },
		{ "Summary", OSC_HEAD_OVERVIEW }, { "Summary of findings", OSC_HEAD_OVERVIEW },
		{ "Findings", OSC_HEAD_FINDINGS }, { "Main findings", OSC_HEAD_FINDINGS },
		{ "Detailed findings", OSC_HEAD_FINDINGS }, { "Areas of strength", OSC_HEAD_FINDINGS },
		{ "Strengths", OSC_HEAD_FINDINGS }, { "Areas for improvement", OSC_HEAD_IMPROVE },
		{ "Area for improvement", OSC_HEAD_IMPROVE }, { "Areas for development", OSC_HEAD_IMPROVE },
		{ "Recommendations", OSC_HEAD_IMPROVE }, { "Areas for priority action", OSC_HEAD_PRIORITY },
		{ "Area for priority action", OSC_HEAD_PRIORITY },
		{ "Areas requiring priority action", OSC_HEAD_PRIORITY },
		{ "Priority action", OSC_HEAD_PRIORITY }, { "Priority actions", OSC_HEAD_PRIORITY },
		{ "Priority and immediate action", OSC_HEAD_PRIORITY },
		{ "Immediate action", OSC_HEAD_PRIORITY },
		{ "Findings and evaluation of progress", OSC_HEAD_FINDINGS },
		{ "Evaluation of progress", OSC_HEAD_FINDINGS },
		{ "Areas covered by the visit", OSC_HEAD_SCOPE },
		{ "Areas covered by this visit", OSC_HEAD_SCOPE },
		{ "Next steps", OSC_HEAD_END }, { "Information about this inspection", OSC_HEAD_END },
		{ "Information about this local authority area", OSC_HEAD_END },
		{ "What needs to improve?", OSC_HEAD_IMPROVE },
		{ "What does the local authority need to improve?", OSC_HEAD_IMPROVE },
		{ "What the local authority needs to improve", OSC_HEAD_IMPROVE },
		{ "What needs to be improved", OSC_HEAD_IMPROVE },
		{ "What the local authority should improve", OSC_HEAD_IMPROVE },
		{ "MAIN FINDINGS:", OSC_HEAD_FINDINGS }, { "overview2", OSC_HEAD_OVERVIEW },
		{ "What needs to improve. Plans are late.", OSC_HEAD_NONE },
		{ "Findings of the visit were shared.", OSC_HEAD_NONE },
		{ "Children are seen.", OSC_HEAD_NONE }, { "", OSC_HEAD_NONE },
	};
	for (size_t i = 0; i < OSC_ARRAY_LEN(cases); i++) {
		osc_heading h = osc_classify_heading(cases[i].s, strlen(cases[i].s));
		if (h != cases[i].h)
			fail_msg("'%s': %d, want %d", cases[i].s, (int)h, (int)cases[i].h);
	}
}

static void test_closing_never_a_finding(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(OPENING "Findings\nA finding.\n" CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 0), "A finding.");
	osc_doc_free(d);
	/* the thanks, the publication, the request for an action plan: each
	 * ends the findings, on a line of its own after a full one too */
	static const char *const endings[] = {
		"Thank you and your staff for the welcome you gave to the visit. Ofsted will\n"
		"take these findings into account when planning the next visit.\n",
		"Thank you for the help given during the visit.\n",
		"Ofsted will publish this letter and take its findings into account when\n"
		"planning the next inspection.\n",
		"Ofsted will share the findings of this visit with the Department for\n"
		"Education.\n",
		"Where a focused visit results in an area for priority action, we require\n"
		"you to submit an action plan within 70 working days.\n",
	};
	for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
		char text[1024];
		snprintf(text, sizeof text, "%sFindings\nVisits to children are regular and purposeful, "
			 "and records show that social workers see children\nalone and act on what "
			 "they say about their lives and their families.\n%sYours sincerely\n",
			 OPENING, endings[i]);
		d = tu_scan(text);
		if (osc_doc_item_count(d, OSC_SECTION_FINDINGS) != 1)
			fail_msg("ending %zu: %zu findings", i, osc_doc_item_count(d, OSC_SECTION_FINDINGS));
		osc_doc_free(d);
	}
}

/* A subheading inside the findings is no item, and does not run into the
 * paragraph after it; a second "Headline findings" heading after the
 * headline is the findings' heading, misnamed, with a warning. */
static void test_subheadings_and_second_overview(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(OPENING "Main findings\n"
			     "Responding to children\xE2\x80\x99s needs at the front door\n"
			     "Children who need help are seen quickly, and their needs are understood well by\n"
			     "social workers who know them and visit them regularly. Managers check that the\n"
			     "help offered is the right help, and they review the plans of children who wait.\n"
			     CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	assert_true(strncmp(tu_item(d, OSC_SECTION_FINDINGS, 0), "Children who need help", 22) == 0);
	osc_doc_free(d);
	/* a short finding without its full stop, before a short one, stays */
	d = tu_scan(OPENING "Main findings\nPlans are clear and timely\n\nVisits are regular.\n" CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	osc_doc_free(d);
	d = tu_scan(OPENING "Headline findings\nChildren are well served.\n\n"
		    "Headline findings\nVisits are regular.\n\nPlans are clear.\n" CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	assert_string_equal(osc_doc_headline(d), "Children are well served.");
	bool warned = false;
	for (size_t i = 0; i < osc_doc_warning_count(d); i++)
		warned |= strstr(osc_doc_warning(d, i), "second overview heading") != NULL;
	assert_true(warned);
	osc_doc_free(d);
}

/* A list's lead-in is no item: its points are; an action with sub-points
 * in lower case that carry on its sentence is one item. */
static void test_lead_ins(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(OPENING
			     "Areas for priority action\n"
			     "The council must act without delay on the following areas of its work:\n"
			     "\xE2\x97\xBC the allocation of social workers to children in need of help\n"
			     "\xE2\x97\xBC the oversight of strategy meetings by managers.\n"
			     "What needs to improve?\n"
			     "\xE2\x97\xBC Planning for children in care to show:\n"
			     "\xE2\x97\xBC how their wishes shape their plans;\n"
			     "\xE2\x97\xBC how contact with their brothers and sisters is kept up.\n"
			     "\xE2\x97\xBC The quality of supervision.\n"
			     "Findings\nA finding.\n" CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_PRIORITY_ACTIONS), 2);
	assert_string_equal(tu_item(d, OSC_SECTION_PRIORITY_ACTIONS, 0),
			    "the allocation of social workers to children in need of help");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 2);
	assert_string_equal(tu_item(d, OSC_SECTION_IMPROVEMENTS, 0),
			    "Planning for children in care to show: how their wishes shape their plans; "
			    "how contact with their brothers and sisters is kept up.");
	assert_string_equal(tu_item(d, OSC_SECTION_IMPROVEMENTS, 1), "The quality of supervision.");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	osc_doc_free(d);
}

static void test_priority_actions(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(OPENING "Areas for priority action\n\xE2\x97\xBC Risk is not assessed.\n"
				     "What needs to improve in this area of social work practice\n"
				     "\xE2\x97\xBC Plans.\nFindings\nOne.\n" CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_PRIORITY_ACTIONS), 1);
	assert_string_equal(tu_item(d, OSC_SECTION_PRIORITY_ACTIONS, 0), "Risk is not assessed.");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 1);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	osc_doc_free(d);
}

/* Findings split into strengths and "Areas for improvement" after the
 * improvement points were given: the second list is findings; with no
 * improvement points before, the same heading after the findings starts
 * them. */
static void test_second_improvement_list_is_findings(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(OPENING "What needs to improve in this area of social work practice\n"
				     "\xE2\x97\xBC Plans.\nFindings\n\xE2\x97\xBC Visits are regular.\n"
				     "Areas for improvement\n\xE2\x97\xBC Too many assessments are late.\n"
				     CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 1);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 1), "Too many assessments are late.");
	osc_doc_free(d);
	d = tu_scan(OPENING "Findings\n\xE2\x97\xBC Visits are regular.\n"
			    "Areas for improvement\n\xE2\x97\xBC The timeliness of assessments.\n" CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 1);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	osc_doc_free(d);
}

static void test_findings_without_heading(void **state)
{
	(void)state;
	/* the findings are the paragraphs after the improvement bullets */
	osc_doc *d = tu_scan(OPENING "Overview\nA summary.\n"
				     "What needs to improve in this area of social work practice\n"
				     "\xE2\x97\xBC Plans.\nThe first finding.\nThe second finding.\n" CLOSING);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 1);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 0), "The first finding.");
	osc_doc_free(d);
}

static void test_news_summary(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Exampleton children\xE2\x80\x99s services is improving, Ofsted has said.\n"
			     "\"Children are well supported,\" said the report.\n"
			     "Inspectors highlighted:\n- Strong leadership.\n- Timely assessments.\n"
			     "The report also said more is needed.\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_NEWS_SUMMARY);
	assert_string_equal(osc_doc_authority(d), "Exampleton");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 1), "Timely assessments.");
	osc_doc_free(d);
}

/* News pages without a list: a council's press release about its visit
 * (its authority and dates from the text, the paragraphs that report the
 * inspectors as findings), and a round-up of several councils (a news
 * summary about no one authority, with a warning). */
static void test_news_without_list(void **state)
{
	(void)state;
	osc_doc *d = tu_scan_as(
		"<html><head><title>Ofsted praises Exampleshire children's services</title></head><body><main>"
		"<h1>Ofsted praises Exampleshire children's services after focused visit</h1>"
		"<p>Inspectors from Ofsted visited Exampleshire County Council's children's services on 11 and "
		"12 February 2025 to look at the arrangements for children in care.</p>"
		"<p>In a letter published today, inspectors said that children in care are supported by social "
		"workers who know them well.</p>"
		"<p>Councillor Jo Example said: \"We are delighted.\"</p></main></body></html>", OSC_FORMAT_HTML);
	assert_int_equal(osc_doc_kind(d), OSC_KIND_NEWS_SUMMARY);
	assert_string_equal(osc_doc_authority(d), "Exampleshire County Council");
	assert_int_equal(osc_doc_visit_date_count(d), 2);
	assert_string_equal(osc_doc_visit_date(d, 0), "2025-02-11");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	osc_doc_free(d);
	d = tu_scan_as(
		"<html><body><main><h1>Focused visits round-up</h1>"
		"<p>Ofsted has published letters from focused visits to three councils.</p>"
		"<p>Inspectors who visited Northby Borough Council on 3 and 4 February 2025 said that children "
		"are seen quickly.</p>"
		"<p>At Southby City Council, visited on 10 and 11 February 2025, inspectors found strong plans.</p>"
		"</main></body></html>", OSC_FORMAT_HTML);
	assert_int_equal(osc_doc_kind(d), OSC_KIND_NEWS_SUMMARY);
	assert_null(osc_doc_authority(d));
	assert_int_equal(osc_doc_visit_date_count(d), 0);
	bool warned = false;
	for (size_t i = 0; i < osc_doc_warning_count(d); i++)
		warned |= strstr(osc_doc_warning(d, i), "several authorities (Northby Borough, Southby City)") != NULL;
	assert_true(warned);
	osc_doc_free(d);
}

static void test_kinds(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Dear Sam\nThis letter summarises the findings of the monitoring visit to X.\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_MONITORING_VISIT);
	osc_doc_free(d);
	d = tu_scan("Joint targeted area inspection of the multi-agency response in X\nDear Sam\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_JTAI);
	osc_doc_free(d);
	d = tu_scan("Exampleshire\nInspection of children\xE2\x80\x99s social care services\n"
		    "Inspection dates: 1 to 5 May 2023\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_INSPECTION_REPORT);
	assert_int_equal(osc_doc_visit_date_count(d), 5);
	osc_doc_free(d);
	d = tu_scan("A shopping list.\nEggs.\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_UNKNOWN);
	assert_true(osc_doc_warning_count(d) >= 1);
	osc_doc_free(d);
}

/* A report's overview has no heading: it is what follows the judgement
 * table, whose rows the reader may join into one paragraph or keep apart
 * (and since 2026 the table has no overall row).  An area's heading run on
 * after it starts the findings. */
#define REPORT_TITLE \
	"Inspection of Exampleshire local authority children\xE2\x80\x99s services\n" \
	"Inspection dates: 1 to 12 March 2021\n" \
	"Lead inspector: Sam Sample, His Majesty\xE2\x80\x99s Inspector\n" \
	"Judgement\n\nGrade\n\n"
#define REPORT_ROWS \
	"The impact of leaders on social work\npractice with children and families\n\nGood\n\n" \
	"The experiences and progress of\nchildren in care\n\nRequires improvement to be good\n\n"
#define REPORT_OVERVIEW \
	"The experiences and progress of children in Exampleshire are good across most of the\n" \
	"service, and leaders know where practice must still improve for children in care.\n"
#define REPORT_AREA \
	"The experiences and progress of children in care: requires improvement to be good\n" \
	"1. Children in care are visited often by social workers who know them well and who\n" \
	"record their wishes and feelings carefully in their plans and in their reviews.\n" \
	"2. Too many children in care wait too long for the health assessment that they need\n" \
	"to have when they first come into care, and leaders have not yet put this right.\n"

static void expect_report(const char *text, size_t findings)
{
	osc_doc *d = tu_scan(text);
	assert_int_equal(osc_doc_kind(d), OSC_KIND_INSPECTION_REPORT);
	const char *h = osc_doc_headline(d);
	static const char want[] = "The experiences and progress of children in Exampleshire are good";
	if (!h || strncmp(h, want, sizeof want - 1) != 0 ||
	    strstr(h, "requires improvement") || strstr(h, "Good"))
		fail_msg("headline \"%s\"", h ? h : "(none)");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), findings);
	osc_doc_free(d);
}

static void test_report_overview(void **state)
{
	(void)state;
	/* the table, then the overall row, then the overview */
	expect_report(REPORT_TITLE REPORT_ROWS "Overall effectiveness\n\nGood\n\n" REPORT_OVERVIEW
		      "\n" REPORT_AREA, 2);
	/* since 2026: no overall row */
	expect_report(REPORT_TITLE REPORT_ROWS REPORT_OVERVIEW "\n" REPORT_AREA, 2);
	/* the area's heading run on after the overview, with no blank line */
	expect_report(REPORT_TITLE REPORT_ROWS "Overall effectiveness\n\nGood\n\n" REPORT_OVERVIEW
		      REPORT_AREA, 2);
}

static osc_doc *scan_sample(const char *path)
{
	size_t len = 0;
	char *text = tu_slurp(path, &len);
	assert_non_null(text);
	osc_doc *d = tu_scan(text);
	free(text);
	return d;
}

/* A monitoring-visit letter in its published structure: the areas covered
 * are its focus, not findings; headline and main findings as usual. */
static void test_monitoring_visit(void **state)
{
	(void)state;
	osc_doc *d = scan_sample("data/samples/sample-monitoring.txt");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_MONITORING_VISIT);
	assert_string_equal(osc_doc_authority(d), "Exampleshire");
	assert_int_equal(osc_doc_visit_date_count(d), 2);
	assert_int_equal(osc_doc_inspector_count(d), 2);
	assert_string_equal(osc_doc_focus(d),
			    "The quality and timeliness of assessments for children in need of "
			    "help and protection; Management oversight and supervision of social "
			    "work practice");
	assert_true(strncmp(osc_doc_headline(d), "Leaders have made steady progress", 33) == 0);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 0);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 5);
	assert_true(strncmp(tu_item(d, OSC_SECTION_FINDINGS, 4), "Leaders use audits", 18) == 0);
	assert_int_equal(tu_warnings(d), 0);
	osc_doc_free(d);

	/* the older form: an overview, then "Findings and evaluation of
	 * progress" */
	d = tu_scan("Dear Sam\nMonitoring visit of Exampleshire children\xE2\x80\x99s services\n"
		    "This letter summarises the findings of the monitoring visit to Exampleshire\n"
		    "children\xE2\x80\x99s services on 3 May 2019.\n"
		    "Overview\nProgress has been slow.\n"
		    "Findings and evaluation of progress\nPlans are weak.\n"
		    "Visits are regular.\n");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_MONITORING_VISIT);
	assert_string_equal(osc_doc_headline(d), "Progress has been slow.");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	osc_doc_free(d);
}

/* A JTAI letter: its subject is the focus, its area the authority, the
 * inspectorates are not inspectors, strengths are findings and the next
 * steps are not. */
static void test_jtai(void **state)
{
	(void)state;
	osc_doc *d = scan_sample("data/samples/sample-jtai.txt");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_JTAI);
	assert_string_equal(osc_doc_authority(d), "Exampleshire");
	assert_string_equal(osc_doc_date(d), "2025-05-20");
	assert_int_equal(osc_doc_visit_date_count(d), 5);
	assert_string_equal(osc_doc_visit_date(d, 0), "2025-04-07");
	assert_int_equal(osc_doc_inspector_count(d), 0);
	assert_string_equal(osc_doc_focus(d),
			    "the multi-agency response to children who are victims of domestic abuse");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 2);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 5);
	for (size_t i = 0; i < 5; i++)
		assert_null(strstr(tu_item(d, OSC_SECTION_FINDINGS, i), "written statement"));
	osc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heading_variants),
		cmocka_unit_test(test_every_heading),
		cmocka_unit_test(test_closing_never_a_finding),
		cmocka_unit_test(test_lead_ins),
		cmocka_unit_test(test_subheadings_and_second_overview),
		cmocka_unit_test(test_priority_actions),
		cmocka_unit_test(test_second_improvement_list_is_findings),
		cmocka_unit_test(test_findings_without_heading),
		cmocka_unit_test(test_news_summary),
		cmocka_unit_test(test_news_without_list),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_report_overview),
		cmocka_unit_test(test_monitoring_visit),
		cmocka_unit_test(test_jtai),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
