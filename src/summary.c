/*
 * summary.c - an aggregate over many documents (--summary): documents by
 * kind, per theme the items of each polarity, the same per year and per
 * authority, and inspection reports' grades per judgement area.  Rendered
 * by render_summary.c.
 */
#include "summary.h"

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
	osc_free(s->a, s->all.themes);
	osc_free(s->a, s);
}

void osc_summary_add_error(osc_summary *s)
{
	if (s)
		s->errors++;
}

static bool same_key(const char *a, const char *b)
{
	size_t n = strlen(a);
	return strlen(b) == n && osc_starts_with_ci(a, n, b);
}

/* The group named `key` in *v (added, in sorted place, when new). */
static osc_sum_group *group(osc_summary *s, osc_sum_group **v, size_t *n,
			    size_t *cap, const char *key)
{
	size_t at = 0;
	while (at < *n) {
		int c = strcmp((*v)[at].key, key);
		if (c == 0 || same_key((*v)[at].key, key))
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

static void count_doc(osc_sum_group *g, const osc_doc *doc, size_t n_themes)
{
	g->documents++;
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
		for (size_t i = 0; i < osc_doc_item_count(doc, (osc_section)sec); i++) {
			g->items++;
			g->by_polarity[osc_doc_item(doc, (osc_section)sec, i)->polarity]++;
		}
	for (size_t t = 0; t < n_themes; t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		for (int p = 0; p < OSC_POLARITY_COUNT; p++)
			g->themes[t].by_polarity[p] += tl->by_polarity[p];
	}
}

/*
 * One name per authority, however a letter or report styles it:
 * "Birmingham City Council", "the London Borough of Camden", "Derby City",
 * "City of York Council", "Bradford Children and Families Trust" and
 * "Telford & Wrekin" are Birmingham, Camden, Derby, York, Bradford and
 * Telford and Wrekin; and the two names in use for two places, "Newcastle
 * upon Tyne" and "East Riding of Yorkshire", are Newcastle and East Riding.
 * Into buf (cap bytes).
 */
static const char *authority_key(const char *name, char *buf, size_t cap)
{
	static const char *const prefixes[] = {
		"the ", "London Borough of ", "Royal Borough of ", "City of ", "Borough of ",
		"County of ", "Council of ",
	};
	static const char *const suffixes[] = {
		" Metropolitan Borough Council", " Metropolitan District Council",
		" District Metropolitan Council", " Metropolitan Borough", " Borough Council",
		" County Council", " City Council", " District Council", " Council", " County",
		" City", " City of", " Borough", " MBC", " Children and Families Trust",
		" Children's Trust", " Children\xE2\x80\x99s Trust", " upon Tyne", " of Yorkshire",
	};
	size_t n = strlen(name);
	for (bool again = true; again;) {
		again = false;
		for (size_t i = 0; i < OSC_ARRAY_LEN(prefixes); i++) {
			size_t k = strlen(prefixes[i]);
			if (n > k + 2 && osc_starts_with_ci(name, n, prefixes[i]))
				name += k, n -= k, again = true;
		}
		for (size_t i = 0; i < OSC_ARRAY_LEN(suffixes); i++) {
			size_t k = strlen(suffixes[i]);
			if (n > k + 2 && osc_starts_with_ci(name + n - k, k, suffixes[i]))
				n -= k, again = true;
		}
	}
	/* "&" as "and" */
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < cap; i++) {
		if (name[i] == '&' && o + 4 < cap) {
			memcpy(buf + o, "and", 3);
			o += 3;
		} else if (name[i] != '&') {
			buf[o++] = name[i];
		}
	}
	buf[o] = '\0';
	return buf;
}

osc_status osc_summary_add(osc_summary *s, const osc_doc *doc)
{
	if (!s || !doc || osc_doc_rules(doc) != s->rules)
		return OSC_EINVAL;
	/* the groups first: nothing is counted if one cannot be made */
	char year[8] = "unknown";
	const char *d = osc_doc_dated(doc);
	if (d && strlen(d) >= 4) {
		memcpy(year, d, 4);
		year[4] = '\0';
	}
	char key[128];
	const char *auth = osc_doc_authority(doc);
	if (auth)
		auth = authority_key(auth, key, sizeof key);
	osc_sum_group *y = group(s, &s->years, &s->n_years, &s->cap_years, year);
	osc_sum_group *g = y ? group(s, &s->authorities, &s->n_authorities,
				     &s->cap_authorities, auth ? auth : "unknown") : NULL;
	if (!g)
		return OSC_ENOMEM;
	count_doc(&s->all, doc, s->n_themes);
	count_doc(y, doc, s->n_themes);
	count_doc(g, doc, s->n_themes);
	osc_kind k = osc_doc_kind(doc);
	if ((unsigned)k < OSC_ARRAY_LEN(s->kinds))
		s->kinds[k]++;
	for (size_t i = 0; i < osc_doc_judgement_count(doc); i++) {
		const osc_judgement *j = osc_doc_judgement(doc, i);
		if ((unsigned)j->area < OSC_SUM_AREAS && (unsigned)j->grade < OSC_SUM_GRADES)
			s->grades[j->area][j->grade]++;
	}
	return OSC_OK;
}
