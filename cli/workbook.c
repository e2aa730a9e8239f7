/*
 * workbook.c - --format xlsx: one Excel workbook (libxlsxwriter) with the
 * sheets Documents, Items, Themes and Judgements, typed cells (dates as
 * dates, counts as numbers), frozen header rows and filters.
 *
 * Documents, Items and Judgements are written a row at a time as documents
 * come, in input order, in libxlsxwriter's constant-memory mode: memory
 * does not grow with the inputs.  Themes (by year and by authority) is
 * written at the end from the run's summary.
 */
#define _POSIX_C_SOURCE 200809L
#include "workbook.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Excel's limits: a cell's text and the rows of a sheet. */
#define CELL_MAX 32767
#define ROWS_MAX 1048576

enum { S_DOCUMENTS, S_ITEMS, S_THEMES, S_JUDGEMENTS, N_SHEETS };

typedef struct sheet {
	lxw_worksheet *ws;
	lxw_row_t row;     /* the next row to write */
	lxw_col_t cols;    /* its header's columns */
} sheet;

struct book {
	const char *path;
	const osc_rules *rules;
	lxw_workbook *wb;
	sheet s[N_SHEETS];
	lxw_format *bold, *date, *share, *wrap;
	lxw_error err;     /* the first error */
	bool full;         /* a sheet reached Excel's last row */
};

static void keep_err(book *w, lxw_error e)
{
	if (e && !w->err)
		w->err = e;
}

