/*
 * classify.c - tag an item with themes and a polarity.
 *
 * Matching: every phrase of every rule is found (see find_hits).  A match
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
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules_internal.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#define MATCH_LIMIT 2000000u
#define DEPTH_LIMIT 100000u

typedef struct hit {
	size_t start, end;
	unsigned rule;
	unsigned sentence;
	double counted;
	int theme;          /* the rule's, copied for the passes over hits */
	unsigned char kind; /* the rule's rkind, likewise */
	bool dead;
	bool negated;
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
	size_t n_word_hits; /* hits[0, n_word_hits) from word starts, the rest regex scans */
	hit *merge;         /* scratch for sorting */
	size_t cap_merge;
	int *slot;          /* per theme: its place among the kept, or -1 */
	struct evslot {     /* per kept theme */
		const char **ev;  /* its evidence strings */
		size_t base;      /* where its hits start in evspan */
	} *evslot;
	const hit **evspan; /* scratch: each kept theme's evidence so far */
	size_t cap_evspan;
	double *score;      /* per theme */
	unsigned *count;    /* per theme: live hits */
	bool *anchored;     /* per theme: a hit of at least the anchor weight */
	bool *decisive;     /* per theme: a hit of at least the decisive weight */
	double *best;       /* per theme: its strongest single hit */
	ranked *rank;       /* per theme: scratch for sorting */
	osc_verdict *verdict; /* per theme: why kept or cut */
	bool oom;           /* the callout could not record a hit */
	size_t *sent;       /* sentence start offsets of the current item */
	size_t n_sent, cap_sent;
	bool explain;
	size_t words;       /* in the current item */
};

static bool add_hit(osc_classifier *c, size_t start, size_t end, unsigned idx)
{
	if (idx >= c->r->n_rules || end <= start)
		return true;
	/* the same rule over the same span, reached by another path */
	for (size_t i = c->n_hits; i > 0 && c->hits[i - 1].start == start; i--)
		if (c->hits[i - 1].rule == idx && c->hits[i - 1].end == end)
			return true;
	if (c->n_hits == c->cap_hits &&
	    !osc_grow(c->a, (void **)&c->hits, &c->cap_hits, c->n_hits + 1, sizeof *c->hits))
		return false;
	const rule *ru = &c->r->rules[idx];
	c->hits[c->n_hits++] = (hit){ start, end, idx, 0, 0, ru->theme, (unsigned char)ru->kind, false, false };
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
	if (!c->gctx || !c->md || !c->mc || !c->score || !c->count || !c->rank ||
	    !c->anchored || !c->best || !c->decisive || !c->verdict || !c->slot || !c->evslot) {
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
	osc_free(c->a, c->evspan);
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

/* Byte classes for the one pass over an item; B_WORD: ASCII letters,
 * digits and '_'. */
enum { B_WORD = 1, B_SPACE = 2, B_STOP = 4 };
static const unsigned char byte_class[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	[' '] = B_SPACE, ['.'] = B_STOP, ['?'] = B_STOP, ['!'] = B_STOP, [';'] = B_STOP,
};

static bool is_sep(unsigned char ch)
{
	return ch == ' ' || ch == '-' || ch == '\t' || ch == '\n' || ch == '\r' ||
	       ch == '\f' || ch == '\v';
}

/* Walk the phrase trie from `node` at text position `pos` for the match
 * that started at `start`: every rule ending on the way is a hit.  A
 * separator edge skips the whole run (as [\s-]*+ did), and may skip none. */
static bool trie_walk(osc_classifier *c, const unsigned char *u, size_t len, size_t start,
		      int32_t node, size_t pos)
{
	const osc_rules *r = c->r;
	for (;;) {
		const trie_node *n = &r->tnodes[node];
		/* the fast lane: a run of one-child nodes (a phrase's tail),
		 * each child laid out right after its parent */
		while (pos < len && r->tclass[u[pos]] == n->lane) {
			n++;
			pos++;
		}
		for (int32_t k = n->term; k >= 0; k = r->tterms[k].next) {
			const trie_term *t = &r->tterms[k];
			size_t end = pos;
			if (t->star)
				while (end < len && byte_class[u[end]] == B_WORD)
					end++;
			else if (t->boundary && pos < len && byte_class[u[pos]] == B_WORD)
				continue;
			if (!add_hit(c, start, end, t->rule))
				return false;
		}
		if (n->sep >= 0) {
			size_t p = pos;
			while (p < len && is_sep(u[p]))
				p++;
			/* nothing else to follow, or nothing else can follow here
			 * (a separator has no class of its own): no recursion */
			if (!n->n_edges || (p > pos && !r->tclass[u[pos]])) {
				node = n->sep;
				pos = p;
				continue;
			}
			if (!trie_walk(c, u, len, start, n->sep, p))
				return false;
		}
		if (pos >= len || !n->n_edges)
			return true;
		unsigned cls = r->tclass[u[pos]];
		size_t adv = 1;
		if (cls == OSC_TCLASS_E2) {
			if (pos + 2 >= len || u[pos + 1] != 0x80 || u[pos + 2] != 0x99)
				return true;
			cls = r->tapos;
			adv = 3;
		}
		int32_t next = -1;
		if (!cls) {
			return true;
		} else if (n->n_edges == 1) {
			if (n->ch == cls)
				next = (int32_t)n->edges;
		} else if (n->n_edges >= OSC_TRIE_DENSE) {
			next = r->tdense[(size_t)n->edges * r->tclasses + cls];
		} else {
			const trie_edge *e = r->tedges + n->edges;
			for (uint32_t k = 0; k < n->n_edges; k++)
				if (e[k].ch == cls) {
					next = e[k].child;
					break;
				}
		}
		if (next < 0)
			return true;
		node = next;
		pos += adv;
	}
}

static bool is_upper_start(const unsigned char *s, size_t n)
{
	unsigned char ch = s[0];
	if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '(' || ch == '"' || ch == '\'')
		return true;
	/* ‘ “ */
	return n >= 3 && ch == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x9C);
}

