/*
 * explain.c - the record of why an item got its themes and polarity
 * (osc_scanner_set_explain): every match, each theme's score and verdict,
 * the per-sentence tally and the rule that decided; with a model, each
 * theme's probability against its cut, the polarities' probabilities, and
 * the features that weighed most in each decision.
 */
#include "model.h"

#include <math.h>
#include <string.h>

/* The features that weighed most for output o, either way, largest first
 * (a feature that comes more than once counted once, its values added). */
#define TOP_FEATURES 6

static bool top_features(const osc_classifier *c, osc_arena *ar, size_t o,
			 const osc_feature_weight **out, size_t *n_out)
{
	const osc_fvec *f = c->fv;
	osc_feature_weight best[TOP_FEATURES];
	size_t nb = 0;
	for (size_t i = 0; i < f->n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = f->v[j].hash == f->v[i].hash;
		if (seen)
			continue;
		double v = 0;
		for (size_t j = i; j < f->n; j++)
			if (f->v[j].hash == f->v[i].hash)
				v += f->v[j].value;
		double w = osc_model_weight(c->model, f->v[i].hash, o) * v;
		if (w == 0)
			continue;
		size_t at = nb;
		while (at > 0 && fabs(best[at - 1].contribution) < fabs(w))
			at--;
		if (at >= TOP_FEATURES)
			continue;
		if (nb < TOP_FEATURES)
			nb++;
		memmove(best + at + 1, best + at, (nb - 1 - at) * sizeof *best);
		best[at] = (osc_feature_weight){ f->name ? f->name[i] : "?", round(v * 1000) / 1000,
						 round(w * 1000) / 1000 };
	}
	osc_feature_weight *fw = osc_arena_alloc(ar, (nb ? nb : 1) * sizeof *fw);
	if (!fw)
		return false;
	for (size_t k = 0; k < nb; k++) {
		fw[k] = best[k];
		if (!(fw[k].feature = osc_arena_strdup(ar, best[k].feature)))
			return false;
	}
	*out = fw;
	*n_out = nb;
	return true;
}

/* The model's side of the record. */
static osc_status explain_model(osc_classifier *c, osc_arena *ar, const ranked *all,
				size_t n_all, osc_polarity chosen, osc_theme_score *sc,
				osc_explain *ex)
{
	const osc_model *m = c->model;
	for (size_t k = 0; k < n_all; k++) {
		int o = m->theme_out[all[k].theme];
		if (o < 0)
			continue;
		sc[k].probability = round(c->prob[k] * 1000) / 1000;
		sc[k].cut = round(m->cut[o] * 1000) / 1000;
		if (!top_features(c, ar, (size_t)o, &sc[k].features, &sc[k].n_features))
			return OSC_ENOMEM;
	}
	double sum = 0, p[OSC_POLARITY_COUNT];
	for (size_t i = 0; i < OSC_POLARITY_COUNT; i++)
		sum += p[i] = osc_sigmoid(c->out[m->n_themes + i]);
	for (size_t i = 0; i < OSC_POLARITY_COUNT; i++)
		ex->polarity_probability[i] = round(p[i] / sum * 1000) / 1000;
	ex->model = true;
	return top_features(c, ar, m->n_themes + (size_t)chosen, &ex->polarity_features,
			    &ex->n_polarity_features) ? OSC_OK : OSC_ENOMEM;
}

osc_status osc_build_explain(osc_classifier *c, osc_arena *ar, const char *text,
			     const ranked *all, size_t n_all, const osc_verdict *verdict,
			     const tally *t, osc_polarity rules_pol, osc_item *item)
{
	const osc_rules *r = c->r;
	osc_explain *ex = osc_arena_alloc(ar, sizeof *ex);
	osc_match *m = osc_arena_alloc(ar, (c->n_hits ? c->n_hits : 1) * sizeof *m);
	osc_theme_score *sc = osc_arena_alloc(ar, (n_all ? n_all : 1) * sizeof *sc);
	if (!ex || !m || !sc)
		return OSC_ENOMEM;
	static const osc_match_kind kinds[] = {
		[R_THEME] = OSC_MATCH_KIND_THEME, [R_EXCLUDE] = OSC_MATCH_KIND_EXCLUDE,
		[R_STRENGTH] = OSC_MATCH_KIND_STRENGTH, [R_CONCERN] = OSC_MATCH_KIND_CONCERN,
		[R_CONTRAST] = OSC_MATCH_KIND_CONTRAST, [R_NEGATOR] = OSC_MATCH_KIND_NEGATOR,
		[R_NEUTRAL] = OSC_MATCH_KIND_NEUTRAL,
	};
	for (size_t i = 0; i < c->n_hits; i++) {
		const hit *h = &c->hits[i];
		const rule *ru = &r->rules[h->rule];
		const char *tx = osc_arena_strndup(ar, text + h->start, h->end - h->start);
		if (!tx)
			return OSC_ENOMEM;
		unsigned fl = (h->dead ? OSC_MATCH_FLAG_SUPPRESSED : 0) |
			      (h->negated ? OSC_MATCH_FLAG_NEGATED : 0);
		m[i] = (osc_match){ kinds[ru->kind],
				    ru->kind == R_THEME || ru->kind == R_EXCLUDE ? ru->theme : -1,
				    ru->weight, round(h->counted * 100) / 100, fl, h->sentence,
				    tx, ru->src, ru->file, ru->line };
	}
	for (size_t k = 0; k < n_all; k++)
		sc[k] = (osc_theme_score){ all[k].theme, round(all[k].score * 100) / 100, verdict[k],
					   -1, -1, 0, NULL };
	*ex = (osc_explain){ c->n_hits, m, n_all, sc, r->threshold, r->relative,
			     (unsigned)c->n_sent, t->strength, t->concern, t->both,
			     r->mixed_ratio, r->pivot, t->rule, false, { 0 }, 0, NULL, rules_pol };
	item->explain = ex;
	return c->model ? explain_model(c, ar, all, n_all, item->polarity, sc, ex) : OSC_OK;
}
