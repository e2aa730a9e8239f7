/* filters.h - which items and documents a run reports on: --theme,
 * --fail-on and --since (filters.c). */
#ifndef OSC_CLI_FILTERS_H
#define OSC_CLI_FILTERS_H

#include "ofsted_scan.h"

#define MAX_FAIL_THEMES 32

/* --fail-on POLARITY[:THEME,...]: met by an item of that polarity (any
 * polarity for "any") tagged with one of the themes (any theme if none). */
typedef struct fail_cond {
	int polarity;       /* osc_polarity, or -1 for any */
	int themes[MAX_FAIL_THEMES];
	size_t n_themes;    /* 0: any theme, or none */
} fail_cond;

/* Parse a --fail-on condition against the rules (false: said why). */
bool parse_fail_on(const osc_rules *r, const char *spec, fail_cond *c);
bool cond_met(const fail_cond *c, const osc_item *it);

/* Each --theme id as a theme index (false: an unknown id, said). */
bool theme_indexes(const osc_rules *r, const char *const *ids, size_t n, int *idx);

/* --since: YYYY, YYYY-MM or YYYY-MM-DD; is a document dated then or later
 * (osc_doc_dated)? */
bool valid_since(const char *s);
bool dated_since(const osc_doc *d, const char *since);

#endif
