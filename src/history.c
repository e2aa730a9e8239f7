/*
 * history.c - a document against its predecessor (--history): a digest of
 * the earlier document, and what changed: judgements per area, each
 * theme's strengths and concerns, improvement points that recur, concerns
 * that are new and concerns not raised again.
 *
 * An improvement point recurs when it is like one of the previous
 * document's points, or says so.  Alike: they share a theme and their
 * content words overlap (Dice coefficient of the word sets, at least
 * RECUR_SIMILARITY), where content words leave out function words and the
 * words every improvement point uses ("quality", "impact", "children",
 * "practice"...), which would make any two alike.  Saying so: its words
 * name an earlier inspection or visit (lexicon.c, osc_refers_back).
 */
#include "history.h"
#include "lexicon.h"
#include "text.h"
#include "writers.h"

#include <stdlib.h>
#include <string.h>

/* At 0.5, over the 335 pairs of consecutive documents of an authority in
 * the shared corpus, 40 of 1,235 points recur; below it, points that only
 * share a theme's vocabulary ("management oversight") start to pass. */
#define RECUR_SIMILARITY 0.5
#define MAX_WORDS 128

/* ---- content words ------------------------------------------------------- */

/* Function words and the words of any improvement point; sorted. */
static const char *const common[] = {
	"about", "across", "all", "also", "and", "any", "are", "arrangement", "being",
	"been", "between", "both", "but", "can", "child", "children", "consistency",
	"consistent", "could", "does", "each", "effective", "effectiveness", "ensure",
	"ensuring", "for", "from", "has", "have", "how", "impact", "improve",
	"improvement", "including", "into", "its", "level", "made", "make", "more",
	"most", "need", "not", "other", "over", "practice", "quality", "right", "service",
	"should", "social", "some", "such", "support", "than", "that", "the", "their",
	"them", "there", "these", "they", "this", "those", "through", "timeliness",
	"timely", "under", "very", "well", "were", "when", "where", "which", "while",
	"who", "will", "with", "within", "without", "work", "worker", "would",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Lower-case ASCII words of three letters or more, a plural's "s" cut
 * ("plans" and "plan" are one), without the common ones: their hashes,
 * sorted and unique, into out (at most MAX_WORDS).  Returns how many. */
static size_t content_words(const char *s, uint32_t *out)
{
	size_t n = 0;
	for (size_t i = 0; s[i] && n < MAX_WORDS;) {
		char w[32];
		size_t k = 0;
		while (s[i] && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			i++;
		while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')) {
			if (k < sizeof w - 1)
				w[k++] = osc_ascii_lower(s[i]);
			i++;
		}
		if (k > 4 && w[k - 1] == 's' && w[k - 2] != 's')
			k--;
		w[k] = '\0';
		const char *key = w;
		if (k < 3 || bsearch(&key, common, OSC_ARRAY_LEN(common), sizeof *common, cmp_str))
			continue;
		uint32_t h = 2166136261u; /* FNV-1a */
		for (size_t j = 0; j < k; j++)
			h = (h ^ (unsigned char)w[j]) * 16777619u;
		out[n++] = h;
	}
	qsort(out, n, sizeof *out, cmp_u32);
	size_t u = 0;
	for (size_t j = 0; j < n; j++)
		if (!u || out[u - 1] != out[j])
			out[u++] = out[j];
	return u;
}

/* Dice coefficient of two sorted sets. */
static double dice(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	if (!na || !nb)
		return 0;
	size_t i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			both++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)both / (double)(na + nb);
}

/* ---- the digest ---------------------------------------------------------- */

static bool keep_point(osc_digest *d, osc_section sec, const osc_item *it, osc_digest_point *p)
{
	uint32_t w[MAX_WORDS];
	p->sec = sec;
	p->index = it->index;
	p->text = osc_arena_strdup(&d->ar, it->text);
	p->n_words = content_words(it->text, w);
	p->words = osc_arena_alloc(&d->ar, (p->n_words ? p->n_words : 1) * sizeof *w);
	p->n_themes = it->n_themes;
	p->themes = osc_arena_alloc(&d->ar, (it->n_themes ? it->n_themes : 1) * sizeof(int));
	if (!p->text || !p->words || !p->themes)
		return false;
	memcpy(p->words, w, p->n_words * sizeof *w);
	for (size_t t = 0; t < it->n_themes; t++)
		p->themes[t] = it->themes[t].theme;
	return true;
}

