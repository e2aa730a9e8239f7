/* test_reader_html.c - HTML input: the visible text as blocks, encodings
 * decided before parsing, the depth limit reported; the sample pages give
 * the right kind, sections and items. */
#include "testutil.h"
#include "blocks.h"
#include "lexicon.h"
#include "text.h"

typedef struct rd {
	osc_arena ar;
	osc_blocks bl;
	osc_status st;
	osc_error err;
} rd;

static void done(rd *r)
{
	free(r->bl.v);
	free(r->bl.warnings);
	osc_arena_free(&r->ar);
}

static void read_html(rd *r, const char *html, size_t len)
{
	osc_arena_init(&r->ar, NULL);
	r->bl = (osc_blocks){ &r->ar, NULL, 0, 0, NULL, 0, 0, NULL };
	osc_buf scratch;
	osc_buf_init(&scratch, NULL);
	memset(&r->err, 0, sizeof r->err);
	r->st = osc_read_html(html, len, &r->bl, &scratch, &r->err);
	osc_buf_free(&scratch);
}

static void read_ok(rd *r, const char *html)
{
	read_html(r, html, strlen(html));
	if (r->st)
		fail_msg("read: %s", r->err.message);
}

static void assert_block(const rd *r, size_t i, osc_block_type t, const char *text)
{
	if (i >= r->bl.n)
		fail_msg("block %zu of %zu", i, r->bl.n);
	if (r->bl.v[i].type != t || strcmp(r->bl.v[i].text, text) != 0)
		fail_msg("block %zu: [%d] \"%s\", want [%d] \"%s\"", i, r->bl.v[i].type,
			 r->bl.v[i].text, t, text);
}

static bool warned(const rd *r, const char *part)
{
	for (size_t i = 0; i < r->bl.n_warnings; i++)
		if (strstr(r->bl.warnings[i], part))
			return true;
	return false;
}

/* Headings, paragraphs, bullets (a paragraph inside an item, a list inside
 * an item), <br>, entities and non-breaking spaces. */
static void test_structure(void **state)
{
	(void)state;
	rd r;
	read_ok(&r, "<html><body><h2>Main&nbsp;findings</h2>"
		    "<p>Children&rsquo;s plans are   clear &amp;\n  specific.</p>"
		    "<ul><li><p>Visits are regular.</p></li>"
		    "<li>Audits are <b>monthly</b>.<ul><li>Some are late.</li></ul></li></ul>"
		    "<p>Yours sincerely<br>Sam Sample</p>"
		    "<div>Loose text in a div<p>then a paragraph</p>and more</div>"
		    "</body></html>");
	assert_int_equal(r.bl.n, 10);
	assert_block(&r, 0, OSC_BLOCK_HEADING, "Main findings");
	assert_block(&r, 1, OSC_BLOCK_PARA, "Children\xE2\x80\x99s plans are clear & specific.");
	assert_block(&r, 2, OSC_BLOCK_BULLET, "Visits are regular.");
	assert_block(&r, 3, OSC_BLOCK_BULLET, "Audits are monthly.");
	assert_block(&r, 4, OSC_BLOCK_BULLET, "Some are late.");
	assert_block(&r, 5, OSC_BLOCK_PARA, "Yours sincerely");
	assert_block(&r, 6, OSC_BLOCK_PARA, "Sam Sample");
	assert_block(&r, 7, OSC_BLOCK_PARA, "Loose text in a div");
	assert_block(&r, 8, OSC_BLOCK_PARA, "then a paragraph");
	assert_block(&r, 9, OSC_BLOCK_PARA, "and more");
	assert_int_equal(r.bl.n_warnings, 0);
	done(&r);
}

/* Only what a reader sees: no scripts, styles, navigation, headers,
 * footers, asides, forms, comments or hidden elements. */
static void test_visible_only(void **state)
{
	(void)state;
	rd r;
	read_ok(&r, "<!DOCTYPE html><html><head><title>Title</title>"
		    "<style>p { color: red }</style></head><body>"
		    "<header>Site header</header><nav><a>Home</a></nav>"
		    "<script>var x = 'script text';</script><noscript>Enable JS</noscript>"
		    "<p>First visible.</p><!-- a comment -->"
		    "<aside>Related stories</aside><form><label>Search</label></form>"
		    "<p hidden>Hidden paragraph.</p><div aria-hidden=\"true\">Aria hidden.</div>"
		    "<p style=\"display: none\">Not displayed.</p>"
		    "<p>Second visible.</p><footer>Site footer</footer></body></html>");
	assert_int_equal(r.bl.n, 2);
	assert_block(&r, 0, OSC_BLOCK_PARA, "First visible.");
	assert_block(&r, 1, OSC_BLOCK_PARA, "Second visible.");
	done(&r);
}

