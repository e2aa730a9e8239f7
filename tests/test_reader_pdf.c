/* test_reader_pdf.c - PDF input: PDFs made with cairo (tests/pdfgen.h) read
 * back through poppler; the layout decides paragraphs, cells, footnotes;
 * every malformed input gets its own error. */
#include "testutil.h"
#include "blocks.h"
#include "lexicon.h"
#include "text.h"
#include "pdfgen.h"

/* The reader's blocks for a PDF, in `ar`. */
static osc_blocks read_pdf(const unsigned char *pdf, size_t len, osc_arena *ar)
{
	osc_arena_init(ar, NULL);
	osc_blocks bl = { ar, NULL, 0, 0, NULL, 0, 0, NULL };
	osc_buf scratch;
	osc_buf_init(&scratch, NULL);
	osc_error err = { 0 };
	if (osc_read_pdf((const char *)pdf, len, &bl, &scratch, &err))
		fail_msg("read: %s", err.message);
	osc_buf_free(&scratch);
	return bl;
}

static void assert_block(const osc_blocks *bl, size_t i, osc_block_type t, const char *text)
{
	assert_true(i < bl->n);
	assert_int_equal(bl->v[i].type, t);
	assert_string_equal(bl->v[i].text, text);
}

/* A letter of our own, long enough for two pages. */
static const struct {
	tp_kind k;
	const char *s;
} letter[] = {
	{ TP_PARA, "4 March 2025" },
	{ TP_PARA, "Dear Sam Example" },
	{ TP_HEAD, "Focused visit to Exampleshire children\xE2\x80\x99s services" },
	{ TP_PARA, "This letter summarises the findings of the focused visit to Exampleshire "
		   "children\xE2\x80\x99s services on 4 and 5 February 2025. His Majesty\xE2\x80\x99s "
		   "Inspectors for this visit were Robin Sample and Kit Placeholder." },
	{ TP_PARA, "Inspectors looked at the arrangements for children in care, including "
		   "their health, their homes and the plans made for their futures." },
	{ TP_HEAD, "Headline findings" },
	{ TP_PARA, "Children in care in Exampleshire are known well by social workers who stay "
		   "with them over time. Leaders have a clear view of what works and what does "
		   "not, and they have acted on most of it. Some plans are still too vague." },
	{ TP_HEAD, "What needs to improve in this area of social work practice?" },
	{ TP_BULLET, "The timeliness of review health assessments for children who live "
		     "outside the county, so that no child waits for one." },
	{ TP_BULLET, "The precision of care plans, so that every action has an owner and a date." },
	{ TP_HEAD, "Main findings" },
	{ TP_PARA, "Decisions for children to come into care are timely and well informed. "
		   "Social workers gather the views of parents and of the wider family, and "
		   "legal advice is sought at the right time, so that children do not wait." },
	{ TP_PARA, "Most children live in stable homes where they are settled and making "
		   "progress. Brothers and sisters live together when that is right for them, "
		   "and family time is arranged around what the children want to do." },
	{ TP_PARA, "Social workers visit children often and see them on their own. They use "
		   "direct work well to learn what children think and feel, and these views "
		   "are written into the plans that shape their lives." },
	{ TP_PARA, "Review health assessments for children placed a long way from home are "
		   "often late. Dental checks are not always followed up. Leaders have raised "
		   "this with health partners, but children still wait too long." },
	{ TP_PARA, "Permanence is planned from the start. Children who cannot return home "
		   "have a plan for where they will grow up, and the plan is reviewed at each "
		   "meeting so that drift is noticed and acted on quickly." },
	{ TP_PARA, "Independent reviewing officers know the children well and challenge "
		   "when progress is slow. Their challenge is recorded and followed through, "
		   "although a few escalations took too long to be resolved." },
	{ TP_PARA, "Audits are regular and they look closely at the difference made for each "
		   "child. Managers use what they find to set clear actions, and they check "
		   "later that the actions were carried out and made a difference." },
	{ TP_PARA, "Caseloads are manageable, and social workers say that they enjoy working "
		   "in Exampleshire. They receive regular supervision, although the records of "
		   "supervision do not always show how decisions were reached." },
	{ TP_PARA, "Care plans vary in quality. The best are specific and written with the "
		   "child, while the weakest list services rather than say what should change "
		   "for the child and by when, which makes progress hard to measure." },
	{ TP_PARA, "Children are helped to stay in touch with people who matter to them, "
		   "including former carers. Life-story work is started early and is shared "
		   "with children in a way that they can understand." },
	{ TP_PARA, "Leaders have a realistic plan to open more homes close to Exampleshire. "
		   "The first two homes have opened, and fewer children now live far from "
		   "their families, schools and friends than at the last inspection." },
	{ TP_PARA, "Ofsted will take the findings from this focused visit into account when "
		   "planning your next inspection or visit." },
	{ TP_PARA, "Yours sincerely" },
	{ TP_PARA, "Robin Sample" },
	{ TP_PARA, "His Majesty\xE2\x80\x99s Inspector" },
};

