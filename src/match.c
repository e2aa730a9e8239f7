/*
 * match.c - every phrase of every rule found in an item: the phrase trie
 * walked from each word start that passes the start filter, the keyed
 * PCRE2 programs at word starts with their key, the regex rules over the
 * whole text; then the hits sorted into text order, those inside a longer
 * hit of their class or a theme's exclusion suppressed, and the cues a
 * negator turns marked.
 */
#include "classify_internal.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

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
int osc_match_on_callout(pcre2_callout_block *cb, void *data)
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
bool osc_match_find(osc_classifier *c, const char *text, size_t len,
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
void osc_match_suppress(osc_classifier *c)
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

void osc_match_negate(osc_classifier *c, const char *text)
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
bool osc_match_sort(osc_classifier *c)
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
