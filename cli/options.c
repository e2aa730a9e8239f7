/*
 * options.c - the command line: usage, options and their checks, and the
 * taxonomy they ask for.  Nothing here exits: parse_args says what to do.
 */
#define _POSIX_C_SOURCE 200809L
#include "options.h"
#include "filters.h"
#include "inputs.h"
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

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
		"                          csv (one row per item, RFC 4180), xlsx (an Excel\n"
		"                          workbook, with -o: sheets Documents, Items,\n"
		"                          Themes by year and authority, Judgements), html\n"
		"                          (a self-contained report to send round: one page\n"
		"                          per run, with charts; with --summary, the folder's)\n"
		"  -o, --output FILE       write to FILE instead of standard output (without\n"
		"                          -f, the format its name ends with: .csv, .json,\n"
		"                          .jsonl or .ndjson, .txt, .xlsx, .html; else\n"
		"                          jsonl); CSV written to a file starts with a UTF-8\n"
		"                          byte-order mark, so that Excel reads it as UTF-8\n"
		"      --summary           print one summary over all inputs instead of\n"
		"                          each document: documents by kind, themes by\n"
		"                          polarity and the documents raising them (with\n"
		"                          shares), by year, by authority (its key),\n"
		"                          judgements (in the --format chosen)\n"
		"      --documents         with jsonl or csv: one record per document (the\n"
		"                          document table: authority, dates, inspectors,\n"
		"                          judgements, headline, counts by section,\n"
		"                          polarity and theme) instead of its items\n"
		"      --history           compare each document with the same authority's\n"
		"                          previous one among the inputs: judgement changes,\n"
		"                          themes' strengths and concerns before and after,\n"
		"                          improvement points that recur, concerns new and\n"
		"                          not raised again (inputs are read twice)\n"
		"      --since DATE        only documents dated DATE or later (YYYY,\n"
		"                          YYYY-MM or YYYY-MM-DD; undated ones are left out)\n"
		"      --until DATE        only documents dated DATE or earlier (the same\n"
		"                          forms: --until 2023 takes all of 2023)\n"
		"      --themes FILE       add the rules in FILE to the default taxonomy\n"
		"                          (new themes are added; phrases for an existing\n"
		"                          theme id are added to it)\n"
		"      --no-default-themes use only the rules given with --themes (and no\n"
		"                          model unless --model is given)\n"
		"      --model FILE        decide themes and polarity with the model in FILE\n"
		"                          (trained by ofsted-scan-train) instead of the\n"
		"                          default one\n"
		"      --no-model          decide themes and polarity with the rules alone\n"
		"      --theme ID          print only the items tagged with theme ID, or\n"
		"                          LABEL (repeatable: items with any of them)\n"
		"      --grep PATTERN      print only the items whose text matches PATTERN\n"
		"                          (PCRE2, case-blind); the text format lists each\n"
		"                          with its citation: source, section and index,\n"
		"                          paragraph, page\n"
		"      --list-themes       print the taxonomy's theme ids and labels, and exit\n"
		"      --brief             text: each finding's first sentence and the\n"
		"                          headline's first paragraph only\n"
		"      --fail-on COND      exit 1 if any item meets COND:\n"
		"                          POLARITY[:THEME[,THEME...]], POLARITY one of\n"
		"                          strength, concern, mixed, neutral, any; e.g.\n"
		"                          concern:health or concern (repeatable: any);\n"
		"                          each item that meets one is named on standard\n"
		"                          error with its citation and first words\n"
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

