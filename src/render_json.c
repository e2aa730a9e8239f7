/*
 * render_json.c - the JSON record of docs/output-contract.md (schema
 * "ofsted-scan/1"), compact (JSON Lines) or indented.  Output is always valid
 * UTF-8: invalid bytes (file names can hold any) become U+FFFD.
 */
#include "writers.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

typedef struct jw {
	osc_buf b;
	bool pretty;
	int depth;
	bool first;   /* no element yet at this depth */
} jw;

static void jw_newline(jw *w)
{
	if (!w->pretty)
		return;
	osc_buf_addc(&w->b, '\n');
	for (int i = 0; i < w->depth; i++)
		osc_buf_add(&w->b, "  ", 2);
}

static void jw_string(jw *w, const char *s)
{
	osc_json_string(&w->b, s);
}

static void jw_sep(jw *w)
{
	if (!w->first)
		osc_buf_addc(&w->b, ',');
	w->first = false;
	jw_newline(w);
}

/* Keys are the contract's names and theme ids ([a-z0-9_], checked when the
 * rules are read): nothing to escape. */
static void jw_key(jw *w, const char *k)
{
	jw_sep(w);
	size_t kl = strlen(k);
	if (!osc_buf_reserve(&w->b, kl + 4))
		return;
	char *o = w->b.data + w->b.len;
	*o++ = '"';
	memcpy(o, k, kl);
	o += kl;
	*o++ = '"';
	*o++ = ':';
	if (w->pretty)
		*o++ = ' ';
	*o = '\0';
	w->b.len = (size_t)(o - w->b.data);
}

static void jw_open(jw *w, char c)
{
	osc_buf_addc(&w->b, c);
	w->depth++;
	w->first = true;
}

static void jw_close(jw *w, char c)
{
	w->depth--;
	if (!w->first)
		jw_newline(w);
	osc_buf_addc(&w->b, c);
	w->first = false;
}

/* v in decimal at t (room for 20 digits); its length */
static size_t fmt_uint(char *t, unsigned long long v)
{
	char d[20];
	size_t n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		t[i] = d[n - 1 - i];
	return n;
}

static void jw_number(jw *w, double v)
{
	char t[32];
	/* scores: two decimals; the common case without printf */
	if (v >= 0 && v < 1e6) {
		long long c = (long long)(v * 100.0 + 0.5);
		long long ip = c / 100, fp = c % 100;
		size_t n = fmt_uint(t, (unsigned long long)ip);
		if (fp) {
			t[n++] = '.';
			t[n++] = (char)('0' + fp / 10);
			if (fp % 10)
				t[n++] = (char)('0' + fp % 10);
		}
		osc_buf_add(&w->b, t, n);
		return;
	}
	snprintf(t, sizeof t, "%.2f", v);
	/* trim trailing zeros: 2.50 -> 2.5, 3.00 -> 3 */
	size_t n = strlen(t);
	while (n > 1 && t[n - 1] == '0')
		n--;
	if (t[n - 1] == '.')
		n--;
	osc_buf_add(&w->b, t, n);
}

/* A probability or a feature's weight: three decimals, trailing zeros
 * left out. */
static void jw_number3(jw *w, double v)
{
	char t[32];
	size_t n = 0;
	if (v < 0 && v > -1e6 && (long long)(-v * 1000.0 + 0.5) != 0)
		t[n++] = '-', v = -v;
	if (v >= 0 && v < 1e6) {
		long long c = (long long)(v * 1000.0 + 0.5);
		n += fmt_uint(t + n, (unsigned long long)(c / 1000));
		int fp = (int)(c % 1000);
		if (fp) {
			t[n++] = '.';
			char d[3] = { (char)('0' + fp / 100), (char)('0' + fp / 10 % 10),
				      (char)('0' + fp % 10) };
			size_t k = 3;
			while (d[k - 1] == '0')
				k--;
			memcpy(t + n, d, k);
			n += k;
		}
		osc_buf_add(&w->b, t, n);
		return;
	}
	snprintf(t, sizeof t, "%.3f", v < 0 ? -v : v);
	osc_buf_adds(&w->b, t);
}

