/*
 * render_html.c - the report to send round: one self-contained HTML page
 * (inline CSS and SVG charts, no script, no web font, nothing fetched) for
 * a document, several, or a summary of many.
 *
 * It renders what the library gives and computes nothing of its own: a
 * document's items, tallies and history; a summary's groups and the
 * digests it kept.  The page is HTML5 written as well-formed XML (every
 * element closed, every attribute quoted, character references only), so
 * `xmllint` can check it; every piece of a document's text is escaped
 * (osc_html_text).  Polarity is said in words and a sign, never by colour
 * alone; charts are described in text (render_charts.c).
 */
#include "charts.h"
#include "history.h"
#include "summary.h"
#include "writers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char css[] =
	":root{--s:#0072B2;--c:#D55E00;--m:#E69F00;--n:#999;--ink:#1b1b1b;--muted:#555}"
	"*{box-sizing:border-box}"
	"body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
	"color:var(--ink);background:#fff}"
	"main{max-width:62rem;margin:0 auto;padding:1.5rem}"
	"h1{font-size:1.8rem;margin:.2rem 0 .6rem}h2{font-size:1.4rem;margin:2rem 0 .6rem;"
	"border-bottom:2px solid #ddd;padding-bottom:.2rem}"
	"h3{font-size:1.15rem;margin:1.4rem 0 .4rem}h4{font-size:1rem;margin:1rem 0 .3rem}"
	".lede{font-size:1.05rem;color:var(--muted)}"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}"
	"dl.meta dt{font-weight:600}dl.meta dd{margin:0}"
	"ul.badges{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}"
	".badge{border:2px solid;border-radius:.4rem;padding:.15rem .5rem;font-size:.9rem}"
	".badge strong{display:block}"
	".g-outstanding{border-color:#009E73}.g-good{border-color:#56B4E9}"
	".g-requires_improvement{border-color:#E69F00}.g-inadequate{border-color:#D55E00}"
	"ol.items,ul.items{padding-left:0;list-style:none}"
	".item{border-left:.35rem solid var(--n);padding:.3rem .7rem;margin:.5rem 0;background:#fafafa}"
	".item.strength{border-color:var(--s)}.item.concern{border-color:var(--c)}"
	".item.mixed{border-color:var(--m)}"
	".pol{font-weight:700;font-size:.85rem;text-transform:uppercase;letter-spacing:.03em;"
	"margin-right:.4rem}"
	".strength .pol{color:#005a8c}.concern .pol{color:#a34400}.mixed .pol{color:#7a5200}"
	"mark{background:#fff3b0;color:inherit;padding:0 .1rem}"
	".chip{display:inline-block;border:1px solid #888;border-radius:1rem;padding:0 .5rem;"
	"font-size:.8rem;margin:.15rem .25rem 0 0;color:#333}"
	".cite{font-size:.8rem;color:var(--muted);margin-left:.3rem}"
	"svg.chart{width:100%;height:auto;max-width:100%}"
	"svg text{font-family:system-ui,Arial,sans-serif;font-size:12px;fill:#222}"
	"svg text.axis{font-size:10px;fill:#444}svg text.value{font-size:11px;fill:#444}"
	"table{border-collapse:collapse;width:100%;font-size:.9rem}"
	"th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}"
	"th{background:#f2f2f2}td.n{text-align:right}"
	"nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;list-style:none}"
	"a{color:#005a8c}.warn{color:#7a5200}.back{font-size:.85rem}"
	".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
	"@media print{main{max-width:none;padding:0}nav,.back{display:none}"
	"section.doc{break-before:page}h2,h3,h4{break-after:avoid}.item,figure,tr{break-inside:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}}";

static const char *kind_label(osc_kind k)
{
	switch (k) {
	case OSC_KIND_FOCUSED_VISIT: return "Focused visit";
	case OSC_KIND_MONITORING_VISIT: return "Monitoring visit";
	case OSC_KIND_JTAI: return "Joint targeted area inspection";
	case OSC_KIND_INSPECTION_REPORT: return "Inspection report";
	case OSC_KIND_NEWS_SUMMARY: return "News summary";
	default: return "Document";
	}
}

static const char *const pol_words[OSC_POLARITY_COUNT] = {
	[OSC_POLARITY_NEUTRAL] = "\xC2\xB7 Neutral", [OSC_POLARITY_STRENGTH] = "+ Strength",
	[OSC_POLARITY_CONCERN] = "\xE2\x88\x92 Concern", [OSC_POLARITY_MIXED] = "\xC2\xB1 Mixed",
};

/* ---- the page ------------------------------------------------------------ */

