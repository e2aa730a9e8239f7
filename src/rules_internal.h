/* rules_internal.h - the compiled taxonomy, shared by rules.c and classify.c. */
#ifndef OSC_RULES_INTERNAL_H
#define OSC_RULES_INTERNAL_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <string.h>

#include "internal.h"

typedef enum rkind {
	R_THEME,    /* a phrase or pattern that votes for a theme */
	R_EXCLUDE,  /* text where the theme's own phrases do not count */
	R_STRENGTH, /* polarity cues */
	R_CONCERN,
	R_CONTRAST,
	R_NEGATOR,  /* turns the cue a few words after it ("not", "without") */
	R_NEUTRAL   /* a term whose words are no cue ("strengths and
		     * difficulties questionnaire"): cues inside it do not count */
} rkind;

typedef struct rule {
	rkind kind;
	bool in_trie;       /* matched by the phrase trie, not by PCRE2 */
	int theme;          /* for R_THEME and R_EXCLUDE */
	double weight;
	bool is_regex;
	const char *src;    /* as written in the file */
	const char *file;
	unsigned line;
} rule;

#define OSC_KEY_MAX 3

typedef struct key_bucket {
	char key[OSC_KEY_MAX];
	unsigned klen;
	size_t first_prog, end_prog; /* its programs in progs[] */
} key_bucket;

/* The key of the text at s (a word start), for every length: returns how
 * many characters were found (0..OSC_KEY_MAX), key[] filled lower case. */
size_t osc_rule_key(const char *s, size_t n, char key[OSC_KEY_MAX]);
/* The bucket for a key, or NULL. */
const key_bucket *osc_rules_bucket(const osc_rules *r, const char *key, size_t klen);

/* PCRE2's memory goes through the library's allocator (ctx: osc_allocator). */
void *osc_pcre_alloc(size_t n, void *ctx);
void osc_pcre_release(void *p, void *ctx);

typedef struct theme {
	const char *id, *label, *description;
} theme;

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

struct osc_rules {
	const osc_allocator *a;
	osc_arena arena;
	theme *themes;
	size_t n_themes, cap_themes;
	rule *rules;
	size_t n_rules, cap_rules;
	/* [settings] (docs/rules-format.md) */
	double threshold;      /* a theme's minimum score */
	double relative;       /* ... and at least this share of the top score */
	double anchor;         /* a theme needs a hit of at least this weight */
	double decisive;       /* a hit this heavy escapes the relative cut */
	double max_themes;     /* at most this many themes an item */
	double first_sentence; /* weight multiplier in an item's first sentence */
	double negation_window; /* words between a negator and the cue it turns */
	double mixed_ratio;    /* minority/majority evaluative sentences for mixed */
	double pivot;          /* a contrast sentence's cues that make it mixed; 0 off */
	double improvement_strength; /* strength an improvement point needs to be one */
	pcre2_general_context *gctx;
	/* The rules the trie does not take: each is one alternative, tagged
	 * (*MARK:index), of a PCRE2 program.  Phrases are grouped by a key, the first OSC_KEY_MAX letters or digits
	 * of their first word (lower case, separators skipped): each group is
	 * one anchored program, tried only at word starts with that key (the
	 * literal prefilter).  Patterns written as regexes have no key: their
	 * programs scan the whole text.  progs[0, n_scan) are those. */
	pcre2_code **progs;
	size_t n_progs, cap_progs;
	size_t n_scan;
	struct key_bucket *buckets;
	size_t n_buckets;
	int32_t *table;        /* open addressing: bucket index or -1 */
	size_t table_mask;
	unsigned key_lens;     /* bit k set: some key has k characters */
	bool key_first[256];   /* some key starts with this text byte */
	trie_node *tnodes;     /* tnodes[0] is the root */
	size_t n_tnodes;
	trie_term *tterms;
	size_t n_tterms, cap_tterms;
	int32_t troot[256];    /* the root's children by text byte, or -1 */
	int32_t *tdepth2;      /* [class * tclasses + class]: the node two
				* characters down, -1 none, or -2 when the
				* first character's node must be walked (a rule
				* ends there, or a separator follows it) */
	trie_edge *tedges;     /* the children of nodes with a few */
	int32_t *tdense;       /* rows of tclasses children (or -1) by class */
	unsigned char tclass[256]; /* text byte -> character class, 0: no child
				    * has it; OSC_TCLASS_E2: maybe a ’ */
	unsigned char tapos;   /* the apostrophe's class */
	/* The start filter: the walk from a word start can find something
	 * only when the word's first four bytes (or all of it, when shorter)
	 * are set here (osc_tstart_bit; a Bloom bit, so some that cannot
	 * pass too), or its first byte is in tfirst[] (a one-character
	 * phrase). */
	uint64_t tstart[OSC_TSTART_BITS / 64];
	bool tfirst[256];
	size_t tclasses;
	bool jit;
};

#endif
