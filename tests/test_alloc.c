/* test_alloc.c - allocation failure: fail the Nth allocation, for every N
 * that the pipeline reaches on the sample letter (load the model, read,
 * scan, render JSON, text and CSV, the document table, a selection, a
 * digest and the comparison with it, a summary); each must return an error
 * and leak nothing (the hook counts what is live). */
#include "testutil.h"
#include "pdfgen.h"

typedef struct counting {
	long fail_at;  /* the allocation number that fails; -1 never */
	long count;    /* allocations so far */
	long live;     /* blocks not yet released */
} counting;

static void *c_alloc(size_t n, void *ctx)
{
	counting *c = ctx;
	if (c->count++ == c->fail_at)
		return NULL;
	void *p = malloc(n);
	c->live += p != NULL;
	return p;
}

static void *c_resize(void *p, size_t n, void *ctx)
{
	counting *c = ctx;
	if (c->count++ == c->fail_at)
		return NULL;
	void *q = realloc(p, n);
	c->live += q && !p;
	return q;
}

static void c_release(void *p, void *ctx)
{
	counting *c = ctx;
	if (p)
		c->live--;
	free(p);
}

static bool every_other(const osc_item *it, osc_section sec, size_t i, void *ctx)
{
	(void)it, (void)sec, (void)ctx;
	return i % 2 == 0;
}

/* The outputs beyond a document's own: the document table, a selection,
 * --history against a digest of the document itself; concatenated into
 * *extra (the allocator's).  False on a failure, which must be ENOMEM. */
static bool extras(const osc_allocator *a, const osc_doc *d, char **extra)
{
	osc_error err = { 0 };
	char *row = NULL, *crow = NULL, *head = NULL, *sel_txt = NULL, *hist = NULL;
	size_t ol;
	osc_doc *sel = NULL, *h = NULL;
	osc_digest *dg = NULL;
	bool ok = osc_render_json_row(d, 0, a, &row, &ol) == OSC_OK &&
		  osc_render_csv_row(d, 0, a, &crow, &ol) == OSC_OK &&
		  osc_csv_row_header(osc_doc_rules(d), a, &head, &ol) == OSC_OK &&
		  (sel = osc_doc_filter(d, every_other, NULL, &err)) &&
		  osc_render_text(sel, OSC_RENDER_LIST, a, &sel_txt, &ol) == OSC_OK &&
		  (dg = osc_digest_new(d, &err)) && (h = osc_doc_with_previous(d, dg, &err)) &&
		  osc_render_json(h, 0, a, &hist, &ol) == OSC_OK;
	if (!ok && err.status)
		assert_int_equal(err.status, OSC_ENOMEM);
	if (ok) {
		size_t all = strlen(row) + strlen(crow) + strlen(head) + strlen(sel_txt) + strlen(hist) + 1;
		*extra = a->alloc(all, a->ctx);
		ok = *extra != NULL;
		if (ok)
			snprintf(*extra, all, "%s%s%s%s%s", row, crow, head, sel_txt, hist);
	}
	osc_free(a, row);
	osc_free(a, crow);
	osc_free(a, head);
	osc_free(a, sel_txt);
	osc_free(a, hist);
	osc_doc_free(h);
	osc_digest_free(dg);
	osc_doc_free(sel);
	return ok;
}

/* Run the whole pipeline; true when it succeeded, its outputs (JSON,
 * text, CSV and the extras) in *got (malloc'd) when got is not NULL.
 * take: the document takes a copy of the text (osc_scan_take), which reads
 * it in place. */
static bool run_out(counting *c, const char *text, size_t len, bool take, char **got)
{
	osc_allocator a = { c_alloc, c_resize, c_release, c };
	osc_error err = { 0 };
	size_t n;
	const char *def = osc_default_rules_text(&n);
	osc_rules *r = osc_rules_parse(def, n, "default", &a, &err);
	if (!r) {
		assert_int_equal(err.status, OSC_ENOMEM);
		return false;
	}
	bool ok = false;
	/* the learned model decides, as in the command */
	osc_model *m = osc_model_default(r, &a, &err);
	if (!m) {
		assert_int_equal(err.status, OSC_ENOMEM);
		osc_rules_free(r);
		return false;
	}
	osc_scanner *s = osc_scanner_new(r, &a, &err);
	if (s && osc_scanner_set_model(s, m) != OSC_OK) {
		osc_scanner_free(s);
		s = NULL;
	}
	if (s) {
		osc_doc *d;
		if (take) {
			/* the copy is the allocator's, to be freed by the
			 * library whatever happens */
			char *own = malloc(len + 1);
			assert_non_null(own);
			memcpy(own, text, len);
			c->live++;
			d = osc_scan_take(s, own, len, "sample", OSC_FORMAT_AUTO, &err);
		} else {
			d = osc_scan(s, text, len, "sample", OSC_FORMAT_AUTO, &err);
		}
		if (d) {
			char *json = NULL, *txt = NULL, *csv = NULL, *sum_json = NULL, *sum_txt = NULL;
			char *sum_csv = NULL, *extra = NULL;
			size_t ol;
			osc_summary *sum = osc_summary_new(r, &a);
			ok = osc_render_json(d, 0, &a, &json, &ol) == OSC_OK &&
			     osc_render_text(d, 0, &a, &txt, &ol) == OSC_OK &&
			     osc_render_csv(d, 0, &a, &csv, &ol) == OSC_OK && sum &&
			     osc_summary_add(sum, d) == OSC_OK &&
			     /* and its record read back (the reduce step) */
			     osc_summary_add_record(sum, json, strlen(json), NULL) == OSC_OK &&
			     osc_render_summary(sum, OSC_SUMMARY_JSON, 0, &a, &sum_json, &ol) == OSC_OK &&
			     osc_render_summary(sum, OSC_SUMMARY_TEXT, 0, &a, &sum_txt, &ol) == OSC_OK &&
			     osc_render_summary(sum, OSC_SUMMARY_CSV, 0, &a, &sum_csv, &ol) == OSC_OK &&
			     extras(&a, d, &extra);
			if (ok) { /* and written as it is made */
				tu_sink k = { 0 };
				osc_writer wr = { tu_sink_write, &k };
				osc_status st = osc_render_json_to(d, 0, &a, &wr);
				if (st != OSC_OK)
					assert_int_equal(st, OSC_ENOMEM);
				ok = st == OSC_OK && k.len == strlen(json) && memcmp(k.data, json, k.len) == 0;
				free(k.data);
			}
			if (ok && got) {
				size_t all = strlen(json) + strlen(txt) + strlen(csv) + strlen(sum_csv) +
					     strlen(extra) + 1;
				*got = malloc(all);
				assert_non_null(*got);
				snprintf(*got, all, "%s%s%s%s%s", json, txt, csv, sum_csv, extra);
			}
			osc_free(&a, sum_csv);
			osc_free(&a, extra);
			osc_free(&a, json);
			osc_free(&a, txt);
			osc_free(&a, csv);
			osc_free(&a, sum_json);
			osc_free(&a, sum_txt);
			osc_summary_free(sum);
			osc_doc_free(d);
		} else {
			assert_int_equal(err.status, OSC_ENOMEM);
		}
		osc_scanner_free(s);
	}
	osc_model_free(m);
	osc_rules_free(r);
	return ok;
}