args_result parse_args(int argc, char **argv, opts *o, int *first, int *status)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "themes", required_argument, NULL, 't' },
		{ "no-default-themes", no_argument, NULL, 'N' },
		{ "model", required_argument, NULL, 'm' },
		{ "no-model", no_argument, NULL, 'n' },
		{ "theme", required_argument, NULL, 'T' },
		{ "explain", no_argument, NULL, 'E' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-colour", no_argument, NULL, 'C' },
		{ "summary", no_argument, NULL, 'S' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'U' },
		{ "documents", no_argument, NULL, 'D' },
		{ "history", no_argument, NULL, 'H' },
		{ "grep", required_argument, NULL, 'g' },
		{ "brief", no_argument, NULL, 'B' },
		{ "list-themes", no_argument, NULL, 'L' },
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
			else if (strcmp(optarg, "xlsx") == 0)
				o->format = OUT_XLSX;
			else if (strcmp(optarg, "html") == 0)
				o->format = OUT_HTML;
			else {
				msg(NULL, "unknown format '%s' (text, json, jsonl, csv, xlsx, html)", optarg);
				return ARGS_BAD;
			}
			o->format_set = true;
			break;
		case 'o': o->output = optarg; break;
		case 't': o->themes = optarg; break;
		case 'N': o->no_default_themes = true; break;
		case 'm': o->model = optarg; break;
		case 'n': o->no_model = true; break;
		case 'E': o->explain = true; break;
		case 'S': o->summary = true; break;
		case 's':
			if (!valid_since(optarg)) {
				msg(NULL, "--since '%s': give a date that exists, as YYYY, YYYY-MM or "
					  "YYYY-MM-DD", optarg);
				return ARGS_BAD;
			}
			o->since = optarg;
			break;
		case 'U':
			if (!valid_since(optarg)) {
				msg(NULL, "--until '%s': give a date that exists, as YYYY, YYYY-MM or "
					  "YYYY-MM-DD", optarg);
				return ARGS_BAD;
			}
			o->until = optarg;
			break;
		case 'D': o->documents = true; break;
		case 'H': o->history = true; break;
		case 'g':
			if (!*optarg) {
				msg(NULL, "%s", "--grep: an empty pattern");
				return ARGS_BAD;
			}
			o->grep = optarg;
			break;
		case 'B': o->brief = true; break;
		case 'L': o->list_themes = true; break;
		case 'T':
			if (o->n_theme_ids == MAX_REPEATS) {
				msg(NULL, "%s", "too many --theme options (at most 16)");
				return ARGS_BAD;
			}
			o->theme_ids[o->n_theme_ids++] = optarg;
			break;
		case 'F':
			if (o->n_fail_on == MAX_REPEATS) {
				msg(NULL, "%s", "too many --fail-on options (at most 16)");
				return ARGS_BAD;
			}
			o->fail_on[o->n_fail_on++] = optarg;
			break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > MAX_JOBS) {
				msg(NULL, "--jobs '%s': give a number from 1 to 256", optarg);
				return ARGS_BAD;
			}
			o->jobs = (unsigned)v;
			break;
		}
		case 'M':
			o->max_size = parse_size(optarg);
			if (!o->max_size) {
				msg(NULL, "--max-size '%s': give a size in bytes, with K, M or G "
					  "(up to 4G)", optarg);
				return ARGS_BAD;
			}
			break;
		case 'q': o->quiet = true; break;
		case 'P': o->no_progress = true; break;
		case 'C': o->colour = false; break;
		case 'h':
			usage(stdout);
			*status = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_ERROR;
			return ARGS_DONE;
		case 'V':
			printf("%s %s (schema %s)\n", prog, osc_version(), OSC_SCHEMA);
			*status = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_ERROR;
			return ARGS_DONE;
		case ':':
			msg(NULL, "option '%s' needs a value", argv[optind - 1]);
			return ARGS_BAD;
		default:
			msg(NULL, "unknown option '%s' (see --help)", argv[optind - 1]);
			return ARGS_BAD;
		}
	}
	if (o->no_default_themes && !o->themes) {
		msg(NULL, "%s", "--no-default-themes needs --themes FILE");
		return ARGS_BAD;
	}
	/* -o FILE without -f: the format its name ends with */
	if (!o->format_set && o->output) {
		static const struct {
			const char *ext;
			out_format f;
		} by_ext[] = { { ".csv", OUT_CSV }, { ".json", OUT_JSON }, { ".jsonl", OUT_JSONL },
			       { ".ndjson", OUT_JSONL }, { ".txt", OUT_TEXT },
			       { ".xlsx", OUT_XLSX }, { ".html", OUT_HTML }, { ".htm", OUT_HTML } };
		const char *dot = strrchr(o->output, '.');
		for (size_t k = 0; dot && k < sizeof by_ext / sizeof *by_ext; k++)
			if (strcasecmp(dot, by_ext[k].ext) == 0) {
				o->format = by_ext[k].f;
				o->format_set = true;
			}
	}
	if (o->format == OUT_XLSX && !o->output) {
		msg(NULL, "%s", "--format xlsx writes a workbook file: give -o FILE.xlsx");
		return ARGS_BAD;
	}
	if (o->format == OUT_XLSX && (o->summary || o->documents || o->explain)) {
		msg(NULL, "%s", "the workbook holds the documents, their items and the themes by year "
				"and by authority: --summary, --documents and --explain do not go with it");
		return ARGS_BAD;
	}
	if (o->format == OUT_HTML && (o->documents || o->explain || o->grep)) {
		msg(NULL, "%s", "the HTML report shows whole documents or a summary: --documents, "
				"--explain and --grep do not go with it");
		return ARGS_BAD;
	}
	if (o->model && o->no_model) {
		msg(NULL, "%s", "--model and --no-model do not go together");
		return ARGS_BAD;
	}
	if (o->summary && o->explain) {
		msg(NULL, "%s", "--explain shows documents; it does not go with --summary");
		return ARGS_BAD;
	}
	if (o->documents && (o->summary || o->explain || o->grep || o->n_theme_ids)) {
		msg(NULL, "%s", "--documents gives one record per document: it does not go with "
				"--summary, --explain, --grep or --theme");
		return ARGS_BAD;
	}
	if (o->documents && o->format_set && (o->format == OUT_TEXT || o->format == OUT_JSON)) {
		msg(NULL, "%s", "--documents writes jsonl or csv");
		return ARGS_BAD;
	}
	if (o->history && (o->summary || o->format == OUT_XLSX ||
			   (o->documents && o->format == OUT_CSV))) {
		msg(NULL, "%s", "--history adds to each document's record (text, json, jsonl, and "
				"--documents as jsonl): it does not go with --summary, xlsx or "
				"--documents as csv");
		return ARGS_BAD;
	}
	if (o->since && o->until && strncmp(o->since, o->until, 10) > 0) {
		msg(NULL, "%s", "--since is after --until: no document can be in both");
		return ARGS_BAD;
	}
	*first = optind;
	return ARGS_RUN;
}

