/*
 * summary.c - an aggregate over many documents (--summary): documents by
 * kind, per theme the items of each polarity and the documents that raise
 * it, the same per year and per authority (its authority_key), and
 * inspection reports' grades per judgement area.  Rendered
 * by render_summary.c.
 */
#include "summary.h"
#include "writers.h"

#include <string.h>

osc_summary *osc_summary_new(const osc_rules *rules, const osc_allocator *a)
{
	if (!rules)
		return NULL;
	a = osc_alloc_or_default(a);
	osc_summary *s = osc_zalloc(a, sizeof *s);
	if (!s)
		return NULL;
	s->a = a;
	s->rules = rules;
	s->n_themes = osc_rules_theme_count(rules);
	s->all.themes = osc_zalloc(a, (s->n_themes ? s->n_themes : 1) * sizeof *s->all.themes);
	if (!s->all.themes) {
		osc_free(a, s);
		return NULL;
	}
	return s;
}

static void free_groups(const osc_allocator *a, osc_sum_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		osc_free(a, g[i].key);
		osc_free(a, g[i].themes);
	}
	osc_free(a, g);
}

void osc_summary_free(osc_summary *s)
{
	if (!s)
		return;
	free_groups(s->a, s->years, s->n_years);
	free_groups(s->a, s->authorities, s->n_authorities);
	for (size_t i = 0; i < s->n_docs; i++)
		osc_digest_free(s->docs[i]);
	osc_free(s->a, s->docs);
	osc_free(s->a, s->all.themes);
	osc_free(s->a, s);
}

void osc_summary_add_error(osc_summary *s)
{
	if (s)
		s->errors++;
}

/* Keys in order ignoring ASCII case (names as printed can differ in it). */
static int cmp_key(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		x += (x >= 'A' && x <= 'Z') * 32;
		y += (y >= 'A' && y <= 'Z') * 32;
		if (x != y || !x)
			return x - y;
	}
}

/* The group named `key` in *v (added, in sorted place, when new). */
static osc_sum_group *group(osc_summary *s, osc_sum_group **v, size_t *n,
			    size_t *cap, const char *key)
{
	size_t at = 0;
	while (at < *n) {
		int c = cmp_key((*v)[at].key, key);
		if (c == 0)
			return &(*v)[at];
		if (c > 0)
			break;
		at++;
	}
	if (!osc_grow(s->a, (void **)v, cap, *n + 1, sizeof **v))
		return NULL;
	osc_sum_group g = { 0 };
	size_t kl = strlen(key);
	g.key = osc_malloc(s->a, kl + 1);
	g.themes = osc_malloc(s->a, (s->n_themes ? s->n_themes : 1) * sizeof *g.themes);
	if (!g.key || !g.themes) {
		osc_free(s->a, g.key);
		osc_free(s->a, g.themes);
		return NULL;
	}
	memcpy(g.key, key, kl + 1);
	memset(g.themes, 0, (s->n_themes ? s->n_themes : 1) * sizeof *g.themes);
	memmove(*v + at + 1, *v + at, (*n - at) * sizeof **v);
	(*v)[at] = g;
	(*n)++;
	return &(*v)[at];
}

/* What the summary counts of one document, from the document itself or
 * from its JSON record (record.c): the same numbers either way. */
static void count_entry(osc_sum_group *g, const osc_sum_entry *e, size_t n_themes)
{
	g->documents++;
	if ((unsigned)e->kind < OSC_SUM_KINDS)
		g->kinds[e->kind]++;
	for (int p = 0; p < OSC_POLARITY_COUNT; p++) {
		g->items += e->by_polarity[p];
		g->by_polarity[p] += e->by_polarity[p];
	}
	for (size_t t = 0; t < n_themes; t++) {
		const osc_theme_tally *tl = &e->tally[t];
		for (int p = 0; p < OSC_POLARITY_COUNT; p++)
			g->themes[t].by_polarity[p] += tl->by_polarity[p];
		g->themes[t].documents += tl->items > 0;
		g->themes[t].concern_documents += tl->by_polarity[OSC_POLARITY_CONCERN] > 0;
	}
}

