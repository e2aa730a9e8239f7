/*
 * rules.c - the theme taxonomy as data: parse a rules file (format in
 * docs/rules-format.md) and compile every phrase and pattern into one PCRE2
 * program, JIT-compiled once and shared read-only by all threads.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *osc_pcre_alloc(size_t n, void *ctx)
{
	return osc_malloc(ctx, n);
}

void osc_pcre_release(void *p, void *ctx)
{
	osc_free(ctx, p);
}

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

int osc_rules_theme_index(const osc_rules *r, const char *id)
{
	for (size_t i = 0; i < r->n_themes; i++)
		if (strcmp(r->themes[i].id, id) == 0)
			return (int)i;
	return -1;
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

static osc_status parse_text(osc_rules *r, const char *text, size_t len,
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

/* A phrase as a regex: case-insensitive whole words, apostrophes straight or
 * curly, a space or hyphen matching a space, a hyphen or nothing
 * ("life story", "life-story", "lifestory"), a final '*' any word ending. */
static void phrase_to_regex(osc_buf *b, const char *ph)
{
	size_t n = strlen(ph);
	bool prefix = n > 1 && ph[n - 1] == '*';
	if (prefix)
		n--;
	unsigned char first = (unsigned char)ph[0];
	if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
	    (first >= '0' && first <= '9'))
		osc_buf_adds(b, "\\b");
	for (size_t i = 0; i < n; i++) {
		char c = ph[i];
		if (c == ' ' || c == '-') {
			while (i + 1 < n && (ph[i + 1] == ' ' || ph[i + 1] == '-'))
				i++;
			osc_buf_adds(b, "[\\s-]*+");
		} else if (c == '\'') {
			osc_buf_adds(b, "['\\x{2019}]");
		} else if (n - i >= 3 && memcmp(ph + i, "\xE2\x80\x99", 3) == 0) {
			osc_buf_adds(b, "['\\x{2019}]");
			i += 2;
		} else if (strchr("\\^$.|?*+()[]{}#", c)) {
			osc_buf_addc(b, '\\');
			osc_buf_addc(b, c);
		} else {
			osc_buf_addc(b, c);
		}
	}
	if (prefix) {
		osc_buf_adds(b, "\\w*+");
	} else {
		unsigned char last = (unsigned char)ph[n - 1];
		if ((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') ||
		    (last >= '0' && last <= '9'))
			osc_buf_adds(b, "\\b");
	}
}

#define RE_OPTS (PCRE2_CASELESS | PCRE2_UTF)

/* Check one pattern alone, so an error names its line. */
static osc_status check_pattern(osc_rules *r, const rule *ru, const char *re,
				size_t len, osc_error *err)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_compile_context *cc = pcre2_compile_context_create(r->gctx);
	if (!cc)
		return osc_set_error(err, OSC_ENOMEM, ru->line, "out of memory");
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, len, RE_OPTS, &ec, &eo, cc);
	pcre2_compile_context_free(cc);
	if (!code) {
		if (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED)
			return osc_set_error(err, OSC_ENOMEM, ru->line, "out of memory");
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(ec, msg, sizeof msg);
		return osc_set_error(err, OSC_ERULES, ru->line, "%s:%u: bad pattern '%.60s': %s at offset %zu",
				     ru->file, ru->line, ru->src, (const char *)msg, (size_t)eo);
	}
	uint32_t backref = 0;
	pcre2_pattern_info(code, PCRE2_INFO_BACKREFMAX, &backref);
	pcre2_code_free(code);
	if (backref)
		return osc_set_error(err, OSC_ERULES, ru->line,
				     "%s:%u: pattern '%.60s' uses a back-reference, which rules cannot",
				     ru->file, ru->line, ru->src);
	if (len == 0)
		return osc_set_error(err, OSC_ERULES, ru->line, "%s:%u: empty pattern", ru->file, ru->line);
	return OSC_OK;
}

