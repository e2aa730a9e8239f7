/*
 * text_width.c - step 1 of the text reader, a line's text and width: each
 * line normalised (spaces, ligatures, bullet glyphs, Markdown markup) and
 * measured in 1/1000 em with Helvetica's metrics, the font letters are set
 * in, so that "would the next word have fitted?" can be asked of a line.
 */
#include "text_reader.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

/*
 * Letters are set in proportional fonts, so a line's length in characters
 * says little about how full it is.  Widths are measured in 1/1000 em with
 * Helvetica's metrics (Arial's are the same), which makes the test "would
 * the next word have fitted on this line?" much sharper.
 */
static const uint16_t ascii_width[95] = {
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
};

static unsigned cp_width(uint32_t cp)
{
	if (cp >= 32 && cp < 127)
		return ascii_width[cp - 32];
	switch (cp) {
	case 0x2018: case 0x2019: return 222;
	case 0x201C: case 0x201D: return 333;
	case 0x2013: return 556;
	case 0x2014: return 1000;
	default: return 556;
	}
}

static unsigned text_width(const char *s, size_t n)
{
	unsigned w = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 32 && c < 127) { /* most of it */
			w += ascii_width[c - 32];
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k)
			cp = 0xFFFD, k = 1;
		w += cp_width(cp);
		i += k;
	}
	return w;
}

/* Code points that start a bullet in pdftotext output and elsewhere. */
bool osc_is_bullet_cp(uint32_t cp)
{
	switch (cp) {
	case 0x25FC: case 0x25FB: case 0x25AA: case 0x25A0: case 0x25CF:
	case 0x2022: case 0x2023: case 0x2043: case 0x25E6: case 0x00B7:
	case 0xF06E: case 0xF02D: case 0xF0B7: case 0xF0A7: case 0xF076:
	case 0xF0D8: case 0xF0FC: case 0x27A2: case 0x2713: case 0x25BA:
		return true;
	default:
		return false;
	}
}

/* printable ASCII other than the space */
#define PRINTABLE(c) ((unsigned char)((c) - 0x21) < 0x5E)

/* A run of printable ASCII with single spaces between words, at most
 * PLAIN_RUN bytes of the n (>= 2) at s and never the last (a space counts
 * when a printable byte follows it): copied to o, which has room for
 * PLAIN_RUN bytes, its width added to *w.  Returns its length, >= 1 when
 * s[0] is printable. */
#define PLAIN_RUN 16
static unsigned plain_run(const unsigned char *s, size_t n, char *o, unsigned *w)
{
	size_t lim = n - 1 < PLAIN_RUN ? n - 1 : PLAIN_RUN;
	unsigned k;
#ifdef __SSE2__
	/* sixteen bytes at once, and the byte after each for a space; near
	 * the end from a copy padded with NULs, which are not printable */
	unsigned char pad[PLAIN_RUN + 1] = { 0 };
	const unsigned char *p = s;
	if (n < PLAIN_RUN + 1) {
		memcpy(pad, s, n);
		p = pad;
	}
	const __m128i sp = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7F);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
	/* signed: bytes from 0x80 are below the space */
	__m128i pr = _mm_and_si128(_mm_cmpgt_epi8(v, sp), _mm_cmplt_epi8(v, del));
	__m128i pr1 = _mm_and_si128(_mm_cmpgt_epi8(v1, sp), _mm_cmplt_epi8(v1, del));
	__m128i ok = _mm_or_si128(pr, _mm_and_si128(_mm_cmpeq_epi8(v, sp), pr1));
	unsigned m = (unsigned)_mm_movemask_epi8(ok) & ((1u << lim) - 1);
	k = m == 0xFFFF ? PLAIN_RUN : (unsigned)__builtin_ctz(~m);
	_mm_storeu_si128((__m128i *)(void *)o, v);
#else
	for (k = 0; k < lim; k++) {
		unsigned char c = s[k];
		if (!(PRINTABLE(c) | ((c == ' ') & PRINTABLE(s[k + 1]))))
			break;
		o[k] = (char)c;
	}
#endif
	unsigned w0 = 0, w1 = 0;
	if (k == PLAIN_RUN) {
		for (unsigned j = 0; j < PLAIN_RUN; j += 2) {
			w0 += ascii_width[s[j] - 32];
			w1 += ascii_width[s[j + 1] - 32];
		}
	} else {
		for (unsigned j = 0; j < k; j++)
			w0 += ascii_width[s[j] - 32];
	}
	*w += w0 + w1;
	return k;
}

/* The length of the longest prefix of s[0, n) that normalising leaves as
 * it is (its width in *w): printable ASCII with single spaces between
 * words, and code points that are neither spaces nor dropped nor spelled
 * out.  A whole line of it needs no copy.  (In Markdown, emphasis marks
 * end it.) */
size_t osc_normal_prefix(const char *s, size_t n, bool md, unsigned *w)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned width = 0, w1 = 0;
	size_t i = 0;
