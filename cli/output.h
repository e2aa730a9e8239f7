/* output.h - where the records go (standard output or -o FILE), and the
 * command's messages on standard error (output.c). */
#ifndef OSC_CLI_OUTPUT_H
#define OSC_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* exit status (ofsted-scan(1), "EXIT STATUS") */
#define EXIT_OK 0
#define EXIT_MATCH 1   /* --fail-on: a condition was met */
#define EXIT_ERROR 2

extern const char *const prog; /* "ofsted-scan", in every message */

/* "ofsted-scan: PATH: " then fmt with detail (PATH left out when NULL);
 * the path's control characters are shown escaped. */
void msg(const char *path, const char *fmt, const char *detail);

typedef struct out {
	FILE *f;
	const char *name;
	bool failed;
	int err;        /* errno of the first failed write, 0 if unknown */
	size_t written; /* records written */
} out;

/* Standard output, or FILE when not NULL; false (said) if it cannot open. */
bool out_open(out *o, const char *file);
void out_write(out *o, const char *s, size_t n);
/* Flush and close; false (said) after any write error. */
bool out_close(out *o);

#endif
