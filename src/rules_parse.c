/*
 * rules_parse.c - read a rules text (docs/rules-format.md) into themes,
 * rules and settings, line by line, with an error that names the file and
 * line.
 */
#include "rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
	osc_rules *r;
	const char *name;
	unsigned line;
	int theme;     /* current [theme ...] section, -1 none */
	bool polarity; /* in [polarity] */
	bool settings; /* in [settings] */
	osc_error *err;
} parser;

static osc_status perr(parser *p, const char *fmt, const char *detail)
{
	char msg[200];
	snprintf(msg, sizeof msg, fmt, detail);
	return osc_set_error(p->err, OSC_ERULES, p->line, "%s:%u: %s", p->name, p->line, msg);
}

static char *trim_dup(osc_rules *r, const char *s, size_t n)
{
	size_t l = osc_lspace(s, n);
	s += l, n -= l;
	n -= osc_rspace(s, n);
	return osc_arena_strndup(&r->arena, s, n);
}

static bool valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* [settings]: the classifier's tunables (docs/rules-format.md). */
static osc_status set_setting(parser *p, const char *key, const char *val)
{
	static const struct {
		const char *name;
		size_t off;
		double lo, hi;
		bool whole; /* a whole number */
	} tab[] = {
		{ "threshold", offsetof(osc_rules, threshold), 0, 1000, false },
		{ "relative", offsetof(osc_rules, relative), 0, 1, false },
		{ "anchor", offsetof(osc_rules, anchor), 0, 100, false },
		{ "decisive", offsetof(osc_rules, decisive), 0, 1000, false },
		{ "max-themes", offsetof(osc_rules, max_themes), 1, 64, true },
		{ "first-sentence", offsetof(osc_rules, first_sentence), 1, 10, false },
		{ "negation-window", offsetof(osc_rules, negation_window), 0, 10, true },
		{ "mixed-ratio", offsetof(osc_rules, mixed_ratio), 0, 1, false },
		{ "pivot", offsetof(osc_rules, pivot), 0, 1000, false },
		{ "improvement-strength", offsetof(osc_rules, improvement_strength), 0, 1000, false },
	};
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
		if (strcmp(key, tab[i].name) != 0)
			continue;
		char *end;
		double v = strtod(val, &end);
		if (end == val || *end || !isfinite(v) || v < tab[i].lo || v > tab[i].hi) {
			char msg[160];
			snprintf(msg, sizeof msg, "bad %s '%.40s' (a number from %g to %g)",
				 key, val, tab[i].lo, tab[i].hi);
			return perr(p, "%s", msg);
		}
		if (tab[i].whole && v != floor(v))
			return perr(p, "bad %s (a whole number)", key);
		*(double *)((char *)p->r + tab[i].off) = v;
		return OSC_OK;
	}
	return perr(p, "unknown setting '%s' (threshold, relative, anchor, decisive, max-themes, first-sentence, negation-window, mixed-ratio, pivot, improvement-strength)", key);
}

static osc_status add_rule(parser *p, rkind kind, double weight, bool is_regex,
			   const char *src)
{
	osc_rules *r = p->r;
	if (!osc_grow(r->a, (void **)&r->rules, &r->cap_rules, r->n_rules + 1, sizeof *r->rules))
		return osc_set_error(p->err, OSC_ENOMEM, p->line, "out of memory");
	r->rules[r->n_rules++] = (rule){ .kind = kind, .theme = p->theme, .weight = weight,
					.is_regex = is_regex, .src = src, .file = p->name,
					.line = p->line };
	return OSC_OK;
}