#ifdef __SSE2__
	/* sixteen bytes at a time while each is printable ASCII, or a space
	 * before one (plain_run's test; the byte after the sixteen is read,
	 * so it must be there) */
	const __m128i sp = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7F);
	while (!md && i + PLAIN_RUN + 1 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
		__m128i pr = _mm_and_si128(_mm_cmpgt_epi8(v, sp), _mm_cmplt_epi8(v, del));
		__m128i pr1 = _mm_and_si128(_mm_cmpgt_epi8(v1, sp), _mm_cmplt_epi8(v1, del));
		__m128i ok = _mm_or_si128(pr, _mm_and_si128(_mm_cmpeq_epi8(v, sp), pr1));
		if (_mm_movemask_epi8(ok) != 0xFFFF)
			break;
		for (unsigned j = 0; j < PLAIN_RUN; j += 2) {
			width += ascii_width[u[i + j] - 32];
			w1 += ascii_width[u[i + j + 1] - 32];
		}
		i += PLAIN_RUN;
	}
	width += w1;
#endif
	while (i < n) {
		unsigned char c = u[i];
		if (PRINTABLE(c)) {
			if (md && (c == '*' || c == '_'))
				break;
			width += ascii_width[c - 32];
			i++;
			continue;
		}
		if (c == ' ') {
			/* a single space between words: a word follows */
			if (i + 1 >= n || !PRINTABLE(u[i + 1]) ||
			    (md && (u[i + 1] == '*' || u[i + 1] == '_')))
				break;
			width += ascii_width[0];
			i++;
			continue;
		}
		if (c < 0x80)
			break; /* a tab, a control */
		uint32_t cp;
		size_t k = osc_utf8_decode(u + i, n - i, &cp);
		if (!k || osc_is_space_cp(cp) || cp == 0x00AD || cp == 0x200C || cp == 0x200D ||
		    cp == 0x2060 || (cp >= 0xFB00 && cp <= 0xFB04) || cp == 0x2010 ||
		    cp == 0x2011 || cp == 0xFFFD)
			break;
		width += cp_width(cp);
		i += k;
	}
	*w = width;
	return i;
}

/* Append one line's text normalised: spaces folded, soft hyphens and zero
 * widths dropped, ligatures spelled out, Markdown emphasis removed.  The
 * room is reserved once and bytes written straight in: this runs over every
 * byte of the input. */
static unsigned normalise_into(osc_buf *out, const char *s, size_t n, bool md)
{
	unsigned w = 0; /* the width of what is written, as text_width() */
	/* at most 3 bytes out for one in (an invalid byte becomes U+FFFD),
	 * and room for a plain run's whole store */
	if (n > (SIZE_MAX - PLAIN_RUN) / 3 || !osc_buf_reserve(out, 3 * n + PLAIN_RUN))
		return 0;
	char *base = out->data, *o = base + out->len;
	bool space = false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (!md && PRINTABLE(c) && i + 1 < n) {
			/* most bytes: printable ASCII with single spaces between
			 * words, copied as it is (the line's last byte, and any
			 * other, take the general path below) */
			if (space && o > base && o[-1] != ' ')
				*o++ = ' ', w += ascii_width[0];
			space = false;
			for (;;) { /* here i + 1 < n */
				unsigned k = plain_run((const unsigned char *)s + i, n - i, o, &w);
				o += k;
				i += k;
				if (k < PLAIN_RUN || i + 1 >= n)
					break;
			}
			continue;
		}
		if (c < 0x80) {
			i++;
			if (c == ' ' || (c >= '\t' && c <= '\r')) {
				space = true;
				continue;
			}
			if (c < 0x20 || c == 0x7F)
				continue;
			if (md && (c == '*' || c == '_') && i < n && s[i] == (char)c) {
				i++; /* ** or __ emphasis */
				continue;
			}
			if (space && o > base && o[-1] != ' ')
				*o++ = ' ', w += ascii_width[0];
			space = false;
			*o++ = (char)c;
			w += ascii_width[c - 32];
			continue;
		}
		uint32_t cp;
		size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k) { /* cannot happen after osc_decode; be safe */
			cp = 0xFFFD;
			k = 1;
		}
		const char *src = s + i;
		i += k;
		if (osc_is_space_cp(cp) && cp != 0x200B && cp != 0xFEFF) {
			space = true;
			continue;
		}
		if (cp == 0x00AD || cp == 0x200B || cp == 0xFEFF || cp == 0x200C ||
		    cp == 0x200D || cp == 0x2060)
			continue;
		if (space && o > base && o[-1] != ' ')
			*o++ = ' ', w += ascii_width[0];
		space = false;
		const char *rep = NULL;
		switch (cp) {
		case 0xFB00: rep = "ff"; break;
		case 0xFB01: rep = "fi"; break;
		case 0xFB02: rep = "fl"; break;
		case 0xFB03: rep = "ffi"; break;
		case 0xFB04: rep = "ffl"; break;
		case 0x2010: case 0x2011: rep = "-"; break;
		case 0xFFFD: rep = "\xEF\xBF\xBD"; break;
		default: break;
		}
		if (rep) {
			size_t rl = strlen(rep);
			memcpy(o, rep, rl);
			o += rl;
			w += rep[0] == '\xEF' ? cp_width(0xFFFD) : text_width(rep, rl);
		} else {
			memcpy(o, src, k);
			o += k;
			w += cp_width(cp);
		}
	}
	out->len = (size_t)(o - base);
	base[out->len] = '\0';
	return w;
}

unsigned osc_normalise_line(osc_buf *out, const char *s, size_t n, bool md)
{
	return normalise_into(out, s, n, md);
}

unsigned osc_text_width(const char *s, size_t n)
{
	return text_width(s, n);
}

unsigned osc_ascii_width(char c)
{
	return ascii_width[(unsigned char)c - 32];
}
