/*
 * meta_inspectors.c - the inspectors named in a letter's opening sentence
 * or a report's title page ("Lead inspector: ...").
 */
#include "meta_internal.h"

#include <string.h>

/* the blocks after "The inspection team" that can hold its names */
#define TEAM_BLOCKS 12

/* Words that are titles, not names, in an inspectors sentence. */
static bool is_title_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"her", "his", "majesty's", "majesty\xE2\x80\x99s", "inspectors", "inspector",
		"hmi", "hmis", "ofsted", "senior", "both", "two", "three", "four", "of",
		"all", "lead", "the", "social", "care", "regulatory", "designate",
		"were", "was", "by", "visit", "this", "for", "inspection", "team",
		"were:", "and", "an", "a", "is", "are",
	};
	for (size_t i = 0; i < OSC_ARRAY_LEN(words); i++)
		if (strlen(words[i]) == n && osc_starts_with_ci(w, n, words[i]))
			return true;
	return false;
}

static bool is_name_particle(const char *w, size_t n)
{
	static const char *const p[] = { "de", "da", "van", "von", "der", "le", "la", "du", "bin", "al", "del" };
	for (size_t i = 0; i < OSC_ARRAY_LEN(p); i++)
		if (strlen(p[i]) == n && memcmp(w, p[i], n) == 0)
			return true;
	return false;
}

/* One comma- or "and"-separated chunk: keep it when what is left after the
 * titles looks like a name (two to five capitalised words). */
static osc_status take_name(osc_mctx *c, const char *s, size_t n, size_t *cap)
{
	char name[160];
	size_t len = 0, words = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		size_t w = i;
		while (i < n && s[i] != ' ')
			i++;
		size_t wl = i - w;
		if (!wl || is_title_word(s + w, wl))
			continue;
		bool cap_ok = (s[w] >= 'A' && s[w] <= 'Z') || (unsigned char)s[w] >= 0xC3 ||
			      is_name_particle(s + w, wl);
		for (size_t k = w; k < w + wl; k++)
			if (osc_is_digit(s[k]))
				cap_ok = false;
		/* a name followed by other words (a sentence without its full
		 * stop): the name is what came before them */
		if (!cap_ok && words >= 2)
			break;
		if (!cap_ok || len + wl + 2 > sizeof name)
			return OSC_OK;
		if (len)
			name[len++] = ' ';
		memcpy(name + len, s + w, wl);
		len += wl;
		words++;
	}
	if (words < 2 || words > 5)
		return OSC_OK;
	const char *dup = osc_arena_strndup(c->ar, name, len);
	if (!dup)
		return OSC_ENOMEM;
	return osc_meta_add_str(c, &c->m->inspectors, &c->m->n_inspectors, cap, dup);
}

/* The length of s up to the first "Her Majesty", "His Majesty" or "HMI"
 * after a lead inspector's name. */
static size_t name_before_title(const char *s, size_t n)
{
	static const char *const titles[] = { " Her Majesty", " His Majesty", " HMI" };
	for (size_t t = 0; t < OSC_ARRAY_LEN(titles); t++) {
		long at = osc_find_ci(s, n, titles[t], NULL);
		if (at >= 0)
			n = (size_t)at;
	}
	return n;
}

/* The names in s[0, n): chunks cut at commas, "and", "&", "with" and
 * colons, bracketed text dropped, each kept when it reads as a name. */
static osc_status take_names(osc_mctx *c, const char *s, size_t n)
{
	size_t cap = 0, st = 0, k = 0;
	int depth = 0;
	osc_status rc = OSC_OK;
	while (k < n && !rc) {
		char ch = s[k];
		if (ch == '(') {
			if (!depth)
				rc = take_name(c, s + st, k - st, &cap);
			depth++, k++;
		} else if (ch == ')') {
			depth -= depth > 0;
			st = ++k;
		} else if (depth) {
			k++;
		} else if (ch == ',' || ch == '&' || ch == ':') {
			rc = take_name(c, s + st, k - st, &cap);
			st = ++k;
		} else if (n - k >= 5 && (memcmp(s + k, " and ", 5) == 0 ||
					  memcmp(s + k, " with", 5) == 0)) {
			rc = take_name(c, s + st, k - st, &cap);
			k += 5;
			st = k;
		} else {
			k++;
		}
	}
	if (!rc && !depth && st < n)
		rc = take_name(c, s + st, n - st, &cap);
	return rc;
}

/* A single-inspection-framework report names its team at its end: "The
 * inspection team ... Lead inspector: A, HMI Deputy lead inspector: B, HMI
 * Team inspectors: C, HMI, D, HMI ..." up to the officers who are not
 * inspectors. */