static void jw_uint(jw *w, unsigned long v)
{
	char t[24];
	osc_buf_add(&w->b, t, fmt_uint(t, v));
}

/* A count where 0 means "none": null. */
static void jw_uint_or_null(jw *w, unsigned long v)
{
	if (v)
		jw_uint(w, v);
	else
		osc_buf_add(&w->b, "null", 4);
}

/* "key": value */
static void jw_kstr(jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_string(w, v);
}

static void jw_kuint(jw *w, const char *k, unsigned long v)
{
	jw_key(w, k);
	jw_uint(w, v);
}

static void jw_bool(jw *w, bool v)
{
	osc_buf_adds(&w->b, v ? "true" : "false");
}

/* "id" and "score" of a theme, in an object being written */
static void jw_theme_score(jw *w, const osc_rules *r, int theme, double score,
			   double probability)
{
	jw_kstr(w, "id", osc_rules_theme_id(r, (size_t)theme));
	jw_key(w, "score");
	jw_number(w, score);
	if (probability >= 0) {
		jw_key(w, "probability");
		jw_number3(w, probability);
	}
}

/* the model's features that weighed most: [{"feature", "value",
 * "contribution"}] */
static void jw_features(jw *w, const osc_feature_weight *f, size_t n)
{
	jw_key(w, "features");
	jw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		bool pretty = w->pretty;
		jw_sep(w);
		w->pretty = false; /* one line each */
		jw_open(w, '{');
		jw_kstr(w, "feature", f[i].feature);
		jw_key(w, "value");
		jw_number3(w, f[i].value);
		jw_key(w, "contribution");
		jw_number3(w, f[i].contribution);
		jw_close(w, '}');
		w->pretty = pretty;
	}
	jw_close(w, ']');
}

/* --explain: {"threshold", "relative", "themes": [{"id", "score",
 * "probability", "verdict", "cut", "features"}], "matches": [{"kind",
 * "text", "rule", "at", "weight", "counted", "theme", "sentence",
 * "suppressed", "negated"}], "polarity": {"sentences", "strength",
 * "concern", "both", "mixed_ratio", "pivot", "rule", "model":
 * {"probabilities", "rules_polarity", "features"}}} (the model's keys only
 * when a model decided) */
