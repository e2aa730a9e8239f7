/* pool.h - the ordered worker pool that reads, scans and renders every
 * input and writes the records in input order (pool.c). */
#ifndef OSC_CLI_POOL_H
#define OSC_CLI_POOL_H

#include "filters.h"
#include "inputs.h"
#include "options.h"
#include "output.h"
#include "progress.h"

/* inputs a worker may run ahead of the output: memory is bounded by the
 * window (this times the workers) times the largest document */
#define WINDOW_PER_WORKER 8

/* --history: standard input and named pipes cannot be read twice, so the
 * first pass keeps what it read of them (or why it could not) for the
 * second. */
typedef struct kept_input {
	bool kept;
	char *data;      /* malloc'd */
	size_t len;
	char *why;       /* malloc'd, or NULL */
} kept_input;

void kept_free(kept_input *k, size_t n);

/* What a run is given, and what it counts. */
typedef struct run {
	const opts *o;
	const paths *inputs;
	const osc_rules *rules;
	const osc_model *model;     /* NULL: the rules alone */
	const int *theme_idx;       /* o->n_theme_ids of them */
	const fail_cond *conds;     /* o->n_fail_on of them */
	const pcre2_code *re;       /* --grep, or NULL */
	unsigned render_flags;      /* for the JSON records */
	bool colour;                /* for the text records */
	bool array;                 /* JSON records are an array's elements */
	bool page;                  /* HTML records are sections of one page */
	out *w;
	osc_summary *sum;           /* --summary (and xlsx's Themes): documents go here */
	struct book *wb;            /* --format xlsx: and here */
	/* --history: the first pass keeps a digest of each input (digests[i]);
	 * the second compares each document with its predecessor (hist) */
	bool digest_pass;
	osc_digest **digests;
	struct kept_input *kept;    /* inputs that cannot be read twice */
	const struct history *hist;
	progress *prog;
	/* counted by the run */
	int errors;
	bool met;                   /* a --fail-on condition */
	size_t items;
} run;

/* `jobs` workers, each with its scanner, for the run r (which they
 * borrow); NULL when they cannot be set up (said). */
typedef struct pool pool;
pool *pool_new(run *r, unsigned jobs);
/* Run every input (the calling thread is one of the workers); the
 * records, errors and counts go to the run. */
void pool_run(pool *p);
void pool_free(pool *p);

#endif
