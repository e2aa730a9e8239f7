/* test_render_html.c - the HTML report (src/render_html.c) and its charts
 * (src/render_charts.c): hostile text escaped everywhere, the page's parts,
 * and each chart's numbers: the marks drawn to scale, the text alternative
 * giving every number. */
#include "testutil.h"
#include "charts.h"
#include "writers.h"

static char *html(const osc_doc *d, unsigned flags)
{
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(osc_render_html(d, flags, NULL, &out, &len), OSC_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *at = s; (at = strstr(at, what)); at++)
		n++;
	return n;
}

static void test_escape(void **state)
{
	(void)state;
	osc_buf b;
	osc_buf_init(&b, NULL);
	const char s[] = "a<b>&\"c'\xE2\x80\xA8\xE2\x80\xA9\x01\xFF\xE2\x80\x99 \n";
	osc_html_text(&b, s, sizeof s - 1);
	assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;c&#39;&#x2028;&#x2029;\xEF\xBF\xBD\xEF\xBF\xBD"
				    "\xE2\x80\x99 \n");
	osc_buf_free(&b);
}

/* A letter whose every part holds < > & " and U+2028: none reaches the
 * page as markup. */
static void test_hostile(void **state)
{
	(void)state;
	const char *text =
		"14 March 2025\nDear X\nThis letter summarises a focused visit to <script>alert(1)</script> "
		"children\xE2\x80\x99s services on 3 and 4 March 2025.\n"
		"Headline findings\nLeaders & \"partners\" say <b>hi</b>\xE2\x80\xA8 here.\n"
		"What needs to improve?\n\xE2\x97\xBC Health assessments <img src=x onerror=alert(1)>.\n"
		"Findings\nHealth assessments are late & <i>dental</i> checks are missed.\n";
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	osc_doc *d = osc_scan(s, text, strlen(text), "<x>&\".txt", OSC_FORMAT_TEXT, &err);
	osc_scanner_free(s);
	assert_non_null(d);
	char *p = html(d, 0);
	assert_null(strstr(p, "<script"));
	assert_null(strstr(p, "<img"));
	assert_null(strstr(p, "<b>"));
	assert_null(strstr(p, "<i>"));
	assert_null(strstr(p, "\xE2\x80\xA8"));
	assert_non_null(strstr(p, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(p, "Leaders &amp; &quot;partners&quot; say &lt;b&gt;hi&lt;/b&gt;&#x2028;"));
	assert_non_null(strstr(p, "<dd>&lt;x&gt;&amp;&quot;.txt</dd>"));
	/* the title too (no authority read: the source names it) */
	assert_non_null(strstr(p, "<title>&lt;x&gt;&amp;&quot;.txt: Focused visit, 2025-03-14</title>"));
	osc_free(NULL, p);
	osc_doc_free(d);
}

/* The page: one document, every part, polarity in words, evidence marked,
 * citations; a fragment is its section alone. */
static void test_page(void **state)
{
	(void)state;
	osc_doc *d = tu_scan(TU_REPORT_TITLE("Wokingham Borough Council")
			     "Judgement\nGrade\n"
			     "The impact of leaders on social work practice with children and families\nGood\n"
			     "The experiences and progress of children who need help and protection\nInadequate\n"
			     "Overall effectiveness\nRequires improvement to be good\n\n"
			     "Children are helped well. Leaders know their services.\n\n"
			     "What needs to improve?\n"
			     "\xE2\x97\xBC The timeliness of health assessments.\n\n"
			     "The experiences and progress of children who need help and protection: good\n\n"
			     "12. Health assessments are late and dental checks are missed.\n");
	char *p = html(d, 0);
	assert_true(strncmp(p, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>", 61) == 0);
	assert_non_null(strstr(p, "<title>Wokingham: Inspection report, 2025-03-14</title>"));
	assert_non_null(strstr(p, "<h1 id=\"doc-h\">Wokingham: Inspection report, 2025-03-14</h1>"));
	assert_non_null(strstr(p, "<li class=\"badge g-inadequate\">Help and protection <strong>inadequate</strong></li>"));
	assert_non_null(strstr(p, "<h2>Headline</h2><p>Children are helped well."));
	assert_non_null(strstr(p, "<h2>What needs to improve (1)</h2>"));
	assert_non_null(strstr(p, "<li class=\"item concern\"><span class=\"pol\">\xE2\x88\x92 Concern</span>"
				  "<mark>Health assessments</mark> are late"));
	assert_non_null(strstr(p, "<span class=\"cite\">(findings 1, paragraph 12)</span>"));
	assert_non_null(strstr(p, "<span class=\"chip\" title=\"Health assessments and health needs\">health</span>"));
	assert_non_null(strstr(p, "<svg class=\"chart\""));
	assert_null(strstr(p, "<script"));
	/* nothing outside the file: no address but SVG's namespace */
	assert_int_equal(count(p, "http"), count(p, "http://www.w3.org/2000/svg"));
	assert_int_equal(count(p, "src="), 0);
	assert_true(strcmp(p + strlen(p) - 22, "</main></body></html>\n") == 0);
	osc_free(NULL, p);
	p = html(d, OSC_RENDER_FRAGMENT);
	assert_true(strncmp(p, "<section class=\"doc\" id=\"d-", 27) == 0);
	assert_null(strstr(p, "<html"));
	osc_free(NULL, p);
	char *head = NULL;
	size_t hl;
	assert_int_equal(osc_render_html_open("A & B", NULL, &head, &hl), OSC_OK);
	assert_non_null(strstr(head, "<title>A &amp; B</title>"));
	osc_free(NULL, head);
	assert_string_equal(osc_html_close(), "</main></body></html>\n");
	assert_int_equal(osc_render_html(NULL, 0, NULL, &p, &hl), OSC_EINVAL);
	osc_doc_free(d);
}

/* Bars: widths to one scale, a title per mark, every number in the
 * description. */
static void test_bars(void **state)
{
	(void)state;
	osc_buf b;
	osc_buf_init(&b, NULL);
	const char *labels[] = { "planning", "health" }, *names[] = { "concern", "strength" };
	const char *colours[] = { "#D55E00", "#0072B2" };
	const double values[] = { 3, 1, 2, 0 }; /* planning 3+1, health 2 */
	osc_chart c = { "c1", "T", "D." };
	osc_svg_bars(&b, &c, 2, labels, 2, names, colours, values);
	/* the longest bar (4) takes the whole width (760 - 290 - 60 = 410) */
	assert_non_null(strstr(b.data, "width=\"307.5\" height=\"16\" fill=\"#D55E00\"><title>planning: 3 concern</title>"));
	assert_non_null(strstr(b.data, "width=\"102.5\" height=\"16\" fill=\"#0072B2\"><title>planning: 1 strength</title>"));
	assert_non_null(strstr(b.data, "width=\"205.0\" height=\"16\" fill=\"#D55E00\"><title>health: 2 concern</title>"));
	assert_null(strstr(b.data, "health: 0 strength</title>")); /* nothing drawn for none */
	assert_non_null(strstr(b.data, "<desc id=\"c1-d\">D. planning: 3 concern, 1 strength; health: 2 concern, 0 strength</desc>"));
	assert_non_null(strstr(b.data, "role=\"img\" aria-labelledby=\"c1-t c1-d\""));
	osc_buf_free(&b);
	/* nothing to draw: said */
	osc_buf_init(&b, NULL);
	osc_svg_bars(&b, &c, 0, NULL, 2, names, colours, NULL);
	assert_non_null(strstr(b.data, "D. Nothing to show.</desc>"));
	osc_buf_free(&b);
}

/* Small multiples: a column's height is its share of the year's documents. */
static void test_multiples(void **state)
{
	(void)state;
	osc_buf b;
	osc_buf_init(&b, NULL);
	const char *labels[] = { "Health" }, *keys[] = { "2023", "2024" };
	const size_t part[] = { 1, 4 }, whole[] = { 4, 4 };
	osc_chart c = { "m", "T", "D." };
	osc_svg_multiples(&b, &c, 1, labels, 2, keys, part, whole);
	/* the panel's height for 100% is 100 - 14 - 18 = 68 */
	assert_non_null(strstr(b.data, "height=\"17.0\" fill=\"#D55E00\"><title>Health, 2023: 25% (1 of 4 documents)</title>"));
	assert_non_null(strstr(b.data, "height=\"68.0\" fill=\"#D55E00\"><title>Health, 2024: 100% (4 of 4 documents)</title>"));
	assert_non_null(strstr(b.data, "D. Health: 2023 1 of 4, 2024 4 of 4</desc>"));
	osc_buf_free(&b);
}

/* A heat map: none white, all the darkest. */
static void test_heatmap(void **state)
{
	(void)state;
	osc_buf b;
	osc_buf_init(&b, NULL);
	const char *rows[] = { "Bristol" }, *cols[] = { "health", "audit" };
	const size_t part[] = { 0, 2 }, whole[] = { 2 };
	osc_chart c = { "h", "T", "D." };
	osc_svg_heatmap(&b, &c, 1, rows, 2, cols, part, whole);
	assert_non_null(strstr(b.data, "fill=\"#FFFFFF\" stroke=\"#fff\"><title>Bristol, health: 0 of 2 documents (0%)</title>"));
	assert_non_null(strstr(b.data, "fill=\"#08306B\" stroke=\"#fff\"><title>Bristol, audit: 2 of 2 documents (100%)</title>"));
	assert_non_null(strstr(b.data, "D. Bristol audit 2 of 2</desc>"));
	osc_buf_free(&b);
}

/* A summary page: every chart, the documents in order of authority and
 * date, each linking to its own section. */
static void test_summary_page(void **state)
{
	(void)state;
	osc_summary *s = osc_summary_new(tu_rules(), NULL);
	osc_summary_keep_documents(s, true);
	const char *docs[] = {
		"9 June 2024\nDear X\nThis letter summarises the findings of the focused visit to Wokingham "
		"children\xE2\x80\x99s services on 4 June 2024.\nFindings\nHealth assessments are late.\n",
		"3 May 2023\nDear X\nThis letter summarises the findings of the focused visit to Bristol "
		"children\xE2\x80\x99s services on 4 April 2023.\nWhat needs to improve?\n\xE2\x97\xBC Audits.\n"
		"Findings\nHealth assessments are timely.\n",
	};
	for (size_t i = 0; i < 2; i++) {
		osc_doc *d = tu_scan(docs[i]);
		assert_int_equal(osc_summary_add(s, d), OSC_OK);
		osc_doc_free(d);
	}
	assert_int_equal(osc_summary_document_count(s), 2);
	char *p = NULL;
	size_t len;
	assert_int_equal(osc_render_summary(s, OSC_SUMMARY_HTML, 0, NULL, &p, &len), OSC_OK);
	assert_non_null(strstr(p, "<h1>Summary of 2 documents</h1>"));
	for (const char *const *id = (const char *const[]){ "kinds-s", "themes-s", "trends-s",
							    "heatmap-s", "judgements-s", "documents",
							    "each", NULL }; *id; id++) {
		char want[64];
		snprintf(want, sizeof want, "<section id=\"%s\"", *id);
		if (!strstr(p, want))
			fail_msg("no section %s", *id);
	}
	const char *bristol = strstr(p, "<tr><td><a href=\"#d-");
	assert_non_null(bristol);
	assert_true(strncmp(strstr(bristol, "\">") + 2, "Bristol</a>", 11) == 0);
	assert_non_null(strstr(p, "Wokingham</a></td><td>2024-06-09</td>"));
	assert_non_null(strstr(p, "<h4>What needs to improve</h4><ul><li>Audits.</li></ul>"));
	osc_free(NULL, p);
	osc_summary_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_multiples),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_summary_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