/* Text, cut (at a character) to what a cell holds; NULL and "" as blank. */
static void text(book *w, sheet *s, lxw_col_t c, const char *t, lxw_format *f)
{
	if (!t || !*t)
		return;
	size_t n = strlen(t);
	if (n <= CELL_MAX) {
		keep_err(w, worksheet_write_string(s->ws, s->row, c, t, f));
		return;
	}
	size_t cut = CELL_MAX;
	while (cut && ((unsigned char)t[cut] & 0xC0) == 0x80)
		cut--;
	char *part = strndup(t, cut);
	if (!part) {
		keep_err(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	keep_err(w, worksheet_write_string(s->ws, s->row, c, part, f));
	free(part);
}

static void number(book *w, sheet *s, lxw_col_t c, double v)
{
	keep_err(w, worksheet_write_number(s->ws, s->row, c, v, NULL));
}

/* "2024-06-04" as an Excel date; anything else as text. */
static void date(book *w, sheet *s, lxw_col_t c, const char *d)
{
	if (!d)
		return;
	lxw_datetime dt = { 0 };
	if (strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) == 3)
		keep_err(w, worksheet_write_datetime(s->ws, s->row, c, &dt, w->date));
	else
		text(w, s, c, d, NULL);
}

/* The header row, frozen, with a filter over the columns; and widths. */
static void header(book *w, sheet *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		keep_err(w, worksheet_write_string(s->ws, 0, (lxw_col_t)i, names[i], w->bold));
	s->row = 1;
	s->cols = (lxw_col_t)n;
	worksheet_freeze_panes(s->ws, 1, 0);
}

/* A row is about to be written: false when the sheet is full. */
static bool next_row(book *w, sheet *s)
{
	if (s->row >= ROWS_MAX) {
		w->full = true;
		return false;
	}
	return true;
}

static const char *const doc_cols[] = {
	"source", "kind", "authority_key", "authority", "date", "first_visit", "last_visit",
	"inspectors", "focus", "overall_effectiveness", "impact_of_leaders",
	"help_and_protection", "in_care_and_care_leavers", "in_care", "care_leavers", "adoption",
	"headline", "improvements", "priority_actions", "findings", "strength", "concern",
	"mixed", "neutral", "warnings",
};
#define N_DOC_COLS (sizeof doc_cols / sizeof *doc_cols)

static const char *const item_cols[] = {
	"source", "authority_key", "date", "kind", "section", "index", "paragraph", "page",
	"polarity", "themes", "text",
};
static const char *const theme_cols[] = {
	"scope", "key", "theme", "label", "documents", "of_documents", "share",
	"concern_documents", "concern_share", "items", "strength", "concern", "mixed", "neutral",
};
static const char *const judgement_cols[] = {
	"source", "authority_key", "authority", "date", "area", "area_label", "grade",
};

book *book_open(const char *path, const osc_rules *rules)
{
	book *w = calloc(1, sizeof *w);
	if (!w) {
		msg(path, "%s", "out of memory");
		return NULL;
	}
	w->path = path;
	w->rules = rules;
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	w->wb = workbook_new_opt(path, &opt);
	if (!w->wb) {
		msg(path, "%s", "cannot start the workbook (out of memory, or no temporary files)");
		free(w);
		return NULL;
	}
	static const char *const names[N_SHEETS] = { "Documents", "Items", "Themes", "Judgements" };
	for (int k = 0; k < N_SHEETS; k++)
		w->s[k].ws = workbook_add_worksheet(w->wb, names[k]);
	w->bold = workbook_add_format(w->wb);
	w->date = workbook_add_format(w->wb);
	w->share = workbook_add_format(w->wb);
	w->wrap = workbook_add_format(w->wb);
	for (int k = 0; k < N_SHEETS; k++)
		if (!w->s[k].ws)
			w->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	if (w->err || !w->bold || !w->date || !w->share || !w->wrap) {
		msg(path, "%s", "out of memory");
		workbook_close(w->wb);
		remove(path);
		free(w);
		return NULL;
	}
	format_set_bold(w->bold);
	format_set_num_format(w->date, "yyyy-mm-dd");
	format_set_num_format(w->share, "0%");
	format_set_text_wrap(w->wrap);
	format_set_align(w->wrap, LXW_ALIGN_VERTICAL_TOP);

	/* Documents: the document table, a column pair per theme */
	sheet *d = &w->s[S_DOCUMENTS];
	header(w, d, doc_cols, N_DOC_COLS);
	lxw_col_t c = (lxw_col_t)N_DOC_COLS;
	char name[96];
	for (size_t t = 0; t < osc_rules_theme_count(rules); t++) {
		snprintf(name, sizeof name, "%s_concerns", osc_rules_theme_id(rules, t));
		keep_err(w, worksheet_write_string(d->ws, 0, c++, name, w->bold));
		snprintf(name, sizeof name, "%s_strengths", osc_rules_theme_id(rules, t));
		keep_err(w, worksheet_write_string(d->ws, 0, c++, name, w->bold));
	}
	d->cols = c;
	worksheet_set_column(d->ws, 0, 0, 40, NULL);
	worksheet_set_column(d->ws, 2, 3, 24, NULL);
	worksheet_set_column(d->ws, 4, 6, 11, NULL);
	worksheet_set_column(d->ws, 16, 16, 60, NULL);
	header(w, &w->s[S_ITEMS], item_cols, sizeof item_cols / sizeof *item_cols);
	worksheet_set_column(w->s[S_ITEMS].ws, 0, 0, 40, NULL);
	worksheet_set_column(w->s[S_ITEMS].ws, 1, 1, 24, NULL);
	worksheet_set_column(w->s[S_ITEMS].ws, 2, 2, 11, NULL);
	worksheet_set_column(w->s[S_ITEMS].ws, 9, 9, 24, NULL);
	worksheet_set_column(w->s[S_ITEMS].ws, 10, 10, 100, w->wrap);
	header(w, &w->s[S_THEMES], theme_cols, sizeof theme_cols / sizeof *theme_cols);
	worksheet_set_column(w->s[S_THEMES].ws, 1, 1, 24, NULL);
	worksheet_set_column(w->s[S_THEMES].ws, 3, 3, 36, NULL);
	header(w, &w->s[S_JUDGEMENTS], judgement_cols, sizeof judgement_cols / sizeof *judgement_cols);
	worksheet_set_column(w->s[S_JUDGEMENTS].ws, 0, 0, 40, NULL);
	worksheet_set_column(w->s[S_JUDGEMENTS].ws, 1, 2, 24, NULL);
	worksheet_set_column(w->s[S_JUDGEMENTS].ws, 3, 3, 11, NULL);
	worksheet_set_column(w->s[S_JUDGEMENTS].ws, 5, 5, 36, NULL);
	return w;
}

static void add_document(book *w, const osc_doc *doc)
{
	sheet *s = &w->s[S_DOCUMENTS];
	if (!next_row(w, s))
		return;
	size_t nv = osc_doc_visit_date_count(doc);
	text(w, s, 0, osc_doc_source(doc), NULL);
	text(w, s, 1, osc_kind_name(osc_doc_kind(doc)), NULL);
	text(w, s, 2, osc_doc_authority_key(doc), NULL);
	text(w, s, 3, osc_doc_authority(doc), NULL);
	date(w, s, 4, osc_doc_date(doc));
	date(w, s, 5, nv ? osc_doc_visit_date(doc, 0) : NULL);
	date(w, s, 6, nv ? osc_doc_visit_date(doc, nv - 1) : NULL);
	size_t cap = 1;
	for (size_t i = 0; i < osc_doc_inspector_count(doc); i++)
		cap += strlen(osc_doc_inspector(doc, i)) + 2;
	char *in = malloc(cap);
	if (!in) {
		keep_err(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	in[0] = '\0';
	for (size_t i = 0; i < osc_doc_inspector_count(doc); i++) {
		if (i)
			strcat(in, "; ");
		strcat(in, osc_doc_inspector(doc, i));
	}
	text(w, s, 7, in, NULL);
	free(in);
	text(w, s, 8, osc_doc_focus(doc), NULL);
	/* a column per area, from overall_effectiveness (column 9) on */
	for (size_t i = 0; i < osc_doc_judgement_count(doc); i++) {
		const osc_judgement *jd = osc_doc_judgement(doc, i);
		text(w, s, (lxw_col_t)(9 + jd->area), osc_grade_id(jd->grade), NULL);
	}
	text(w, s, 16, osc_doc_headline(doc), NULL);
	size_t pol[OSC_POLARITY_COUNT] = { 0 };
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		size_t n = osc_doc_item_count(doc, (osc_section)sec);
		number(w, s, (lxw_col_t)(17 + sec), (double)n);
		for (size_t i = 0; i < n; i++)
			pol[osc_doc_item(doc, (osc_section)sec, i)->polarity]++;
	}
	number(w, s, 20, (double)pol[OSC_POLARITY_STRENGTH]);
	number(w, s, 21, (double)pol[OSC_POLARITY_CONCERN]);
	number(w, s, 22, (double)pol[OSC_POLARITY_MIXED]);
	number(w, s, 23, (double)pol[OSC_POLARITY_NEUTRAL]);
	number(w, s, 24, (double)osc_doc_warning_count(doc));
	lxw_col_t c = (lxw_col_t)N_DOC_COLS;
	for (size_t t = 0; t < osc_rules_theme_count(w->rules); t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		number(w, s, c++, (double)tl->by_polarity[OSC_POLARITY_CONCERN]);
		number(w, s, c++, (double)tl->by_polarity[OSC_POLARITY_STRENGTH]);
	}
	s->row++;
}

static void add_items(book *w, const osc_doc *doc, const osc_doc *view)
{
	sheet *s = &w->s[S_ITEMS];
	char themes[1024];
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
		for (size_t i = 0; i < osc_doc_item_count(view, (osc_section)sec); i++) {
			const osc_item *it = osc_doc_item(view, (osc_section)sec, i);
			if (!next_row(w, s))
				return;
			text(w, s, 0, osc_doc_source(doc), NULL);
			text(w, s, 1, osc_doc_authority_key(doc), NULL);
			date(w, s, 2, osc_doc_date(doc));
			text(w, s, 3, osc_kind_name(osc_doc_kind(doc)), NULL);
			text(w, s, 4, osc_section_name((osc_section)sec), NULL);
			number(w, s, 5, it->index);
			if (it->paragraph)
				number(w, s, 6, it->paragraph);
			if (it->page)
				number(w, s, 7, it->page);
			text(w, s, 8, osc_polarity_name(it->polarity), NULL);
			size_t o = 0;
			themes[0] = '\0';
			for (size_t t = 0; t < it->n_themes; t++) {
				const char *id = osc_rules_theme_id(w->rules, (size_t)it->themes[t].theme);
				int k = snprintf(themes + o, sizeof themes - o, "%s%s", t ? ";" : "", id);
				if (k < 0 || (size_t)k >= sizeof themes - o)
					break;
				o += (size_t)k;
			}
			text(w, s, 9, themes, NULL);
			text(w, s, 10, it->text, w->wrap);
			s->row++;
		}
}

static void add_judgements(book *w, const osc_doc *doc)
{
	sheet *s = &w->s[S_JUDGEMENTS];
	for (size_t i = 0; i < osc_doc_judgement_count(doc); i++) {
		const osc_judgement *j = osc_doc_judgement(doc, i);
		if (!next_row(w, s))
			return;
		text(w, s, 0, osc_doc_source(doc), NULL);
		text(w, s, 1, osc_doc_authority_key(doc), NULL);
		text(w, s, 2, osc_doc_authority(doc), NULL);
		date(w, s, 3, osc_doc_date(doc));
		text(w, s, 4, osc_area_id(j->area), NULL);
		text(w, s, 5, osc_area_label(j->area), NULL);
		text(w, s, 6, osc_grade_id(j->grade), NULL);
		s->row++;
	}
}

bool book_add(book *w, const osc_doc *doc, const osc_doc *view)
{
	add_document(w, doc);
	add_items(w, doc, view ? view : doc);
	add_judgements(w, doc);
	return !w->err;
}

/* Themes: per scope and group, a row per theme raised. */
static void add_themes(book *w, const osc_summary *sum)
{
	sheet *s = &w->s[S_THEMES];
	static const struct {
		osc_summary_scope scope;
		const char *name;
	} scopes[] = { { OSC_SCOPE_ALL, "all" }, { OSC_SCOPE_YEAR, "year" },
		       { OSC_SCOPE_AUTHORITY, "authority" } };
	for (size_t k = 0; k < sizeof scopes / sizeof *scopes; k++)
		for (size_t g = 0; g < osc_summary_group_count(sum, scopes[k].scope); g++) {
			const osc_summary_group *gr = osc_summary_group_at(sum, scopes[k].scope, g);
			for (size_t t = 0; t < osc_rules_theme_count(w->rules); t++) {
				const osc_summary_theme *th = &gr->themes[t];
				size_t items = 0;
				for (int p = 0; p < OSC_POLARITY_COUNT; p++)
					items += th->by_polarity[p];
				if (!items || !next_row(w, s))
					continue;
				text(w, s, 0, scopes[k].name, NULL);
				/* a year as a number, to sort and chart by */
				if (scopes[k].scope == OSC_SCOPE_YEAR && gr->key && atoi(gr->key) > 0)
					number(w, s, 1, atoi(gr->key));
				else
					text(w, s, 1, gr->key, NULL);
				text(w, s, 2, osc_rules_theme_id(w->rules, t), NULL);
				text(w, s, 3, osc_rules_theme_label(w->rules, t), NULL);
				double docs = (double)gr->documents;
				number(w, s, 4, (double)th->documents);
				number(w, s, 5, docs);
				keep_err(w, worksheet_write_number(s->ws, s->row, 6,
								   docs ? th->documents / docs : 0, w->share));
				number(w, s, 7, (double)th->concern_documents);
				keep_err(w, worksheet_write_number(s->ws, s->row, 8,
								   docs ? th->concern_documents / docs : 0,
								   w->share));
				number(w, s, 9, (double)items);
				number(w, s, 10, (double)th->by_polarity[OSC_POLARITY_STRENGTH]);
				number(w, s, 11, (double)th->by_polarity[OSC_POLARITY_CONCERN]);
				number(w, s, 12, (double)th->by_polarity[OSC_POLARITY_MIXED]);
				number(w, s, 13, (double)th->by_polarity[OSC_POLARITY_NEUTRAL]);
				s->row++;
			}
		}
}

bool book_close(book *w, const osc_summary *sum)
{
	if (!w)
		return true;
	if (sum)
		add_themes(w, sum);
	for (int k = 0; k < N_SHEETS; k++) {
		sheet *s = &w->s[k];
		keep_err(w, worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1,
						 (lxw_col_t)(s->cols - 1)));
	}
	if (w->full)
		msg(w->path, "%s", "a sheet reached Excel's 1,048,576 rows: the rows after it are "
				   "not in the workbook");
	lxw_error e = workbook_close(w->wb);
	keep_err(w, e);
	bool ok = !w->err && !w->full;
	if (w->err) {
		msg(w->path, "%s", lxw_strerror(w->err));
		remove(w->path);
	}
	free(w);
	return ok;
}