/* A page with <main>: only that is read (no cookie banner, breadcrumbs). */
static void test_main_only(void **state)
{
	(void)state;
	rd r;
	read_ok(&r, "<body><div class=\"cookies\"><p>We use cookies.</p></div>"
		    "<ol class=\"breadcrumbs\"><li>Home</li></ol>"
		    "<div role=\"main\"><h1>Focused visit</h1><p>The letter.</p></div>"
		    "<p>After main.</p></body>");
	assert_int_equal(r.bl.n, 2);
	assert_block(&r, 0, OSC_BLOCK_HEADING, "Focused visit");
	assert_block(&r, 1, OSC_BLOCK_PARA, "The letter.");
	done(&r);
}

/* Encodings: decided before parsing and given to the parser. */
static void test_encodings(void **state)
{
	(void)state;
	rd r;
	/* no declaration, not UTF-8: Windows-1252, with a warning */
	read_ok(&r, "<p>Children\x92s plans \x96 clear</p>");
	assert_block(&r, 0, OSC_BLOCK_PARA, "Children\xE2\x80\x99s plans \xE2\x80\x93 clear");
	assert_true(warned(&r, "read as Windows-1252"));
	done(&r);
	/* ISO-8859-1 declared means Windows-1252, as in browsers: no warning */
	read_ok(&r, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
		    "charset=ISO-8859-1\"></head><body><p>Children\x92s caf\xE9</p></body></html>");
	assert_block(&r, 0, OSC_BLOCK_PARA, "Children\xE2\x80\x99s caf\xC3\xA9");
	assert_int_equal(r.bl.n_warnings, 0);
	done(&r);
	/* UTF-8 declared, and it is */
	read_ok(&r, "<meta charset=\"utf-8\"><p>Children\xE2\x80\x99s caf\xC3\xA9</p>");
	assert_block(&r, 0, OSC_BLOCK_PARA, "Children\xE2\x80\x99s caf\xC3\xA9");
	assert_int_equal(r.bl.n_warnings, 0);
	done(&r);
	/* UTF-8 declared, and it is not */
	read_ok(&r, "<meta charset='utf-8'><p>Children\x92s</p>");
	assert_block(&r, 0, OSC_BLOCK_PARA, "Children\xE2\x80\x99s");
	assert_true(warned(&r, "declared UTF-8 but is not valid UTF-8"));
	done(&r);
	/* an unknown charset: ignored, with a warning */
	read_ok(&r, "<meta charset=\"x-no-such-charset\"><p>Plain text.</p>");
	assert_block(&r, 0, OSC_BLOCK_PARA, "Plain text.");
	assert_true(warned(&r, "unknown charset 'x-no-such-charset'"));
	done(&r);
	/* a UTF-8 byte order mark */
	read_ok(&r, "\xEF\xBB\xBF<p>caf\xC3\xA9</p>");
	assert_block(&r, 0, OSC_BLOCK_PARA, "caf\xC3\xA9");
	done(&r);
	/* UTF-16LE with its byte order mark */
	static const char u16[] = "\xFF\xFE<\0p\0>\0c\0a\0f\0\xE9\0<\0/\0p\0>\0";
	read_html(&r, u16, sizeof u16 - 1);
	assert_int_equal(r.st, OSC_OK);
	assert_block(&r, 0, OSC_BLOCK_PARA, "caf\xC3\xA9");
	done(&r);
}

/* Deeper than the parser goes: what it keeps is read, and a warning says
 * that the rest was dropped. */
