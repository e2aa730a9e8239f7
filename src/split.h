/* split.h - from blocks to sections: the kind of document, its headline
 * and its items by section (split.c for letters and reports, split_news.c
 * for news pages, split_report.c for a report's judgement table). */
#ifndef OSC_SPLIT_H
#define OSC_SPLIT_H

#include "blocks.h"

typedef struct osc_item_build {
	const char *text;
	size_t len;
	unsigned page, number; /* its block's (osc_block) */
} osc_item_build;

typedef struct osc_split {
	osc_kind kind;
	const char *headline;
	osc_item_build *items[OSC_SECTION_COUNT];
	size_t n_items[OSC_SECTION_COUNT];
	size_t cap_items[OSC_SECTION_COUNT];
	const char *note;  /* a warning about how it was split, or NULL */
} osc_split;

osc_status osc_split_blocks(const osc_blocks *bl, osc_split *sp,
			    osc_error *err);

/* Shared by the strategies: add block b to section sec. */
osc_status osc_split_add(osc_split *sp, const osc_allocator *a,
			 osc_section sec, const osc_block *b);
/* News pages (split_news.c): is it one, and its items. */
bool osc_looks_like_news(const osc_blocks *bl);
osc_status osc_split_news(const osc_blocks *bl, osc_split *sp,
			  const osc_allocator *a);
/* Reports (split_report.c): a block that is a judgement table row's area
 * alone (its grade in the next block); whether block s holds the table's
 * rows, and then the overview after them, s[*from, *end). */
bool osc_report_row_name(const osc_block *b);
bool osc_report_overview_after_table(const char *s, size_t n, size_t *from,
				     size_t *end);

#endif
