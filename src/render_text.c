/*
 * render_text.c - the summary a person reads in a terminal: header, headline,
 * improvement points, findings grouped by theme with polarity markers, and a
 * table of theme counts.  Colour (ANSI) only when the caller asks.
 */
#include "writers.h"
#include "text.h"

#include <string.h>

#define WIDTH 88

typedef struct tw {
	osc_buf b;
	bool colour;
	bool brief;   /* a finding's first sentence, the headline's first paragraph */
} tw;

static void sgr(tw *w, const char *code)
{
	if (w->colour)
		osc_buf_printf(&w->b, "\x1b[%sm", code);
}

/* Append `s` (n bytes) word-wrapped at WIDTH, every line indented. */
static void wrap(tw *w, const char *s, size_t n, unsigned indent,
		 unsigned first_used)
{
	size_t col = first_used;
	size_t i = 0;
	bool first_word = true;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\n'))
			i++;
		size_t st = i;
		while (i < n && s[i] != ' ' && s[i] != '\n')
			i++;
		if (st == i)
			break;
		size_t wl = osc_utf8_len(s + st, i - st);
		if (!first_word && col + 1 + wl > WIDTH) {
			osc_buf_addc(&w->b, '\n');
			for (unsigned k = 0; k < indent; k++)
				osc_buf_addc(&w->b, ' ');
			col = indent;
		} else if (!first_word) {
			osc_buf_addc(&w->b, ' ');
			col++;
		}
		osc_buf_add(&w->b, s + st, i - st);
		col += wl;
		first_word = false;
	}
	osc_buf_addc(&w->b, '\n');
}

static void field(tw *w, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	osc_buf_printf(&w->b, "  %-11s", label);
	wrap(w, value, strlen(value), 13, 13);
}

static void heading(tw *w, const char *title, size_t count)
{
	osc_buf_addc(&w->b, '\n');
	sgr(w, "1");
	if (count == (size_t)-1)
		osc_buf_adds(&w->b, title);
	else
		osc_buf_printf(&w->b, "%s (%zu)", title, count);
	sgr(w, "0");
	osc_buf_addc(&w->b, '\n');
}

static const char *marker(osc_polarity p)
{
	switch (p) {
	case OSC_POLARITY_STRENGTH: return "+";
	case OSC_POLARITY_CONCERN: return "-";
	case OSC_POLARITY_MIXED: return "~";
	default: return ".";
	}
}

static const char *marker_colour(osc_polarity p)
{
	switch (p) {
	case OSC_POLARITY_STRENGTH: return "32";
	case OSC_POLARITY_CONCERN: return "31";
	case OSC_POLARITY_MIXED: return "33";
	default: return "2";
	}
}

/* The first sentence of an item, or its first 200 bytes at a word. */
static size_t lead_len(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if ((s[i] == '.' || s[i] == '?') && s[i + 1] == ' ' && i > 20)
			return i + 1;
	return n;
}

/* " u:staff +0.52, rs:workforce +0.40" */
static void feature_list(osc_buf *t, const osc_feature_weight *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		osc_buf_printf(t, "%s %s %+.3f", i ? "," : "", f[i].feature, f[i].contribution);
	if (!n)
		osc_buf_adds(t, " none");
}

/* --explain: the themes' scores and verdicts, the matches that counted, and
 * the polarity cues with the per-sentence tally. */
