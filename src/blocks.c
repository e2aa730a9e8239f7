/* blocks.c - the block list every reader fills, its warnings, and the
 * detection of an input's format from its content. */
#include "blocks.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

osc_status osc_blocks_push_owned(osc_blocks *bl, osc_block_type t, char *text, size_t len,
				 unsigned page)
{
	len -= osc_rspace(text, len);
	text[len] = '\0';
	if (!osc_grow(bl->arena->a, (void **)&bl->v, &bl->cap, bl->n + 1, sizeof *bl->v))
		return OSC_ENOMEM;
	bl->v[bl->n++] = (osc_block){ t, text, len, page, 0 };
	return OSC_OK;
}

osc_status osc_blocks_push(osc_blocks *bl, osc_block_type t, const char *text,
			   size_t len, unsigned page)
{
	len -= osc_rspace(text, len);
	char *s = osc_arena_strndup(bl->arena, text, len);
	return s ? osc_blocks_push_owned(bl, t, s, len, page) : OSC_ENOMEM;
}

osc_status osc_blocks_adopt(osc_blocks *bl, osc_block_type t, char *text, size_t len,
			    unsigned page)
{
	if (!osc_arena_adopt(bl->arena, text))
		return OSC_ENOMEM;
	return osc_blocks_push_owned(bl, t, text, len, page);
}

osc_status osc_blocks_warn(osc_blocks *bl, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < bl->n_warnings; i++)
		if (strcmp(bl->warnings[i], msg) == 0)
			return OSC_OK; /* once is enough */
	if (!osc_grow(bl->arena->a, (void **)&bl->warnings, &bl->cap_warnings,
		      bl->n_warnings + 1, sizeof *bl->warnings))
		return OSC_ENOMEM;
	const char *s = osc_arena_strdup(bl->arena, msg);
	if (!s)
		return OSC_ENOMEM;
	bl->warnings[bl->n_warnings++] = s;
	return OSC_OK;
}

static bool has_prefix(const char *d, size_t n, const char *p)
{
	size_t m = strlen(p);
	return n >= m && memcmp(d, p, m) == 0;
}

/* The format of raw bytes, from their content (never the file name). */
osc_format osc_detect_format(const char *data, size_t len)
{
	size_t i = 0;
	if (has_prefix(data, len, "\xEF\xBB\xBF"))
		i = 3;
	/* PDF: the header may follow up to 1024 bytes of junk. */
	size_t lim = len < 1024 ? len : 1024;
	for (size_t j = 0; j + 5 <= lim; j++)
		if (memcmp(data + j, "%PDF-", 5) == 0)
			return OSC_FORMAT_PDF;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
			   data[i] == '\n'))
		i++;
	const char *d = data + i;
	size_t n = len - i;
	size_t head = n < 2048 ? n : 2048;
	if (has_prefix(d, n, "<") &&
	    (osc_starts_with_ci(d, n, "<!doctype html") || osc_starts_with_ci(d, n, "<html") ||
	     osc_starts_with_ci(d, n, "<?xml") || osc_starts_with_ci(d, n, "<!--") ||
	     osc_contains_ci(d, head, "<body") || osc_contains_ci(d, head, "<head") ||
	     osc_contains_ci(d, head, "<p>") || osc_contains_ci(d, head, "<div")))
		return OSC_FORMAT_HTML;
	/* Markdown: ATX headings at the start of a line. */
	size_t scan = n < 65536 ? n : 65536;
	for (const char *h = d; (h = memchr(h, '#', (size_t)(d + scan - h))) != NULL; h++) {
		size_t j = (size_t)(h - d);
		if (j + 2 < scan && (j == 0 || d[j - 1] == '\n') &&
		    (d[j + 1] == ' ' || (d[j + 1] == '#' && (d[j + 2] == ' ' || d[j + 2] == '#'))))
			return OSC_FORMAT_MARKDOWN;
	}
	return OSC_FORMAT_TEXT;
}
