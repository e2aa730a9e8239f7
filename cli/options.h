/* options.h - the command line's options (options.c). */
#ifndef OSC_CLI_OPTIONS_H
#define OSC_CLI_OPTIONS_H

#include "ofsted_scan.h"

#define DEFAULT_MAX_SIZE ((size_t)64 << 20) /* bytes; --max-size */
#define MAX_JOBS 256                        /* --jobs */
#define MAX_REPEATS 16                      /* --theme, --fail-on */

typedef enum { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_CSV, OUT_XLSX, OUT_HTML } out_format;

typedef struct opts {
	out_format format;
	bool format_set;
	const char *output;
	const char *themes;
	bool no_default_themes;
	const char *model;         /* --model FILE */
	bool no_model;             /* --no-model: the rules alone */
	bool colour;
	bool explain;
	const char *theme_ids[MAX_REPEATS]; /* --theme, repeatable */
	size_t n_theme_ids;
	const char *fail_on[MAX_REPEATS];   /* --fail-on, repeatable; parsed once rules load */
	size_t n_fail_on;
	bool summary;
	bool documents;            /* --documents: one record per document */
	bool history;              /* --history: each against its predecessor */
	bool brief;                /* --brief: text, one sentence a finding */
	bool list_themes;          /* --list-themes */
	const char *grep;          /* --grep PATTERN */
	const char *since;         /* --since YYYY[-MM[-DD]] */
	const char *until;         /* --until YYYY[-MM[-DD]] */
	size_t max_size;
	unsigned jobs;             /* 0: the number of cores */
	bool quiet, no_progress;
} opts;

typedef enum {
	ARGS_RUN,   /* go on: *first is the first input */
	ARGS_DONE,  /* --help or --version printed: exit with *status */
	ARGS_BAD    /* bad usage, said */
} args_result;

/* Parse argv into o (which holds the defaults). */
args_result parse_args(int argc, char **argv, opts *o, int *first, int *status);

/* The taxonomy the options ask for (said on failure). */
osc_rules *load_rules(const opts *o);
/* The model the options ask for, for `rules`: --model FILE, else the
 * default one, unless --no-model or --no-default-themes (the rules alone:
 * *model NULL).  False when it cannot be loaded (said, naming the file). */
bool load_model(const opts *o, const osc_rules *rules, osc_model **model);

/* --list-themes: the taxonomy's ids and labels on standard output. */
int list_themes(const osc_rules *rules);

/* The worker threads to run: --jobs, else the number of cores. */
unsigned default_jobs(void);

#endif
