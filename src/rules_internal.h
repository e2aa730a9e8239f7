/* rules_internal.h - the compiled taxonomy, shared by rules.c and classify.c. */
#ifndef OSC_RULES_INTERNAL_H
#define OSC_RULES_INTERNAL_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include "internal.h"

typedef enum rkind {
	R_THEME,    /* a phrase or pattern that votes for a theme */
	R_EXCLUDE,  /* text where the theme's own phrases do not count */
	R_STRENGTH, /* polarity cues */
	R_CONCERN,
	R_CONTRAST
} rkind;

typedef struct rule {
	rkind kind;
	int theme;          /* for R_THEME and R_EXCLUDE */
	double weight;
	bool is_regex;
	const char *src;    /* as written in the file */
	const char *file;
	unsigned line;
} rule;

typedef struct theme {
	const char *id, *label, *description;
} theme;

struct osc_rules {
	const osc_allocator *a;
	osc_arena arena;
	theme *themes;
	size_t n_themes, cap_themes;
	rule *rules;
	size_t n_rules, cap_rules;
	double threshold;
	pcre2_general_context *gctx;
	/* Every rule is one alternative, tagged (*MARK:index), in a few
	 * programs (one alone would pass PCRE2's size limit). */
	pcre2_code **progs;
	size_t n_progs, cap_progs;
	bool jit;
};

#endif