/* Rules compete only within their class: an exclusion must not hide
 * another theme's phrase, nor a phrase a polarity cue. */
static int rule_class(const rule *ru)
{
	return ru->kind == R_EXCLUDE ? 0 : ru->kind == R_THEME ? 1 : 2;
}

static int cmp_rule_order(const void *a, const void *b)
{
	/* by class, then longer sources first (the longest phrase wins at a
	 * position), then file order */
	const rule *x = *(const rule *const *)a, *y = *(const rule *const *)b;
	int cx = rule_class(x), cy = rule_class(y);
	if (cx != cy)
		return cx - cy;
	size_t lx = strlen(x->src), ly = strlen(y->src);
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return (x > y) - (x < y);
}

/* Compile order[from, to) as one program; a program too large for PCRE2 is
 * split in two.  Anchored (keyed) programs report every alternative that
 * matches through a string callout naming the rule, then fail, so that the
 * next alternative is tried too; whole-text programs mark the winner. */
static osc_status compile_chunk(osc_rules *r, const rule **order, size_t from,
				size_t to, uint32_t opts, osc_error *err)
{
	osc_buf all, one;
	osc_buf_init(&all, r->a);
	osc_buf_init(&one, r->a);
	osc_status st = OSC_OK;
	osc_buf_adds(&all, "(?:");
	for (size_t k = from; k < to && !st; k++) {
		const rule *ru = order[k];
		osc_buf_clear(&one);
		if (ru->is_regex)
			osc_buf_adds(&one, ru->src);
		else
			phrase_to_regex(&one, ru->src);
		if (one.failed) {
			st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
			break;
		}
		st = check_pattern(r, ru, one.data ? one.data : "", one.len, err);
		if (k > from)
			osc_buf_addc(&all, '|');
		osc_buf_printf(&all, (opts & PCRE2_ANCHORED) ? "(?:%s)(?C\"%zu\")" : "(?:%s)(*MARK:%zu)",
			       one.data ? one.data : "", (size_t)(ru - r->rules));
	}
	osc_buf_adds(&all, (opts & PCRE2_ANCHORED) ? ")(*FAIL)" : ")");
	if (!st && all.failed)
		st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
	pcre2_code *code = NULL;
	if (!st) {
		int ec = 0;
		PCRE2_SIZE eo;
		pcre2_compile_context *cc = pcre2_compile_context_create(r->gctx);
		if (!cc)
			st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		else
			code = pcre2_compile((PCRE2_SPTR)all.data, all.len, RE_OPTS | opts, &ec, &eo, cc);
		pcre2_compile_context_free(cc);
		if (!st && !code && ec == PCRE2_ERROR_PATTERN_TOO_LARGE && to - from > 1) {
			size_t mid = from + (to - from) / 2;
			osc_buf_free(&all);
			osc_buf_free(&one);
			st = compile_chunk(r, order, from, mid, opts, err);
			return st ? st : compile_chunk(r, order, mid, to, opts, err);
		}
		if (!st && !code) {
			PCRE2_UCHAR msg[160];
			pcre2_get_error_message(ec, msg, sizeof msg);
			st = osc_set_error(err, ec == PCRE2_ERROR_HEAP_FAILED ? OSC_ENOMEM : OSC_ERULES, 0,
					   "the rules do not compile together: %s", (const char *)msg);
		}
	}
	if (!st && !osc_grow(r->a, (void **)&r->progs, &r->cap_progs, r->n_progs + 1,
			     sizeof *r->progs))
		st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
	if (st) {
		pcre2_code_free(code);
	} else {
		/* JIT is a speed-up, not a requirement: without it (no JIT on
		 * this CPU, or no memory for it) matching still works. */
#ifndef OSC_NO_JIT /* valgrind cannot follow JIT code: build with -DOSC_NO_JIT */
		r->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
#endif
		r->progs[r->n_progs++] = code;
	}
	osc_buf_free(&all);
	osc_buf_free(&one);
	return st;
}

