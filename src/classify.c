/*
 * classify.c - tag an item with themes and a polarity.
 *
 * One pass of the combined rules program over the item finds every phrase
 * (each alternative carries a (*MARK) naming its rule).  A hit inside a
 * longer hit is dropped (the longer phrase is the more specific), and a
 * theme's hits inside one of its exclusions are dropped.  Each theme's score
 * is the sum of its hits' weights, counting more in the first sentence and
 * less for repeats, normalised for long items; themes at or above the
 * threshold are kept, highest first.  Polarity weighs the strength and
 * concern cues the same way (see docs/design.md, "Classifier").
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MATCH_LIMIT 2000000u
#define DEPTH_LIMIT 100000u

typedef struct hit {
	size_t start, end;
	unsigned rule;
	bool dead;
} hit;

typedef struct ranked {
	int theme;
	double score;
} ranked;

struct osc_classifier {
	const osc_rules *r;
	const osc_allocator *a;
	pcre2_general_context *gctx;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	hit *hits;
	size_t n_hits, cap_hits;
	double *score;      /* per theme */
	unsigned *count;    /* per theme: live hits */
	bool *anchored;     /* per theme: a hit of at least the anchor weight */
	bool *decisive;     /* per theme: a hit of at least the decisive weight */
	double *best;       /* per theme: its strongest single hit */
	ranked *rank;       /* per theme: scratch for sorting */
	bool oom;           /* the callout could not record a hit */
};

static bool add_hit(osc_classifier *c, size_t start, size_t end, unsigned idx)
{
	if (idx >= c->r->n_rules || end <= start)
		return true;
	/* the same rule over the same span, reached by another path */
	for (size_t i = c->n_hits; i > 0 && c->hits[i - 1].start == start; i--)
		if (c->hits[i - 1].rule == idx && c->hits[i - 1].end == end)
			return true;
	if (!osc_grow(c->a, (void **)&c->hits, &c->cap_hits, c->n_hits + 1, sizeof *c->hits))
		return false;
	c->hits[c->n_hits++] = (hit){ start, end, idx, false };
	return true;
}

/* Called by PCRE2 each time an alternative of an anchored program matches:
 * record it and let the match go on (to fail, and try the next one). */
static int on_callout(pcre2_callout_block *cb, void *data)
{
	osc_classifier *c = data;
	if (!cb->callout_string)
		return 0;
	unsigned idx = (unsigned)strtoul((const char *)cb->callout_string, NULL, 10);
	if (!add_hit(c, cb->start_match, cb->current_position, idx)) {
		c->oom = true;
		return PCRE2_ERROR_CALLOUT;
	}
	return 0;
}

osc_classifier *osc_classifier_new(const osc_rules *r, const osc_allocator *a)
{
	a = osc_alloc_or_default(a);
	osc_classifier *c = osc_malloc(a, sizeof *c);
	if (!c)
		return NULL;
	memset(c, 0, sizeof *c);
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
	if (!c->gctx || !c->md || !c->mc || !c->score || !c->count || !c->rank ||
	    !c->anchored || !c->best || !c->decisive) {
		osc_classifier_free(c);
		return NULL;
	}
	pcre2_set_callout(c->mc, on_callout, c);
	pcre2_set_match_limit(c->mc, MATCH_LIMIT);
	pcre2_set_depth_limit(c->mc, DEPTH_LIMIT);
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
	osc_free(c->a, c->score);
	osc_free(c->a, c->count);
	osc_free(c->a, c->rank);
	osc_free(c->a, c->anchored);
	osc_free(c->a, c->best);
	osc_free(c->a, c->decisive);
	osc_free(c->a, c);
}

/* Run one program from `off`: 1 it matched (at *start_out; the hit is added
 * when it names a rule), 0 no match, -1 out of memory, -2 a match limit. */
static int match_at(osc_classifier *c, const pcre2_code *re, const char *text,
		    size_t len, size_t off, size_t *start_out)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, c->md, c->mc);
	if (c->oom)
		return -1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT)
		return -2;
	if (rc == PCRE2_ERROR_NOMEMORY)
		return -1;
	if (rc < 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
	PCRE2_SPTR mark = pcre2_get_mark(c->md);
	size_t start = ov[0], end = ov[1];
	*start_out = start;
	if (!mark || end <= start)
		return 1;
	unsigned idx = (unsigned)strtoul((const char *)mark, NULL, 10);
	return add_hit(c, start, end, idx) ? 1 : -1;
}

