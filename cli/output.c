/*
 * output.c - the command's output: the records' destination, with its
 * first write error kept (and its errno, read where the write failed, not
 * later in another thread), and every message on standard error.
 */
#include "output.h"

#include <errno.h>
#include <string.h>

const char *const prog = "ofsted-scan";

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

void msg(const char *path, const char *fmt, const char *detail)
{
	fprintf(stderr, "%s: ", prog);
	if (path) {
		put_path(stderr, path);
		fputs(": ", stderr);
	}
	fprintf(stderr, fmt, detail);
	fputc('\n', stderr);
}

bool out_open(out *o, const char *file)
{
	*o = (out){ stdout, "standard output", false, 0, 0 };
	if (!file)
		return true;
	o->f = fopen(file, "w");
	o->name = file;
	if (!o->f) {
		msg(file, "%s", strerror(errno));
		return false;
	}
	return true;
}

static void fail(out *o)
{
	if (!o->failed)
		o->err = errno;
	o->failed = true;
}

void out_write(out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	errno = 0;
	if (fwrite(s, 1, n, o->f) != n)
		fail(o);
}

bool out_close(out *o)
{
	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		fail(o);
	if (o->f != stdout && fclose(o->f) != 0)
		fail(o);
	if (o->failed) {
		msg(o->name, "write error: %s", strerror(o->err ? o->err : EIO));
		return false;
	}
	return true;
}
