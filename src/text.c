/* text.c - UTF-8 and small string helpers. */
#include "text.h"

#include <stdatomic.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

size_t osc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

void osc_buf_add_cp(osc_buf *b, uint32_t cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) {
		t[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	osc_buf_add(b, t, n);
}

/* The continuation bytes (10xxxxxx) among the eight at s. */
static size_t utf8_cont8(const char *s)
{
	uint64_t w;
	memcpy(&w, s, 8);
	/* a byte is one when bit 7 is set and bit 6 is not; one bit per such
	 * byte, summed into the top byte */
	uint64_t cont = w & ~(w << 1) & 0x8080808080808080u;
	return (size_t)(((cont >> 7) * 0x0101010101010101u) >> 56);
}

bool osc_utf8_at_least(const char *s, size_t n, size_t k)
{
	if (n < k)
		return false; /* a code point takes a byte at least */
	if (k <= 32 && n >= 32) { /* most lines: 32 bytes of ASCII */
		uint64_t w[4];
		memcpy(w, s, sizeof w);
		if (!((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080u))
			return true;
	}
	size_t cps = 0, i = 0;
	for (; i + 8 <= n && cps < k; i += 8)
		cps += 8 - utf8_cont8(s + i);
	for (; i < n && cps < k; i++)
		cps += ((unsigned char)s[i] & 0xC0) != 0x80;
	return cps >= k;
}

size_t osc_utf8_len(const char *s, size_t n)
{
	/* the bytes that are not continuation bytes, eight at a time */
	size_t k = 0, i = 0;
	for (; i + 8 <= n; i += 8)
		k += 8 - utf8_cont8(s + i);
	for (; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

bool osc_is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\f' || cp == '\v' || cp == 0xA0 || cp == 0x2007 ||
	       cp == 0x202F || (cp >= 0x2000 && cp <= 0x200B) ||
	       cp == 0x3000 || cp == 0xFEFF;
}

size_t osc_lspace(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) { /* most lines: ASCII, decided here */
			if (c != ' ' && (c < '\t' || c > '\r'))
				break;
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k || !osc_is_space_cp(cp))
			break;
		i += k;
	}
	return i;
}

size_t osc_rspace(const char *s, size_t n)
{
	size_t end = n;
	while (end > 0) {
		unsigned char c = (unsigned char)s[end - 1];
		if (c < 0x80) {
			if (c != ' ' && (c < '\t' || c > '\r'))
				break;
			end--;
			continue;
		}
		size_t st = end - 1;
		while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80)
			st--;
		uint32_t cp;
		size_t k = osc_utf8_decode((const unsigned char *)s + st, end - st, &cp);
		if (!k || k != end - st || !osc_is_space_cp(cp))
			break;
		end = st;
	}
	return n - end;
}

/* Build the tables once; a race builds the same values twice.  (Lists are
 * at most OSC_PREFIXES_MAX long: OSC_PREFIXES does not compile others.) */
static void prefixes_build(osc_prefixes *p)
{
	uint64_t first[256] = { 0 }, lens = 0;
	for (size_t i = 0; i < p->n && i < OSC_PREFIXES_MAX; i++) {
		unsigned char c = (unsigned char)osc_ascii_lower(p->v[i][0]);
		size_t m = strlen(p->v[i]);
		first[c] |= (uint64_t)1 << i;
		lens |= (uint64_t)1 << (m < 63 ? m : 63);
	}
	for (unsigned k = 0; k < 256; k++)
		atomic_store_explicit(&p->first[k], first[k], memory_order_relaxed);
	atomic_store_explicit(&p->lens, lens, memory_order_relaxed);
	atomic_store_explicit(&p->ready, true, memory_order_release);
}

static inline void prefixes_ready(osc_prefixes *p)
{
	if (!atomic_load_explicit(&p->ready, memory_order_acquire))
		prefixes_build(p);
}

