/* meta.h - a document's metadata from its opening blocks: authority,
 * dates, inspectors, focus and (reports) judgements (meta*.c). */
#ifndef OSC_META_H
#define OSC_META_H

#include "blocks.h"

/* A report has at most six judgements (the overall one and five areas
 * before 2023); room for a few more read from a damaged table. */
#define OSC_MAX_JUDGEMENTS 8
/* warnings the metadata can give: a repaired date, a date before its
 * visit, an impossible range */
#define OSC_MAX_NOTES 4

typedef struct osc_meta {
	const char *authority;
	const char *authority_key; /* canonical (static), or NULL */
	const char *date;
	const char **visit_dates;
	size_t n_visit_dates;
	const char **inspectors;
	size_t n_inspectors;
	const char *focus;
	osc_judgement judgements[OSC_MAX_JUDGEMENTS];
	size_t n_judgements;
	/* warnings about what was read (a repaired date, an impossible range) */
	const char *notes[OSC_MAX_NOTES];
	size_t n_notes;
} osc_meta;

osc_status osc_extract_meta(const osc_blocks *bl, osc_kind kind,
			    osc_meta *m, osc_error *err);

#endif
