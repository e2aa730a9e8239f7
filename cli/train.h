/* train.h - what the trainer's files share (train.c: fitting and the model
 * file; train_eval.c: cross-validation and its tables). */
#ifndef OSC_CLI_TRAIN_H
#define OSC_CLI_TRAIN_H

#include "trainset.h"

#include "feature.h"

/* An item as the trainer holds it: its features (sorted by hash, each
 * once), its labels and what the rules alone make of it. */
typedef struct tvec {
	osc_feature *f;
	size_t n;
	bool *gold;        /* per rules theme: labelled with it */
	bool *candidate;   /* per rules theme: a rule matched */
	bool *rules_kept;  /* per rules theme: the rules keep it */
	osc_polarity rules_pol;
	int fold;          /* its group's fold */
} tvec;

typedef struct trainer {
	const osc_rules *rules;
	const tset *items;
	tvec *x;             /* one per item */
	size_t n_themes;     /* the rules' */
	bool *trained;       /* per rules theme: enough labels to learn it */
	size_t min_count;    /* a feature in fewer items is dropped */
	size_t min_labels;   /* a theme with fewer positives keeps the rules */
	double C;            /* liblinear's cost */
	double prune;        /* a feature whose weights are all smaller is dropped */
	bool quiet;
} trainer;

/* Fit on the items with in[i] set; the model file's bytes (malloc'd) with
 * `cut` for every theme.  NULL when out of memory. */
unsigned char *fit(const trainer *t, const bool *in, const float *cut, size_t *len);

/* Cross-validate by group over `folds` folds: choose the cut (written to
 * cut[n_themes]) and print the tables (markdown) when `report`.  False when
 * out of memory. */
bool cross_validate(const trainer *t, int folds, bool report, float *cut);

#endif
