/*
 * render_summary.c - a summary (summary.c) as tables for people, as one
 * JSON object, or as CSV in long form for spreadsheets and pivot tables.
 */
#include "summary.h"
#include "writers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t tagged(const osc_sum_theme *t)
{
	return t->by_polarity[0] + t->by_polarity[1] + t->by_polarity[2] + t->by_polarity[3];
}

/* Theme indexes in order of the documents raising them as a concern, then
 * concerns, then items, most first. */
typedef struct order_ctx {
	const osc_sum_theme *t;
	size_t i;
} order_ctx;

static int cmp_concern(const void *a, const void *b)
{
	const order_ctx *x = a, *y = b;
	if (x->t->concern_documents != y->t->concern_documents)
		return x->t->concern_documents > y->t->concern_documents ? -1 : 1;
	size_t cx = x->t->by_polarity[OSC_POLARITY_CONCERN], cy = y->t->by_polarity[OSC_POLARITY_CONCERN];
	if (cx != cy)
		return cx > cy ? -1 : 1;
	size_t ix = tagged(x->t), iy = tagged(y->t);
	if (ix != iy)
		return ix > iy ? -1 : 1;
	return x->i < y->i ? -1 : (x->i > y->i);
}

static order_ctx *by_concern(const osc_summary *s, const osc_sum_group *g)
{
	order_ctx *o = osc_malloc(s->a, (s->n_themes ? s->n_themes : 1) * sizeof *o);
	if (!o)
		return NULL;
	for (size_t i = 0; i < s->n_themes; i++)
		o[i] = (order_ctx){ &g->themes[i], i };
	qsort(o, s->n_themes, sizeof *o, cmp_concern);
	return o;
}

/* A share of a group's documents, 0 for none. */
static double share(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : 0;
}

/* "health 5 (42%), permanence 3 (25%)": the three themes most often a
 * concern in the group, with the documents that raise each as one and
 * their share of the group's. */
static bool top_concerns(const osc_summary *s, const osc_sum_group *g, osc_buf *b)
{
	order_ctx *o = by_concern(s, g);
	if (!o)
		return false;
	for (size_t k = 0, shown = 0; k < s->n_themes && shown < 3; k++) {
		size_t c = o[k].t->concern_documents;
		if (!o[k].t->by_polarity[OSC_POLARITY_CONCERN])
			break;
		osc_buf_printf(b, "%s%s %zu (%.0f%%)", shown ? ", " : "",
			       osc_rules_theme_id(s->rules, o[k].i), c,
			       100 * share(c, g->documents));
		shown++;
	}
	osc_free(s->a, o);
	return true;
}

static size_t concerns(const osc_summary *s, const osc_sum_group *g)
{
	OSC_UNUSED(s);
	return g->by_polarity[OSC_POLARITY_CONCERN];
}

/* Reports' judgements of area a, whatever the grade. */
static size_t graded(const osc_summary *s, int a)
{
	size_t n = 0;
	for (int g = 0; g < OSC_SUM_GRADES; g++)
		n += s->grades[a][g];
	return n;
}

/* ---- text ---------------------------------------------------------------- */

static void bold(osc_buf *b, bool colour, const char *title)
{
	osc_buf_printf(b, colour ? "\n\x1b[1m%s\x1b[0m\n" : "\n%s\n", title);
}

static bool text_groups(const osc_summary *s, const char *title, const char *col,
			const osc_sum_group *v, size_t n, bool colour, osc_buf *b)
{
	bold(b, colour, title);
	osc_buf_printf(b, "  %-28s %5s %6s %8s  %s\n", col, "docs", "items", "concerns",
		       "most often a concern: documents raising it as one (share)");
	for (size_t i = 0; i < n; i++) {
		osc_buf_printf(b, "  %-28.28s %5zu %6zu %8zu  ", v[i].key, v[i].documents,
			       v[i].items, concerns(s, &v[i]));
		if (!top_concerns(s, &v[i], b))
			return false;
		osc_buf_addc(b, '\n');
	}
	return true;
}

