/*
 * feature.c - the features of an item for the learned classifier
 * (docs/classifier.md), each named by a short prefix and hashed (FNV-1a) so
 * that no vocabulary is stored:
 *
 *   words      u:WORD, b:WORD WORD (neighbours); each 4/sqrt(words in the
 *              item)
 *   rules      per theme the rules scored: rs:ID log(1 + score), rn:ID log(1 +
 *              hits), rr:ID score against the top theme's, rh:ID share of the
 *              hits, rk:ID kept by the rules, r1:ID ranked first, ra:ID an
 *              anchor phrase, rf:ID a hit in the first sentence, rx:ID hits
 *              only in the last of several, ro:ID share of the sentences
 *   context    sec:SECTION, kind:report
 *   polarity   rp:POLARITY (the rules'), ts:N tc:N tb:N (sentences leaning to
 *              strength, concern, both: 0-3), sf:LEAN and sz:LEAN (the first
 *              and last sentence's), sq:LEAN LEAN (a turn between leaning
 *              sentences), cx:late (a contrast after the first sentence),
 *              tq:concern and tq:strength (the leaning sentences' shares),
 *              ng:yes (a negated cue)
 *
 * Words are runs of ASCII letters and digits, lower case, lightly stemmed;
 * an apostrophe inside a word is dropped ("children's" is "children").  A
 * feature's hash mixes its prefix's FNV-1a hash with its word's (and a
 * bigram's second word's).
 */
#include "model.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FNV_START 2166136261u
#define FNV_PRIME 16777619u
/* leans of a sentence, for sf: and sz: */
enum { LEAN_NONE, LEAN_STRENGTH, LEAN_CONCERN, LEAN_BOTH };
static const char *const lean_names[] = { "none", "strength", "concern", "both" };

