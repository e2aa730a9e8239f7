/*
 * rules_compile.c - the rules the phrase trie does not take, compiled to
 * PCRE2 programs (JIT where it can): phrases grouped by a key of their first
 * word, one anchored program a key, tried only at word starts with that key;
 * patterns written as regexes scan the whole text.
 */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

size_t osc_rule_key(const char *s, size_t n, char key[OSC_KEY_MAX])
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < OSC_KEY_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (osc_key_char(c))
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
	while (osc_key_char((unsigned char)p[n]))
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
	if (!osc_key_char((unsigned char)ru->src[0]))
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

osc_status osc_rules_compile(osc_rules *r, osc_error *err)
{
	if (!r->n_rules)
		return OSC_OK;
	osc_status tst = osc_trie_build(r, err);
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
