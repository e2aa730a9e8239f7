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
	       "health", OSC_POLARITY_STRENGTH);
	expect("Permanence plans are agreed early and special guardianship orders are well supported.",
	       "permanence", OSC_POLARITY_STRENGTH);
	expect("Case file audits are not consistently moderated, so leaders do not know the quality of practice.",
	       "audit", OSC_POLARITY_CONCERN);
	expect("High caseloads and a reliance on agency staff mean that children have too many changes of social worker.",
	       "workforce", OSC_POLARITY_CONCERN);
	/* performance report, reports, reporting */
	expect("Weekly performance reporting now gives managers a clear view of trends.", "audit",
	       OSC_POLARITY_STRENGTH);
}

static void test_other_themes(void **state)
{
	(void)state;
	expect("Contacts and referrals to the MASH are screened promptly.", "front_door", OSC_POLARITY_STRENGTH);
	expect("Return home interviews are not always offered when children go missing.", "exploitation", OSC_POLARITY_CONCERN);
	expect("Personal education plans are effective and the virtual school supports schools well.", "education", OSC_POLARITY_STRENGTH);
	expect("Pathway plans for care leavers are detailed and personal advisers know them well.", "care_leavers", OSC_POLARITY_STRENGTH);
	expect("Life-story work helps children to understand their history.", "identity", OSC_POLARITY_STRENGTH);
	expect("Unaccompanied asylum-seeking children receive timely age assessments.", "uasc", OSC_POLARITY_STRENGTH);
	expect("Short breaks for disabled children are well coordinated.", "disabled_children", OSC_POLARITY_STRENGTH);
	expect("Section 47 enquiries are thorough and child protection conferences are held on time.",
	       "child_protection", OSC_POLARITY_STRENGTH);
	expect("Sufficiency is a challenge: too many children live in unregistered children's homes.",
	       "placements", OSC_POLARITY_CONCERN);
	expect("Children's wishes and feelings are captured through creative direct work.", "voice", OSC_POLARITY_STRENGTH);
	expect("Management oversight is evident and supervision is regular.", "oversight", OSC_POLARITY_STRENGTH);
	expect("The corporate parenting board and elected members hold senior leaders to account.",
	       "leadership", OSC_POLARITY_NEUTRAL);
	expect("Assessments are analytical and care plans are reviewed at each statutory review.",
	       "planning", OSC_POLARITY_NEUTRAL);
}

/* Spelling variants: hyphens, spaces, apostrophes, abbreviations, endings. */
static void test_variants(void **state)
{
	(void)state;
	expect("Life story work is completed with every child.", "identity", OSC_POLARITY_NEUTRAL);
	expect("Children\xE2\x80\x99s emotional wellbeing is well supported by CAMHS.", "health", OSC_POLARITY_STRENGTH);
	expect("Children's emotional well-being is well supported by their carers.", "health", OSC_POLARITY_STRENGTH);
	expect("IROs challenge drift in plans.", "oversight", OSC_POLARITY_CONCERN);
	expect("SGOs are granted without delay.", "permanence", OSC_POLARITY_STRENGTH);
	expect("PEPs are reviewed each term.", "education", OSC_POLARITY_NEUTRAL);
	expect("The PLO is used to good effect.", "child_protection", OSC_POLARITY_STRENGTH);
	expect("UASC are placed close to their communities.", "uasc", OSC_POLARITY_NEUTRAL);
	expect("Recruiting and retaining foster carers remains a priority.", "placements", OSC_POLARITY_NEUTRAL);
}

/* Only substantive themes: a passing mention beside the main subject is cut,
 * a weak word alone does not make a theme. */
static void test_substantive_only(void **state)
{
	(void)state;
	/* "leaders" (weight 2) beside a strong health item */
	expect_not("Leaders know that initial health assessments, dental checks and review health "
		   "assessments are completed on time for children in care.", "leadership");
	/* "staff" alone (weight 1) is not workforce */
	expect_not("Staff visit children at home.", "workforce");
	/* a decisive phrase survives the relative cut */
	expect("Initial health assessments, review health assessments and dental checks are timely, "
	       "and management oversight is evident.", "oversight", OSC_POLARITY_STRENGTH);
}

