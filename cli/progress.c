/*
 * progress.c - what a batch says on standard error while it runs (a
 * progress line, on a terminal) and when it ends (the tally).
 */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"
#include "output.h"

#include <stdio.h>
#include <time.h>

double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void progress_show(progress *p, size_t done, bool force)
{
	if (!p->on)
		return;
	double t = now_seconds();
	if (!force && t - p->last < 0.1)
		return;
	p->last = t;
	double el = t - p->start, rate = el > 0 ? (double)done / el : 0;
	double left = rate > 0 ? (double)(p->total - done) / rate : 0;
	fprintf(stderr, "\r\033[K%s: %zu of %zu files, %.0f files/s, %d:%02d left", prog, done,
		p->total, rate, (int)left / 60, (int)left % 60);
	fflush(stderr);
}

void progress_clear(progress *p)
{
	if (p->on) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

void tally_line(size_t files, int errors, size_t items, double seconds)
{
	fprintf(stderr, "%s: %zu file%s, %d error%s, %zu items, %.2f s\n", prog, files,
		files == 1 ? "" : "s", errors, errors == 1 ? "" : "s", items, seconds);
}
