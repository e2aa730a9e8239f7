/*
 * trie.c - the phrase trie every plain phrase goes into (one walk from a
 * word start finds every phrase there), frozen into flat arrays, and the
 * start filter of the words a walk can begin on.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

/* ---- the phrase trie (rules_internal.h) ---- */

static bool trie_ok(const rule *ru)
{
	const unsigned char *p = (const unsigned char *)ru->src;
	if (ru->is_regex || !osc_key_char(p[0]))
		return false;
	for (; *p; p++)
		if (*p >= 0x80 && !(p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99))
			return false; /* other non-ASCII: PCRE2's caseless matching */
	return true;
}

/* The trie while it is built: children as linked siblings. */
typedef struct bnode {
	int32_t child, next, sep, term;
	unsigned char ch;
} bnode;

typedef struct tbuild {
	bnode *n;
	size_t len, cap;
	int32_t root[256]; /* the root's children by character, or -1 */
} tbuild;

static int32_t trie_new_node(osc_rules *r, tbuild *tb, unsigned char ch)
{
	if (!osc_grow(r->a, (void **)&tb->n, &tb->cap, tb->len + 1, sizeof *tb->n))
		return -1;
	tb->n[tb->len] = (bnode){ .child = -1, .next = -1, .sep = -1, .term = -1, .ch = ch };
	return (int32_t)tb->len++;
}

/* The child of `node` on `ch` (made when missing), or -1 out of memory. */
static int32_t trie_child(osc_rules *r, tbuild *tb, int32_t node, unsigned char ch)
{
	if (node == 0 && tb->root[ch] >= 0)
		return tb->root[ch];
	if (node != 0)
		for (int32_t k = tb->n[node].child; k >= 0; k = tb->n[k].next)
			if (tb->n[k].ch == ch)
				return k;
	int32_t n = trie_new_node(r, tb, ch);
	if (n < 0)
		return -1;
	if (node == 0) {
		tb->root[ch] = n;
	} else {
		tb->n[n].next = tb->n[node].child;
		tb->n[node].child = n;
	}
	return n;
}

static int32_t trie_sep(osc_rules *r, tbuild *tb, int32_t node)
{
	if (tb->n[node].sep >= 0)
		return tb->n[node].sep;
	int32_t n = trie_new_node(r, tb, 0);
	if (n >= 0)
		tb->n[node].sep = n;
	return n;
}

static bool trie_add(osc_rules *r, tbuild *tb, uint32_t idx)
{
	const char *ph = r->rules[idx].src;
	size_t n = strlen(ph);
	bool star = n > 1 && ph[n - 1] == '*';
	if (star)
		n--;
	int32_t node = 0;
	for (size_t i = 0; i < n && node >= 0; i++) {
		unsigned char c = (unsigned char)ph[i];
		if (c == ' ' || c == '-') {
			while (i + 1 < n && (ph[i + 1] == ' ' || ph[i + 1] == '-'))
				i++;
			node = trie_sep(r, tb, node);
		} else if (c == '\'') {
			node = trie_child(r, tb, node, OSC_TRIE_APOS);
		} else if (c == 0xE2) {
			node = trie_child(r, tb, node, OSC_TRIE_APOS);
			i += 2;
		} else {
			node = trie_child(r, tb, node, (unsigned char)osc_ascii_lower((char)c));
		}
	}
	if (node < 0 || !osc_grow(r->a, (void **)&r->tterms, &r->cap_tterms, r->n_tterms + 1, sizeof *r->tterms))
		return false;
	unsigned char last = (unsigned char)ph[n - 1];
	r->tterms[r->n_tterms] = (trie_term){ idx, tb->n[node].term, star, !star && osc_key_char(last) };
	tb->n[node].term = (int32_t)r->n_tterms++;
	r->rules[idx].in_trie = true;
	return true;
}

static unsigned char trie_class(const osc_rules *r, unsigned char ch)
{
	return r->tclass[ch == OSC_TRIE_APOS ? '\'' : ch];
}

/* Push node b's children on the stack so that its newest child (siblings
 * are linked newest first) comes off first; the new stack size. */
static size_t push_kids(const tbuild *tb, int32_t b, int32_t *stack, size_t sp)
{
	if (tb->n[b].sep >= 0)
		stack[sp++] = tb->n[b].sep;
	size_t first = sp;
	for (int32_t k = tb->n[b].child; k >= 0; k = tb->n[k].next)
		stack[sp++] = k;
	for (size_t i = first, j = sp; i + 1 < j; i++, j--) { /* reverse */
		int32_t x = stack[i];
		stack[i] = stack[j - 1];
		stack[j - 1] = x;
	}
	return sp;
}

