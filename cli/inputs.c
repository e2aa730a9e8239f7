/*
 * inputs.c - finding and reading the inputs: files, folders (walked in
 * sorted order, hidden files skipped, link loops followed once), standard
 * input, and named pipes (waited on for a bounded time).
 */
#define _POSIX_C_SOURCE 200809L
#include "inputs.h"
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* folders nested deeper than this are skipped (and said) */
#define MAX_DEPTH 64
/* a named pipe with no writer is given up after this many seconds */
#define FIFO_WAIT_S "10"

/* Read a whole file descriptor, at most `limit` bytes, into a buffer with
 * room for a byte after them (osc_scan_take); `size` is what fstat said
 * of a regular file (0: unknown), read into one allocation of that size.
 * 0 or an errno value (EFBIG over the limit). */
int read_all(int fd, rbuf *b, size_t limit, size_t size)
{
	b->len = 0;
	for (;;) {
		/* room for a byte more than read so far, and one after it */
		if (b->cap - b->len < 2) {
			if (b->len > limit)
				return EFBIG;
			size_t ncap = b->cap ? b->cap * 2 : size ? size + 2 : 65536;
			if (ncap > limit + 2)
				ncap = limit + 2;
			char *p = realloc(b->data, ncap);
			if (!p)
				return ENOMEM;
			b->data = p;
			b->cap = ncap;
		}
		ssize_t n = read(fd, b->data + b->len, b->cap - b->len - 1);
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

int rbuf_set(rbuf *b, const char *s, size_t n)
{
	if (b->cap < n + 1) {
		char *p = realloc(b->data, n + 1);
		if (!p)
			return ENOMEM;
		b->data = p;
		b->cap = n + 1;
	}
	memcpy(b->data, s, n);
	b->len = n;
	return 0;
}

char *rbuf_take(rbuf *b)
{
	char *p = b->data;
	*b = (rbuf){ 0 };
	return p;
}

bool is_regular(const char *path)
{
	struct stat st;
	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool paths_push(paths *p, const char *s)
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

void paths_free(paths *p)
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
	dev_t dev[MAX_DEPTH];
	ino_t ino[MAX_DEPTH];
	int n;
} dirstack;

/* Collect the files below `dir` in sorted order; false on a fatal error
 * (out of memory).  Unreadable folders are reported and counted. */
static bool walk(const char *dir, paths *found, dirstack *stack, int *errors)
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
	if (stack->n == MAX_DEPTH) {
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
			ok = walk(p, found, stack, errors);
		} else if (S_ISREG(st.st_mode) && wanted_extension(names.v[i])) {
			ok = paths_push(found, p);
		}
		free(p);
	}
	stack->n--;
	paths_free(&names);
	return ok;
}

/* A named pipe given as an input: wait (a bounded time) for a writer to
 * write or to close it. */
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

const char *read_input(const char *path, rbuf *b, size_t limit, read_result *r)
{
	int e = 0;
	if (strcmp(path, "-") == 0) {
		e = read_all(STDIN_FILENO, b, limit, 0);
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
		else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > limit)
			e = EFBIG;
		else if (S_ISFIFO(st.st_mode) && !fifo_ready(fd))
			e = ETIMEDOUT;
		else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
			e = errno;
		else
			e = read_all(fd, b, limit, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0);
		if (fd >= 0)
			close(fd);
	}
	if (e == EFBIG) {
		snprintf(r->text, sizeof r->text, "too large: over --max-size (%zu bytes)", limit);
		return r->why = r->text;
	}
	if (e == ETIMEDOUT)
		return r->why = "a named pipe that nothing wrote to in " FIFO_WAIT_S " s: not read";
	if (e == ENODEV)
		return r->why = "not a regular file or a pipe (a device?): not read";
	return r->why = e ? strerror(e) : NULL;
}

bool collect_inputs(int argc, char **argv, int first, paths *found, int *errors,
		    bool *from_dir)
{
	bool ok = true;
	if (first == argc) {
		if (isatty(STDIN_FILENO)) {
			msg(NULL, "%s", "no input (name files or folders, or pipe text in; see --help)");
			return false;
		}
		ok = paths_push(found, "-");
	}
	for (int i = first; ok && i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			dirstack stack = { .n = 0 };
			*from_dir = true;
			ok = walk(argv[i], found, &stack, errors);
		} else {
			ok = paths_push(found, argv[i]);
		}
	}
	if (!ok)
		msg(NULL, "%s", "found of memory");
	return ok;
}
