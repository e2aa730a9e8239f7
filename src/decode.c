/* decode.c - bring any input to clean UTF-8: BOMs, UTF-16, Windows-1252,
 * invalid bytes and NULs. */
#include "decode.h"
#include "text.h"

#include <string.h>

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

static void decode_utf16(const unsigned char *s, size_t n, bool be,
			 osc_buf *out, bool *bad)
{
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1])
				: (uint32_t)(s[i + 1] << 8 | s[i]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			uint32_t lo = be ? (uint32_t)(s[i + 2] << 8 | s[i + 3])
					 : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			} else {
				u = 0xFFFD, *bad = true;
			}
		} else if (u >= 0xD800 && u <= 0xDFFF) {
			u = 0xFFFD, *bad = true;
		}
		if (u == 0) {
			*bad = true;
			continue;
		}
		osc_buf_add_cp(out, u);
	}
	if (n % 2)
		*bad = true;
}

/* UTF-16 without a BOM: mostly-ASCII text where every other byte is NUL. */
static int guess_utf16(const unsigned char *s, size_t n)
{
	if (n < 8)
		return 0;
	size_t even = 0, odd = 0, m = n < 4096 ? n : 4096;
	for (size_t i = 0; i < m; i++)
		if (!s[i])
			*(i % 2 ? &odd : &even) += 1;
	if (odd > m * 4 / 10 && even < m / 50)
		return 'L';
	if (even > m * 4 / 10 && odd < m / 50)
		return 'B';
	return 0;
}

/* How many of the eight bytes at s are ASCII other than NUL before the
 * first that is not (8: all of them). */
static size_t ascii_run8(const unsigned char *s)
{
	uint64_t w;
	memcpy(&w, s, 8);
	/* bit 7 of each byte that is >= 0x80 or NUL; a borrow can mark bytes
	 * above a NUL too, but never one below the first marked */
	uint64_t bad = (w | ((w - 0x0101010101010101u) & ~w)) & 0x8080808080808080u;
	if (!bad)
		return 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(bad) / 8;
#else
	size_t k = 0;
	while (s[k] && s[k] < 0x80)
		k++;
	return k;
#endif
}

osc_status osc_decode_view(const char *data, size_t len, osc_buf *out,
			   const char **text, size_t *text_len, const char **note)
{
	const unsigned char *s = (const unsigned char *)data;
	*note = NULL;
	osc_buf_reset(out);

	int utf16 = 0;
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		utf16 = 'L', s += 2, len -= 2;
	else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		utf16 = 'B', s += 2, len -= 2;
	else
		utf16 = guess_utf16(s, len);
	if (utf16) {
		bool bad = false;
		if (!osc_buf_reserve(out, len))
			return OSC_ENOMEM;
		decode_utf16(s, len, utf16 == 'B', out, &bad);
		*note = bad ? "UTF-16 input with invalid code units: replaced"
			    : NULL;
		*text = out->data ? out->data : "", *text_len = out->len;
		return out->failed ? OSC_ENOMEM : OSC_OK;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		s += 3, len -= 3;

	/* Count valid multi-byte sequences and invalid bytes in one pass. */
	size_t valid_mb = 0, invalid = 0, nuls = 0;
	for (size_t i = 0; i < len;) {
		/* eight ASCII bytes, none of them NUL, at a time; else straight
		 * to the first byte that is not one */
		if (len - i >= 8) {
			size_t k = ascii_run8(s + i);
			if (k) {
				i += k;
				continue;
			}
		}
		uint32_t cp;
		size_t k = osc_utf8_decode(s + i, len - i, &cp);
		if (!k) {
			invalid++, i++;
			continue;
		}
		valid_mb += k > 1;
		nuls += cp == 0;
		i += k;
	}
	if (!invalid && !nuls) {
		/* clean UTF-8 (after any BOM): read where it is, no copy */
		*text = (const char *)s, *text_len = len;
		return OSC_OK;
	}
	if (!osc_buf_reserve(out, len))
		return OSC_ENOMEM;
	/* Mostly invalid high bytes and few valid sequences: Windows-1252. */
	bool cp1252 = invalid > 0 && valid_mb * 4 < invalid;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = cp1252 ? 0 : osc_utf8_decode(s + i, len - i, &cp);
		if (k) {
			if (cp)
				osc_buf_add(out, (const char *)s + i, k);
			i += k;
			continue;
		}
		unsigned char c = s[i++];
		if (!c)
			continue;
		if (!cp1252)
			cp = c < 0x80 ? c : 0xFFFD;
		else if (c >= 0x80 && c <= 0x9F)
			cp = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
		else
			cp = c;
		osc_buf_add_cp(out, cp);
	}
	if (out->failed)
		return OSC_ENOMEM;
	*text = out->data ? out->data : "", *text_len = out->len;
	if (cp1252)
		*note = "input is not UTF-8: read as Windows-1252";
	else if (invalid)
		*note = "invalid UTF-8 bytes replaced with U+FFFD";
	else
		*note = "NUL bytes removed from the input";
	return OSC_OK;
}

osc_status osc_decode(const char *data, size_t len, osc_buf *out, const char **note)
{
	const char *text;
	size_t n;
	osc_status st = osc_decode_view(data, len, out, &text, &n, note);
	if (!st && text != out->data) {
		osc_buf_reset(out);
		osc_buf_add(out, text, n);
		st = out->failed ? OSC_ENOMEM : OSC_OK;
	}
	return st;
}