osc_status osc_summary_add_entry(osc_summary *s, const osc_sum_entry *e, const osc_doc *doc)
{
	/* the groups first: nothing is counted if one cannot be made */
	char year[8] = "unknown";
	if (e->dated && strlen(e->dated) >= 4) {
		memcpy(year, e->dated, 4);
		year[4] = '\0';
	}
	/* one group per authority however it is styled: its canonical name,
	 * else (not in the list) the name as printed, compared ignoring case */
	const char *auth = e->authority_key ? e->authority_key : e->authority;
	osc_sum_group *y = group(s, &s->years, &s->n_years, &s->cap_years, year);
	osc_sum_group *g = y ? group(s, &s->authorities, &s->n_authorities,
				     &s->cap_authorities, auth ? auth : "unknown") : NULL;
	if (!g)
		return OSC_ENOMEM;
	if (s->keep && doc) {
		osc_digest *dg = osc_grow(s->a, (void **)&s->docs, &s->cap_docs, s->n_docs + 1,
					  sizeof *s->docs) ? osc_digest_new(doc, NULL) : NULL;
		if (!dg)
			return OSC_ENOMEM;
		s->docs[s->n_docs++] = dg;
	}
	count_entry(&s->all, e, s->n_themes);
	count_entry(y, e, s->n_themes);
	count_entry(g, e, s->n_themes);
	if ((unsigned)e->kind < OSC_ARRAY_LEN(s->kinds))
		s->kinds[e->kind]++;
	for (size_t i = 0; i < e->n_judgements; i++) {
		const osc_judgement *j = &e->judgements[i];
		if ((unsigned)j->area < OSC_SUM_AREAS && (unsigned)j->grade < OSC_SUM_GRADES)
			s->grades[j->area][j->grade]++;
	}
	return OSC_OK;
}

osc_status osc_summary_add(osc_summary *s, const osc_doc *doc)
{
	if (!s || !doc || osc_doc_rules(doc) != s->rules)
		return OSC_EINVAL;
	osc_sum_entry e = { .kind = osc_doc_kind(doc), .dated = osc_doc_dated(doc),
			    .authority_key = osc_doc_authority_key(doc),
			    .authority = osc_doc_authority(doc),
			    .tally = osc_doc_theme_tally(doc, 0) };
	osc_doc_polarity_counts(doc, e.by_polarity);
	e.n_judgements = osc_doc_judgements(doc, e.judgements, OSC_ARRAY_LEN(e.judgements));
	return osc_summary_add_entry(s, &e, doc);
}

/* ---- reading it ---------------------------------------------------------- */

size_t osc_summary_group_count(const osc_summary *s, osc_summary_scope scope)
{
	if (!s)
		return 0;
	switch (scope) {
	case OSC_SCOPE_ALL: return 1;
	case OSC_SCOPE_YEAR: return s->n_years;
	case OSC_SCOPE_AUTHORITY: return s->n_authorities;
	}
	return 0;
}

const osc_summary_group *osc_summary_group_at(const osc_summary *s,
					      osc_summary_scope scope, size_t i)
{
	if (i >= osc_summary_group_count(s, scope))
		return NULL;
	switch (scope) {
	case OSC_SCOPE_ALL: return &s->all;
	case OSC_SCOPE_YEAR: return &s->years[i];
	case OSC_SCOPE_AUTHORITY: return &s->authorities[i];
	}
	return NULL;
}

size_t osc_summary_errors(const osc_summary *s)
{
	return s ? s->errors : 0;
}

size_t osc_summary_kind_count(const osc_summary *s, osc_kind k)
{
	return s && (unsigned)k < OSC_SUM_KINDS ? s->kinds[k] : 0;
}

size_t osc_summary_grade_count(const osc_summary *s, osc_area a, osc_grade g)
{
	return s && (unsigned)a < OSC_SUM_AREAS && (unsigned)g < OSC_SUM_GRADES ? s->grades[a][g] : 0;
}

void osc_summary_keep_documents(osc_summary *s, bool on)
{
	if (s)
		s->keep = on;
}

size_t osc_summary_document_count(const osc_summary *s)
{
	return s ? s->n_docs : 0;
}

const osc_digest *osc_summary_document(const osc_summary *s, size_t i)
{
	return s && i < s->n_docs ? s->docs[i] : NULL;
}
