/*
 * filters.c - the conditions a run checks: --fail-on on every item (before
 * --theme and --grep narrow the output), --theme's ids, --grep's pattern,
 * and --since's and --until's dates.
 */
#define _POSIX_C_SOURCE 200809L
#include "filters.h"
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An unknown theme id: say which ids there are. */
static void unknown_theme(const osc_rules *r, const char *what, const char *id)
{
	fprintf(stderr, "%s: %s: unknown theme '%s'; the themes are:", prog, what, id);
	for (size_t i = 0; i < osc_rules_theme_count(r); i++)
		fprintf(stderr, " %s", osc_rules_theme_id(r, i));
	fputc('\n', stderr);
}

bool parse_fail_on(const osc_rules *r, const char *spec, fail_cond *c)
{
	char buf[512];
	if (strlen(spec) >= sizeof buf) {
		msg(NULL, "--fail-on: condition too long: '%s'", spec);
		return false;
	}
	strcpy(buf, spec);
	char *colon = strchr(buf, ':');
	if (colon)
		*colon = '\0';
	osc_polarity p;
	if (strcmp(buf, "any") == 0) {
		c->polarity = -1;
	} else if (osc_polarity_parse(buf, &p)) {
		c->polarity = (int)p;
	} else {
		fprintf(stderr, "%s: --fail-on '%s': unknown polarity '%s' (strength, concern, "
				"mixed, neutral or any)\n", prog, spec, buf);
		return false;
	}
	c->n_themes = 0;
	if (!colon)
		return true;
	/* every theme named: no empty one ("concern:health," or ",,") */
	const char *list = colon + 1;
	size_t ll = strlen(list);
	if (ll && (list[0] == ',' || list[ll - 1] == ',' || strstr(list, ",,"))) {
		fprintf(stderr, "%s: --fail-on '%s': an empty theme in the list\n", prog, spec);
		return false;
	}
	char *save = NULL;
	for (char *t = strtok_r(colon + 1, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (c->n_themes == MAX_FAIL_THEMES) {
			fprintf(stderr, "%s: --fail-on '%s': too many themes (at most %d)\n", prog,
				spec, MAX_FAIL_THEMES);
			return false;
		}
		int idx = osc_rules_theme_index(r, t);
		if (idx < 0) {
			unknown_theme(r, "--fail-on", t);
			return false;
		}
		c->themes[c->n_themes++] = idx;
	}
	if (!c->n_themes) {
		fprintf(stderr, "%s: --fail-on '%s': no theme after ':'\n", prog, spec);
		return false;
	}
	return true;
}

bool cond_met(const fail_cond *c, const osc_item *it)
{
	if (c->polarity >= 0 && (int)it->polarity != c->polarity)
		return false;
	if (!c->n_themes)
		return true;
	for (size_t t = 0; t < it->n_themes; t++)
		for (size_t k = 0; k < c->n_themes; k++)
			if (it->themes[t].theme == c->themes[k])
				return true;
	return false;
}

void fail_line(FILE *f, const char *spec, osc_section sec, size_t i, const osc_item *it)
{
	fprintf(f, "--fail-on %s: %s %zu", spec, osc_section_name(sec), i + 1);
	char where[48];
	if (osc_item_where(it, where, sizeof where))
		fprintf(f, " (%s)", where);
	/* its first words: up to 60 bytes, cut at a space */
	size_t n = strlen(it->text), cut = n;
	if (n > 60) {
		cut = 60;
		while (cut > 20 && it->text[cut] != ' ')
			cut--;
	}
	fprintf(f, ": %.*s%s", (int)cut, it->text, cut < n ? " \xE2\x80\xA6" : "");
}

/* A theme by id, else by label (ignoring case), or -1. */
static int theme_by_name(const osc_rules *r, const char *name)
{
	int i = osc_rules_theme_index(r, name);
	for (size_t t = 0; i < 0 && t < osc_rules_theme_count(r); t++)
		if (strcasecmp(osc_rules_theme_label(r, t), name) == 0)
			i = (int)t;
	return i;
}

bool theme_indexes(const osc_rules *r, const char *const *ids, size_t n, int *idx)
{
	for (size_t k = 0; k < n; k++) {
		idx[k] = theme_by_name(r, ids[k]);
		if (idx[k] < 0) {
			unknown_theme(r, "--theme", ids[k]);
			return false;
		}
	}
	return true;
}

bool valid_since(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	/* a month that exists, a day that its month has */
	int y = atoi(s), m = n >= 7 ? atoi(s + 5) : 1, d = n == 10 ? atoi(s + 8) : 1;
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

bool dated_since(const osc_doc *d, const char *since)
{
	const char *date = osc_doc_dated(d);
	return date && strncmp(date, since, strlen(since)) >= 0;
}

bool dated_until(const osc_doc *d, const char *until)
{
	const char *date = osc_doc_dated(d);
	return date && strncmp(date, until, strlen(until)) <= 0;
}

pcre2_code *grep_compile(const char *pattern)
{
	int code;
	PCRE2_SIZE at;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP |
					       PCRE2_MATCH_INVALID_UTF,
				       &code, &at, NULL);
	if (!re) {
		PCRE2_UCHAR why[160];
		pcre2_get_error_message(code, why, sizeof why);
		fprintf(stderr, "%s: --grep '%s': %s at offset %zu\n", prog, pattern,
			(const char *)why, (size_t)at);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* the interpreter if it cannot */
	return re;
}

bool item_kept(const osc_item *it, osc_section sec, size_t i, void *ctx)
{
	(void)sec, (void)i;
	item_filter *f = ctx;
	bool keep = !f->n_themes;
	for (size_t k = 0; k < it->n_themes && !keep; k++)
		for (size_t j = 0; j < f->n_themes && !keep; j++)
			keep = it->themes[k].theme == f->themes[j];
	if (keep && f->re) {
		int rc = pcre2_match(f->re, (PCRE2_SPTR)it->text, strlen(it->text), 0, 0, f->md, NULL);
		if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
			f->failed = true;
		keep = rc >= 0;
	}
	return keep;
}