static osc_status team_inspectors(osc_mctx *c)
{
	for (size_t i = 0; i < c->bl->n; i++) {
		const osc_block *b = &c->bl->v[i];
		if (osc_find_ci(b->text, b->len, "The inspection team", NULL) < 0)
			continue;
		/* the team, on the lines after the heading (one block of text,
		 * or a block a line from a PDF) */
		osc_buf t;
		osc_buf_init(&t, c->a);
		for (size_t j = i; j < c->bl->n && j < i + TEAM_BLOCKS; j++) {
			osc_buf_add(&t, c->bl->v[j].text, c->bl->v[j].len);
			osc_buf_addc(&t, '\n');
		}
		if (t.failed) {
			osc_buf_free(&t);
			return OSC_ENOMEM;
		}
		const char *s = t.data;
		size_t n = t.len, ml;
		long at = osc_find_ci(s, n, "Lead inspector:", &ml);
		osc_status rc = OSC_OK;
		if (at >= 0) {
			s += at + ml, n -= (size_t)at + ml;
			/* the officers after the inspectors are not inspectors */
			static const char *const others[] = { "Senior analytical officer", "Senior data analyst",
							      "Quality assurance manager", "Any complaints" };
			for (size_t k = 0; k < OSC_ARRAY_LEN(others); k++) {
				long o = osc_find_ci(s, n, others[k], NULL);
				if (o >= 0)
					n = (size_t)o;
			}
			/* each role's label separates the names as a comma does */
			char *w = t.data + (s - t.data);
			static const char *const roles[] = { "Deputy lead inspector", "Team inspectors",
							     "Team inspector", "Shadow inspectors",
							     "Shadow inspector", "Supernumerary inspector" };
			for (size_t k = 0; k < OSC_ARRAY_LEN(roles); k++) {
				long r;
				size_t rl;
				while ((r = osc_find_ci(w, n, roles[k], &rl)) >= 0)
					memset(w + r, ',', rl);
			}
			for (size_t k = 0; k < n; k++)
				if (w[k] == '\n')
					w[k] = ' ';
			rc = take_names(c, s, n);
		}
		osc_buf_free(&t);
		return rc;
	}
	return OSC_OK;
}

osc_status osc_meta_inspectors(osc_mctx *c)
{
	/* a report that lists its team names every inspector there */
	if (c->kind == OSC_KIND_INSPECTION_REPORT) {
		osc_status rc = team_inspectors(c);
		if (rc || c->m->n_inspectors)
			return rc;
	}
	static const char *const anchors[] = {
		"inspectors for this visit were ", "inspectors for this visit are ",
		"inspectors for the visit were ",
		"inspectors were ", "inspector was ", "inspectors are ",
		"visit was carried out by ", "visit was conducted by ",
		"visit was undertaken by ", "carried out by ", "conducted by ",
		"undertaken by ", "Lead inspectors: ", "Lead inspector: ", "Lead inspector ",
		"Lead inspectors:", "Lead inspector:",
		"inspection team was ", "inspection team were ",
		"for this visit were ", "for the visit were ",
	};
	for (size_t i = 0; i < c->end; i++) {
		const osc_block *b = &c->bl->v[i];
		/* every anchor holds one of these: three searches, not
		 * eighteen, for the blocks that have none (most of them) */
		static const char *const stems[] = { "nspect", " by ", "visit were " };
		if (!osc_contains_any_ci(b->text, b->len, stems, OSC_ARRAY_LEN(stems)))
			continue;
		const char *s;
		size_t n;
		for (size_t a = 0; osc_after_any_ci(b->text, b->len, anchors, OSC_ARRAY_LEN(anchors), &a, &s, &n);
		     a++) {
			/* the label alone, the names in the next block */
			if (n == osc_lspace(s, n) && i + 1 < c->bl->n)
				s = c->bl->v[i + 1].text, n = c->bl->v[i + 1].len;
			n = osc_meta_sentence_end(s, n);
			/* a title page run together: "Lead inspector: Jane Doe
			 * Her Majesty's Inspector Judgement Grade ..." (one
			 * lead inspector; several are listed with their titles) */
			if (strncmp(anchors[a], "Lead inspector:", 15) == 0 ||
			    strcmp(anchors[a], "Lead inspector ") == 0)
				n = name_before_title(s, n);
			/* a JTAI's "carried out by inspectors from Ofsted, the
			 * CQC ..." names inspectorates, not people */
			if (osc_starts_with_ci(s, n, "inspectors from ") ||
			    osc_starts_with_ci(s, n, "inspectors of "))
				continue;
			osc_status rc = take_names(c, s, n);
			if (rc)
				return rc;
			if (c->m->n_inspectors)
				return OSC_OK;
		}
	}
	return OSC_OK;
}
