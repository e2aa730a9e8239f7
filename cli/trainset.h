/* trainset.h - labelled items for training, read from JSON Lines in the
 * format of ../shared/corpus/train/items.jsonl (trainset.c). */
#ifndef OSC_CLI_TRAINSET_H
#define OSC_CLI_TRAINSET_H

#include "ofsted_scan.h"

#define MAX_ITEM_THEMES 17

typedef struct titem {
	char *id, *doc, *text, *note;
	osc_kind kind;
	osc_section section;
	osc_polarity polarity;
	char *themes[MAX_ITEM_THEMES]; /* most prominent first */
	size_t n_themes;
	char *group;                   /* the authority: the cross-validation group */
} titem;

typedef struct tset {
	titem *v;
	size_t n, cap;
} tset;

/* Append the items of a JSON Lines file; false with a message naming the
 * file and line in why[]. */
bool tset_read(tset *s, const char *path, char *why, size_t why_len);
void tset_free(tset *s);

#endif