static void test_exclusions(void **state)
{
	(void)state;
	expect_not("Leaders completed a health and safety check of the office.", "health");
	expect_not("Most agency workers have moved to permanent contracts.", "permanence");
	/* recruiting and training carers and adopters, and care leavers'
	 * training, are not the workforce's */
	expect_not("The recruitment of foster carers has improved the choice of homes for children.",
		   "workforce");
	expect_not("Training for foster carers is well attended and foster carer recruitment is strong.",
		   "workforce");
	expect_not("More care leavers are in employment, education or training than last year.",
		   "workforce");
	expect("The recruitment of social workers has improved and caseloads are manageable.",
	       "workforce", OSC_POLARITY_STRENGTH);
	/* staff's well-being is the workforce's, not health */
	expect_not("Managers attend to social workers\xE2\x80\x99 emotional well-being.", "health");
	expect("Managers attend to social workers' emotional wellbeing.", "workforce", OSC_POLARITY_NEUTRAL);
	expect("Children's emotional well-being is well supported by their carers.", "health", OSC_POLARITY_STRENGTH);
	/* a prefix that other words share: "exam" is not "example", "judge"
	 * not "judgement" or "judged" */
	expect_not("Inspectors saw examples of creative work, for example with younger children.",
		   "education");
	expect("Children sat their exams this summer.", "education", OSC_POLARITY_NEUTRAL);
	expect_not("At the last judgement inspection, services were judged to be good.",
		   "child_protection");
	expect("The judge commended the quality of the social work evidence to the court.",
	       "child_protection", OSC_POLARITY_STRENGTH);
	/* partners' attendance at meetings is not children's at school */
	expect_not("Strategy meetings are timely, with good multi-agency attendance and attendance "
		   "of partner agencies at child protection conferences.", "education");
	expect("School attendance for children in care has improved.", "education", OSC_POLARITY_STRENGTH);
	/* an organisation's culture is not a child's */
	expect_not("Staff describe a much improved work culture and a culture change since the "
		   "new leadership team arrived.", "identity");
	expect("Children's cultural and religious needs are well understood.", "identity",
	       OSC_POLARITY_STRENGTH);
	expect_not("Leaders have created a positive culture which supports good practice, and "
		   "staff like the culture.", "identity");
	expect("Social workers ask children about their culture and religion.", "identity", OSC_POLARITY_NEUTRAL);
	/* a child's own home is not a children's home */
	expect_not("Social workers understand the risks in children's home environments and "
		   "children\xE2\x80\x99s home circumstances.", "placements");
	expect("Two new children's homes have opened in the county.", "placements", OSC_POLARITY_NEUTRAL);
	/* relationships between services are not children's */
	expect_not("Cafcass and the judiciary describe good working relationships with the local "
		   "authority.", "voice");
	expect("Children have strong, trusting relationships with their social workers.", "voice",
	       OSC_POLARITY_STRENGTH);
	/* partners' participation in meetings is not children's */
	expect_not("The participation of other agencies at strategy meetings, and multi-agency "
		   "participation in strategy discussions, is inconsistent.", "voice");
	/* a stable workforce or leadership team is not placement stability */
	expect_not("The stability of the workforce.", "placements");
	expect("The stability of the workforce.", "workforce", OSC_POLARITY_NEUTRAL);
	expect_not("The stability of the senior leadership team has underpinned progress.",
		   "placements");
	expect("Stability for children in care has improved.", "placements", OSC_POLARITY_STRENGTH);
	/* a difficulty, or elected members' challenge, is not a manager's
	 * oversight of a child's case */
	expect_not("Recruiting social workers remains a challenge, and elected members provide "
		   "effective challenge to leaders.", "oversight");
	expect("Management challenge in assessments is not always evident.", "oversight",
	       OSC_POLARITY_CONCERN);
	/* staff and partners speaking of their work is not the child's voice */
	expect_not("Staff speak highly of their managers and partners speak positively about "
		   "the changes.", "voice");
	expect("Social workers speak with children alone on each visit.", "voice", OSC_POLARITY_NEUTRAL);
	/* parents' capacity is not the workforce's */
	expect_not("Assessments consider parents\xE2\x80\x99 capacity to meet their children's needs "
		   "and parental capacity to change.", "workforce");
	expect("Additional capacity in the front door teams has reduced delay.", "workforce",
	       OSC_POLARITY_STRENGTH);
	/* young carers, and parents and carers, are not foster carers */
	expect_not("Young carers receive a responsive service, and parents and carers are kept "
		   "informed.", "placements");
	/* risks and needs escalate, children's cases are escalated to child
	 * protection: a manager's or an IRO's escalation is oversight */
	expect_not("When risks escalate, children are escalated swiftly to child protection "
		   "enquiries.", "oversight");
	expect("Social workers escalate concerns through the formal escalation process.",
	       "oversight", OSC_POLARITY_NEUTRAL);
	/* keeping in contact is not a contact to the front door */
	expect_not("Personal advisers maintain contact with care leavers in custody.", "front_door");
	expect("Contacts are screened promptly.", "front_door", OSC_POLARITY_STRENGTH);
	/* 16- and 17-year-olds who present as homeless are children in need of
	 * help and protection, not care leavers; education, training and
	 * employment is not the workforce's training */
	expect_not("Children aged 16 and 17 who present as homeless receive a timely response.",
		   "care_leavers");
	expect("Children aged 16 and 17 who present as homeless receive a timely response.",
	       "child_protection", OSC_POLARITY_STRENGTH);
	expect("Care leavers who are homeless are helped to find accommodation.", "care_leavers",
	       OSC_POLARITY_NEUTRAL);
	expect_not("More young people are in education, training and employment.", "workforce");
	/* an assessment of risk is an assessment */
	expect("Assessments of risk are thorough.", "planning", OSC_POLARITY_STRENGTH);
}