static bool key_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

size_t osc_rule_key(const char *s, size_t n, char key[OSC_KEY_MAX])
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < OSC_KEY_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (key_char(c))
			key[k++] = (char)(c | (c >= 'A' && c <= 'Z' ? 0x20 : 0));
		else if (c != ' ' && c != '-')
			break;
	}
	return k;
}

/* A regex that can only match at a word start with known letters has a
 * key too, so that it is tried there alone rather than over the whole
 * text: \b then letters or digits (the last one dropped if a quantifier
 * follows it), with no alternation outside parentheses and no inline
 * options that could turn caseless matching off. */
static size_t regex_key(const char *re, char key[OSC_KEY_MAX])
{
	if (re[0] != '\\' || re[1] != 'b')
		return 0;
	int depth = 0;
	bool in_class = false;
	for (const char *p = re; *p; p++) {
		if (*p == '\\') {
			if (!p[1])
				return 0;
			p++;
		} else if (in_class) {
			in_class = *p != ']';
		} else if (*p == '[') {
			in_class = true;
			if (p[1] == ']')
				p++; /* a literal ] first in a class */
		} else if (*p == '(') {
			if (p[1] == '?' && p[2] != ':')
				return 0; /* options, lookaround, names: keep it simple */
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == '|' && depth == 0) {
			return 0;
		}
	}
	size_t n = 0;
	const char *p = re + 2;
	while (key_char((unsigned char)p[n]))
		n++;
	if (n && (p[n] == '?' || p[n] == '*' || p[n] == '+' || p[n] == '{'))
		n--;
	if (n > OSC_KEY_MAX)
		n = OSC_KEY_MAX;
	for (size_t i = 0; i < n; i++)
		key[i] = (char)(p[i] | (p[i] >= 'A' && p[i] <= 'Z' ? 0x20 : 0));
	return n;
}

/* A phrase's key: its first letters up to OSC_KEY_MAX, stopping at a
 * character that the text could spell differently (apostrophe, '*'). */
static size_t phrase_key(const rule *ru, char key[OSC_KEY_MAX])
{
	if (ru->is_regex)
		return regex_key(ru->src, key);
	if (!key_char((unsigned char)ru->src[0]))
		return 0;
	return osc_rule_key(ru->src, strlen(ru->src), key);
}

static size_t key_hash(const char *key, size_t klen)
{
	size_t h = klen * 131;
	for (size_t i = 0; i < klen; i++)
		h = h * 31 + (unsigned char)key[i];
	return h * 2654435761u;
}

const key_bucket *osc_rules_bucket(const osc_rules *r, const char *key, size_t klen)
{
	if (!r->table)
		return NULL;
	for (size_t h = key_hash(key, klen) & r->table_mask;; h = (h + 1) & r->table_mask) {
		int32_t b = r->table[h];
		if (b < 0)
			return NULL;
		const key_bucket *kb = &r->buckets[b];
		if (kb->klen == klen && memcmp(kb->key, key, klen) == 0)
			return kb;
	}
}

typedef struct keyed {
	const rule *ru;
	char key[OSC_KEY_MAX];
	size_t klen;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->klen != y->klen)
		return x->klen < y->klen ? -1 : 1;
	int c = memcmp(x->key, y->key, x->klen);
	if (c)
		return c;
	return cmp_rule_order(&x->ru, &y->ru);
}

/* ---- the phrase trie (rules_internal.h) ---- */

static bool trie_ok(const rule *ru)
{
	const unsigned char *p = (const unsigned char *)ru->src;
	if (ru->is_regex || !key_char(p[0]))
		return false;
	for (; *p; p++)
		if (*p >= 0x80 && !(p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99))
			return false; /* other non-ASCII: PCRE2's caseless matching */
	return true;
}

/* The trie while it is built: children as linked siblings. */
typedef struct bnode {
	int32_t child, next, sep, term;
	unsigned char ch;
} bnode;