/* The prefixes that begin with s's first byte, as bits by index. */
static uint64_t candidates(osc_prefixes *p, char c0)
{
	return atomic_load_explicit(&p->first[(unsigned char)osc_ascii_lower(c0)], memory_order_relaxed);
}

long osc_prefixes_find(osc_prefixes *p, const char *s, size_t n)
{
	prefixes_ready(p);
	if (!n)
		return -1;
	char b = n > 1 ? osc_ascii_lower(s[1]) : 0;
	for (uint64_t m = candidates(p, s[0]); m; m &= m - 1) {
		const char *v = p->v[__builtin_ctzll(m)];
		/* the second byte settles most before a call */
		if ((!v[1] || osc_ascii_lower(v[1]) == b) && osc_starts_with_ci(s, n, v))
			return __builtin_ctzll(m);
	}
	return -1;
}

long osc_prefixes_exact(osc_prefixes *p, const char *s, size_t n)
{
	prefixes_ready(p);
	if (!n || !(atomic_load_explicit(&p->lens, memory_order_relaxed) >> (n < 63 ? n : 63) & 1))
		return -1;
	for (uint64_t m = candidates(p, s[0]); m; m &= m - 1) {
		const char *v = p->v[__builtin_ctzll(m)];
		if (strlen(v) == n && osc_starts_with_ci(s, n, v))
			return __builtin_ctzll(m);
	}
	return -1;
}

bool osc_contains_any_ci(const char *s, size_t n, const char *const *pats, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (osc_find_ci(s, n, pats[i], NULL) >= 0)
			return true;
	return false;
}

bool osc_after_any_ci(const char *s, size_t n, const char *const *pats, size_t k, size_t *i,
		      const char **rest, size_t *rest_n)
{
	for (; *i < k; (*i)++) {
		size_t ml;
		long at = osc_find_ci(s, n, pats[*i], &ml);
		if (at >= 0) {
			*rest = s + at + ml;
			*rest_n = n - (size_t)at - ml;
			return true;
		}
	}
	return false;
}

bool osc_starts_with_ci(const char *s, size_t n, const char *prefix)
{
	/* no strlen: most calls end at the first byte */
	size_t i = 0;
	for (; prefix[i]; i++) {
		if (i == n)
			return false;
		if (osc_ascii_lower(s[i]) != osc_ascii_lower(prefix[i]))
			return false;
	}
	return true;
}

/* Does pat (m bytes) match s at i, ignoring ASCII case, an apostrophe
 * matching U+2019 too?  The bytes matched in *len. */
static bool match_ci_at(const char *s, size_t n, size_t i, const char *pat,
			size_t m, size_t *len)
{
	size_t si = i, pi = 0;
	while (pi < m && si < n) {
		char pc = pat[pi], sc = s[si];
		if (pc == '\'') {
			if (sc == '\'') {
				si++, pi++;
				continue;
			}
			if (n - si >= 3 && (unsigned char)sc == 0xE2 &&
			    (unsigned char)s[si + 1] == 0x80 && (unsigned char)s[si + 2] == 0x99) {
				si += 3, pi++;
				continue;
			}
			return false;
		}
		if (osc_ascii_lower(pc) != osc_ascii_lower(sc))
			return false;
		si++, pi++;
	}
	if (pi < m)
		return false;
	*len = si - i;
	return true;
}

/* c in lower and upper case (itself twice when not a letter) */
static void both_cases(char c, char *lo, char *up)
{
	*lo = osc_ascii_lower(c);
	*up = c >= 'a' && c <= 'z' ? (char)(c & ~0x20) : c;
}

#ifdef __SSE2__
/* The first of the candidate places (bit k of `bits`: s + i + k) where pat
 * matches, or -1. */
static long first_match(const char *s, size_t n, size_t i, unsigned bits,
			const char *pat, size_t m, size_t *mlen)
{
	size_t len;
	for (; bits; bits &= bits - 1) {
		size_t k = i + (size_t)__builtin_ctz(bits);
		if (match_ci_at(s, n, k, pat, m, &len)) {
			if (mlen)
				*mlen = len;
			return (long)k;
		}
	}
	return -1;
}
#endif

