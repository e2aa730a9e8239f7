/*
 * model.c - load a learned model (docs/model-format.md) for a taxonomy and
 * predict with it: a sparse dot product per item, one hash-table probe per
 * feature giving that feature's weights for every output at once.
 */
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A little-endian reader over the file's bytes that fails once, cleanly. */
typedef struct reader {
	const unsigned char *p, *end;
	bool bad;
} reader;

static const unsigned char *take(reader *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	const unsigned char *at = r->p;
	r->p += n;
	return at;
}

static uint32_t u32(reader *r)
{
	const unsigned char *b = take(r, 4);
	return b ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
			   (uint32_t)b[3] << 24
		 : 0;
}

static float f32(reader *r)
{
	uint32_t v = u32(r);
	float f;
	memcpy(&f, &v, sizeof f);
	return f;
}

/* FNV-1a over the bytes: the file's last four bytes hold it for the rest. */
static uint32_t checksum(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

void osc_model_free(osc_model *m)
{
	if (!m)
		return;
	const osc_allocator *a = m->a;
	osc_free(a, m->theme_out);
	osc_free(a, m->cut);
	osc_free(a, m->bias);
	osc_free(a, m->scale);
	osc_free(a, m->table_mem);
	osc_free(a, m->present);
	osc_free(a, m);
}

static osc_model *fail(osc_model *m, osc_error *err, osc_status st, const char *name,
		       const char *why)
{
	osc_model_free(m);
	osc_set_error(err, st, 0, "model %s: %s", name, why);
	return NULL;
}

/* The themes: each id must be one of the rules'. */
static const char *read_themes(reader *r, osc_model *m)
{
	for (size_t i = 0; i < m->rules->n_themes; i++)
		m->theme_out[i] = -1;
	for (size_t k = 0; k < m->n_themes; k++) {
		const unsigned char *len = take(r, 1);
		const unsigned char *id = len ? take(r, *len) : NULL;
		float cut = f32(r);
		if (r->bad)
			return "truncated (the themes)";
		char buf[256];
		memcpy(buf, id, *len);
		buf[*len] = '\0';
		int t = osc_rules_theme_index(m->rules, buf);
		if (t < 0)
			return "it has a theme that the taxonomy does not (trained for other rules)";
		if (m->theme_out[t] >= 0)
			return "a theme is named twice";
		if (!(cut > 0 && cut < 1))
			return "a theme's cut is not a probability";
		m->theme_out[t] = (int)k;
		m->cut[k] = cut;
	}
	return NULL;
}

/* lrintf in the default rounding (to nearest, ties to even), without the
 * call: |x| is at most 127 here. */
static long round_even(float x)
{
#ifdef __SSE2__ /* (model.h includes emmintrin.h) */
	return _mm_cvtss_si32(_mm_set_ss(x));
#else
	return lrintf(x);
#endif
}

static const char *read_weights(reader *r, osc_model *m)
{
	for (size_t o = 0; o < m->n_out; o++)
		m->bias[o] = f32(r);
	for (size_t o = 0; o < m->n_out; o++)
		m->scale[o] = f32(r);
	m->n_rows = u32(r);
	if (r->bad)
		return "truncated (the weights)";
	size_t row_bytes = 4 + 2 * m->n_out;
	if (m->n_rows > (size_t)(r->end - r->p) / row_bytes)
		return "truncated (fewer rows than it says)";
	size_t slots = 16;
	while (slots < 2 * m->n_rows)
		slots *= 2;
	m->mask = slots - 1;
	m->stride = (m->n_out + 7) & ~(size_t)7;
	m->entry_bytes = (8 + m->stride + 15) & ~(size_t)15;
	m->table_mem = osc_zalloc(m->a, slots * m->entry_bytes + 64);
	unsigned bits = 12;
	while (bits < 20 && ((size_t)1 << bits) < 16 * m->n_rows)
		bits++;
	m->filter_shift = 32 - bits;
	m->present = osc_zalloc(m->a, ((size_t)1 << bits) / 8);
	if (!m->table_mem || !m->present)
		return NULL; /* the caller sees the missing arrays */
	m->table = (unsigned char *)m->table_mem + (64 - (uintptr_t)m->table_mem % 64) % 64;
	for (size_t i = 0; i < m->n_rows; i++) {
		uint32_t h = u32(r);
		const unsigned char *w = take(r, 2 * m->n_out);
		/* in memory, a row is int8 with a scale of its own: an entry
		 * fits half a cache line */
		float v[256], mx = 0;
		for (size_t o = 0; o < m->n_out; o++) {
			v[o] = (float)(int16_t)(uint16_t)(w[2 * o] | w[2 * o + 1] << 8) * m->scale[o];
			float a = fabsf(v[o]);
			if (a > mx) /* fmaxf, without the call (a NaN is passed over) */
				mx = a;
		}
		float rs = mx > 0 ? mx / 127 : 1; /* never 0: 0 marks an empty entry */
		uint32_t bit = h >> m->filter_shift;
		m->present[bit / 64] |= (uint64_t)1 << (bit % 64);
		size_t s = h & m->mask;
		unsigned char *e;
		for (;; s = (s + 1) & m->mask) {
			e = osc_model_entry(m, s);
			uint32_t eh, used;
			memcpy(&eh, e, 4);
			memcpy(&used, e + 4, 4);
			if (!used)
				break;
			if (eh == h)
				return "a feature is given twice";
		}
		memcpy(e, &h, 4);
		memcpy(e + 4, &rs, 4);
		for (size_t o = 0; o < m->n_out; o++)
			e[8 + o] = (unsigned char)(int8_t)round_even(v[o] / rs);
	}
	return NULL;
}

osc_model *osc_model_load(const void *data, size_t len, const char *name,
			  const osc_rules *rules, const osc_allocator *a,
			  osc_error *err)
{
	if (!data || !rules || !name) {
		osc_set_error(err, OSC_EINVAL, 0, "bad arguments");
		return NULL;
	}
	a = osc_alloc_or_default(a);
	const unsigned char *p = data;
	if (len < 12 || memcmp(p, OSC_MODEL_MAGIC, 8) != 0)
		return fail(NULL, err, OSC_EFORMAT, name, "not an ofsted-scan model");
	if (checksum(p, len - 4) != ((uint32_t)p[len - 4] | (uint32_t)p[len - 3] << 8 |
				     (uint32_t)p[len - 2] << 16 | (uint32_t)p[len - 1] << 24))
		return fail(NULL, err, OSC_EFORMAT, name, "damaged or truncated (its checksum differs)");
	reader r = { p + 8, p + len - 4, false };
	uint32_t format = u32(&r), features = u32(&r);
	if (format != OSC_MODEL_FORMAT) {
		char why[96];
		snprintf(why, sizeof why, "format %u, this build reads format %d", format, OSC_MODEL_FORMAT);
		return fail(NULL, err, OSC_EFORMAT, name, why);
	}
	if (features != OSC_FEATURES_VERSION) {
		char why[128];
		snprintf(why, sizeof why, "trained on features version %u, this build computes "
			 "version %d: train it again", features, OSC_FEATURES_VERSION);
		return fail(NULL, err, OSC_EFORMAT, name, why);
	}
	osc_model *m = osc_zalloc(a, sizeof *m);
	if (!m)
		return fail(NULL, err, OSC_ENOMEM, name, "out of memory");
	m->a = a;
	m->rules = rules;
	m->n_themes = u32(&r);
	uint32_t n_out = u32(&r);
	if (r.bad || m->n_themes > 248 || n_out != m->n_themes + OSC_POLARITY_COUNT)
		return fail(m, err, OSC_EFORMAT, name, "bad header");
	m->n_out = n_out;
	m->theme_out = osc_malloc(a, (rules->n_themes ? rules->n_themes : 1) * sizeof *m->theme_out);
	m->cut = osc_zalloc(a, n_out * sizeof *m->cut);
	m->bias = osc_malloc(a, n_out * sizeof *m->bias);
	m->scale = osc_malloc(a, n_out * sizeof *m->scale);
	if (!m->theme_out || !m->cut || !m->bias || !m->scale)
		return fail(m, err, OSC_ENOMEM, name, "out of memory");
	const char *why = read_themes(&r, m);
	if (!why)
		why = read_weights(&r, m);
	if (why)
		return fail(m, err, OSC_EFORMAT, name, why);
	if (!m->table_mem || !m->present)
		return fail(m, err, OSC_ENOMEM, name, "out of memory");
	if (r.p != r.end)
		return fail(m, err, OSC_EFORMAT, name, "bytes after the weights");
	return m;
}

osc_model *osc_model_default(const osc_rules *rules, const osc_allocator *a,
			     osc_error *err)
{
	extern const char osc_default_model[];
	extern const size_t osc_default_model_len;
	return osc_model_load(osc_default_model, osc_default_model_len, "(default)", rules, a, err);
}

size_t osc_model_theme_count(const osc_model *m)
{
	return m ? m->n_themes : 0;
}

void osc_model_attach(osc_fvec *f, const osc_model *m)
{
	f->model = m;
}

void osc_model_predict(const osc_model *m, const osc_fvec *f, float *out)
{
	float local[256] __attribute__((aligned(16)));
	const float *acc = f->acc;
	if (f->model != m) {
		memset(local, 0, m->stride * sizeof *local);
		for (size_t i = 0; i < f->n; i++) {
			const unsigned char *row = osc_model_row(m, f->v[i].hash);
			if (row)
				osc_model_add_row(m, row, f->v[i].value, local);
		}
		acc = local;
	}
	for (size_t o = 0; o < m->n_out; o++)
		out[o] = acc[o] + m->bias[o];
}

float osc_model_weight(const osc_model *m, uint32_t h, size_t o)
{
	const unsigned char *row = osc_model_row(m, h);
	if (!row)
		return 0;
	float rs;
	memcpy(&rs, row, sizeof rs);
	return (float)(signed char)row[4 + o] * rs;
}
