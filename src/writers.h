/* writers.h - the pieces of JSON and CSV that the renderers share
 * (writers.c). */
#ifndef OSC_WRITERS_H
#define OSC_WRITERS_H

#include "buf.h"

/* A JSON string (quoted, escaped per RFC 8259, invalid UTF-8 as U+FFFD;
 * NULL as null). */
void osc_json_string(osc_buf *b, const char *s);
/* A CSV field (RFC 4180: quoted when it must be), then ',' or, when last,
 * CRLF. */
void osc_csv_field(osc_buf *b, const char *s, bool last);

/* n bytes of s as HTML (and XML) text or attribute value: & < > " '
 * escaped, U+2028 and U+2029 as references, invalid UTF-8 and control
 * characters (but tab and newline) as U+FFFD. */
void osc_html_text(osc_buf *b, const char *s, size_t n);
static inline void osc_html_texts(osc_buf *b, const char *s)
{
	if (s)
		osc_html_text(b, s, strlen(s));
}

/* Findings are shown grouped under their main theme (its first), in the
 * taxonomy's order, then those with none under "Other" (group n_themes):
 * is `it` in group g? */
static inline bool osc_in_group(const osc_item *it, size_t g, size_t n_themes)
{
	int main_theme = it->n_themes ? it->themes[0].theme : -1;
	return g < n_themes ? main_theme == (int)g : main_theme < 0;
}

/* A document's grade id in area a ("good"), or NULL when it has none. */
const char *osc_doc_grade_id(const osc_doc *doc, osc_area a);
/* A document's judgements copied into out (at most max); how many. */
size_t osc_doc_judgements(const osc_doc *doc, osc_judgement *out, size_t max);
/* A document's items by polarity, over every section. */
void osc_doc_polarity_counts(const osc_doc *doc, size_t out[OSC_POLARITY_COUNT]);

#endif
