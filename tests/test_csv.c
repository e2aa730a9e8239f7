/* test_csv.c - the CSV rows (src/render_csv.c): RFC 4180 quoting, one row
 * per item in section order, themes joined, invalid bytes replaced. */
#include "testutil.h"

static char *render(const osc_doc *d, size_t *len)
{
	char *out = NULL;
	assert_int_equal(osc_render_csv(d, 0, NULL, &out, len), OSC_OK);
	assert_int_equal(strlen(out), *len);
	return out;
}

/* A large document's rows, written as they are made. */
static void test_streamed(void **state)
{
	(void)state;
	tu_check_streamed(osc_render_csv, osc_render_csv_to, 0, true);
}

static void test_header(void **state)
{
	(void)state;
	assert_string_equal(osc_csv_header(),
			    "source,kind,authority,date,section,index,polarity,themes,text,page,"
			    "paragraph,authority_key\r\n");
}

/* Commas, quotes and line breaks in a field: quoted, quotes doubled. */
static void test_quoting(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	const char *text = "14 March 2025\nDear X\nThis letter summarises a focused visit to Riverford "
			   "children\xE2\x80\x99s services on 3 March 2025.\n"
			   "What needs to improve?\n\xE2\x97\xBC Health assessments, which are \"late\".\n"
			   "Findings\nStaff morale is good.\n";
	osc_doc *d = osc_scan(s, text, strlen(text), "a,b\"c\nd\xFF.txt", OSC_FORMAT_TEXT, &err);
	assert_non_null(d);
	size_t len;
	char *csv = render(d, &len);
	const char *want =
		"\"a,b\"\"c\nd\xEF\xBF\xBD.txt\",focused_visit,Riverford,2025-03-14,improvements,1,"
		"concern,health,\"Health assessments, which are \"\"late\"\".\",,,\r\n"
		"\"a,b\"\"c\nd\xEF\xBF\xBD.txt\",focused_visit,Riverford,2025-03-14,findings,1,"
		"strength,workforce,Staff morale is good.,,,\r\n";
	assert_string_equal(csv, want);
	osc_free(NULL, csv);
	osc_doc_free(d);
	osc_scanner_free(s);
}

/* No items: no rows, an empty string; a missing authority or date is an
 * empty field. */
static void test_empty_fields(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("A shopping list.\nEggs.\n");
	size_t len;
	char *csv = render(d, &len);
	assert_int_equal(len, 0);
	osc_free(NULL, csv);
	osc_doc_free(d);
	d = tu_scan("Dear X\nThis letter summarises a focused visit.\nFindings\nVisits are regular.\n");
	csv = render(d, &len);
	assert_non_null(strstr(csv, ",focused_visit,,,findings,1,"));
	osc_free(NULL, csv);
	osc_doc_free(d);
	/* a report's numbered paragraph, an authority in the list */
	d = tu_scan(TU_REPORT_TITLE("Wokingham Borough Council") "\n"
		    "Children are helped well. Leaders know their services.\n\n"
		    "What needs to improve?\n"
		    "\xE2\x97\xBC The timeliness of reviews.\n\n"
		    "The experiences and progress of children who need help and protection: good\n\n"
		    "12. Visits to children are regular.\n");
	csv = render(d, &len);
	assert_non_null(strstr(csv, ",Visits to children are regular.,,12,Wokingham\r\n"));
	osc_free(NULL, csv);
	osc_doc_free(d);
	char *out = NULL;
	assert_int_equal(osc_render_csv(NULL, 0, NULL, &out, &len), OSC_EINVAL);
}

/* --documents: the header names every column, a row fills each. */
static void test_row(void **state)
{
	(void)state;
	char *head = NULL, *row = NULL;
	size_t hl, rl;
	assert_int_equal(osc_csv_row_header(tu_rules(), NULL, &head, &hl), OSC_OK);
	assert_true(strncmp(head, "source,kind,authority_key,authority,date,first_visit,last_visit,"
				  "inspectors,focus,overall_effectiveness,impact_of_leaders,"
				  "help_and_protection,in_care_and_care_leavers,in_care,care_leavers,"
				  "adoption,headline,improvements,priority_actions,findings,strength,"
				  "concern,mixed,neutral,warnings,health_concerns,health_strengths,", 297) == 0);
	assert_non_null(strstr(head, ",uasc_concerns,uasc_strengths\r\n"));
	osc_doc *d = tu_scan("14 March 2025\nDear X\nThis letter summarises a focused visit to Wokingham "
			     "children\xE2\x80\x99s services on 3 and 4 March 2025. Her Majesty\xE2\x80\x99s "
			     "Inspectors for this visit were Ann Other and Ben Person-Smith.\n"
			     "What needs to improve?\n\xE2\x97\xBC The timeliness of health assessments.\n"
			     "Findings\nHealth assessments are late, and \"dental\" checks are missed.\n");
	assert_int_equal(osc_render_csv_row(d, 0, NULL, &row, &rl), OSC_OK);
	assert_int_equal(strlen(row), rl);
	assert_true(strncmp(row, "test,focused_visit,Wokingham,Wokingham,2025-03-14,2025-03-03,2025-03-04,"
				 "Ann Other; Ben Person-Smith,,,,,,,,,,1,0,1,0,2,0,0,0,2,0,", 129) == 0);
	/* as many fields as the header */
	size_t commas_h = 0, commas_r = 0;
	for (const char *c = head; *c; c++)
		commas_h += *c == ',';
	for (const char *c = row; *c; c++)
		commas_r += *c == ',';
	assert_int_equal(commas_h, commas_r);
	osc_free(NULL, head);
	osc_free(NULL, row);
	osc_doc_free(d);
	assert_int_equal(osc_csv_row_header(NULL, NULL, &head, &hl), OSC_EINVAL);
	assert_int_equal(osc_render_csv_row(NULL, 0, NULL, &row, &rl), OSC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_streamed),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