static bool render_text(const osc_summary *s, bool colour, osc_buf *b)
{
	osc_buf_printf(b, "Summary of %zu document%s", s->all.documents,
		       s->all.documents == 1 ? "" : "s");
	if (s->errors)
		osc_buf_printf(b, " (and %zu that could not be read)", s->errors);
	osc_buf_printf(b, ", %zu items\n ", s->all.items);
	for (int k = 0; k < OSC_SUM_KINDS; k++)
		if (s->kinds[k])
			osc_buf_printf(b, " %s %zu", osc_kind_name((osc_kind)k), s->kinds[k]);
	osc_buf_addc(b, '\n');

	bold(b, colour, "Themes, most often a concern first");
	osc_buf_printf(b, "  %-40s %6s %8s %8s %6s %7s %11s %11s\n", "theme", "items", "strength",
		       "concern", "mixed", "neutral", "documents", "as concern");
	order_ctx *o = by_concern(s, &s->all);
	if (!o)
		return false;
	for (size_t k = 0; k < s->n_themes; k++) {
		const osc_sum_theme *t = o[k].t;
		if (!tagged(t))
			continue;
		const char *label = osc_rules_theme_label(s->rules, o[k].i);
		osc_buf_printf(b, "  %-40.40s %6zu %8zu %8zu %6zu %7zu %5zu (%3.0f%%) %5zu (%3.0f%%)\n",
			       label, tagged(t), t->by_polarity[OSC_POLARITY_STRENGTH],
			       t->by_polarity[OSC_POLARITY_CONCERN], t->by_polarity[OSC_POLARITY_MIXED],
			       t->by_polarity[OSC_POLARITY_NEUTRAL], t->documents,
			       100 * share(t->documents, s->all.documents), t->concern_documents,
			       100 * share(t->concern_documents, s->all.documents));
	}
	osc_free(s->a, o);

	if (!text_groups(s, "By year", "year", s->years, s->n_years, colour, b) ||
	    !text_groups(s, "By authority", "authority", s->authorities, s->n_authorities,
			 colour, b))
		return false;

	bool any = false;
	for (int a = 0; a < OSC_SUM_AREAS; a++)
		any = any || graded(s, a);
	if (any) {
		bold(b, colour, "Judgements in inspection reports");
		osc_buf_printf(b, "  %-26s %11s %6s %20s %10s\n", "area", "outstanding", "good",
			       "requires_improvement", "inadequate");
		for (int a = 0; a < OSC_SUM_AREAS; a++) {
			if (!graded(s, a))
				continue;
			osc_buf_printf(b, "  %-26s %11zu %6zu %20zu %10zu\n", osc_area_id((osc_area)a),
				       s->grades[a][0], s->grades[a][1], s->grades[a][2],
				       s->grades[a][3]);
		}
	}
	return true;
}

/* ---- JSON ---------------------------------------------------------------- */

/* A theme's counts in a group of `docs` documents. */
static void json_counts(osc_buf *b, const osc_sum_theme *t, size_t docs)
{
	osc_buf_printf(b, "\"items\":%zu,\"strength\":%zu,\"concern\":%zu,\"mixed\":%zu,\"neutral\":%zu,"
		       "\"documents\":%zu,\"concern_documents\":%zu,\"share\":%.3f,\"concern_share\":%.3f",
		       tagged(t), t->by_polarity[OSC_POLARITY_STRENGTH], t->by_polarity[OSC_POLARITY_CONCERN],
		       t->by_polarity[OSC_POLARITY_MIXED], t->by_polarity[OSC_POLARITY_NEUTRAL],
		       t->documents, t->concern_documents, share(t->documents, docs),
		       share(t->concern_documents, docs));
}

