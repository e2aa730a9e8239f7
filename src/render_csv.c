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

/* A row per item of doc into b-> */
static void render(const osc_doc *doc, osc_buf *b)
{
	const osc_rules *r = osc_doc_rules(doc);
	osc_buf themes;
	osc_buf_init(&themes, b->a);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		size_t n = osc_doc_item_count(doc, (osc_section)sec);
		for (size_t i = 0; i < n; i++) {
			const osc_item *it = osc_doc_item(doc, (osc_section)sec, i);
			char idx[24];
			snprintf(idx, sizeof idx, "%u", it->index);
			osc_buf_clear(&themes);
			for (size_t t = 0; t < it->n_themes; t++) {
				if (t)
					osc_buf_addc(&themes, ';');
				osc_buf_adds(&themes, osc_rules_theme_id(r, (size_t)it->themes[t].theme));
			}
			osc_csv_field(b, osc_doc_source(doc), false);
			osc_csv_field(b, osc_kind_name(osc_doc_kind(doc)), false);
			osc_csv_field(b, osc_doc_authority(doc), false);
			osc_csv_field(b, osc_doc_date(doc), false);
			osc_csv_field(b, osc_section_name((osc_section)sec), false);
			osc_csv_field(b, idx, false);
			osc_csv_field(b, osc_polarity_name(it->polarity), false);
			osc_csv_field(b, themes.len ? themes.data : "", false);
			osc_csv_field(b, it->text, false);
			char page[16] = "", para[16] = "";
			if (it->page)
				snprintf(page, sizeof page, "%u", it->page);
			if (it->paragraph)
				snprintf(para, sizeof para, "%u", it->paragraph);
			osc_csv_field(b, page, false);
			osc_csv_field(b, para, false);
			osc_csv_field(b, osc_doc_authority_key(doc), true);
		}
	}
	if (themes.failed)
		b->failed = true;
	osc_buf_free(&themes);
}

osc_status osc_render_csv(const osc_doc *doc, unsigned flags,
			  const osc_allocator *a, char **out, size_t *len)
{
	OSC_UNUSED(flags);
	if (!doc || !out || !len)
		return OSC_EINVAL;
	osc_buf b;
	osc_buf_init(&b, osc_alloc_or_default(a));
	render(doc, &b);
	if (!b.failed && !b.data)
		osc_buf_adds(&b, ""); /* an empty document: an empty string */
	*out = osc_buf_steal(&b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}

osc_status osc_render_csv_to(const osc_doc *doc, unsigned flags,
			     const osc_allocator *a, const osc_writer *out)
{
	OSC_UNUSED(flags);
	if (!doc || !out || !out->write)
		return OSC_EINVAL;
	osc_buf b;
	osc_buf_init(&b, osc_alloc_or_default(a));
	if (osc_buf_set_sink(&b, out))
		render(doc, &b);
	return osc_buf_finish_sink(&b);
}

/* ---- --documents: one row per document ----------------------------------- */

#define OSC_AREAS (OSC_AREA_ADOPTION + 1)

osc_status osc_csv_row_header(const osc_rules *rules, const osc_allocator *a,
			      char **out, size_t *len)
{
	if (!rules || !out || !len)
		return OSC_EINVAL;
	osc_buf b;
	osc_buf_init(&b, osc_alloc_or_default(a));
	osc_buf_adds(&b, "source,kind,authority_key,authority,date,first_visit,last_visit,"
			 "inspectors,focus,");
	for (int ar = 0; ar < OSC_AREAS; ar++)
		osc_buf_printf(&b, "%s,", osc_area_id((osc_area)ar));
	osc_buf_adds(&b, "headline,improvements,priority_actions,findings,strength,concern,"
			 "mixed,neutral,warnings");
	for (size_t t = 0; t < osc_rules_theme_count(rules); t++) {
		const char *id = osc_rules_theme_id(rules, t);
		osc_buf_printf(&b, ",%s_concerns,%s_strengths", id, id);
	}
	osc_buf_adds(&b, "\r\n");
	if (b.failed) {
		osc_buf_free(&b);
		return OSC_ENOMEM;
	}
	*out = osc_buf_steal(&b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}

osc_status osc_render_csv_row(const osc_doc *doc, unsigned flags,
			      const osc_allocator *a, char **out, size_t *len)
{
	OSC_UNUSED(flags);
	if (!doc || !out || !len)
		return OSC_EINVAL;
	osc_buf b, in;
	osc_buf_init(&b, osc_alloc_or_default(a));
	osc_buf_init(&in, b.a);
	const osc_rules *r = osc_doc_rules(doc);
	size_t nv = osc_doc_visit_date_count(doc);
	osc_csv_field(&b, osc_doc_source(doc), false);
	osc_csv_field(&b, osc_kind_name(osc_doc_kind(doc)), false);
	osc_csv_field(&b, osc_doc_authority_key(doc), false);
	osc_csv_field(&b, osc_doc_authority(doc), false);
	osc_csv_field(&b, osc_doc_date(doc), false);
	osc_csv_field(&b, nv ? osc_doc_visit_date(doc, 0) : NULL, false);
	osc_csv_field(&b, nv ? osc_doc_visit_date(doc, nv - 1) : NULL, false);
	for (size_t i = 0; i < osc_doc_inspector_count(doc); i++) {
		if (i)
			osc_buf_adds(&in, "; ");
		osc_buf_adds(&in, osc_doc_inspector(doc, i));
	}
	osc_csv_field(&b, in.len ? in.data : "", false);
	osc_csv_field(&b, osc_doc_focus(doc), false);
	for (int ar = 0; ar < OSC_AREAS; ar++)
		osc_csv_field(&b, osc_doc_grade_id(doc, (osc_area)ar), false);
	osc_csv_field(&b, osc_doc_headline(doc), false);
	size_t pol[OSC_POLARITY_COUNT];
	osc_doc_polarity_counts(doc, pol);
	osc_buf_printf(&b, "%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu",
		       osc_doc_item_count(doc, OSC_SECTION_IMPROVEMENTS),
		       osc_doc_item_count(doc, OSC_SECTION_PRIORITY_ACTIONS),
		       osc_doc_item_count(doc, OSC_SECTION_FINDINGS), pol[OSC_POLARITY_STRENGTH],
		       pol[OSC_POLARITY_CONCERN], pol[OSC_POLARITY_MIXED],
		       pol[OSC_POLARITY_NEUTRAL], osc_doc_warning_count(doc));
	for (size_t t = 0; t < osc_rules_theme_count(r); t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		osc_buf_printf(&b, ",%zu,%zu", tl->by_polarity[OSC_POLARITY_CONCERN],
			       tl->by_polarity[OSC_POLARITY_STRENGTH]);
	}
	osc_buf_adds(&b, "\r\n");
	bool failed = in.failed || b.failed;
	osc_buf_free(&in);
	if (failed) {
		osc_buf_free(&b);
		return OSC_ENOMEM;
	}
	*out = osc_buf_steal(&b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}
