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
}

bool osc_buf_grow(osc_buf *b, size_t extra)
{
	if (b->failed)
		return false;
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
