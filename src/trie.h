/* trie.h - the phrase trie's frozen form and the start filter (trie.c),
 * walked by the classifier (match.c). */
#ifndef OSC_TRIE_H
#define OSC_TRIE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The phrase trie: every plain phrase that starts with a letter or digit,
 * one character an edge (ASCII lower case; ' and ’ are one symbol, and a
 * space or hyphen is a separator edge that skips any run of spaces and
 * hyphens, possibly empty), so one walk from each word start finds every
 * phrase there.  Patterns written as regexes stay with PCRE2. */
#define OSC_TRIE_APOS 0x01
#define OSC_TCLASS_E2 255 /* tclass[0xE2]: the lead byte of ’ */
#define OSC_NO_LANE 254   /* trie_node.lane: not a plain node (classes are
			   * fewer: one per ASCII character at most) */
#define OSC_TRIE_DENSE 3  /* children from which a node has a table row */
#define OSC_TSTART_BITS 65536u

/* The start filter's key for a word of `run` (1..4) word bytes (ASCII
 * letters, digits, '_') at s: the bytes in lower case, little-endian, as
 * its bit in tstart[]. */
static inline uint32_t osc_tstart_hash(uint32_t key)
{
	return (key * 0x9E3779B1u) >> 16;
}

static inline uint32_t osc_tstart_bit(const unsigned char *s, unsigned run)
{
	uint32_t key = 0;
	for (unsigned i = 0; i < run; i++)
		key |= (uint32_t)(s[i] | 0x20) << (8 * i);
	return osc_tstart_hash(key);
}

/* The same from one 4-byte load, where 4 bytes at s may be read. */
static inline uint32_t osc_tstart_bit4(const unsigned char *s, unsigned run)
{
	uint32_t key;
	memcpy(&key, s, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	key = __builtin_bswap32(key);
#endif
	return osc_tstart_hash((key | 0x20202020u) & (0xFFFFFFFFu >> (8 * (4 - run))));
}

typedef struct trie_edge {
	unsigned char ch;  /* character class (tclass) */
	int32_t child;
} trie_edge;

/* A node of the walked trie.  The first two levels (where every walk
 * starts) lie side by side; below them nodes are in depth-first order, each
 * one's newest child right after it, so a phrase's tail lies contiguous;
 * most nodes have one child, kept in the node itself. */
typedef struct trie_node {
	int32_t term;      /* first rule ending here (tterms[]), or -1 */
	int32_t sep;       /* the child through a separator run, or -1 */
	uint32_t edges;    /* one child: its index; up to OSC_TRIE_DENSE - 1: the
			    * first in tedges[]; more: a row of tdense[] */
	uint8_t n_edges;   /* children other than sep */
	unsigned char ch;  /* with one child: its character class (tclass) */
	unsigned char lane; /* a plain node (one child, right after it; no rule
			     * ending here; no separator): its child's class;
			     * otherwise OSC_NO_LANE */
} trie_node;

typedef struct trie_term {
	uint32_t rule;
	int32_t next;
	bool star;       /* a final *: any word ending follows */
	bool boundary;   /* a word boundary must follow */
} trie_term;

#endif
