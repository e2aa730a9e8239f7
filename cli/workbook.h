/* workbook.h - --format xlsx: an Excel workbook of the documents, their
 * items, themes by year and by authority, and judgements (workbook.c). */
#ifndef OSC_CLI_WORKBOOK_H
#define OSC_CLI_WORKBOOK_H

#include "ofsted_scan.h"

typedef struct book book;

/* A workbook to be written at `path` for documents scanned with `rules`
 * (borrowed); NULL when it cannot be started (said). */
book *book_open(const char *path, const osc_rules *rules);
/* A document, in input order: its row in Documents, the items of `view`
 * (its selection under --theme or --grep, or NULL for all) in Items, its
 * judgements.  False after an error (said at close). */
bool book_add(book *w, const osc_doc *doc, const osc_doc *view);
/* Themes from the summary of the same documents, then write the file and
 * free w.  False (said; the file removed) on an error. */
bool book_close(book *w, const osc_summary *sum);

#endif
