/* rules.h - the compiled taxonomy: themes, rules and settings as parsed
 * (rules_parse.c), the PCRE2 programs (rules_compile.c) and the phrase trie
 * (trie.h); shared by the rules files and the classifier. */
#ifndef OSC_RULES_H
#define OSC_RULES_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <string.h>

#include "text.h"
#include "trie.h"

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

/* A character that a key or a trie word is made of. */
static inline bool osc_key_char(unsigned char c)
{
	return osc_is_alnum((char)c);
}

/* PCRE2's memory goes through the library's allocator (ctx: osc_allocator). */
void *osc_pcre_alloc(size_t n, void *ctx);
void osc_pcre_release(void *p, void *ctx);

typedef struct theme {
	const char *id, *label, *description;
} theme;

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

/* Defaults of [settings] (docs/rules-format.md). */
void osc_rules_defaults(osc_rules *r);
/* Parse a rules text into r (rules_parse.c). */
osc_status osc_rules_parse_text(osc_rules *r, const char *text, size_t len,
				const char *name, osc_error *err);
/* Compile r's rules: the trie (osc_trie_build), the keyed programs
 * (rules_compile.c). */
osc_status osc_rules_compile(osc_rules *r, osc_error *err);
osc_status osc_trie_build(osc_rules *r, osc_error *err);

#endif
