/*
 * cli.c - the ofsted-scan command: options, inputs (files, folders, standard
 * input), output and exit status.  All printing and exiting happens here.
 */
#define _POSIX_C_SOURCE 200809L
#include "ofsted_scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <stdint.h>
#include <unistd.h>

#define EXIT_OK 0
#define EXIT_MATCH 1   /* --fail-on: a condition was met */
#define EXIT_ERROR 2
#define DEFAULT_MAX_SIZE ((size_t)64 << 20) /* bytes; --max-size */
#define MAX_JOBS 256

typedef enum { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_CSV } out_format;

/* --fail-on POLARITY[:THEME,...]: met by an item of that polarity (any
 * polarity for "any") tagged with one of the themes (any theme if none). */
typedef struct fail_cond {
	int polarity;       /* osc_polarity, or -1 for any */
	int themes[32];
	size_t n_themes;    /* 0: any theme, or none */
} fail_cond;

typedef struct opts {
	out_format format;
	bool format_set;
	const char *output;
	const char *themes;
	bool no_default_themes;
	bool colour;
	bool explain;
	const char *theme_ids[16]; /* --theme, repeatable */
	size_t n_theme_ids;
	const char *fail_on[16];   /* --fail-on, repeatable; parsed once rules load */
	size_t n_fail_on;
	bool summary;
	const char *since;         /* --since YYYY[-MM[-DD]] */
	size_t max_size;
	unsigned jobs;             /* 0: the number of cores */
	bool quiet, no_progress;
} opts;

static const char *prog = "ofsted-scan";

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTIONS] [FILE|DIR|-]...\n"
		"Read Ofsted inspection letters and reports and print a structured summary:\n"
		"sections, improvement points, findings, themes and polarity.\n"
		"\n"
		"Inputs are files (PDF, HTML, text, Markdown: told apart by their content),\n"
		"folders (read recursively, in sorted order; files ending .txt .text .md\n"
		".markdown .html .htm .xhtml .pdf), or '-' for standard input, which is\n"
		"also read when no input is named and it is not a terminal.\n"
		"\n"
		"Options:\n"
		"  -f, --format FMT        text (default on a terminal), json, jsonl\n"
		"                          (default otherwise: one JSON object per line),\n"
		"                          csv (one row per item, RFC 4180)\n"
		"  -o, --output FILE       write to FILE instead of standard output\n"
		"      --summary           print one summary over all inputs instead of\n"
		"                          each document: documents by kind, themes by\n"
		"                          polarity, by year, by authority, judgements\n"
		"                          (in the --format chosen)\n"
		"      --since DATE        only documents dated DATE or later (YYYY,\n"
		"                          YYYY-MM or YYYY-MM-DD; undated ones are left out)\n"
		"      --themes FILE       add the rules in FILE to the default taxonomy\n"
		"                          (new themes are added; phrases for an existing\n"
		"                          theme id are added to it)\n"
		"      --no-default-themes use only the rules given with --themes\n"
		"      --theme ID          print only the items tagged with theme ID\n"
		"                          (repeatable: items with any of them)\n"
		"      --fail-on COND      exit 1 if any item meets COND:\n"
		"                          POLARITY[:THEME[,THEME...]], POLARITY one of\n"
		"                          strength, concern, mixed, neutral, any; e.g.\n"
		"                          concern:health or concern (repeatable: any)\n"
		"      --explain           show why each item got its themes and polarity:\n"
		"                          the rules that matched, with weights, file and\n"
		"                          line, each theme's score against the threshold,\n"
		"                          and the polarity cues per sentence\n"
		"  -j, --jobs N            N worker threads (default: the number of cores);\n"
		"                          output is the same, in input order, for any N\n"
		"      --max-size SIZE     refuse inputs over SIZE bytes (K, M, G suffixes;\n"
		"                          default 64M)\n"
		"  -q, --quiet             no tally line and no progress on standard error\n"
		"      --no-progress       no progress line (shown only when standard error\n"
		"                          is a terminal and there are many inputs)\n"
		"      --no-color          no colour in text output (also: NO_COLOR set)\n"
		"  -h, --help              show this help and exit\n"
		"  -V, --version           show the version and exit\n"
		"\n"
		"After a batch of inputs a tally goes to standard error: files, errors,\n"
		"items, seconds.\n"
		"\n"
		"Exit status: 0 success (and no --fail-on condition met); 1 a --fail-on\n"
		"condition was met; 2 an error (bad usage, or an input that could not be\n"
		"read: the other inputs are still processed and printed), whatever else.\n"
		"JSON output follows the schema \"%s\" (see ofsted-scan(1)).\n",
		prog, OSC_SCHEMA);
}