static unsigned char *letter_pdf(size_t *len, const char *footer)
{
	tp_pdf *p = tp_new();
	assert_non_null(p);
	p->footer = footer;
	for (size_t i = 0; i < sizeof letter / sizeof *letter; i++)
		tp_add(p, letter[i].k, letter[i].s);
	return tp_finish(p, len);
}

static char *letter_markdown(void)
{
	size_t cap = 16384, n = 0;
	char *md = malloc(cap);
	assert_non_null(md);
	for (size_t i = 0; i < sizeof letter / sizeof *letter; i++) {
		const char *pre = letter[i].k == TP_HEAD ? "## " : letter[i].k == TP_BULLET ? "- " : "";
		n += (size_t)snprintf(md + n, cap - n, "%s%s\n\n", pre, letter[i].s);
		assert_true(n < cap);
	}
	return md;
}

static osc_doc *scan_bytes(const void *data, size_t len, osc_error *err)
{
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, err);
	assert_non_null(s);
	osc_doc *d = osc_scan(s, data, len, "test.pdf", OSC_FORMAT_AUTO, err);
	osc_scanner_free(s);
	return d;
}

/* scan_bytes for a PDF that must read: the test fails with its error. */
static osc_doc *scan_ok(const void *data, size_t len)
{
	osc_error err = { 0 };
	osc_doc *d = scan_bytes(data, len, &err);
	if (!d)
		fail_msg("scan: %s", err.message);
	return d;
}

static bool has_warning(const osc_doc *d, const char *part)
{
	for (size_t i = 0; i < osc_doc_warning_count(d); i++)
		if (strstr(osc_doc_warning(d, i), part))
			return true;
	return false;
}

/* The same letter as a PDF over two pages and as Markdown: the same
 * metadata and the same items, word for word. */
static void test_letter_as_markdown(const char *footer)
{
	size_t len;
	unsigned char *pdf = letter_pdf(&len, footer);
	osc_doc *d = scan_ok(pdf, len);
	char *md = letter_markdown();
	osc_doc *m = tu_scan_as(md, OSC_FORMAT_MARKDOWN);

	assert_int_equal(osc_doc_format(d), OSC_FORMAT_PDF);
	assert_int_equal(osc_doc_kind(d), OSC_KIND_FOCUSED_VISIT);
	assert_string_equal(osc_doc_authority(d), "Exampleshire");
	assert_string_equal(osc_doc_date(d), "2025-03-04");
	assert_int_equal(osc_doc_inspector_count(d), 2);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 2);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 11);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		assert_int_equal(osc_doc_item_count(d, (osc_section)sec),
				 osc_doc_item_count(m, (osc_section)sec));
		for (size_t i = 0; i < osc_doc_item_count(d, (osc_section)sec); i++)
			assert_string_equal(tu_item(d, (osc_section)sec, i),
					    tu_item(m, (osc_section)sec, i));
	}
	assert_string_equal(osc_doc_headline(d), osc_doc_headline(m));
	assert_int_equal(tu_warnings(d), 0);
	osc_doc_free(d);
	osc_doc_free(m);
	free(md);
	free(pdf);
}

static void test_letter(void **state)
{
	(void)state;
	test_letter_as_markdown(NULL);
}

/* A running footer and the page numbers are dropped; paragraphs that run
 * over a page break are joined whole. */
static void test_letter_with_footer(void **state)
{
	(void)state;
	test_letter_as_markdown("Focused visit to Exampleshire: 4 and 5 February 2025");
}

/* One page of a report: a title, the judgement table (cells on one
 * baseline, far apart), the overview. */