static void test_polarity_cues(void **state)
{
	(void)state;
	expect("Supervision is regular and reflective.", "oversight", OSC_POLARITY_STRENGTH);
	expect("Supervision is not regular and lacks reflection.", "oversight", OSC_POLARITY_CONCERN);
	expect("Assessments are thorough. However, too many are completed late, and delays persist.",
	       "planning", OSC_POLARITY_MIXED);
	expect("Inspectors met social workers and managers and read records.", NULL, OSC_POLARITY_NEUTRAL);
	/* terms whose words only look evaluative are no cue */
	expect("Social workers consider the emotional well-being of children.", "health", OSC_POLARITY_NEUTRAL);
	expect("Strengths and difficulties questionnaires are completed for children in care.",
	       "health", OSC_POLARITY_NEUTRAL);
	expect("Child protection conferences use a strengths-based model.", "child_protection",
	       OSC_POLARITY_NEUTRAL);
	/* preventing drift names the concern without finding it: the rest of
	 * the sentence says how well it is done */
	expect("Managers track children's plans effectively to prevent drift and delay.",
	       "oversight", OSC_POLARITY_STRENGTH);
	expect("Tracking is not robust enough to prevent drift.", "oversight", OSC_POLARITY_CONCERN);
}

/* A negator a word or two before a cue turns it. */
static void test_negation(void **state)
{
	(void)state;
	expect("Visits to children are not timely.", "voice", OSC_POLARITY_CONCERN);
	expect("Referrals are screened without delay.", "front_door", OSC_POLARITY_STRENGTH);
	expect("The response to referrals is less robust than it was.", "front_door", OSC_POLARITY_CONCERN);
	/* "not only" is a cue of its own: it does not turn what follows */
	expect("Leaders have not only strengthened supervision but made it reflective.",
	       "oversight", OSC_POLARITY_STRENGTH);
}

/* Contrast, hedges, quantities. */
static void test_hedges_and_contrast(void **state)
{
	(void)state;
	expect("Too few children have a life-story book.", "identity", OSC_POLARITY_CONCERN);
	expect("A small number of children wait too long for a health assessment.", "health", OSC_POLARITY_CONCERN);
	expect("Plans are not yet consistently reviewed.", "planning", OSC_POLARITY_CONCERN);
	expect("Supervision is variable in quality.", "oversight", OSC_POLARITY_CONCERN);
	expect("Return home interviews are offered promptly, although take-up remains too low.",
	       "exploitation", OSC_POLARITY_MIXED);
	/* one concern sentence among three strong ones is a small qualifier,
	 * even after a contrast when its cues are weak ... */
	expect("Supervision is regular. Management oversight is strong. Managers give clear direction. "
	       "Records are sometimes brief.", "oversight", OSC_POLARITY_STRENGTH);
	expect("Supervision is regular. Management oversight is strong. Managers give clear direction. "
	       "However, records are sometimes brief.", "oversight", OSC_POLARITY_STRENGTH);
	/* ... but a contrast that turns to a real concern makes it mixed */
	expect("Return home interviews are offered promptly. Social workers follow up missing episodes "
	       "well. Specialist workers give strong support to children. Take-up of interviews, "
	       "however, remains too low.", "exploitation", OSC_POLARITY_MIXED);
}

