/*
 * render_csv.c - one CSV row per item (RFC 4180: comma-separated, CRLF line
 * ends, a field quoted when it holds a comma, a quote, CR or LF, and quotes
 * inside doubled).  Output is valid UTF-8: invalid bytes become U+FFFD.
 */
#include "writers.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

const char *osc_csv_header(void)
{
	return "source,kind,authority,date,section,index,polarity,themes,text,page,paragraph,"
	       "authority_key\r\n";
}

osc_status osc_render_csv(const osc_doc *doc, unsigned flags,
			  const osc_allocator *a, char **out, size_t *len)
{
	OSC_UNUSED(flags);
	if (!doc || !out || !len)
		return OSC_EINVAL;
	osc_buf b;
	osc_buf_init(&b, osc_alloc_or_default(a));
	const osc_rules *r = osc_doc_rules(doc);
	osc_buf themes;
	osc_buf_init(&themes, b.a);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		size_t n = osc_doc_item_count(doc, (osc_section)sec);
		for (size_t i = 0; i < n; i++) {
			const osc_item *it = osc_doc_item(doc, (osc_section)sec, i);
			char idx[24];
			snprintf(idx, sizeof idx, "%zu", i + 1);
			osc_buf_clear(&themes);
			for (size_t t = 0; t < it->n_themes; t++) {
				if (t)
					osc_buf_addc(&themes, ';');
				osc_buf_adds(&themes, osc_rules_theme_id(r, (size_t)it->themes[t].theme));
			}
			osc_csv_field(&b, osc_doc_source(doc), false);
			osc_csv_field(&b, osc_kind_name(osc_doc_kind(doc)), false);
			osc_csv_field(&b, osc_doc_authority(doc), false);
			osc_csv_field(&b, osc_doc_date(doc), false);
			osc_csv_field(&b, osc_section_name((osc_section)sec), false);
			osc_csv_field(&b, idx, false);
			osc_csv_field(&b, osc_polarity_name(it->polarity), false);
			osc_csv_field(&b, themes.len ? themes.data : "", false);
			osc_csv_field(&b, it->text, false);
			char page[16] = "", para[16] = "";
			if (it->page)
				snprintf(page, sizeof page, "%u", it->page);
			if (it->paragraph)
				snprintf(para, sizeof para, "%u", it->paragraph);
			osc_csv_field(&b, page, false);
			osc_csv_field(&b, para, false);
			osc_csv_field(&b, osc_doc_authority_key(doc), true);
		}
	}
	bool failed = themes.failed;
	osc_buf_free(&themes);
	if (!failed && !b.data)
		osc_buf_adds(&b, ""); /* an empty document: an empty string */
	if (failed || b.failed) {
		osc_buf_free(&b);
		return OSC_ENOMEM;
	}
	*out = osc_buf_steal(&b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}
