/* base.h - the foundation under every module: allocation through the caller's
 * allocator, error messages, and the per-document arena (alloc.c). */
#ifndef OSC_BASE_H
#define OSC_BASE_H

#include "ofsted_scan.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define OSC_UNUSED(x) ((void)(x))
#define OSC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- allocation (alloc.c) ---------------------------------------------- */

/* The allocator to use: `a` or the default one. */
const osc_allocator *osc_alloc_or_default(const osc_allocator *a);
void *osc_malloc(const osc_allocator *a, size_t n);
void *osc_zalloc(const osc_allocator *a, size_t n); /* osc_malloc, zeroed */
void *osc_realloc(const osc_allocator *a, void *p, size_t n);
/* Grow an array to hold at least `need` elements of `size` bytes; false on
 * overflow or allocation failure (the old array is left as it was). */
bool osc_grow(const osc_allocator *a, void **arr, size_t *cap, size_t need,
	      size_t size);

/* Set the error (printf-style); returns `st` for tail calls. */
osc_status osc_set_error(osc_error *err, osc_status st, unsigned line,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A bump allocator for a document's strings and arrays, freed at once. */
typedef struct osc_arena_block osc_arena_block;
typedef struct osc_arena_owned osc_arena_owned;
typedef struct osc_arena {
	const osc_allocator *a;
	osc_arena_block *head;
	osc_arena_owned *owned; /* allocations handed over (osc_arena_adopt) */
} osc_arena;

void osc_arena_init(osc_arena *ar, const osc_allocator *a);
void *osc_arena_alloc(osc_arena *ar, size_t n);
char *osc_arena_strndup(osc_arena *ar, const char *s, size_t n);
char *osc_arena_strdup(osc_arena *ar, const char *s);
char *osc_arena_printf(osc_arena *ar, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hand p (from the arena's allocator) over to the arena, freed with it:
 * a large string kept without copying it.  On failure p is freed and NULL
 * returned. */
void *osc_arena_adopt(osc_arena *ar, void *p);
/* Free p, handed over before, now: it is needed no more. */
void osc_arena_release(osc_arena *ar, void *p);
void osc_arena_free(osc_arena *ar);

#endif
