/*
 * classify.c - tag an item with themes and a polarity: the classifier's
 * state, the theme scores and cuts, and the evidence; matching is in
 * match.c, polarity in polarity.c, the explanation in explain.c.
 *
 * Matching: every phrase of every rule is found (see osc_match_find).  A match
 * inside a longer match of its class is dropped (the longer phrase is the
 * more specific), and a theme's matches inside one of its exclusions too.
 *
 * Themes: a theme's score is the sum of its matches' weights, more in the
 * item's first sentence, less for each repeat; in a long item the passing
 * mentions beyond the strongest count less.  A theme is kept when its score
 * reaches the threshold, it has an anchor (a match of at least the anchor
 * weight) and it is not a passing mention far below the item's main theme
 * (unless a decisive phrase names it); at most max-themes, highest first.
 *
 * Polarity: cues are weighed per sentence; a negator a word or two before a
 * cue turns it ("not timely", "without delay").  Each sentence leans to
 * strength or concern, or both when a contrast joins real cues of each.
 * An item with sentences both ways is mixed when the minority side is at
 * least mixed-ratio of the majority, or when a sentence of the minority
 * turns on a contrast with cues of at least pivot; improvement points are
 * concerns unless their words are clearly positive.  docs/design.md has
 * the reasoning.
 */
#include "model.h"

#include <stdint.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

osc_classifier *osc_classifier_new(const osc_rules *r, const osc_allocator *a)
{
	a = osc_alloc_or_default(a);
	osc_classifier *c = osc_zalloc(a, sizeof *c);
	if (!c)
		return NULL;
	c->r = r;
	c->a = a;
	c->gctx = pcre2_general_context_create(osc_pcre_alloc, osc_pcre_release, (void *)a);
	if (c->gctx)
		c->md = pcre2_match_data_create(1, c->gctx);
	if (c->gctx)
		c->mc = pcre2_match_context_create(c->gctx);
	size_t nt = r->n_themes ? r->n_themes : 1;
	c->score = osc_malloc(a, nt * sizeof *c->score);
	c->count = osc_malloc(a, nt * sizeof *c->count);
	c->rank = osc_malloc(a, nt * sizeof *c->rank);
	c->anchored = osc_malloc(a, nt * sizeof *c->anchored);
	c->best = osc_malloc(a, nt * sizeof *c->best);
	c->decisive = osc_malloc(a, nt * sizeof *c->decisive);
	c->verdict = osc_malloc(a, nt * sizeof *c->verdict);
	c->slot = osc_malloc(a, nt * sizeof *c->slot);
	c->evslot = osc_malloc(a, nt * sizeof *c->evslot);
	c->id_hash = osc_malloc(a, nt * sizeof *c->id_hash);
	c->t_first = osc_malloc(a, 3 * nt * sizeof *c->t_first);
	if (!c->gctx || !c->md || !c->mc || !c->score || !c->count || !c->rank ||
	    !c->anchored || !c->best || !c->decisive || !c->verdict || !c->slot || !c->evslot ||
	    !c->id_hash || !c->t_first) {
		osc_classifier_free(c);
		return NULL;
	}
	c->t_sents = c->t_first + nt;
	c->t_last = c->t_first + 2 * nt;
	for (size_t t = 0; t < r->n_themes; t++)
		c->id_hash[t] = osc_feature_id_hash(r->themes[t].id);
	pcre2_set_callout(c->mc, osc_match_on_callout, c);
	pcre2_set_match_limit(c->mc, OSC_MATCH_LIMIT);
	pcre2_set_depth_limit(c->mc, OSC_DEPTH_LIMIT);
	return c;
}

void osc_classifier_free(osc_classifier *c)
{
	if (!c)
		return;
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mc);
	pcre2_general_context_free(c->gctx);
	osc_free(c->a, c->hits);
	osc_free(c->a, c->merge);
	osc_free(c->a, c->score);
	osc_free(c->a, c->count);
	osc_free(c->a, c->rank);
	osc_free(c->a, c->anchored);
	osc_free(c->a, c->best);
	osc_free(c->a, c->decisive);
	osc_free(c->a, c->sent);
	osc_free(c->a, c->verdict);
	osc_free(c->a, c->slot);
	osc_free(c->a, c->evslot);
	osc_free(c->a, c->intern);
	osc_free(c->a, c->evspan);
	osc_free(c->a, c->words_v);
	osc_free(c->a, c->word_h);
	osc_free(c->a, c->id_hash);
	osc_free(c->a, c->t_first);
	if (c->fv)
		osc_fvec_free(c->fv);
	osc_free(c->a, c->fv);
	osc_free(c->a, c->out);
	osc_free(c->a, c->prob);
	osc_free(c->a, c);
}

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->theme - y->theme;
}

