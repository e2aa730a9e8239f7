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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXIT_OK 0
#define EXIT_ERROR 2
#define INPUT_LIMIT (256u << 20) /* bytes; a larger input is refused */

typedef enum { OUT_TEXT, OUT_JSON, OUT_JSONL } out_format;

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
} opts;

static const char *prog = "ofsted-scan";

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTIONS] [FILE|DIR|-]...\n"
		"Read Ofsted inspection letters and reports and print a structured summary:\n"
		"sections, improvement points, findings, themes and polarity.\n"
		"\n"
		"Inputs are files (text, Markdown), folders (read recursively, in sorted\n"
		"order; files ending .txt .text .md .markdown .html .htm .xhtml .pdf),\n"
		"or '-' for standard input, which is also read when no input is named and\n"
		"it is not a terminal.\n"
		"\n"
		"Options:\n"
		"  -f, --format FMT        text (default on a terminal), json, jsonl\n"
		"                          (default otherwise: one JSON object per line)\n"
		"  -o, --output FILE       write to FILE instead of standard output\n"
		"      --themes FILE       add the rules in FILE to the default taxonomy\n"
		"                          (new themes are added; phrases for an existing\n"
		"                          theme id are added to it)\n"
		"      --no-default-themes use only the rules given with --themes\n"
		"      --theme ID          print only the items tagged with theme ID\n"
		"                          (repeatable: items with any of them)\n"
		"      --explain           show why each item got its themes and polarity:\n"
		"                          the rules that matched, with weights, file and\n"
		"                          line, each theme's score against the threshold,\n"
		"                          and the polarity cues per sentence\n"
		"      --no-color          no colour in text output (also: NO_COLOR set)\n"
		"  -h, --help              show this help and exit\n"
		"  -V, --version           show the version and exit\n"
		"\n"
		"Exit status: 0 success; 2 an error (bad usage, or an input that could not\n"
		"be read: the other inputs are still processed and printed); 1 is reserved.\n"
		"JSON output follows the schema \"%s\" (see ofsted-scan(1)).\n",
		prog, OSC_SCHEMA);
}

static void msg(const char *path, const char *fmt, const char *detail)
{
	fprintf(stderr, "%s: ", prog);
	if (path)
		fprintf(stderr, "%s: ", path);
	fprintf(stderr, fmt, detail);
	fputc('\n', stderr);
}

/* ---- reading ----------------------------------------------------------- */

typedef struct rbuf {
	char *data;
	size_t len, cap;
} rbuf;