/* A path as it can be shown: control characters (a newline, or an escape
 * sequence aimed at the terminal) written as \n, \t or \xHH. */
static void put_path(FILE *f, const char *p)
{
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7F)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

static void msg(const char *path, const char *fmt, const char *detail)
{
	fprintf(stderr, "%s: ", prog);
	if (path) {
		put_path(stderr, path);
		fputs(": ", stderr);
	}
	fprintf(stderr, fmt, detail);
	fputc('\n', stderr);
}

/* ---- reading ----------------------------------------------------------- */

typedef struct rbuf {
	char *data;
	size_t len, cap;
} rbuf;

/* Read a whole file descriptor, at most `limit` bytes; 0 or an errno value
 * (EFBIG over the limit). */
static int read_all(int fd, rbuf *b, size_t limit)
{
	b->len = 0;
	for (;;) {
		if (b->cap - b->len < 65536) {
			size_t ncap = b->cap ? b->cap * 2 : 1 << 20;
			if (ncap > limit + 65536)
				ncap = limit + 65536;
			if (b->len > limit)
				return EFBIG;
			char *p = realloc(b->data, ncap);
			if (!p)
				return ENOMEM;
			b->data = p;
			b->cap = ncap;
		}
		ssize_t n = read(fd, b->data + b->len, b->cap - b->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			return 0;
		b->len += (size_t)n;
		if (b->len > limit)
			return EFBIG;
	}
}

/* ---- inputs ------------------------------------------------------------ */

typedef struct paths {
	char **v;
	size_t n, cap;
} paths;

static bool paths_push(paths *p, const char *s)
{
	if (p->n == p->cap) {
		size_t ncap = p->cap ? p->cap * 2 : 64;
		char **v = realloc(p->v, ncap * sizeof *v);
		if (!v)
			return false;
		p->v = v;
		p->cap = ncap;
	}
	char *d = strdup(s);
	if (!d)
		return false;
	p->v[p->n++] = d;
	return true;
}

static void paths_free(paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

static bool wanted_extension(const char *name)
{
	static const char *const ext[] = { ".txt", ".text", ".md", ".markdown",
					   ".html", ".htm", ".xhtml", ".pdf" };
	const char *dot = strrchr(name, '.');
	if (!dot)
		return false;
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
		if (strcasecmp(dot, ext[i]) == 0)
			return true;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct dirstack {
	dev_t dev[64];
	ino_t ino[64];
	int n;
} dirstack;

/* Collect the files below `dir` in sorted order; false on a fatal error
 * (out of memory).  Unreadable folders are reported and counted. */
static bool walk(const char *dir, paths *out, dirstack *stack, int *errors)
{
	struct stat st;
	if (stat(dir, &st) != 0) {
		msg(dir, "%s", strerror(errno));
		(*errors)++;
		return true;
	}
	for (int i = 0; i < stack->n; i++)
		if (stack->dev[i] == st.st_dev && stack->ino[i] == st.st_ino) {
			msg(dir, "%s", "folder loop (a link to a folder above it): skipped");
			return true;
		}
	if (stack->n == 64) {
		msg(dir, "%s", "folders nested too deeply: skipped");
		(*errors)++;
		return true;
	}
	DIR *d = opendir(dir);
	if (!d) {
		msg(dir, "%s", strerror(errno));
		(*errors)++;
		return true;
	}
	stack->dev[stack->n] = st.st_dev;
	stack->ino[stack->n] = st.st_ino;
	stack->n++;
	paths names = { 0 };
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* hidden files, "." and ".." */
		ok = paths_push(&names, e->d_name);
	}
	closedir(d);
	qsort(names.v, names.n, sizeof *names.v, cmp_str);
	size_t dl = strlen(dir);
	bool slash = dl && dir[dl - 1] == '/';
	for (size_t i = 0; ok && i < names.n; i++) {
		size_t len = dl + 1 + strlen(names.v[i]) + 1;
		char *p = malloc(len);
		if (!p) {
			ok = false;
			break;
		}
		snprintf(p, len, "%s%s%s", dir, slash ? "" : "/", names.v[i]);
		if (stat(p, &st) != 0) {
			if (lstat(p, &st) == 0 && S_ISLNK(st.st_mode))
				msg(p, "%s", "broken link: skipped");
			else
				msg(p, "%s", strerror(errno)), (*errors)++;
		} else if (S_ISDIR(st.st_mode)) {
			ok = walk(p, out, stack, errors);
		} else if (S_ISREG(st.st_mode) && wanted_extension(names.v[i])) {
			ok = paths_push(out, p);
		}
		free(p);
	}
	stack->n--;
	paths_free(&names);
	return ok;
}

/* ---- output ------------------------------------------------------------ */

typedef struct out {
	FILE *f;
	const char *name;
	bool failed;
	size_t written; /* records written */
} out;

static void out_write(out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (fwrite(s, 1, n, o->f) != n)
		o->failed = true;
}

/* An unknown theme id: say which ids there are. */
static void unknown_theme(const osc_rules *r, const char *what, const char *id)
{
	fprintf(stderr, "%s: %s: unknown theme '%s'; the themes are:", prog, what, id);
	for (size_t i = 0; i < osc_rules_theme_count(r); i++)
		fprintf(stderr, " %s", osc_rules_theme_id(r, i));
	fputc('\n', stderr);
}

/* ---- --fail-on ---------------------------------------------------------- */

static bool parse_fail_on(const osc_rules *r, const char *spec, fail_cond *c)
{
	static const char *const pol[] = { "neutral", "strength", "concern", "mixed" };
	char buf[512];
	if (strlen(spec) >= sizeof buf) {
		msg(NULL, "--fail-on: condition too long: '%s'", spec);
		return false;
	}
	strcpy(buf, spec);
	char *colon = strchr(buf, ':');
	if (colon)
		*colon = '\0';
	c->polarity = -2;
	if (strcmp(buf, "any") == 0)
		c->polarity = -1;
	for (int p = 0; p < 4; p++)
		if (strcmp(buf, pol[p]) == 0)
			c->polarity = p;
	if (c->polarity == -2) {
		fprintf(stderr, "%s: --fail-on '%s': unknown polarity '%s' (strength, concern, "
				"mixed, neutral or any)\n", prog, spec, buf);
		return false;
	}
	c->n_themes = 0;
	if (!colon)
		return true;
	char *save = NULL;
	for (char *t = strtok_r(colon + 1, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (c->n_themes == sizeof c->themes / sizeof *c->themes) {
			fprintf(stderr, "%s: --fail-on '%s': too many themes (at most 32)\n", prog, spec);
			return false;
		}
		int idx = osc_rules_theme_index(r, t);
		if (idx < 0) {
			unknown_theme(r, "--fail-on", t);
			return false;
		}
		c->themes[c->n_themes++] = idx;
	}
	if (!c->n_themes) {
		fprintf(stderr, "%s: --fail-on '%s': no theme after ':'\n", prog, spec);
		return false;
	}
	return true;
}

static bool cond_met(const fail_cond *c, const osc_item *it)
{
	if (c->polarity >= 0 && (int)it->polarity != c->polarity)
		return false;
	if (!c->n_themes)
		return true;
	for (size_t t = 0; t < it->n_themes; t++)
		for (size_t k = 0; k < c->n_themes; k++)
			if (it->themes[t].theme == c->themes[k])
				return true;
	return false;
}

/* ---- progress and tally -------------------------------------------------- */

static double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct progress {
	bool on;
	double start, last;
	size_t total;
} progress;

static void progress_show(progress *p, size_t done, bool force)
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

static void progress_clear(progress *p)
{
	if (p->on) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

/* ---- the batch: workers and the output ---------------------------------- */

/*
 * Each input is a job: read, scan, render.  Workers (the main thread and
 * jobs - 1 threads) take inputs in order, and their records are written in
 * input order, so the output is the same for any number of workers.  There
 * is no writer thread: the worker that finishes a job, when no other is
 * writing, writes every finished job at the head of the window and then
 * goes back to work, so threads never outnumber workers and nobody is woken
 * per document.  A worker may run at most `window` (8 per worker) inputs
 * ahead of the output, which bounds memory by the window times the largest
 * document, whatever the number of inputs; it is woken only when it waited
 * for room.
 */
typedef struct job {
	char *record;        /* rendered output (osc_free), or NULL */
	size_t len;
	char *error;         /* for standard error (malloc), or NULL */
	osc_doc *doc;        /* kept for --summary */
	size_t items;
	bool failed, met, skipped, done;
} job;

typedef struct batch {
	const opts *o;
	const paths *inputs;
	const osc_rules *rules;
	const int *theme_idx;
	const fail_cond *conds;
	size_t n_conds;
	unsigned render_flags;
	bool colour;
	/* the output: written by one worker at a time (see `writing`) */
	out *w;
	bool array;
	osc_summary *sum;
	progress *prog;
	int errors;
	bool met;
	size_t items;
	/* shared state, under mu */
	pthread_mutex_t mu;
	pthread_cond_t can_take;
	size_t next, written, window;  /* next input to take; inputs written */
	job *slots;          /* window of them: input i in slot i % window */
	unsigned waiting;    /* workers waiting for room in the window */
	bool writing;        /* a worker is writing the head of the window */
	bool stop;           /* a write failed: take no more */
} batch;

typedef struct worker {
	batch *b;
	osc_scanner *sc;
	rbuf buf;
	pthread_t thread;
} worker;

static void job_free(job *j)
{
	osc_free(NULL, j->record);
	free(j->error);
	osc_doc_free(j->doc);
	memset(j, 0, sizeof *j);
}

/* Is the document dated `since` or later (its letter's date, else its
 * first visit day)? */
static bool dated_since(const osc_doc *d, const char *since)
{
	const char *date = osc_doc_date(d);
	if (!date && osc_doc_visit_date_count(d))
		date = osc_doc_visit_date(d, 0);
	return date && strncmp(date, since, strlen(since)) >= 0;
}

/* A named pipe given as an input: wait (a bounded time) for a writer to
 * write or to close it. */
#define FIFO_WAIT_S "10"
static bool fifo_ready(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	for (;;) {
		int r = poll(&p, 1, atoi(FIFO_WAIT_S) * 1000);
		if (r < 0 && errno == EINTR)
			continue;
		return r > 0;
	}
}

static void run_job(worker *w, size_t i, job *j)
{
	const batch *b = w->b;
	const opts *o = b->o;
	const char *path = b->inputs->v[i];
	memset(j, 0, sizeof *j);
	int e = 0;
	if (strcmp(path, "-") == 0) {
		e = read_all(STDIN_FILENO, &w->buf, o->max_size);
	} else {
		/* not blocking on a FIFO without a writer while it opens */
		int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
		struct stat st;
		if (fd < 0)
			e = errno;
		else if (fstat(fd, &st) != 0)
			e = errno;
		else if (S_ISDIR(st.st_mode))
			e = EISDIR;
		else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
			e = ENODEV; /* a device or socket: not a document */
		else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > o->max_size)
			e = EFBIG;
		else if (S_ISFIFO(st.st_mode) && !fifo_ready(fd))
			e = ETIMEDOUT;
		else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
			e = errno;
		else
			e = read_all(fd, &w->buf, o->max_size);
		if (fd >= 0)
			close(fd);
	}
	osc_error err = { 0 };
	const char *why = NULL;
	char big[128];
	osc_doc *doc = NULL;
	if (e == EFBIG) {
		snprintf(big, sizeof big, "too large: over --max-size (%zu bytes)", o->max_size);
		why = big;
	} else if (e == ETIMEDOUT) {
		why = "a named pipe that nothing wrote to in " FIFO_WAIT_S " s: not read";
	} else if (e == ENODEV) {
		why = "not a regular file or a pipe (a device?): not read";
	} else if (e) {
		why = strerror(e);
	} else {
		doc = osc_scan(w->sc, w->buf.data, w->buf.len, path, OSC_FORMAT_AUTO, &err);
		if (!doc)
			why = err.message;
	}
	osc_status st = OSC_OK;
	if (why) {
		j->failed = true;
		j->error = strdup(why);
		if (o->format == OUT_JSON || o->format == OUT_JSONL)
			if (!o->summary)
				st = osc_render_json_error(path, why, b->render_flags, NULL, &j->record, &j->len);
	} else if (o->since && !dated_since(doc, o->since)) {
		j->skipped = true;
	} else {
		for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
			for (size_t k = 0; k < osc_doc_item_count(doc, (osc_section)sec); k++) {
				const osc_item *it = osc_doc_item(doc, (osc_section)sec, k);
				j->items++;
				for (size_t c = 0; c < b->n_conds && !j->met; c++)
					j->met = cond_met(&b->conds[c], it);
			}
		if (o->n_theme_ids)
			osc_doc_keep_themes(doc, b->theme_idx, o->n_theme_ids);
		if (o->summary) {
			j->doc = doc;
			doc = NULL;
		} else if (o->format == OUT_TEXT) {
			st = osc_render_text(doc, b->colour ? OSC_RENDER_COLOUR : 0, NULL, &j->record, &j->len);
		} else if (o->format == OUT_CSV) {
			st = osc_render_csv(doc, 0, NULL, &j->record, &j->len);
		} else {
			st = osc_render_json(doc, b->render_flags, NULL, &j->record, &j->len);
		}
	}
	osc_doc_free(doc);
	if (st) {
		j->failed = true;
		free(j->error);
		j->error = strdup("out of memory writing the output");
		osc_free(NULL, j->record);
		j->record = NULL;
	}
}

/* Write job i's record in its place; count what it says in b. */
static void write_job(batch *b, job *j, size_t i)
{
	const opts *o = b->o;
	out *w = b->w;
	const char *path = b->inputs->v[i];
	if (j->failed) { /* (its message may have failed to be copied) */
		msg(path, "%s", j->error ? j->error : "out of memory");
		b->errors++;
		if (b->sum)
			osc_summary_add_error(b->sum);
	}
	b->met = b->met || j->met;
	b->items += j->items;
	if (b->sum && j->doc && osc_summary_add(b->sum, j->doc) != OSC_OK) {
		msg(path, "%s", "out of memory adding to the summary");
		b->errors++;
	}
	if (j->record && (j->len || o->format != OUT_CSV)) {
		if (w->written) {
			if (o->format == OUT_TEXT)
				out_write(w, "\n", 1);
			else if (b->array)
				out_write(w, ",\n", 2);
		}
		size_t len = j->len;
		if (b->array && len && j->record[len - 1] == '\n')
			len--; /* the separator carries the newline */
		out_write(w, j->record, len);
		if (o->format == OUT_JSONL)
			out_write(w, "\n", 1);
		w->written++;
	}
	job_free(j);
}

/* Write the finished jobs at the head of the window, in input order.
 * Called with mu held by the worker that set `writing`; mu is let go while
 * a record is written, so that the others can take and leave jobs. */
static void drain(batch *b)
{
	while (!b->stop) {
		size_t i = b->written;
		job *slot = &b->slots[i % b->window];
		if (!slot->done)
			return;
		job j = *slot;
		slot->done = false;
		pthread_mutex_unlock(&b->mu);
		progress_clear(b->prog);
		write_job(b, &j, i);
		progress_show(b->prog, i + 1, false);
		pthread_mutex_lock(&b->mu);
		b->written = i + 1;
		if (b->w->failed)
			b->stop = true;
		if (b->waiting)
			pthread_cond_broadcast(&b->can_take);
	}
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	batch *b = w->b;
	pthread_mutex_lock(&b->mu);
	for (;;) {
		while (!b->stop && b->next < b->inputs->n && b->next >= b->written + b->window) {
			b->waiting++;
			pthread_cond_wait(&b->can_take, &b->mu);
			b->waiting--;
		}
		if (b->stop || b->next >= b->inputs->n)
			break;
		size_t i = b->next++;
		pthread_mutex_unlock(&b->mu);

		job j;
		run_job(w, i, &j);

		pthread_mutex_lock(&b->mu);
		j.done = true;
		b->slots[i % b->window] = j;
		/* the writer, if any, sees this job before it stops writing:
		 * it looks again under mu before letting `writing` go */
		if (!b->writing) {
			b->writing = true;
			drain(b);
			b->writing = false;
		}
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

/* ---- main -------------------------------------------------------------- */

/* "64M", "512k", "1G", "100000": bytes; 0 on a bad value. */
static size_t parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return 0;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end == 'i' || *end == 'B')
		end += *end == 'i' && end[1] == 'B' ? 2 : 1;
	if (*end || v == 0 || v > (SIZE_MAX >> shift) || (v << shift) > ((size_t)1 << 31) * 2)
		return 0;
	return (size_t)(v << shift);
}

static bool valid_since(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	return true;
}

static bool parse_args(int argc, char **argv, opts *o, int *first)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "themes", required_argument, NULL, 't' },
		{ "no-default-themes", no_argument, NULL, 'N' },
		{ "theme", required_argument, NULL, 'T' },
		{ "explain", no_argument, NULL, 'E' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-colour", no_argument, NULL, 'C' },
		{ "summary", no_argument, NULL, 'S' },
		{ "since", required_argument, NULL, 's' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "max-size", required_argument, NULL, 'M' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "no-progress", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:j:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = OUT_JSON;
			else if (strcmp(optarg, "jsonl") == 0)
				o->format = OUT_JSONL;
			else if (strcmp(optarg, "csv") == 0)
				o->format = OUT_CSV;
			else {
				msg(NULL, "unknown format '%s' (text, json, jsonl, csv)", optarg);
				return false;
			}
			o->format_set = true;
			break;
		case 'o': o->output = optarg; break;
		case 't': o->themes = optarg; break;
		case 'N': o->no_default_themes = true; break;
		case 'E': o->explain = true; break;
		case 'S': o->summary = true; break;
		case 's':
			if (!valid_since(optarg)) {
				msg(NULL, "--since '%s': give a date as YYYY, YYYY-MM or YYYY-MM-DD", optarg);
				return false;
			}
			o->since = optarg;
			break;
		case 'T':
			if (o->n_theme_ids == sizeof o->theme_ids / sizeof *o->theme_ids) {
				msg(NULL, "%s", "too many --theme options (at most 16)");
				return false;
			}
			o->theme_ids[o->n_theme_ids++] = optarg;
			break;
		case 'F':
			if (o->n_fail_on == sizeof o->fail_on / sizeof *o->fail_on) {
				msg(NULL, "%s", "too many --fail-on options (at most 16)");
				return false;
			}
			o->fail_on[o->n_fail_on++] = optarg;
			break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > MAX_JOBS) {
				msg(NULL, "--jobs '%s': give a number from 1 to 256", optarg);
				return false;
			}
			o->jobs = (unsigned)v;
			break;
		}
		case 'M':
			o->max_size = parse_size(optarg);
			if (!o->max_size) {
				msg(NULL, "--max-size '%s': give a size in bytes, with K, M or G "
					  "(up to 4G)", optarg);
				return false;
			}
			break;
		case 'q': o->quiet = true; break;
		case 'P': o->no_progress = true; break;
		case 'C': o->colour = false; break;
		case 'h':
			usage(stdout);
			exit(fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_ERROR);
		case 'V':
			printf("%s %s (schema %s)\n", prog, OSC_VERSION, OSC_SCHEMA);
			exit(fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_ERROR);
		case ':':
			msg(NULL, "option '%s' needs a value", argv[optind - 1]);
			return false;
		default:
			msg(NULL, "unknown option '%s' (see --help)", argv[optind - 1]);
			return false;
		}
	}
	if (o->no_default_themes && !o->themes) {
		msg(NULL, "%s", "--no-default-themes needs --themes FILE");
		return false;
	}
	if (o->summary && o->explain) {
		msg(NULL, "%s", "--explain shows documents; it does not go with --summary");
		return false;
	}
	*first = optind;
	return true;
}

