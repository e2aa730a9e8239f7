/* meta_internal.h - what the metadata readers share (meta*.c). */
#ifndef OSC_META_INTERNAL_H
#define OSC_META_INTERNAL_H

#include "meta.h"
#include "lexicon.h"

/* visit days a document can list (a report's inspection: two weeks) */
#define OSC_MAX_DATES 64

typedef struct osc_mctx {
	const osc_blocks *bl;
	osc_arena *ar;
	const osc_allocator *a;
	osc_meta *m;
	size_t end; /* blocks searched: the preamble, or a little more */
	int letter_y, letter_m;
	osc_kind kind;
	const char *typo_date; /* "6 November 20205", for the date's repair */
	size_t typo_len;
	bool multiple;         /* a page about several authorities */
} osc_mctx;

/* Append s to a growing array of strings. */
osc_status osc_meta_add_str(osc_mctx *c, const char ***arr, size_t *n, size_t *cap,
			    const char *s);
/* The end of the sentence starting at s: a full stop (or ';') followed by
 * a space and a capital letter, or the end of the block. */
size_t osc_meta_sentence_end(const char *s, size_t n);

/* Add a warning about what was read (printf-style). */
osc_status osc_meta_note(osc_mctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The readers of each field (meta_authority.c, meta_inspectors.c,
 * meta_focus.c). */
osc_status osc_meta_authority(osc_mctx *c);
osc_status osc_meta_news_authority(osc_mctx *c);
osc_status osc_meta_inspectors(osc_mctx *c);
osc_status osc_meta_focus(osc_mctx *c);

#endif