typedef struct tbuild {
	bnode *n;
	size_t len, cap;
	int32_t root[256]; /* the root's children by character, or -1 */
} tbuild;

static int32_t trie_new_node(osc_rules *r, tbuild *tb, unsigned char ch)
{
	if (!osc_grow(r->a, (void **)&tb->n, &tb->cap, tb->len + 1, sizeof *tb->n))
		return -1;
	tb->n[tb->len] = (bnode){ .child = -1, .next = -1, .sep = -1, .term = -1, .ch = ch };
	return (int32_t)tb->len++;
}

/* The child of `node` on `ch` (made when missing), or -1 out of memory. */
static int32_t trie_child(osc_rules *r, tbuild *tb, int32_t node, unsigned char ch)
{
	if (node == 0 && tb->root[ch] >= 0)
		return tb->root[ch];
	if (node != 0)
		for (int32_t k = tb->n[node].child; k >= 0; k = tb->n[k].next)
			if (tb->n[k].ch == ch)
				return k;
	int32_t n = trie_new_node(r, tb, ch);
	if (n < 0)
		return -1;
	if (node == 0) {
		tb->root[ch] = n;
	} else {
		tb->n[n].next = tb->n[node].child;
		tb->n[node].child = n;
	}
	return n;
}

static int32_t trie_sep(osc_rules *r, tbuild *tb, int32_t node)
{
	if (tb->n[node].sep >= 0)
		return tb->n[node].sep;
	int32_t n = trie_new_node(r, tb, 0);
	if (n >= 0)
		tb->n[node].sep = n;
	return n;
}

