/* testutil.h - helpers shared by the cmocka tests. */
#ifndef OSC_TESTUTIL_H
#define OSC_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "slurp.h"

#include "ofsted_scan.h"

/* The default rules, parsed once per test binary. */
static inline osc_rules *tu_rules(void)
{
	static osc_rules *r;
	if (!r) {
		size_t n;
		const char *t = osc_default_rules_text(&n);
		osc_error err = { 0 };
		r = osc_rules_parse(t, n, "default", NULL, &err);
		if (!r)
			fail_msg("default rules: %s", err.message);
	}
	return r;
}

/* Scan a NUL-terminated text with the default rules. */
static inline osc_doc *tu_scan_as(const char *text, osc_format f)
{
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	assert_non_null(s);
	osc_doc *d = osc_scan(s, text, strlen(text), "test", f, &err);
	osc_scanner_free(s);
	if (!d)
		fail_msg("scan failed: %s", err.message);
	return d;
}

static inline osc_doc *tu_scan(const char *text)
{
	return tu_scan_as(text, OSC_FORMAT_AUTO);
}

/* A letter of `n` findings, one long one (over 64 KiB, for a renderer's
 * chunks) among short ones: the streamed renderers' test document. */
static inline osc_doc *tu_big_letter(size_t n)
{
	const char *para = "Social workers visit children often and their plans are reviewed "
			   "on time; some assessments are late and \"drift\" \xE2\x80\x94 a "
			   "concern.\n\n";
	const char *head = "Dear X\nThis letter summarises a focused visit.\nFindings\n";
	size_t pl = strlen(para), hl = strlen(head), long_words = 14000;
	char *t = malloc(hl + n * pl + long_words * 6 + 8);
	assert_non_null(t);
	size_t k = 0;
	memcpy(t, head, hl), k += hl;
	for (size_t i = 0; i < n; i++) {
		memcpy(t + k, para, pl), k += pl;
		if (i == n / 2) {
			for (size_t w = 0; w < long_words; w++)
				memcpy(t + k, w % 2 ? "care " : "plan ", 5), k += 5;
			memcpy(t + k, "end.\n\n", 7), k += 7;
		}
	}
	t[k] = '\0';
	osc_doc *d = tu_scan(t);
	free(t);
	return d;
}

/* An osc_writer that keeps what it is given (malloc'd), the largest piece,
 * and refuses once `refuse_at` pieces were taken (never when 0). */
typedef struct tu_sink {
	char *data;
	size_t len, cap, pieces, largest, refuse_at;
} tu_sink;

static inline bool tu_sink_write(const char *s, size_t n, void *ctx)
{
	tu_sink *k = ctx;
	if (k->refuse_at && k->pieces == k->refuse_at)
		return false;
	k->pieces++;
	if (n > k->largest)
		k->largest = n;
	if (k->len + n + 1 > k->cap) {
		k->cap = (k->len + n + 1) * 2;
		k->data = realloc(k->data, k->cap);
		assert_non_null(k->data);
	}
	memcpy(k->data + k->len, s, n);
	k->len += n;
	k->data[k->len] = '\0';
	return true;
}

/* A renderer's streamed bytes (render_to) are its buffered ones (render),
 * written in pieces of at most 64 KiB but for a long item's text, which
 * goes out whole rather than through the buffer (whole_item; the text
 * summary wraps it word by word); a writer that refuses
 * stops it with OSC_EIO. */
typedef osc_status (*tu_render_fn)(const osc_doc *, unsigned, const osc_allocator *, char **,
				   size_t *);
typedef osc_status (*tu_render_to_fn)(const osc_doc *, unsigned, const osc_allocator *,
				      const osc_writer *);

static inline void tu_check_streamed(tu_render_fn render, tu_render_to_fn render_to, unsigned flags,
				     bool whole_item)
{
	osc_doc *d = tu_big_letter(3000);
	char *whole = NULL;
	size_t len = 0;
	assert_int_equal(render(d, flags, NULL, &whole, &len), OSC_OK);
	tu_sink k = { 0 };
	osc_writer w = { tu_sink_write, &k };
	assert_int_equal(render_to(d, flags, NULL, &w), OSC_OK);
	assert_int_equal(k.len, len);
	assert_memory_equal(k.data, whole, len);
	assert_true(k.pieces > len / 65536);
	if (whole_item) /* the long item, straight out */
		assert_true(k.largest > 65536);
	else
		assert_true(k.largest <= 65536);
	free(k.data);
	tu_sink no = { .refuse_at = 2 };
	osc_writer w2 = { tu_sink_write, &no };
	assert_int_equal(render_to(d, flags, NULL, &w2), OSC_EIO);
	assert_int_equal(no.pieces, 2);
	free(no.data);
	osc_writer bad = { NULL, NULL };
	assert_int_equal(render_to(d, flags, NULL, &bad), OSC_EINVAL);
	assert_int_equal(render_to(NULL, flags, NULL, &w), OSC_EINVAL);
	osc_free(NULL, whole);
	osc_doc_free(d);
}

/* A report's title page as the tests write it (name: the authority). */
#define TU_REPORT_TITLE(name)                                                  \
	"Inspection of " name " children\xE2\x80\x99s services\n"              \
	"Inspection dates: 3 to 14 March 2025\n"                                \
	"Lead inspector: Alex Example, His Majesty\xE2\x80\x99s Inspector\n"

/* Warnings other than the one every test document gets: its authority
 * ("Exampleshire", "Riverford") is no real one. */
static inline size_t tu_warnings(const osc_doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < osc_doc_warning_count(d); i++)
		n += !strstr(osc_doc_warning(d, i), "not in the list of English local authorities");
	return n;
}

static inline const char *tu_item(const osc_doc *d, osc_section sec, size_t i)
{
	const osc_item *it = osc_doc_item(d, sec, i);
	assert_non_null(it);
	return it->text;
}

static inline int tu_has_theme(const osc_doc *d, const osc_item *it, const char *id)
{
	const osc_rules *r = osc_doc_rules(d);
	for (size_t i = 0; i < it->n_themes; i++)
		if (strcmp(osc_rules_theme_id(r, (size_t)it->themes[i].theme), id) == 0)
			return 1;
	return 0;
}


/* The shared corpus folder, or NULL (tests then skip with a message). */
static inline const char *tu_corpus(void)
{
	static char path[4096];
	const char *shared = getenv("SHARED");
	snprintf(path, sizeof path, "%s/corpus", shared && *shared ? shared : "../shared");
	FILE *f;
	char probe[4200];
	snprintf(probe, sizeof probe, "%s/README.md", path);
	if (!(f = fopen(probe, "r")))
		return NULL;
	fclose(f);
	return path;
}

#endif
