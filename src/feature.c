/*
 * feature.c - the features of an item for the learned classifier
 * (docs/classifier.md), each named by a short prefix and hashed (FNV-1a) so
 * that no vocabulary is stored:
 *
 *   words      u:WORD, b:WORD WORD (neighbours), f:WORD (in the first
 *              sentence: the subject), l:WORD (in the last of several: a late
 *              "however"); each 1/sqrt(words in the item)
 *   rules      per theme the rules scored: rs:ID log(1 + score), rn:ID log(1 +
 *              hits), rk:ID kept by the rules, r1:ID ranked first, rf:ID a hit
 *              in the first sentence, ra:ID an anchor phrase
 *   context    sec:SECTION, kind:report
 *   polarity   rp:POLARITY (the rules'), ts:N tc:N tb:N (sentences leaning to
 *              strength, concern, both: 0-3), sf:LEAN and sz:LEAN (the first
 *              and last sentence's), cx:late (a contrast after the first
 *              sentence), ng:yes (a negated cue)
 *
 * Words are runs of ASCII letters and digits, lower case; an apostrophe
 * inside a word is dropped ("children's" is "childrens").
 */
#include "feature.h"

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

void osc_fvec_init(osc_fvec *f, const osc_allocator *a, bool names)
{
	memset(f, 0, sizeof *f);
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
	osc_buf_free(&f->scratch);
}

