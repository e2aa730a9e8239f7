/* fuzz_rules.c - the rules-file parser; a file that parses is used to scan
 * a short letter.  Byte 0: bit 0 add to the default rules rather than
 * replace them. */
#include "fuzz_common.h"

static const char letter[] =
	"14 March 2025\nDear Sam\nThis letter summarises the findings of the focused visit to "
	"Riverford children's services on 11 and 12 February 2025.\n"
	"What needs to improve?\n- The timeliness of health assessments.\n"
	"Findings\nCase file audits are not completed. Staff morale is good, but caseloads are high.\n"
	"Permanence is considered early, and plans are not always reviewed.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static osc_rules *def;
	osc_error err = { 0 };
	if (!def)
		def = osc_rules_default(NULL, &err);
	osc_rules *r = data[0] & 1
		? osc_rules_extend(def, (const char *)data + 1, size - 1, "fuzz.rules", NULL, &err)
		: osc_rules_parse((const char *)data + 1, size - 1, "fuzz.rules", NULL, &err);
	if (!r) {
		if (err.status != OSC_ERULES && err.status != OSC_ENOMEM)
			abort();
		return 0;
	}
	osc_scanner *s = osc_scanner_new(r, NULL, &err);
	if (s) {
		osc_scanner_set_explain(s, data[0] & 2);
		osc_doc *d = osc_scan(s, letter, sizeof letter - 1, "letter", OSC_FORMAT_TEXT, &err);
		if (d) {
			fz_render(d, data[0] >> 2);
			osc_doc_free(d);
		}
		osc_scanner_free(s);
	}
	osc_rules_free(r);
	return 0;
}
