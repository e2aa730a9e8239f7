/*
 * train_eval.c - cross-validation grouped by authority: no authority's
 * items are on both sides of a fold.  Each fold's model is the bytes fit()
 * writes, loaded and applied by the library as ofsted-scan applies the
 * default model, to the held-out items; their probabilities choose the cut
 * (one for every theme: the best micro-F1), and the tables compare the
 * model with the rules alone, for all items, letters and reports apart.
 */
#define _POSIX_C_SOURCE 200809L
#include "train.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a theme's own cut counts as much as this many labels against the common
 * one */
#define SHRINK 200.0

static const char *const core4[] = { "health", "permanence", "audit", "workforce" };

/* Folds: groups by size, largest first, each to the fold with the fewest
 * items so far (ties: the lower fold); groups of equal size by name. */
typedef struct group {
	const char *name;
	size_t n;
	int fold;
} group;

static int cmp_group(const void *a, const void *b)
{
	const group *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static bool assign_folds(const trainer *t, int folds)
{
	size_t n = t->items->n, ng = 0;
	group *g = calloc(n ? n : 1, sizeof *g);
	size_t *load = calloc((size_t)folds, sizeof *load);
	if (!g || !load) {
		free(g);
		free(load);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < ng && strcmp(g[k].name, t->items->v[i].group) != 0)
			k++;
		if (k == ng)
			g[ng++] = (group){ t->items->v[i].group, 0, 0 };
		g[k].n++;
	}
	qsort(g, ng, sizeof *g, cmp_group);
	for (size_t k = 0; k < ng; k++) {
		int best = 0;
		for (int f = 1; f < folds; f++)
			if (load[f] < load[best])
				best = f;
		g[k].fold = best;
		load[best] += g[k].n;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < ng; k++)
			if (strcmp(g[k].name, t->items->v[i].group) == 0)
				t->x[i].fold = g[k].fold;
	free(g);
	free(load);
	return true;
}

/* counts for one theme, or all (micro) */
typedef struct prf {
	size_t tp, fp, fn;
} prf;