static uint32_t fnv(uint32_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

void osc_fvec_init(osc_fvec *f, const osc_allocator *a, bool keep, bool names)
{
	memset(f, 0, sizeof *f);
	f->keep = keep || names;
	f->names = names;
	osc_buf_init(&f->scratch, a);
}

static void free_names(osc_fvec *f)
{
	for (size_t i = 0; f->name && i < f->n; i++)
		osc_free(f->scratch.a, f->name[i]);
}

void osc_fvec_free(osc_fvec *f)
{
	free_names(f);
	osc_free(f->scratch.a, f->v);
	osc_free(f->scratch.a, f->name);
	osc_free(f->scratch.a, f->acc);
	osc_buf_free(&f->scratch);
}

/* One hash from two: a feature's prefix and its word, or a bigram's two
 * words (a multiply and shifts, cheaper than hashing the text again). */
static inline uint32_t mix(uint32_t a, uint32_t b)
{
	uint32_t x = a ^ (b * 0x9E3779B1u);
	x ^= x >> 15;
	x *= 0x85EBCA6Bu;
	x ^= x >> 13;
	return x;
}

/* Keep feature h (and its name, PREFIX A[ B], when names are kept). */
static void keep(osc_fvec *f, uint32_t h, float v, const char *prefix, const char *a,
		 size_t an, const char *b, size_t bn)
{
	if (f->oom)
		return;
	if (f->n == f->cap &&
	    !osc_grow(f->scratch.a, (void **)&f->v, &f->cap, f->n + 1, sizeof *f->v)) {
		f->oom = true;
		return;
	}
	if (f->names) {
		const osc_allocator *al = f->scratch.a;
		size_t len = strlen(prefix) + an + (b ? bn + 1 : 0) + 1;
		char *s = osc_grow(al, (void **)&f->name, &f->cap_name, f->n + 1, sizeof *f->name)
				  ? osc_malloc(al, len) : NULL;
		if (!s) {
			f->oom = true;
			return;
		}
		snprintf(s, len, "%s%.*s%s%.*s", prefix, (int)an, a, b ? " " : "", b ? (int)bn : 0,
			 b ? b : "");
		f->name[f->n] = s;
	}
	f->v[f->n++] = (osc_feature){ h, v };
}

/* Add the feature of hash h and value v: into the model's sums, and kept
 * when asked. */
static inline void add(osc_fvec *f, uint32_t h, float v, const char *prefix, const char *a,
		       size_t an, const char *b, size_t bn)
{
	if (f->model) {
		const unsigned char *row = osc_model_row(f->model, h);
		if (row)
			osc_model_add_row(f->model, row, v, f->acc);
	}
	if (f->keep)
		keep(f, h, v, prefix, a, an, b, bn);
}

/* The prefixes, hashed once. */
enum {
	P_U, P_B,
	P_RS, P_RN, P_RR, P_RH, P_RK, P_R1, P_RA, P_RF, P_RX, P_RO,
	P_SEC, P_KIND, P_RP, P_TS, P_TC, P_TB, P_SF, P_SZ, P_CX, P_SQ, P_TQ, P_NG,
	P_COUNT
};
static const char *const prefix_name[P_COUNT] = {
	"u:", "b:",
	"rs:", "rn:", "rr:", "rh:", "rk:", "r1:", "ra:", "rf:", "rx:", "ro:",
	"sec:", "kind:", "rp:", "ts:", "tc:", "tb:", "sf:", "sz:", "cx:", "sq:", "tq:", "ng:",
};
static uint32_t prefix_hash[P_COUNT];
static _Atomic bool prefix_ready;

static void hash_prefixes(void)
{
	if (prefix_ready)
		return;
	for (size_t i = 0; i < P_COUNT; i++)
		prefix_hash[i] = fnv(FNV_START, prefix_name[i], strlen(prefix_name[i]));
	prefix_ready = true; /* a race computes the same values */
}

uint32_t osc_feature_id_hash(const char *id)
{
	return fnv(FNV_START, id, strlen(id));
}

/* A feature PREFIX THEME-ID of theme t. */
static void add_theme(osc_fvec *f, const osc_classifier *c, int p, int t, float v)
{
	const char *id = c->r->themes[t].id;
	add(f, mix(prefix_hash[p], c->id_hash[t]), v, prefix_name[p], id,
	    f->names ? strlen(id) : 0, NULL, 0);
}

/* A feature PREFIX S with value v. */
static void add_str(osc_fvec *f, int p, const char *s, float v)
{
	size_t n = strlen(s);
	add(f, mix(prefix_hash[p], fnv(FNV_START, s, n)), v, prefix_name[p], s, n, NULL, 0);
}

/* A feature PREFIX A B with value v. */
static void add_pair(osc_fvec *f, int p, const char *a, const char *b, float v)
{
	size_t an = strlen(a), bn = strlen(b);
	add(f, mix(mix(prefix_hash[p], fnv(FNV_START, a, an)), fnv(FNV_START, b, bn)), v,
	    prefix_name[p], a, an, b, bn);
}

/* The item's words, lower case, into f->scratch: offsets and lengths in
 * w[]. */
typedef struct word {
	size_t off;
	unsigned len;
	uint32_t h; /* FNV-1a of the word */
} word;

/* A light stemmer, so that a word and its inflections are one feature:
 * -ies to -y, a plural -s, -ing and -ed dropped ("assessments",
 * "assessed", "assessing": "assess").  For a word of n bytes whose last
 * three are `tail` (the last lowest): how many it keeps, *y when a 'y'
 * follows them.  Both tokenisers cut with it. */
static size_t stem_keep(size_t n, uint32_t tail, bool *y)
{
	unsigned c1 = tail & 0xFF, c2 = tail >> 8 & 0xFF, c3 = tail >> 16 & 0xFF;
	*y = false;
	if (n > 4 && c3 == 'i' && c2 == 'e' && c1 == 's') {
		*y = true;
		return n - 3;
	}
	if (n > 5 && c3 == 'i' && c2 == 'n' && c1 == 'g')
		return n - 3;
	if (n > 4 && c2 == 'e' && c1 == 'd')
		return n - 2;
	if (n > 3 && c1 == 's' && c2 != 's' && c2 != 'u' && c2 != 'i')
		return n - 1;
	return n;
}

/* The word w[0, n) stemmed in place: its new length. */
static size_t stem(char *w, size_t n)
{
	uint32_t tail = 0;
	for (size_t k = n > 3 ? n - 3 : 0; k < n; k++)
		tail = tail << 8 | (unsigned char)w[k];
	bool y;
	size_t keep = stem_keep(n, tail, &y);
	if (y)
		w[keep++] = 'y';
	return keep;
}

/* A byte of a word, lower case, or 0 for a byte between words. */
static unsigned char word_byte[256];
static _Atomic bool word_byte_ready;

static void make_word_bytes(void)
{
	if (word_byte_ready)
		return;
	for (int c = 0; c < 256; c++)
		word_byte[c] = osc_key_char((unsigned char)c) ? (unsigned char)osc_ascii_lower((char)c) : 0;
	word_byte_ready = true; /* a race writes the same values */
}

/* At u[i], after a run of a word's bytes: the length of an apostrophe
 * inside the word (' or U+2019 before another word byte), or 0 where the
 * word ends. */
static inline size_t inner_apostrophe(const unsigned char *u, size_t i, size_t len)
{
	if (i + 1 < len && u[i] == '\'' && word_byte[u[i + 1]])
		return 1;
	if (i + 3 < len && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0x99 && word_byte[u[i + 3]])
		return 3;
	return 0;
}

/* The same words as tokenize() reads, their hashes alone, into c->word_h
 * (the path of every item when no feature is kept): each word hashed as it
 * is read, the states after its last bytes kept so that the stemmer's cut
 * needs no second pass, and nothing written. */
static bool hash_words(osc_classifier *c, const char *text, size_t len, size_t *nw)
{
	const unsigned char *u = (const unsigned char *)text;
	*nw = 0;
	for (size_t i = 0; i < len;) {
		if (!word_byte[u[i]]) {
			i++;
			continue;
		}
		uint32_t h = FNV_START, at[4] = { FNV_START, 0, 0, 0 }, tail = 0;
		size_t n = 0;
		for (;;) {
			unsigned char b;
			while (i < len && (b = word_byte[u[i]]) != 0) {
				h = (h ^ b) * FNV_PRIME;
				at[++n & 3] = h; /* the state after n bytes */
				tail = tail << 8 | b;
				i++;
			}
			size_t k = inner_apostrophe(u, i, len);
			if (!k)
				break;
			i += k;
		}
		/* the stemmer's cut: the state after the bytes it keeps */
		bool y;
		size_t keep = stem_keep(n, tail & 0xFFFFFF, &y);
		h = at[keep & 3];
		if (y)
			h = (h ^ 'y') * FNV_PRIME;
		if (*nw == c->cap_word_h &&
		    !osc_grow(c->a, (void **)&c->word_h, &c->cap_word_h, *nw + 1, sizeof *c->word_h))
			return false;
		c->word_h[(*nw)++] = h;
	}
	return true;
}

static bool tokenize(osc_classifier *c, const char *text, size_t len, osc_buf *lw,
		     word **w, size_t *nw, size_t *cap)
{
	const unsigned char *u = (const unsigned char *)text;
	osc_buf_reset(lw);
	*nw = 0;
	/* the words are never longer than the text: write them in place */
	if (!osc_buf_reserve(lw, len + 1))
		return false;
	char *o = lw->data;
	for (size_t i = 0; i < len;) {
		if (!word_byte[u[i]]) {
			i++;
			continue;
		}
		char *start = o;
		for (;;) {
			unsigned char b;
			while (i < len && (b = word_byte[u[i]]) != 0)
				*o++ = (char)b, i++;
			size_t k = inner_apostrophe(u, i, len);
			if (!k)
				break;
			i += k;
		}
		size_t n = stem(start, (size_t)(o - start));
		o = start + n;
		if (*nw == *cap && !osc_grow(c->a, (void **)w, cap, *nw + 1, sizeof **w))
			return false;
		(*w)[(*nw)++] = (word){ (size_t)(start - lw->data), (unsigned)n,
					fnv(FNV_START, start, n) };
	}
	lw->len = (size_t)(o - lw->data);
	*o = '\0';
	return true;
}

/* The words' features (u:, and b: for each pair) into a model's sums, as
 * add() would add them, in the same order: the path of every item when
 * nothing is kept, with the model's probe and sums inline and the row's
 * width known (stride: the model's). */
static inline void word_rows_n(const osc_model *m, const uint32_t *wh, size_t nw, float tv,
			       float *acc, size_t stride)
{
	const uint32_t pu = prefix_hash[P_U], pb = prefix_hash[P_B];
	/* a word's two entries are asked for a few words ahead: the table
	 * is larger than the first-level cache, and the pairs' entries
	 * are scattered over it */
	enum { AHEAD = 4 };
	for (size_t i = 0; i < nw && i < AHEAD; i++) {
		__builtin_prefetch(osc_model_entry(m, mix(pu, wh[i]) & m->mask));
		if (i > 0)
			__builtin_prefetch(osc_model_entry(m, mix(mix(pb, wh[i - 1]), wh[i]) & m->mask));
	}
	for (size_t i = 0; i < nw; i++) {
		if (i + AHEAD < nw) {
			size_t k = i + AHEAD;
			__builtin_prefetch(osc_model_entry(m, mix(pu, wh[k]) & m->mask));
			__builtin_prefetch(osc_model_entry(m, mix(mix(pb, wh[k - 1]), wh[k]) & m->mask));
		}
		const unsigned char *row = osc_model_row(m, mix(pu, wh[i]));
		if (row)
			osc_model_add_row_n(row, tv, acc, stride);
		if (i > 0 && (row = osc_model_row(m, mix(mix(pb, wh[i - 1]), wh[i]))))
			osc_model_add_row_n(row, tv, acc, stride);
	}
}

static void word_rows(const osc_model *m, const uint32_t *wh, size_t nw, float tv, float *acc)
{
	if (m->stride == 24) /* the default model's 21 outputs */
		word_rows_n(m, wh, nw, tv, acc, 24);
	else
		word_rows_n(m, wh, nw, tv, acc, m->stride);
}

/* Each sentence's lean from its live cues, as the rules weigh them: the
 * first nl - 1 sentences' in lean[], and the last's (of ns) in lean[nl - 1]. */
static void sentence_leans(const osc_classifier *c, unsigned char *lean, size_t nl,
			   size_t ns, bool *late_contrast, bool *negated)
{
	memset(lean, LEAN_NONE, nl);
	*late_contrast = *negated = false;
	size_t i = 0;
	while (i < c->n_hits) {
		sentence_cues sc;
		unsigned sn = osc_sentence_cues(c, &i, &sc);
		double ss = sc.strength, cc = sc.concern;
		bool contrast = sc.contrast;
		*negated |= sc.negated;
		*late_contrast |= contrast && sn > 0;
		/* the first slots, and the last for the last sentence */
		size_t slot = sn + 1 < nl ? sn : sn + 1 == ns ? nl - 1 : nl;
		if (slot < nl)
			lean[slot] = ss > 0 && cc > 0 && contrast ? LEAN_BOTH
				   : ss > cc ? LEAN_STRENGTH : cc > 0 ? LEAN_CONCERN : LEAN_NONE;
	}
}

static const char *small_count(unsigned n)
{
	static const char *const v[] = { "0", "1", "2", "3" };
	return v[n < 3 ? n : 3];
}

bool osc_features(osc_classifier *c, const char *text, size_t len, osc_section sec,
		  osc_kind kind, const osc_rule_view *rv, osc_fvec *f)
{
	if (f->names)
		free_names(f);
	f->n = 0;
	f->oom = false;
	hash_prefixes();
	make_word_bytes();
	if (f->model)
		memset(f->acc, 0, f->model->stride * sizeof *f->acc);
	size_t ns = c->n_sent ? c->n_sent : 1;
	if (f->model && !f->keep) {
		size_t nw;
		if (!hash_words(c, text, len, &nw))
			return false;
		float tv = nw ? (float)(4.0 / sqrt((double)nw)) : 0;
		word_rows(f->model, c->word_h, nw, tv, f->acc);
	} else {
		osc_buf *lw = &f->scratch;
		if (!tokenize(c, text, len, lw, &c->words_v, &c->n_words_v, &c->cap_words_v))
			return false;
		const word *w = c->words_v;
		size_t nw = c->n_words_v;
		const char *l = lw->data;
		float tv = nw ? (float)(4.0 / sqrt((double)nw)) : 0;
		for (size_t i = 0; i < nw; i++) {
			const char *s = l + w[i].off;
			add(f, mix(prefix_hash[P_U], w[i].h), tv, "u:", s, w[i].len, NULL, 0);
			if (i > 0)
				add(f, mix(mix(prefix_hash[P_B], w[i - 1].h), w[i].h), tv, "b:",
				    l + w[i - 1].off, w[i - 1].len, s, w[i].len);
		}
	}

	/* what the rules found, per theme they scored */
	double lead = rv->n_top ? rv->top[0].score : 0;
	size_t all_hits = 0;
	for (size_t k = 0; k < rv->n_top; k++)
		all_hits += c->count[rv->top[k].theme];
	for (size_t k = 0; k < rv->n_top; k++) {
		int t = rv->top[k].theme;
		add_theme(f, c, P_RS, t, (float)log1p(rv->top[k].score));
		add_theme(f, c, P_RN, t, (float)log1p((double)c->count[t]));
		add_theme(f, c, P_RR, t, lead > 0 ? (float)(rv->top[k].score / lead) : 0);
		add_theme(f, c, P_RH, t, all_hits ? (float)c->count[t] / (float)all_hits : 0);
		if (rv->verdict[k] == OSC_VERDICT_KEPT)
			add_theme(f, c, P_RK, t, 1);
		if (k == 0)
			add_theme(f, c, P_R1, t, 1);
		if (c->anchored[t])
			add_theme(f, c, P_RA, t, 1);
		/* a hit in the first sentence (the item's subject); only in the
		 * last of several (a passing mention at the end); the share of
		 * the sentences it is in */
		if (c->t_first[t] == 0)
			add_theme(f, c, P_RF, t, 1);
		if (ns > 1 && c->t_first[t] == ns - 1)
			add_theme(f, c, P_RX, t, 1);
		add_theme(f, c, P_RO, t, (float)c->t_sents[t] / (float)ns);
	}

	add_str(f, P_SEC, osc_section_name(sec), 1);
	if (kind == OSC_KIND_INSPECTION_REPORT)
		add_str(f, P_KIND, "report", 1);

	/* polarity: the rules' decision and the sentences' leans */
	add_str(f, P_RP, osc_polarity_name(rv->polarity), 1);
	add_str(f, P_TS, small_count(rv->tally->strength), 1);
	add_str(f, P_TC, small_count(rv->tally->concern), 1);
	add_str(f, P_TB, small_count(rv->tally->both), 1);
	unsigned char lean_buf[64], *lean = lean_buf;
	size_t nl = ns < sizeof lean_buf ? ns : sizeof lean_buf;
	bool late_contrast, negated;
	sentence_leans(c, lean, nl, ns, &late_contrast, &negated);
	add_str(f, P_SF, lean_names[lean[0]], 1);
	if (ns > 1)
		add_str(f, P_SZ, lean_names[lean[nl - 1]], 1);
	if (late_contrast)
		add_str(f, P_CX, "late", 1);
	/* the turns between leaning sentences: "strength>concern" */
	unsigned char prev = LEAN_NONE;
	for (size_t k = 0; k < nl; k++) {
		if (lean[k] == LEAN_NONE)
			continue;
		if (prev != LEAN_NONE && prev != lean[k])
			add_pair(f, P_SQ, lean_names[prev], lean_names[lean[k]], 1);
		prev = lean[k];
	}
	unsigned leaning = rv->tally->strength + rv->tally->concern + rv->tally->both;
	if (leaning) {
		add_str(f, P_TQ, "concern", (float)(rv->tally->concern + rv->tally->both) / (float)leaning);
		add_str(f, P_TQ, "strength", (float)(rv->tally->strength + rv->tally->both) / (float)leaning);
	}
	if (negated)
		add_str(f, P_NG, "yes", 1);
	return !f->oom;
}