/* Lay the built trie out for the walk (rules_internal.h): the first two
 * levels side by side, then depth-first; character classes, table rows for
 * busy nodes, the two-character start table.  ids[] maps built to laid-out. */
static bool trie_freeze(osc_rules *r, const tbuild *tb)
{
	size_t n = tb->len;
	int32_t *ids = osc_malloc(r->a, n * sizeof *ids);
	int32_t *stack = osc_malloc(r->a, n * sizeof *stack);
	int32_t *order = osc_malloc(r->a, n * sizeof *order);
	r->tnodes = osc_malloc(r->a, n * sizeof *r->tnodes);
	r->tedges = osc_malloc(r->a, n * sizeof *r->tedges);
	bool ok = ids && stack && order && r->tnodes && r->tedges;
	if (ok) {
		/* the root, then the first two levels breadth-first (where
		 * every walk starts: side by side for the cache), then
		 * depth-first below, each node's newest child right after it */
		size_t next = 0;
		ids[0] = (int32_t)next;
		order[next++] = 0;
		for (int c = 0; c < 256; c++)
			if (tb->root[c] >= 0) {
				ids[tb->root[c]] = (int32_t)next;
				order[next++] = tb->root[c];
			}
		size_t d1 = next;
		for (size_t i = 1; i < d1; i++) {
			size_t sp = push_kids(tb, order[i], stack, 0);
			while (sp) {
				ids[stack[--sp]] = (int32_t)next;
				order[next++] = stack[sp];
			}
		}
		size_t d2 = next;
		for (size_t i = d1; i < d2; i++) {
			size_t sp = push_kids(tb, order[i], stack, 0);
			while (sp) {
				int32_t k = stack[--sp];
				ids[k] = (int32_t)next;
				order[next++] = k;
				sp = push_kids(tb, k, stack, sp);
			}
		}
		/* the characters that lead to a child: classes 1..; the walk
		 * reads a text byte's class straight from tclass[] (both
		 * cases of a letter, ' for the apostrophe symbol, and 0xE2
		 * for a ’ to check) */
		size_t ncls = 1, rows = 0;
		for (size_t b = 1; b < n; b++) {
			unsigned char ch = tb->n[b].ch;
			if (!ch || r->tclass[ch == OSC_TRIE_APOS ? '\'' : ch])
				continue;
			unsigned char cls = (unsigned char)ncls++;
			if (ch == OSC_TRIE_APOS) {
				r->tclass['\''] = cls;
				r->tclass[0xE2] = OSC_TCLASS_E2;
				r->tapos = cls;
			} else {
				r->tclass[ch] = cls;
				if (ch >= 'a' && ch <= 'z')
					r->tclass[ch - 32] = cls;
			}
		}
		r->tclasses = ncls;
		for (size_t b = 1; b < n; b++) {
			size_t nk = 0;
			for (int32_t k = tb->n[b].child; k >= 0; k = tb->n[k].next)
				nk++;
			rows += nk >= OSC_TRIE_DENSE;
		}
		r->tdense = osc_malloc(r->a, (rows ? rows : 1) * ncls * sizeof *r->tdense);
		ok = r->tdense != NULL;
		uint32_t ne = 0, row = 0;
		for (size_t b = 0; ok && b < n; b++) {
			const bnode *bn = &tb->n[b];
			trie_node *fn = &r->tnodes[ids[b]];
			*fn = (trie_node){ bn->term, bn->sep >= 0 ? ids[bn->sep] : -1, 0, 0, 0, OSC_NO_LANE };
			if (b == 0)
				continue; /* the walk enters through troot[] */
			size_t nk = 0;
			for (int32_t k = bn->child; k >= 0; k = tb->n[k].next)
				nk++;
			if (nk == 1) {
				fn->edges = (uint32_t)ids[bn->child];
				fn->ch = trie_class(r, tb->n[bn->child].ch);
			} else if (nk < OSC_TRIE_DENSE) {
				fn->edges = ne;
				for (int32_t k = bn->child; k >= 0; k = tb->n[k].next)
					r->tedges[ne++] = (trie_edge){ trie_class(r, tb->n[k].ch), ids[k] };
			} else {
				int32_t *d = r->tdense + (size_t)row * ncls;
				for (size_t k = 0; k < ncls; k++)
					d[k] = -1;
				for (int32_t k = bn->child; k >= 0; k = tb->n[k].next)
					d[trie_class(r, tb->n[k].ch)] = ids[k];
				fn->edges = row++;
			}
			fn->n_edges = (uint8_t)nk;
			/* the walk's fast lane takes a plain node's child to be
			 * the next node, as the depth-first order lays it */
			fn->lane = nk == 1 && bn->term < 0 && bn->sep < 0 && ids[bn->child] == ids[b] + 1
					   ? fn->ch : OSC_NO_LANE;
		}
		r->n_tnodes = n;
		/* two characters at once from the root */
		r->tdepth2 = osc_malloc(r->a, ncls * ncls * sizeof *r->tdepth2);
		ok = ok && r->tdepth2;
		for (size_t i = 0; ok && i < ncls * ncls; i++)
			r->tdepth2[i] = -1;
		for (int c = 0; ok && c < 256; c++) {
			int32_t b = tb->root[c];
			if (b < 0)
				continue;
			int32_t *two = r->tdepth2 + (size_t)trie_class(r, (unsigned char)c) * ncls;
			if (tb->n[b].term >= 0 || tb->n[b].sep >= 0) {
				for (size_t k = 0; k < ncls; k++)
					two[k] = -2;
				continue;
			}
			for (int32_t k = tb->n[b].child; k >= 0; k = tb->n[k].next)
				two[trie_class(r, tb->n[k].ch)] = ids[k];
		}
		/* the root by text byte: both cases of a letter */
		for (size_t c = 0; c < 256; c++) {
			int32_t b = tb->root[(unsigned char)osc_ascii_lower((char)c)];
			r->troot[c] = b >= 0 ? ids[b] : -1;
		}
	}
	osc_free(r->a, ids);
	osc_free(r->a, stack);
	osc_free(r->a, order);
	return ok;
}

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static void tstart_set(osc_rules *r, const unsigned char *key, unsigned run)
{
	uint32_t b = osc_tstart_bit(key, run);
	r->tstart[b / 64] |= (uint64_t)1 << (b % 64);
}