/* Read a whole file descriptor; 0 or an errno value. */
static int read_all(int fd, rbuf *b)
{
	b->len = 0;
	for (;;) {
		if (b->cap - b->len < 65536) {
			size_t ncap = b->cap ? b->cap * 2 : 1 << 20;
			if (ncap > (size_t)INPUT_LIMIT + 65536)
				ncap = (size_t)INPUT_LIMIT + 65536;
			if (b->len >= INPUT_LIMIT)
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
		if (b->len > INPUT_LIMIT)
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
	size_t written; /* documents written */
} out;

static void out_write(out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (fwrite(s, 1, n, o->f) != n)
		o->failed = true;
}

/* An unknown --theme: say which ids there are. */
static void unknown_theme(const osc_rules *r, const char *id)
{
	fprintf(stderr, "%s: unknown theme '%s'; the themes are:", prog, id);
	for (size_t i = 0; i < osc_rules_theme_count(r); i++)
		fprintf(stderr, " %s", osc_rules_theme_id(r, i));
	fputc('\n', stderr);
}

/* ---- main -------------------------------------------------------------- */

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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = OUT_JSON;
			else if (strcmp(optarg, "jsonl") == 0)
				o->format = OUT_JSONL;
			else {
				msg(NULL, "unknown format '%s' (text, json, jsonl)", optarg);
				return false;
			}
			o->format_set = true;
			break;
		case 'o': o->output = optarg; break;
		case 't': o->themes = optarg; break;
		case 'N': o->no_default_themes = true; break;
		case 'E': o->explain = true; break;
		case 'T':
			if (o->n_theme_ids == sizeof o->theme_ids / sizeof *o->theme_ids) {
				msg(NULL, "%s", "too many --theme options (at most 16)");
				return false;
			}
			o->theme_ids[o->n_theme_ids++] = optarg;
			break;
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
	int e = fd < 0 ? errno : read_all(fd, &b);
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

int main(int argc, char **argv)
{
	opts o = { .format = OUT_TEXT, .colour = true };
	int first;
	if (!parse_args(argc, argv, &o, &first))
		return EXIT_ERROR;

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

	out o_ = { stdout, "standard output", false, 0 };
	if (o.output) {
		o_.f = fopen(o.output, "w");
		o_.name = o.output;
		if (!o_.f) {
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
	bool array = o.format == OUT_JSON && (inputs.n != 1 || from_dir);

	osc_rules *rules = load_rules(&o);
	osc_error err = { 0 };
	osc_scanner *sc = rules ? osc_scanner_new(rules, NULL, &err) : NULL;
	bool ready = sc != NULL;
	if (!sc && rules)
		msg(NULL, "%s", err.message);
	/* --theme: every id must be in the taxonomy */
	int theme_idx[sizeof o.theme_ids / sizeof *o.theme_ids];
	for (size_t k = 0; ready && k < o.n_theme_ids; k++) {
		theme_idx[k] = osc_rules_theme_index(rules, o.theme_ids[k]);
		if (theme_idx[k] < 0) {
			unknown_theme(rules, o.theme_ids[k]);
			ready = false;
		}
	}
	if (!ready) {
		osc_scanner_free(sc);
		osc_rules_free(rules);
		paths_free(&inputs);
		if (o.output)
			fclose(o_.f);
		return EXIT_ERROR;
	}
	osc_scanner_set_explain(sc, o.explain);

	unsigned jflags = o.format == OUT_JSON ? OSC_RENDER_PRETTY : 0;
	if (array)
		out_write(&o_, "[\n", 2);
	rbuf buf = { 0 };
	for (size_t i = 0; i < inputs.n && !o_.failed; i++) {
		const char *path = inputs.v[i];
		bool is_stdin = strcmp(path, "-") == 0;
		int e = 0;
		if (is_stdin) {
			e = read_all(STDIN_FILENO, &buf);
		} else {
			int fd = open(path, O_RDONLY | O_NOCTTY);
			struct stat st;
			if (fd < 0)
				e = errno;
			else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
				e = EISDIR;
			else
				e = read_all(fd, &buf);
			if (fd >= 0)
				close(fd);
		}
		char *text = NULL;
		size_t len = 0;
		osc_doc *doc = NULL;
		const char *why = NULL;
		if (e) {
			why = e == EFBIG ? "file too large (over 256 MiB)" : strerror(e);
		} else {
			doc = osc_scan(sc, buf.data, buf.len, path, OSC_FORMAT_AUTO, &err);
			if (!doc)
				why = err.message;
			else if (o.n_theme_ids)
				osc_doc_keep_themes(doc, theme_idx, o.n_theme_ids);
		}
		osc_status st = OSC_OK;
		if (why) {
			msg(path, "%s", why);
			errors++;
			if (o.format != OUT_TEXT)
				st = osc_render_json_error(path, why, jflags, NULL, &text, &len);
		} else if (o.format == OUT_TEXT) {
			st = osc_render_text(doc, colour ? OSC_RENDER_COLOUR : 0, NULL, &text, &len);
		} else {
			st = osc_render_json(doc, jflags, NULL, &text, &len);
		}
		osc_doc_free(doc);
		if (st) {
			msg(path, "%s", "out of memory writing the output");
			errors++;
			continue;
		}
		if (!text)
			continue;
		if (o_.written) {
			if (o.format == OUT_TEXT)
				out_write(&o_, "\n", 1);
			else if (array)
				out_write(&o_, ",\n", 2);
		}
		if (array && len && text[len - 1] == '\n')
			len--; /* the separator carries the newline */
		out_write(&o_, text, len);
		if (o.format == OUT_JSONL)
			out_write(&o_, "\n", 1);
		o_.written++;
		osc_free(NULL, text);
	}
	if (array)
		out_write(&o_, o_.written ? "\n]\n" : "]\n", o_.written ? 3 : 2);
	free(buf.data);
	osc_scanner_free(sc);
	osc_rules_free(rules);
	paths_free(&inputs);

	if (fflush(o_.f) != 0 || ferror(o_.f))
		o_.failed = true;
	if (o.output && fclose(o_.f) != 0)
		o_.failed = true;
	if (o_.failed) {
		msg(o_.name, "write error: %s", strerror(errno ? errno : EIO));
		return EXIT_ERROR;
	}
	return errors ? EXIT_ERROR : EXIT_OK;
}
