/* decode.h - raw bytes to clean UTF-8 (decode.c). */
#ifndef OSC_DECODE_H
#define OSC_DECODE_H

#include "buf.h"

/* ---- decoding (decode.c) ----------------------------------------------- */

/* Turn raw bytes into valid UTF-8 without a BOM: UTF-16 (with a BOM) and
 * Windows-1252 are converted, invalid UTF-8 bytes become U+FFFD.  `*note`
 * receives a warning text (static) when the input was not clean UTF-8, else
 * NULL.  NUL bytes are dropped (noted too). */
osc_status osc_decode(const char *data, size_t len, osc_buf *out,
		      const char **note);
/* The same without a copy where none is needed: *text is the clean UTF-8
 * (*text_len bytes, not NUL-ended), pointing into `data` when it was clean
 * UTF-8 already (after any BOM), else into `out`.  A reader of a large
 * text then holds one copy less. */
osc_status osc_decode_view(const char *data, size_t len, osc_buf *out,
			   const char **text, size_t *text_len, const char **note);

#endif
