/* history.h - a document against its predecessor's digest (history.c),
 * for osc_doc_with_previous (scan.c). */
#ifndef OSC_HISTORY_H
#define OSC_HISTORY_H

#include "base.h"
#include "meta.h"

/* A digest's insides (history.c), read by the HTML report's list of
 * documents too (render_html.c): an improvement point, then the digest. */
typedef struct osc_digest_point {
	osc_section sec;
	unsigned index;
	const char *text;
	uint32_t *words;   /* sorted, unique hashes of its content words */
	size_t n_words;
	int *themes;
	size_t n_themes;
} osc_digest_point;

struct osc_digest {
	osc_arena ar;
	const char *source, *date, *key;
	const char *authority;  /* as printed */
	const char *headline;   /* its first paragraph */
	osc_kind kind;
	size_t items[OSC_SECTION_COUNT];
	size_t by_polarity[OSC_POLARITY_COUNT];
	osc_judgement judgements[OSC_MAX_JUDGEMENTS];
	size_t n_judgements;
	size_t n_themes;
	size_t *strengths, *concerns;
	osc_digest_point *points;
	size_t n_points;
};


/* The allocator a document was made with (scan.c). */
const osc_allocator *osc_doc_allocator(const osc_doc *doc);

/* The comparison of doc with prev, in ar; *out NULL when prev is NULL. */
osc_status osc_history_build(osc_arena *ar, const osc_doc *doc, const osc_digest *prev,
			     osc_history **out);

#endif