osc_rules *load_rules(const opts *o)
{
	osc_error err = { 0 };
	osc_rules *def = o->themes && o->no_default_themes ? NULL : osc_rules_default(NULL, &err);
	if (!o->themes || (!def && !o->no_default_themes)) {
		if (!def)
			msg(NULL, "%s", err.message);
		return def;
	}
	int fd = open(o->themes, O_RDONLY);
	rbuf b = { 0 };
	int e = fd < 0 ? errno : read_all(fd, &b, DEFAULT_MAX_SIZE, 0);
	if (fd >= 0)
		close(fd);
	osc_rules *r = NULL;
	if (e) {
		msg(o->themes, "%s", strerror(e));
	} else {
		const char *text = b.data ? b.data : "";
		r = def ? osc_rules_extend(def, text, b.len, o->themes, NULL, &err)
			: osc_rules_parse(text, b.len, o->themes, NULL, &err);
		if (!r)
			msg(NULL, "%s", err.message);
	}
	free(b.data);
	osc_rules_free(def);
	return r;
}

bool load_model(const opts *o, const osc_rules *rules, osc_model **model)
{
	osc_error err = { 0 };
	*model = NULL;
	if (o->no_model || (o->no_default_themes && !o->model))
		return true;
	if (!o->model) {
		*model = osc_model_default(rules, NULL, &err);
	} else {
		int fd = open(o->model, O_RDONLY);
		rbuf b = { 0 };
		int e = fd < 0 ? errno : read_all(fd, &b, DEFAULT_MAX_SIZE, 0);
		if (fd >= 0)
			close(fd);
		if (e)
			msg(o->model, "%s", strerror(e));
		else
			*model = osc_model_load(b.data ? b.data : "", b.len, o->model, rules, NULL, &err);
		free(b.data);
		if (e)
			return false;
	}
	if (!*model)
		msg(NULL, "%s", err.message);
	return *model != NULL;
}

int list_themes(const osc_rules *rules)
{
	for (size_t i = 0; i < osc_rules_theme_count(rules); i++)
		printf("%-20s %s\n", osc_rules_theme_id(rules, i), osc_rules_theme_label(rules, i));
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_ERROR;
}

unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}