static void test_improvements_are_concerns(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Dear X\nThis letter summarises a focused visit.\n"
			     "What needs to improve in this area of social work practice\n"
			     "\xE2\x97\xBC The timeliness of initial health assessments.\nFindings\nOne.\n");
	const osc_item *it = osc_doc_item(d, OSC_SECTION_IMPROVEMENTS, 0);
	assert_non_null(it);
	assert_int_equal(it->polarity, OSC_POLARITY_CONCERN);
	assert_true(tu_has_theme(d, it, "health"));
	/* evidence is the phrase as the text spells it */
	assert_string_equal(it->themes[0].evidence[0], "initial health assessments");
	osc_doc_free(d);

	/* the state to reach, in positive words, is still a concern; only a
	 * point that declares a strength is one */
	d = tu_scan("Dear X\nThis letter summarises a focused visit.\n"
		    "What needs to improve?\n"
		    "\xE2\x97\xBC The effective, timely and thorough review of plans, so that they are "
		    "clear, consistent and well understood.\n"
		    "\xE2\x97\xBC How well managers ensure that supervision is effective, timely and clear.\n"
		    "\xE2\x97\xBC The response to allegations is strong, timely and effective, and managers "
		    "are thorough.\n"
		    "Findings\nOne.\n");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 3);
	assert_int_equal(osc_doc_item(d, OSC_SECTION_IMPROVEMENTS, 0)->polarity, OSC_POLARITY_CONCERN);
	assert_int_equal(osc_doc_item(d, OSC_SECTION_IMPROVEMENTS, 1)->polarity, OSC_POLARITY_CONCERN);
	assert_int_equal(osc_doc_item(d, OSC_SECTION_IMPROVEMENTS, 2)->polarity, OSC_POLARITY_STRENGTH);
	osc_doc_free(d);
}

/* --explain: the rules that fired, with file and line, the verdicts, the
 * negated cue, and the rule that set the polarity. */
static void test_explain(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_scanner *sc = osc_scanner_new(tu_rules(), NULL, &err);
	assert_non_null(sc);
	osc_scanner_set_explain(sc, true);
	const char *t = "Dear X\nThis letter summarises a focused visit.\nFindings\n"
			"Initial health assessments are less robust. Leaders know this.\n";
	osc_doc *d = osc_scan(sc, t, strlen(t), "t", OSC_FORMAT_TEXT, &err);
	assert_non_null(d);
	const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, 0);
	assert_non_null(it->explain);
	const osc_explain *ex = it->explain;
	assert_int_equal(ex->sentences, 2);
	assert_true(ex->n_scores >= 2);
	assert_string_equal(osc_rules_theme_id(tu_rules(), (size_t)ex->scores[0].theme), "health");
	assert_int_equal(ex->scores[0].verdict, OSC_VERDICT_KEPT);
	/* "Leaders" alone is a weak mention far below health */
	bool leadership_cut = false, negated = false, rule_line = false;
	for (size_t i = 0; i < ex->n_scores; i++)
		if (strcmp(osc_rules_theme_id(tu_rules(), (size_t)ex->scores[i].theme), "leadership") == 0)
			leadership_cut = ex->scores[i].verdict != OSC_VERDICT_KEPT;
	for (size_t i = 0; i < ex->n_matches; i++) {
		const osc_match *m = &ex->matches[i];
		if (m->kind == OSC_MATCH_KIND_STRENGTH && strcmp(m->text, "robust") == 0)
			negated = (m->flags & OSC_MATCH_FLAG_NEGATED) != 0;
		if (m->kind == OSC_MATCH_KIND_THEME && strcmp(m->rule, "initial health assessment*") == 0)
			rule_line = m->line > 0 && m->counted > 0 && m->sentence == 0;
	}
	assert_true(leadership_cut);
	assert_true(negated);
	assert_true(rule_line);
	assert_int_equal(it->polarity, OSC_POLARITY_CONCERN);
	assert_non_null(strstr(ex->polarity_rule, "only concern"));
	/* JSON carries it */
	char *out;
	size_t len;
	assert_int_equal(osc_render_json(d, 0, NULL, &out, &len), OSC_OK);
	assert_non_null(strstr(out, "\"explain\":{\"threshold\":3"));
	assert_non_null(strstr(out, "\"negated\":true"));
	osc_free(NULL, out);
	osc_doc_free(d);
	/* off by default */
	osc_scanner_set_explain(sc, false);
	d = osc_scan(sc, t, strlen(t), "t", OSC_FORMAT_TEXT, &err);
	assert_null(osc_doc_item(d, OSC_SECTION_FINDINGS, 0)->explain);
	osc_doc_free(d);
	osc_scanner_free(sc);
}