long osc_find_ci(const char *s, size_t n, const char *pat, size_t *mlen)
{
	size_t m = strlen(pat), len;
	if (!m)
		return 0;
	/* candidates: the first byte in either case (an apostrophe: ' or the
	 * first byte of U+2019) */
	bool apos = pat[0] == '\'';
	char lo, up;
	both_cases(pat[0], &lo, &up);
	if (apos)
		up = '\xE2';
	size_t i = 0;
#ifdef __SSE2__
	const __m128i vl = _mm_set1_epi8(lo), vu = _mm_set1_epi8(up);
	/* with no apostrophe the match is m bytes long: its first and last
	 * bytes filter 16 places at once, and rarely pass together (where
	 * first and second would pass for every "in" of "inspectors") */
	if (m > 2 && !memchr(pat, '\'', m)) {
		char lz, uz;
		both_cases(pat[m - 1], &lz, &uz);
		const __m128i zl = _mm_set1_epi8(lz), zu = _mm_set1_epi8(uz);
		for (; i + m - 1 + 16 <= n; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i + m - 1));
			__m128i hit = _mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vl), _mm_cmpeq_epi8(v, vu)),
						    _mm_or_si128(_mm_cmpeq_epi8(w, zl), _mm_cmpeq_epi8(w, zu)));
			long at = first_match(s, n, i, (unsigned)_mm_movemask_epi8(hit), pat, m, mlen);
			if (at >= 0)
				return at;
		}
	}
	/* and the second byte too, when neither is an apostrophe: far fewer
	 * candidates ("in" against every "i") */
	bool two = m > 1 && pat[1] != '\'' && !apos;
	char lo2 = 0, up2 = 0;
	if (two)
		both_cases(pat[1], &lo2, &up2);
	const __m128i vl2 = _mm_set1_epi8(lo2), vu2 = _mm_set1_epi8(up2);
	for (; i + 17 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, vl), _mm_cmpeq_epi8(v, vu));
		if (two) {
			__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
			hit = _mm_and_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(w, vl2),
							      _mm_cmpeq_epi8(w, vu2)));
		}
		long at = first_match(s, n, i, (unsigned)_mm_movemask_epi8(hit), pat, m, mlen);
		if (at >= 0)
			return at;
	}
#endif
	for (; i < n; i++)
		if ((s[i] == lo || s[i] == up) && match_ci_at(s, n, i, pat, m, &len)) {
			if (mlen)
				*mlen = len;
			return (long)i;
		}
	return -1;
}

bool osc_is_place_name(const char *s, size_t n)
{
	static const char *const small[] = { "and", "of", "upon", "on", "the", "with", "in" };
	if (!n)
		return false;
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		size_t w = i;
		while (i < n && s[i] != ' ')
			i++;
		if (i == w)
			break;
		if (s[w] >= 'A' && s[w] <= 'Z')
			continue;
		bool ok = false;
		for (size_t k = 0; k < OSC_ARRAY_LEN(small) && !ok; k++)
			ok = strlen(small[k]) == i - w && memcmp(s + w, small[k], i - w) == 0;
		if (!ok)
			return false;
	}
	return s[0] >= 'A' && s[0] <= 'Z';
}

/* Quickselect, with the middle of three as the pivot. */
unsigned osc_select_kth(unsigned *w, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		unsigned a = w[lo], b = w[mid], z = w[hi];
		unsigned pivot = a < b ? (b < z ? b : (a < z ? z : a)) : (a < z ? a : (b < z ? z : b));
		size_t i = lo, j = hi;
		while (i <= j) { /* Hoare: [lo, j] <= pivot <= [i, hi] */
			while (w[i] < pivot)
				i++;
			while (w[j] > pivot)
				j--;
			if (i <= j) {
				unsigned x = w[i];
				w[i] = w[j];
				w[j] = x;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return w[k];
	}
	return w[k];
}