static void page_open(osc_buf *b, const char *title)
{
	osc_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
			"<meta name=\"generator\" content=\"ofsted-scan " OSC_VERSION "\"/><title>");
	osc_html_texts(b, title);
	osc_buf_adds(b, "</title><style>");
	osc_buf_adds(b, css);
	osc_buf_adds(b, "</style></head>\n<body><main>\n");
}

static const char page_close[] = "</main></body></html>\n";

static osc_status finish(osc_buf *b, char **out, size_t *len)
{
	if (b->failed) {
		osc_buf_free(b);
		return OSC_ENOMEM;
	}
	if (!b->data)
		osc_buf_adds(b, "");
	*out = osc_buf_steal(b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}

osc_status osc_render_html_open(const char *title, const osc_allocator *a, char **out,
				size_t *len)
{
	if (!out || !len)
		return OSC_EINVAL;
	osc_buf b;
	osc_buf_init(&b, osc_alloc_or_default(a));
	page_open(&b, title ? title : "ofsted-scan report");
	return finish(&b, out, len);
}

const char *osc_html_close(void)
{
	return page_close;
}

/* ---- a document ---------------------------------------------------------- */

/* An element id for a document: "d-" and a hash of its source. */
static void doc_id(char *out, size_t cap, const char *source)
{
	uint32_t h = 2166136261u;
	for (const char *c = source ? source : ""; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	snprintf(out, cap, "d-%08x", (unsigned)h);
}

static void meta_row(osc_buf *b, const char *dt, const char *dd)
{
	if (!dd || !*dd)
		return;
	osc_buf_adds(b, "<dt>");
	osc_buf_adds(b, dt);
	osc_buf_adds(b, "</dt><dd>");
	osc_html_texts(b, dd);
	osc_buf_adds(b, "</dd>");
}

static void badges(osc_buf *b, const osc_judgement *j, size_t n)
{
	if (!n)
		return;
	osc_buf_adds(b, "<ul class=\"badges\" aria-label=\"Judgements\">");
	for (size_t i = 0; i < n; i++) {
		osc_buf_printf(b, "<li class=\"badge g-%s\">%s <strong>", osc_grade_id(j[i].grade),
			       osc_area_label(j[i].area));
		osc_buf_adds(b, osc_grade_label(j[i].grade));
		osc_buf_adds(b, "</strong></li>");
	}
	osc_buf_adds(b, "</ul>");
}

/* An item's text with its evidence phrases marked. */
typedef struct span {
	size_t from, to;
} span;

static int by_from(const void *x, const void *y)
{
	const span *a = x, *b = y;
	return a->from < b->from ? -1 : a->from > b->from ? 1 : (a->to > b->to) - (a->to < b->to);
}

static void marked_text(osc_buf *b, const osc_item *it)
{
	const char *s = it->text;
	size_t n = strlen(s), ns = 0;
	span v[64];
	for (size_t t = 0; t < it->n_themes; t++)
		for (size_t e = 0; e < it->themes[t].n_evidence; e++) {
			const char *ev = it->themes[t].evidence[e];
			size_t at = 0, m;
			long k;
			while (ns < OSC_ARRAY_LEN(v) && at < n &&
			       (k = osc_find_ci(s + at, n - at, ev, &m)) >= 0 && m) {
				v[ns++] = (span){ at + (size_t)k, at + (size_t)k + m };
				at += (size_t)k + m;
			}
		}
	qsort(v, ns, sizeof *v, by_from);
	size_t pos = 0;
	for (size_t i = 0; i < ns; i++) {
		if (v[i].from < pos)
			continue; /* inside the one before */
		osc_html_text(b, s + pos, v[i].from - pos);
		osc_buf_adds(b, "<mark>");
		osc_html_text(b, s + v[i].from, v[i].to - v[i].from);
		osc_buf_adds(b, "</mark>");
		pos = v[i].to;
	}
	osc_html_text(b, s + pos, n - pos);
}

static void item_html(osc_buf *b, const osc_rules *r, const osc_item *it, osc_section sec)
{
	osc_buf_printf(b, "<li class=\"item %s\"><span class=\"pol\">%s</span>",
		       osc_polarity_name(it->polarity), pol_words[it->polarity]);
	marked_text(b, it);
	char where[48];
	if (osc_item_where(it, where, sizeof where))
		osc_buf_printf(b, "<span class=\"cite\">(%s %u, %s)</span>", osc_section_name(sec),
			       it->index, where);
	if (it->n_themes) {
		osc_buf_adds(b, "<br/>");
		for (size_t t = 0; t < it->n_themes; t++) {
			size_t th = (size_t)it->themes[t].theme;
			osc_buf_adds(b, "<span class=\"chip\" title=\"");
			osc_html_texts(b, osc_rules_theme_label(r, th));
			osc_buf_adds(b, "\">");
			osc_html_texts(b, osc_rules_theme_id(r, th));
			osc_buf_adds(b, "</span>");
		}
	}
	osc_buf_adds(b, "</li>");
}

/* The themes of a document by polarity, a bar each. */
static void doc_chart(osc_buf *b, const osc_doc *doc, const char *id)
{
	const osc_rules *r = osc_doc_rules(doc);
	size_t nt = osc_rules_theme_count(r), rows = 0;
	const char **labels = osc_malloc(b->a, (nt ? nt : 1) * sizeof *labels);
	double *values = osc_malloc(b->a, (nt ? nt : 1) * 4 * sizeof *values);
	if (!labels || !values) {
		b->failed = true;
		goto out;
	}
	static const int order[4] = { OSC_POLARITY_CONCERN, OSC_POLARITY_MIXED,
				      OSC_POLARITY_STRENGTH, OSC_POLARITY_NEUTRAL };
	for (size_t t = 0; t < nt; t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		if (!tl->items)
			continue;
		labels[rows] = osc_rules_theme_label(r, t);
		for (int k = 0; k < 4; k++)
			values[rows * 4 + (size_t)k] = (double)tl->by_polarity[order[k]];
		rows++;
	}
	const char *names[4] = { "concern", "mixed", "strength", "neutral" };
	const char *colours[4] = { osc_polarity_colours[OSC_POLARITY_CONCERN],
				   osc_polarity_colours[OSC_POLARITY_MIXED],
				   osc_polarity_colours[OSC_POLARITY_STRENGTH],
				   osc_polarity_colours[OSC_POLARITY_NEUTRAL] };
	char cid[64];
	snprintf(cid, sizeof cid, "%s-themes", id);
	osc_chart c = { cid, "Themes by polarity",
			"Items tagged with each theme, by polarity (an item can have several themes)." };
	osc_buf_adds(b, "<figure>");
	osc_svg_bars(b, &c, rows, labels, 4, names, colours, values);
	osc_buf_adds(b, "</figure>");
out:
	osc_free(b->a, labels);
	osc_free(b->a, values);
}

static void history_html(osc_buf *b, const osc_doc *doc)
{
	const osc_history *h = osc_doc_history(doc);
	const osc_rules *r = osc_doc_rules(doc);
	osc_buf_adds(b, "<h3>Since the previous visit");
	if (h) {
		osc_buf_adds(b, " (");
		osc_html_texts(b, h->date ? h->date : "undated");
		osc_buf_adds(b, ")");
	}
	osc_buf_adds(b, "</h3>");
	if (!h) {
		osc_buf_adds(b, "<p>No earlier document of this authority among the inputs.</p>");
		return;
	}
	osc_buf_adds(b, "<dl class=\"meta\">");
	meta_row(b, "Previous", h->source);
	meta_row(b, "Its kind", kind_label(h->kind));
	osc_buf_adds(b, "</dl>");
	if (h->n_judgements) {
		osc_buf_adds(b, "<table><caption class=\"visually-hidden\">Judgements before and after</caption>"
				"<thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Before</th>"
				"<th scope=\"col\">Now</th></tr></thead><tbody>");
		for (size_t i = 0; i < h->n_judgements; i++) {
			const osc_judgement_change *c = &h->judgements[i];
			osc_buf_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>",
				       osc_area_label(c->area),
				       c->before >= 0 ? osc_grade_label((osc_grade)c->before) : "not judged",
				       c->after >= 0 ? osc_grade_label((osc_grade)c->after) : "not judged");
		}
		osc_buf_adds(b, "</tbody></table>");
	}
	osc_buf_printf(b, "<h4>Improvement points that recur (%zu)</h4>", h->n_recurring);
	if (h->n_recurring) {
		osc_buf_adds(b, "<ul>");
		for (size_t i = 0; i < h->n_recurring; i++) {
			const osc_recurring *c = &h->recurring[i];
			osc_buf_adds(b, "<li>");
			osc_html_texts(b, c->text);
			osc_buf_adds(b, c->before && c->said ? " <em>(like an earlier point, and says so)</em>"
					: c->before ? " <em>(like an earlier point)</em>"
						    : " <em>(says it was raised before)</em>");
			osc_buf_adds(b, "</li>");
		}
		osc_buf_adds(b, "</ul>");
	}
	for (int k = 0; k < 2; k++) {
		const int *v = k ? h->dropped_concerns : h->new_concerns;
		size_t n = k ? h->n_dropped_concerns : h->n_new_concerns;
		osc_buf_adds(b, k ? "<p><strong>Concerns not raised again:</strong> "
				  : "<p><strong>Concerns raised now, not before:</strong> ");
		for (size_t i = 0; i < n; i++) {
			osc_buf_adds(b, i ? ", " : "");
			osc_html_texts(b, osc_rules_theme_label(r, (size_t)v[i]));
		}
		osc_buf_adds(b, n ? "</p>" : "none</p>");
	}
}

static void doc_body(osc_buf *b, const osc_doc *doc, const char *id, int level)
{
	const osc_rules *r = osc_doc_rules(doc);
	const char *auth = osc_doc_authority_key(doc) ? osc_doc_authority_key(doc) : osc_doc_authority(doc);
	osc_buf_printf(b, "<section class=\"doc\" id=\"%s\" aria-labelledby=\"%s-h\"><h%d id=\"%s-h\">",
		       id, id, level, id);
	osc_html_texts(b, auth ? auth : osc_doc_source(doc));
	osc_buf_adds(b, ": ");
	osc_buf_adds(b, kind_label(osc_doc_kind(doc)));
	if (osc_doc_dated(doc)) {
		osc_buf_adds(b, ", ");
		osc_html_texts(b, osc_doc_dated(doc));
	}
	osc_buf_printf(b, "</h%d><dl class=\"meta\">", level);
	meta_row(b, "Authority", osc_doc_authority(doc));
	meta_row(b, "Kind", kind_label(osc_doc_kind(doc)));
	meta_row(b, "Date", osc_doc_date(doc));
	size_t nv = osc_doc_visit_date_count(doc);
	if (nv) {
		osc_buf_adds(b, "<dt>Visit</dt><dd>");
		for (size_t i = 0; i < nv; i++) {
			osc_buf_adds(b, i ? ", " : "");
			osc_html_texts(b, osc_doc_visit_date(doc, i));
		}
		osc_buf_adds(b, "</dd>");
	}
	if (osc_doc_inspector_count(doc)) {
		osc_buf_adds(b, "<dt>Inspectors</dt><dd>");
		for (size_t i = 0; i < osc_doc_inspector_count(doc); i++) {
			osc_buf_adds(b, i ? ", " : "");
			osc_html_texts(b, osc_doc_inspector(doc, i));
		}
		osc_buf_adds(b, "</dd>");
	}
	meta_row(b, "Focus", osc_doc_focus(doc));
	meta_row(b, "Source", osc_doc_source(doc));
	osc_buf_adds(b, "</dl>");
	osc_judgement j[OSC_MAX_JUDGEMENTS];
	badges(b, j, osc_doc_judgements(doc, j, OSC_ARRAY_LEN(j)));
	int sub = level + 1;
	const char *hl = osc_doc_headline(doc);
	if (hl) {
		osc_buf_printf(b, "<h%d>Headline</h%d>", sub, sub);
		for (const char *p = hl; *p;) {
			const char *brk = strstr(p, "\n\n");
			size_t n = brk ? (size_t)(brk - p) : strlen(p);
			osc_buf_adds(b, "<p>");
			osc_html_text(b, p, n);
			osc_buf_adds(b, "</p>");
			if (!brk)
				break;
			p = brk + 2;
		}
	}
	if (osc_doc_history_asked(doc))
		history_html(b, doc);
	static const char *const titles[] = { "What needs to improve", "Areas for priority action" };
	for (int sec = OSC_SECTION_IMPROVEMENTS; sec <= OSC_SECTION_PRIORITY_ACTIONS; sec++) {
		size_t n = osc_doc_item_count(doc, (osc_section)sec);
		if (!n)
			continue;
		osc_buf_printf(b, "<h%d>%s (%zu)</h%d><ol class=\"items\">", sub, titles[sec], n, sub);
		for (size_t i = 0; i < n; i++)
			item_html(b, r, osc_doc_item(doc, (osc_section)sec, i), (osc_section)sec);
		osc_buf_adds(b, "</ol>");
	}
	osc_buf_printf(b, "<h%d>Themes by polarity</h%d>", sub, sub);
	doc_chart(b, doc, id);
	size_t nf = osc_doc_item_count(doc, OSC_SECTION_FINDINGS), nt = osc_rules_theme_count(r);
	osc_buf_printf(b, "<h%d>Findings by theme (%zu)</h%d>", sub, nf, sub);
	for (size_t t = 0; t <= nt; t++) {
		bool shown = false;
		for (size_t i = 0; i < nf; i++) {
			const osc_item *it = osc_doc_item(doc, OSC_SECTION_FINDINGS, i);
			if (!osc_in_group(it, t, nt))
				continue;
			if (!shown) {
				osc_buf_printf(b, "<h%d>", sub + 1);
				osc_html_texts(b, t < nt ? osc_rules_theme_label(r, t) : "Other");
				osc_buf_printf(b, "</h%d><ul class=\"items\">", sub + 1);
				shown = true;
			}
			item_html(b, r, it, OSC_SECTION_FINDINGS);
		}
		if (shown)
			osc_buf_adds(b, "</ul>");
	}
	if (osc_doc_warning_count(doc)) {
		osc_buf_printf(b, "<h%d>Warnings</h%d><ul class=\"warn\">", sub, sub);
		for (size_t i = 0; i < osc_doc_warning_count(doc); i++) {
			osc_buf_adds(b, "<li>");
			osc_html_texts(b, osc_doc_warning(doc, i));
			osc_buf_adds(b, "</li>");
		}
		osc_buf_adds(b, "</ul>");
	}
	osc_buf_adds(b, "</section>\n");
}

osc_status osc_render_html(const osc_doc *doc, unsigned flags, const osc_allocator *a,
			   char **out, size_t *len)
{
	if (!doc || !out || !len)
		return OSC_EINVAL;
	osc_buf b;
	osc_buf_init(&b, osc_alloc_or_default(a));
	if (flags & OSC_RENDER_FRAGMENT) {
		/* one of several on a page: its id from its source */
		char id[32];
		doc_id(id, sizeof id, osc_doc_source(doc));
		doc_body(&b, doc, id, 2);
		return finish(&b, out, len);
	}
	osc_buf title;
	osc_buf_init(&title, b.a);
	const char *auth = osc_doc_authority_key(doc) ? osc_doc_authority_key(doc) : osc_doc_authority(doc);
	osc_buf_printf(&title, "%s: %s%s%s", auth ? auth : osc_doc_source(doc),
		       kind_label(osc_doc_kind(doc)), osc_doc_dated(doc) ? ", " : "",
		       osc_doc_dated(doc) ? osc_doc_dated(doc) : "");
	page_open(&b, title.failed ? "ofsted-scan report" : title.data);
	osc_buf_free(&title);
	doc_body(&b, doc, "doc", 1);
	osc_buf_adds(&b, page_close);
	return finish(&b, out, len);
}

/* ---- a summary ----------------------------------------------------------- */

/* Digests in order of authority (key, else name) and date. */
static int by_authority_date(const void *x, const void *y)
{
	const osc_digest *a = *(const osc_digest *const *)x, *b = *(const osc_digest *const *)y;
	const char *ka = a->key ? a->key : a->authority ? a->authority : "";
	const char *kb = b->key ? b->key : b->authority ? b->authority : "";
	int c = strcmp(ka, kb);
	if (c)
		return c;
	c = strcmp(a->date ? a->date : "", b->date ? b->date : "");
	return c ? c : strcmp(a->source, b->source);
}

/* The kinds present, in enum order. */
static size_t kinds_present(const osc_summary *s, int *kinds)
{
	size_t n = 0;
	for (int k = 0; k < OSC_SUM_KINDS; k++)
		if (s->kinds[k])
			kinds[n++] = k;
	return n;
}

static void chart_kinds_by_year(osc_buf *b, const osc_summary *s)
{
	int kinds[OSC_SUM_KINDS];
	size_t nk = kinds_present(s, kinds), ny = s->n_years;
	const char **labels = osc_malloc(b->a, (ny ? ny : 1) * sizeof *labels);
	double *values = osc_malloc(b->a, (ny ? ny : 1) * (nk ? nk : 1) * sizeof *values);
	const char *names[OSC_SUM_KINDS], *colours[OSC_SUM_KINDS];
	static const char *const palette[] = { "#999999", "#0072B2", "#56B4E9", "#CC79A7",
					       "#009E73", "#E69F00" };
	if (!labels || !values) {
		b->failed = true;
	} else {
		for (size_t k = 0; k < nk; k++)
			names[k] = kind_label((osc_kind)kinds[k]), colours[k] = palette[kinds[k] % 6];
		for (size_t y = 0; y < ny; y++) {
			labels[y] = s->years[y].key;
			for (size_t k = 0; k < nk; k++)
				values[y * nk + k] = (double)s->years[y].kinds[kinds[k]];
		}
		osc_chart c = { "kinds", "Documents by kind and year",
				"The documents read, by year (of the letter's date, else its first visit "
				"day) and kind." };
		osc_svg_bars(b, &c, ny, labels, nk, names, colours, values);
	}
	osc_free(b->a, labels);
	osc_free(b->a, values);
}

static size_t tagged(const osc_sum_theme *t)
{
	return t->by_polarity[0] + t->by_polarity[1] + t->by_polarity[2] + t->by_polarity[3];
}

static void chart_themes(osc_buf *b, const osc_summary *s)
{
	size_t nt = s->n_themes, rows = 0;
	const char **labels = osc_malloc(b->a, (nt ? nt : 1) * sizeof *labels);
	double *values = osc_malloc(b->a, (nt ? nt : 1) * 4 * sizeof *values);
	if (!labels || !values) {
		b->failed = true;
	} else {
		static const int order[4] = { OSC_POLARITY_CONCERN, OSC_POLARITY_MIXED,
					      OSC_POLARITY_STRENGTH, OSC_POLARITY_NEUTRAL };
		for (size_t t = 0; t < nt; t++) {
			if (!tagged(&s->all.themes[t]))
				continue;
			labels[rows] = osc_rules_theme_label(s->rules, t);
			for (int k = 0; k < 4; k++)
				values[rows * 4 + (size_t)k] = (double)s->all.themes[t].by_polarity[order[k]];
			rows++;
		}
		const char *names[4] = { "concern", "mixed", "strength", "neutral" };
		const char *colours[4] = { osc_polarity_colours[OSC_POLARITY_CONCERN],
					   osc_polarity_colours[OSC_POLARITY_MIXED],
					   osc_polarity_colours[OSC_POLARITY_STRENGTH],
					   osc_polarity_colours[OSC_POLARITY_NEUTRAL] };
		osc_chart c = { "themes", "Themes by polarity",
				"Items tagged with each theme, by polarity, over every document." };
		osc_svg_bars(b, &c, rows, labels, 4, names, colours, values);
	}
	osc_free(b->a, labels);
	osc_free(b->a, values);
}

/* A chart's table of counts: row and column names, part[row * cols +
 * col] of whole[] (one a row or one a column, n_whole of them). */
typedef struct grid {
	const char **rows, **cols;
	size_t *part, *whole;
} grid;

/* False (the buffer failed) when out of memory; grid_free either way. */
static bool grid_new(osc_buf *b, grid *g, size_t rows, size_t cols, size_t n_whole)
{
	rows = rows ? rows : 1, cols = cols ? cols : 1;
	g->rows = osc_malloc(b->a, rows * sizeof *g->rows);
	g->cols = osc_malloc(b->a, cols * sizeof *g->cols);
	g->part = osc_malloc(b->a, rows * cols * sizeof *g->part);
	g->whole = osc_malloc(b->a, (n_whole ? n_whole : 1) * sizeof *g->whole);
	if (g->rows && g->cols && g->part && g->whole)
		return true;
	b->failed = true;
	return false;
}

static void grid_free(osc_buf *b, grid *g)
{
	osc_free(b->a, g->rows);
	osc_free(b->a, g->cols);
	osc_free(b->a, g->part);
	osc_free(b->a, g->whole);
}

static void chart_trends(osc_buf *b, const osc_summary *s)
{
	size_t nt = s->n_themes, ny = s->n_years, rows = 0;
	/* years with a date only ("unknown" is no point in time) */
	while (ny && strcmp(s->years[ny - 1].key, "unknown") == 0)
		ny--;
	grid g;
	if (grid_new(b, &g, nt, ny, ny)) {
		for (size_t y = 0; y < ny; y++)
			g.cols[y] = s->years[y].key, g.whole[y] = s->years[y].documents;
		for (size_t t = 0; t < nt; t++) {
			if (!s->all.themes[t].documents)
				continue;
			g.rows[rows] = osc_rules_theme_label(s->rules, t);
			for (size_t y = 0; y < ny; y++)
				g.part[rows * ny + y] = s->years[y].themes[t].concern_documents;
			rows++;
		}
		osc_chart c = { "trends", "Documents raising each theme as a concern, by year",
				"For each theme, the share of each year's documents with a concern "
				"about it." };
		osc_svg_multiples(b, &c, rows, g.rows, ny, g.cols, g.part, g.whole);
	}
	grid_free(b, &g);
}

static void chart_heatmap(osc_buf *b, const osc_summary *s)
{
	size_t nt = s->n_themes, na = s->n_authorities;
	grid g;
	if (grid_new(b, &g, na, nt, na)) {
		for (size_t t = 0; t < nt; t++)
			g.cols[t] = osc_rules_theme_id(s->rules, t);
		for (size_t i = 0; i < na; i++) {
			g.rows[i] = s->authorities[i].key;
			g.whole[i] = s->authorities[i].documents;
			for (size_t t = 0; t < nt; t++)
				g.part[i * nt + t] = s->authorities[i].themes[t].concern_documents;
		}
		osc_chart c = { "heatmap", "Concerns by authority and theme",
				"For each authority, the share of its documents with a concern about "
				"each theme: the darker, the more." };
		osc_svg_heatmap(b, &c, na, g.rows, nt, g.cols, g.part, g.whole);
	}
	grid_free(b, &g);
}

static void chart_judgements(osc_buf *b, const osc_summary *s)
{
	const char *labels[OSC_SUM_AREAS];
	double values[OSC_SUM_AREAS * OSC_SUM_GRADES];
	size_t rows = 0;
	for (int a = 0; a < OSC_SUM_AREAS; a++) {
		size_t n = 0;
		for (int g = 0; g < OSC_SUM_GRADES; g++)
			n += s->grades[a][g];
		if (!n)
			continue;
		labels[rows] = osc_area_label((osc_area)a);
		for (int g = 0; g < OSC_SUM_GRADES; g++)
			values[rows * OSC_SUM_GRADES + (size_t)g] = (double)s->grades[a][g];
		rows++;
	}
	const char *names[OSC_SUM_GRADES], *colours[OSC_SUM_GRADES];
	for (int g = 0; g < OSC_SUM_GRADES; g++)
		names[g] = osc_grade_label((osc_grade)g), colours[g] = osc_grade_colours[g];
	osc_chart c = { "judgements", "Inspection judgements by area",
			"The grades the inspection reports give in each area." };
	osc_svg_bars(b, &c, rows, labels, OSC_SUM_GRADES, names, colours, values);
}

/* The opening of a text: whole sentences up to `max` bytes, at least
 * one (cut at a word if it is longer). */
#define HEADLINE_LEAD 280
static size_t lead(const char *s, size_t max)
{
	size_t n = strlen(s), end = 0;
	if (n <= max)
		return n;
	for (size_t i = 0; i + 1 < n && i < max; i++)
		if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ')
			end = i + 1;
	if (!end) {
		end = max;
		while (end > 0 && s[end] != ' ')
			end--;
		if (!end)
			end = max;
		while (end < n && ((unsigned char)s[end] & 0xC0) == 0x80)
			end++; /* (never inside a character) */
	}
	return end;
}

/* The table of documents, and each document's own section. */
static void documents_html(osc_buf *b, const osc_summary *s)
{
	size_t n = s->n_docs;
	const osc_digest **v = osc_malloc(b->a, (n ? n : 1) * sizeof *v);
	if (!v) {
		b->failed = true;
		return;
	}
	memcpy(v, s->docs, n * sizeof *v);
	qsort(v, n, sizeof *v, by_authority_date);
	osc_buf_adds(b, "<section id=\"documents\" aria-labelledby=\"documents-h\">"
			"<h2 id=\"documents-h\">Documents</h2>"
			"<p>By authority, then date; each links to its own section below.</p>"
			"<table><thead><tr><th scope=\"col\">Authority</th><th scope=\"col\">Date</th>"
			"<th scope=\"col\">Kind</th><th scope=\"col\">Judgement</th>"
			"<th scope=\"col\" class=\"n\">Concerns</th><th scope=\"col\" class=\"n\">Strengths</th>"
			"<th scope=\"col\" class=\"n\">Items</th></tr></thead><tbody>");
	char id[32];
	for (size_t i = 0; i < n; i++) {
		const osc_digest *d = v[i];
		doc_id(id, sizeof id, d->source);
		osc_buf_printf(b, "<tr><td><a href=\"#%s\">", id);
		osc_html_texts(b, d->key ? d->key : d->authority ? d->authority : d->source);
		osc_buf_adds(b, "</a></td><td>");
		osc_html_texts(b, d->date ? d->date : "");
		osc_buf_printf(b, "</td><td>%s</td><td>", kind_label(d->kind));
		for (size_t j = 0; j < d->n_judgements; j++)
			if (d->judgements[j].area == OSC_AREA_OVERALL)
				osc_buf_adds(b, osc_grade_label(d->judgements[j].grade));
		osc_buf_printf(b, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
				  "<td class=\"n\">%zu</td></tr>",
			       d->by_polarity[OSC_POLARITY_CONCERN], d->by_polarity[OSC_POLARITY_STRENGTH],
			       d->items[0] + d->items[1] + d->items[2]);
	}
	osc_buf_adds(b, "</tbody></table></section>\n<section id=\"each\" aria-labelledby=\"each-h\">"
			"<h2 id=\"each-h\">Each document</h2>\n");
	for (size_t i = 0; i < n; i++) {
		const osc_digest *d = v[i];
		doc_id(id, sizeof id, d->source);
		osc_buf_printf(b, "<section class=\"doc\" id=\"%s\" aria-labelledby=\"%s-h\"><h3 id=\"%s-h\">",
			       id, id, id);
		osc_html_texts(b, d->key ? d->key : d->authority ? d->authority : d->source);
		osc_buf_printf(b, ": %s", kind_label(d->kind));
		if (d->date) {
			osc_buf_adds(b, ", ");
			osc_html_texts(b, d->date);
		}
		osc_buf_adds(b, "</h3><dl class=\"meta\">");
		meta_row(b, "Source", d->source);
		meta_row(b, "Authority", d->authority);
		osc_buf_adds(b, "</dl>");
		badges(b, d->judgements, d->n_judgements);
		if (d->headline) {
			/* its opening sentences: the list is a way in, the
			 * full text is the document's own */
			size_t hl = lead(d->headline, HEADLINE_LEAD);
			osc_buf_adds(b, "<p>");
			osc_html_text(b, d->headline, hl);
			osc_buf_adds(b, d->headline[hl] ? " \xE2\x80\xA6</p>" : "</p>");
		}
		if (d->n_points) {
			osc_buf_adds(b, "<h4>What needs to improve</h4><ul>");
			for (size_t k = 0; k < d->n_points; k++) {
				osc_buf_adds(b, "<li>");
				osc_html_texts(b, d->points[k].text);
				osc_buf_adds(b, "</li>");
			}
			osc_buf_adds(b, "</ul>");
		}
		bool any = false;
		for (size_t t = 0; t < d->n_themes; t++)
			if (d->concerns[t]) {
				osc_buf_adds(b, any ? ", " : "<p><strong>Concerns:</strong> ");
				osc_html_texts(b, osc_rules_theme_label(s->rules, t));
				osc_buf_printf(b, " %zu", d->concerns[t]);
				any = true;
			}
		if (any)
			osc_buf_adds(b, "</p>");
		osc_buf_adds(b, "<p class=\"back\"><a href=\"#documents\">Back to the documents</a></p></section>\n");
	}
	osc_buf_adds(b, "</section>\n");
	osc_free(b->a, v);
}

bool osc_render_summary_html(const osc_summary *s, osc_buf *b)
{
	char title[96];
	snprintf(title, sizeof title, "ofsted-scan: %zu document%s", s->all.documents,
		 s->all.documents == 1 ? "" : "s");
	page_open(b, title);
	osc_buf_printf(b, "<h1>Summary of %zu document%s</h1><p class=\"lede\">", s->all.documents,
		       s->all.documents == 1 ? "" : "s");
	int kinds[OSC_SUM_KINDS];
	size_t nk = kinds_present(s, kinds);
	for (size_t k = 0; k < nk; k++)
		osc_buf_printf(b, "%s%s: %zu", k ? "; " : "", kind_label((osc_kind)kinds[k]),
			       s->kinds[kinds[k]]);
	osc_buf_printf(b, "; %zu items", s->all.items);
	if (s->errors)
		osc_buf_printf(b, "; %zu input%s could not be read", s->errors, s->errors == 1 ? "" : "s");
	osc_buf_adds(b, ".</p>\n<nav aria-label=\"Contents\"><ul><li><a href=\"#kinds-s\">Documents</a></li>"
			"<li><a href=\"#themes-s\">Themes</a></li><li><a href=\"#trends-s\">By year</a></li>"
			"<li><a href=\"#heatmap-s\">By authority</a></li>"
			"<li><a href=\"#judgements-s\">Judgements</a></li>"
			"<li><a href=\"#documents\">Each document</a></li></ul></nav>\n");
	static const struct {
		const char *id, *title;
		void (*draw)(osc_buf *, const osc_summary *);
	} parts[] = {
		{ "kinds-s", "Documents by kind and year", chart_kinds_by_year },
		{ "themes-s", "Themes by polarity", chart_themes },
		{ "trends-s", "Raised as a concern, by year", chart_trends },
		{ "heatmap-s", "Concerns by authority and theme", chart_heatmap },
		{ "judgements-s", "Inspection judgements", chart_judgements },
	};
	for (size_t i = 0; i < OSC_ARRAY_LEN(parts); i++) {
		osc_buf_printf(b, "<section id=\"%s\" aria-labelledby=\"%s-h\"><h2 id=\"%s-h\">%s</h2><figure>",
			       parts[i].id, parts[i].id, parts[i].id, parts[i].title);
		parts[i].draw(b, s);
		osc_buf_adds(b, "</figure></section>\n");
	}
	documents_html(b, s);
	osc_buf_adds(b, page_close);
	return !b->failed;
}
