/* test_classify.c - themes and polarity with the default taxonomy
 * (src/classify.c, data/themes.rules), on sentences written for the tests. */
#include "testutil.h"

static osc_doc *finding(const char *text)
{
	char buf[2048];
	snprintf(buf, sizeof buf, "Dear X\nThis letter summarises a focused visit.\nFindings\n%s\n", text);
	osc_doc *d = tu_scan_as(buf, OSC_FORMAT_TEXT);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	return d;
}

static void expect(const char *text, const char *theme, osc_polarity pol)
{
	osc_doc *d = finding(text);
	const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, 0);
	if (theme && !tu_has_theme(d, it, theme))
		fail_msg("'%s': no theme %s", text, theme);
	if (it->polarity != pol)
		fail_msg("'%s': polarity %s, want %s", text, osc_polarity_name(it->polarity),
			 osc_polarity_name(pol));
	osc_doc_free(d);
}

static void expect_not(const char *text, const char *theme)
{
	osc_doc *d = finding(text);
	if (tu_has_theme(d, osc_doc_item(d, OSC_SECTION_FINDINGS, 0), theme))
		fail_msg("'%s': theme %s should not be there", text, theme);
	osc_doc_free(d);
}

static void test_core_themes(void **state)
{
	(void)state;
	expect("Initial health assessments are completed on time and dental checks are up to date.",
	       "health", OSC_STRENGTH);
	expect("Permanence plans are agreed early and special guardianship orders are well supported.",
	       "permanence", OSC_STRENGTH);
	expect("Case file audits are not consistently moderated, so leaders do not know the quality of practice.",
	       "audit", OSC_CONCERN);
	expect("High caseloads and a reliance on agency staff mean that children have too many changes of social worker.",
	       "workforce", OSC_CONCERN);
}

static void test_other_themes(void **state)
{
	(void)state;
	expect("Contacts and referrals to the MASH are screened promptly.", "front_door", OSC_STRENGTH);
	expect("Return home interviews are not always offered when children go missing.", "exploitation", OSC_CONCERN);
	expect("Personal education plans are effective and the virtual school supports schools well.", "education", OSC_STRENGTH);
	expect("Pathway plans for care leavers are detailed and personal advisers know them well.", "care_leavers", OSC_STRENGTH);
	expect("Life-story work helps children to understand their history.", "identity", OSC_STRENGTH);
	expect("Unaccompanied asylum-seeking children receive timely age assessments.", "uasc", OSC_STRENGTH);
	expect("Short breaks for disabled children are well coordinated.", "disabled_children", OSC_STRENGTH);
}

static void test_exclusions(void **state)
{
	(void)state;
	expect_not("Leaders completed a health and safety check of the office.", "health");
	expect_not("Most agency workers have moved to permanent contracts.", "permanence");
}

static void test_polarity_cues(void **state)
{
	(void)state;
	expect("Supervision is regular and reflective.", "oversight", OSC_STRENGTH);
	expect("Supervision is not regular and lacks reflection.", "oversight", OSC_CONCERN);
	expect("Assessments are thorough. However, too many are completed late, and delays persist.",
	       "planning", OSC_MIXED);
	expect("Inspectors met social workers and managers and read records.", NULL, OSC_NEUTRAL);
}

static void test_improvements_are_concerns(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Dear X\nThis letter summarises a focused visit.\n"
			     "What needs to improve in this area of social work practice\n"
			     "\xE2\x97\xBC The timeliness of initial health assessments.\nFindings\nOne.\n");
	const osc_item *it = osc_doc_item(d, OSC_SECTION_IMPROVEMENTS, 0);
	assert_non_null(it);
	assert_int_equal(it->polarity, OSC_CONCERN);
	assert_true(tu_has_theme(d, it, "health"));
	/* evidence is the phrase as the text spells it */
	assert_string_equal(it->themes[0].evidence[0], "initial health assessments");
	osc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core_themes),
		cmocka_unit_test(test_other_themes),
		cmocka_unit_test(test_exclusions),
		cmocka_unit_test(test_polarity_cues),
		cmocka_unit_test(test_improvements_are_concerns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
