/* progress.h - the progress line and the closing tally on standard error
 * (progress.c). */
#ifndef OSC_CLI_PROGRESS_H
#define OSC_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/* The progress line is shown only for a batch larger than this. */
#define PROGRESS_MIN_INPUTS 8

double now_seconds(void);

typedef struct progress {
	bool on;
	double start, last;
	size_t total;
} progress;

/* Show "N of M files" (at most ten times a second unless forced). */
void progress_show(progress *p, size_t done, bool force);
/* Clear the line before anything else is written to the terminal. */
void progress_clear(progress *p);
/* "ofsted-scan: N files, N errors, N items, S s" */
void tally_line(size_t files, int errors, size_t items, double seconds);

#endif
