/* text.h - UTF-8 and text helpers: code points, spaces, case-blind search,
 * fixed prefix lists (text.c). */
#ifndef OSC_TEXT_H
#define OSC_TEXT_H

#include "buf.h"

/* ---- UTF-8 and text helpers (text.c) ----------------------------------- */

/* ASCII classes and case, for the tests made on every byte. */
static inline bool osc_is_digit(char c)
{
	return c >= '0' && c <= '9';
}
static inline bool osc_is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || osc_is_digit(c);
}
static inline char osc_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Decode one code point at s (n bytes available); returns its length in
 * bytes, or 0 when the sequence is invalid.  *cp receives the code point. */
size_t osc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Append a code point as UTF-8. */
void osc_buf_add_cp(osc_buf *b, uint32_t cp);
/* Number of code points in s[0..n). */
size_t osc_utf8_len(const char *s, size_t n);
/* Has s[0..n) at least k code points?  (Stops counting at k.) */
bool osc_utf8_at_least(const char *s, size_t n, size_t k);
/* The k-th smallest (from 0) of w[0, n), k < n; w is reordered. */
unsigned osc_select_kth(unsigned *w, size_t n, size_t k);
bool osc_is_space_cp(uint32_t cp);
/* Bytes of leading/trailing white space (ASCII and Unicode spaces). */
size_t osc_lspace(const char *s, size_t n);
size_t osc_rspace(const char *s, size_t n);
/* Case-insensitive search; an apostrophe in `pat` also matches U+2019.
 * Returns the offset of the first match or -1, its length in *mlen. */
long osc_find_ci(const char *s, size_t n, const char *pat, size_t *mlen);
static inline bool osc_contains_ci(const char *s, size_t n, const char *pat)
{
	return osc_find_ci(s, n, pat, NULL) >= 0;
}
/* Does s hold any of the k patterns (as osc_find_ci)? */
bool osc_contains_any_ci(const char *s, size_t n, const char *const *pats, size_t k);
/* The first of pats[*i], ..., pats[k - 1] that s holds (as osc_find_ci): its
 * index in *i and the text after its match in *rest, *rest_n.  False when
 * none of them is in s.  Loop with (*i)++ for the next pattern found. */
bool osc_after_any_ci(const char *s, size_t n, const char *const *pats, size_t k, size_t *i,
		      const char **rest, size_t *rest_n);
/* ASCII case-insensitive prefix test. */
bool osc_starts_with_ci(const char *s, size_t n, const char *prefix);
/* A place's name: capitalised words, and "and", "of", "upon", ... between
 * ("Bath and North East Somerset", "Kingston upon Hull"). */
bool osc_is_place_name(const char *s, size_t n);
/* A fixed list of prefixes (or names), matched ignoring ASCII case, for
 * tests made on every line.  The first use, from any thread, builds a
 * table of them by first byte (folded) and a filter of their lengths, so
 * that most lines are turned away by one or two tests and the rest try
 * only the prefixes that begin as they do.  Declare it static:
 *   static const char *const v[] = { "Yours sincerely", ... };
 *   static osc_prefixes set = OSC_PREFIXES(v); */
#define OSC_PREFIXES_MAX 64
typedef struct osc_prefixes {
	const char *const *v;      /* at most OSC_PREFIXES_MAX */
	size_t n;
	_Atomic bool ready;
	_Atomic uint64_t first[256]; /* [b]: bit i set when v[i] starts with
				      * byte b (folded) */
	_Atomic uint64_t lens;     /* bit k: a prefix is k bytes long (bit 63:
				    * 63 or more) */
} osc_prefixes;
/* (a list longer than OSC_PREFIXES_MAX does not compile: negative width) */
#define OSC_PREFIXES(arr)                                                        \
	{ (arr),                                                                 \
	  OSC_ARRAY_LEN(arr) +                                                   \
		  0 * sizeof(struct { int fits : OSC_ARRAY_LEN(arr) <= OSC_PREFIXES_MAX ? 1 : -1; }), \
	  false, { 0 }, 0 }
/* The index of the first prefix that s (n bytes) starts with, or -1. */
long osc_prefixes_find(osc_prefixes *p, const char *s, size_t n);
/* The index of the first name that s is, whole, or -1. */
long osc_prefixes_exact(osc_prefixes *p, const char *s, size_t n);

#endif
