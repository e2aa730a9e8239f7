/*
 * main.c - the ofsted-scan command: options, inputs, the worker pool,
 * the output's framing and the exit status.  All printing and exiting
 * happens in the command (cli/), never in the library.
 */
#define _POSIX_C_SOURCE 200809L
#include "history.h"
#include "pool.h"
#include "workbook.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write the summary over every document read. */
static bool write_summary(const opts *o, const osc_summary *sum, bool colour, out *w)
{
	char *text = NULL;
	size_t len = 0;
	osc_summary_format sf = o->format == OUT_TEXT ? OSC_SUMMARY_TEXT
			      : o->format == OUT_CSV ? OSC_SUMMARY_CSV
			      : o->format == OUT_HTML ? OSC_SUMMARY_HTML : OSC_SUMMARY_JSON;
	unsigned fl = (colour ? OSC_RENDER_COLOUR : 0) |
		      (o->format == OUT_JSON ? OSC_RENDER_PRETTY : 0);
	if (osc_render_summary(sum, sf, fl, NULL, &text, &len) != OSC_OK) {
		msg(NULL, "%s", "out of memory writing the summary");
		return false;
	}
	out_write(w, text, len);
	osc_free(NULL, text);
	return true;
}

/* Everything after the inputs are known and the output is open: the
 * taxonomy, the filters, the pool, the framing.  Returns the exit status. */
static int scan_all(opts *o, const paths *inputs, bool from_dir, int errors,
		    out *w, double t0)
{
	bool tty = !o->output && isatty(STDOUT_FILENO);
	if (!o->format_set)
		o->format = tty && !o->documents ? OUT_TEXT : OUT_JSONL;
	const char *nc = getenv("NO_COLOR");
	run r = {
		.o = o, .inputs = inputs, .w = w, .errors = errors,
		.render_flags = o->format == OUT_JSON ? OSC_RENDER_PRETTY : 0,
		.colour = o->colour && tty && !(nc && *nc) && o->format == OUT_TEXT,
		.array = !o->summary && o->format == OUT_JSON && (inputs->n != 1 || from_dir),
		/* several documents on one HTML page: their sections */
		.page = !o->summary && o->format == OUT_HTML && (inputs->n != 1 || from_dir),
	};
	osc_rules *rules = load_rules(o);
	osc_model *model = NULL;
	pcre2_code *re = o->grep && rules ? grep_compile(o->grep) : NULL;
	/* --theme and --fail-on: every id must be in the taxonomy */
	int theme_idx[MAX_REPEATS];
	fail_cond conds[MAX_REPEATS];
	bool ready = rules && (!o->grep || re) && load_model(o, rules, &model) &&
		     theme_indexes(rules, o->theme_ids, o->n_theme_ids, theme_idx);
	for (size_t k = 0; ready && k < o->n_fail_on; k++)
		ready = parse_fail_on(rules, o->fail_on[k], &conds[k]);
	r.rules = rules, r.model = model, r.theme_idx = theme_idx, r.conds = conds, r.re = re;

	unsigned jobs = o->jobs ? o->jobs : default_jobs();
	if (jobs > inputs->n)
		jobs = inputs->n ? (unsigned)inputs->n : 1;
	bool xlsx = o->format == OUT_XLSX;
	r.sum = ready && (o->summary || xlsx) ? osc_summary_new(rules, NULL) : NULL;
	if (ready && (o->summary || xlsx) && !r.sum) {
		msg(NULL, "%s", "out of memory");
		ready = false;
	}
	if (r.sum && o->format == OUT_HTML)
		osc_summary_keep_documents(r.sum, true); /* for its list of documents */
	r.wb = ready && xlsx ? book_open(o->output, rules) : NULL;
	if (xlsx && !r.wb)
		ready = false;
	history *hist = NULL;
	if (ready && o->history) {
		/* the first pass: a digest of every input, to find each one's
		 * predecessor whatever the order of the inputs */
		r.digests = calloc(inputs->n ? inputs->n : 1, sizeof *r.digests);
		r.kept = calloc(inputs->n ? inputs->n : 1, sizeof *r.kept);
		if (!r.kept) {
			free(r.digests);
			r.digests = NULL;
		}
		r.digest_pass = true;
		progress quiet = { .on = false };
		r.prog = &quiet;
		pool *p1 = r.digests ? pool_new(&r, jobs) : NULL;
		if (p1)
			pool_run(p1);
		pool_free(p1);
		r.digest_pass = false;
		hist = p1 ? history_new(r.digests, inputs->n) : NULL;
		if (!hist) {
			if (!p1) {
				if (!r.digests)
					msg(NULL, "%s", "out of memory");
				free(r.digests); /* (history_new frees them when it fails) */
			}
			ready = false;
		}
		r.hist = hist;
	}
	pool *p = ready ? pool_new(&r, jobs) : NULL;
	if (!p) {
		history_free(hist);
		kept_free(r.kept, inputs->n);
		if (r.wb) {
			book_close(r.wb, NULL);
			remove(o->output);
		}
		pcre2_code_free(re);
		osc_summary_free(r.sum);
		osc_model_free(model);
		osc_rules_free(rules);
		if (w->f != stdout)
			fclose(w->f);
		return EXIT_ERROR;
	}

	progress prog_line = { .on = !o->quiet && !o->no_progress &&
				     inputs->n > PROGRESS_MIN_INPUTS && isatty(STDERR_FILENO),
			       .start = t0, .total = inputs->n };
	r.prog = &prog_line;
	if (r.array)
		out_write(w, "[\n", 2);
	if (r.page) {
		char *head = NULL, title[64];
		size_t hl = 0;
		snprintf(title, sizeof title, "ofsted-scan: %zu documents", inputs->n);
		if (osc_render_html_open(title, NULL, &head, &hl) == OSC_OK)
			out_write(w, head, hl);
		else
			w->failed = true;
		osc_free(NULL, head);
	}
	/* Excel reads a CSV file as UTF-8 only after a byte-order mark; a pipe
	 * gets none (the next program would take it for data) */
	if (o->format == OUT_CSV && o->output)
		out_write(w, "\xEF\xBB\xBF", 3);
	if (o->format == OUT_CSV && o->documents) {
		char *head = NULL;
		size_t hl = 0;
		if (osc_csv_row_header(rules, NULL, &head, &hl) == OSC_OK)
			out_write(w, head, hl);
		else
			w->failed = true;
		osc_free(NULL, head);
	} else if (o->format == OUT_CSV && !o->summary) {
		out_write(w, osc_csv_header(), strlen(osc_csv_header()));
	}
	pool_run(p);
	pool_free(p);
	progress_clear(&prog_line);
	if (r.array)
		out_write(w, w->written ? "\n]\n" : "]\n", w->written ? 3 : 2);
	if (r.page)
		out_write(w, osc_html_close(), strlen(osc_html_close()));
	if (o->summary && !w->failed && !write_summary(o, r.sum, r.colour, w))
		r.errors++;
	if (r.wb && !book_close(r.wb, r.sum))
		r.errors++;
	osc_summary_free(r.sum);
	history_free(hist);
	kept_free(r.kept, inputs->n);
	pcre2_code_free(re);
	osc_model_free(model);
	osc_rules_free(rules);

	if (!out_close(w))
		return EXIT_ERROR;
	if (!o->quiet && (inputs->n > 1 || from_dir))
		tally_line(inputs->n, r.errors, r.items, now_seconds() - t0);
	return r.errors ? EXIT_ERROR : r.met ? EXIT_MATCH : EXIT_OK;
}

