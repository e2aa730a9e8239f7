/*
 * record.c - ofsted-scan's own JSON Lines records read back (the reduce
 * step): a document record adds to a summary what its document would have
 * added, so the summary of many shards' records is the summary of one run
 * over all their inputs.
 *
 * A small JSON reader for one record (RFC 8259: objects, arrays, strings
 * with every escape, numbers, true, false, null), into the summary's
 * arena-free scratch: it keeps only what the summary counts (the kind, the
 * date or first visit day, the authority and its key, the judgements, each
 * item's polarity and the "themes" tally).  Nesting deeper than
 * MAX_DEPTH, a truncated line or anything else malformed is an error.
 */
#include "summary.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32
#define MAX_FIELD 256 /* a kept string's bytes (the longest authority name) */

typedef struct jr {
	const char *p, *end;
	const char *err;
	int depth;
} jr;

static void ws(jr *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
		j->p++;
}

static bool fail(jr *j, const char *why)
{
	if (!j->err)
		j->err = j->p >= j->end ? "the line ends too soon (a cut line?)" : why;
	return false;
}

static bool eat(jr *j, char c)
{
	ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

/* A string into out[cap] (cut, NUL-ended; out may be NULL to skip). */
static bool string(jr *j, char *out, size_t cap)
{
	ws(j);
	if (j->p >= j->end || *j->p != '"')
		return fail(j, "a string expected");
	j->p++;
	size_t o = 0;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;
		if (c < 0x20)
			return fail(j, "a control character in a string");
		char buf[4];
		size_t n = 1;
		buf[0] = (char)c;
		if (c == '\\') {
			if (j->p >= j->end)
				break;
			char e = *j->p++;
			switch (e) {
			case '"': case '\\': case '/': buf[0] = e; break;
			case 'b': buf[0] = '\b'; break;
			case 'f': buf[0] = '\f'; break;
			case 'n': buf[0] = '\n'; break;
			case 'r': buf[0] = '\r'; break;
			case 't': buf[0] = '\t'; break;
			case 'u': {
				unsigned cp = 0;
				for (int k = 0; k < 4; k++) {
					char h = j->p < j->end ? *j->p++ : 0;
					cp = cp * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0'
							: h >= 'a' && h <= 'f' ? h - 'a' + 10
							: h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99);
					if (cp > 0xFFFF)
						return fail(j, "a bad \\u escape");
				}
				/* (surrogates stand as they are: nothing kept needs them) */
				if (cp < 0x80) {
					buf[0] = (char)cp;
				} else if (cp < 0x800) {
					buf[0] = (char)(0xC0 | cp >> 6), buf[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
				} else {
					buf[0] = (char)(0xE0 | cp >> 12), buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
					buf[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
				}
				break;
			}
			default: return fail(j, "a bad escape in a string");
			}
		}
		if (out && o + n < cap) {
			memcpy(out + o, buf, n);
			o += n;
		}
	}
	if (j->p >= j->end)
		return fail(j, "a string not closed (a cut line?)");
	j->p++;
	if (out)
		out[o] = '\0';
	return true;
}

static bool skip_value(jr *j);

/* Walk an object: for each key, call `on` (which reads the value) or skip it. */
typedef bool (*on_key)(jr *j, const char *key, void *ctx);
static bool object(jr *j, on_key on, void *ctx)
{
	if (!eat(j, '{'))
		return fail(j, "an object expected");
	if (++j->depth > MAX_DEPTH)
		return fail(j, "nested too deep");
	if (eat(j, '}')) {
		j->depth--;
		return true;
	}
	do {
		char key[64];
		if (!string(j, key, sizeof key) || !eat(j, ':'))
			return fail(j, "a key expected");
		if (!(on ? on(j, key, ctx) : skip_value(j)))
			return false;
	} while (eat(j, ','));
	if (!eat(j, '}'))
		return fail(j, "',' or '}' expected");
	j->depth--;
	return true;
}

/* Walk an array: `each` reads every element, or they are skipped. */
typedef bool (*on_elem)(jr *j, void *ctx);
static bool array(jr *j, on_elem each, void *ctx)
{
	if (!eat(j, '['))
		return fail(j, "an array expected");
	if (++j->depth > MAX_DEPTH)
		return fail(j, "nested too deep");
	if (eat(j, ']')) {
		j->depth--;
		return true;
	}
	do {
		if (!(each ? each(j, ctx) : skip_value(j)))
			return false;
	} while (eat(j, ','));
	if (!eat(j, ']'))
		return fail(j, "',' or ']' expected");
	j->depth--;
	return true;
}

static bool word(jr *j, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(j->end - j->p) >= n && memcmp(j->p, w, n) == 0) {
		j->p += n;
		return true;
	}
	return fail(j, "a value expected");
}

