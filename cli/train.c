/*
 * train.c - ofsted-scan-train: learn a model (docs/model-format.md) from
 * labelled items in JSON Lines, with liblinear's L2-regularised logistic
 * regression: for each theme of the taxonomy with enough labels, whether an
 * item is about it (trained on the items where a rule of the theme
 * matched: the rules propose, the model decides); and the item's polarity
 * (one against the rest).  Cross-validation by authority chooses the cut
 * and reports the accuracy (train_eval.c).  Deterministic: the same items,
 * rules and options give the same bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include "train.h"
#include "model.h"

#include <errno.h>
#include <getopt.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const prog = "ofsted-scan-train";

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTIONS] -o MODEL ITEMS.jsonl...\n"
		"Train a model for ofsted-scan --model from labelled items (JSON Lines:\n"
		"doc, kind, section, text, themes, polarity; see docs/classifier.md).\n"
		"\n"
		"  -o, --output FILE       write the model to FILE\n"
		"      --themes FILE       the taxonomy is the default one extended by FILE\n"
		"      --no-default-themes the taxonomy is FILE alone\n"
		"      --folds K           cross-validate over K folds of authorities to\n"
		"                          choose the cut (default 5; 0: cut 0.5, no report)\n"
		"      --report            print the cross-validation's tables (markdown)\n"
		"  -C VALUE                liblinear's cost C (default 1)\n"
		"      --min-count N       drop features seen in fewer than N items (default 2)\n"
		"      --min-labels N      themes with fewer labelled items are left to the\n"
		"                          rules (default 10)\n"
		"      --prune W           drop features whose weights are all below W\n"
		"                          (default 0.2: a model a fifth the size, as good)\n"
		"      --skip-noted        leave out items with a note (broken when labelled)\n"
		"  -q, --quiet             no progress on standard error\n"
		"  -h, --help\n",
		prog);
}

static void quiet_print(const char *s)
{
	(void)s;
}

/* ---- the feature columns ------------------------------------------------ */

typedef struct colmap {
	uint32_t *key;
	int *col;      /* 1-based column, 0 empty */
	size_t *count;
	size_t mask, n;
	uint32_t *hash_of; /* column -> hash (1-based) */
} colmap;

static bool colmap_init(colmap *m, size_t expect)
{
	size_t slots = 1024;
	while (slots < 2 * expect)
		slots *= 2;
	m->mask = slots - 1;
	m->n = 0;
	m->key = calloc(slots, sizeof *m->key);
	m->col = calloc(slots, sizeof *m->col);
	m->count = calloc(slots, sizeof *m->count);
	m->hash_of = calloc(expect + 2, sizeof *m->hash_of);
	return m->key && m->col && m->count && m->hash_of;
}

static void colmap_free(colmap *m)
{
	free(m->key);
	free(m->col);
	free(m->count);
	free(m->hash_of);
}