/* --theme: only the items with the theme stay, in every section. */
/* Evidence lists each matched phrase once, as first written; case aside. */
static void test_evidence_unique(void **state)
{
	(void)state;
	osc_doc *d = finding("Health assessments are late. Health Assessments and health assessments "
			     "are reviewed, and each health assessment is checked.");
	const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, 0);
	const osc_rules *r = osc_doc_rules(d);
	const osc_theme_hit *th = NULL;
	for (size_t i = 0; i < it->n_themes; i++)
		if (strcmp(osc_rules_theme_id(r, it->themes[i].theme), "health") == 0)
			th = &it->themes[i];
	assert_non_null(th);
	assert_int_equal(th->n_evidence, 2);
	assert_string_equal(th->evidence[0], "Health assessments");
	assert_string_equal(th->evidence[1], "health assessment");
	osc_doc_free(d);
}

static void test_keep_themes(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Dear X\nThis letter summarises a focused visit.\n"
			     "What needs to improve in this area of social work practice\n"
			     "\xE2\x97\xBC The timeliness of initial health assessments.\n"
			     "\xE2\x97\xBC The quality of supervision.\n"
			     "Findings\nDental checks are up to date.\n\n"
			     "Caseloads are manageable.\n");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 2);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	int health = osc_rules_theme_index(tu_rules(), "health");
	osc_error err = { 0 };
	osc_doc *sel = osc_doc_select(d, &health, 1, &err);
	assert_non_null(sel);
	assert_int_equal(osc_doc_item_count(sel, OSC_SECTION_IMPROVEMENTS), 1);
	assert_int_equal(osc_doc_item_count(sel, OSC_SECTION_FINDINGS), 1);
	assert_string_equal(osc_doc_item(sel, OSC_SECTION_FINDINGS, 0)->text, "Dental checks are up to date.");
	/* the selection's tally counts its own items; the document is as it was */
	assert_int_equal(osc_doc_theme_tally(sel, (size_t)health)->items, 2);
	size_t workforce = (size_t)osc_rules_theme_index(tu_rules(), "workforce");
	assert_int_equal(osc_doc_theme_tally(sel, workforce)->items, 0);
	assert_int_equal(osc_doc_theme_tally(d, workforce)->items, 1);
	assert_null(osc_doc_theme_tally(d, osc_rules_theme_count(tu_rules())));
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	osc_doc_free(sel);
	/* the selection borrows the text: free it first */
	assert_null(osc_doc_select(NULL, &health, 1, &err));
	assert_int_equal(err.status, OSC_EINVAL);
	osc_doc_free(d);
}

/* osc_doc_filter: the items a predicate keeps, called once per item in
 * order, each keeping its own index in its section. */
static bool second_finding(const osc_item *it, osc_section sec, size_t i, void *ctx)
{
	(*(int *)ctx)++;
	assert_int_equal(it->index, i + 1);
	return sec == OSC_SECTION_FINDINGS && i == 1;
}

static void test_filter(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Dear X\nThis letter summarises a focused visit.\nFindings\n"
			     "Staff morale is good.\nDental checks are up to date.\nVisits are regular.\n");
	int calls = 0;
	osc_error err = { 0 };
	osc_doc *sel = osc_doc_filter(d, second_finding, &calls, &err);
	assert_non_null(sel);
	assert_int_equal(calls, 3);
	assert_int_equal(osc_doc_item_count(sel, OSC_SECTION_FINDINGS), 1);
	const osc_item *it = osc_doc_item(sel, OSC_SECTION_FINDINGS, 0);
	assert_string_equal(it->text, "Dental checks are up to date.");
	assert_int_equal(it->index, 2);
	assert_int_equal(it->page, 0);      /* not from a PDF */
	assert_int_equal(it->paragraph, 0); /* no number printed */
	char where[32];
	assert_int_equal(osc_item_where(it, where, sizeof where), 0);
	assert_string_equal(where, "");
	osc_item cited = *it;
	cited.paragraph = 12, cited.page = 4;
	assert_int_equal(osc_item_where(&cited, where, sizeof where), 20);
	assert_string_equal(where, "paragraph 12, page 4");
	assert_int_equal(osc_item_where(&cited, where, 10), 9); /* cut */
	assert_string_equal(where, "paragraph");
	osc_doc_free(sel);
	assert_null(osc_doc_filter(d, NULL, NULL, &err));
	assert_int_equal(err.status, OSC_EINVAL);
	osc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core_themes),
		cmocka_unit_test(test_other_themes),
		cmocka_unit_test(test_exclusions),
		cmocka_unit_test(test_polarity_cues),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_substantive_only),
		cmocka_unit_test(test_negation),
		cmocka_unit_test(test_hedges_and_contrast),
		cmocka_unit_test(test_improvements_are_concerns),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_keep_themes),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_evidence_unique),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