static void test_depth_limit(void **state)
{
	(void)state;
	size_t cap = 400 * 16 + 200, n = 0;
	char *h = malloc(cap);
	assert_non_null(h);
	n += (size_t)snprintf(h + n, cap - n, "<html><body><p>Shallow text.</p>");
	for (int i = 0; i < 400; i++)
		n += (size_t)snprintf(h + n, cap - n, "<div>");
	n += (size_t)snprintf(h + n, cap - n, "Deep text.");
	for (int i = 0; i < 400; i++)
		n += (size_t)snprintf(h + n, cap - n, "</div>");
	rd r;
	read_html(&r, h, n);
	assert_int_equal(r.st, OSC_OK);
	assert_block(&r, 0, OSC_BLOCK_PARA, "Shallow text.");
	assert_true(warned(&r, "nests more than 256 elements deep"));
	done(&r);
	free(h);
}

static void test_no_visible_text(void **state)
{
	(void)state;
	rd r;
	read_ok(&r, "<p>x</p>");
	done(&r);
	const char *h = "<html><head><title>T</title></head><body><script>x()</script></body></html>";
	read_html(&r, h, strlen(h));
	assert_int_equal(r.st, OSC_EFORMAT);
	assert_string_equal(r.err.message, "no visible text in the HTML");
	done(&r);
}

static osc_doc *scan_file(const char *path)
{
	size_t len = 0;
	char *data = tu_slurp(path, &len);
	assert_non_null(data);
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	osc_doc *d = osc_scan(s, data, len, path, OSC_FORMAT_AUTO, &err);
	if (!d)
		fail_msg("%s: %s", path, err.message);
	osc_scanner_free(s);
	free(data);
	return d;
}

/* A gov.uk-style page of the sample letter: the same document as the
 * letter's text, item for item. */
static void test_govuk_page(void **state)
{
	(void)state;
	osc_doc *h = scan_file("data/samples/sample-letter.html");
	osc_doc *t = scan_file("data/samples/sample-letter.txt");
	assert_int_equal(osc_doc_format(h), OSC_FORMAT_HTML);
	assert_int_equal(osc_doc_kind(h), OSC_KIND_FOCUSED_VISIT);
	assert_string_equal(osc_doc_authority(h), "Riverford");
	assert_string_equal(osc_doc_date(h), osc_doc_date(t));
	assert_int_equal(osc_doc_inspector_count(h), 2);
	assert_string_equal(osc_doc_headline(h), osc_doc_headline(t));
	assert_int_equal(osc_doc_item_count(h, OSC_SECTION_IMPROVEMENTS), 2);
	assert_int_equal(osc_doc_item_count(h, OSC_SECTION_FINDINGS), 8);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		assert_int_equal(osc_doc_item_count(h, (osc_section)sec),
				 osc_doc_item_count(t, (osc_section)sec));
		for (size_t i = 0; i < osc_doc_item_count(h, (osc_section)sec); i++)
			assert_string_equal(tu_item(h, (osc_section)sec, i),
					    tu_item(t, (osc_section)sec, i));
	}
	/* the one warning: Riverford is no real authority */
	assert_int_equal(osc_doc_warning_count(h), 1);
	assert_non_null(strstr(osc_doc_warning(h, 0), "not in the list of English local authorities"));
	osc_doc_free(h);
	osc_doc_free(t);
}

/* A saved news page: a news summary, its highlighted points as findings,
 * nothing from the page around the article. */
static void test_news_page(void **state)
{
	(void)state;
	osc_doc *d = scan_file("data/samples/sample-news.html");
	assert_int_equal(osc_doc_kind(d), OSC_KIND_NEWS_SUMMARY);
	assert_string_equal(osc_doc_authority(d), "Riverford");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 5);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 0),
			    "Children come into care when they need to, after careful "
			    "assessments and timely legal advice.");
	const char *hl = osc_doc_headline(d);
	assert_non_null(hl);
	assert_true(strncmp(hl, "\xE2\x80\x9C" "Children in care in Riverford", 32) == 0);
	for (size_t i = 0; i < osc_doc_item_count(d, OSC_SECTION_FINDINGS); i++) {
		const char *t = tu_item(d, OSC_SECTION_FINDINGS, i);
		assert_null(strstr(t, "kitchen"));
		assert_null(strstr(t, "play park"));
	}
	assert_int_equal(osc_doc_warning_count(d), 1); /* Riverford: no authority_key */
	assert_null(osc_doc_authority_key(d));
	osc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_visible_only),
		cmocka_unit_test(test_main_only),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_no_visible_text),
		cmocka_unit_test(test_govuk_page),
		cmocka_unit_test(test_news_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