/* After the stop at s[i] (. ? ! or ;): the start of the next sentence, or
 * 0.  A sentence starts after a closing quote and a space before a capital,
 * and after every semicolon. */
static size_t sentence_after(const unsigned char *s, size_t n, size_t i)
{
	size_t j = i + 1;
	if (j + 2 < n && s[j] == 0xE2 && s[j + 1] == 0x80 && (s[j + 2] == 0x99 || s[j + 2] == 0x9D))
		j += 3;
	else if (j < n && (s[j] == '\'' || s[j] == '"'))
		j++;
	if (j >= n || s[j] != ' ')
		return 0;
	while (j < n && s[j] == ' ')
		j++;
	if (j >= n || (s[i] != ';' && !is_upper_start(s + j, n - j)))
		return 0;
	return j;
}

/* The masks of 64 bytes from p: bit k of *word is set when p[k] is a word
 * byte (ASCII letter, digit, '_'), of *space when a space, of *stop when
 * one of . ? ! ; */
static void block_masks(const unsigned char *p, uint64_t *word, uint64_t *space,
			uint64_t *stop)
{
	uint64_t w = 0, s = 0, t = 0;
#ifdef __SSE2__
	const __m128i a = _mm_set1_epi8('a' - 1), z = _mm_set1_epi8('z' + 1);
	const __m128i d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
	const __m128i low = _mm_set1_epi8(0x20), us = _mm_set1_epi8('_');
	const __m128i sp = _mm_set1_epi8(' '), dot = _mm_set1_epi8('.');
	const __m128i qm = _mm_set1_epi8('?'), ex = _mm_set1_epi8('!'), sc = _mm_set1_epi8(';');
	for (unsigned k = 0; k < 64; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
		__m128i l = _mm_or_si128(v, low); /* A-Z to a-z; no other byte lands there */
		__m128i m = _mm_and_si128(_mm_cmpgt_epi8(l, a), _mm_cmplt_epi8(l, z));
		m = _mm_or_si128(m, _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d9)));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, us));
		__m128i e = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, qm)),
					 _mm_or_si128(_mm_cmpeq_epi8(v, ex), _mm_cmpeq_epi8(v, sc)));
		w |= (uint64_t)(unsigned)_mm_movemask_epi8(m) << k;
		s |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp)) << k;
		t |= (uint64_t)(unsigned)_mm_movemask_epi8(e) << k;
	}