static bool number(jr *j, double *out)
{
	ws(j);
	char buf[40];
	size_t n = 0;
	while (j->p < j->end && n < sizeof buf - 1 &&
	       ((*j->p >= '0' && *j->p <= '9') || *j->p == '-' || *j->p == '+' || *j->p == '.' ||
		*j->p == 'e' || *j->p == 'E'))
		buf[n++] = *j->p++;
	buf[n] = '\0';
	char *e;
	double v = strtod(buf, &e);
	if (!n || *e)
		return fail(j, "a bad number");
	if (out)
		*out = v;
	return true;
}

static bool skip_value(jr *j)
{
	ws(j);
	if (j->p >= j->end)
		return fail(j, "a value expected (a cut line?)");
	switch (*j->p) {
	case '{': return object(j, NULL, NULL);
	case '[': return array(j, NULL, NULL);
	case '"': return string(j, NULL, 0);
	case 't': return word(j, "true");
	case 'f': return word(j, "false");
	case 'n': return word(j, "null");
	default: return number(j, NULL);
	}
}

/* A string or null into out (out[0] = 0 for null); *is_null said. */
static bool string_or_null(jr *j, char *out, size_t cap, bool *is_null)
{
	ws(j);
	*is_null = j->p < j->end && *j->p == 'n';
	if (*is_null) {
		out[0] = '\0';
		return word(j, "null");
	}
	return string(j, out, cap);
}

/* ---- the record ---------------------------------------------------------- */

typedef struct rec {
	const osc_rules *rules;
	osc_sum_entry e;
	osc_theme_tally *tally;
	char kind[32], date[16], first_visit[16], key[MAX_FIELD], authority[MAX_FIELD];
	char schema[32];
	bool has_date, has_key, has_authority, has_error, has_schema, has_visit;
	char area[40], grade[40];   /* the judgement being read */
	char theme[64];             /* the theme being read */
} rec;

static bool visit_date(jr *j, void *ctx)
{
	rec *r = ctx;
	if (r->has_visit)
		return string(j, NULL, 0);
	r->has_visit = true;
	return string(j, r->first_visit, sizeof r->first_visit);
}

static bool judgement_key(jr *j, const char *key, void *ctx)
{
	rec *r = ctx;
	if (!strcmp(key, "area"))
		return string(j, r->area, sizeof r->area);
	if (!strcmp(key, "grade"))
		return string(j, r->grade, sizeof r->grade);
	return skip_value(j);
}

static bool judgement(jr *j, void *ctx)
{
	rec *r = ctx;
	r->area[0] = r->grade[0] = '\0';
	if (!object(j, judgement_key, r))
		return false;
	int a = -1, g = -1;
	for (int k = 0; k <= OSC_AREA_ADOPTION; k++)
		if (!strcmp(osc_area_id((osc_area)k), r->area))
			a = k;
	for (int k = 0; k <= OSC_GRADE_INADEQUATE; k++)
		if (!strcmp(osc_grade_id((osc_grade)k), r->grade))
			g = k;
	if (a < 0 || g < 0)
		return fail(j, "a judgement with an unknown area or grade");
	if (r->e.n_judgements < OSC_ARRAY_LEN(r->e.judgements))
		r->e.judgements[r->e.n_judgements++] = (osc_judgement){ (osc_area)a, (osc_grade)g };
	return true;
}

static bool item_key(jr *j, const char *key, void *ctx)
{
	rec *r = ctx;
	if (strcmp(key, "polarity") != 0)
		return skip_value(j);
	char name[32];
	osc_polarity p;
	if (!string(j, name, sizeof name))
		return false;
	if (!osc_polarity_parse(name, &p))
		return fail(j, "an item with an unknown polarity");
	r->e.by_polarity[p]++;
	return true;
}

static bool item(jr *j, void *ctx)
{
	return object(j, item_key, ctx);
}

/* "themes": {id: {"items", "strength", "concern", "mixed", "neutral"}} */
static bool tally_key(jr *j, const char *key, void *ctx)
{
	rec *r = ctx;
	int t = osc_rules_theme_index(r->rules, r->theme);
	static const struct {
		const char *name;
		int pol;
	} counts[] = { { "items", -1 }, { "strength", OSC_POLARITY_STRENGTH },
		       { "concern", OSC_POLARITY_CONCERN }, { "mixed", OSC_POLARITY_MIXED },
		       { "neutral", OSC_POLARITY_NEUTRAL } };
	for (size_t k = 0; k < OSC_ARRAY_LEN(counts); k++)
		if (!strcmp(key, counts[k].name)) {
			double v;
			if (!number(j, &v))
				return false;
			if (v < 0 || v > 1e12 || v != (double)(size_t)v)
				return fail(j, "a count that is no count");
			if (counts[k].pol < 0)
				r->tally[t].items = (size_t)v;
			else
				r->tally[t].by_polarity[counts[k].pol] = (size_t)v;
			return true;
		}
	return skip_value(j);
}