static void render_explain(jw *w, const osc_rules *r, const osc_explain *ex)
{
	jw_key(w, "explain");
	jw_open(w, '{');
	jw_key(w, "threshold");
	jw_number(w, ex->threshold);
	jw_key(w, "relative");
	jw_number(w, ex->relative);
	jw_key(w, "themes");
	jw_open(w, '[');
	for (size_t i = 0; i < ex->n_scores; i++) {
		const osc_theme_score *sc = &ex->scores[i];
		jw_sep(w);
		jw_open(w, '{');
		jw_theme_score(w, r, sc->theme, sc->score, sc->probability);
		jw_kstr(w, "verdict", osc_verdict_name(sc->verdict));
		if (sc->probability >= 0) {
			jw_key(w, "cut");
			jw_number3(w, sc->cut);
			jw_features(w, sc->features, sc->n_features);
		}
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "matches");
	jw_open(w, '[');
	for (size_t i = 0; i < ex->n_matches; i++) {
		const osc_match *m = &ex->matches[i];
		char at[300];
		snprintf(at, sizeof at, "%s:%u", m->file ? m->file : "", m->line);
		jw_sep(w);
		jw_open(w, '{');
		jw_kstr(w, "kind", osc_match_kind_name(m->kind));
		jw_kstr(w, "text", m->text);
		jw_kstr(w, "rule", m->rule);
		jw_kstr(w, "at", at);
		jw_key(w, "weight");
		jw_number(w, m->weight);
		if (m->theme >= 0) {
			jw_kstr(w, "theme", osc_rules_theme_id(r, (size_t)m->theme));
		}
		if (m->kind == OSC_MATCH_KIND_THEME) {
			jw_key(w, "counted");
			jw_number(w, m->counted);
		}
		jw_kuint(w, "sentence", m->sentence + 1);
		jw_key(w, "suppressed");
		jw_bool(w, m->flags & OSC_MATCH_FLAG_SUPPRESSED);
		jw_key(w, "negated");
		jw_bool(w, m->flags & OSC_MATCH_FLAG_NEGATED);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "polarity");
	jw_open(w, '{');
	jw_kuint(w, "sentences", ex->sentences);
	jw_kuint(w, "strength", ex->strength_sentences);
	jw_kuint(w, "concern", ex->concern_sentences);
	jw_kuint(w, "both", ex->both_sentences);
	jw_key(w, "mixed_ratio");
	jw_number(w, ex->mixed_ratio);
	jw_key(w, "pivot");
	jw_number(w, ex->pivot);
	jw_kstr(w, "rule", ex->polarity_rule);
	if (ex->model) {
		jw_key(w, "model");
		jw_open(w, '{');
		jw_key(w, "probabilities");
		jw_open(w, '{');
		for (int p = 0; p < OSC_POLARITY_COUNT; p++) {
			jw_key(w, osc_polarity_name((osc_polarity)p));
			jw_number3(w, ex->polarity_probability[p]);
		}
		jw_close(w, '}');
		jw_kstr(w, "rules_polarity", osc_polarity_name(ex->rules_polarity));
		jw_features(w, ex->polarity_features, ex->n_polarity_features);
		jw_close(w, '}');
	}
	jw_close(w, '}');
	jw_close(w, '}');
}

static void render_item(jw *w, const osc_doc *doc, const osc_item *it)
{
	const osc_rules *r = osc_doc_rules(doc);
	jw_sep(w);
	jw_open(w, '{');
	jw_kstr(w, "text", it->text);
	jw_kstr(w, "polarity", osc_polarity_name(it->polarity));
	jw_key(w, "page");
	jw_uint_or_null(w, it->page);
	jw_key(w, "paragraph");
	jw_uint_or_null(w, it->paragraph);
	jw_key(w, "themes");
	jw_open(w, '[');
	for (size_t t = 0; t < it->n_themes; t++) {
		const osc_theme_hit *th = &it->themes[t];
		jw_sep(w);
		jw_open(w, '{');
		jw_theme_score(w, r, th->theme, th->score, th->probability);
		jw_key(w, "evidence");
		jw_open(w, '[');
		for (size_t e = 0; e < th->n_evidence; e++) {
			jw_sep(w);
			jw_string(w, th->evidence[e]);
		}
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
	if (it->explain)
		render_explain(w, r, it->explain);
	jw_close(w, '}');
}

static void render_themes(jw *w, const osc_doc *doc)
{
	const osc_rules *r = osc_doc_rules(doc);
	size_t nt = osc_rules_theme_count(r);
	jw_open(w, '{');
	for (size_t t = 0; t < nt; t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		if (!tl->items)
			continue;
		jw_key(w, osc_rules_theme_id(r, t));
		bool pretty = w->pretty;
		w->pretty = false; /* one line per theme */
		jw_open(w, '{');
		jw_kuint(w, "items", tl->items);
		for (int p = OSC_POLARITY_STRENGTH; p <= OSC_POLARITY_MIXED; p++) {
			jw_kuint(w, osc_polarity_name((osc_polarity)p), tl->by_polarity[p]);
		}
		jw_kuint(w, "neutral", tl->by_polarity[OSC_POLARITY_NEUTRAL]);
		jw_close(w, '}');
		w->pretty = pretty;
	}
	jw_close(w, '}');
}

/* A grade before or after, or null; and the way it went. */
static void jw_grade(jw *w, int g)
{
	if (g < 0)
		osc_buf_add(&w->b, "null", 4);
	else
		jw_string(w, osc_grade_id((osc_grade)g));
}

static const char *grade_change(int before, int after)
{
	if (before < 0)
		return "new";
	if (after < 0)
		return "not_judged";
	/* the grades run from outstanding (0) to inadequate */
	return after < before ? "improved" : after > before ? "declined" : "same";
}

static void jw_theme_list(jw *w, const osc_rules *r, const int *v, size_t n)
{
	jw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		jw_sep(w);
		jw_string(w, osc_rules_theme_id(r, (size_t)v[i]));
	}
	jw_close(w, ']');
}

