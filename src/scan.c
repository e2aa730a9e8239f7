/*
 * scan.c - the pipeline for one document: decode, read (per format), split,
 * metadata, classify.  Owns osc_scanner and osc_doc.
 */
#include "classify.h"
#include "model.h"
#include "decode.h"
#include "meta.h"
#include "history.h"
#include "split.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

struct osc_scanner {
	const osc_rules *rules;
	const osc_allocator *a;
	osc_classifier *cls;
	osc_buf decoded;  /* reused across documents */
	osc_buf scratch;
};

struct osc_doc {
	osc_arena arena;
	const osc_rules *rules;
	const char *source;
	osc_format format;
	osc_kind kind;
	osc_meta meta;
	const char *headline;
	osc_item *items[OSC_SECTION_COUNT];
	size_t n_items[OSC_SECTION_COUNT];
	const char **warnings;
	size_t n_warnings;
	osc_theme_tally *tally; /* per theme of the rules */
	const osc_history *history; /* osc_doc_with_previous */
	bool history_asked;
};

/* Count each theme's items by polarity, once, for every renderer and the
 * summary (osc_doc_theme_tally). */
static osc_status count_tally(osc_doc *doc)
{
	size_t nt = osc_rules_theme_count(doc->rules);
	doc->tally = osc_arena_alloc(&doc->arena, (nt ? nt : 1) * sizeof *doc->tally);
	if (!doc->tally)
		return OSC_ENOMEM;
	memset(doc->tally, 0, (nt ? nt : 1) * sizeof *doc->tally);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
		for (size_t i = 0; i < doc->n_items[sec]; i++) {
			const osc_item *it = &doc->items[sec][i];
			for (size_t k = 0; k < it->n_themes; k++) {
				size_t t = (size_t)it->themes[k].theme;
				if (t < nt) {
					doc->tally[t].items++;
					doc->tally[t].by_polarity[it->polarity]++;
				}
			}
		}
	return OSC_OK;
}

