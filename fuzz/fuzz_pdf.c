/* fuzz_pdf.c - the PDF reader: poppler's text layer turned into lines and
 * blocks.  poppler itself is not instrumented: coverage guides the mutation
 * through this project's code only. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_scanner)
		fz_init();
	osc_error err = { 0 };
	osc_doc *d = osc_scan(fz_scanner, (const char *)data, size, "fuzz.pdf", OSC_FORMAT_PDF, &err);
	if (!d) {
		if (err.status != OSC_EFORMAT && err.status != OSC_ENOMEM)
			abort();
		return 0;
	}
	fz_render(d, 0);
	osc_doc_free(d);
	return 0;
}
