/*
 * pool.c - the batch: each input is a job (read, scan, render), taken by
 * the workers in input order, its record written in input order, so the
 * output is the same bytes for any number of workers.
 *
 * There is no writer thread: the worker that finishes a job, when no other
 * is writing, writes every finished job at the head of the window and then
 * goes back to work, so threads never outnumber workers and nobody is woken
 * per document.  A worker may run at most `window` (WINDOW_PER_WORKER per
 * worker) inputs ahead of the output, which bounds memory by the window
 * times the largest document, whatever the number of inputs; it is woken
 * only when it waited for room.
 */
#define _POSIX_C_SOURCE 200809L
#include "pool.h"
#include "history.h"
#include "workbook.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct job {
	char *record;        /* rendered output (osc_free), or NULL */
	size_t len;
	char *error;         /* for standard error (malloc), or NULL */
	char *met;           /* --fail-on: a line per item that met one (malloc) */
	size_t met_len;
	osc_doc *doc;        /* kept for --summary */
	osc_doc *prev;       /* --history: doc against its predecessor (borrows doc) */
	osc_doc *sel;        /* --theme's selection of doc, which it borrows */
	osc_digest *digest;  /* --history's first pass */
	char *records;       /* --summary: ofsted-scan's own records (malloc) */
	size_t records_len;
	size_t items;
	bool failed, met_any, skipped, done;
	bool stream;         /* a large document, rendered when written (doc) */
} job;

typedef struct batch {
	run *r;
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
	pcre2_match_data *md; /* --grep */
	rbuf buf;
	pthread_t thread;
} worker;

static void job_free(job *j)
{
	osc_free(NULL, j->record);
	free(j->error);
	free(j->met);
	free(j->records);
	osc_doc_free(j->sel);
	osc_doc_free(j->prev);
	osc_doc_free(j->doc);
	osc_digest_free(j->digest);
	memset(j, 0, sizeof *j);
}

/* The text records' flags, as the options ask. */
static unsigned text_flags(const run *r)
{
	return (r->colour ? OSC_RENDER_COLOUR : 0) | (r->o->brief ? OSC_RENDER_BRIEF : 0) |
	       (r->o->grep ? OSC_RENDER_LIST : 0);
}

/* Render a document as the options ask. */
static osc_status render(const run *r, const osc_doc *doc, job *j)
{
	const opts *o = r->o;
	switch (o->format) {
	case OUT_TEXT:
		return osc_render_text(doc, text_flags(r), NULL, &j->record, &j->len);
	case OUT_HTML:
		return osc_render_html(doc, r->page ? OSC_RENDER_FRAGMENT : 0, NULL, &j->record,
				       &j->len);
	case OUT_CSV:
		return o->documents ? osc_render_csv_row(doc, 0, NULL, &j->record, &j->len)
				    : osc_render_csv(doc, 0, NULL, &j->record, &j->len);
	default:
		return o->documents ? osc_render_json_row(doc, 0, NULL, &j->record, &j->len)
				    : osc_render_json(doc, r->render_flags, NULL, &j->record, &j->len);
	}
}

/* A document read from this many bytes or more is rendered when its turn
 * to be written comes, straight to the output, rather than held whole as
 * a record (the formats that can: text, JSON, JSON Lines, CSV). */
#define STREAM_MIN (1 << 20)

static bool streams(const run *r, size_t input_len)
{
	const opts *o = r->o;
	return input_len >= STREAM_MIN && !o->documents &&
	       (o->format == OUT_TEXT || o->format == OUT_JSON || o->format == OUT_JSONL ||
		o->format == OUT_CSV);
}

/* Where a streamed record goes: the output, its last byte held back (the
 * newline an array's element leaves to its separator). */
typedef struct stream_out {
	out *w;
	char held;
	bool holding;
} stream_out;
/* (holding: something was written) */

static bool stream_write(const char *s, size_t n, void *ctx)
{
	stream_out *so = ctx;
	if (!n)
		return !so->w->failed;
	if (so->holding)
		out_write(so->w, &so->held, 1);
	out_write(so->w, s, n - 1);
	so->held = s[n - 1];
	so->holding = true;
	return !so->w->failed;
}

/* Render job j's document straight to the output (its turn has come);
 * *wrote: any bytes. */