static void explain_block(tw *w, const osc_rules *r, const osc_explain *ex)
{
	osc_buf t;
	osc_buf_init(&t, w->b.a);
	osc_buf_printf(&t, "themes (threshold %g, relative %g):", ex->threshold, ex->relative);
	if (!ex->n_scores)
		osc_buf_adds(&t, " none matched");
	for (size_t i = 0; i < ex->n_scores; i++) {
		const osc_theme_score *sc = &ex->scores[i];
		osc_buf_printf(&t, "%s %s %.2f", i ? ";" : "",
			       osc_rules_theme_id(r, (size_t)sc->theme), sc->score);
		if (sc->probability >= 0)
			osc_buf_printf(&t, " p %.3f (cut %.3f)", sc->probability, sc->cut);
		osc_buf_printf(&t, " %s", osc_verdict_name(sc->verdict));
	}
	osc_buf_adds(&w->b, "      ");
	wrap(w, t.data ? t.data : "", t.len, 8, 6);
	for (size_t i = 0; i < ex->n_scores; i++) {
		const osc_theme_score *sc = &ex->scores[i];
		if (sc->probability < 0)
			continue;
		osc_buf_clear(&t);
		osc_buf_printf(&t, "model: %s p %.3f, weighed most:",
			       osc_rules_theme_id(r, (size_t)sc->theme), sc->probability);
		feature_list(&t, sc->features, sc->n_features);
		osc_buf_adds(&w->b, "      ");
		wrap(w, t.data, t.len, 8, 6);
	}
	for (size_t i = 0; i < ex->n_matches; i++) {
		const osc_match *m = &ex->matches[i];
		/* a match inside a longer one, or excluded, did not count */
		if (m->flags & OSC_MATCH_FLAG_SUPPRESSED)
			continue;
		osc_buf_clear(&t);
		osc_buf_printf(&t, "\"%s\" %s", m->text, osc_match_kind_name(m->kind));
		if (m->theme >= 0)
			osc_buf_printf(&t, " %s", osc_rules_theme_id(r, (size_t)m->theme));
		if (m->kind == OSC_MATCH_KIND_THEME && !(m->flags & OSC_MATCH_FLAG_SUPPRESSED))
			osc_buf_printf(&t, " +%.2f", m->counted);
		else if (m->kind == OSC_MATCH_KIND_STRENGTH || m->kind == OSC_MATCH_KIND_CONCERN)
			osc_buf_printf(&t, " %g", m->weight);
		osc_buf_printf(&t, " (sentence %u; %s:%u \"%s\" weight %g)", m->sentence + 1,
			       m->file ? m->file : "", m->line, m->rule, m->weight);
		if (m->flags & OSC_MATCH_FLAG_NEGATED)
			osc_buf_adds(&t, " negated");
		osc_buf_adds(&w->b, "      - ");
		wrap(w, t.data, t.len, 10, 8);
	}
	osc_buf_clear(&t);
	osc_buf_printf(&t, "polarity: %u sentences: %u lean strength, %u concern, %u both "
		       "(mixed-ratio %g, pivot %g): %s",
		       ex->sentences, ex->strength_sentences, ex->concern_sentences,
		       ex->both_sentences, ex->mixed_ratio, ex->pivot, ex->polarity_rule);
	osc_buf_adds(&w->b, "      ");
	wrap(w, t.data, t.len, 8, 6);
	if (ex->model) {
		osc_buf_clear(&t);
		osc_buf_adds(&t, "model polarity:");
		for (int p = 0; p < OSC_POLARITY_COUNT; p++)
			osc_buf_printf(&t, "%s %s %.3f", p ? "," : "", osc_polarity_name((osc_polarity)p),
				       ex->polarity_probability[p]);
		osc_buf_printf(&t, " (the rules: %s); weighed most:",
			       osc_polarity_name(ex->rules_polarity));
		feature_list(&t, ex->polarity_features, ex->n_polarity_features);
		osc_buf_adds(&w->b, "      ");
		wrap(w, t.data, t.len, 8, 6);
	}
	if (t.failed)
		w->b.failed = true;
	osc_buf_free(&t);
}

static void item_line(tw *w, const osc_doc *doc, const osc_item *it,
		      bool full, int skip_theme)
{
	const osc_rules *r = osc_doc_rules(doc);
	osc_buf_adds(&w->b, "  ");
	sgr(w, marker_colour(it->polarity));
	osc_buf_adds(&w->b, marker(it->polarity));
	sgr(w, "0");
	osc_buf_addc(&w->b, ' ');
	size_t n = strlen(it->text);
	size_t show = full || !w->brief || it->explain ? n : lead_len(it->text, n);
	osc_buf tmp;
	osc_buf_init(&tmp, w->b.a);
	osc_buf_add(&tmp, it->text, show);
	if (show < n)
		osc_buf_adds(&tmp, " \xE2\x80\xA6");
	bool any = false;
	for (size_t t = 0; t < it->n_themes; t++) {
		if (it->themes[t].theme == skip_theme)
			continue;
		osc_buf_adds(&tmp, any ? ", " : (skip_theme >= 0 ? " [also: " : " ["));
		osc_buf_adds(&tmp, osc_rules_theme_id(r, (size_t)it->themes[t].theme));
		any = true;
	}
	if (any)
		osc_buf_addc(&tmp, ']');
	if (tmp.failed)
		w->b.failed = true;
	else
		wrap(w, tmp.data, tmp.len, 4, 4);
	osc_buf_free(&tmp);
	if (it->explain)
		explain_block(w, r, it->explain);
}