/* --history: "previous", the comparison with the document before. */
static void render_previous(jw *w, const osc_doc *doc)
{
	const osc_history *h = osc_doc_history(doc);
	const osc_rules *r = osc_doc_rules(doc);
	jw_key(w, "previous");
	if (!h) {
		osc_buf_add(&w->b, "null", 4);
		return;
	}
	jw_open(w, '{');
	jw_kstr(w, "source", h->source);
	jw_kstr(w, "date", h->date);
	jw_kstr(w, "kind", osc_kind_name(h->kind));
	jw_key(w, "judgements");
	jw_open(w, '[');
	for (size_t i = 0; i < h->n_judgements; i++) {
		const osc_judgement_change *c = &h->judgements[i];
		jw_sep(w);
		jw_open(w, '{');
		jw_kstr(w, "area", osc_area_id(c->area));
		jw_key(w, "before");
		jw_grade(w, c->before);
		jw_key(w, "after");
		jw_grade(w, c->after);
		jw_kstr(w, "change", grade_change(c->before, c->after));
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "themes");
	jw_open(w, '{');
	for (size_t i = 0; i < h->n_themes; i++) {
		const osc_theme_change *c = &h->themes[i];
		bool pretty = w->pretty;
		jw_key(w, osc_rules_theme_id(r, (size_t)c->theme));
		w->pretty = false;
		jw_open(w, '{');
		jw_kuint(w, "strengths_before", c->strengths_before);
		jw_kuint(w, "concerns_before", c->concerns_before);
		jw_kuint(w, "strengths_after", c->strengths_after);
		jw_kuint(w, "concerns_after", c->concerns_after);
		jw_close(w, '}');
		w->pretty = pretty;
	}
	jw_close(w, '}');
	jw_key(w, "recurring");
	jw_open(w, '[');
	for (size_t i = 0; i < h->n_recurring; i++) {
		const osc_recurring *c = &h->recurring[i];
		jw_sep(w);
		jw_open(w, '{');
		jw_kstr(w, "section", osc_section_name(c->section));
		jw_kuint(w, "index", c->index);
		jw_kstr(w, "text", c->text);
		jw_kstr(w, "before", c->before);
		jw_key(w, "similarity");
		jw_number3(w, c->similarity);
		jw_key(w, "said");
		jw_bool(w, c->said);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "new_concerns");
	jw_theme_list(w, r, h->new_concerns, h->n_new_concerns);
	jw_key(w, "concerns_not_raised_again");
	jw_theme_list(w, r, h->dropped_concerns, h->n_dropped_concerns);
	jw_close(w, '}');
}

/* "inspectors": [...] */
static void jw_inspectors(jw *w, const osc_doc *doc)
{
	jw_key(w, "inspectors");
	jw_open(w, '[');
	for (size_t i = 0; i < osc_doc_inspector_count(doc); i++) {
		jw_sep(w);
		jw_string(w, osc_doc_inspector(doc, i));
	}
	jw_close(w, ']');
}