static const char *dup_or_null(osc_arena *ar, const char *s, bool *ok)
{
	if (!s)
		return NULL;
	const char *c = osc_arena_strdup(ar, s);
	*ok = *ok && c;
	return c;
}

osc_digest *osc_digest_new(const osc_doc *doc, osc_error *err)
{
	if (!doc) {
		osc_set_error(err, OSC_EINVAL, 0, "bad arguments");
		return NULL;
	}
	osc_arena ar;
	osc_arena_init(&ar, osc_doc_allocator(doc));
	osc_digest *d = osc_arena_alloc(&ar, sizeof *d);
	if (!d) {
		osc_arena_free(&ar);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	memset(d, 0, sizeof *d);
	d->ar = ar;
	bool ok = true;
	d->source = dup_or_null(&d->ar, osc_doc_source(doc), &ok);
	d->date = dup_or_null(&d->ar, osc_doc_dated(doc), &ok);
	d->key = osc_doc_authority_key(doc); /* static */
	d->authority = dup_or_null(&d->ar, osc_doc_authority(doc), &ok);
	const char *hl = osc_doc_headline(doc);
	const char *brk = hl ? strstr(hl, "\n\n") : NULL;
	d->headline = !hl ? NULL : brk ? osc_arena_strndup(&d->ar, hl, (size_t)(brk - hl))
				 : osc_arena_strdup(&d->ar, hl);
	ok = ok && (!hl || d->headline);
	d->kind = osc_doc_kind(doc);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
		d->items[sec] = osc_doc_item_count(doc, (osc_section)sec);
	osc_doc_polarity_counts(doc, d->by_polarity);
	d->n_judgements = osc_doc_judgements(doc, d->judgements, OSC_ARRAY_LEN(d->judgements));
	d->n_themes = osc_rules_theme_count(osc_doc_rules(doc));
	size_t nt = d->n_themes ? d->n_themes : 1;
	d->strengths = osc_arena_alloc(&d->ar, nt * sizeof(size_t));
	d->concerns = osc_arena_alloc(&d->ar, nt * sizeof(size_t));
	ok = ok && d->strengths && d->concerns;
	for (size_t t = 0; ok && t < d->n_themes; t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		d->strengths[t] = tl->by_polarity[OSC_POLARITY_STRENGTH];
		d->concerns[t] = tl->by_polarity[OSC_POLARITY_CONCERN];
	}
	size_t np = osc_doc_item_count(doc, OSC_SECTION_IMPROVEMENTS) +
		    osc_doc_item_count(doc, OSC_SECTION_PRIORITY_ACTIONS);
	d->points = ok ? osc_arena_alloc(&d->ar, (np ? np : 1) * sizeof *d->points) : NULL;
	ok = ok && d->points;
	for (int sec = OSC_SECTION_IMPROVEMENTS; ok && sec <= OSC_SECTION_PRIORITY_ACTIONS; sec++)
		for (size_t i = 0; ok && i < osc_doc_item_count(doc, (osc_section)sec); i++)
			ok = keep_point(d, (osc_section)sec, osc_doc_item(doc, (osc_section)sec, i),
					&d->points[d->n_points++]);
	if (!ok) {
		osc_digest_free(d);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	return d;
}

void osc_digest_free(osc_digest *d)
{
	if (!d)
		return;
	osc_arena ar = d->ar; /* the digest lives in its own arena */
	osc_arena_free(&ar);
}

const char *osc_digest_source(const osc_digest *d) { return d ? d->source : NULL; }
const char *osc_digest_date(const osc_digest *d) { return d ? d->date : NULL; }
const char *osc_digest_authority_key(const osc_digest *d) { return d ? d->key : NULL; }

bool osc_digest_precedes(const osc_digest *prev, const osc_doc *doc)
{
	if (!prev || !doc || !prev->key || !prev->date)
		return false;
	const char *key = osc_doc_authority_key(doc), *date = osc_doc_dated(doc);
	if (!key || !date || strcmp(prev->date, date) >= 0)
		return false;
	return strcmp(prev->key, key) == 0 || osc_authority_succeeds(key, prev->key);
}

/* ---- the comparison ------------------------------------------------------ */

static bool share_theme(const osc_digest_point *p, const osc_item *it)
{
	for (size_t a = 0; a < p->n_themes; a++)
		for (size_t b = 0; b < it->n_themes; b++)
			if (p->themes[a] == it->themes[b].theme)
				return true;
	return false;
}

static int grade_in(const osc_judgement *v, size_t n, osc_area a)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].area == a)
			return (int)v[i].grade;
	return -1;
}