static void json_group_themes(const osc_summary *s, const osc_sum_group *g, osc_buf *b)
{
	osc_buf_adds(b, "\"themes\":{");
	bool first = true;
	for (size_t i = 0; i < s->n_themes; i++) {
		if (!tagged(&g->themes[i]))
			continue;
		if (!first)
			osc_buf_addc(b, ',');
		first = false;
		osc_json_string(b, osc_rules_theme_id(s->rules, i));
		osc_buf_adds(b, ":{");
		json_counts(b, &g->themes[i], g->documents);
		osc_buf_addc(b, '}');
	}
	osc_buf_addc(b, '}');
}

static void json_groups(const osc_summary *s, const char *name, const char *keyname,
			const osc_sum_group *v, size_t n, osc_buf *b, const char *nl)
{
	osc_buf_printf(b, ",%s\"%s\":[", nl, name);
	for (size_t i = 0; i < n; i++) {
		osc_buf_printf(b, "%s%s{\"%s\":", i ? "," : "", nl, keyname);
		osc_json_string(b, v[i].key);
		osc_buf_printf(b, ",\"documents\":%zu,\"items\":%zu,\"strength\":%zu,\"concern\":%zu,"
			       "\"mixed\":%zu,\"neutral\":%zu,", v[i].documents, v[i].items,
			       v[i].by_polarity[OSC_POLARITY_STRENGTH], v[i].by_polarity[OSC_POLARITY_CONCERN],
			       v[i].by_polarity[OSC_POLARITY_MIXED], v[i].by_polarity[OSC_POLARITY_NEUTRAL]);
		json_group_themes(s, &v[i], b);
		osc_buf_addc(b, '}');
	}
	osc_buf_addc(b, ']');
}

static bool render_json(const osc_summary *s, bool pretty, osc_buf *b)
{
	const char *nl = pretty ? "\n" : "";
	osc_buf_printf(b, "{\"schema\":\"%s\",%s\"summary\":{\"documents\":%zu,\"errors\":%zu,\"items\":%zu,%s\"kinds\":{",
		       OSC_SCHEMA, nl, s->all.documents, s->errors, s->all.items, nl);
	bool first = true;
	for (int k = 0; k < OSC_SUM_KINDS; k++) {
		if (!s->kinds[k])
			continue;
		osc_buf_printf(b, "%s\"%s\":%zu", first ? "" : ",", osc_kind_name((osc_kind)k),
			       s->kinds[k]);
		first = false;
	}
	osc_buf_printf(b, "},%s\"themes\":[", nl);
	for (size_t i = 0; i < s->n_themes; i++) {
		osc_buf_printf(b, "%s%s{\"id\":", i ? "," : "", nl);
		osc_json_string(b, osc_rules_theme_id(s->rules, i));
		osc_buf_adds(b, ",\"label\":");
		osc_json_string(b, osc_rules_theme_label(s->rules, i));
		osc_buf_addc(b, ',');
		json_counts(b, &s->all.themes[i], s->all.documents);
		osc_buf_addc(b, '}');
	}
	osc_buf_addc(b, ']');
	json_groups(s, "years", "year", s->years, s->n_years, b, nl);
	json_groups(s, "authorities", "authority", s->authorities, s->n_authorities, b, nl);
	osc_buf_printf(b, ",%s\"judgements\":{", nl);
	first = true;
	for (int a = 0; a < OSC_SUM_AREAS; a++) {
		if (!graded(s, a))
			continue;
		osc_buf_printf(b, "%s\"%s\":{", first ? "" : ",", osc_area_id((osc_area)a));
		for (int g = 0; g < OSC_SUM_GRADES; g++)
			osc_buf_printf(b, "%s\"%s\":%zu", g ? "," : "", osc_grade_id((osc_grade)g),
				       s->grades[a][g]);
		osc_buf_addc(b, '}');
		first = false;
	}
	osc_buf_printf(b, "}}}\n");
	return true;
}

/* ---- CSV ----------------------------------------------------------------- */

/* scope,key,theme,documents,items,strength,concern,mixed,neutral,
 * of_documents,share,concern_documents,concern_share: a group's row (no
 * theme) counts its documents; a theme's row the documents that raise the
 * theme, of the group's, and those that raise it as a concern. */
