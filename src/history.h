/* history.h - a document against its predecessor's digest (history.c),
 * for osc_doc_with_previous (scan.c). */
#ifndef OSC_HISTORY_H
#define OSC_HISTORY_H

#include "base.h"

/* The allocator a document was made with (scan.c). */
const osc_allocator *osc_doc_allocator(const osc_doc *doc);

/* The comparison of doc with prev, in ar; *out NULL when prev is NULL. */
osc_status osc_history_build(osc_arena *ar, const osc_doc *doc, const osc_digest *prev,
			     osc_history **out);

#endif