static bool is_word_byte(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_';
}

/* Find every hit; false on allocation failure. */
static bool find_hits(osc_classifier *c, const char *text, size_t len,
		      bool *limit_hit)
{
	const osc_rules *r = c->r;
	c->n_hits = 0;
	c->oom = false;
	/* patterns without a literal key: scan the whole text, restarting
	 * one character after each hit so that overlapping hits are found */
	for (size_t p = 0; p < r->n_scan; p++) {
		size_t off = 0;
		while (off < len) {
			size_t start = 0;
			int rc = match_at(c, r->progs[p], text, len, off, &start);
			if (rc == -1)
				return false;
			if (rc == -2)
				*limit_hit = true;
			if (rc != 1)
				break;
			off = start + 1;
			while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
				off++;
		}
	}
	/* keyed phrases: at each word start, the programs for its key */
	if (!r->n_buckets)
		return true;
	for (size_t i = 0; i < len; i++) {
		if (!is_word_byte((unsigned char)text[i]) || (i && is_word_byte((unsigned char)text[i - 1])))
			continue;
		char key[OSC_KEY_MAX];
		size_t kl = osc_rule_key(text + i, len - i, key);
		for (size_t k = kl; k > 0; k--) {
			if (!(r->key_lens & (1u << k)))
				continue;
			const key_bucket *kb = osc_rules_bucket(r, key, k);
			if (!kb)
				continue;
			for (size_t p = kb->first_prog; p < kb->end_prog; p++) {
				size_t start;
				int rc = match_at(c, r->progs[p], text, len, i, &start);
				if (rc == -1)
					return false;
				if (rc == -2)
					*limit_hit = true;
			}
		}
	}
	return true;
}

static bool is_cue(rkind k)
{
	return k == R_STRENGTH || k == R_CONCERN || k == R_CONTRAST;
}

/* A hit inside a longer hit of its own class is dropped (the longer phrase
 * is the more specific: "not effective" hides "effective"); a theme's hits
 * inside one of its exclusions are dropped. */
static void suppress(osc_classifier *c)
{
	const rule *rules = c->r->rules;
	for (size_t i = 0; i < c->n_hits; i++) {
		hit *h = &c->hits[i];
		const rule *rh = &rules[h->rule];
		if (rh->kind == R_EXCLUDE)
			continue;
		for (size_t j = 0; j < c->n_hits && !h->dead; j++) {
			const hit *g = &c->hits[j];
			const rule *rg = &rules[g->rule];
			if (i == j || g->start > h->start || g->end < h->end)
				continue;
			size_t gl = g->end - g->start, hl = h->end - h->start;
			if (rg->kind == R_EXCLUDE)
				h->dead = rh->kind == R_THEME && rg->theme == rh->theme;
			else if (is_cue(rg->kind) != is_cue(rh->kind))
				continue;
			else if (gl > hl)
				h->dead = true;
			else if (gl == hl && j < i && rg->kind == rh->kind && rg->theme == rh->theme)
				h->dead = true; /* the same span twice */
		}
	}
}

/* Where the first sentence ends. */
static size_t first_sentence_end(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if ((s[i] == '.' || s[i] == ';' || s[i] == '?') && s[i + 1] == ' ')
			return i;
	return n;
}

static size_t count_words(const char *s, size_t n)
{
	size_t w = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool sp = s[i] == ' ';
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->theme - y->theme;
}

static bool same_evidence(const char *a, const char *b, size_t n)
{
	return strlen(a) == n && osc_starts_with_ci(a, n, b) && osc_starts_with_ci(b, n, a);
}

