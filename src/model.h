/* model.h - a learned model in memory: its weights by feature hash, and
 * the sparse dot products that predict with it (model.c; the file format is
 * docs/model-format.md, written by cli/train.c). */
#ifndef OSC_MODEL_H
#define OSC_MODEL_H

#include "feature.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
	float *scale;           /* per output, in the file: a weight is q * scale */
	size_t n_rows, stride;  /* stride: n_out rounded up to 8 */
	/* The weights, by feature hash: open addressing over 2^k entries of
	 * entry_bytes, each the hash (uint32), its row's scale (float, 0 in
	 * an empty entry), then stride int8 weights (zeros after n_out), a
	 * weight being q * scale.  A feature's weights are where its hash
	 * is: one cache line, not a slot and then a row. */
	unsigned char *table;   /* aligned to 64 bytes, within table_mem */
	void *table_mem;
	size_t entry_bytes;     /* 8 + stride, rounded up to 16 */
	size_t mask;            /* entries - 1 */
	uint64_t *present;      /* a bit per slice of the hashes (their top
				 * bits): most features an item has are not in
				 * the model, and are turned away here */
	unsigned filter_shift;  /* 32 - the filter's bits: 16 per row, at least
				 * 2^12 and at most 2^20 bits (128 KiB) */
};

/* The decision values (before the logistic) of every output for f:
 * out[n_out].  The features f accumulated as they were found (f->model is
 * m), or those it kept. */
void osc_model_predict(const osc_model *m, const osc_fvec *f, float *out);
/* Start accumulating f's features for m as they are found (NULL: only
 * keep them). */
void osc_model_attach(osc_fvec *f, const osc_model *m);

/* Entry s of the table. */
static inline unsigned char *osc_model_entry(const osc_model *m, size_t s)
{
	return m->table + s * m->entry_bytes;
}

/* The row of feature h (its scale, then its weights), or NULL: the filter
 * turns most features away. */
static inline const unsigned char *osc_model_row(const osc_model *m, uint32_t h)
{
	uint32_t bit = h >> m->filter_shift;
	if (!(m->present[bit / 64] >> (bit % 64) & 1))
		return NULL;
	for (size_t s = h & m->mask;; s = (s + 1) & m->mask) {
		const unsigned char *e = osc_model_entry(m, s);
		uint32_t eh, used;
		memcpy(&eh, e, 4);
		memcpy(&used, e + 4, 4); /* the scale's bits: 0 when empty */
		if (!used)
			return NULL;
		if (eh == h)
			return e + 4;
	}
}

/* acc[0, stride) += v times the row's weights (stride: the model's). */
static inline void osc_model_add_row_n(const unsigned char *row, float v, float *acc,
				       size_t stride)
{
	float rs;
	memcpy(&rs, row, sizeof rs);
	const signed char *q = (const signed char *)row + 4;
	v *= rs;
#ifdef __SSE2__
	__m128 vv = _mm_set1_ps(v);
	for (size_t o = 0; o < stride; o += 8) {
		__m128i b = _mm_loadl_epi64((const __m128i *)(const void *)(q + o));
		__m128i w16 = _mm_srai_epi16(_mm_unpacklo_epi8(b, b), 8);
		__m128 lo = _mm_cvtepi32_ps(_mm_srai_epi32(_mm_unpacklo_epi16(w16, w16), 16));
		__m128 hi = _mm_cvtepi32_ps(_mm_srai_epi32(_mm_unpackhi_epi16(w16, w16), 16));
		_mm_storeu_ps(acc + o, _mm_add_ps(_mm_loadu_ps(acc + o), _mm_mul_ps(vv, lo)));
		_mm_storeu_ps(acc + o + 4, _mm_add_ps(_mm_loadu_ps(acc + o + 4), _mm_mul_ps(vv, hi)));
	}
#else
	for (size_t o = 0; o < stride; o++)
		acc[o] += v * (float)q[o];
#endif
}

static inline void osc_model_add_row(const osc_model *m, const unsigned char *row, float v, float *acc)
{
	osc_model_add_row_n(row, v, acc, m->stride);
}

/* The weight of feature `hash` for output o (0 when it has none). */
float osc_model_weight(const osc_model *m, uint32_t hash, size_t o);

static inline float osc_sigmoid(float x)
{
	return 1.0f / (1.0f + expf(-x));
}

#endif
