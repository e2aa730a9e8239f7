/* filters.h - which items and documents a run reports on: --theme,
 * --fail-on and --since (filters.c). */
#ifndef OSC_CLI_FILTERS_H
#define OSC_CLI_FILTERS_H

#include "ofsted_scan.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>

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
/* One line for standard error naming an item that met --fail-on `spec`:
 * "--fail-on concern:health: findings 3 (paragraph 12, page 4): Health
 * assessments are late and ..." (without the source). */
void fail_line(FILE *f, const char *spec, osc_section sec, size_t i, const osc_item *it);

/* Each --theme id (or label, ignoring case) as a theme index (false: an
 * unknown one, said). */
bool theme_indexes(const osc_rules *r, const char *const *ids, size_t n, int *idx);

/* --since: YYYY, YYYY-MM or YYYY-MM-DD; is a document dated then or later
 * (osc_doc_dated)? */
bool valid_since(const char *s);
bool dated_since(const osc_doc *d, const char *since);
/* --until, the same forms: dated then or earlier ("2023" takes all 2023). */
bool dated_until(const osc_doc *d, const char *until);

/* --grep PATTERN: PCRE2, case-blind, compiled once (JIT where it can);
 * NULL when it does not compile (said, with where). */
pcre2_code *grep_compile(const char *pattern);

/* Which items a worker keeps (osc_doc_filter): those with one of the
 * --theme indexes (if any) whose text matches --grep (if given), with the
 * worker's own match data. */
typedef struct item_filter {
	const int *themes;
	size_t n_themes;
	const pcre2_code *re;
	pcre2_match_data *md;
	bool failed;            /* a match failed (a limit): counted, not kept */
} item_filter;
bool item_kept(const osc_item *it, osc_section sec, size_t i, void *ctx);

#endif