static bool trie_add(osc_rules *r, tbuild *tb, uint32_t idx)
{
	const char *ph = r->rules[idx].src;
	size_t n = strlen(ph);
	bool star = n > 1 && ph[n - 1] == '*';
	if (star)
		n--;
	int32_t node = 0;
	for (size_t i = 0; i < n && node >= 0; i++) {
		unsigned char c = (unsigned char)ph[i];
		if (c == ' ' || c == '-') {
			while (i + 1 < n && (ph[i + 1] == ' ' || ph[i + 1] == '-'))
				i++;
			node = trie_sep(r, tb, node);
		} else if (c == '\'') {
			node = trie_child(r, tb, node, OSC_TRIE_APOS);
		} else if (c == 0xE2) {
			node = trie_child(r, tb, node, OSC_TRIE_APOS);
			i += 2;
		} else {
			node = trie_child(r, tb, node, (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
		}
	}
	if (node < 0 || !osc_grow(r->a, (void **)&r->tterms, &r->cap_tterms, r->n_tterms + 1, sizeof *r->tterms))
		return false;
	unsigned char last = (unsigned char)ph[n - 1];
	r->tterms[r->n_tterms] = (trie_term){ idx, tb->n[node].term, star, !star && key_char(last) };
	tb->n[node].term = (int32_t)r->n_tterms++;
	r->rules[idx].in_trie = true;
	return true;
}

static unsigned char trie_class(const osc_rules *r, unsigned char ch)
{
	return r->tclass[ch == OSC_TRIE_APOS ? '\'' : ch];
}

/* Push node b's children on the stack so that its newest child (siblings
 * are linked newest first) comes off first; the new stack size. */
static size_t push_kids(const tbuild *tb, int32_t b, int32_t *stack, size_t sp)
{
	if (tb->n[b].sep >= 0)
		stack[sp++] = tb->n[b].sep;
	size_t first = sp;
	for (int32_t k = tb->n[b].child; k >= 0; k = tb->n[k].next)
		stack[sp++] = k;
	for (size_t i = first, j = sp; i + 1 < j; i++, j--) { /* reverse */
		int32_t x = stack[i];
		stack[i] = stack[j - 1];
		stack[j - 1] = x;
	}
	return sp;
}

/* Lay the built trie out for the walk (rules_internal.h): the first two
 * levels side by side, then depth-first; character classes, table rows for
 * busy nodes, the two-character start table.  ids[] maps built to laid-out. */
static bool trie_freeze(osc_rules *r, const tbuild *tb)
{
	size_t n = tb->len;
	int32_t *ids = osc_malloc(r->a, n * sizeof *ids);
	int32_t *stack = osc_malloc(r->a, n * sizeof *stack);
	int32_t *order = osc_malloc(r->a, n * sizeof *order);
	r->tnodes = osc_malloc(r->a, n * sizeof *r->tnodes);
	r->tedges = osc_malloc(r->a, n * sizeof *r->tedges);
	bool ok = ids && stack && order && r->tnodes && r->tedges;
	if (ok) {
		/* the root, then the first two levels breadth-first (where
		 * every walk starts: side by side for the cache), then
		 * depth-first below, each node's newest child right after it */
		size_t next = 0;
		ids[0] = (int32_t)next;
		order[next++] = 0;
		for (int c = 0; c < 256; c++)
			if (tb->root[c] >= 0) {
				ids[tb->root[c]] = (int32_t)next;
				order[next++] = tb->root[c];
			}
		size_t d1 = next;
		for (size_t i = 1; i < d1; i++) {
			size_t sp = push_kids(tb, order[i], stack, 0);
			while (sp) {
				ids[stack[--sp]] = (int32_t)next;
				order[next++] = stack[sp];
			}
		}
		size_t d2 = next;
		for (size_t i = d1; i < d2; i++) {
			size_t sp = push_kids(tb, order[i], stack, 0);
			while (sp) {
				int32_t k = stack[--sp];
				ids[k] = (int32_t)next;
				order[next++] = k;
				sp = push_kids(tb, k, stack, sp);
			}
		}
		/* the characters that lead to a child: classes 1..; the walk
		 * reads a text byte's class straight from tclass[] (both
		 * cases of a letter, ' for the apostrophe symbol, and 0xE2
		 * for a ’ to check) */
		size_t ncls = 1, rows = 0;
		for (size_t b = 1; b < n; b++) {
			unsigned char ch = tb->n[b].ch;
			if (!ch || r->tclass[ch == OSC_TRIE_APOS ? '\'' : ch])
				continue;
			unsigned char cls = (unsigned char)ncls++;
			if (ch == OSC_TRIE_APOS) {
				r->tclass['\''] = cls;
				r->tclass[0xE2] = OSC_TCLASS_E2;
				r->tapos = cls;
			} else {
				r->tclass[ch] = cls;
				if (ch >= 'a' && ch <= 'z')
					r->tclass[ch - 32] = cls;
			}
		}
		r->tclasses = ncls;
		for (size_t b = 1; b < n; b++) {
			size_t nk = 0;
			for (int32_t k = tb->n[b].child; k >= 0; k = tb->n[k].next)
				nk++;
			rows += nk >= OSC_TRIE_DENSE;
		}
		r->tdense = osc_malloc(r->a, (rows ? rows : 1) * ncls * sizeof *r->tdense);
		ok = r->tdense != NULL;
		uint32_t ne = 0, row = 0;
		for (size_t b = 0; ok && b < n; b++) {
			const bnode *bn = &tb->n[b];
			trie_node *fn = &r->tnodes[ids[b]];
			*fn = (trie_node){ bn->term, bn->sep >= 0 ? ids[bn->sep] : -1, 0, 0, 0, OSC_NO_LANE };
			if (b == 0)
				continue; /* the walk enters through troot[] */
			size_t nk = 0;
			for (int32_t k = bn->child; k >= 0; k = tb->n[k].next)
				nk++;
			if (nk == 1) {
				fn->edges = (uint32_t)ids[bn->child];
				fn->ch = trie_class(r, tb->n[bn->child].ch);
			} else if (nk < OSC_TRIE_DENSE) {
				fn->edges = ne;
				for (int32_t k = bn->child; k >= 0; k = tb->n[k].next)
					r->tedges[ne++] = (trie_edge){ trie_class(r, tb->n[k].ch), ids[k] };
			} else {
				int32_t *d = r->tdense + (size_t)row * ncls;
				for (size_t k = 0; k < ncls; k++)
					d[k] = -1;
				for (int32_t k = bn->child; k >= 0; k = tb->n[k].next)
					d[trie_class(r, tb->n[k].ch)] = ids[k];
				fn->edges = row++;
			}
			fn->n_edges = (uint8_t)nk;
			/* the walk's fast lane takes a plain node's child to be
			 * the next node, as the depth-first order lays it */
			fn->lane = nk == 1 && bn->term < 0 && bn->sep < 0 && ids[bn->child] == ids[b] + 1
					   ? fn->ch : OSC_NO_LANE;
		}
		r->n_tnodes = n;
		/* two characters at once from the root */
		r->tdepth2 = osc_malloc(r->a, ncls * ncls * sizeof *r->tdepth2);
		ok = ok && r->tdepth2;
		for (size_t i = 0; ok && i < ncls * ncls; i++)
			r->tdepth2[i] = -1;
		for (int c = 0; ok && c < 256; c++) {
			int32_t b = tb->root[c];
			if (b < 0)
				continue;
			int32_t *two = r->tdepth2 + (size_t)trie_class(r, (unsigned char)c) * ncls;
			if (tb->n[b].term >= 0 || tb->n[b].sep >= 0) {
				for (size_t k = 0; k < ncls; k++)
					two[k] = -2;
				continue;
			}
			for (int32_t k = tb->n[b].child; k >= 0; k = tb->n[k].next)
				two[trie_class(r, tb->n[k].ch)] = ids[k];
		}
		/* the root by text byte: both cases of a letter */
		for (size_t c = 0; c < 256; c++) {
			int32_t b = tb->root[c >= 'A' && c <= 'Z' ? c + 32 : c];
			r->troot[c] = b >= 0 ? ids[b] : -1;
		}
	}
	osc_free(r->a, ids);
	osc_free(r->a, stack);
	osc_free(r->a, order);
	return ok;
}

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static void tstart_set(osc_rules *r, const unsigned char *key, unsigned run)
{
	uint32_t b = osc_tstart_bit(key, run);
	r->tstart[b / 64] |= (uint64_t)1 << (b % 64);
}

/* Every start the walk can take through `node`, reached after d word bytes
 * (key[0, d)) through characters and empty separators.  A word of just d
 * bytes is followed by some other byte: it can match only where a phrase
 * ends, a separator follows or a character that is not a word byte (an
 * apostrophe).  A phrase ending here may match any longer word.  A word of
 * four bytes or more that gets here is walked. */
static void tstart_visit(osc_rules *r, const tbuild *tb, int32_t node, unsigned d,
			 unsigned char key[4])
{
	const bnode *bn = &tb->n[node];
	if (d == 4) {
		tstart_set(r, key, 4);
		return;
	}
	bool on = bn->term >= 0 || bn->sep >= 0;
	for (int32_t k = bn->child; k >= 0 && !on; k = tb->n[k].next)
		on = !word_byte(tb->n[k].ch);
	if (on)
		tstart_set(r, key, d);
	if (bn->term >= 0) {
		if (d == 1) {
			r->tfirst[key[0]] = true;
			r->tfirst[key[0] >= 'a' && key[0] <= 'z' ? key[0] - 32 : key[0]] = true;
			return;
		}
		/* two or three bytes: every word going on from them (of
		 * three bytes, or four and more) */
		static const char wb[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
		unsigned char k4[4];
		memcpy(k4, key, d);
		for (size_t x = 0; x < sizeof wb - 1; x++) {
			k4[d] = (unsigned char)wb[x];
			tstart_set(r, k4, d + 1);
			if (d == 3)
				continue;
			for (size_t y = 0; y < sizeof wb - 1; y++) {
				k4[3] = (unsigned char)wb[y];
				tstart_set(r, k4, 4);
			}
		}
	}
	if (bn->sep >= 0)
		tstart_visit(r, tb, bn->sep, d, key);
	for (int32_t k = bn->child; k >= 0; k = tb->n[k].next)
		if (word_byte(tb->n[k].ch)) {
			key[d] = tb->n[k].ch;
			tstart_visit(r, tb, k, d + 1, key);
		}
}

static void build_tstart(osc_rules *r, const tbuild *tb)
{
	unsigned char key[4];
	for (int c = 0; c < 256; c++)
		if (tb->root[c] >= 0 && word_byte((unsigned char)c)) {
			key[0] = (unsigned char)c;
			tstart_visit(r, tb, tb->root[c], 1, key);
		}
}

static osc_status build_trie(osc_rules *r, osc_error *err)
{
	tbuild tb = { NULL, 0, 0, { 0 } };
	for (size_t c = 0; c < 256; c++)
		tb.root[c] = -1;
	bool ok = trie_new_node(r, &tb, 0) >= 0;
	for (size_t i = 0; ok && i < r->n_rules; i++)
		ok = !trie_ok(&r->rules[i]) || trie_add(r, &tb, (uint32_t)i);
	ok = ok && trie_freeze(r, &tb);
	if (ok)
		build_tstart(r, &tb);
	osc_free(r->a, tb.n);
	return ok ? OSC_OK : osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
}

static osc_status compile_rules(osc_rules *r, osc_error *err)
{
	if (!r->n_rules)
		return OSC_OK;
	osc_status tst = build_trie(r, err);
	if (tst)
		return tst;
	keyed *ks = osc_malloc(r->a, r->n_rules * sizeof *ks);
	const rule **order = osc_malloc(r->a, r->n_rules * sizeof *order);
	osc_status st = OSC_OK;
	if (!ks || !order) {
		st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		goto done;
	}
	/* what the trie does not take goes to PCRE2 */
	size_t nr = 0;
	for (size_t i = 0; i < r->n_rules; i++) {
		if (r->rules[i].in_trie)
			continue;
		ks[nr].ru = &r->rules[i];
		ks[nr].klen = phrase_key(&r->rules[i], ks[nr].key);
		nr++;
	}
	qsort(ks, nr, sizeof *ks, cmp_keyed);
	for (size_t i = 0; i < nr; i++)
		order[i] = ks[i].ru;

	/* unkeyed rules (klen 0 sorts first): whole-text programs */
	size_t i = 0;
	while (i < nr && ks[i].klen == 0)
		i++;
	for (size_t from = 0; from < i && !st;) {
		size_t to = from + 1;
		while (to < i && to - from < 256 && rule_class(order[to]) == rule_class(order[from]))
			to++;
		st = compile_chunk(r, order, from, to, 0, err);
		from = to;
	}
	r->n_scan = r->n_progs;

	/* one anchored program per key */
	size_t nb = 0;
	for (size_t j = i; j < nr; j++)
		nb += j == i || ks[j].klen != ks[j - 1].klen || memcmp(ks[j].key, ks[j - 1].key, ks[j].klen);
	if (!st && nb) {
		size_t tsize = 16;
		while (tsize < nb * 2)
			tsize *= 2;
		r->buckets = osc_malloc(r->a, nb * sizeof *r->buckets);
		r->table = osc_malloc(r->a, tsize * sizeof *r->table);
		if (!r->buckets || !r->table)
			st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		else {
			r->table_mask = tsize - 1;
			for (size_t t = 0; t < tsize; t++)
				r->table[t] = -1;
		}
	}
	while (!st && i < nr) {
		size_t j = i + 1;
		while (j < nr && ks[j].klen == ks[i].klen && memcmp(ks[j].key, ks[i].key, ks[i].klen) == 0)
			j++;
		key_bucket *kb = &r->buckets[r->n_buckets];
		memcpy(kb->key, ks[i].key, ks[i].klen);
		kb->klen = (unsigned)ks[i].klen;
		kb->first_prog = r->n_progs;
		for (size_t from = i; from < j && !st;) {
			size_t to = from + 1;
			while (to < j && rule_class(order[to]) == rule_class(order[from]))
				to++;
			st = compile_chunk(r, order, from, to, PCRE2_ANCHORED, err);
			from = to;
		}
		kb->end_prog = r->n_progs;
		size_t h = key_hash(kb->key, kb->klen) & r->table_mask;
		while (r->table[h] >= 0)
			h = (h + 1) & r->table_mask;
		r->table[h] = (int32_t)r->n_buckets++;
		r->key_lens |= 1u << kb->klen;
		unsigned char k0 = (unsigned char)kb->key[0];
		r->key_first[k0] = true;
		if (k0 >= 'a' && k0 <= 'z')
			r->key_first[k0 - 32] = true;
		i = j;
	}
done:
	osc_free(r->a, ks);
	osc_free(r->a, order);
	return st;
}

const char *osc_default_rules_text(size_t *len)
{
	extern const char osc_default_rules[];
	extern const size_t osc_default_rules_len;
	if (len)
		*len = osc_default_rules_len;
	return osc_default_rules;
}

osc_rules *osc_rules_parse(const char *text, size_t len, const char *name,
			   const char *base_text, size_t base_len,
			   const osc_allocator *a, osc_error *err)
{
	if (!text || !name) {
		osc_set_error(err, OSC_EINVAL, 0, "no rules text");
		return NULL;
	}
	a = osc_alloc_or_default(a);
	osc_rules *r = osc_zalloc(a, sizeof *r);
	if (!r) {
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	r->a = a;
	r->threshold = 2.0;
	r->relative = 0;
	r->anchor = 0;
	r->decisive = 1000;
	r->max_themes = 6;
	r->first_sentence = 1.5;
	r->negation_window = 2;
	r->mixed_ratio = 0.5;
	r->pivot = 0;
	r->improvement_strength = 6;
	osc_arena_init(&r->arena, a);
	r->gctx = pcre2_general_context_create(osc_pcre_alloc, osc_pcre_release, (void *)a);
	osc_status st = OSC_OK;
	if (!r->gctx)
		st = osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
	if (!st && base_text)
		st = parse_text(r, base_text, base_len, "default rules", err);
	if (!st)
		st = parse_text(r, text, len, name, err);
	if (!st && r->n_themes == 0)
		st = osc_set_error(err, OSC_ERULES, 0, "%s: no [theme ...] sections", name);
	if (!st)
		st = compile_rules(r, err);
	if (st) {
		osc_rules_free(r);
		return NULL;
	}
	return r;
}

void osc_rules_free(osc_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_progs; i++)
		pcre2_code_free(r->progs[i]);
	osc_free(r->a, r->progs);
	osc_free(r->a, r->buckets);
	osc_free(r->a, r->table);
	osc_free(r->a, r->tnodes);
	osc_free(r->a, r->tterms);
	osc_free(r->a, r->tedges);
	osc_free(r->a, r->tdense);
	osc_free(r->a, r->tdepth2);
	pcre2_general_context_free(r->gctx);
	osc_free(r->a, r->themes);
	osc_free(r->a, r->rules);
	osc_arena_free(&r->arena);
	osc_free(r->a, r);
}

size_t osc_rules_theme_count(const osc_rules *r)
{
	return r ? r->n_themes : 0;
}

const char *osc_rules_theme_id(const osc_rules *r, size_t i)
{
	return r && i < r->n_themes ? r->themes[i].id : NULL;
}

const char *osc_rules_theme_label(const osc_rules *r, size_t i)
{
	return r && i < r->n_themes ? r->themes[i].label : NULL;
}
