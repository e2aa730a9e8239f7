/* feature.h - an item as the learned classifier sees it: hashed features
 * of its words and of what the rules found in it (feature.c). */
#ifndef OSC_FEATURES_H
#define OSC_FEATURES_H

#include "classify_internal.h"

/* Bumped whenever a feature is added, removed or computed otherwise: a
 * model records the version it was trained with and is refused by another
 * (docs/model-format.md). */
#define OSC_FEATURES_VERSION 2

typedef struct osc_feature {
	uint32_t hash;  /* FNV-1a of the feature's name */
	float value;
} osc_feature;

/* An item's features, in the order they were found (a feature can come
 * more than once: its values add up): accumulated into a model's outputs
 * as they are found, and kept when asked (names too when `names` is set,
 * for --explain: names[i] is feature i's). */
typedef struct osc_fvec {
	osc_feature *v;
	size_t n, cap;
	bool keep;        /* keep the features (--explain, the trainer) */
	const struct osc_model *model; /* accumulate them into acc for it */
	float *acc;       /* (the model's stride of them) */
	bool names;
	char **name;      /* (allocated with the classifier's allocator) */
	size_t cap_name;
	osc_buf scratch;
	bool oom;
} osc_fvec;

void osc_fvec_init(osc_fvec *f, const osc_allocator *a, bool keep, bool names);
void osc_fvec_free(osc_fvec *f);

/* What the rules found in the item, which the features describe: the
 * ranked themes with their verdicts, and the polarity they decided. */
typedef struct osc_rule_view {
	const ranked *top;
	size_t n_top;
	const osc_verdict *verdict;
	osc_polarity polarity;
	const tally *tally;
} osc_rule_view;

/* A theme id's hash, for the per-theme features (the classifier keeps one
 * per theme). */
uint32_t osc_feature_id_hash(const char *id);

/* The features of an item (its hits must be matched, sorted, suppressed
 * and negated, and c->sent filled, as osc_classify does); false when out
 * of memory. */
bool osc_features(osc_classifier *c, const char *text, size_t len, osc_section sec,
		  osc_kind kind, const osc_rule_view *rv, osc_fvec *f);

#endif