static osc_status finish(jw *w, const osc_allocator *a, char **out, size_t *len)
{
	OSC_UNUSED(a);
	if (w->pretty)
		osc_buf_addc(&w->b, '\n');
	*out = osc_buf_steal(&w->b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}

/* The record of doc into w->b. */
static void render(jw *w, const osc_doc *doc)
{
	if (!w->b.sink) {
		/* room for the items' text and their themes at once, not by
		 * doubling */
		size_t guess = 4096;
		for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
			for (size_t i = 0; i < osc_doc_item_count(doc, (osc_section)sec); i++)
				guess += strlen(osc_doc_item(doc, (osc_section)sec, i)->text) + 256;
		osc_buf_reserve(&w->b, guess);
	}
	jw_open(w, '{');
	jw_kstr(w, "schema", OSC_SCHEMA);
	jw_kstr(w, "source", osc_doc_source(doc));
	jw_kstr(w, "input_format", osc_format_name(osc_doc_format(doc)));
	jw_kstr(w, "kind", osc_kind_name(osc_doc_kind(doc)));
	jw_kstr(w, "authority", osc_doc_authority(doc));
	jw_kstr(w, "authority_key", osc_doc_authority_key(doc));
	jw_kstr(w, "date", osc_doc_date(doc));
	jw_key(w, "visit_dates");
	jw_open(w, '[');
	for (size_t i = 0; i < osc_doc_visit_date_count(doc); i++) {
		jw_sep(w);
		jw_string(w, osc_doc_visit_date(doc, i));
	}
	jw_close(w, ']');
	jw_inspectors(w, doc);
	jw_kstr(w, "focus", osc_doc_focus(doc));
	jw_kstr(w, "headline", osc_doc_headline(doc));
	jw_key(w, "judgements");
	jw_open(w, '[');
	for (size_t i = 0; i < osc_doc_judgement_count(doc); i++) {
		const osc_judgement *j = osc_doc_judgement(doc, i);
		jw_sep(w);
		jw_open(w, '{');
		jw_kstr(w, "area", osc_area_id(j->area));
		jw_kstr(w, "grade", osc_grade_id(j->grade));
		jw_close(w, '}');
	}
	jw_close(w, ']');
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		jw_key(w, osc_section_name((osc_section)sec));
		jw_open(w, '[');
		for (size_t i = 0; i < osc_doc_item_count(doc, (osc_section)sec); i++)
			render_item(w, doc, osc_doc_item(doc, (osc_section)sec, i));
		jw_close(w, ']');
	}
	jw_key(w, "themes");
	render_themes(w, doc);
	jw_key(w, "warnings");
	jw_open(w, '[');
	for (size_t i = 0; i < osc_doc_warning_count(doc); i++) {
		jw_sep(w);
		jw_string(w, osc_doc_warning(doc, i));
	}
	jw_close(w, ']');
	if (osc_doc_history_asked(doc))
		render_previous(w, doc);
	jw_close(w, '}');
	if (w->pretty)
		osc_buf_addc(&w->b, '\n');
}

