/* fuzz_text.c - the text and Markdown readers, the splitter, metadata and
 * the classifier, then every renderer.  Byte 0: bit 0 Markdown, bit 1
 * explain, bit 2 keep only the first theme's items, bits 3-4 render flags. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_scanner)
		fz_init();
	if (size < 1)
		return 0;
	unsigned opt = data[0];
	osc_scanner_set_explain(fz_scanner, opt & 2);
	osc_error err = { 0 };
	osc_doc *d = osc_scan(fz_scanner, (const char *)data + 1, size - 1, "fuzz",
			      opt & 1 ? OSC_FORMAT_MARKDOWN : OSC_FORMAT_TEXT, &err);
	if (!d) {
		if (err.status != OSC_EFORMAT && err.status != OSC_ENOMEM)
			abort();
		return 0;
	}
	osc_doc *sel = NULL;
	if (opt & 4) {
		int first = 0;
		sel = osc_doc_select(d, &first, 1, &err);
		if (!sel && err.status != OSC_ENOMEM)
			abort();
	}
	fz_render(sel ? sel : d, opt >> 3);
	osc_doc_free(sel);
	osc_doc_free(d);
	return 0;
}
