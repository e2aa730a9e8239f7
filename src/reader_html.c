/* reader_html.c - HTML through libxml2 (to come). */
#include "internal.h"

osc_status osc_read_html(const char *data, size_t len, osc_blocks *out,
			 osc_buf *scratch, osc_error *err)
{
	OSC_UNUSED(data), OSC_UNUSED(len), OSC_UNUSED(out), OSC_UNUSED(scratch);
	return osc_set_error(err, OSC_EFORMAT, 0, "HTML input is not supported by this build yet");
}
