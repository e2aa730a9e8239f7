/* test_model.c - the learned model (src/model.c, src/feature.c): the
 * default one loads and decides; a file that is not a model, a damaged or
 * truncated one, another format or features version, or a model of another
 * taxonomy is refused with a message naming it; the scanner refuses a
 * model of other rules. */
#include "testutil.h"

#include "model.h"

extern const char osc_default_model[];
extern const size_t osc_default_model_len;

/* A copy of the default model's bytes, changed by the caller; its checksum
 * made right again when `fix` is set. */
static unsigned char *copy_model(size_t *len)
{
	*len = osc_default_model_len;
	unsigned char *b = malloc(*len);
	assert_non_null(b);
	memcpy(b, osc_default_model, *len);
	return b;
}

static void fix_checksum(unsigned char *b, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i + 4 < len; i++)
		h = (h ^ b[i]) * 16777619u;
	b[len - 4] = (unsigned char)h, b[len - 3] = (unsigned char)(h >> 8);
	b[len - 2] = (unsigned char)(h >> 16), b[len - 1] = (unsigned char)(h >> 24);
}

static void refused(const unsigned char *b, size_t len, const char *why)
{
	osc_error err = { 0 };
	osc_model *m = osc_model_load(b, len, "my.model", tu_rules(), NULL, &err);
	assert_null(m);
	assert_int_equal(err.status, OSC_EFORMAT);
	assert_non_null(strstr(err.message, "model my.model: "));
	if (!strstr(err.message, why))
		fail_msg("'%s' does not say '%s'", err.message, why);
}

static void test_default_loads(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_model *m = osc_model_default(tu_rules(), NULL, &err);
	assert_non_null(m);
	assert_int_equal(osc_model_theme_count(m), osc_rules_theme_count(tu_rules()));
	assert_int_equal(m->n_out, osc_model_theme_count(m) + OSC_POLARITY_COUNT);
	for (size_t k = 0; k < m->n_themes; k++)
		assert_true(m->cut[k] > 0 && m->cut[k] < 1);
	osc_model_free(m);
	assert_null(osc_model_load(NULL, 0, "x", tu_rules(), NULL, &err));
	assert_int_equal(err.status, OSC_EINVAL);
}

static void test_bad_files(void **state)
{
	(void)state;
	refused((const unsigned char *)"hello, world\n", 13, "not an ofsted-scan model");
	refused((const unsigned char *)"OSC", 3, "not an ofsted-scan model");
	size_t len;
	unsigned char *b = copy_model(&len);
	refused(b, len - 100, "checksum");   /* truncated */
	b[len / 2] ^= 0x40;                  /* a byte changed */
	refused(b, len, "checksum");
	free(b);
	b = copy_model(&len);
	b[8] = 9;                            /* format 9 */
	fix_checksum(b, len);
	refused(b, len, "format 9");
	b[8] = OSC_MODEL_FORMAT;
	b[12] = 99;                          /* features version 99 */
	fix_checksum(b, len);
	refused(b, len, "features version 99");
	b[12] = OSC_FEATURES_VERSION;
	b[20] = 3;                           /* outputs that do not add up */
	fix_checksum(b, len);
	refused(b, len, "bad header");
	free(b);
	/* the weights cut short, the checksum right: the rows it promises are
	 * not there */
	b = copy_model(&len);
	size_t cut = len - 1000;
	memcpy(b + cut - 4, b + len - 4, 4);
	fix_checksum(b, cut);
	refused(b, cut, "truncated");
	free(b);
}

/* A model trained for other themes does not go with these rules; with
 * rules that extend the default ones it does (the new theme keeps the
 * rules' verdict). */