/* a[0, n) and b[0, n) are the same but for ASCII case */
static bool same_ci(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z'))
			return false;
	}
	return true;
}

void osc_classifier_begin(osc_classifier *c, osc_arena *ar)
{
	c->intern_ar = ar;
	c->n_intern = 0;
	if (c->cap_intern)
		memset(c->intern, 0, c->cap_intern * sizeof *c->intern);
}

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* s[0, n) as a string of the arena: the document's own copy of it, made
 * once (osc_classifier_begin), or a new one for another arena. */
static const char *evidence_string(osc_classifier *c, osc_arena *ar, const char *s, size_t n)
{
	if (ar != c->intern_ar || n > UINT32_MAX)
		return osc_arena_strndup(ar, s, n);
	if (2 * (c->n_intern + 1) > c->cap_intern) { /* at most half full */
		size_t ncap = c->cap_intern ? 2 * c->cap_intern : 256;
		struct interned *t = osc_zalloc(c->a, ncap * sizeof *t);
		if (!t)
			return NULL;
		for (size_t i = 0; i < c->cap_intern; i++) {
			const struct interned *e = &c->intern[i];
			if (!e->s)
				continue;
			size_t k = e->hash & (ncap - 1);
			while (t[k].s)
				k = (k + 1) & (ncap - 1);
			t[k] = *e;
		}
		osc_free(c->a, c->intern);
		c->intern = t;
		c->cap_intern = ncap;
	}
	uint32_t h = fnv1a(s, n);
	size_t k = h & (c->cap_intern - 1);
	for (; c->intern[k].s; k = (k + 1) & (c->cap_intern - 1)) {
		const struct interned *e = &c->intern[k];
		if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0)
			return e->s;
	}
	const char *str = osc_arena_strndup(ar, s, n);
	if (str) {
		c->intern[k] = (struct interned){ str, (uint32_t)n, h };
		c->n_intern++;
	}
	return str;
}

/* Each kept theme's evidence: its live matches' texts, first occurrence
 * of each (compared without case), in text order.  One pass over the hits,
 * then each theme's strings; false on allocation failure. */
static bool collect_evidence(osc_classifier *c, osc_arena *ar, const char *text,
			     const ranked *top, size_t nt, size_t kept, osc_item *item)
{
	osc_theme_hit *th = osc_arena_alloc(ar, kept * sizeof *th);
	if (!th || !osc_grow(c->a, (void **)&c->evspan, &c->cap_evspan, c->n_hits + 1, sizeof *c->evspan))
		return false;
	size_t out = 0, base = 0;
	for (size_t k = 0; k < nt; k++)
		c->slot[top[k].theme] = -1;
	for (size_t k = 0; k < nt; k++) {
		if (c->verdict[k] != OSC_VERDICT_KEPT)
			continue;
		int t = top[k].theme;
		double p = c->model ? c->prob[k] : -1;
		th[out] = (osc_theme_hit){ t, round(top[k].score * 100) / 100,
					   p < 0 ? -1 : round(p * 1000) / 1000, 0, NULL };
		c->evslot[out] = (struct evslot){ base };
		base += c->count[t];
		c->slot[t] = (int)out++;
	}
	for (size_t i = 0; i < c->n_hits; i++) {
		const hit *h = &c->hits[i];
		if (h->dead || h->kind != R_THEME || c->slot[h->theme] < 0)
			continue;
		size_t s = (size_t)c->slot[h->theme], n = h->end - h->start;
		osc_theme_hit *x = &th[s];
		const hit **sp = c->evspan + c->evslot[s].base;
		bool dup = false;
		for (size_t e = 0; e < x->n_evidence && !dup; e++)
			dup = sp[e]->end - sp[e]->start == n &&
			      same_ci(text + sp[e]->start, text + h->start, n);
		if (!dup)
			sp[x->n_evidence++] = h;
	}
	for (size_t s = 0; s < kept; s++) {
		osc_theme_hit *x = &th[s];
		const hit **sp = c->evspan + c->evslot[s].base;
		const char **ev = osc_arena_alloc(ar, (x->n_evidence ? x->n_evidence : 1) * sizeof *ev);
		if (!ev)
			return false;
		for (size_t e = 0; e < x->n_evidence; e++)
			if (!(ev[e] = evidence_string(c, ar, text + sp[e]->start,
						      sp[e]->end - sp[e]->start)))
				return false;
		x->evidence = ev;
	}
	item->themes = th;
	item->n_themes = kept;
	return true;
}

