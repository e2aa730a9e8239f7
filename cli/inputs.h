/* inputs.h - the inputs of a run: the paths named or found in folders,
 * and each one's bytes (inputs.c). */
#ifndef OSC_CLI_INPUTS_H
#define OSC_CLI_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

/* A reusable read buffer (one per worker). */
typedef struct rbuf {
	char *data;
	size_t len, cap;
} rbuf;

/* Read a whole file descriptor, at most `limit` bytes, with room for a
 * byte after them; `size` is a regular file's (0: unknown).  0 or an errno
 * value (EFBIG over the limit). */
int read_all(int fd, rbuf *b, size_t limit, size_t size);
/* b holds a copy of n bytes at s, with room for a byte after them; 0 or
 * ENOMEM. */
int rbuf_set(rbuf *b, const char *s, size_t n);
/* The buffer's data, given away (osc_scan_take); b is empty after. */
char *rbuf_take(rbuf *b);
/* Is path a regular file (one that can be read again)?  Not "-". */
bool is_regular(const char *path);

/* Read the input at `path` ("-": standard input) into b, at most `limit`
 * bytes.  NULL on success, else why it was not read (a static or b's
 * `why` text). */
typedef struct read_result {
	const char *why;
	char text[128];
} read_result;
const char *read_input(const char *path, rbuf *b, size_t limit, read_result *r);

typedef struct paths {
	char **v;
	size_t n, cap;
} paths;

bool paths_push(paths *p, const char *s);
void paths_free(paths *p);

/* The inputs named on the command line (argv[first..argc)), folders walked
 * recursively in sorted order; standard input when none is named.  False
 * on a fatal error (said); unreadable files and folders are said and
 * counted in *errors, and *from_dir is set when a folder was named. */
bool collect_inputs(int argc, char **argv, int first, paths *found, int *errors,
		    bool *from_dir);

#endif
