/* judgements.h - a full inspection report's judgements (judgements.c). */
#ifndef OSC_JUDGEMENTS_H
#define OSC_JUDGEMENTS_H

#include "blocks.h"

/* A report's judgement table: up to `max` into out[], in the table's
 * order; 0 when there is none. */
size_t osc_find_judgements(const osc_blocks *bl, osc_judgement *out, size_t max);
/* A single-inspection-framework report's overall judgement in s
 * ("Children's services in X require improvement to be good"): X and the
 * grade. */
bool osc_sif_overall(const char *s, size_t n, const char **name, size_t *name_len,
		     osc_grade *grade);

#endif