/* The model's decisions over the rules' candidates (the themes with a
 * match, ranked): a theme it has an output for is kept when its probability
 * reaches the theme's cut, the others keep the rules' verdict, at most
 * max-themes in all; the polarity is the likeliest.  Returns the themes
 * kept. */
static size_t model_decides(osc_classifier *c, const ranked *top, size_t nt,
			    osc_polarity *pol)
{
	const osc_model *m = c->model;
	osc_model_predict(m, c->fv, c->out);
	size_t kept = 0;
	for (size_t k = 0; k < nt; k++) {
		int o = m->theme_out[top[k].theme];
		c->prob[k] = -1;
		if (o >= 0) {
			c->prob[k] = osc_sigmoid(c->out[o]);
			c->verdict[k] = c->prob[k] >= m->cut[o] ? OSC_VERDICT_KEPT
								: OSC_VERDICT_MODEL_BELOW_CUT;
		} else if (c->verdict[k] == OSC_VERDICT_OVER_MAX) {
			c->verdict[k] = OSC_VERDICT_KEPT; /* counted again below */
		}
		if (c->verdict[k] == OSC_VERDICT_KEPT && kept++ >= (size_t)c->r->max_themes) {
			c->verdict[k] = OSC_VERDICT_OVER_MAX;
			kept--;
		}
	}
	size_t best = 0;
	for (size_t p = 1; p < OSC_POLARITY_COUNT; p++)
		if (c->out[m->n_themes + p] > c->out[m->n_themes + best])
			best = p;
	*pol = (osc_polarity)best;
	return kept;
}

bool osc_classifier_set_model(osc_classifier *c, const osc_model *m)
{
	c->model = NULL;
	if (!m)
		return true;
	size_t nt = c->r->n_themes ? c->r->n_themes : 1;
	if (!c->fv) {
		c->fv = osc_malloc(c->a, sizeof *c->fv);
		if (!c->fv)
			return false;
		osc_fvec_init(c->fv, c->a, c->explain, c->explain);
	}
	float *acc = osc_realloc(c->a, c->fv->acc, m->stride * sizeof *acc);
	if (!acc)
		return false;
	c->fv->acc = acc;
	float *out = osc_realloc(c->a, c->out, m->n_out * sizeof *c->out);
	if (out)
		c->out = out;
	double *prob = osc_realloc(c->a, c->prob, nt * sizeof *c->prob);
	if (prob)
		c->prob = prob;
	if (!out || !prob)
		return false;
	osc_model_attach(c->fv, m);
	c->model = m;
	return true;
}

/* What the rules make of an item: its hits, its themes ranked with their
 * verdicts (in c->rank and c->verdict: *nt of them, *kept kept), its
 * polarity and tally.  False when out of memory. */