static bool tally_theme(jr *j, const char *key, void *ctx)
{
	rec *r = ctx;
	snprintf(r->theme, sizeof r->theme, "%s", key);
	if (osc_rules_theme_index(r->rules, key) < 0) {
		return fail(j, "a theme that is not in the taxonomy (records of other rules?)");
	}
	return object(j, tally_key, r);
}

static bool record_key(jr *j, const char *key, void *ctx)
{
	rec *r = ctx;
	bool null;
	if (!strcmp(key, "schema")) {
		r->has_schema = true;
		return string(j, r->schema, sizeof r->schema);
	}
	if (!strcmp(key, "error")) {
		r->has_error = true;
		return skip_value(j);
	}
	if (!strcmp(key, "record")) {
		char what[32];
		if (!string(j, what, sizeof what))
			return false;
		return strcmp(what, "document") != 0 ||
		       fail(j, "a row of the document table (--documents), not a document's record");
	}
	if (!strcmp(key, "kind"))
		return string(j, r->kind, sizeof r->kind);
	if (!strcmp(key, "date")) {
		bool ok = string_or_null(j, r->date, sizeof r->date, &null);
		r->has_date = !null;
		return ok;
	}
	if (!strcmp(key, "authority")) {
		bool ok = string_or_null(j, r->authority, sizeof r->authority, &null);
		r->has_authority = !null;
		return ok;
	}
	if (!strcmp(key, "authority_key")) {
		bool ok = string_or_null(j, r->key, sizeof r->key, &null);
		r->has_key = !null;
		return ok;
	}
	if (!strcmp(key, "visit_dates"))
		return array(j, visit_date, r);
	if (!strcmp(key, "judgements"))
		return array(j, judgement, r);
	if (!strcmp(key, "improvements") || !strcmp(key, "priority_actions") ||
	    !strcmp(key, "findings"))
		return array(j, item, r);
	if (!strcmp(key, "themes"))
		return object(j, tally_theme, r);
	return skip_value(j);
}

bool osc_is_record(const char *data, size_t len)
{
	static const char head[] = "{\"schema\":\"" OSC_SCHEMA "\"";
	while (len && (*data == ' ' || *data == '\n' || *data == '\r' || *data == '\t'))
		data++, len--;
	return len >= sizeof head - 1 && memcmp(data, head, sizeof head - 1) == 0;
}

osc_status osc_summary_add_record(osc_summary *s, const char *json, size_t len, osc_error *err)
{
	if (!s || (!json && len))
		return osc_set_error(err, OSC_EINVAL, 0, "bad arguments");
	size_t nt = osc_rules_theme_count(s->rules);
	rec *r = osc_zalloc(s->a, sizeof *r);
	osc_theme_tally *tally = osc_zalloc(s->a, (nt ? nt : 1) * sizeof *tally);
	if (!r || !tally) {
		osc_free(s->a, r);
		osc_free(s->a, tally);
		return osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
	}
	r->rules = s->rules;
	r->tally = tally;
	jr j = { json ? json : "", (json ? json : "") + len, NULL, 0 };
	bool ok = object(&j, record_key, r);
	ws(&j);
	if (ok && j.p != j.end)
		ok = fail(&j, "more after the record");
	osc_status st = OSC_OK;
	if (!ok) {
		st = osc_set_error(err, OSC_EFORMAT, 0, "not a record of ofsted-scan's: %s", j.err);
	} else if (!r->has_schema || strcmp(r->schema, OSC_SCHEMA) != 0) {
		st = osc_set_error(err, OSC_EFORMAT, 0, "not a record of schema %s", OSC_SCHEMA);
	} else if (r->has_error) {
		osc_summary_add_error(s); /* an input that could not be read */
	} else {
		int kind = -1;
		for (int k = 0; k <= OSC_KIND_NEWS_SUMMARY; k++)
			if (!strcmp(osc_kind_name((osc_kind)k), r->kind))
				kind = k;
		if (kind < 0) {
			st = osc_set_error(err, OSC_EFORMAT, 0, "a record of an unknown kind");
		} else {
			/* the date it is filed under: its date, else its first visit day */
			r->e.kind = (osc_kind)kind;
			r->e.dated = r->has_date ? r->date : r->has_visit ? r->first_visit : NULL;
			r->e.authority_key = r->has_key ? r->key : NULL;
			r->e.authority = r->has_authority ? r->authority : NULL;
			r->e.tally = tally;
			st = osc_summary_add_entry(s, &r->e, NULL);
			if (st)
				osc_set_error(err, st, 0, "out of memory");
		}
	}
	osc_free(s->a, r);
	osc_free(s->a, tally);
	return st;
}
