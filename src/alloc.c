/* alloc.c - the allocator hook, errors, and the per-document arena. */
#include "base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *default_alloc(size_t n, void *ctx)
{
	OSC_UNUSED(ctx);
	return malloc(n);
}

static void *default_resize(void *p, size_t n, void *ctx)
{
	OSC_UNUSED(ctx);
	return realloc(p, n);
}

static void default_release(void *p, void *ctx)
{
	OSC_UNUSED(ctx);
	free(p);
}

static const osc_allocator default_allocator = {
	default_alloc, default_resize, default_release, NULL
};

const osc_allocator *osc_alloc_or_default(const osc_allocator *a)
{
	return a ? a : &default_allocator;
}

void *osc_malloc(const osc_allocator *a, size_t n)
{
	a = osc_alloc_or_default(a);
	return a->alloc(n ? n : 1, a->ctx);
}

void *osc_zalloc(const osc_allocator *a, size_t n)
{
	void *p = osc_malloc(a, n);
	if (p)
		memset(p, 0, n ? n : 1);
	return p;
}

void *osc_realloc(const osc_allocator *a, void *p, size_t n)
{
	a = osc_alloc_or_default(a);
	return a->resize(p, n ? n : 1, a->ctx);
}

void osc_free(const osc_allocator *a, void *p)
{
	if (!p)
		return;
	a = osc_alloc_or_default(a);
	a->release(p, a->ctx);
}

bool osc_grow(const osc_allocator *a, void **arr, size_t *cap, size_t need,
	      size_t size)
{
	if (need <= *cap)
		return true;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return false;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / size)
		return false;
	void *p = osc_realloc(a, *arr, ncap * size);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

osc_status osc_set_error(osc_error *err, osc_status st, unsigned line,
			 const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
		err->status = st;
		err->line = line;
	}
	return st;
}

/* ---- arena ------------------------------------------------------------- */

struct osc_arena_block {
	osc_arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

#define ARENA_BLOCK 16384

struct osc_arena_owned {
	osc_arena_owned *next;
	void *p;
};

void osc_arena_init(osc_arena *ar, const osc_allocator *a)
{
	ar->a = osc_alloc_or_default(a);
	ar->head = NULL;
	ar->owned = NULL;
}

void *osc_arena_adopt(osc_arena *ar, void *p)
{
	osc_arena_owned *o = p ? osc_arena_alloc(ar, sizeof *o) : NULL;
	if (!o) {
		osc_free(ar->a, p);
		return NULL;
	}
	*o = (osc_arena_owned){ ar->owned, p };
	ar->owned = o;
	return p;
}

void *osc_arena_alloc(osc_arena *ar, size_t n)
{
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	osc_arena_block *b = ar->head;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		if (cap > SIZE_MAX - sizeof *b)
			return NULL;
		b = osc_malloc(ar->a, sizeof *b + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = ar->head;
		ar->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *osc_arena_strndup(osc_arena *ar, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		return NULL;
	char *p = osc_arena_alloc(ar, n + 1);
	if (p) {
		if (n)
			memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *osc_arena_strdup(osc_arena *ar, const char *s)
{
	return osc_arena_strndup(ar, s, strlen(s));
}

char *osc_arena_printf(osc_arena *ar, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = osc_arena_alloc(ar, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void osc_arena_release(osc_arena *ar, void *p)
{
	for (osc_arena_owned *o = ar->owned; p && o; o = o->next)
		if (o->p == p) {
			osc_free(ar->a, p);
			o->p = NULL;
			return;
		}
}

void osc_arena_free(osc_arena *ar)
{
	for (osc_arena_owned *o = ar->owned; o; o = o->next)
		osc_free(ar->a, o->p); /* (the list is in the blocks) */
	ar->owned = NULL;
	osc_arena_block *b = ar->head;
	while (b) {
		osc_arena_block *next = b->next;
		osc_free(ar->a, b);
		b = next;
	}
	ar->head = NULL;
}