static bool rules_pass(osc_classifier *c, osc_section sec, const char *text, size_t len,
		       bool *limit_hit, size_t *nt_out, size_t *kept_out, tally *tl,
		       osc_polarity *pol)
{
	const osc_rules *r = c->r;
	if (!osc_match_find(c, text, len, limit_hit))
		return false;
	if (!osc_match_sort(c))
		return false;
	/* hits and sentences are both in text order */
	for (size_t i = 0, sn = 0; i < c->n_hits; i++) {
		while (sn + 1 < c->n_sent && c->sent[sn + 1] <= c->hits[i].start)
			sn++;
		c->hits[i].sentence = (unsigned)sn;
	}
	osc_match_suppress(c);
	osc_match_negate(c, text);

	size_t words = c->words;
	double norm = words > 80 ? 1.0 + (double)(words - 80) / 160.0 : 1.0;
	memset(c->score, 0, r->n_themes * sizeof *c->score);
	memset(c->count, 0, r->n_themes * sizeof *c->count);
	memset(c->anchored, 0, r->n_themes * sizeof *c->anchored);
	memset(c->best, 0, r->n_themes * sizeof *c->best);
	memset(c->decisive, 0, r->n_themes * sizeof *c->decisive);
	/* UINT32_MAX: no sentence yet */
	memset(c->t_first, 0xFF, r->n_themes * sizeof *c->t_first);
	memset(c->t_last, 0xFF, r->n_themes * sizeof *c->t_last);
	memset(c->t_sents, 0, r->n_themes * sizeof *c->t_sents);
	for (size_t i = 0; i < c->n_hits; i++) {
		hit *h = &c->hits[i];
		if (h->dead || h->kind != R_THEME)
			continue;
		const rule *ru = &r->rules[h->rule];
		/* where the theme's hits sit: its first sentence, how many */
		if (c->t_first[h->theme] == UINT32_MAX)
			c->t_first[h->theme] = h->sentence;
		if (h->sentence != c->t_last[h->theme])
			c->t_sents[h->theme]++, c->t_last[h->theme] = h->sentence;
		double w = ru->weight * (h->sentence == 0 ? r->first_sentence : 1.0);
		if (w > c->best[ru->theme])
			c->best[ru->theme] = w;
		/* repeats of a theme count less and less */
		w /= 1.0 + 0.5 * c->count[ru->theme];
		h->counted = w;
		c->score[ru->theme] += w;
		c->count[ru->theme]++;
		if (ru->weight >= r->anchor)
			c->anchored[ru->theme] = true;
		if (ru->weight >= r->decisive)
			c->decisive[ru->theme] = true;
	}

	/* every theme with a match, best first, then the cuts */
	ranked *top = c->rank;
	size_t nt = 0;
	for (size_t t = 0; t < r->n_themes; t++) {
		if (!c->count[t])
			continue;
		/* a long item's many passing mentions count less, not its
		 * strongest one */
		double s = c->best[t] + (c->score[t] - c->best[t]) / norm;
		top[nt++] = (ranked){ (int)t, s };
	}
	for (size_t k = 1; k < nt; k++) /* a handful: insertion sort */
		for (size_t j = k; j > 0 && cmp_ranked(&top[j - 1], &top[j]) > 0; j--) {
			ranked x = top[j];
			top[j] = top[j - 1];
			top[j - 1] = x;
		}
	osc_verdict *verdict = c->verdict;
	size_t kept = 0;
	double lead = 0;
	for (size_t k = 0; k < nt; k++) {
		int t = top[k].theme;
		osc_verdict v = OSC_VERDICT_KEPT;
		if (top[k].score < r->threshold)
			v = OSC_VERDICT_BELOW_THRESHOLD;
		else if (!c->anchored[t])
			v = OSC_VERDICT_NO_ANCHOR;
		else if (kept && top[k].score < r->relative * lead && !c->decisive[t])
			v = OSC_VERDICT_PASSING; /* far below the main theme, unless decisive */
		else if (kept >= (size_t)r->max_themes)
			v = OSC_VERDICT_OVER_MAX;
		if (v == OSC_VERDICT_KEPT && !kept++)
			lead = top[k].score;
		verdict[k] = v;
	}

	*nt_out = nt;
	*kept_out = kept;
	*pol = osc_decide_polarity(c, sec, text, len, tl);
	return true;
}

osc_status osc_classify(osc_classifier *c, osc_arena *ar, osc_section sec,
			osc_kind kind, const char *text, size_t len, osc_item *item,
			bool *limit_hit)
{
	item->n_themes = 0;
	item->themes = NULL;
	item->explain = NULL;
	item->polarity = OSC_POLARITY_NEUTRAL;
	size_t nt, kept;
	tally tl;
	osc_polarity rules_pol;
	if (!rules_pass(c, sec, text, len, limit_hit, &nt, &kept, &tl, &rules_pol))
		return OSC_ENOMEM;
	const ranked *top = c->rank;
	const osc_verdict *verdict = c->verdict;
	item->polarity = rules_pol;
	if (c->model) {
		osc_rule_view rv = { top, nt, verdict, rules_pol, &tl };
		if (!osc_features(c, text, len, sec, kind, &rv, c->fv))
			return OSC_ENOMEM;
		kept = model_decides(c, top, nt, &item->polarity);
	}
	if (kept && !collect_evidence(c, ar, text, top, nt, kept, item))
		return OSC_ENOMEM;
	if (c->explain)
		return osc_build_explain(c, ar, text, top, nt, verdict, &tl, rules_pol, item);
	return OSC_OK;
}

bool osc_classify_features(osc_classifier *c, osc_section sec, osc_kind kind,
			   const char *text, size_t len, osc_fvec *f, bool *candidates,
			   bool *rules_kept, osc_polarity *rules_pol)
{
	size_t nt, kept;
	tally tl;
	osc_polarity pol;
	bool limit_hit = false;
	if (!rules_pass(c, sec, text, len, &limit_hit, &nt, &kept, &tl, &pol))
		return false;
	for (size_t t = 0; t < c->r->n_themes; t++)
		candidates[t] = c->count[t] > 0, rules_kept[t] = false;
	for (size_t k = 0; k < nt; k++)
		rules_kept[c->rank[k].theme] = c->verdict[k] == OSC_VERDICT_KEPT;
	*rules_pol = pol;
	osc_rule_view rv = { c->rank, nt, c->verdict, pol, &tl };
	return osc_features(c, text, len, sec, kind, &rv, f);
}

void osc_classifier_set_explain(osc_classifier *c, bool on)
{
	c->explain = on;
	if (c->fv)
		c->fv->names = c->fv->keep = on;
}
