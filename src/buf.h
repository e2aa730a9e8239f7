/* buf.h - a growable byte buffer (buf.c). */
#ifndef OSC_BUF_H
#define OSC_BUF_H

#include "base.h"

/* A growable byte buffer, always NUL-terminated once anything is added.
 * `failed` latches the first allocation failure so callers can append
 * freely and check once. */
typedef struct osc_buf {
	const osc_allocator *a;
	char *data;
	size_t len, cap;
	bool failed;
	/* A sink (osc_buf_set_sink): what is in the buffer goes out to it
	 * rather than the buffer growing, so the buffer stays one chunk. */
	const osc_writer *sink;
	bool sink_failed; /* it refused: failed is set too */
} osc_buf;

void osc_buf_init(osc_buf *b, const osc_allocator *a);
/* Write the buffer's bytes to w whenever it would grow, and large adds
 * straight to w: the buffer holds one chunk of the output, not all of it.
 * Only for writers that never look back at what they wrote. */
bool osc_buf_set_sink(osc_buf *b, const osc_writer *w);
/* Write what the buffer holds to its sink; false once it failed. */
bool osc_buf_flush(osc_buf *b);
/* The end of a sink's output: the rest flushed and the buffer freed;
 * OSC_EIO when the sink refused, OSC_ENOMEM when memory ran out. */
osc_status osc_buf_finish_sink(osc_buf *b);
/* osc_buf_add's slow path (no room, or a sink). */
void osc_buf_add_slow(osc_buf *b, const char *s, size_t n);
/* osc_buf_reserve's slow path: grow for `extra` more bytes and the NUL. */
bool osc_buf_grow(osc_buf *b, size_t extra);
/* Room for `extra` more bytes and the NUL; false once failed.  The common
 * cases are inline: room already, and adding a literal (its strlen folded). */
static inline bool osc_buf_reserve(osc_buf *b, size_t extra)
{
	if (!b->failed && b->data && extra < b->cap - b->len)
		return true;
	return osc_buf_grow(b, extra);
}
static inline void osc_buf_add(osc_buf *b, const char *s, size_t n)
{
	if (b->failed || !b->data || n >= b->cap - b->len) {
		osc_buf_add_slow(b, s, n);
		return;
	}
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}
static inline void osc_buf_adds(osc_buf *b, const char *s)
{
	osc_buf_add(b, s, strlen(s));
}
static inline void osc_buf_addc(osc_buf *b, char c)
{
	if (!osc_buf_reserve(b, 1))
		return;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void osc_buf_printf(osc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Empty the buffer; a failure stays latched (what was lost is still lost). */
void osc_buf_clear(osc_buf *b);
/* Empty it and forget a failure: a buffer reused for a new document. */
void osc_buf_reset(osc_buf *b);
void osc_buf_free(osc_buf *b);
/* Hand the data over to the caller (NULL if the buffer failed). */
char *osc_buf_steal(osc_buf *b, size_t *len);

#endif
