/* history.h - --history: each document's predecessor among the inputs,
 * from the digests of a first pass (history.c). */
#ifndef OSC_CLI_HISTORY_H
#define OSC_CLI_HISTORY_H

#include "ofsted_scan.h"

typedef struct history history;

/* An index over n digests (some NULL: inputs that could not be read),
 * which it takes over; NULL when out of memory (said). */
history *history_new(osc_digest **digests, size_t n);
/* The latest digest of doc's authority (or of one reorganised into it)
 * dated before doc, or NULL. */
const osc_digest *history_previous(const history *h, const osc_doc *doc);
void history_free(history *h);

#endif