static osc_rules *load_rules(const opts *o)
{
	osc_error err = { 0 };
	size_t dlen;
	const char *def = osc_default_rules_text(&dlen);
	if (!o->themes) {
		osc_rules *r = osc_rules_parse(def, dlen, "default rules", NULL, 0, NULL, &err);
		if (!r)
			msg(NULL, "%s", err.message);
		return r;
	}
	int fd = open(o->themes, O_RDONLY);
	rbuf b = { 0 };
	int e = fd < 0 ? errno : read_all(fd, &b, DEFAULT_MAX_SIZE);
	if (fd >= 0)
		close(fd);
	if (e) {
		msg(o->themes, "%s", strerror(e));
		free(b.data);
		return NULL;
	}
	osc_rules *r = osc_rules_parse(b.data ? b.data : "", b.len, o->themes,
				       o->no_default_themes ? NULL : def, dlen, NULL, &err);
	free(b.data);
	if (!r)
		msg(NULL, "%s", err.message);
	return r;
}

static unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

int main(int argc, char **argv)
{
	opts o = { .format = OUT_TEXT, .colour = true, .max_size = DEFAULT_MAX_SIZE };
	int first;
	if (!parse_args(argc, argv, &o, &first))
		return EXIT_ERROR;
	double t0 = now_seconds();

	paths inputs = { 0 };
	int errors = 0;
	bool from_dir = false;
	bool ok = true;
	if (first == argc) {
		if (isatty(STDIN_FILENO)) {
			msg(NULL, "%s", "no input (name files or folders, or pipe text in; see --help)");
			return EXIT_ERROR;
		}
		ok = paths_push(&inputs, "-");
	}
	for (int i = first; ok && i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			dirstack stack = { .n = 0 };
			from_dir = true;
			ok = walk(argv[i], &inputs, &stack, &errors);
		} else {
			ok = paths_push(&inputs, argv[i]);
		}
	}
	if (!ok) {
		msg(NULL, "%s", "out of memory");
		paths_free(&inputs);
		return EXIT_ERROR;
	}

	out w = { stdout, "standard output", false, 0 };
	if (o.output) {
		w.f = fopen(o.output, "w");
		w.name = o.output;
		if (!w.f) {
			msg(o.output, "%s", strerror(errno));
			paths_free(&inputs);
			return EXIT_ERROR;
		}
	}
	bool tty = !o.output && isatty(STDOUT_FILENO);
	if (!o.format_set)
		o.format = tty ? OUT_TEXT : OUT_JSONL;
	const char *nc = getenv("NO_COLOR");
	bool colour = o.colour && tty && !(nc && *nc) && o.format == OUT_TEXT;
	bool array = !o.summary && o.format == OUT_JSON && (inputs.n != 1 || from_dir);

	osc_rules *rules = load_rules(&o);
	bool ready = rules != NULL;
	/* --theme and --fail-on: every id must be in the taxonomy */
	int theme_idx[sizeof o.theme_ids / sizeof *o.theme_ids];
	for (size_t k = 0; ready && k < o.n_theme_ids; k++) {
		theme_idx[k] = osc_rules_theme_index(rules, o.theme_ids[k]);
		if (theme_idx[k] < 0) {
			unknown_theme(rules, "--theme", o.theme_ids[k]);
			ready = false;
		}
	}
	fail_cond conds[sizeof o.fail_on / sizeof *o.fail_on];
	for (size_t k = 0; ready && k < o.n_fail_on; k++)
		ready = parse_fail_on(rules, o.fail_on[k], &conds[k]);

	unsigned jobs = o.jobs ? o.jobs : default_jobs();
	if (jobs > inputs.n)
		jobs = inputs.n ? (unsigned)inputs.n : 1;
	batch b = {
		.o = &o, .inputs = &inputs, .rules = rules, .theme_idx = theme_idx,
		.conds = conds, .n_conds = o.n_fail_on,
		.render_flags = o.format == OUT_JSON ? OSC_RENDER_PRETTY : 0,
		.colour = colour, .window = (size_t)jobs * 8,
	};
	worker *ws = ready ? calloc(jobs, sizeof *ws) : NULL;
	b.slots = ready ? calloc(b.window, sizeof *b.slots) : NULL;
	osc_summary *sum = ready && o.summary ? osc_summary_new(rules, NULL) : NULL;
	if (ready && (!ws || !b.slots || (o.summary && !sum))) {
		msg(NULL, "%s", "out of memory");
		ready = false;
	}
	for (unsigned k = 0; ready && k < jobs; k++) {
		osc_error err = { 0 };
		ws[k].b = &b;
		ws[k].sc = osc_scanner_new(rules, NULL, &err);
		if (!ws[k].sc) {
			msg(NULL, "%s", err.message);
			ready = false;
		} else {
			osc_scanner_set_explain(ws[k].sc, o.explain);
		}
	}
	if (!ready) {
		for (unsigned k = 0; ws && k < jobs; k++)
			osc_scanner_free(ws[k].sc);
		free(ws);
		free(b.slots);
		osc_summary_free(sum);
		osc_rules_free(rules);
		paths_free(&inputs);
		if (o.output)
			fclose(w.f);
		return EXIT_ERROR;
	}

	progress prog_line = { .on = !o.quiet && !o.no_progress && inputs.n > 8 &&
				     isatty(STDERR_FILENO),
			       .start = t0, .total = inputs.n };
	if (array)
		out_write(&w, "[\n", 2);
	if (o.format == OUT_CSV && !o.summary)
		out_write(&w, osc_csv_header(), strlen(osc_csv_header()));

	b.w = &w;
	b.array = array;
	b.sum = sum;
	b.prog = &prog_line;
	b.errors = errors;
	pthread_mutex_init(&b.mu, NULL);
	pthread_cond_init(&b.can_take, NULL);
	/* the main thread is worker 0; a thread that cannot start leaves its
	 * share to the others */
	unsigned started = 1;
	for (; started < jobs; started++)
		if (pthread_create(&ws[started].thread, NULL, worker_main, &ws[started]) != 0)
			break;
	worker_main(&ws[0]);
	for (unsigned k = 1; k < started; k++)
		pthread_join(ws[k].thread, NULL);
	/* after a write error: what the workers finished and nobody wrote */
	for (size_t k = 0; k < b.window; k++)
		if (b.slots[k].done)
			job_free(&b.slots[k]);
	pthread_cond_destroy(&b.can_take);
	pthread_mutex_destroy(&b.mu);
	errors = b.errors;
	bool met = b.met;
	size_t items = b.items;
	progress_clear(&prog_line);

	if (array)
		out_write(&w, w.written ? "\n]\n" : "]\n", w.written ? 3 : 2);
	if (sum && !w.failed) {
		char *text = NULL;
		size_t len = 0;
		osc_summary_format sf = o.format == OUT_TEXT ? OSC_SUMMARY_TEXT
				      : o.format == OUT_CSV ? OSC_SUMMARY_CSV : OSC_SUMMARY_JSON;
		unsigned fl = (colour ? OSC_RENDER_COLOUR : 0) |
			      (o.format == OUT_JSON ? OSC_RENDER_PRETTY : 0);
		if (osc_render_summary(sum, sf, fl, NULL, &text, &len) == OSC_OK) {
			out_write(&w, text, len);
			osc_free(NULL, text);
		} else {
			msg(NULL, "%s", "out of memory writing the summary");
			errors++;
		}
	}
	for (unsigned k = 0; k < jobs; k++) {
		osc_scanner_free(ws[k].sc);
		free(ws[k].buf.data);
	}
	free(ws);
	free(b.slots);
	osc_summary_free(sum);
	osc_rules_free(rules);

	if (fflush(w.f) != 0 || ferror(w.f))
		w.failed = true;
	if (o.output && fclose(w.f) != 0)
		w.failed = true;
	if (w.failed) {
		msg(w.name, "write error: %s", strerror(errno ? errno : EIO));
		paths_free(&inputs);
		return EXIT_ERROR;
	}
	if (!o.quiet && (inputs.n > 1 || from_dir))
		fprintf(stderr, "%s: %zu file%s, %d error%s, %zu items, %.2f s\n", prog,
			inputs.n, inputs.n == 1 ? "" : "s", errors, errors == 1 ? "" : "s", items,
			now_seconds() - t0);
	paths_free(&inputs);
	return errors ? EXIT_ERROR : met ? EXIT_MATCH : EXIT_OK;
}