static void test_other_taxonomy(void **state)
{
	(void)state;
	const char *mine = "[theme finance]\nlabel = Money\nphrase 3 = budget overspend\n";
	osc_error err = { 0 };
	osc_rules *other = osc_rules_parse(mine, strlen(mine), "mine.rules", NULL, &err);
	assert_non_null(other);
	osc_model *m = osc_model_default(other, NULL, &err);
	assert_null(m);
	assert_int_equal(err.status, OSC_EFORMAT);
	assert_non_null(strstr(err.message, "a theme that the taxonomy does not"));
	osc_rules *ext = osc_rules_extend(tu_rules(), mine, strlen(mine), "mine.rules", NULL, &err);
	assert_non_null(ext);
	m = osc_model_default(ext, NULL, &err);
	assert_non_null(m);
	assert_int_equal(m->theme_out[osc_rules_theme_index(ext, "finance")], -1);
	/* a scanner of the default rules takes no model of other rules */
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	assert_int_equal(osc_scanner_set_model(s, m), OSC_EINVAL);
	assert_int_equal(osc_scanner_set_model(s, NULL), OSC_OK);
	osc_scanner_free(s);
	/* with the extended rules, the new theme is decided by its rules */
	s = osc_scanner_new(ext, NULL, &err);
	assert_int_equal(osc_scanner_set_model(s, m), OSC_OK);
	const char *text = "Dear X\nThis letter summarises a focused visit.\nFindings\n"
			   "There is a budget overspend on placements this year.\n";
	osc_doc *d = osc_scan(s, text, strlen(text), "t", OSC_FORMAT_TEXT, &err);
	assert_non_null(d);
	const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, 0);
	bool finance = false;
	for (size_t k = 0; k < it->n_themes; k++)
		if (it->themes[k].theme == osc_rules_theme_index(ext, "finance")) {
			finance = true;
			assert_true(it->themes[k].probability < 0); /* the rules decided */
		}
	assert_true(finance);
	osc_doc_free(d);
	osc_scanner_free(s);
	osc_model_free(m);
	osc_rules_free(ext);
	osc_rules_free(other);
}

/* With the model, each theme carries its probability, at or above its cut;
 * --explain gives the model's side: probabilities, cuts, the features that
 * weighed most, the polarities' probabilities adding up to one. */
static void test_decides_and_explains(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_model *m = osc_model_default(tu_rules(), NULL, &err);
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	osc_scanner_set_explain(s, true);
	assert_int_equal(osc_scanner_set_model(s, m), OSC_OK);
	const char *text = "Dear X\nThis letter summarises a focused visit.\nFindings\n"
			   "Too many children wait too long for their initial health assessments, "
			   "and dental checks are not followed up.\n";
	osc_doc *d = osc_scan(s, text, strlen(text), "t", OSC_FORMAT_TEXT, &err);
	assert_non_null(d);
	const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, 0);
	assert_int_equal(it->polarity, OSC_POLARITY_CONCERN);
	assert_true(tu_has_theme(d, it, "health"));
	const osc_explain *ex = it->explain;
	assert_true(ex->model);
	double sum = 0;
	for (int p = 0; p < OSC_POLARITY_COUNT; p++)
		sum += ex->polarity_probability[p];
	assert_true(sum > 0.99 && sum < 1.01);
	assert_true(ex->polarity_probability[OSC_POLARITY_CONCERN] > 0.5);
	assert_true(ex->n_polarity_features > 0);
	for (size_t k = 0; k < it->n_themes; k++) {
		const osc_theme_hit *th = &it->themes[k];
		assert_true(th->probability >= 0 && th->probability <= 1);
	}
	bool seen_health = false;
	for (size_t k = 0; k < ex->n_scores; k++) {
		const osc_theme_score *sc = &ex->scores[k];
		assert_true(sc->probability >= 0);
		assert_true(sc->n_features > 0 && sc->n_features <= 6);
		/* largest first */
		for (size_t j = 1; j < sc->n_features; j++)
			assert_true(fabs(sc->features[j - 1].contribution) >=
				    fabs(sc->features[j].contribution));
		if (sc->theme == osc_rules_theme_index(tu_rules(), "health")) {
			seen_health = true;
			assert_int_equal(sc->verdict, OSC_VERDICT_KEPT);
			assert_true(sc->probability >= sc->cut);
		}
		if (sc->verdict == OSC_VERDICT_MODEL_BELOW_CUT)
			assert_true(sc->probability < sc->cut);
	}
	assert_true(seen_health);
	osc_doc_free(d);
	osc_scanner_free(s);
	osc_model_free(m);
}