#else
	for (unsigned k = 0; k < 64; k++) {
		unsigned b = byte_class[p[k]];
		w |= (uint64_t)(b == B_WORD) << k;
		s |= (uint64_t)(b == B_SPACE) << k;
		t |= (uint64_t)(b == B_STOP) << k;
	}
#endif
	*word = w, *space = s, *stop = t;
}

/* The phrases that start at the word start w: the trie, then the PCRE2
 * programs for the word's key (phrases the trie does not take).  False on
 * allocation failure. */
static bool word_hits(osc_classifier *c, const char *text, size_t len, size_t w,
		      unsigned run, bool *limit_hit)
{
	const osc_rules *r = c->r;
	const unsigned char *u = (const unsigned char *)text;
	int32_t root = r->tnodes ? r->troot[u[w]] : -1;
	if (root >= 0 && !r->tfirst[u[w]]) {
		/* the start filter: most words begin no phrase */
		uint32_t b = len - w >= 4 ? osc_tstart_bit4(u + w, run) : osc_tstart_bit(u + w, run);
		if (!(r->tstart[b / 64] >> (b % 64) & 1))
			root = -1;
	}
	if (root >= 0) {
		/* two characters at once where the first is a plain step */
		size_t at = w + 1;
		unsigned c2 = w + 1 < len ? r->tclass[u[w + 1]] : OSC_TCLASS_E2;
		if (c2 != OSC_TCLASS_E2) {
			int32_t d2 = r->tdepth2[r->tclass[u[w]] * r->tclasses + c2];
			if (d2 != -2) {
				root = d2;
				at = w + 2;
			}
		}
		if (root >= 0 && !trie_walk(c, u, len, w, root, at))
			return false;
	}
	if (!r->key_first[u[w]])
		return true;
	char key[OSC_KEY_MAX];
	size_t kl = osc_rule_key(text + w, len - w, key);
	for (size_t k = kl; k > 0; k--) {
		if (!(r->key_lens & (1u << k)))
			continue;
		const key_bucket *kb = osc_rules_bucket(r, key, k);
		if (!kb)
			continue;
		for (size_t p = kb->first_prog; p < kb->end_prog; p++) {
			size_t start;
			int rc = match_at(c, r->progs[p], text, len, w, &start);
			if (rc == -1)
				return false;
			if (rc == -2)
				*limit_hit = true;
		}
	}
	return true;
}

/* One pass over the item, 64 bytes at a time: every hit, the sentence
 * starts and the word count (words as runs of non-spaces, for the length
 * normalisation); false on allocation failure. */
static bool find_hits(osc_classifier *c, const char *text, size_t len,
		      bool *limit_hit)
{
	const osc_rules *r = c->r;
	const unsigned char *u = (const unsigned char *)text;
	c->n_hits = 0;
	c->n_sent = 0;
	c->oom = false;
	if (!osc_grow(c->a, (void **)&c->sent, &c->cap_sent, 1, sizeof *c->sent))
		return false;
	c->sent[c->n_sent++] = 0;
	size_t words = 0;
	uint64_t prev_word = 0, prev_space = 1; /* the bit before the block */
	for (size_t base = 0; base < len; base += 64) {
		uint64_t wm, sm, tm;
		if (len - base >= 64) {
			block_masks(u + base, &wm, &sm, &tm);
		} else { /* the last block, padded with bytes of no class */
			unsigned char pad[64] = { 0 };
			memcpy(pad, u + base, len - base);
			block_masks(pad, &wm, &sm, &tm);
		}
		/* a word (for the count) starts at a non-space after a space */
		uint64_t valid = len - base >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (len - base)) - 1;
		words += (size_t)__builtin_popcountll(~sm & valid & ((sm << 1) | prev_space));
		prev_space = sm >> 63;
		for (uint64_t t = tm; t; t &= t - 1) {
			size_t i = base + (size_t)__builtin_ctzll(t);
			size_t j = sentence_after(u, len, i);
			if (!j)
				continue;
			if (!osc_grow(c->a, (void **)&c->sent, &c->cap_sent, c->n_sent + 1, sizeof *c->sent))
				return false;
			c->sent[c->n_sent++] = j;
		}
		uint64_t starts = wm & ~((wm << 1) | prev_word);
		prev_word = wm >> 63;
		for (; starts; starts &= starts - 1) {
			unsigned bit = (unsigned)__builtin_ctzll(starts);
			size_t w = base + bit;
			/* the word's length, up to 4 */
			unsigned run;
			if (bit <= 60) {
				run = (unsigned)(~(wm >> bit)) & 0xF;
				run = run ? (unsigned)__builtin_ctz(run) : 4;
			} else {
				run = 1;
				while (run < 4 && w + run < len && byte_class[u[w + run]] == B_WORD)
					run++;
			}
			if (!word_hits(c, text, len, w, run, limit_hit))
				return false;
		}
	}
	c->words = words;
	c->n_word_hits = c->n_hits;
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
			while (off < len && (u[off] & 0xC0) == 0x80)
				off++;
		}
	}
	return true;
}