/* Add feature PREFIX A[ B] with value v. */
static void add(osc_fvec *f, const char *prefix, const char *a, size_t an,
		const char *b, size_t bn, float v)
{
	const osc_allocator *al = f->scratch.a;
	if (f->oom)
		return;
	if (f->n == f->cap && !osc_grow(al, (void **)&f->v, &f->cap, f->n + 1, sizeof *f->v)) {
		f->oom = true;
		return;
	}
	uint32_t h = fnv(fnv(FNV_START, prefix, strlen(prefix)), a, an);
	if (b)
		h = fnv(fnv(h, " ", 1), b, bn);
	if (f->names) {
		if (!osc_grow(al, (void **)&f->name, &f->cap_name, f->n + 1, sizeof *f->name)) {
			f->oom = true;
			return;
		}
		size_t len = strlen(prefix) + an + (b ? bn + 1 : 0) + 1;
		char *s = osc_malloc(al, len);
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

static void add_str(osc_fvec *f, const char *prefix, const char *s, float v)
{
	add(f, prefix, s, strlen(s), NULL, 0, v);
}

/* The item's words, lower case, into f->scratch: offsets and lengths in
 * w[], each one's sentence in ws[] (from c->sent). */
typedef struct word {
	size_t off;
	unsigned len, sentence;
} word;

static bool tokenize(osc_classifier *c, const char *text, size_t len, osc_buf *lw,
		     word **w, size_t *nw, size_t *cap)
{
	size_t sn = 0;
	osc_buf_clear(lw);
	*nw = 0;
	for (size_t i = 0; i < len;) {
		unsigned char ch = (unsigned char)text[i];
		if (!osc_key_char(ch)) {
			i++;
			continue;
		}
		while (sn + 1 < c->n_sent && c->sent[sn + 1] <= i)
			sn++;
		size_t off = lw->len;
		while (i < len) {
			ch = (unsigned char)text[i];
			if (osc_key_char(ch)) {
				osc_buf_addc(lw, osc_ascii_lower((char)ch));
				i++;
			} else if (ch == '\'' && i + 1 < len && osc_key_char((unsigned char)text[i + 1])) {
				i++;
			} else if (ch == 0xE2 && i + 3 < len && (unsigned char)text[i + 1] == 0x80 &&
				   (unsigned char)text[i + 2] == 0x99 &&
				   osc_key_char((unsigned char)text[i + 3])) {
				i += 3; /* U+2019 inside a word */
			} else {
				break;
			}
		}
		if (*nw == *cap && !osc_grow(c->a, (void **)w, cap, *nw + 1, sizeof **w))
			return false;
		(*w)[(*nw)++] = (word){ off, (unsigned)(lw->len - off), (unsigned)sn };
	}
	return !lw->failed;
}

/* Each sentence's lean from its live cues, as the rules weigh them: the
 * first nl - 1 sentences' in lean[], and the last's (of ns) in lean[nl - 1]. */
static void sentence_leans(const osc_classifier *c, unsigned char *lean, size_t nl,
			   size_t ns, bool *late_contrast, bool *negated)
{
	const osc_rules *r = c->r;
	memset(lean, LEAN_NONE, nl);
	*late_contrast = *negated = false;
	size_t i = 0;
	while (i < c->n_hits) {
		unsigned sn = c->hits[i].sentence;
		double ss = 0, cc = 0;
		bool contrast = false;
		for (; i < c->n_hits && c->hits[i].sentence == sn; i++) {
			const hit *h = &c->hits[i];
			if (h->dead)
				continue;
			if (h->kind == R_CONTRAST)
				contrast = true;
			if (h->kind != R_STRENGTH && h->kind != R_CONCERN)
				continue;
			*negated |= h->negated;
			if ((h->kind == R_STRENGTH) != h->negated)
				ss += r->rules[h->rule].weight;
			else
				cc += r->rules[h->rule].weight;
		}
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
	osc_buf *lw = &f->scratch;
	if (!tokenize(c, text, len, lw, &c->words_v, &c->n_words_v, &c->cap_words_v))
		return false;
	const word *w = c->words_v;
	size_t nw = c->n_words_v;
	const char *l = lw->data;
	size_t ns = c->n_sent ? c->n_sent : 1;
	float tv = nw ? (float)(1.0 / sqrt((double)nw)) : 0;
	for (size_t i = 0; i < nw; i++) {
		add(f, "u:", l + w[i].off, w[i].len, NULL, 0, tv);
		if (i > 0)
			add(f, "b:", l + w[i - 1].off, w[i - 1].len, l + w[i].off, w[i].len, tv);
		if (w[i].sentence == 0)
			add(f, "f:", l + w[i].off, w[i].len, NULL, 0, tv);
		else if (w[i].sentence == ns - 1)
			add(f, "l:", l + w[i].off, w[i].len, NULL, 0, tv);
	}

	/* what the rules found, per theme they scored */
	const osc_rules *r = c->r;
	double lead = rv->n_top ? rv->top[0].score : 0;
	size_t all_hits = 0;
	for (size_t k = 0; k < rv->n_top; k++)
		all_hits += c->count[rv->top[k].theme];
	for (size_t k = 0; k < rv->n_top; k++) {
		int t = rv->top[k].theme;
		const char *id = r->themes[t].id;
		add_str(f, "rs:", id, (float)log1p(rv->top[k].score));
		add_str(f, "rn:", id, (float)log1p((double)c->count[t]));
		add_str(f, "rr:", id, lead > 0 ? (float)(rv->top[k].score / lead) : 0);
		add_str(f, "rh:", id, all_hits ? (float)c->count[t] / (float)all_hits : 0);
		if (rv->verdict[k] == OSC_VERDICT_KEPT)
			add_str(f, "rk:", id, 1);
		if (k == 0)
			add_str(f, "r1:", id, 1);
		if (c->anchored[t])
			add_str(f, "ra:", id, 1);
	}
	for (size_t i = 0; i < c->n_hits; i++) {
		const hit *h = &c->hits[i];
		if (h->sentence > 0)
			break;
		if (!h->dead && h->kind == R_THEME) {
			/* once per theme: the first hit of it in the first sentence */
			bool seen = false;
			for (size_t j = 0; j < i && !seen; j++)
				seen = !c->hits[j].dead && c->hits[j].kind == R_THEME &&
				       c->hits[j].theme == h->theme;
			if (!seen)
				add_str(f, "rf:", r->themes[h->theme].id, 1);
		}
	}

	/* where a theme's hits sit: only in the last of several sentences (a
	 * passing mention at the end), and in how many of the sentences */
	for (size_t k = 0; k < rv->n_top; k++) {
		int t = rv->top[k].theme;
		size_t first = SIZE_MAX, sentences = 0, last_seen = SIZE_MAX;
		for (size_t i = 0; i < c->n_hits; i++) {
			const hit *h = &c->hits[i];
			if (h->dead || h->kind != R_THEME || h->theme != t)
				continue;
			if (first == SIZE_MAX)
				first = h->sentence;
			if (h->sentence != last_seen)
				sentences++, last_seen = h->sentence;
		}
		if (ns > 1 && first == ns - 1)
			add_str(f, "rx:", r->themes[t].id, 1);
		add_str(f, "ro:", r->themes[t].id, (float)sentences / (float)ns);
	}

	add_str(f, "sec:", osc_section_name(sec), 1);
	if (kind == OSC_KIND_INSPECTION_REPORT)
		add_str(f, "kind:", "report", 1);

	/* polarity: the rules' decision and the sentences' leans */
	add_str(f, "rp:", osc_polarity_name(rv->polarity), 1);
	add_str(f, "ts:", small_count(rv->tally->strength), 1);
	add_str(f, "tc:", small_count(rv->tally->concern), 1);
	add_str(f, "tb:", small_count(rv->tally->both), 1);
	unsigned char lean_buf[64], *lean = lean_buf;
	size_t nl = ns < sizeof lean_buf ? ns : sizeof lean_buf;
	bool late_contrast, negated;
	sentence_leans(c, lean, nl, ns, &late_contrast, &negated);
	add_str(f, "sf:", lean_names[lean[0]], 1);
	if (ns > 1)
		add_str(f, "sz:", lean_names[lean[nl - 1]], 1);
	if (late_contrast)
		add_str(f, "cx:", "late", 1);
	/* the turns between leaning sentences: "strength>concern" */
	unsigned char prev = LEAN_NONE;
	for (size_t k = 0; k < nl; k++) {
		if (lean[k] == LEAN_NONE)
			continue;
		if (prev != LEAN_NONE && prev != lean[k])
			add(f, "sq:", lean_names[prev], strlen(lean_names[prev]), lean_names[lean[k]],
			    strlen(lean_names[lean[k]]), 1);
		prev = lean[k];
	}
	unsigned leaning = rv->tally->strength + rv->tally->concern + rv->tally->both;
	if (leaning) {
		add_str(f, "tq:", "concern", (float)(rv->tally->concern + rv->tally->both) / (float)leaning);
		add_str(f, "tq:", "strength", (float)(rv->tally->strength + rv->tally->both) / (float)leaning);
	}
	if (negated)
		add_str(f, "ng:", "yes", 1);
	return !f->oom;
}