static void join_list(osc_buf *b, const osc_doc *doc, bool inspectors)
{
	size_t n = inspectors ? osc_doc_inspector_count(doc) : osc_doc_visit_date_count(doc);
	for (size_t i = 0; i < n; i++) {
		if (i)
			osc_buf_adds(b, ", ");
		osc_buf_adds(b, inspectors ? osc_doc_inspector(doc, i) : osc_doc_visit_date(doc, i));
	}
}

/* A file name can hold anything: no control characters (escape sequences)
 * reach the terminal. */
static void source_name(tw *w, const osc_doc *doc)
{
	for (const char *c = osc_doc_source(doc); *c; c++) {
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			osc_buf_printf(&w->b, "\\x%02x", (unsigned char)*c);
		else
			osc_buf_addc(&w->b, *c);
	}
}

/* OSC_RENDER_LIST (--grep): every item with where to find it, "source:
 * findings 3, paragraph 12, page 4 (concern; health)", then its text. */
static void render_list(tw *w, const osc_doc *doc)
{
	const osc_rules *r = osc_doc_rules(doc);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
		for (size_t i = 0; i < osc_doc_item_count(doc, (osc_section)sec); i++) {
			const osc_item *it = osc_doc_item(doc, (osc_section)sec, i);
			sgr(w, "1");
			source_name(w, doc);
			sgr(w, "0");
			char where[48];
			osc_buf_printf(&w->b, ": %s %u", osc_section_name((osc_section)sec), it->index);
			if (osc_item_where(it, where, sizeof where))
				osc_buf_printf(&w->b, ", %s", where);
			osc_buf_adds(&w->b, " (");
			sgr(w, marker_colour(it->polarity));
			osc_buf_adds(&w->b, osc_polarity_name(it->polarity));
			sgr(w, "0");
			for (size_t t = 0; t < it->n_themes; t++)
				osc_buf_printf(&w->b, "%s%s", t ? ", " : "; ",
					       osc_rules_theme_id(r, (size_t)it->themes[t].theme));
			osc_buf_adds(&w->b, ")\n    ");
			wrap(w, it->text, strlen(it->text), 4, 4);
		}
}

/* --history: "Since the previous visit (date)", short: the document,
 * judgement
 * changes, recurring improvement points, concerns new and not raised
 * again, and the themes whose concerns changed. */