static double f1(prf c)
{
	double p = c.tp + c.fp ? (double)c.tp / (double)(c.tp + c.fp) : 0;
	double r = c.tp + c.fn ? (double)c.tp / (double)(c.tp + c.fn) : 0;
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* out-of-fold predictions */
typedef struct oof {
	float *prob;          /* [item][theme]: -1 not a candidate or not trained */
	osc_polarity *pol;
} oof;

/* Is theme k predicted for item i at `cut`? */
static bool predicted(const trainer *t, const oof *o, size_t i, size_t k, const float *cut,
		      bool model)
{
	if (!model || !t->trained[k])
		return t->x[i].rules_kept[k];
	float p = o->prob[i * t->n_themes + k];
	return p >= 0 && p >= cut[k];
}

/* which items a table is about: 0 all, 1 letters, 2 reports */
static bool in_scope(const trainer *t, size_t i, int scope)
{
	bool report = t->items->v[i].kind == OSC_KIND_INSPECTION_REPORT;
	return scope == 0 || (scope == 2) == report;
}

static prf micro(const trainer *t, const oof *o, const float *cut, bool model, int scope,
		 prf *per)
{
	prf all = { 0, 0, 0 };
	for (size_t i = 0; i < t->items->n; i++) {
		if (!in_scope(t, i, scope))
			continue;
		for (size_t k = 0; k < t->n_themes; k++) {
			bool p = predicted(t, o, i, k, cut, model), g = t->x[i].gold[k];
			prf *c = per ? &per[k] : NULL;
			if (p && g)
				all.tp++, c && c->tp++;
			else if (p)
				all.fp++, c && c->fp++;
			else if (g)
				all.fn++, c && c->fn++;
		}
	}
	return all;
}

static void summary_row(const trainer *t, const oof *o, const float *cut, bool model, int scope)
{
	static const char *const names[] = { "all items", "letters", "reports" };
	prf per[64] = { { 0, 0, 0 } };
	prf all = micro(t, o, cut, model, scope, per);
	double core = 0;
	for (size_t k = 0; k < 4; k++) {
		int th = osc_rules_theme_index(t->rules, core4[k]);
		core += th >= 0 ? f1(per[th]) : 0;
	}
	size_t n = 0, right = 0, rev = 0;
	for (size_t i = 0; i < t->items->n; i++) {
		if (!in_scope(t, i, scope))
			continue;
		osc_polarity g = t->items->v[i].polarity, p = model ? o->pol[i] : t->x[i].rules_pol;
		n++;
		right += g == p;
		rev += (g == OSC_POLARITY_STRENGTH && p == OSC_POLARITY_CONCERN) ||
		       (g == OSC_POLARITY_CONCERN && p == OSC_POLARITY_STRENGTH);
	}
	printf("| %s | %s | %zu | %.3f | %.3f | %.3f | %.2f%% |\n", names[scope],
	       model ? "model" : "rules", n, f1(all), core / 4, n ? (double)right / (double)n : 0,
	       n ? 100.0 * (double)rev / (double)n : 0);
}

static void report(const trainer *t, const oof *o, const float *cut, float global, int folds)
{
	printf("Cross-validation over %d folds of authorities, %zu items; cut %.2f, each theme's\n"
	       "drawn from its own best by its labels (docs/classifier.md).\n\n", folds,
	       t->items->n, global);
	printf("| items | classifier | n | theme micro-F1 | core-4 F1 | polarity | "
	       "strength<->concern |\n|---|---|---|---|---|---|---|\n");
	for (int scope = 0; scope < 3; scope++)
		for (int model = 0; model < 2; model++)
			summary_row(t, o, cut, model, scope);
	prf pm[64] = { { 0, 0, 0 } }, pr[64] = { { 0, 0, 0 } };
	micro(t, o, cut, true, 0, pm);
	micro(t, o, cut, false, 0, pr);
	printf("\n| theme | labels | cut | model P | R | F1 | rules F1 |\n|---|---|---|---|---|---|---|\n");
	for (size_t k = 0; k < t->n_themes && k < 64; k++) {
		prf c = pm[k];
		double p = c.tp + c.fp ? (double)c.tp / (double)(c.tp + c.fp) : 0;
		double r = c.tp + c.fn ? (double)c.tp / (double)(c.tp + c.fn) : 0;
		printf("| %s%s | %zu | %.2f | %.3f | %.3f | %.3f | %.3f |\n",
		       osc_rules_theme_id(t->rules, k), t->trained[k] ? "" : " (rules)", c.tp + c.fn,
		       cut[k], p, r, f1(c), f1(pr[k]));
	}
	size_t conf[OSC_POLARITY_COUNT][OSC_POLARITY_COUNT] = { { 0 } };
	for (size_t i = 0; i < t->items->n; i++)
		conf[t->items->v[i].polarity][o->pol[i]]++;
	printf("\nPolarity, the model's (rows: the label; columns: predicted):\n\n"
	       "| label | strength | concern | mixed | neutral |\n|---|---|---|---|---|\n");
	static const osc_polarity order[] = { OSC_POLARITY_STRENGTH, OSC_POLARITY_CONCERN,
					      OSC_POLARITY_MIXED, OSC_POLARITY_NEUTRAL };
	for (size_t a = 0; a < 4; a++) {
		printf("| %s |", osc_polarity_name(order[a]));
		for (size_t b = 0; b < 4; b++)
			printf(" %zu |", conf[order[a]][order[b]]);
		printf("\n");
	}
	printf("\n");
}

bool cross_validate(const trainer *t, int folds, bool rep, float *cut)
{
	size_t n = t->items->n, nt = t->n_themes;
	oof o = { malloc((n ? n : 1) * (nt ? nt : 1) * sizeof *o.prob),
		  malloc((n ? n : 1) * sizeof *o.pol) };
	bool *in = malloc((n ? n : 1) * sizeof *in);
	float *half = malloc((nt ? nt : 1) * sizeof *half);
	float *out = NULL;
	bool ok = o.prob && o.pol && in && half && assign_folds(t, folds);
	for (size_t k = 0; k < nt; k++)
		half[k] = 0.5f;
	for (int f = 0; ok && f < folds; f++) {
		for (size_t i = 0; i < n; i++)
			in[i] = t->x[i].fold != f;
		size_t len;
		unsigned char *bytes = fit(t, in, half, &len);
		osc_error err = { 0 };
		osc_model *m = bytes ? osc_model_load(bytes, len, "(fold)", t->rules, NULL, &err) : NULL;
		free(bytes);
		float *o2 = m ? realloc(out, m->n_out * sizeof *out) : NULL;
		if (!m || !o2) {
			osc_model_free(m);
			ok = false;
			break;
		}
		out = o2;
		for (size_t i = 0; i < n; i++) {
			if (in[i])
				continue;
			osc_fvec fv = { .v = t->x[i].f, .n = t->x[i].n };
			osc_model_predict(m, &fv, out);
			for (size_t k = 0; k < nt; k++) {
				int oi = m->theme_out[k];
				o.prob[i * nt + k] = oi >= 0 && t->x[i].candidate[k] ? osc_sigmoid(out[oi]) : -1;
			}
			size_t best = 0;
			for (size_t p = 1; p < OSC_POLARITY_COUNT; p++)
				if (out[m->n_themes + p] > out[m->n_themes + best])
					best = p;
			o.pol[i] = (osc_polarity)best;
		}
		osc_model_free(m);
	}
	if (ok) {
		/* one cut for all, the best micro-F1; then each theme's own
		 * best, drawn towards it by SHRINK labels' worth */
		float best = 0.5f, *all = half;
		double best_f1 = -1;
		for (int c = 5; c <= 95; c++) {
			for (size_t k = 0; k < nt; k++)
				all[k] = (float)c / 100;
			double v = f1(micro(t, &o, all, true, 0, NULL));
			if (v > best_f1)
				best_f1 = v, best = (float)c / 100;
		}
		for (size_t k = 0; k < nt; k++) {
			prf per[64] = { { 0, 0, 0 } };
			float own = best;
			double own_f1 = -1;
			for (int c = 5; c <= 95 && k < 64; c++) {
				for (size_t j = 0; j < nt; j++)
					all[j] = (float)c / 100;
				memset(per, 0, sizeof per);
				micro(t, &o, all, true, 0, per);
				if (f1(per[k]) > own_f1)
					own_f1 = f1(per[k]), own = (float)c / 100;
			}
			size_t labels = per[k].tp + per[k].fn;
			cut[k] = (float)(((double)labels * own + SHRINK * best) / ((double)labels + SHRINK));
			cut[k] = roundf(cut[k] * 100) / 100;
		}
		if (rep)
			report(t, &o, cut, best, folds);
	}
	free(out);
	free(o.prob);
	free(o.pol);
	free(in);
	free(half);
	return ok;
}
