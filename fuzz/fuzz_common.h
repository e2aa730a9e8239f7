/* fuzz_common.h - what the libFuzzer harnesses share: the default rules and
 * a scanner, made once; the first input byte chooses options. */
#ifndef OSC_FUZZ_COMMON_H
#define OSC_FUZZ_COMMON_H

#include "ofsted_scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static osc_rules *fz_rules;
static osc_scanner *fz_scanner;

static void fz_init(void)
{
	size_t n;
	const char *def = osc_default_rules_text(&n);
	fz_rules = osc_rules_parse(def, n, "default", NULL, NULL);
	fz_scanner = fz_rules ? osc_scanner_new(fz_rules, NULL, NULL) : NULL;
	if (!fz_scanner)
		abort();
}

/* Render a document every way there is; a renderer failing with anything
 * but OSC_ENOMEM is a bug. */
static void fz_render(const osc_doc *d, unsigned opt)
{
	char *out = NULL;
	size_t len = 0;
	osc_status st = osc_render_json(d, opt & 1 ? OSC_RENDER_PRETTY : 0, NULL, &out, &len);
	if (st || strlen(out) != len)
		abort();
	osc_free(NULL, out);
	if (osc_render_text(d, opt & 2 ? OSC_RENDER_COLOUR : 0, NULL, &out, &len) || strlen(out) != len)
		abort();
	osc_free(NULL, out);
	if (osc_render_csv(d, 0, NULL, &out, &len) || strlen(out) != len)
		abort();
	osc_free(NULL, out);
}

#endif