static unsigned char *report_pdf(size_t *len)
{
	static const char *const rows[][2] = {
		{ "Judgement", "Grade" },
		{ "The impact of leaders on social work practice", "Good" },
		{ "The experiences and progress of children who need help and protection",
		  "Requires improvement to be good" },
		{ "The experiences and progress of children in care", "Good" },
		{ "The experiences and progress of care leavers", "Outstanding" },
		{ "Overall effectiveness", "Good" },
	};
	tp_pdf *p = tp_new();
	tp_font(p, 24, false);
	tp_text(p, TP_LEFT, 120, "Inspection of Exampleshire local authority");
	tp_text(p, TP_LEFT, 150, "children\xE2\x80\x99s services");
	tp_font(p, TP_SIZE, true);
	tp_text(p, TP_LEFT, 190, "Inspection dates: 3 to 7 March 2025");
	tp_text(p, TP_LEFT, 215, "Lead inspector: Sam Sample, His Majesty\xE2\x80\x99s Inspector");
	tp_font(p, 9, false);
	double y = 250;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++, y += 30) {
		tp_text(p, TP_LEFT, y, rows[i][0]);
		tp_text(p, 400, y, rows[i][1]);
	}
	tp_font(p, TP_SIZE, false);
	p->y = y + 20;
	tp_add(p, TP_PARA, "Children in Exampleshire receive help that is mostly timely. "
			   "Leaders know the service well and have made steady progress.");
	tp_add(p, TP_HEAD, "What needs to improve?");
	tp_add(p, TP_BULLET, "The timeliness of strategy meetings for children at risk.");
	tp_add(p, TP_HEAD, "The experiences and progress of children in care: good");
	tp_add(p, TP_PARA, "Children come into care when they need to, and most live in homes "
			   "that meet their needs well.");
	return tp_finish(p, len);
}

static void test_report_table(void **state)
{
	(void)state;
	size_t len;
	unsigned char *pdf = report_pdf(&len);
	osc_doc *d = scan_ok(pdf, len);
	assert_int_equal(osc_doc_kind(d), OSC_KIND_INSPECTION_REPORT);
	assert_int_equal(osc_doc_judgement_count(d), 5);
	static const osc_grade want[] = { OSC_GRADE_GOOD, OSC_GRADE_REQUIRES_IMPROVEMENT,
					  OSC_GRADE_GOOD, OSC_GRADE_OUTSTANDING, OSC_GRADE_GOOD };
	static const osc_area area[] = { OSC_AREA_IMPACT_OF_LEADERS, OSC_AREA_HELP_AND_PROTECTION,
					 OSC_AREA_IN_CARE, OSC_AREA_CARE_LEAVERS, OSC_AREA_OVERALL };
	for (size_t i = 0; i < 5; i++) {
		const osc_judgement *j = osc_doc_judgement(d, i);
		assert_int_equal(j->area, area[i]);
		assert_int_equal(j->grade, want[i]);
	}
	assert_int_equal(osc_doc_visit_date_count(d), 5);
	assert_string_equal(osc_doc_inspector(d, 0), "Sam Sample");
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_IMPROVEMENTS), 1);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 1);
	osc_doc_free(d);
	free(pdf);
}

/* Table cells on one baseline are blocks of their own; a bold heading is
 * one even with no space between it and the text under it. */
static void test_cells_and_bold(void **state)
{
	(void)state;
	tp_pdf *p = tp_new();
	tp_text(p, TP_LEFT, 100, "Overall effectiveness");
	tp_text(p, 300, 100, "Good");
	tp_font(p, TP_SIZE, true);
	tp_text(p, TP_LEFT, 140, "The help given to children and families across the county");
	tp_text(p, TP_LEFT, 140 + TP_LEAD, "is good");
	tp_font(p, TP_SIZE, false);
	tp_text(p, TP_LEFT, 140 + 2 * TP_LEAD, "Leaders will show how plans have changed.");
	p->y = 200;
	size_t len;
	unsigned char *pdf = tp_finish(p, &len);
	osc_arena ar;
	osc_blocks bl = read_pdf(pdf, len, &ar);
	assert_int_equal(bl.n, 4);
	assert_block(&bl, 0, OSC_BLOCK_PARA, "Overall effectiveness");
	assert_block(&bl, 1, OSC_BLOCK_PARA, "Good");
	assert_block(&bl, 2, OSC_BLOCK_PARA,
		     "The help given to children and families across the county is good");
	assert_block(&bl, 3, OSC_BLOCK_PARA, "Leaders will show how plans have changed.");
	free(bl.v);
	free(bl.warnings);
	osc_arena_free(&ar);
	free(pdf);
}

/* A footnote: its marker in the body and its text at the foot of the page,
 * both in a smaller font, are dropped. */