static void since_previous(tw *w, const osc_doc *doc)
{
	const osc_history *h = osc_doc_history(doc);
	const osc_rules *r = osc_doc_rules(doc);
	osc_buf t;
	osc_buf_init(&t, w->b.a);
	osc_buf_printf(&t, "Since the previous visit (%s)", !h ? "none" : h->date ? h->date : "undated");
	heading(w, t.data ? t.data : "Since the previous visit", (size_t)-1);
	osc_buf_clear(&t);
	if (!h) {
		osc_buf_adds(&w->b, "  no earlier document of this authority among the inputs\n");
		osc_buf_free(&t);
		return;
	}
	osc_buf_printf(&t, "%s, %s: %s", h->date ? h->date : "undated", osc_kind_name(h->kind),
		       h->source);
	field(w, "Previous", t.data);
	for (size_t i = 0; i < h->n_judgements; i++) {
		const osc_judgement_change *c = &h->judgements[i];
		osc_buf_clear(&t);
		osc_buf_printf(&t, "%s: %s -> %s", osc_area_label(c->area),
			       c->before >= 0 ? osc_grade_label((osc_grade)c->before) : "not judged",
			       c->after >= 0 ? osc_grade_label((osc_grade)c->after) : "not judged");
		field(w, i ? "" : "Judgements", t.data);
	}
	size_t np = osc_doc_item_count(doc, OSC_SECTION_IMPROVEMENTS) +
		    osc_doc_item_count(doc, OSC_SECTION_PRIORITY_ACTIONS);
	osc_buf_clear(&t);
	if (np)
		osc_buf_printf(&t, "%zu of %zu improvement points", h->n_recurring, np);
	else
		osc_buf_adds(&t, "no improvement points in this document");
	field(w, "Recurring", t.data);
	for (size_t i = 0; i < h->n_recurring; i++) {
		const osc_recurring *c = &h->recurring[i];
		osc_buf_clear(&t);
		osc_buf_printf(&t, "%s (%s)", c->text,
			       c->before && c->said ? "like an earlier point, and says so"
			       : c->before ? "like an earlier point" : "says it was raised before");
		osc_buf_adds(&w->b, "    ~ ");
		wrap(w, t.data, t.len, 6, 6);
	}
	for (int k = 0; k < 2; k++) {
		const int *v = k ? h->dropped_concerns : h->new_concerns;
		size_t n = k ? h->n_dropped_concerns : h->n_new_concerns;
		osc_buf_clear(&t);
		for (size_t i = 0; i < n; i++)
			osc_buf_printf(&t, "%s%s", i ? ", " : "", osc_rules_theme_id(r, (size_t)v[i]));
		field(w, k ? "Not again" : "Raised now", n ? t.data : "none");
	}
	osc_buf_clear(&t);
	for (size_t i = 0; i < h->n_themes; i++) {
		const osc_theme_change *c = &h->themes[i];
		if (c->concerns_before != c->concerns_after)
			osc_buf_printf(&t, "%s%s %zu -> %zu", t.len ? ", " : "",
				       osc_rules_theme_id(r, (size_t)c->theme), c->concerns_before,
				       c->concerns_after);
	}
	field(w, "Concerns", t.len ? t.data : "the same in every theme");
	if (t.failed)
		w->b.failed = true;
	osc_buf_free(&t);
}

static void judgements(tw *w, const osc_doc *doc)
{
	heading(w, "Judgements", (size_t)-1);
	for (size_t i = 0; i < osc_doc_judgement_count(doc); i++) {
		const osc_judgement *j = osc_doc_judgement(doc, i);
		osc_buf_printf(&w->b, "  %-34s %s\n", osc_area_label(j->area),
			       osc_grade_label(j->grade));
	}
}

