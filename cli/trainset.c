/*
 * trainset.c - labelled items from JSON Lines, one object a line:
 *   {"id", "doc", "kind", "section", "text", "themes": [...], "polarity",
 *    "note"}
 * (../shared/corpus/train/README.md).  A small reader for exactly this:
 * strings (every escape, \u with surrogate pairs), arrays of strings, and
 * any other value skipped.  The cross-validation group of an item is its
 * document's authority: "fv_bedford_2019-01" -> "bedford".
 */
#define _POSIX_C_SOURCE 200809L
#include "trainset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct jp {
	const char *p, *end;
	const char *err;
} jp;

static void ws(jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
		j->p++;
}

static bool eat(jp *j, char c)
{
	ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

static unsigned hex4(jp *j)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++, j->p++) {
		char c = j->p < j->end ? *j->p : 0;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (unsigned)((c | 0x20) - 'a' + 10);
		else
			j->err = "bad \\u escape";
	}
	return v;
}

static void put_utf8(char **o, unsigned cp)
{
	unsigned char *u = (unsigned char *)*o;
	if (cp < 0x80) {
		*u++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*u++ = (unsigned char)(0xC0 | cp >> 6);
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*u++ = (unsigned char)(0xE0 | cp >> 12);
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*u++ = (unsigned char)(0xF0 | cp >> 18);
		*u++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*o = (char *)u;
}

/* A string (the opening quote next): malloc'd, or NULL with j->err. */
static char *string(jp *j)
{
	if (!eat(j, '"')) {
		j->err = "expected a string";
		return NULL;
	}
	/* the decoded text is never longer than the escaped one */
	const char *q = j->p;
	while (q < j->end && *q != '"')
		q += *q == '\\' ? 2 : 1;
	char *out = malloc((size_t)(q - j->p) + 4), *o = out;
	if (!out) {
		j->err = "out of memory";
		return NULL;
	}
	while (j->p < j->end && *j->p != '"' && !j->err) {
		char c = *j->p++;
		if (c != '\\') {
			*o++ = c;
			continue;
		}
		c = j->p < j->end ? *j->p++ : 0;
		switch (c) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case '"': case '\\': case '/': *o++ = c; break;
		case 'u': {
			unsigned cp = hex4(j);
			if (cp >= 0xD800 && cp < 0xDC00 && j->p + 1 < j->end && j->p[0] == '\\' &&
			    j->p[1] == 'u') {
				j->p += 2;
				unsigned lo = hex4(j);
				cp = lo >= 0xDC00 && lo < 0xE000 ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
								 : 0xFFFD;
			} else if (cp >= 0xD800 && cp < 0xE000) {
				cp = 0xFFFD;
			}
			put_utf8(&o, cp);
			break;
		}
		default: j->err = "bad escape"; break;
		}
	}
	if (!j->err && !eat(j, '"'))
		j->err = "unterminated string";
	*o = '\0';
	if (j->err) {
		free(out);
		return NULL;
	}
	return out;
}

/* Skip any value. */
static void skip(jp *j)
{
	ws(j);
	if (j->p >= j->end) {
		j->err = "expected a value";
		return;
	}
	if (*j->p == '"') {
		free(string(j));
	} else if (*j->p == '[' || *j->p == '{') {
		char close = *j->p == '[' ? ']' : '}';
		j->p++;
		if (eat(j, close))
			return;
		do {
			if (close == '}') {
				free(string(j));
				if (!j->err && !eat(j, ':'))
					j->err = "expected ':'";
			}
			if (!j->err)
				skip(j);
		} while (!j->err && eat(j, ','));
		if (!j->err && !eat(j, close))
			j->err = "expected ',' or a closing bracket";
	} else {
		while (j->p < j->end && *j->p != ',' && *j->p != '}' && *j->p != ']' && *j->p != ' ')
			j->p++;
	}
}

static osc_kind kind_of(const char *s)
{
	for (int k = 0; k <= OSC_KIND_NEWS_SUMMARY; k++)
		if (strcmp(s, osc_kind_name((osc_kind)k)) == 0)
			return (osc_kind)k;
	return OSC_KIND_UNKNOWN;
}

/* "fv_bedford_2019-01" -> "bedford" (what lies between the first '_' and
 * the last). */
