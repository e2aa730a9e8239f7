/*
 * buf.c - a growable byte buffer, always NUL-terminated once anything is
 * added; its first allocation failure latches, so callers append freely
 * and check once.
 */
#include "buf.h"

#include <stdio.h>
#include <string.h>

void osc_buf_init(osc_buf *b, const osc_allocator *a)
{
	b->a = osc_alloc_or_default(a);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = false;
	b->sink = NULL;
	b->sink_failed = false;
}

/* A sink's chunk: the buffer's size while it has one. */
#define SINK_CHUNK 65536

bool osc_buf_set_sink(osc_buf *b, const osc_writer *w)
{
	b->sink = w;
	return osc_buf_reserve(b, SINK_CHUNK - 1);
}

static bool sink_write(osc_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return false;
	if (n && !b->sink->write(s, n, b->sink->ctx)) {
		b->failed = b->sink_failed = true;
		return false;
	}
	return true;
}

bool osc_buf_flush(osc_buf *b)
{
	if (!b->sink || !sink_write(b, b->data, b->len))
		return !b->failed;
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	return true;
}

osc_status osc_buf_finish_sink(osc_buf *b)
{
	osc_buf_flush(b);
	osc_status st = b->sink_failed ? OSC_EIO : b->failed ? OSC_ENOMEM : OSC_OK;
	osc_buf_free(b);
	return st;
}

void osc_buf_add_slow(osc_buf *b, const char *s, size_t n)
{
	if (b->sink && b->data && !b->failed && n >= b->cap - b->len) {
		/* out with what is held; a large add goes straight out */
		if (!osc_buf_flush(b))
			return;
		if (n >= b->cap / 2) {
			sink_write(b, s, n);
			return;
		}
	}
	if (!osc_buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

bool osc_buf_grow(osc_buf *b, size_t extra)
{
	if (b->failed)
		return false;
	/* with a sink, the buffer is emptied before it grows */
	if (b->sink && b->len && b->data) {
		if (!osc_buf_flush(b))
			return false;
		if (extra < b->cap)
			return true;
	}
	if (extra > SIZE_MAX - b->len - 1) {
		b->failed = true;
		return false;
	}
	if (!osc_grow(b->a, (void **)&b->data, &b->cap, b->len + extra + 1, 1)) {
		b->failed = true;
		return false;
	}
	return true;
}

void osc_buf_printf(osc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!osc_buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void osc_buf_clear(osc_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void osc_buf_reset(osc_buf *b)
{
	osc_buf_clear(b);
	b->failed = false;
}

void osc_buf_free(osc_buf *b)
{
	osc_free(b->a, b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *osc_buf_steal(osc_buf *b, size_t *len)
{
	if (b->failed || !osc_buf_reserve(b, 0)) {
		osc_buf_free(b);
		return NULL;
	}
	char *p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