static void test_footnote(void **state)
{
	(void)state;
	tp_pdf *p = tp_new();
	tp_add(p, TP_PARA, "Focused visit to Exampleshire children\xE2\x80\x99s services");
	tp_add(p, TP_HEAD, "Main findings");
	tp_text(p, TP_LEFT, p->y, "Plans follow the national framework for practice.");
	cairo_text_extents_t e;
	cairo_text_extents(p->cr, "Plans follow the national framework for practice.", &e);
	tp_font(p, 6.5, false);
	tp_text(p, TP_LEFT + e.x_advance, p->y - 5, "1");
	tp_font(p, TP_SIZE, false);
	p->y += 2 * TP_LEAD;
	tp_add(p, TP_PARA, "Children are seen often and alone by their social workers.");
	tp_font(p, 6.5, false);
	tp_text(p, TP_LEFT, 740, "1");
	tp_font(p, 10, false);
	tp_text(p, TP_LEFT + 6, 742, "The framework is statutory guidance which sets out the");
	tp_text(p, TP_LEFT, 754, "principles for practice and the outcomes expected.");
	size_t len;
	unsigned char *pdf = tp_finish(p, &len);

	osc_doc *d = scan_ok(pdf, len);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 2);
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 0),
			    "Plans follow the national framework for practice.");
	assert_string_equal(tu_item(d, OSC_SECTION_FINDINGS, 1),
			    "Children are seen often and alone by their social workers.");
	osc_doc_free(d);
	free(pdf);
}

static void expect_error(const void *data, size_t len, const char *part)
{
	osc_error err = { 0 };
	osc_doc *d = scan_bytes(data, len, &err);
	if (d)
		fail_msg("expected an error with \"%s\", got a document", part);
	assert_int_equal(err.status, OSC_EFORMAT);
	if (!strstr(err.message, part))
		fail_msg("error \"%s\" does not say \"%s\"", err.message, part);
}

/* A scanned letter: pages with no text layer at all. */
static void test_no_text_layer(void **state)
{
	(void)state;
	tp_pdf *p = tp_new();
	tp_image_page(p);
	tp_image_page(p);
	size_t len;
	unsigned char *pdf = tp_finish(p, &len);
	expect_error(pdf, len, "no text layer: a scanned PDF?");
	free(pdf);
}

/* Some pages without text: the document is read, with a warning. */
static void test_some_pages_scanned(void **state)
{
	(void)state;
	tp_pdf *p = tp_new();
	for (size_t i = 0; i < sizeof letter / sizeof *letter; i++)
		tp_add(p, letter[i].k, letter[i].s);
	tp_image_page(p);
	size_t len;
	unsigned char *pdf = tp_finish(p, &len);
	osc_doc *d = scan_ok(pdf, len);
	assert_true(has_warning(d, "page 3 of 3 has no text layer"));
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 11);
	osc_doc_free(d);
	free(pdf);
}

static void test_damaged(void **state)
{
	(void)state;
	static const char junk[] = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nnonsense\n%%EOF\n";
	expect_error(junk, sizeof junk - 1, "damaged PDF: poppler could not read it");
	static const char header_only[] = "%PDF-1.4\n";
	expect_error(header_only, sizeof header_only - 1, "damaged or truncated PDF");
}

/* Cut a good PDF short: an error, or its text with a warning; never a
 * crash, whatever the cut. */
static void test_truncated(void **state)
{
	(void)state;
	size_t len;
	unsigned char *pdf = letter_pdf(&len, NULL);
	int errors = 0, warned = 0;
	for (size_t cut = 64; cut < len; cut += len / 23) {
		osc_error err = { 0 };
		osc_doc *d = scan_bytes(pdf, cut, &err);
		if (d) {
			assert_true(has_warning(d, "truncated PDF"));
			warned++;
			osc_doc_free(d);
		} else {
			assert_int_equal(err.status, OSC_EFORMAT);
			errors++;
		}
	}
	assert_true(errors > 0);
	free(pdf);
	(void)warned;
}

static void test_encrypted(void **state)
{
	(void)state;
	size_t len = 0;
	char *pdf = tu_slurp("tests/data/encrypted.pdf", &len);
	assert_non_null(pdf);
	expect_error(pdf, len, "encrypted PDF");
	free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_letter),
		cmocka_unit_test(test_letter_with_footer),
		cmocka_unit_test(test_report_table),
		cmocka_unit_test(test_cells_and_bold),
		cmocka_unit_test(test_footnote),
		cmocka_unit_test(test_no_text_layer),
		cmocka_unit_test(test_some_pages_scanned),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_encrypted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