static osc_status render_streamed(const run *r, const job *j, bool *wrote)
{
	const opts *o = r->o;
	const osc_doc *view = j->sel ? j->sel : j->prev ? j->prev : j->doc;
	stream_out so = { r->w, 0, false };
	osc_writer wr = { stream_write, &so };
	osc_status st;
	switch (o->format) {
	case OUT_TEXT:
		st = osc_render_text_to(view, text_flags(r), NULL, &wr);
		break;
	case OUT_CSV:
		st = osc_render_csv_to(view, 0, NULL, &wr);
		break;
	default:
		st = osc_render_json_to(view, r->render_flags, NULL, &wr);
		break;
	}
	if (so.holding && !(r->array && so.held == '\n'))
		out_write(r->w, &so.held, 1);
	*wrote = so.holding;
	return st;
}

/* --fail-on: count the items that meet a condition, a line each for
 * standard error.  False when out of memory. */
static bool check_fail_on(const run *r, const osc_doc *doc, job *j)
{
	const opts *o = r->o;
	FILE *f = o->n_fail_on ? open_memstream(&j->met, &j->met_len) : NULL;
	if (o->n_fail_on && !f)
		return false;
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
		for (size_t k = 0; k < osc_doc_item_count(doc, (osc_section)sec); k++) {
			const osc_item *it = osc_doc_item(doc, (osc_section)sec, k);
			j->items++;
			for (size_t c = 0; c < o->n_fail_on; c++)
				if (cond_met(&r->conds[c], it)) {
					fail_line(f, o->fail_on[c], (osc_section)sec, k, it);
					fputc('\n', f);
					j->met_any = true;
					break;
				}
		}
	return !f || fclose(f) == 0;
}

static void run_job(worker *w, size_t i, job *j)
{
	const run *r = w->b->r;
	const opts *o = r->o;
	const char *path = r->inputs->v[i];
	memset(j, 0, sizeof *j);
	read_result rr;
	osc_error err = { 0 };
	kept_input *k = r->kept ? &r->kept[i] : NULL;
	const char *why;
	if (k && k->kept && !r->digest_pass) {
		/* the first pass read it: a pipe is empty now */
		why = k->why;
		w->buf.len = 0;
		if (!why && k->len && rbuf_set(&w->buf, k->data, k->len) != 0)
			why = "out of memory";
	} else {
		why = read_input(path, &w->buf, o->max_size, &rr);
		if (k && r->digest_pass && !is_regular(path)) {
			k->kept = true;
			k->why = why ? strdup(why) : NULL;
			k->data = !why && w->buf.len ? malloc(w->buf.len) : NULL;
			k->len = k->data ? w->buf.len : 0;
			if (k->data)
				memcpy(k->data, w->buf.data, w->buf.len);
			else if (!why && w->buf.len)
				k->why = strdup("out of memory keeping standard input for --history");
		}
	}
	osc_doc *doc = NULL;
	if (!why && osc_is_record(w->buf.data, w->buf.len)) {
		/* ofsted-scan's own JSON Lines: the reduce step, in the writer */
		if (!o->summary || r->digest_pass)
			why = "ofsted-scan's own records: only --summary reads them back";
		else if (o->format == OUT_HTML)
			why = "ofsted-scan's own records: the HTML report lists the documents, "
			      "which records do not hold; make it from the documents";
		else if (o->since || o->until)
			why = "ofsted-scan's own records: --since and --until apply when they are "
			      "made, not when they are merged";
		else if (!(j->records = malloc(w->buf.len)))
			why = "out of memory";
		if (j->records) {
			memcpy(j->records, w->buf.data, w->buf.len);
			j->records_len = w->buf.len;
			return;
		}
	}
	if (!why && !w->buf.data && rbuf_set(&w->buf, "", 0) != 0)
		why = "out of memory"; /* (an empty input kept by --history) */
	size_t input_len = w->buf.len;
	if (!why) {
		/* the document takes the bytes: a text's paragraphs are
		 * written over them rather than copied */
		size_t len = w->buf.len;
		doc = osc_scan_take(w->sc, rbuf_take(&w->buf), len, path, OSC_FORMAT_AUTO, &err);
		if (!doc)
			why = err.message;
	}
	osc_status st = OSC_OK;
	if (r->digest_pass) {
		/* --history's first pass: a digest, nothing said (the second
		 * pass reports the errors) */
		if (doc && !(j->digest = osc_digest_new(doc, &err)))
			j->failed = true;
		osc_doc_free(doc);
		return;
	}
	if (why) {
		j->failed = true;
		j->error = strdup(why);
		if ((o->format == OUT_JSON || o->format == OUT_JSONL) && !o->summary)
			st = osc_render_json_error(path, why, r->render_flags, NULL, &j->record, &j->len);
	} else if ((o->since && !dated_since(doc, o->since)) ||
		   (o->until && !dated_until(doc, o->until))) {
		j->skipped = true;
	} else {
		if (!check_fail_on(r, doc, j))
			st = OSC_ENOMEM;
		const osc_doc *view = doc;
		if (!st && r->hist) {
			j->prev = osc_doc_with_previous(doc, history_previous(r->hist, doc), &err);
			view = j->prev;
			if (!view)
				st = OSC_ENOMEM;
		}
		if (!st && (o->n_theme_ids || r->re)) {
			item_filter f = { r->theme_idx, o->n_theme_ids, r->re, w->md, false };
			j->sel = osc_doc_filter(view, item_kept, &f, &err);
			view = j->sel;
			if (!view)
				st = OSC_ENOMEM;
			else if (r->re && !osc_doc_item_count(view, OSC_SECTION_IMPROVEMENTS) &&
				 !osc_doc_item_count(view, OSC_SECTION_PRIORITY_ACTIONS) &&
				 !osc_doc_item_count(view, OSC_SECTION_FINDINGS))
				j->skipped = true; /* like grep: no match, no record */
			if (view && f.failed)
				j->error = strdup("--grep: a match hit PCRE2's limits: some items were "
						  "not searched");
		}
		if (st || j->skipped) {
			/* nothing to write */
		} else if (o->summary || r->wb) {
			j->doc = doc; /* with its selection, for the summary */
			doc = NULL;
		} else if (streams(r, input_len)) {
			j->stream = true; /* rendered when written */
			j->doc = doc;
			doc = NULL;
		} else {
			st = render(r, view, j);
		}
	}
	if (doc) {
		osc_doc_free(j->sel);
		osc_doc_free(j->prev);
		j->sel = j->prev = NULL;
		osc_doc_free(doc);
	}
	if (st) {
		j->failed = true;
		free(j->error);
		j->error = strdup("out of memory writing the output");
		osc_free(NULL, j->record);
		j->record = NULL;
	}
}

