/* test_authorities.c - the list of English local authorities
 * (src/authorities.c, data/authorities.txt): a printed name to its
 * canonical one, reorganisations, and the document's authority_key. */
#include "testutil.h"
#include "authorities.h"

static void expect(const char *printed, const char *key)
{
	const char *got = osc_authority_key(printed);
	const char *p = printed ? printed : "(null)";
	if (!key && got)
		fail_msg("\"%s\": \"%s\", want none", p, got);
	if (key && (!got || strcmp(got, key) != 0))
		fail_msg("\"%s\": \"%s\", want \"%s\"", p, got ? got : "(none)", key);
}

/* The data file parses, and holds every authority once. */
static void test_table(void **state)
{
	(void)state;
	size_t n = 0;
	assert_int_equal(osc_authorities_check(&n), 0);
	assert_int_equal(n, 153 + 4); /* and the former ones */
}

/* The styles councils and Ofsted print a name in. */
static void test_styles(void **state)
{
	(void)state;
	expect("Wokingham", "Wokingham");
	expect("Wokingham Borough Council", "Wokingham");
	expect("Wokingham Council", "Wokingham");
	expect("WOKINGHAM BOROUGH COUNCIL", "Wokingham");
	expect("Bristol, City of", "Bristol");
	expect("Bristol City of", "Bristol");
	expect("City of York Council", "York");
	expect("the London Borough of Hammersmith & Fulham", "Hammersmith and Fulham");
	expect("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead");
	expect("Dudley MBC", "Dudley");
	expect("Wakefield District Metropolitan Council", "Wakefield");
	expect("City of Bradford Metropolitan District Council", "Bradford");
	expect("Bradford Children and Families Trust", "Bradford");
	expect("Birmingham Children\xE2\x80\x99s Trust", "Birmingham");
	expect("Council of the Isles of Scilly", "Isles of Scilly");
	expect("Southend-On-Sea", "Southend-on-Sea");
	expect("Southend on Sea city council", "Southend-on-Sea");
	expect("Telford & Wrekin", "Telford and Wrekin");
	expect("Telford&Wrekin", "Telford and Wrekin");
	expect("St. Helens", "St Helens");
	expect("Durham County Council", "County Durham");
	expect("County Durham", "County Durham");
	expect("Kingston upon Hull City Council", "Kingston upon Hull");
	expect("Hull", "Kingston upon Hull");
	expect("Newcastle", "Newcastle upon Tyne");
	expect("East Riding", "East Riding of Yorkshire");
	expect("City of London", "City of London");
	expect("BCP", "Bournemouth, Christchurch and Poole");
	expect("Bournemouth Christchurch and Poole Council", "Bournemouth, Christchurch and Poole");
	/* the former ones keep their own names */
	expect("Northamptonshire County Council", "Northamptonshire");
	expect("Cumbria", "Cumbria");
	expect("Bournemouth Borough Council", "Bournemouth");
}

/* Names that are no authority of the list. */
static void test_unknown(void **state)
{
	(void)state;
	expect("Exampleshire", NULL);
	expect("", NULL);
	expect(NULL, NULL);
	expect("Council", NULL);
	expect("the City of", NULL);
	expect("London", NULL);
	expect("Cardiff", NULL); /* Wales: not Ofsted's */
	expect("North", NULL);
	char longname[600];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	expect(longname, NULL);
}

static void test_reorganisations(void **state)
{
	(void)state;
	assert_true(osc_authority_succeeds("West Northamptonshire", "Northamptonshire"));
	assert_true(osc_authority_succeeds("North Northamptonshire Council", "Northamptonshire County Council"));
	assert_true(osc_authority_succeeds("Cumberland", "Cumbria"));
	assert_true(osc_authority_succeeds("Westmorland and Furness", "Cumbria"));
	assert_true(osc_authority_succeeds("BCP", "Poole"));
	assert_false(osc_authority_succeeds("Cumbria", "Cumberland"));
	assert_false(osc_authority_succeeds("Cumberland", "Cumberland"));
	assert_false(osc_authority_succeeds("Exampleshire", "Cumbria"));
	assert_false(osc_authority_succeeds(NULL, "Cumbria"));
}

static void test_normalise(void **state)
{
	(void)state;
	char out[32];
	assert_true(osc_authority_normalise("St. Helens\xE2\x80\x99 & Co-op", 21, out, sizeof out));
	assert_string_equal(out, "st helens and co op");
	assert_false(osc_authority_normalise("a much longer name than fits", 28, out, 8));
}

/* A document: authority as printed, authority_key canonical; an unknown
 * authority has no key and a warning. */
static void test_doc(void **state)
{
	(void)state;
	osc_doc *d = tu_scan("Dear X\nThis letter summarises the findings of the focused visit to "
			     "Wokingham Borough Council children\xE2\x80\x99s services on 4 June 2024.\n"
			     "Findings\nA finding.\n");
	assert_string_equal(osc_doc_authority(d), "Wokingham Borough Council");
	assert_string_equal(osc_doc_authority_key(d), "Wokingham");
	assert_int_equal(tu_warnings(d), osc_doc_warning_count(d));
	osc_doc_free(d);
	d = tu_scan("Dear X\nThis letter summarises the findings of the focused visit to "
		    "Exampleshire children\xE2\x80\x99s services on 4 June 2024.\nFindings\nA finding.\n");
	assert_string_equal(osc_doc_authority(d), "Exampleshire");
	assert_null(osc_doc_authority_key(d));
	assert_int_equal(tu_warnings(d) + 1, osc_doc_warning_count(d));
	osc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_reorganisations),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_doc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