/* Fail each allocation the scan of `text` makes, one run at a time: each
 * must give an error, or (where the failure was met by a fallback) the same
 * output as a run where nothing failed; never a cut or changed one. */
static void fail_each(const char *text, size_t len, bool take)
{
	counting c = { -1, 0, 0 };
	char *normal = NULL;
	assert_true(run_out(&c, text, len, take, &normal));
	assert_int_equal(c.live, 0);
	if (take) { /* read in place, the same as read from a copy */
		counting c2 = { -1, 0, 0 };
		char *copied = NULL;
		assert_true(run_out(&c2, text, len, false, &copied));
		assert_string_equal(normal, copied);
		free(copied);
	}
	long total = c.count;
	/* how many of those the rules took: they compile first */
	counting rc = { -1, 0, 0 };
	size_t dn;
	const char *def = osc_default_rules_text(&dn);
	osc_allocator a = { c_alloc, c_resize, c_release, &rc };
	osc_rules_free(osc_rules_parse(def, dn, "default", &a, NULL));
	long in_rules = rc.count;
	assert_true(total > in_rules + 50);
	/* sample the rules' allocations, fail every one of the scan's */
	long failures = 0;
	for (long n = 0; n < total; n += n < in_rules ? 37 : 1) {
		counting f = { n, 0, 0 };
		char *got = NULL;
		if (!run_out(&f, text, len, take, &got))
			failures++;
		else if (strcmp(got, normal) != 0)
			fail_msg("allocation %ld failed, yet the run succeeded with another output", n);
		free(got);
		if (f.live != 0)
			fail_msg("allocation %ld failed: %ld blocks leaked", n, f.live);
	}
	free(normal);
	assert_true(failures > 0);
}

static void test_every_allocation_failure(void **state)
{
	(void)state;
	size_t len = 0;
	char *text = tu_slurp("data/samples/sample-letter.txt", &len);
	if (!text)
		skip();
	fail_each(text, len, false);
	fail_each(text, len, true);
	free(text);
}

/* The same for a real letter from the shared corpus, and its PDF. */
static void test_corpus_allocation_failure(void **state)
{
	(void)state;
	const char *corpus = tu_corpus();
	if (!corpus) {
		print_message("SKIP: no shared corpus (../shared/corpus or $SHARED/corpus)\n");
		skip();
	}
	static const char *const files[] = { "letters/fv_bury_2018-08.txt", "pdf/fv_bury_2018-08.pdf" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%s", corpus, files[i]);
		size_t len = 0;
		char *data = tu_slurp(path, &len);
		if (!data)
			fail_msg("%s: not readable", path);
		fail_each(data, len, false);
		if (i == 0)
			fail_each(data, len, true); /* the text read in place */
		free(data);
	}
}

/* The same for HTML (libxml2's own allocations are not counted). */
static void test_html_allocation_failure(void **state)
{
	(void)state;
	size_t len = 0;
	char *html = tu_slurp("data/samples/sample-letter.html", &len);
	if (!html)
		skip();
	fail_each(html, len, false);
	free(html);
}

/* The same for a PDF (poppler's own allocations are GLib's and not
 * counted: GLib aborts when memory runs out). */
static void test_pdf_allocation_failure(void **state)
{
	(void)state;
	tp_pdf *p = tp_new();
	tp_add(p, TP_PARA, "Focused visit to Exampleshire children\xE2\x80\x99s services");
	tp_add(p, TP_HEAD, "What needs to improve?");
	tp_add(p, TP_BULLET, "The timeliness of health assessments for children in care.");
	tp_add(p, TP_HEAD, "Main findings");
	tp_add(p, TP_PARA, "Children are seen often. Their plans are reviewed on time, and "
			   "managers check that actions are completed.");
	size_t len;
	unsigned char *pdf = tp_finish(p, &len);
	fail_each((const char *)pdf, len, false);
	fail_each((const char *)pdf, len, true); /* taken, and let go after reading */
	free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_allocation_failure),
		cmocka_unit_test(test_pdf_allocation_failure),
		cmocka_unit_test(test_html_allocation_failure),
		cmocka_unit_test(test_corpus_allocation_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