/* An item's words are read two ways: kept with their text (--explain, the
 * trainer) or hashed alone as they are read (every other item).  Both
 * must give the same decisions, stems and apostrophes included. */
/* An item's words are read two ways: kept with their text (--explain, the
 * trainer) or hashed alone as they are read (every other item).  Both
 * must give the same decisions, stems and apostrophes included. */
static void test_explained_and_plain_agree(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_model *m = osc_model_default(tu_rules(), NULL, &err);
	const char *text = "Dear X\nThis letter summarises a focused visit.\nFindings\n"
			   "Families\xE2\x80\x99 needs are assessed, and assessing workers\xE2\x80\x99 "
			   "caseloads is routine; children's plans and reviews are timely.\n\n"
			   "Managers' oversight varies: some audits lacked rigour, and the agency's "
			   "studies of its services are late.\n";
	char got[2][1024];
	for (int explain = 0; explain < 2; explain++) {
		osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
		osc_scanner_set_explain(s, explain);
		assert_int_equal(osc_scanner_set_model(s, m), OSC_OK);
		osc_doc *d = osc_scan(s, text, strlen(text), "t", OSC_FORMAT_TEXT, &err);
		assert_non_null(d);
		size_t n = 0, nf = osc_doc_item_count(d, OSC_SECTION_FINDINGS);
		assert_int_equal(nf, 2);
		for (size_t i = 0; i < nf; i++) {
			const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, i);
			n += (size_t)snprintf(got[explain] + n, sizeof got[explain] - n, "%s:",
					      osc_polarity_name(it->polarity));
			for (size_t k = 0; k < it->n_themes; k++)
				n += (size_t)snprintf(got[explain] + n, sizeof got[explain] - n,
						      "%s %.3f;", osc_rules_theme_id(tu_rules(),
						      (size_t)it->themes[k].theme), it->themes[k].probability);
		}
		osc_doc_free(d);
		osc_scanner_free(s);
	}
	assert_string_equal(got[0], got[1]);
	osc_model_free(m);
}

/* The same features accumulate to the same decision whether they are added
 * as they are found or kept and summed after. */
static void test_accumulate_equals_sum(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_model *m = osc_model_default(tu_rules(), NULL, &err);
	osc_fvec f;
	osc_fvec_init(&f, NULL, true, false);
	f.v = malloc(3 * sizeof *f.v);
	f.cap = 3;
	f.n = 3;
	/* any three hashes the model has */
	size_t found = 0;
	for (size_t s = 0; s <= m->mask && found < 3; s++) {
		const unsigned char *e = osc_model_entry(m, s);
		uint32_t h;
		float rs;
		memcpy(&h, e, 4);
		memcpy(&rs, e + 4, 4);
		if (rs != 0)
			f.v[found++] = (osc_feature){ h, 0.5f + (float)found };
	}
	assert_int_equal(found, 3);
	float a[64], b[64];
	osc_model_predict(m, &f, a);
	float acc[64] = { 0 };
	for (size_t i = 0; i < 3; i++)
		osc_model_add_row(m, osc_model_row(m, f.v[i].hash), f.v[i].value, acc);
	for (size_t o = 0; o < m->n_out; o++) {
		b[o] = acc[o] + m->bias[o];
		assert_true(fabsf(a[o] - b[o]) < 1e-4f);
	}
	/* one feature of value 1: the decision is its weight and the bias */
	f.n = 1;
	f.v[0].value = 1;
	osc_model_predict(m, &f, a);
	for (size_t o = 0; o < m->n_out; o++)
		assert_true(fabsf(a[o] - m->bias[o] - osc_model_weight(m, f.v[0].hash, o)) < 1e-4f);
	/* a feature the model has not: no row, no weight */
	uint32_t absent = 0;
	while (osc_model_row(m, absent))
		absent++;
	assert_true(osc_model_weight(m, absent, 0) == 0);
	osc_fvec_free(&f);
	osc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_loads),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_other_taxonomy),
		cmocka_unit_test(test_decides_and_explains),
		cmocka_unit_test(test_accumulate_equals_sum),
		cmocka_unit_test(test_explained_and_plain_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