/* --summary over ofsted-scan's own records: each line added as its
 * document would have been; a line that is no record is an error, said
 * with its number. */
static void add_records(run *r, const char *path, const char *s, size_t n)
{
	size_t line = 0;
	for (size_t at = 0; at < n;) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t end = nl ? (size_t)(nl - s) : n;
		line++;
		size_t a = at, b = end;
		while (a < b && (s[a] == ' ' || s[a] == '\r' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r' || s[b - 1] == '\t'))
			b--;
		if (b > a) {
			osc_error err = { 0 };
			if (osc_summary_add_record(r->sum, s + a, b - a, &err) != OSC_OK) {
				char why[320];
				snprintf(why, sizeof why, "line %zu: %s", line, err.message);
				msg(path, "%s", why);
				r->errors++;
			}
		}
		at = end + 1;
	}
}

/* Write job i's record in its place; count what it says in r. */
static void write_job(run *r, job *j, size_t i)
{
	const opts *o = r->o;
	out *w = r->w;
	const char *path = r->inputs->v[i];
	if (r->digest_pass) {
		r->digests[i] = j->digest;
		j->digest = NULL;
		job_free(j);
		return;
	}
	if (j->failed) { /* (its message may have failed to be copied) */
		msg(path, "%s", j->error ? j->error : "out of memory");
		r->errors++;
		if (r->sum)
			osc_summary_add_error(r->sum);
	}
	if (j->records)
		add_records(r, path, j->records, j->records_len);
	r->met = r->met || j->met_any;
	for (size_t k = 0; j->met && k < j->met_len;) {
		char *nl = memchr(j->met + k, '\n', j->met_len - k);
		if (nl)
			*nl = '\0';
		msg(path, "%s", j->met + k);
		k = nl ? (size_t)(nl - j->met) + 1 : j->met_len;
	}
	if (!j->failed && j->error)
		msg(path, "%s", j->error); /* a warning that is no failure */
	r->items += j->items;
	if (r->wb && j->doc && !book_add(r->wb, j->doc, j->sel)) {
		msg(path, "%s", "could not be added to the workbook");
		r->errors++;
	}
	if (r->sum && j->doc && osc_summary_add(r->sum, j->sel ? j->sel : j->doc) != OSC_OK) {
		msg(path, "%s", "out of memory adding to the summary");
		r->errors++;
	}
	if (j->stream) {
		if (w->written) {
			if (o->format == OUT_TEXT)
				out_write(w, "\n", 1);
			else if (r->array)
				out_write(w, ",\n", 2);
		}
		bool wrote;
		if (render_streamed(r, j, &wrote) == OSC_ENOMEM) {
			msg(path, "%s", "out of memory writing the output: its record is cut short");
			r->errors++;
		}
		if (o->format == OUT_JSONL)
			out_write(w, "\n", 1);
		w->written += wrote || o->format != OUT_CSV;
	} else if (j->record && (j->len || o->format != OUT_CSV)) {
		if (w->written) {
			if (o->format == OUT_TEXT)
				out_write(w, "\n", 1);
			else if (r->array)
				out_write(w, ",\n", 2);
		}
		size_t len = j->len;
		if (r->array && len && j->record[len - 1] == '\n')
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
		progress_clear(b->r->prog);
		write_job(b->r, &j, i);
		progress_show(b->r->prog, i + 1, false);
		pthread_mutex_lock(&b->mu);
		b->written = i + 1;
		if (b->r->w->failed)
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
		while (!b->stop && b->next < b->r->inputs->n && b->next >= b->written + b->window) {
			b->waiting++;
			pthread_cond_wait(&b->can_take, &b->mu);
			b->waiting--;
		}
		if (b->stop || b->next >= b->r->inputs->n)
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

struct pool {
	batch b;
	worker *ws;
	unsigned jobs;
};

pool *pool_new(run *r, unsigned jobs)
{
	pool *p = calloc(1, sizeof *p);
	if (!p) {
		msg(NULL, "%s", "out of memory");
		return NULL;
	}
	p->b = (batch){ .r = r, .window = (size_t)jobs * WINDOW_PER_WORKER };
	p->jobs = jobs;
	p->ws = calloc(jobs, sizeof *p->ws);
	p->b.slots = calloc(p->b.window, sizeof *p->b.slots);
	bool ok = p->ws && p->b.slots;
	if (!ok)
		msg(NULL, "%s", "out of memory");
	for (unsigned k = 0; ok && k < jobs; k++) {
		osc_error err = { 0 };
		p->ws[k].sc = osc_scanner_new(r->rules, NULL, &err);
		if (!p->ws[k].sc) {
			msg(NULL, "%s", err.message);
			ok = false;
		} else {
			osc_scanner_set_explain(p->ws[k].sc, r->o->explain);
			if (r->re && !(p->ws[k].md = pcre2_match_data_create_from_pattern(r->re, NULL))) {
				msg(NULL, "%s", "out of memory");
				ok = false;
			}
			if (osc_scanner_set_model(p->ws[k].sc, r->model) != OSC_OK) {
				msg(NULL, "%s", "out of memory");
				ok = false;
			}
		}
	}
	if (!ok) {
		pool_free(p);
		return NULL;
	}
	return p;
}

void pool_run(pool *p)
{
	batch *b = &p->b;
	for (unsigned k = 0; k < p->jobs; k++)
		p->ws[k].b = b;
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->can_take, NULL);
	/* the main thread is worker 0; a thread that cannot start leaves its
	 * share to the others */
	unsigned started = 1;
	for (; started < p->jobs; started++)
		if (pthread_create(&p->ws[started].thread, NULL, worker_main, &p->ws[started]) != 0)
			break;
	worker_main(&p->ws[0]);
	for (unsigned k = 1; k < started; k++)
		pthread_join(p->ws[k].thread, NULL);
	/* after a write error: what the workers finished and nobody wrote */
	for (size_t k = 0; k < b->window; k++)
		if (b->slots[k].done)
			job_free(&b->slots[k]);
	pthread_cond_destroy(&b->can_take);
	pthread_mutex_destroy(&b->mu);
}

void pool_free(pool *p)
{
	if (!p)
		return;
	for (unsigned k = 0; p->ws && k < p->jobs; k++) {
		osc_scanner_free(p->ws[k].sc);
		pcre2_match_data_free(p->ws[k].md);
		free(p->ws[k].buf.data);
	}
	free(p->ws);
	free(p->b.slots);
	free(p);
}

void kept_free(kept_input *k, size_t n)
{
	for (size_t i = 0; k && i < n; i++) {
		free(k[i].data);
		free(k[i].why);
	}
	free(k);
}