#define CSV_SUMMARY_HEADER "scope,key,theme,documents,items,strength,concern,mixed,neutral," \
			   "of_documents,share,concern_documents,concern_share\r\n"

static void csv_counts(osc_buf *b, size_t documents, size_t items, const size_t by_polarity[4])
{
	osc_buf_printf(b, "%zu,%zu,%zu,%zu,%zu,%zu,", documents, items,
		       by_polarity[OSC_POLARITY_STRENGTH], by_polarity[OSC_POLARITY_CONCERN],
		       by_polarity[OSC_POLARITY_MIXED], by_polarity[OSC_POLARITY_NEUTRAL]);
}

static void csv_group(const osc_summary *s, const char *scope, const osc_sum_group *g,
		      osc_buf *b)
{
	osc_csv_field(b, scope, false);
	osc_csv_field(b, g->key ? g->key : "", false);
	osc_buf_addc(b, ',');
	csv_counts(b, g->documents, g->items, g->by_polarity);
	osc_buf_printf(b, "%zu,,,\r\n", g->documents);
	for (size_t i = 0; i < s->n_themes; i++) {
		const osc_sum_theme *t = &g->themes[i];
		if (!tagged(t))
			continue;
		osc_csv_field(b, scope, false);
		osc_csv_field(b, g->key ? g->key : "", false);
		osc_csv_field(b, osc_rules_theme_id(s->rules, i), false);
		csv_counts(b, t->documents, tagged(t), t->by_polarity);
		osc_buf_printf(b, "%zu,%.3f,%zu,%.3f\r\n", g->documents, share(t->documents, g->documents),
			       t->concern_documents, share(t->concern_documents, g->documents));
	}
}

static bool render_csv(const osc_summary *s, osc_buf *b)
{
	osc_buf_adds(b, CSV_SUMMARY_HEADER);
	csv_group(s, "all", &s->all, b);
	osc_buf_printf(b, "errors,,,%zu,,,,,,,,,\r\n", s->errors);
	for (int k = 0; k < OSC_SUM_KINDS; k++)
		if (s->kinds[k])
			osc_buf_printf(b, "kind,%s,,%zu,,,,,,,,,\r\n", osc_kind_name((osc_kind)k), s->kinds[k]);
	for (size_t i = 0; i < s->n_years; i++)
		csv_group(s, "year", &s->years[i], b);
	for (size_t i = 0; i < s->n_authorities; i++)
		csv_group(s, "authority", &s->authorities[i], b);
	for (int a = 0; a < OSC_SUM_AREAS; a++)
		for (int g = 0; g < OSC_SUM_GRADES; g++)
			if (s->grades[a][g])
				osc_buf_printf(b, "judgement,%s,%s,%zu,,,,,,,,,\r\n", osc_area_id((osc_area)a),
					       osc_grade_id((osc_grade)g), s->grades[a][g]);
	return true;
}

osc_status osc_render_summary(const osc_summary *s, osc_summary_format f,
			      unsigned flags, const osc_allocator *a,
			      char **out, size_t *len)
{
	if (!s || !out || !len)
		return OSC_EINVAL;
	osc_buf b;
	osc_buf_init(&b, osc_alloc_or_default(a));
	bool ok;
	switch (f) {
	case OSC_SUMMARY_TEXT: ok = render_text(s, flags & OSC_RENDER_COLOUR, &b); break;
	case OSC_SUMMARY_JSON: ok = render_json(s, flags & OSC_RENDER_PRETTY, &b); break;
	case OSC_SUMMARY_CSV: ok = render_csv(s, &b); break;
	case OSC_SUMMARY_HTML: ok = osc_render_summary_html(s, &b); break;
	default:
		osc_buf_free(&b);
		return OSC_EINVAL;
	}
	if (!ok || b.failed) {
		osc_buf_free(&b);
		return OSC_ENOMEM;
	}
	*out = osc_buf_steal(&b, len);
	return *out ? OSC_OK : OSC_ENOMEM;
}
