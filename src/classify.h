/* classify.h - an item's themes and polarity from the compiled rules
 * (classify.c and the files it names). */
#ifndef OSC_CLASSIFY_H
#define OSC_CLASSIFY_H

#include "base.h"

typedef struct osc_classifier osc_classifier; /* per-scanner match state */

osc_classifier *osc_classifier_new(const osc_rules *r, const osc_allocator *a);
void osc_classifier_free(osc_classifier *c);
/* The items that follow are the document's of arena ar (NULL: none): their
 * evidence strings are kept once each in it. */
void osc_classifier_begin(osc_classifier *c, osc_arena *ar);
void osc_classifier_set_explain(osc_classifier *c, bool on);
/* Fill in an item's themes and polarity; strings go in `arena`. */
osc_status osc_classify(osc_classifier *c, osc_arena *arena, osc_section sec,
			osc_kind kind, const char *text, size_t len, osc_item *item,
			bool *limit_hit);

#endif