static size_t slot_of(const colmap *m, uint32_t h)
{
	size_t s = h & m->mask;
	while (m->count[s] && m->key[s] != h)
		s = (s + 1) & m->mask;
	return s;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Columns for the features of the items in `in` seen in at least
 * min_count of them, numbered in the order of their hashes (so that the
 * columns, and the model, do not depend on the items' order). */
static bool colmap_build(colmap *m, const trainer *t, const bool *in)
{
	size_t total = 0;
	for (size_t i = 0; i < t->items->n; i++)
		total += in[i] ? t->x[i].n : 0;
	if (!colmap_init(m, total + 1))
		return false;
	for (size_t i = 0; i < t->items->n; i++) {
		if (!in[i])
			continue;
		for (size_t k = 0; k < t->x[i].n; k++) {
			size_t s = slot_of(m, t->x[i].f[k].hash);
			m->key[s] = t->x[i].f[k].hash;
			m->count[s]++;
		}
	}
	size_t nk = 0;
	for (size_t s = 0; s <= m->mask; s++)
		if (m->count[s] >= t->min_count)
			m->hash_of[++nk] = m->key[s];
	/* sorted hashes, then their columns */
	qsort(m->hash_of + 1, nk, sizeof *m->hash_of, cmp_u32);
	for (size_t c = 1; c <= nk; c++)
		m->col[slot_of(m, m->hash_of[c])] = (int)c;
	m->n = nk;
	return true;
}

/* ---- fitting --------------------------------------------------------------- */

/* Each item's liblinear row: its columns (ascending), the bias, the end. */
static struct feature_node **rows_for(const trainer *t, const colmap *m, const bool *in)
{
	struct feature_node **rows = calloc(t->items->n, sizeof *rows);
	if (!rows)
		return NULL;
	for (size_t i = 0; i < t->items->n; i++) {
		if (!in[i])
			continue;
		struct feature_node *r = malloc((t->x[i].n + 2) * sizeof *r);
		if (!r)
			return rows; /* the caller checks each */
		size_t k = 0;
		for (size_t j = 0; j < t->x[i].n; j++) {
			size_t s = slot_of(m, t->x[i].f[j].hash);
			if (m->count[s] && m->col[s])
				r[k++] = (struct feature_node){ m->col[s], t->x[i].f[j].value };
		}
		/* the item's features are sorted by hash, and columns follow
		 * the hashes' order */
		r[k++] = (struct feature_node){ (int)m->n + 1, 1.0 };
		r[k] = (struct feature_node){ -1, 0 };
		rows[i] = r;
	}
	return rows;
}

/* Train one output: y[i] for the items with use[i]; w[m->n + 1] (the last
 * the bias) for label `positive`.  With one class only, a bias that says
 * so. */
static void train_output(const trainer *t, struct feature_node **rows, const bool *use,
			 const double *y, double positive, size_t ncol, double *w)
{
	size_t n = 0;
	bool pos = false, neg = false;
	for (size_t i = 0; i < t->items->n; i++)
		if (use[i]) {
			n++;
			pos |= y[i] == positive;
			neg |= y[i] != positive;
		}
	memset(w, 0, (ncol + 1) * sizeof *w);
	if (!pos || !neg) {
		w[ncol] = pos ? 8 : -8;
		return;
	}
	struct feature_node **x = malloc(n * sizeof *x);
	double *yy = malloc(n * sizeof *yy);
	if (!x || !yy) {
		free(x);
		free(yy);
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < t->items->n; i++)
		if (use[i]) {
			x[k] = rows[i];
			yy[k++] = y[i] == positive ? 1 : -1;
		}
	struct problem prob = { (int)n, (int)ncol + 1, yy, x, -1 };
	struct parameter par = { .solver_type = L2R_LR, .eps = 0.01, .C = t->C };
	struct model *mod = train(&prob, &par);
	if (mod) {
		double sign = mod->label[0] == 1 ? 1 : -1;
		for (size_t c = 0; c <= ncol; c++)
			w[c] = sign * mod->w[c];
		free_and_destroy_model(&mod);
	}
	free(x);
	free(yy);
}

/* columns by how many items have them, most first (then by hash) */
static const colmap *by_count_map;

static int cmp_by_count(const void *a, const void *b)
{
	const colmap *m = by_count_map;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	size_t cx = m->count[slot_of(m, m->hash_of[x + 1])], cy = m->count[slot_of(m, m->hash_of[y + 1])];
	if (cx != cy)
		return cx > cy ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* little-endian writers into a growing byte buffer */
typedef struct bytes {
	unsigned char *p;
	size_t n, cap;
	bool oom;
} bytes;

static void put(bytes *b, const void *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n > b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 65536;
		while (nc < b->n + n)
			nc *= 2;
		unsigned char *q = realloc(b->p, nc);
		if (!q) {
			b->oom = true;
			return;
		}
		b->p = q;
		b->cap = nc;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void put_u32(bytes *b, uint32_t v)
{
	unsigned char c[4] = { (unsigned char)v, (unsigned char)(v >> 8),
			       (unsigned char)(v >> 16), (unsigned char)(v >> 24) };
	put(b, c, 4);
}

static void put_f32(bytes *b, float f)
{
	uint32_t v;
	memcpy(&v, &f, sizeof v);
	put_u32(b, v);
}

unsigned char *fit(const trainer *t, const bool *in, const float *cut, size_t *len)
{
	size_t nt = 0;
	for (size_t k = 0; k < t->n_themes; k++)
		nt += t->trained[k];
	size_t n_out = nt + OSC_POLARITY_COUNT, N = t->items->n;
	colmap m;
	if (!colmap_build(&m, t, in)) {
		colmap_free(&m);
		return NULL;
	}
	size_t ncol = m.n;
	struct feature_node **rows = rows_for(t, &m, in);
	double *w = calloc(n_out * (ncol + 1), sizeof *w); /* [output][column] */
	double *y = malloc(N * sizeof *y);
	bool *use = malloc(N * sizeof *use);
	bool ok = rows && w && y && use;
	for (size_t i = 0; ok && i < N; i++)
		ok = !in[i] || rows[i];
	size_t o = 0;
	for (size_t k = 0; ok && k < t->n_themes; k++) {
		if (!t->trained[k])
			continue;
		for (size_t i = 0; i < N; i++) {
			use[i] = in[i] && t->x[i].candidate[k];
			y[i] = t->x[i].gold[k];
		}
		train_output(t, rows, use, y, 1, ncol, w + o++ * (ncol + 1));
	}
	for (size_t p = 0; ok && p < OSC_POLARITY_COUNT; p++, o++) {
		for (size_t i = 0; i < N; i++) {
			use[i] = in[i];
			y[i] = t->items->v[i].polarity;
		}
		train_output(t, rows, use, y, (double)p, ncol, w + o * (ncol + 1));
	}

	bytes b = { 0 };
	if (ok) {
		put(&b, OSC_MODEL_MAGIC, 8);
		put_u32(&b, OSC_MODEL_FORMAT);
		put_u32(&b, OSC_FEATURES_VERSION);
		put_u32(&b, (uint32_t)nt);
		put_u32(&b, (uint32_t)n_out);
		for (size_t k = 0; k < t->n_themes; k++) {
			if (!t->trained[k])
				continue;
			const char *id = osc_rules_theme_id(t->rules, k);
			unsigned char l = (unsigned char)strlen(id);
			put(&b, &l, 1);
			put(&b, id, l);
			put_f32(&b, cut[k]);
		}
		float scale[64 + OSC_POLARITY_COUNT];
		for (o = 0; o < n_out; o++) {
			put_f32(&b, (float)w[o * (ncol + 1) + ncol]);
			double mx = 0;
			for (size_t c = 0; c < ncol; c++)
				mx = fmax(mx, fabs(w[o * (ncol + 1) + c]));
			scale[o] = mx > 0 ? (float)(mx / 32767) : 1;
		}
		for (o = 0; o < n_out; o++)
			put_f32(&b, scale[o]);
		/* rows: the columns with any weight left after quantising, the
		 * commonest first (their rows share the cache when predicting) */
		size_t n_rows = 0, at = b.n;
		put_u32(&b, 0);
		size_t *order = malloc((ncol ? ncol : 1) * sizeof *order);
		if (!order)
			b.oom = true;
		for (size_t c = 0; order && c < ncol; c++)
			order[c] = c;
		by_count_map = &m;
		if (order)
			qsort(order, ncol, sizeof *order, cmp_by_count);
		for (size_t k = 0; order && k < ncol; k++) {
			size_t c = order[k];
			int16_t q[64 + OSC_POLARITY_COUNT];
			bool any = false;
			double big = 0;
			for (o = 0; o < n_out; o++) {
				double v = w[o * (ncol + 1) + c] / scale[o];
				q[o] = (int16_t)lrint(v);
				big = fmax(big, fabs(w[o * (ncol + 1) + c]));
			}
			any = big >= t->prune;
			if (!any)
				continue;
			put_u32(&b, m.hash_of[c + 1]);
			for (o = 0; o < n_out; o++) {
				unsigned char c2[2] = { (unsigned char)(uint16_t)q[o],
							(unsigned char)((uint16_t)q[o] >> 8) };
				put(&b, c2, 2);
			}
			n_rows++;
		}
		free(order);
		if (!b.oom) {
			unsigned char c4[4] = { (unsigned char)n_rows, (unsigned char)(n_rows >> 8),
						(unsigned char)(n_rows >> 16), (unsigned char)(n_rows >> 24) };
			memcpy(b.p + at, c4, 4);
		}
		uint32_t h = 2166136261u;
		for (size_t i = 0; !b.oom && i < b.n; i++)
			h = (h ^ b.p[i]) * 16777619u;
		put_u32(&b, h);
	}
	for (size_t i = 0; rows && i < N; i++)
		free(rows[i]);
	free(rows);
	free(w);
	free(y);
	free(use);
	colmap_free(&m);
	if (!ok || b.oom) {
		free(b.p);
		return NULL;
	}
	*len = b.n;
	return b.p;
}

/* ---- the items' features ------------------------------------------------------ */

static int cmp_feature(const void *a, const void *b)
{
	const osc_feature *x = a, *y = b;
	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

static bool featurize(trainer *t, osc_classifier *c)
{
	osc_fvec f;
	osc_fvec_init(&f, NULL, true, false);
	size_t nt = t->n_themes;
	t->x = calloc(t->items->n, sizeof *t->x);
	bool ok = t->x != NULL;
	for (size_t i = 0; ok && i < t->items->n; i++) {
		const titem *it = &t->items->v[i];
		tvec *x = &t->x[i];
		x->gold = calloc(3 * nt, sizeof *x->gold);
		if (!x->gold || !osc_classify_features(c, it->section, it->kind, it->text,
						       strlen(it->text), &f, x->gold + nt,
						       x->gold + 2 * nt, &x->rules_pol)) {
			fprintf(stderr, "%s: out of memory\n", prog);
			ok = false;
			break;
		}
		x->candidate = x->gold + nt;
		x->rules_kept = x->gold + 2 * nt;
		for (size_t k = 0; k < it->n_themes; k++) {
			int th = osc_rules_theme_index(t->rules, it->themes[k]);
			if (th < 0) {
				fprintf(stderr, "%s: %s: theme '%s' is not in the taxonomy\n", prog,
					it->id ? it->id : it->doc, it->themes[k]);
				ok = false;
				break;
			}
			x->gold[th] = true;
		}
		/* each feature once, its values added */
		if (!ok)
			break;
		qsort(f.v, f.n, sizeof *f.v, cmp_feature);
		x->f = malloc((f.n ? f.n : 1) * sizeof *x->f);
		if (!x->f) {
			fprintf(stderr, "%s: out of memory\n", prog);
			ok = false;
		}
		for (size_t k = 0; ok && k < f.n; k++) {
			if (x->n && x->f[x->n - 1].hash == f.v[k].hash)
				x->f[x->n - 1].value += f.v[k].value;
			else
				x->f[x->n++] = f.v[k];
		}
	}
	osc_fvec_free(&f);
	return ok;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "themes", required_argument, NULL, 't' },
		{ "no-default-themes", no_argument, NULL, 'N' },
		{ "folds", required_argument, NULL, 'k' },
		{ "report", no_argument, NULL, 'r' },
		{ "min-count", required_argument, NULL, 'm' },
		{ "min-labels", required_argument, NULL, 'l' },
		{ "skip-noted", no_argument, NULL, 's' },
		{ "prune", required_argument, NULL, 'p' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *themes = NULL;
	bool no_default = false, report = false, skip_noted = false;
	int folds = 5, ch;
	trainer t = { .C = 1, .min_count = 2, .min_labels = 10, .prune = 0.2 };
	while ((ch = getopt_long(argc, argv, "o:C:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': output = optarg; break;
		case 't': themes = optarg; break;
		case 'N': no_default = true; break;
		case 'k': folds = atoi(optarg); break;
		case 'r': report = true; break;
		case 'C': t.C = atof(optarg); break;
		case 'm': t.min_count = (size_t)atol(optarg); break;
		case 'l': t.min_labels = (size_t)atol(optarg); break;
		case 's': skip_noted = true; break;
		case 'p': t.prune = atof(optarg); break;
		case 'q': t.quiet = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if ((!output && !report) || optind == argc || folds < 0 || folds == 1 || folds > 50 ||
	    !(t.C > 0) || (no_default && !themes)) {
		usage(stderr);
		return 2;
	}
	set_print_string_function(quiet_print);

	osc_error err = { 0 };
	osc_rules *rules = NULL;
	tset all = { 0 }, items = { 0 };
	osc_classifier *c = NULL;
	float *cut = NULL;
	int status = 2;
	char why[512];
	if (themes) {
		size_t n;
		char *text = NULL;
		FILE *f = fopen(themes, "rb");
		if (f) {
			fseek(f, 0, SEEK_END);
			n = (size_t)ftell(f);
			rewind(f);
			text = malloc(n + 1);
			if (text && fread(text, 1, n, f) != n)
				n = 0;
			fclose(f);
		}
		if (!text) {
			fprintf(stderr, "%s: %s: %s\n", prog, themes, strerror(errno));
			goto done;
		}
		osc_rules *def = no_default ? NULL : osc_rules_default(NULL, &err);
		rules = def ? osc_rules_extend(def, text, n, themes, NULL, &err)
			    : osc_rules_parse(text, n, themes, NULL, &err);
		osc_rules_free(def);
		free(text);
	} else {
		rules = osc_rules_default(NULL, &err);
	}
	if (!rules) {
		fprintf(stderr, "%s: %s\n", prog, err.message);
		goto done;
	}
	for (int i = optind; i < argc; i++)
		if (!tset_read(&all, argv[i], why, sizeof why)) {
			fprintf(stderr, "%s: %s\n", prog, why);
			goto done;
		}
	/* the items used: all, or those without a note */
	for (size_t i = 0; i < all.n; i++)
		if (!(skip_noted && all.v[i].note && *all.v[i].note))
			items.n++;
	items.v = malloc((items.n ? items.n : 1) * sizeof *items.v);
	items.n = 0;
	for (size_t i = 0; items.v && i < all.n; i++)
		if (!(skip_noted && all.v[i].note && *all.v[i].note))
			items.v[items.n++] = all.v[i];
	t.rules = rules;
	t.items = &items;
	t.n_themes = osc_rules_theme_count(rules);
	c = osc_classifier_new(rules, NULL);
	t.trained = calloc(t.n_themes ? t.n_themes : 1, sizeof *t.trained);
	cut = malloc((t.n_themes ? t.n_themes : 1) * sizeof *cut);
	if (!items.v || !c || !t.trained || !cut) {
		fprintf(stderr, "%s: out of memory\n", prog);
		goto done;
	}
	if (!featurize(&t, c))
		goto done; /* said */
	for (size_t k = 0; k < t.n_themes; k++) {
		size_t pos = 0;
		for (size_t i = 0; i < items.n; i++)
			pos += t.x[i].gold[k];
		t.trained[k] = pos >= t.min_labels;
		cut[k] = 0.5f;
	}
	if (!t.quiet)
		fprintf(stderr, "%s: %zu items, %zu themes\n", prog, items.n, t.n_themes);
	status = 0;
	if (folds > 1 && !cross_validate(&t, folds, report, cut)) {
		fprintf(stderr, "%s: out of memory cross-validating\n", prog);
		status = 2;
	}
	if (!status && output) {
		bool *in = malloc((items.n ? items.n : 1) * sizeof *in);
		size_t len = 0;
		unsigned char *model = NULL;
		if (in) {
			for (size_t i = 0; i < items.n; i++)
				in[i] = true;
			model = fit(&t, in, cut, &len);
		}
		FILE *f = model ? fopen(output, "wb") : NULL;
		if (!f || fwrite(model, 1, len, f) != len || fclose(f) != 0) {
			fprintf(stderr, "%s: %s: %s\n", prog, output,
				model ? strerror(errno) : "out of memory");
			status = 2;
		} else if (!t.quiet) {
			fprintf(stderr, "%s: wrote %s (%zu bytes)\n", prog, output, len);
		}
		free(model);
		free(in);
	}
done:
	for (size_t i = 0; t.x && i < items.n; i++) {
		free(t.x[i].f);
		free(t.x[i].gold);
	}
	free(t.x);
	free(t.trained);
	free(cut);
	free(items.v);
	tset_free(&all);
	osc_classifier_free(c);
	osc_rules_free(rules);
	return status;
}
