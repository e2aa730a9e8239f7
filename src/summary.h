/* summary.h - the aggregate behind osc_summary (summary.c), read by
 * its renderers (render_summary.c). */
#ifndef OSC_SUMMARY_H
#define OSC_SUMMARY_H

#include "meta.h"
#include "text.h"

/* how many values each enum has */
#define OSC_SUM_AREAS (OSC_AREA_ADOPTION + 1)
#define OSC_SUM_GRADES (OSC_GRADE_INADEQUATE + 1)
#define OSC_SUM_KINDS (OSC_KIND_NEWS_SUMMARY + 1)

/* the public osc_summary_theme and osc_summary_group */
typedef osc_summary_theme osc_sum_theme;
typedef osc_summary_group osc_sum_group;

struct osc_summary {
	const osc_allocator *a;
	const osc_rules *rules;
	size_t n_themes;
	size_t errors;
	size_t kinds[OSC_SUM_KINDS];
	size_t grades[OSC_SUM_AREAS][OSC_SUM_GRADES];
	osc_sum_group all;
	osc_sum_group *years;       /* sorted by key */
	size_t n_years, cap_years;
	osc_sum_group *authorities; /* sorted by key */
	size_t n_authorities, cap_authorities;
	bool keep;                  /* osc_summary_keep_documents */
	osc_digest **docs;
	size_t n_docs, cap_docs;
};

/* One document as the summary counts it: from an osc_doc, or from its
 * JSON record (record.c, osc_summary_add_record). */
typedef struct osc_sum_entry {
	osc_kind kind;
	const char *dated;                 /* osc_doc_dated, or NULL */
	const char *authority_key, *authority;
	size_t by_polarity[OSC_POLARITY_COUNT]; /* its items */
	const osc_theme_tally *tally;      /* per theme of the summary's rules */
	osc_judgement judgements[OSC_MAX_JUDGEMENTS];
	size_t n_judgements;
} osc_sum_entry;
/* Count it (doc, when not NULL, for the digests kept). */
osc_status osc_summary_add_entry(osc_summary *s, const osc_sum_entry *e, const osc_doc *doc);

/* OSC_SUMMARY_HTML (render_html.c): the page into b; false when out of
 * memory. */
bool osc_render_summary_html(const osc_summary *s, osc_buf *b);

#endif
