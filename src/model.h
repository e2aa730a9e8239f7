/* model.h - a learned model in memory: its weights by feature hash, and
 * the sparse dot products that predict with it (model.c; the file format is
 * docs/model-format.md, written by cli/train.c). */
#ifndef OSC_MODEL_H
#define OSC_MODEL_H

#include "feature.h"

#include <math.h>

#define OSC_MODEL_MAGIC "OSCMODEL"
#define OSC_MODEL_FORMAT 1

struct osc_model {
	const osc_allocator *a;
	const osc_rules *rules;
	size_t n_themes;        /* the model's themes */
	size_t n_out;           /* n_themes, then the polarities */
	int *theme_out;         /* per rules theme: its output, or -1 */
	float *cut;             /* per output: the probability that keeps a theme */
	float *bias;            /* per output */
	float *scale;           /* per output: a weight is q * scale */
	int16_t *rows;          /* n_rows x n_out quantised weights */
	size_t n_rows;
	uint32_t *slot_hash;    /* open addressing, 2^k slots */
	uint32_t *slot_row;     /* row + 1, 0 empty */
	size_t mask;
};

/* The decision values (before the logistic) of every output for f:
 * out[n_out]. */
void osc_model_predict(const osc_model *m, const osc_fvec *f, float *out);
/* The weight of feature `hash` for output o (0 when it has none). */
float osc_model_weight(const osc_model *m, uint32_t hash, size_t o);

static inline float osc_sigmoid(float x)
{
	return 1.0f / (1.0f + expf(-x));
}

#endif
