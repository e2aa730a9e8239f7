/* test_history.c - a document against its predecessor (src/history.c,
 * osc_doc_with_previous in src/scan.c): digests, which document precedes
 * which, and what changed; the JSON and text that show it. */
#include "testutil.h"

/* A letter of `authority` dated `date` (1 to 28 of a month), with
 * improvement points and findings given as text. */
static osc_doc *letter(const char *authority, const char *date, const char *points,
		       const char *findings)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "%s\nDear X\nThis letter summarises the findings of the focused visit to %s "
		 "children\xE2\x80\x99s services.\nWhat needs to improve?\n%s\nFindings\n%s\n",
		 date, authority, points, findings);
	return tu_scan(text);
}

static osc_doc *report(const char *authority, const char *grade)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "Inspection of %s children\xE2\x80\x99s services\n"
		 "Inspection dates: 3 to 14 March %s\n"
		 "Lead inspector: Alex Example, His Majesty\xE2\x80\x99s Inspector\n"
		 "Judgement\nGrade\n"
		 "The impact of leaders on social work practice with children and families\nGood\n"
		 "The experiences and progress of children who need help and protection\n%s\n"
		 "Overall effectiveness\nGood\n\n"
		 "Children are helped well.\n\n"
		 "What needs to improve?\n"
		 "\xE2\x97\xBC The timeliness of reviews.\n\n"
		 "The experiences and progress of children who need help and protection: good\n\n"
		 "12. Visits to children are regular.\n",
		 authority, grade[0] == 'I' ? "2021" : "2024", grade);
	return tu_scan(text);
}

static int theme(const char *id)
{
	return osc_rules_theme_index(tu_rules(), id);
}

/* The same authority, earlier: a predecessor; later, the same day, another
 * authority or no date: not.  A reorganised one precedes its successors. */
static void test_precedes(void **state)
{
	(void)state;
	osc_doc *a = letter("Wokingham", "3 May 2021", "\xE2\x97\xBC Plans.", "Plans are weak.");
	osc_doc *b = letter("Wokingham Borough Council", "9 June 2024", "\xE2\x97\xBC Plans.", "Plans are weak.");
	osc_doc *c = letter("Bristol", "9 June 2025", "\xE2\x97\xBC Plans.", "Plans are weak.");
	osc_doc *old = letter("Cumbria County Council", "9 June 2020", "\xE2\x97\xBC Plans.", "Plans are weak.");
	osc_doc *cumberland = letter("Cumberland", "9 June 2024", "\xE2\x97\xBC Plans.", "Plans are weak.");
	osc_error err = { 0 };
	osc_digest *da = osc_digest_new(a, &err), *db = osc_digest_new(b, &err);
	osc_digest *dold = osc_digest_new(old, &err);
	assert_non_null(da);
	assert_string_equal(osc_digest_date(da), "2021-05-03");
	assert_string_equal(osc_digest_authority_key(db), "Wokingham");
	assert_string_equal(osc_digest_source(da), "test");
	assert_true(osc_digest_precedes(da, b));
	assert_false(osc_digest_precedes(db, a));  /* later */
	assert_false(osc_digest_precedes(db, b));  /* the same day */
	assert_false(osc_digest_precedes(da, c));  /* another authority */
	assert_true(osc_digest_precedes(dold, cumberland));
	assert_false(osc_digest_precedes(dold, b));
	assert_false(osc_digest_precedes(NULL, b));
	assert_null(osc_digest_new(NULL, &err));
	assert_int_equal(err.status, OSC_EINVAL);
	osc_digest_free(da);
	osc_digest_free(db);
	osc_digest_free(dold);
	osc_doc_free(a);
	osc_doc_free(b);
	osc_doc_free(c);
	osc_doc_free(old);
	osc_doc_free(cumberland);
}

/* What changed: points that recur (alike, or saying so), a point that is
 * new, concerns raised now and not raised again, themes before and after. */