/* Polarity cues compete among themselves; a neutral term is one of them,
 * so that the cues inside it are dropped, but it counts for nothing. */
static bool is_cue(rkind k)
{
	return k == R_STRENGTH || k == R_CONCERN || k == R_CONTRAST || k == R_NEUTRAL;
}

/* A hit inside a longer hit of its own class is dropped (the longer phrase
 * is the more specific: "not effective" hides "effective"); a theme's hits
 * inside one of its exclusions are dropped.  Negators stand apart. */
static void suppress(osc_classifier *c)
{
	const rule *rules = c->r->rules;
	size_t maxlen = 0;
	for (size_t i = 0; i < c->n_hits; i++)
		if (c->hits[i].end - c->hits[i].start > maxlen)
			maxlen = c->hits[i].end - c->hits[i].start;
	/* hits are sorted by start: only those starting at most the longest
	 * hit's length earlier, or at the same place, can contain a hit */
	size_t lo = 0; /* the first hit starting at most maxlen before */
	for (size_t i = 0; i < c->n_hits; i++) {
		hit *h = &c->hits[i];
		while (h->start - c->hits[lo].start > maxlen)
			lo++;
		if (h->kind == R_EXCLUDE || h->kind == R_NEGATOR)
			continue;
		for (size_t j = lo; j < c->n_hits && !h->dead; j++) {
			const hit *g = &c->hits[j];
			if (g->start > h->start)
				break;
			if (i == j || g->kind == R_NEGATOR || g->end < h->end)
				continue;
			size_t gl = g->end - g->start, hl = h->end - h->start;
			if (g->kind == R_EXCLUDE)
				h->dead = h->kind == R_THEME && g->theme == h->theme;
			else if (is_cue(g->kind) != is_cue(h->kind))
				continue;
			else if (gl > hl)
				h->dead = true;
			else if (gl == hl && g->kind == h->kind && g->theme == h->theme) {
				double gw = rules[g->rule].weight, hw = rules[h->rule].weight;
				/* the same span twice: the heavier rule counts */
				h->dead = gw > hw || (gw == hw && j < i);
			}
		}
	}
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

/* Turn each cue that a live negator precedes by at most the window's words
 * in its sentence, unless the negator is part of a cue itself ("not only",
 * "not always" are cues of their own). */
static bool inside_cue(const osc_classifier *c, size_t neg)
{
	size_t pos = c->hits[neg].start;
	/* sorted by start: a containing cue starts here or a little before */
	for (size_t m = neg + 1; m < c->n_hits && c->hits[m].start == pos; m++) {
		rkind k = c->hits[m].kind;
		if (!c->hits[m].dead && (k == R_STRENGTH || k == R_CONCERN || k == R_NEUTRAL))
			return true;
	}
	for (size_t m = neg; m > 0 && pos - c->hits[m - 1].start < 64; m--) {
		const hit *q = &c->hits[m - 1];
		rkind k = q->kind;
		if (!q->dead && (k == R_STRENGTH || k == R_CONCERN || k == R_NEUTRAL) && q->end > pos)
			return true;
	}
	return false;
}

static void negate(osc_classifier *c, const char *text)
{
	const osc_rules *r = c->r;
	size_t last = (size_t)-1; /* the latest negator that is not part of a cue */
	for (size_t i = 0; i < c->n_hits; i++) {
		hit *h = &c->hits[i];
		rkind k = h->kind;
		if (k == R_NEGATOR) {
			if (!inside_cue(c, i))
				last = i;
			continue;
		}
		if (h->dead || (k != R_STRENGTH && k != R_CONCERN) || last == (size_t)-1)
			continue;
		const hit *g = &c->hits[last];
		/* a window of w words is never more than a few dozen bytes per
		 * word: bound the count */
		h->negated = g->end <= h->start && g->sentence == h->sentence &&
			     h->start - g->end <= 40 * ((size_t)r->negation_window + 1) &&
			     count_words(text + g->end, h->start - g->end) <= (size_t)r->negation_window;
	}
}

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->theme - y->theme;
}