osc_status osc_history_build(osc_arena *ar, const osc_doc *doc, const osc_digest *prev,
			     osc_history **out)
{
	*out = NULL;
	if (!prev)
		return OSC_OK;
	osc_history *h = osc_arena_alloc(ar, sizeof *h);
	if (!h)
		return OSC_ENOMEM;
	memset(h, 0, sizeof *h);
	h->source = osc_arena_strdup(ar, prev->source);
	h->date = prev->date ? osc_arena_strdup(ar, prev->date) : NULL;
	h->kind = prev->kind;
	if (!h->source || (prev->date && !h->date))
		return OSC_ENOMEM;

	/* judgements: every area judged in either, in the areas' order */
	osc_judgement_change *jc = osc_arena_alloc(ar, (OSC_AREA_ADOPTION + 1) * sizeof *jc);
	if (!jc)
		return OSC_ENOMEM;
	osc_judgement now[OSC_MAX_JUDGEMENTS];
	size_t nn = osc_doc_judgements(doc, now, OSC_ARRAY_LEN(now));
	for (int a = 0; a <= OSC_AREA_ADOPTION; a++) {
		int before = grade_in(prev->judgements, prev->n_judgements, (osc_area)a);
		int after = grade_in(now, nn, (osc_area)a);
		if (before >= 0 || after >= 0)
			jc[h->n_judgements++] = (osc_judgement_change){ (osc_area)a, before, after };
	}
	h->judgements = jc;

	/* themes: strengths and concerns before and after; concerns new and gone */
	size_t nt = osc_rules_theme_count(osc_doc_rules(doc));
	if (nt > prev->n_themes)
		nt = prev->n_themes; /* (the same rules: equal) */
	osc_theme_change *tc = osc_arena_alloc(ar, (nt ? nt : 1) * sizeof *tc);
	int *fresh = osc_arena_alloc(ar, (nt ? nt : 1) * sizeof(int));
	int *gone = osc_arena_alloc(ar, (nt ? nt : 1) * sizeof(int));
	if (!tc || !fresh || !gone)
		return OSC_ENOMEM;
	for (size_t t = 0; t < nt; t++) {
		const osc_theme_tally *tl = osc_doc_theme_tally(doc, t);
		osc_theme_change c = { (int)t, prev->strengths[t], prev->concerns[t],
				       tl->by_polarity[OSC_POLARITY_STRENGTH],
				       tl->by_polarity[OSC_POLARITY_CONCERN] };
		if (c.strengths_before || c.concerns_before || c.strengths_after || c.concerns_after)
			tc[h->n_themes++] = c;
		if (c.concerns_after && !c.concerns_before)
			fresh[h->n_new_concerns++] = (int)t;
		if (c.concerns_before && !c.concerns_after)
			gone[h->n_dropped_concerns++] = (int)t;
	}
	h->themes = tc, h->new_concerns = fresh, h->dropped_concerns = gone;

	/* improvement points that recur */
	size_t np = osc_doc_item_count(doc, OSC_SECTION_IMPROVEMENTS) +
		    osc_doc_item_count(doc, OSC_SECTION_PRIORITY_ACTIONS);
	osc_recurring *rc = osc_arena_alloc(ar, (np ? np : 1) * sizeof *rc);
	if (!rc)
		return OSC_ENOMEM;
	uint32_t w[MAX_WORDS];
	for (int sec = OSC_SECTION_IMPROVEMENTS; sec <= OSC_SECTION_PRIORITY_ACTIONS; sec++)
		for (size_t i = 0; i < osc_doc_item_count(doc, (osc_section)sec); i++) {
			const osc_item *it = osc_doc_item(doc, (osc_section)sec, i);
			size_t nw = content_words(it->text, w);
			const osc_digest_point *best = NULL;
			double bs = 0;
			for (size_t k = 0; k < prev->n_points; k++) {
				const osc_digest_point *p = &prev->points[k];
				double s = share_theme(p, it) ? dice(p->words, p->n_words, w, nw) : 0;
				if (s > bs)
					bs = s, best = p;
			}
			bool alike = bs >= RECUR_SIMILARITY;
			bool said = osc_refers_back(it->text, strlen(it->text));
			if (!alike && !said)
				continue;
			const char *before = alike ? osc_arena_strdup(ar, best->text) : NULL;
			if (alike && !before)
				return OSC_ENOMEM;
			rc[h->n_recurring++] = (osc_recurring){ (osc_section)sec, it->index, it->text,
								before, alike ? bs : 0, said };
		}
	h->recurring = rc;
	*out = h;
	return OSC_OK;
}
