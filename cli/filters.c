/*
 * filters.c - the conditions a run checks: --fail-on on every item (before
 * --theme narrows the output), --theme's ids, and --since's date.
 */
#define _POSIX_C_SOURCE 200809L
#include "filters.h"
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

bool theme_indexes(const osc_rules *r, const char *const *ids, size_t n, int *idx)
{
	for (size_t k = 0; k < n; k++) {
		idx[k] = osc_rules_theme_index(r, ids[k]);
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