/* "key", "key 2.5" or "key-regex 3" on the left of '='. */
static osc_status parse_entry(parser *p, const char *key, size_t kn,
			      const char *val)
{
	char kbuf[64];
	if (kn >= sizeof kbuf)
		return perr(p, "unknown key '%.40s'", key);
	memcpy(kbuf, key, kn);
	kbuf[kn] = '\0';
	double weight = 1.0;
	char *sp = strchr(kbuf, ' ');
	if (sp) {
		*sp = '\0';
		char *end;
		weight = strtod(sp + 1, &end);
		while (*end == ' ')
			end++;
		if (end == sp + 1 || *end || !isfinite(weight) || weight <= 0 || weight > 100)
			return perr(p, "bad weight '%s' (a number above 0, at most 100)", sp + 1);
	}
	if (p->settings)
		return set_setting(p, kbuf, val);
	bool is_regex = false;
	size_t kl = strlen(kbuf);
	if (kl > 6 && strcmp(kbuf + kl - 6, "-regex") == 0) {
		is_regex = true;
		kbuf[kl - 6] = '\0';
	}
	if (!*val)
		return perr(p, "'%s' needs a value after '='", kbuf);
	char *v = osc_arena_strdup(&p->r->arena, val);
	if (!v)
		return osc_set_error(p->err, OSC_ENOMEM, p->line, "out of memory");
	if (p->polarity) {
		if (strcmp(kbuf, "strength") == 0)
			return add_rule(p, R_STRENGTH, weight, is_regex, v);
		if (strcmp(kbuf, "concern") == 0)
			return add_rule(p, R_CONCERN, weight, is_regex, v);
		if (strcmp(kbuf, "contrast") == 0)
			return add_rule(p, R_CONTRAST, weight, is_regex, v);
		if (strcmp(kbuf, "negator") == 0)
			return add_rule(p, R_NEGATOR, weight, is_regex, v);
		if (strcmp(kbuf, "neutral") == 0)
			return add_rule(p, R_NEUTRAL, weight, is_regex, v);
		return perr(p, "unknown polarity key '%s' (strength, concern, contrast, negator, neutral)", kbuf);
	}
	if (p->theme < 0)
		return perr(p, "'%s' outside a [theme ...] section", kbuf);
	theme *t = &p->r->themes[p->theme];
	if (!is_regex && !sp && strcmp(kbuf, "label") == 0) {
		t->label = v;
		return OSC_OK;
	}
	if (!is_regex && !sp && strcmp(kbuf, "description") == 0) {
		t->description = v;
		return OSC_OK;
	}
	if (strcmp(kbuf, "phrase") == 0)
		return add_rule(p, R_THEME, weight, is_regex, v);
	if (strcmp(kbuf, "exclude") == 0)
		return add_rule(p, R_EXCLUDE, weight, is_regex, v);
	return perr(p, "unknown key '%s' (label, description, phrase, exclude)", kbuf);
}

static osc_status parse_section(parser *p, const char *s, size_t n)
{
	/* s is "[...]" trimmed */
	if (n < 2 || s[n - 1] != ']')
		return perr(p, "%s", "a section header must end with ']'");
	char *inner = trim_dup(p->r, s + 1, n - 2);
	if (!inner)
		return osc_set_error(p->err, OSC_ENOMEM, p->line, "out of memory");
	p->theme = -1;
	p->polarity = p->settings = false;
	if (strcmp(inner, "polarity") == 0) {
		p->polarity = true;
		return OSC_OK;
	}
	if (strcmp(inner, "settings") == 0) {
		p->settings = true;
		return OSC_OK;
	}
	if (strncmp(inner, "theme ", 6) != 0)
		return perr(p, "unknown section [%.60s] (theme ID, polarity, settings)", inner);
	char *id = inner + 6;
	while (*id == ' ')
		id++;
	if (!valid_id(id))
		return perr(p, "bad theme id '%.60s' (use a-z, 0-9 and _)", id);
	int idx = osc_rules_theme_index(p->r, id);
	if (idx < 0) {
		osc_rules *r = p->r;
		if (!osc_grow(r->a, (void **)&r->themes, &r->cap_themes, r->n_themes + 1, sizeof *r->themes))
			return osc_set_error(p->err, OSC_ENOMEM, p->line, "out of memory");
		r->themes[r->n_themes] = (theme){ id, id, "" };
		idx = (int)r->n_themes++;
	}
	p->theme = idx;
	return OSC_OK;
}

osc_status osc_rules_parse_text(osc_rules *r, const char *text, size_t len,
				const char *name, osc_error *err)
{
	parser p = { r, name, 0, -1, false, false, err };
	for (size_t k = 0; k < len;) {
		uint32_t cp;
		size_t m = osc_utf8_decode((const unsigned char *)text + k, len - k, &cp);
		if (!m) {
			p.line = 1;
			for (size_t j = 0; j < k; j++)
				p.line += text[j] == '\n';
			return perr(&p, "%s", "invalid UTF-8");
		}
		k += m;
	}
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *s = text + i;
		size_t n = end - i;
		p.line++;
		i = end + 1;
		if (memchr(s, '\0', n))
			return perr(&p, "%s", "NUL byte in the rules file");
		size_t l = osc_lspace(s, n);
		s += l, n -= l;
		n -= osc_rspace(s, n);
		if (!n || s[0] == '#' || s[0] == ';')
			continue;
		if (n > 4000)
			return perr(&p, "%s", "line longer than 4000 bytes");
		osc_status st;
		if (s[0] == '[') {
			st = parse_section(&p, s, n);
		} else {
			const char *eq = memchr(s, '=', n);
			if (!eq)
				return perr(&p, "%s", "expected 'key = value' or a [section]");
			size_t kn = (size_t)(eq - s);
			kn -= osc_rspace(s, kn);
			if (!kn)
				return perr(&p, "%s", "missing key before '='");
			char *val = trim_dup(r, eq + 1, n - (size_t)(eq - s) - 1);
			if (!val)
				return osc_set_error(err, OSC_ENOMEM, p.line, "out of memory");
			st = parse_entry(&p, s, kn, val);
		}
		if (st)
			return st;
	}
	return OSC_OK;
}