/* The summary of doc into w->b. */
static void render(tw *w, const osc_doc *doc, unsigned flags)
{
	if (flags & OSC_RENDER_LIST) {
		render_list(w, doc);
		return;
	}
	const osc_rules *r = osc_doc_rules(doc);
	size_t nt = osc_rules_theme_count(r);

	sgr(w, "1");
	source_name(w, doc);
	sgr(w, "0");
	osc_buf_addc(&w->b, '\n');
	field(w, "Kind", osc_kind_name(osc_doc_kind(doc)));
	field(w, "Authority", osc_doc_authority(doc));
	field(w, "Date", osc_doc_date(doc));
	osc_buf list;
	osc_buf_init(&list, w->b.a);
	join_list(&list, doc, false);
	field(w, "Visit", list.data);
	osc_buf_clear(&list);
	join_list(&list, doc, true);
	field(w, "Inspectors", list.data);
	if (list.failed)
		w->b.failed = true;
	osc_buf_free(&list);
	field(w, "Focus", osc_doc_focus(doc));
	if (osc_doc_judgement_count(doc))
		judgements(w, doc);

	const char *hl = osc_doc_headline(doc);
	if (hl) {
		heading(w, "Headline", (size_t)-1);
		/* its paragraphs (joined by a blank line), or the first alone */
		for (const char *p = hl; *p;) {
			const char *brk = strstr(p, "\n\n");
			size_t n = brk ? (size_t)(brk - p) : strlen(p);
			if (p != hl)
				osc_buf_addc(&w->b, '\n');
			osc_buf_adds(&w->b, "  ");
			wrap(w, p, n, 2, 2);
			if (!brk || w->brief)
				break;
			p = brk + 2;
		}
	}
	if (osc_doc_history_asked(doc))
		since_previous(w, doc);
	static const char *const titles[] = { "What needs to improve", "Areas for priority action" };
	for (int sec = OSC_SECTION_IMPROVEMENTS; sec <= OSC_SECTION_PRIORITY_ACTIONS; sec++) {
		size_t n = osc_doc_item_count(doc, (osc_section)sec);
		if (!n)
			continue;
		heading(w, titles[sec], n);
		for (size_t i = 0; i < n; i++)
			item_line(w, doc, osc_doc_item(doc, (osc_section)sec, i), true, -1);
	}

	/* findings grouped by their main theme, taxonomy order, then the rest */
	size_t nf = osc_doc_item_count(doc, OSC_SECTION_FINDINGS);
	heading(w, "Findings by theme", nf);
	for (size_t t = 0; t <= nt; t++) {
		bool shown = false;
		for (size_t i = 0; i < nf; i++) {
			const osc_item *it = osc_doc_item(doc, OSC_SECTION_FINDINGS, i);
			if (!osc_in_group(it, t, nt))
				continue;
			if (!shown) {
				osc_buf_adds(&w->b, " ");
				sgr(w, "4");
				osc_buf_adds(&w->b, t < nt ? osc_rules_theme_label(r, t) : "Other");
				sgr(w, "0");
				osc_buf_addc(&w->b, '\n');
				shown = true;
			}
			item_line(w, doc, it, false, it->n_themes ? it->themes[0].theme : -1);
		}
	}

	heading(w, "Themes", (size_t)-1);
	osc_buf_printf(&w->b, "  %-40s %5s %5s %5s %5s %5s\n", "theme", "items", "+", "-", "~", ".");
	for (size_t t = 0; t < nt; t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		if (!tl->items)
			continue;
		const char *label = osc_rules_theme_label(r, t);
		size_t pad = osc_utf8_len(label, strlen(label));
		const size_t *c = tl->by_polarity;
		osc_buf_printf(&w->b, "  %s%*s %5zu %5zu %5zu %5zu %5zu\n", label,
			       pad < 40 ? (int)(40 - pad) : 0, "", tl->items,
			       c[OSC_POLARITY_STRENGTH], c[OSC_POLARITY_CONCERN],
			       c[OSC_POLARITY_MIXED], c[OSC_POLARITY_NEUTRAL]);
	}
	for (size_t i = 0; i < osc_doc_warning_count(doc); i++) {
		if (i == 0)
			osc_buf_addc(&w->b, '\n');
		const char *wn = osc_doc_warning(doc, i);
		osc_buf_adds(&w->b, "  warning: ");
		wrap(w, wn, strlen(wn), 4, 11);
	}
}

osc_status osc_render_text(const osc_doc *doc, unsigned flags,
			   const osc_allocator *a, char **out, size_t *len)
{
	if (!doc || !out)
		return OSC_EINVAL;
	tw w = { .colour = (flags & OSC_RENDER_COLOUR) != 0,
		 .brief = (flags & OSC_RENDER_BRIEF) != 0 };
	osc_buf_init(&w.b, a);
	render(&w, doc, flags);
	if (!w.b.failed && !w.b.data)
		osc_buf_adds(&w.b, ""); /* nothing to list: an empty string */
	*out = osc_buf_steal(&w.b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}

osc_status osc_render_text_to(const osc_doc *doc, unsigned flags,
			      const osc_allocator *a, const osc_writer *out)
{
	if (!doc || !out || !out->write)
		return OSC_EINVAL;
	tw w = { .colour = (flags & OSC_RENDER_COLOUR) != 0,
		 .brief = (flags & OSC_RENDER_BRIEF) != 0 };
	osc_buf_init(&w.b, a);
	if (osc_buf_set_sink(&w.b, out))
		render(&w, doc, flags);
	return osc_buf_finish_sink(&w.b);
}
