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
