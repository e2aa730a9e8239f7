/* fuzz_html.c - the HTML reader (libxml2) and what follows it.  Byte 0:
 * bit 0 let the format be detected rather than forced. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_scanner)
		fz_init();
	if (size < 1)
		return 0;
	osc_error err = { 0 };
	osc_doc *d = osc_scan(fz_scanner, (const char *)data + 1, size - 1, "fuzz.html",
			      data[0] & 1 ? OSC_FORMAT_AUTO : OSC_FORMAT_HTML, &err);
	if (!d) {
		if (err.status != OSC_EFORMAT && err.status != OSC_ENOMEM)
			abort();
		return 0;
	}
	fz_render(d, data[0] >> 1);
	osc_doc_free(d);
	return 0;
}
