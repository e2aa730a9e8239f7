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
	d = tu_scan("Inspection of Wokingham Borough Council children\xE2\x80\x99s services\n"
		    "Inspection dates: 3 to 14 March 2025\n"
		    "Lead inspector: Alex Example, His Majesty\xE2\x80\x99s Inspector\n\n"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_empty_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