osc_scanner *osc_scanner_new(const osc_rules *rules, const osc_allocator *a,
			     osc_error *err)
{
	if (!rules) {
		osc_set_error(err, OSC_EINVAL, 0, "no rules");
		return NULL;
	}
	a = osc_alloc_or_default(a);
	osc_scanner *s = osc_malloc(a, sizeof *s);
	if (!s) {
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	s->rules = rules;
	s->a = a;
	osc_buf_init(&s->decoded, a);
	osc_buf_init(&s->scratch, a);
	s->cls = osc_classifier_new(rules, a);
	if (!s->cls) {
		osc_scanner_free(s);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	return s;
}

void osc_scanner_set_explain(osc_scanner *s, bool on)
{
	if (s)
		osc_classifier_set_explain(s->cls, on);
}

osc_status osc_scanner_set_model(osc_scanner *s, const osc_model *model)
{
	if (!s || (model && model->rules != s->rules))
		return OSC_EINVAL;
	return osc_classifier_set_model(s->cls, model) ? OSC_OK : OSC_ENOMEM;
}

void osc_scanner_free(osc_scanner *s)
{
	if (!s)
		return;
	osc_classifier_free(s->cls);
	osc_buf_free(&s->decoded);
	osc_buf_free(&s->scratch);
	osc_free(s->a, s);
}

void osc_doc_free(osc_doc *doc)
{
	if (!doc)
		return;
	osc_arena ar = doc->arena; /* the doc lives in its own arena */
	osc_arena_free(&ar);
}

/* Text formats are decoded to UTF-8 first; PDF and HTML readers take the
 * raw bytes (they know their own encodings). */
typedef osc_status (*osc_raw_reader_fn)(const char *data, size_t len,
					osc_blocks *out, osc_buf *scratch,
					osc_error *err);

static osc_status pick_reader(osc_format f, osc_reader_fn *fn,
			      osc_raw_reader_fn *raw, osc_error *err)
{
	*fn = NULL, *raw = NULL;
	switch (f) {
	case OSC_FORMAT_TEXT: *fn = osc_read_text; return OSC_OK;
	case OSC_FORMAT_MARKDOWN: *fn = osc_read_markdown; return OSC_OK;
	case OSC_FORMAT_HTML: *raw = osc_read_html; return OSC_OK;
	case OSC_FORMAT_PDF: *raw = osc_read_pdf; return OSC_OK;
	case OSC_FORMAT_AUTO: break;
	}
	return osc_set_error(err, OSC_EINVAL, 0, "unknown input format");
}

/* Binary data that is not a document we read: many control bytes. */
static bool looks_binary(const char *d, size_t n)
{
	size_t m = n < 8192 ? n : 8192, ctl = 0;
	for (size_t i = 0; i < m; i++) {
		unsigned char c = (unsigned char)d[i];
		ctl += (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7F;
	}
	return m && ctl * 10 > m;
}

/* The single inspection framework's reports (to 2017) judge adoption. */
static bool judged_on_adoption(const osc_meta *m)
{
	for (size_t i = 0; i < m->n_judgements; i++)
		if (m->judgements[i].area == OSC_AREA_ADOPTION)
			return true;
	return false;
}

/* own: data is the document's (osc_scan_take), to be read in place. */
static osc_status build(osc_scanner *s, osc_doc *doc, const char *data,
			size_t len, char *own, osc_format format, osc_error *err)
{
	osc_arena *ar = &doc->arena;
	osc_blocks bl = { ar, NULL, 0, 0, NULL, 0, 0, NULL };
	osc_split sp;
	memset(&sp, 0, sizeof sp);
	osc_status st;

	if (format == OSC_FORMAT_AUTO)
		format = osc_detect_format(data, len);
	doc->format = format;
	osc_reader_fn reader;
	osc_raw_reader_fn raw_reader;
	if ((st = pick_reader(format, &reader, &raw_reader, err)))
		return st;

	if (raw_reader) {
		st = raw_reader(data, len, &bl, &s->scratch, err);
		osc_arena_release(ar, own); /* the blocks are copies */
		if (st)
			goto out;
	} else {
		const char *note, *text;
		size_t text_len;
		if ((st = osc_decode_view(data, len, &s->decoded, &text, &text_len, &note)))
			return osc_set_error(err, st, 0, "out of memory decoding the input");
		if (text_len == 0 || osc_lspace(text, text_len) == text_len)
			return osc_set_error(err, OSC_EFORMAT, 0, "empty input: no text to read");
		if (note && looks_binary(data, len))
			return osc_set_error(err, OSC_EFORMAT, 0, "binary data, not a text document");
		if (note && (st = osc_blocks_warn(&bl, "%s", note)))
			goto oom;
		if (own && text == s->decoded.data) {
			/* decoded into a copy: the copy is read in place, and
			 * the input is needed no more */
			char *copy = osc_buf_steal(&s->decoded, NULL);
			if (!copy || !osc_arena_adopt(ar, copy))
				goto oom;
			osc_arena_release(ar, own);
			text = bl.rewrite = copy;
		} else if (own) {
			bl.rewrite = own + (text - data); /* after any BOM */
		}
		if ((st = reader(text, text_len, &bl, &s->scratch, err)))
			goto out;
	}
	if (bl.n == 0) {
		st = osc_set_error(err, OSC_EFORMAT, 0, "no text to read");
		goto out;
	}
	if ((st = osc_split_blocks(&bl, &sp, err)))
		goto out;
	doc->kind = sp.kind;
	doc->headline = sp.headline;
	if ((st = osc_extract_meta(&bl, sp.kind, &doc->meta, err)))
		goto out;
	if (sp.note && (st = osc_blocks_warn(&bl, "%s", sp.note)))
		goto oom;
	for (size_t k = 0; k < doc->meta.n_notes; k++)
		if ((st = osc_blocks_warn(&bl, "%s", doc->meta.notes[k])))
			goto oom;

	bool limit_hit = false;
	osc_classifier_begin(s->cls, ar);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		size_t n = sp.n_items[sec];
		if (!n)
			continue;
		doc->items[sec] = osc_arena_alloc(ar, n * sizeof(osc_item));
		if (!doc->items[sec])
			goto oom;
		for (size_t i = 0; i < n; i++) {
			osc_item *it = &doc->items[sec][i];
			it->text = sp.items[sec][i].text;
			it->page = format == OSC_FORMAT_PDF ? sp.items[sec][i].page : 0;
			it->paragraph = sp.items[sec][i].number;
			/* an ILACS report numbers every paragraph of its findings:
			 * one without its number is the rest of the one before,
			 * cut at a page break, and is cited by that one's number
			 * (a SIF report, judged on adoption, opens each area with
			 * unnumbered paragraphs of its own) */
			if (!it->paragraph && i && sp.kind == OSC_KIND_INSPECTION_REPORT &&
			    sec == OSC_SECTION_FINDINGS && !judged_on_adoption(&doc->meta))
				it->paragraph = doc->items[sec][i - 1].paragraph;
			it->index = (unsigned)(i + 1);
			if ((st = osc_classify(s->cls, ar, (osc_section)sec, sp.kind, it->text,
					       sp.items[sec][i].len, it, &limit_hit)))
				goto oom;
		}
		doc->n_items[sec] = n;
	}
	if (limit_hit &&
	    (st = osc_blocks_warn(&bl, "a theme pattern hit the PCRE2 match limit: some items were classified without it")))
		goto oom;
	if (doc->kind != OSC_KIND_NEWS_SUMMARY && !sp.n_items[OSC_SECTION_FINDINGS] &&
	    (st = osc_blocks_warn(&bl, "no findings section found")))
		goto oom;
	if (doc->kind == OSC_KIND_UNKNOWN &&
	    (st = osc_blocks_warn(&bl, "not recognised as an Ofsted letter or report")))
		goto oom;

	if ((st = count_tally(doc)))
		goto oom;
	/* hand the arrays over to the arena-owned document */
	if (bl.n_warnings) {
		doc->warnings = osc_arena_alloc(ar, bl.n_warnings * sizeof *doc->warnings);
		if (!doc->warnings)
			goto oom;
		memcpy(doc->warnings, bl.warnings, bl.n_warnings * sizeof *doc->warnings);
		doc->n_warnings = bl.n_warnings;
	}
	st = OSC_OK;
	goto out;
oom:
	st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
out:
	osc_classifier_begin(s->cls, NULL); /* the arena may go */
	/* metadata arrays were grown with the allocator: copy into the arena */
	if (!st) {
		osc_meta *m = &doc->meta;
		const char **v = NULL, **in = NULL;
		if (m->n_visit_dates && !(v = osc_arena_alloc(ar, m->n_visit_dates * sizeof *v)))
			st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		if (!st && m->n_inspectors && !(in = osc_arena_alloc(ar, m->n_inspectors * sizeof *in)))
			st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		if (!st) {
			if (v)
				memcpy(v, m->visit_dates, m->n_visit_dates * sizeof *v);
			if (in)
				memcpy(in, m->inspectors, m->n_inspectors * sizeof *in);
		}
		osc_free(s->a, m->visit_dates);
		osc_free(s->a, m->inspectors);
		m->visit_dates = v;
		m->inspectors = in;
	} else {
		osc_free(s->a, doc->meta.visit_dates);
		osc_free(s->a, doc->meta.inspectors);
		doc->meta.visit_dates = doc->meta.inspectors = NULL;
	}
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
		osc_free(s->a, sp.items[sec]);
	osc_free(s->a, bl.v);
	osc_free(s->a, bl.warnings);
	return st;
}

static osc_doc *scan(osc_scanner *s, const char *data, size_t len, char *own,
		     const char *source, osc_format format, osc_error *err)
{
	osc_arena ar;
	osc_arena_init(&ar, s->a);
	osc_doc *doc = osc_arena_alloc(&ar, sizeof *doc);
	if (!doc) {
		osc_arena_free(&ar);
		osc_free(s->a, own);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	memset(doc, 0, sizeof *doc);
	doc->rules = s->rules;
	doc->arena = ar;
	/* the bytes are the document's from here (adopt frees them when it
	 * fails) */
	if ((own && !osc_arena_adopt(&doc->arena, own)) ||
	    !(doc->source = osc_arena_strdup(&doc->arena, source ? source : "-"))) {
		osc_doc_free(doc);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	osc_status st = build(s, doc, data, len, own, format, err);
	if (st) {
		osc_doc_free(doc);
		return NULL;
	}
	return doc;
}

osc_doc *osc_scan(osc_scanner *s, const char *data, size_t len,
		  const char *source, osc_format format, osc_error *err)
{
	if (!s || (!data && len)) {
		osc_set_error(err, OSC_EINVAL, 0, "bad arguments");
		return NULL;
	}
	return scan(s, data ? data : "", len, NULL, source, format, err);
}

osc_doc *osc_scan_take(osc_scanner *s, char *data, size_t len, const char *source,
		       osc_format format, osc_error *err)
{
	if (!s || !data) {
		osc_set_error(err, OSC_EINVAL, 0, "bad arguments");
		return NULL;
	}
	return scan(s, data, len, data, source, format, err);
}

/* ---- accessors --------------------------------------------------------- */

size_t osc_item_where(const osc_item *it, char *out, size_t cap)
{
	int n;
	if (it->paragraph && it->page)
		n = snprintf(out, cap, "paragraph %u, page %u", it->paragraph, it->page);
	else if (it->paragraph)
		n = snprintf(out, cap, "paragraph %u", it->paragraph);
	else if (it->page)
		n = snprintf(out, cap, "page %u", it->page);
	else
		n = cap ? snprintf(out, cap, "%s", "") : 0;
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}

const char *osc_doc_source(const osc_doc *d) { return d->source; }
osc_format osc_doc_format(const osc_doc *d) { return d->format; }
osc_kind osc_doc_kind(const osc_doc *d) { return d->kind; }
const char *osc_doc_authority(const osc_doc *d) { return d->meta.authority; }
const char *osc_doc_date(const osc_doc *d) { return d->meta.date; }
const char *osc_doc_authority_key(const osc_doc *d) { return d->meta.authority_key; }

const char *osc_doc_dated(const osc_doc *d)
{
	if (d->meta.date)
		return d->meta.date;
	return d->meta.n_visit_dates ? d->meta.visit_dates[0] : NULL;
}

const osc_theme_tally *osc_doc_theme_tally(const osc_doc *d, size_t t)
{
	return d && t < osc_rules_theme_count(d->rules) ? &d->tally[t] : NULL;
}
size_t osc_doc_visit_date_count(const osc_doc *d) { return d->meta.n_visit_dates; }
size_t osc_doc_inspector_count(const osc_doc *d) { return d->meta.n_inspectors; }
const char *osc_doc_focus(const osc_doc *d) { return d->meta.focus; }
size_t osc_doc_judgement_count(const osc_doc *d) { return d->meta.n_judgements; }

const osc_judgement *osc_doc_judgement(const osc_doc *d, size_t i)
{
	return i < d->meta.n_judgements ? &d->meta.judgements[i] : NULL;
}
const char *osc_doc_headline(const osc_doc *d) { return d->headline; }
size_t osc_doc_warning_count(const osc_doc *d) { return d->n_warnings; }
const osc_rules *osc_doc_rules(const osc_doc *d) { return d->rules; }

const char *osc_doc_visit_date(const osc_doc *d, size_t i)
{
	return i < d->meta.n_visit_dates ? d->meta.visit_dates[i] : NULL;
}

const char *osc_doc_inspector(const osc_doc *d, size_t i)
{
	return i < d->meta.n_inspectors ? d->meta.inspectors[i] : NULL;
}

size_t osc_doc_item_count(const osc_doc *d, osc_section sec)
{
	return (unsigned)sec < OSC_SECTION_COUNT ? d->n_items[sec] : 0;
}

const osc_item *osc_doc_item(const osc_doc *d, osc_section sec, size_t i)
{
	if ((unsigned)sec >= OSC_SECTION_COUNT || i >= d->n_items[sec])
		return NULL;
	return &d->items[sec][i];
}

const char *osc_doc_warning(const osc_doc *d, size_t i)
{
	return i < d->n_warnings ? d->warnings[i] : NULL;
}

osc_doc *osc_doc_filter(const osc_doc *doc, osc_item_pred keep, void *ctx,
			osc_error *err)
{
	if (!doc || !keep) {
		osc_set_error(err, OSC_EINVAL, 0, "bad arguments");
		return NULL;
	}
	osc_arena ar;
	osc_arena_init(&ar, doc->arena.a);
	osc_doc *sel = osc_arena_alloc(&ar, sizeof *sel);
	if (!sel)
		goto oom;
	*sel = *doc; /* the same metadata and strings, borrowed */
	sel->arena = ar;
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++) {
		sel->n_items[sec] = 0;
		sel->items[sec] = doc->n_items[sec]
			? osc_arena_alloc(&sel->arena, doc->n_items[sec] * sizeof(osc_item))
			: NULL;
		if (doc->n_items[sec] && !sel->items[sec])
			goto oom;
		for (size_t i = 0; i < doc->n_items[sec]; i++) {
			const osc_item *it = &doc->items[sec][i];
			if (keep(it, (osc_section)sec, i, ctx))
				sel->items[sec][sel->n_items[sec]++] = *it;
		}
	}
	if (count_tally(sel))
		goto oom;
	return sel;
oom:
	ar = sel ? sel->arena : ar;
	osc_arena_free(&ar);
	osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
	return NULL;
}

typedef struct theme_set {
	const int *themes;
	size_t n;
} theme_set;

static bool has_a_theme(const osc_item *it, osc_section sec, size_t i, void *ctx)
{
	(void)sec, (void)i;
	const theme_set *ts = ctx;
	for (size_t k = 0; k < it->n_themes; k++)
		for (size_t j = 0; j < ts->n; j++)
			if (it->themes[k].theme == ts->themes[j])
				return true;
	return false;
}

osc_doc *osc_doc_select(const osc_doc *doc, const int *themes, size_t n,
			osc_error *err)
{
	if (!doc || (!themes && n)) {
		osc_set_error(err, OSC_EINVAL, 0, "bad arguments");
		return NULL;
	}
	theme_set ts = { themes, n };
	return osc_doc_filter(doc, has_a_theme, &ts, err);
}

/* ---- a document against its predecessor ---------------------------------- */

const osc_allocator *osc_doc_allocator(const osc_doc *d)
{
	return d->arena.a;
}

osc_doc *osc_doc_with_previous(const osc_doc *doc, const osc_digest *prev, osc_error *err)
{
	if (!doc) {
		osc_set_error(err, OSC_EINVAL, 0, "bad arguments");
		return NULL;
	}
	osc_arena ar;
	osc_arena_init(&ar, doc->arena.a);
	osc_doc *d = osc_arena_alloc(&ar, sizeof *d);
	if (!d) {
		osc_arena_free(&ar);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	*d = *doc; /* metadata, items and tally borrowed */
	d->arena = ar;
	d->history_asked = true;
	osc_history *h = NULL;
	if (osc_history_build(&d->arena, doc, prev, &h) != OSC_OK) {
		osc_doc_free(d);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	d->history = h;
	return d;
}

const osc_history *osc_doc_history(const osc_doc *d) { return d ? d->history : NULL; }
bool osc_doc_history_asked(const osc_doc *d) { return d && d->history_asked; }
