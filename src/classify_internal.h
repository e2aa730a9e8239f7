/* classify_internal.h - the classifier's per-scanner state and the steps
 * its files share: matching (match.c), polarity (polarity.c), the
 * explanation (explain.c), scoring and evidence (classify.c). */
#ifndef OSC_CLASSIFY_INTERNAL_H
#define OSC_CLASSIFY_INTERNAL_H

#include "classify.h"
#include "rules.h"

/* PCRE2's limits for one match: a pattern that needs more is cut short
 * (the item gets a warning), so a hostile rule cannot hang a batch. */
#define OSC_MATCH_LIMIT 2000000u
#define OSC_DEPTH_LIMIT 100000u

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
		size_t base;      /* where its hits start in evspan */
	} *evslot;
	/* The document's evidence strings, each kept once in its arena
	 * (osc_classifier_begin): a phrase found in a thousand items is one
	 * string, not a thousand. */
	osc_arena *intern_ar;
	struct interned {
		const char *s;    /* NULL: an empty slot */
		uint32_t len, hash;
	} *intern;
	size_t n_intern, cap_intern; /* cap: 0 or a power of two */
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
	struct word *words_v; /* feature.c: the item's words */
	size_t n_words_v, cap_words_v;
	uint32_t *word_h;     /* feature.c: ... or their hashes alone */
	size_t cap_word_h;
	/* the learned model, when one decides (borrowed) */
	const struct osc_model *model;
	struct osc_fvec *fv;  /* the item's features */
	float *out;           /* the model's decision values */
	uint32_t *id_hash;    /* per theme: its id's hash (feature.c) */
	/* per theme (rules_pass): the first sentence with a hit, how many
	 * sentences have one, the last that had */
	uint32_t *t_first, *t_sents, *t_last;
	double *prob;         /* per ranked theme: its probability, or -1 */
};

/* Per-sentence polarity tallies. */
typedef struct tally {
	unsigned strength, concern, both;
	const char *rule; /* for --explain */
} tally;

/* match.c: find every hit of the item (false: out of memory; *limit_hit
 * when a pattern hit PCRE2's limits), sort them into text order, drop the
 * suppressed, mark the negated. */
bool osc_match_find(osc_classifier *c, const char *text, size_t len, bool *limit_hit);
bool osc_match_sort(osc_classifier *c);
void osc_match_suppress(osc_classifier *c);
void osc_match_negate(osc_classifier *c, const char *text);
/* PCRE2's callout for a keyed program's alternative: record the hit
 * (data: the classifier). */
int osc_match_on_callout(pcre2_callout_block *cb, void *data);

/* polarity.c: the cues of the sentence whose hits start at *i, as the
 * rules weigh them (a negated cue turned); *i moves past them.  Returns
 * the sentence. */
typedef struct sentence_cues {
	double strength, concern;
	bool contrast, negated;
} sentence_cues;
unsigned osc_sentence_cues(const osc_classifier *c, size_t *i, sentence_cues *sc);

/* polarity.c: the item's polarity from its live hits, *t its tally. */
osc_polarity osc_decide_polarity(osc_classifier *c, osc_section sec,
				 const char *text, size_t len, tally *t);

/* explain.c: fill in item->explain (with the model's side when one
 * decided: rules_pol is then the rules' own polarity). */
osc_status osc_build_explain(osc_classifier *c, osc_arena *ar, const char *text,
			     const ranked *all, size_t n_all, const osc_verdict *verdict,
			     const tally *t, osc_polarity rules_pol, osc_item *item);

/* classify.c: an item's features as the model sees them, which themes the
 * rules found a match for (candidates[n_themes]), and what the rules alone
 * decide (rules_kept[n_themes], *rules_pol): for training. */
struct osc_fvec;
bool osc_classify_features(osc_classifier *c, osc_section sec, osc_kind kind,
			   const char *text, size_t len, struct osc_fvec *f,
			   bool *candidates, bool *rules_kept, osc_polarity *rules_pol);

/* classify.c: decide with a model (NULL: the rules alone); false when out
 * of memory. */
bool osc_classifier_set_model(osc_classifier *c, const struct osc_model *m);

#endif