static void test_changes(void **state)
{
	(void)state;
	osc_doc *a = letter("Wokingham", "3 May 2021",
			    "\xE2\x97\xBC The timeliness of initial health assessments and dental checks for children in care.\n"
			    "\xE2\x97\xBC The quality of audits.",
			    "Health assessments are late.\n\nAudits are weak and do not lead to change.");
	osc_doc *b = letter("Wokingham", "9 June 2024",
			    "\xE2\x97\xBC Initial health assessments and dental checks for children in care.\n"
			    "\xE2\x97\xBC Supervision of staff, identified at the last inspection.\n"
			    "\xE2\x97\xBC Pathway plans for care leavers.",
			    "Health assessments are late.\n\nCare leavers do not have pathway plans.");
	osc_error err = { 0 };
	osc_digest *da = osc_digest_new(a, &err);
	osc_doc_free(a); /* the digest keeps what it needs */
	osc_doc *h = osc_doc_with_previous(b, da, &err);
	osc_digest_free(da);
	assert_non_null(h);
	assert_true(osc_doc_history_asked(h));
	const osc_history *hi = osc_doc_history(h);
	assert_non_null(hi);
	assert_string_equal(hi->date, "2021-05-03");
	assert_int_equal(hi->kind, OSC_KIND_FOCUSED_VISIT);
	assert_int_equal(hi->n_judgements, 0);
	assert_int_equal(hi->n_recurring, 2);
	assert_int_equal(hi->recurring[0].index, 1);
	assert_string_equal(hi->recurring[0].before, "The timeliness of initial health assessments and "
						       "dental checks for children in care.");
	assert_true(hi->recurring[0].similarity >= 0.5);
	assert_false(hi->recurring[0].said);
	assert_int_equal(hi->recurring[1].index, 2);
	assert_null(hi->recurring[1].before);
	assert_true(hi->recurring[1].said);
	/* care leavers: a concern now, not before; audit: before, not now */
	bool cl = false, audit = false;
	for (size_t i = 0; i < hi->n_new_concerns; i++)
		cl = cl || hi->new_concerns[i] == theme("care_leavers");
	for (size_t i = 0; i < hi->n_dropped_concerns; i++)
		audit = audit || hi->dropped_concerns[i] == theme("audit");
	assert_true(cl);
	assert_true(audit);
	for (size_t i = 0; i < hi->n_themes; i++)
		if (hi->themes[i].theme == theme("health")) {
			assert_int_equal(hi->themes[i].concerns_before, 2);
			assert_int_equal(hi->themes[i].concerns_after, 2);
		}
	/* the document itself is unchanged; the items are the same */
	assert_null(osc_doc_history(b));
	assert_int_equal(osc_doc_item_count(h, OSC_SECTION_IMPROVEMENTS), 3);
	char *out = NULL;
	size_t len;
	assert_int_equal(osc_render_json(h, 0, NULL, &out, &len), OSC_OK);
	assert_non_null(strstr(out, ",\"previous\":{\"source\":\"test\",\"date\":\"2021-05-03\","
				    "\"kind\":\"focused_visit\",\"judgements\":[],\"themes\":{"));
	assert_non_null(strstr(out, "\"recurring\":[{\"section\":\"improvements\",\"index\":1,"));
	assert_non_null(strstr(out, "\"said\":true}]"));
	osc_free(NULL, out);
	assert_int_equal(osc_render_text(h, 0, NULL, &out, &len), OSC_OK);
	assert_non_null(strstr(out, "\nSince the previous visit (2021-05-03)\n  Previous   2021-05-03, focused_visit: test\n"
				    "  Recurring  2 of 3 improvement points\n    ~ Initial health"));
	assert_non_null(strstr(out, "(says it was raised"));
	assert_non_null(strstr(out, "  Raised now "));
	osc_free(NULL, out);
	osc_doc_free(h);
	osc_doc_free(b);
}

/* Reports: each judgement area before and after. */
static void test_judgements(void **state)
{
	(void)state;
	osc_doc *a = report("Wokingham", "Inadequate"), *b = report("Wokingham", "Good");
	osc_error err = { 0 };
	osc_digest *da = osc_digest_new(a, &err);
	osc_doc *h = osc_doc_with_previous(b, da, &err);
	const osc_history *hi = osc_doc_history(h);
	assert_non_null(hi);
	bool seen = false;
	for (size_t i = 0; i < hi->n_judgements; i++)
		if (hi->judgements[i].area == OSC_AREA_HELP_AND_PROTECTION) {
			assert_int_equal(hi->judgements[i].before, OSC_GRADE_INADEQUATE);
			assert_int_equal(hi->judgements[i].after, OSC_GRADE_GOOD);
			seen = true;
		}
	assert_true(seen);
	char *out = NULL;
	size_t len;
	assert_int_equal(osc_render_json(h, 0, NULL, &out, &len), OSC_OK);
	assert_non_null(strstr(out, "{\"area\":\"help_and_protection\",\"before\":\"inadequate\","
				    "\"after\":\"good\",\"change\":\"improved\"}"));
	osc_free(NULL, out);
	osc_doc_free(h);
	osc_digest_free(da);
	osc_doc_free(a);
	osc_doc_free(b);
}

/* Asked, with no predecessor: "previous": null, and the text says so. */
static void test_none(void **state)
{
	(void)state;
	osc_doc *b = letter("Wokingham", "9 June 2024", "\xE2\x97\xBC Plans.", "Plans are weak.");
	osc_error err = { 0 };
	osc_doc *h = osc_doc_with_previous(b, NULL, &err);
	assert_non_null(h);
	assert_true(osc_doc_history_asked(h));
	assert_null(osc_doc_history(h));
	char *out = NULL;
	size_t len;
	assert_int_equal(osc_render_json(h, 0, NULL, &out, &len), OSC_OK);
	assert_non_null(strstr(out, ",\"previous\":null}"));
	osc_free(NULL, out);
	assert_int_equal(osc_render_json(b, 0, NULL, &out, &len), OSC_OK);
	assert_null(strstr(out, "\"previous\"")); /* not asked: no key */
	osc_free(NULL, out);
	assert_int_equal(osc_render_text(h, 0, NULL, &out, &len), OSC_OK);
	assert_non_null(strstr(out, "no earlier document of this authority among the inputs"));
	osc_free(NULL, out);
	assert_null(osc_doc_with_previous(NULL, NULL, &err));
	assert_int_equal(err.status, OSC_EINVAL);
	osc_doc_free(h);
	osc_doc_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precedes),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_judgements),
		cmocka_unit_test(test_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