osc_status osc_render_json(const osc_doc *doc, unsigned flags,
			   const osc_allocator *a, char **out, size_t *len)
{
	if (!doc || !out)
		return OSC_EINVAL;
	jw w = { .pretty = (flags & OSC_RENDER_PRETTY) != 0, .first = true };
	osc_buf_init(&w.b, a);
	render(&w, doc);
	*out = osc_buf_steal(&w.b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}

osc_status osc_render_json_to(const osc_doc *doc, unsigned flags,
			      const osc_allocator *a, const osc_writer *out)
{
	if (!doc || !out || !out->write)
		return OSC_EINVAL;
	jw w = { .pretty = (flags & OSC_RENDER_PRETTY) != 0, .first = true };
	osc_buf_init(&w.b, a);
	if (osc_buf_set_sink(&w.b, out))
		render(&w, doc);
	return osc_buf_finish_sink(&w.b);
}

osc_status osc_render_json_error(const char *source, const char *message,
				 unsigned flags, const osc_allocator *a,
				 char **out, size_t *len)
{
	if (!out)
		return OSC_EINVAL;
	jw w = { .pretty = (flags & OSC_RENDER_PRETTY) != 0, .first = true };
	osc_buf_init(&w.b, a);
	jw_open(&w, '{');
	jw_kstr(&w, "schema", OSC_SCHEMA);
	jw_kstr(&w, "source", source ? source : "-");
	jw_kstr(&w, "error", message ? message : "error");
	jw_close(&w, '}');
	return finish(&w, a, out, len);
}

/* ---- --documents: one record per document -------------------------------- */

osc_status osc_render_json_row(const osc_doc *doc, unsigned flags,
			       const osc_allocator *a, char **out, size_t *len)
{
	if (!doc || !out || !len)
		return OSC_EINVAL;
	const osc_rules *r = osc_doc_rules(doc);
	jw w = { .pretty = (flags & OSC_RENDER_PRETTY) != 0, .first = true };
	osc_buf_init(&w.b, a);
	jw_open(&w, '{');
	jw_kstr(&w, "schema", OSC_SCHEMA);
	jw_kstr(&w, "record", "document");
	jw_kstr(&w, "source", osc_doc_source(doc));
	jw_kstr(&w, "kind", osc_kind_name(osc_doc_kind(doc)));
	jw_kstr(&w, "authority_key", osc_doc_authority_key(doc));
	jw_kstr(&w, "authority", osc_doc_authority(doc));
	jw_kstr(&w, "date", osc_doc_date(doc));
	size_t nv = osc_doc_visit_date_count(doc);
	jw_kstr(&w, "first_visit", nv ? osc_doc_visit_date(doc, 0) : NULL);
	jw_kstr(&w, "last_visit", nv ? osc_doc_visit_date(doc, nv - 1) : NULL);
	jw_inspectors(&w, doc);
	jw_kstr(&w, "focus", osc_doc_focus(doc));
	jw_key(&w, "judgements");
	jw_open(&w, '{');
	for (int ar = 0; ar <= OSC_AREA_ADOPTION; ar++) {
		const char *g = osc_doc_grade_id(doc, (osc_area)ar);
		if (g) {
			jw_kstr(&w, osc_area_id((osc_area)ar), g);
		}
	}
	jw_close(&w, '}');
	jw_kstr(&w, "headline", osc_doc_headline(doc));
	jw_key(&w, "items");
	jw_open(&w, '{');
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		jw_kuint(&w, osc_section_name((osc_section)sec), osc_doc_item_count(doc, (osc_section)sec));
	}
	size_t by_pol[OSC_POLARITY_COUNT];
	osc_doc_polarity_counts(doc, by_pol);
	jw_close(&w, '}');
	jw_key(&w, "polarity");
	jw_open(&w, '{');
	for (int p = OSC_POLARITY_STRENGTH; p <= OSC_POLARITY_MIXED; p++) {
		jw_kuint(&w, osc_polarity_name((osc_polarity)p), by_pol[p]);
	}
	jw_kuint(&w, "neutral", by_pol[OSC_POLARITY_NEUTRAL]);
	jw_close(&w, '}');
	jw_key(&w, "themes");
	jw_open(&w, '{');
	for (size_t t = 0; t < osc_rules_theme_count(r); t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		if (!tl->items)
			continue;
		jw_key(&w, osc_rules_theme_id(r, t));
		jw_open(&w, '{');
		jw_kuint(&w, "items", tl->items);
		jw_kuint(&w, "concerns", tl->by_polarity[OSC_POLARITY_CONCERN]);
		jw_kuint(&w, "strengths", tl->by_polarity[OSC_POLARITY_STRENGTH]);
		jw_close(&w, '}');
	}
	jw_close(&w, '}');
	jw_kuint(&w, "warnings", osc_doc_warning_count(doc));
	if (osc_doc_history_asked(doc))
		render_previous(&w, doc);
	jw_close(&w, '}');
	return finish(&w, a, out, len);
}