/* Every start the walk can take through `node`, reached after d word bytes
 * (key[0, d)) through characters and empty separators.  A word of just d
 * bytes is followed by some other byte: it can match only where a phrase
 * ends, a separator follows or a character that is not a word byte (an
 * apostrophe).  A phrase ending here may match any longer word.  A word of
 * four bytes or more that gets here is walked. */
static void tstart_visit(osc_rules *r, const tbuild *tb, int32_t node, unsigned d,
			 unsigned char key[4])
{
	const bnode *bn = &tb->n[node];
	if (d == 4) {
		tstart_set(r, key, 4);
		return;
	}
	bool on = bn->term >= 0 || bn->sep >= 0;
	for (int32_t k = bn->child; k >= 0 && !on; k = tb->n[k].next)
		on = !word_byte(tb->n[k].ch);
	if (on)
		tstart_set(r, key, d);
	if (bn->term >= 0) {
		if (d == 1) {
			r->tfirst[key[0]] = true;
			r->tfirst[key[0] >= 'a' && key[0] <= 'z' ? key[0] - 32 : key[0]] = true;
			return;
		}
		/* two or three bytes: every word going on from them (of
		 * three bytes, or four and more) */
		static const char wb[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
		unsigned char k4[4];
		memcpy(k4, key, d);
		for (size_t x = 0; x < sizeof wb - 1; x++) {
			k4[d] = (unsigned char)wb[x];
			tstart_set(r, k4, d + 1);
			if (d == 3)
				continue;
			for (size_t y = 0; y < sizeof wb - 1; y++) {
				k4[3] = (unsigned char)wb[y];
				tstart_set(r, k4, 4);
			}
		}
	}
	if (bn->sep >= 0)
		tstart_visit(r, tb, bn->sep, d, key);
	for (int32_t k = bn->child; k >= 0; k = tb->n[k].next)
		if (word_byte(tb->n[k].ch)) {
			key[d] = tb->n[k].ch;
			tstart_visit(r, tb, k, d + 1, key);
		}
}

static void build_tstart(osc_rules *r, const tbuild *tb)
{
	unsigned char key[4];
	for (int c = 0; c < 256; c++)
		if (tb->root[c] >= 0 && word_byte((unsigned char)c)) {
			key[0] = (unsigned char)c;
			tstart_visit(r, tb, tb->root[c], 1, key);
		}
}

osc_status osc_trie_build(osc_rules *r, osc_error *err)
{
	tbuild tb = { NULL, 0, 0, { 0 } };
	for (size_t c = 0; c < 256; c++)
		tb.root[c] = -1;
	bool ok = trie_new_node(r, &tb, 0) >= 0;
	for (size_t i = 0; ok && i < r->n_rules; i++)
		ok = !trie_ok(&r->rules[i]) || trie_add(r, &tb, (uint32_t)i);
	ok = ok && trie_freeze(r, &tb);
	if (ok)
		build_tstart(r, &tb);
	osc_free(r->a, tb.n);
	return ok ? OSC_OK : osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
}