int main(int argc, char **argv)
{
	opts o = { .format = OUT_TEXT, .colour = true, .max_size = DEFAULT_MAX_SIZE };
	int first, status = EXIT_ERROR;
	switch (parse_args(argc, argv, &o, &first, &status)) {
	case ARGS_RUN: break;
	case ARGS_DONE: return status;
	case ARGS_BAD: return EXIT_ERROR;
	}
	if (o.list_themes) {
		osc_rules *rules = load_rules(&o);
		status = rules ? list_themes(rules) : EXIT_ERROR;
		osc_rules_free(rules);
		return status;
	}
	double t0 = now_seconds();
	paths inputs = { 0 };
	int errors = 0;
	bool from_dir = false;
	out w;
	if (!collect_inputs(argc, argv, first, &inputs, &errors, &from_dir)) {
		status = EXIT_ERROR;
	} else if (inputs.n == 0) {
		/* a CI gate must not pass having read nothing */
		msg(NULL, "%s", "nothing to read: no files ending .txt .text .md .markdown .html "
				".htm .xhtml .pdf in the folders given");
		status = EXIT_ERROR;
	} else if (out_open(&w, o.format == OUT_XLSX ? NULL : o.output)) {
		status = scan_all(&o, &inputs, from_dir, errors, &w, t0);
	} else {
		status = EXIT_ERROR;
	}
	paths_free(&inputs);
	return status;
}
