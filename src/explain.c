/*
 * explain.c - the record of why an item got its themes and polarity
 * (osc_scanner_set_explain): every match, each theme's score and verdict,
 * the per-sentence tally and the rule that decided.
 */
#include "classify_internal.h"

#include <math.h>
#include <string.h>

osc_status osc_build_explain(osc_classifier *c, osc_arena *ar, const char *text,
				const ranked *all, size_t n_all, const osc_verdict *verdict,
				const tally *t, osc_item *item)
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
		sc[k] = (osc_theme_score){ all[k].theme, round(all[k].score * 100) / 100, verdict[k] };
	*ex = (osc_explain){ c->n_hits, m, n_all, sc, r->threshold, r->relative,
			     (unsigned)c->n_sent, t->strength, t->concern, t->both,
			     r->mixed_ratio, r->pivot, t->rule };
	item->explain = ex;
	return OSC_OK;
}