static char *group_of(const char *doc)
{
	const char *a = strchr(doc, '_'), *b = strrchr(doc, '_');
	if (!a || b <= a)
		return strdup(doc);
	return strndup(a + 1, (size_t)(b - a - 1));
}

static void item_free(titem *it)
{
	free(it->id);
	free(it->doc);
	free(it->text);
	free(it->note);
	free(it->group);
	for (size_t k = 0; k < it->n_themes; k++)
		free(it->themes[k]);
}

static const char *parse_item(jp *j, titem *it)
{
	char *section = NULL, *polarity = NULL, *kind = NULL;
	bool have_themes = false;
	if (!eat(j, '{'))
		return "expected an object";
	if (!eat(j, '}')) {
		do {
			char *key = string(j);
			if (!key)
				break;
			if (!eat(j, ':')) {
				free(key);
				j->err = "expected ':'";
				break;
			}
			char **dst = strcmp(key, "id") == 0 ? &it->id
				     : strcmp(key, "doc") == 0 ? &it->doc
				     : strcmp(key, "text") == 0 ? &it->text
				     : strcmp(key, "note") == 0 ? &it->note
				     : strcmp(key, "section") == 0 ? &section
				     : strcmp(key, "polarity") == 0 ? &polarity
				     : strcmp(key, "kind") == 0 ? &kind : NULL;
			if (dst) {
				free(*dst);
				*dst = string(j);
			} else if (strcmp(key, "themes") == 0) {
				have_themes = true;
				if (!eat(j, '[')) {
					j->err = "themes: expected an array";
				} else if (!eat(j, ']')) {
					do {
						char *t = string(j);
						if (t && it->n_themes == MAX_ITEM_THEMES) {
							free(t);
							j->err = "more themes than the taxonomy can have";
						} else if (t) {
							it->themes[it->n_themes++] = t;
						}
					} while (!j->err && eat(j, ','));
					if (!j->err && !eat(j, ']'))
						j->err = "themes: expected ']'";
				}
			} else {
				skip(j);
			}
			free(key);
		} while (!j->err && eat(j, ','));
		if (!j->err && !eat(j, '}'))
			j->err = "expected ',' or '}'";
	}
	const char *why = j->err;
	if (!why && (!it->text || !it->doc || !section || !polarity || !have_themes))
		why = "an item needs doc, section, text, themes and polarity";
	if (!why) {
		it->section = strcmp(section, "improvements") == 0 ? OSC_SECTION_IMPROVEMENTS
			    : strcmp(section, "priority_actions") == 0 ? OSC_SECTION_PRIORITY_ACTIONS
			    : strcmp(section, "findings") == 0 ? OSC_SECTION_FINDINGS
			    : OSC_SECTION_COUNT;
		if (it->section == OSC_SECTION_COUNT)
			why = "unknown section";
		else if (!osc_polarity_parse(polarity, &it->polarity))
			why = "unknown polarity";
		it->kind = kind ? kind_of(kind) : OSC_KIND_UNKNOWN;
		if (!why && !(it->group = group_of(it->doc)))
			why = "out of memory";
	}
	free(section);
	free(polarity);
	free(kind);
	return why;
}

bool tset_read(tset *s, const char *path, char *why, size_t why_len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f) {
		snprintf(why, why_len, "%s: cannot open", path);
		return false;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned lineno = 0;
	bool ok = true;
	while (ok && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		jp j = { line, line + n, NULL };
		ws(&j);
		if (j.p == j.end)
			continue;
		if (s->n == s->cap) {
			size_t nc = s->cap ? s->cap * 2 : 1024;
			titem *v = realloc(s->v, nc * sizeof *v);
			if (!v) {
				snprintf(why, why_len, "%s:%u: out of memory", path, lineno);
				ok = false;
				break;
			}
			s->v = v;
			s->cap = nc;
		}
		titem *it = &s->v[s->n];
		memset(it, 0, sizeof *it);
		const char *e = parse_item(&j, it);
		if (e) {
			snprintf(why, why_len, "%s:%u: %s", path, lineno, e);
			item_free(it);
			ok = false;
		} else {
			s->n++;
		}
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return ok;
}

void tset_free(tset *s)
{
	for (size_t i = 0; i < s->n; i++)
		item_free(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}