static int cmp_hit_start(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? 1 : -1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* By start, longer first, then by rule.  The word starts' hits come in
 * nearly that order (a walk's hits at one start shortest first), which
 * insertion sort puts right in about linear time; the regex scans' hits
 * are sorted apart and merged in.  False on allocation failure. */
static bool sort_hits(osc_classifier *c)
{
	hit *h = c->hits;
	size_t n = c->n_hits, nw = c->n_word_hits;
	for (size_t i = 1; i < nw; i++) {
		if (cmp_hit_start(&h[i - 1], &h[i]) <= 0)
			continue;
		hit x = h[i];
		size_t j = i;
		while (j > 0 && cmp_hit_start(&h[j - 1], &x) > 0) {
			h[j] = h[j - 1];
			j--;
		}
		h[j] = x;
	}
	if (n == nw)
		return true;
	qsort(h + nw, n - nw, sizeof *h, cmp_hit_start);
	if (!osc_grow(c->a, (void **)&c->merge, &c->cap_merge, n, sizeof *c->merge))
		return false;
	size_t a = 0, b = nw, o = 0;
	while (a < nw && b < n)
		c->merge[o++] = cmp_hit_start(&h[b], &h[a]) < 0 ? h[b++] : h[a++];
	while (a < nw)
		c->merge[o++] = h[a++];
	while (b < n)
		c->merge[o++] = h[b++];
	memcpy(h, c->merge, n * sizeof *h);
	return true;
}

/* Per-sentence polarity tallies. */
typedef struct tally {
	unsigned strength, concern, both;
	const char *rule; /* for --explain */
} tally;

/*
 * Does an improvement point declare something ("The response to allegations
 * is mostly robust.") rather than name what must improve ("The effective
 * oversight of early help cases, so that cases are held at the right
 * level")?  Improvement points are written as the state to reach, in
 * positive words; only a declaration in its first sentence, before any
 * "so that" or "which", can make one a strength.
 */
static bool declares(const char *s, size_t n)
{
	size_t end = 0;
	while (end < n && !(s[end] == '.' && (end + 1 == n || s[end + 1] == ' ')))
		end++;
	static const char *const verbs[] = { " is ", " are ", " has been ", " have been ",
					     " benefit ", " benefits " };
	static const char *const subordinate[] = { "so that", "to ensure", "in order to",
						   "which", " who ", " that ", " when ", " where " };
	/* "How well staff understand ...", "The extent to which ..." */
	if (osc_starts_with_ci(s, n, "How ") || osc_starts_with_ci(s, n, "Whether ") ||
	    osc_starts_with_ci(s, n, "The extent "))
		return false;
	long verb = -1;
	for (size_t i = 0; i < OSC_ARRAY_LEN(verbs); i++) {
		long at = osc_find_ci(s, end, verbs[i], NULL);
		if (at >= 0 && (verb < 0 || at < verb))
			verb = at;
	}
	if (verb < 0)
		return false;
	for (size_t i = 0; i < OSC_ARRAY_LEN(subordinate); i++)
		if (osc_find_ci(s, (size_t)verb + 1, subordinate[i], NULL) >= 0)
			return false;
	return true;
}

static osc_polarity decide_polarity(osc_classifier *c, osc_section sec,
				    const char *text, size_t len, tally *t)
{
	const osc_rules *r = c->r;
	double s_all = 0, c_all = 0;
	/* a sentence of each side that turns on a contrast ("Take-up,
	 * however, remains too low") with cues of at least pivot */
	bool pivot_s = false, pivot_c = false;
	*t = (tally){ 0, 0, 0, NULL };
	/* hits are in text order, so each sentence's run is contiguous */
	size_t i = 0;
	while (i < c->n_hits) {
		unsigned sn = c->hits[i].sentence;
		double ss = 0, cc = 0;
		bool contrast = false;
		for (; i < c->n_hits && c->hits[i].sentence == sn; i++) {
			const hit *h = &c->hits[i];
			rkind k = h->kind;
			if (h->dead)
				continue;
			if (k == R_CONTRAST)
				contrast = true;
			if (k != R_STRENGTH && k != R_CONCERN)
				continue;
			bool pos = (k == R_STRENGTH) != h->negated;
			if (pos)
				ss += r->rules[h->rule].weight;
			else
				cc += r->rules[h->rule].weight;
		}
		s_all += ss;
		c_all += cc;
		bool pivots = contrast && r->pivot > 0;
		if (ss > 0 && cc > 0 && contrast) {
			t->both++;
		} else if (ss > cc) {
			t->strength++;
			pivot_s |= pivots && ss >= r->pivot;
		} else if (cc > 0) {
			t->concern++;
			pivot_c |= pivots && cc >= r->pivot;
		}
	}
	if (sec != OSC_SECTION_FINDINGS) {
		/* improvement points and priority actions are concerns unless
		 * their words are all clearly positive */
		bool pos = s_all > 0 && c_all == 0 && s_all >= r->improvement_strength &&
			   declares(text, len);
		t->rule = pos ? "an improvement point that declares a strength: its cues all strengths, at least improvement-strength"
			      : "an improvement point: a concern unless it declares a strength";
		return pos ? OSC_STRENGTH : OSC_CONCERN;
	}
	unsigned pos = t->strength + t->both, neg = t->concern + t->both;
	if (pos == 0 && neg == 0) {
		t->rule = "no evaluative cues";
		return OSC_NEUTRAL;
	}
	if (neg == 0 || pos == 0) {
		t->rule = neg == 0 ? "only strength sentences" : "only concern sentences";
		return neg == 0 ? OSC_STRENGTH : OSC_CONCERN;
	}
	unsigned lo = pos < neg ? pos : neg, hi = pos < neg ? neg : pos;
	if ((double)lo >= r->mixed_ratio * hi) {
		t->rule = "sentences both ways, the minority at least mixed-ratio of the majority";
		return OSC_MIXED;
	}
	if (pos < neg ? pivot_s : pivot_c) {
		t->rule = "sentences both ways, the minority turning on a contrast with cues of at least pivot";
		return OSC_MIXED;
	}
	t->rule = "sentences both ways, the minority below mixed-ratio: the majority decides";
	return pos > neg ? OSC_STRENGTH : OSC_CONCERN;
}

static osc_status build_explain(osc_classifier *c, osc_arena *ar, const char *text,
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
		[R_THEME] = OSC_MATCH_THEME, [R_EXCLUDE] = OSC_MATCH_EXCLUDE,
		[R_STRENGTH] = OSC_MATCH_STRENGTH, [R_CONCERN] = OSC_MATCH_CONCERN,
		[R_CONTRAST] = OSC_MATCH_CONTRAST, [R_NEGATOR] = OSC_MATCH_NEGATOR,
		[R_NEUTRAL] = OSC_MATCH_NEUTRAL,
	};
	for (size_t i = 0; i < c->n_hits; i++) {
		const hit *h = &c->hits[i];
		const rule *ru = &r->rules[h->rule];
		const char *tx = osc_arena_strndup(ar, text + h->start, h->end - h->start);
		if (!tx)
			return OSC_ENOMEM;
		unsigned fl = (h->dead ? OSC_MATCH_SUPPRESSED : 0) |
			      (h->negated ? OSC_MATCH_NEGATED : 0);
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

/* Each kept theme's evidence: its live matches' texts, first occurrence
 * of each (compared without case), in text order.  One pass over the hits;
 * false on allocation failure. */
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
		if (c->verdict[k] != OSC_KEPT)
			continue;
		int t = top[k].theme;
		const char **ev = osc_arena_alloc(ar, (c->count[t] + 1) * sizeof *ev);
		if (!ev)
			return false;
		th[out] = (osc_theme_hit){ t, round(top[k].score * 100) / 100, 0, ev };
		c->evslot[out] = (struct evslot){ ev, base };
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
		if (dup)
			continue;
		const char *str = osc_arena_strndup(ar, text + h->start, n);
		if (!str)
			return false;
		sp[x->n_evidence] = h;
		c->evslot[s].ev[x->n_evidence++] = str;
	}
	item->themes = th;
	item->n_themes = kept;
	return true;
}

osc_status osc_classify(osc_classifier *c, osc_arena *ar, osc_section sec,
			const char *text, size_t len, osc_item *item,
			bool *limit_hit)
{
	const osc_rules *r = c->r;
	item->n_themes = 0;
	item->themes = NULL;
	item->explain = NULL;
	item->polarity = OSC_NEUTRAL;
	if (!find_hits(c, text, len, limit_hit))
		return OSC_ENOMEM;
	if (!sort_hits(c))
		return OSC_ENOMEM;
	/* hits and sentences are both in text order */
	for (size_t i = 0, sn = 0; i < c->n_hits; i++) {
		while (sn + 1 < c->n_sent && c->sent[sn + 1] <= c->hits[i].start)
			sn++;
		c->hits[i].sentence = (unsigned)sn;
	}
	suppress(c);
	negate(c, text);

	size_t words = c->words;
	double norm = words > 80 ? 1.0 + (double)(words - 80) / 160.0 : 1.0;
	memset(c->score, 0, r->n_themes * sizeof *c->score);
	memset(c->count, 0, r->n_themes * sizeof *c->count);
	memset(c->anchored, 0, r->n_themes * sizeof *c->anchored);
	memset(c->best, 0, r->n_themes * sizeof *c->best);
	memset(c->decisive, 0, r->n_themes * sizeof *c->decisive);
	for (size_t i = 0; i < c->n_hits; i++) {
		hit *h = &c->hits[i];
		if (h->dead || h->kind != R_THEME)
			continue;
		const rule *ru = &r->rules[h->rule];
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
		osc_verdict v = OSC_KEPT;
		if (top[k].score < r->threshold)
			v = OSC_BELOW_THRESHOLD;
		else if (!c->anchored[t])
			v = OSC_NO_ANCHOR;
		else if (kept && top[k].score < r->relative * lead && !c->decisive[t])
			v = OSC_PASSING; /* far below the main theme, unless decisive */
		else if (kept >= (size_t)r->max_themes)
			v = OSC_OVER_MAX;
		if (v == OSC_KEPT && !kept++)
			lead = top[k].score;
		verdict[k] = v;
	}

	if (kept && !collect_evidence(c, ar, text, top, nt, kept, item))
		return OSC_ENOMEM;

	tally tl;
	item->polarity = decide_polarity(c, sec, text, len, &tl);
	if (c->explain)
		return build_explain(c, ar, text, top, nt, verdict, &tl, item);
	return OSC_OK;
}

void osc_classifier_set_explain(osc_classifier *c, bool on)
{
	c->explain = on;
}

const char *osc_verdict_name(osc_verdict v)
{
	static const char *const names[] = {
		[OSC_KEPT] = "kept", [OSC_BELOW_THRESHOLD] = "below the threshold",
		[OSC_NO_ANCHOR] = "no anchor phrase", [OSC_PASSING] = "passing mention",
		[OSC_OVER_MAX] = "over max-themes",
	};
	return (unsigned)v < OSC_ARRAY_LEN(names) ? names[v] : "?";
}

const char *osc_match_kind_name(osc_match_kind k)
{
	static const char *const names[] = {
		[OSC_MATCH_THEME] = "theme", [OSC_MATCH_EXCLUDE] = "exclude",
		[OSC_MATCH_STRENGTH] = "strength", [OSC_MATCH_CONCERN] = "concern",
		[OSC_MATCH_CONTRAST] = "contrast", [OSC_MATCH_NEGATOR] = "negator",
		[OSC_MATCH_NEUTRAL] = "neutral",
	};
	return (unsigned)k < OSC_ARRAY_LEN(names) ? names[k] : "?";
}