osc_status osc_classify(osc_classifier *c, osc_arena *ar, osc_section sec,
			const char *text, size_t len, osc_item *item,
			bool *limit_hit)
{
	const osc_rules *r = c->r;
	item->n_themes = 0;
	item->themes = NULL;
	item->polarity = OSC_NEUTRAL;
	if (!find_hits(c, text, len, limit_hit))
		return OSC_ENOMEM;
	suppress(c);

	size_t fs = first_sentence_end(text, len);
	size_t words = count_words(text, len);
	double norm = words > 80 ? 1.0 + (double)(words - 80) / 160.0 : 1.0;
	memset(c->score, 0, r->n_themes * sizeof *c->score);
	memset(c->count, 0, r->n_themes * sizeof *c->count);
	memset(c->anchored, 0, r->n_themes * sizeof *c->anchored);
	memset(c->best, 0, r->n_themes * sizeof *c->best);
	memset(c->decisive, 0, r->n_themes * sizeof *c->decisive);
	double strength = 0, concern = 0;
	bool contrast = false;
	for (size_t i = 0; i < c->n_hits; i++) {
		const hit *h = &c->hits[i];
		if (h->dead)
			continue;
		const rule *ru = &r->rules[h->rule];
		double pos = h->start < fs ? r->first_sentence : 1.0;
		switch (ru->kind) {
		case R_THEME: {
			double w = ru->weight * pos;
			if (w > c->best[ru->theme])
				c->best[ru->theme] = w;
			/* repeats of a theme count less and less */
			w /= 1.0 + 0.5 * c->count[ru->theme];
			c->score[ru->theme] += w;
			c->count[ru->theme]++;
			if (ru->weight >= r->anchor)
				c->anchored[ru->theme] = true;
			if (ru->weight >= r->decisive)
				c->decisive[ru->theme] = true;
			break;
		}
		case R_STRENGTH: strength += ru->weight; break;
		case R_CONCERN: concern += ru->weight; break;
		case R_CONTRAST: contrast = true; break;
		case R_EXCLUDE: break;
		}
	}

	/* themes over the threshold, best first */
	ranked *top = c->rank;
	size_t nt = 0;
	for (size_t t = 0; t < r->n_themes; t++) {
		/* a long item's many passing mentions count less, not its
		 * strongest one */
		double s = c->best[t] + (c->score[t] - c->best[t]) / norm;
		if (s >= r->threshold && c->anchored[t])
			top[nt++] = (ranked){ (int)t, s };
	}
	qsort(top, nt, sizeof *top, cmp_ranked);
	/* a theme far below the item's main one is a passing mention,
	 * unless one of its phrases is decisive */
	size_t keep = 0;
	for (size_t k = 0; k < nt && keep < (size_t)r->max_themes; k++)
		if (top[k].score >= r->relative * top[0].score || c->decisive[top[k].theme])
			top[keep++] = top[k];
	nt = keep;
	if (nt) {
		osc_theme_hit *th = osc_arena_alloc(ar, nt * sizeof *th);
		if (!th)
			return OSC_ENOMEM;
		for (size_t k = 0; k < nt; k++) {
			int t = top[k].theme;
			size_t ne = 0;
			const char **ev = osc_arena_alloc(ar, (c->count[t] + 1) * sizeof *ev);
			if (!ev)
				return OSC_ENOMEM;
			for (size_t i = 0; i < c->n_hits; i++) {
				const hit *h = &c->hits[i];
				const rule *ru = &r->rules[h->rule];
				if (h->dead || ru->kind != R_THEME || ru->theme != t)
					continue;
				bool dup = false;
				for (size_t e = 0; e < ne && !dup; e++)
					dup = same_evidence(ev[e], text + h->start, h->end - h->start);
				if (dup)
					continue;
				ev[ne] = osc_arena_strndup(ar, text + h->start, h->end - h->start);
				if (!ev[ne])
					return OSC_ENOMEM;
				ne++;
			}
			th[k] = (osc_theme_hit){ t, round(top[k].score * 100) / 100, ne, ev };
		}
		item->themes = th;
		item->n_themes = nt;
	}

	if (sec != OSC_SECTION_FINDINGS) {
		/* improvement points and priority actions are concerns unless
		 * their words are all positive */
		item->polarity = strength > 0 && concern == 0 && strength >= 2 * r->threshold
					 ? OSC_STRENGTH : OSC_CONCERN;
	} else if (strength == 0 && concern == 0) {
		item->polarity = OSC_NEUTRAL;
	} else if (concern == 0) {
		item->polarity = OSC_STRENGTH;
	} else if (strength == 0) {
		item->polarity = OSC_CONCERN;
	} else {
		double lo = strength < concern ? strength : concern;
		double hi = strength < concern ? concern : strength;
		/* both sides real: comparable weight, or a contrast ("however")
		 * joining them */
		if (lo >= 0.8 * hi || (contrast && lo >= 2 && lo >= hi / 3))
			item->polarity = OSC_MIXED;
		else
			item->polarity = strength > concern ? OSC_STRENGTH : OSC_CONCERN;
	}
	return OSC_OK;
}
