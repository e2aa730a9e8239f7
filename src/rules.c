/*
 * rules.c - the theme taxonomy as data: a rules text (docs/rules-format.md)
 * parsed (rules_parse.c) and compiled (rules_compile.c, trie.c) into an
 * osc_rules, read-only once built and shared by every thread; extending a
 * taxonomy; the accessors.
 */
#include "rules.h"

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

int osc_rules_theme_index(const osc_rules *r, const char *id)
{
	for (size_t i = 0; i < r->n_themes; i++)
		if (strcmp(r->themes[i].id, id) == 0)
			return (int)i;
	return -1;
}

const char *osc_default_rules_text(size_t *len)
{
	extern const char osc_default_rules[];
	extern const size_t osc_default_rules_len;
	if (len)
		*len = osc_default_rules_len;
	return osc_default_rules;
}

void osc_rules_defaults(osc_rules *r)
{
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
}

/* An empty taxonomy with the default settings. */
static osc_rules *rules_new(const osc_allocator *a, osc_error *err)
{
	a = osc_alloc_or_default(a);
	osc_rules *r = osc_zalloc(a, sizeof *r);
	if (!r) {
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	r->a = a;
	osc_rules_defaults(r);
	osc_arena_init(&r->arena, a);
	r->gctx = pcre2_general_context_create(osc_pcre_alloc, osc_pcre_release, (void *)a);
	if (!r->gctx) {
		osc_rules_free(r);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	return r;
}

/* Parse `text` into r, then compile; r is freed on failure. */
static osc_rules *parse_and_compile(osc_rules *r, const char *text, size_t len,
				    const char *name, osc_error *err)
{
	osc_status st = osc_rules_parse_text(r, text, len, name, err);
	if (!st && r->n_themes == 0)
		st = osc_set_error(err, OSC_ERULES, 0, "%s: no [theme ...] sections", name);
	if (!st)
		st = osc_rules_compile(r, err);
	if (st) {
		osc_rules_free(r);
		return NULL;
	}
	return r;
}

osc_rules *osc_rules_parse(const char *text, size_t len, const char *name,
			   const osc_allocator *a, osc_error *err)
{
	if (!text || !name) {
		osc_set_error(err, OSC_EINVAL, 0, "no rules text");
		return NULL;
	}
	osc_rules *r = rules_new(a, err);
	return r ? parse_and_compile(r, text, len, name, err) : NULL;
}

osc_rules *osc_rules_default(const osc_allocator *a, osc_error *err)
{
	size_t n;
	const char *t = osc_default_rules_text(&n);
	return osc_rules_parse(t, n, "default rules", a, err);
}

/* Copy the base's themes, rules and settings as parsed (not compiled),
 * their strings into r's arena. */
static osc_status copy_parsed(osc_rules *r, const osc_rules *base)
{
	osc_arena *ar = &r->arena;
	if (!osc_grow(r->a, (void **)&r->themes, &r->cap_themes, base->n_themes + 1,
		      sizeof *r->themes) ||
	    !osc_grow(r->a, (void **)&r->rules, &r->cap_rules, base->n_rules + 1,
		      sizeof *r->rules))
		return OSC_ENOMEM;
	for (size_t i = 0; i < base->n_themes; i++) {
		const theme *t = &base->themes[i];
		theme *c = &r->themes[i];
		c->id = osc_arena_strdup(ar, t->id);
		c->label = t->label ? osc_arena_strdup(ar, t->label) : NULL;
		c->description = t->description ? osc_arena_strdup(ar, t->description) : NULL;
		if (!c->id || (t->label && !c->label) || (t->description && !c->description))
			return OSC_ENOMEM;
	}
	r->n_themes = base->n_themes;
	for (size_t i = 0; i < base->n_rules; i++) {
		rule c = base->rules[i];
		c.in_trie = false; /* compiling decides */
		c.src = osc_arena_strdup(ar, c.src);
		c.file = osc_arena_strdup(ar, c.file);
		if (!c.src || !c.file)
			return OSC_ENOMEM;
		r->rules[i] = c;
	}
	r->n_rules = base->n_rules;
	r->threshold = base->threshold;
	r->relative = base->relative;
	r->anchor = base->anchor;
	r->decisive = base->decisive;
	r->max_themes = base->max_themes;
	r->first_sentence = base->first_sentence;
	r->negation_window = base->negation_window;
	r->mixed_ratio = base->mixed_ratio;
	r->pivot = base->pivot;
	r->improvement_strength = base->improvement_strength;
	return OSC_OK;
}

osc_rules *osc_rules_extend(const osc_rules *base, const char *text, size_t len,
			    const char *name, const osc_allocator *a,
			    osc_error *err)
{
	if (!base || !text || !name) {
		osc_set_error(err, OSC_EINVAL, 0, "no rules text");
		return NULL;
	}
	osc_rules *r = rules_new(a, err);
	if (!r)
		return NULL;
	if (copy_parsed(r, base)) {
		osc_rules_free(r);
		osc_set_error(err, OSC_ENOMEM, 0, "out of memory");
		return NULL;
	}
	return parse_and_compile(r, text, len, name, err);
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
