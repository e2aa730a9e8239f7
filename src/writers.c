/*
 * writers.c - the pieces of JSON and CSV every renderer writes: a JSON
 * string (RFC 8259, always valid UTF-8: invalid bytes become U+FFFD, the
 * line and paragraph separators escaped) and a CSV field (RFC 4180).
 */
#include "writers.h"
#include "text.h"

#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

void osc_json_string(osc_buf *b, const char *s)
{
	if (!s) {
		osc_buf_adds(b, "null");
		return;
	}
	size_t n = strlen(s);
	if (!b->sink) /* (a sink's buffer stays one chunk) */
		osc_buf_reserve(b, n + 2);
	osc_buf_addc(b, '"');
	size_t run = 0; /* start of the run of bytes copied as they are */
	for (size_t i = 0; i < n;) {
#ifdef __SSE2__
		/* sixteen bytes of printable ASCII at a time go with the run */
		while (i + 16 <= n) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i bad = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
					     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
				/* signed: bytes >= 0x80 are negative, so < 0x20 catches them */
				_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
					     _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
			if (_mm_movemask_epi8(bad))
				break;
			i += 16;
		}
		if (i >= n)
			break;
#endif
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++; /* most bytes: printable ASCII, copied with the run */
			continue;
		}
		/* U+2000..U+2FFF (’ “ ” – —), valid as they stand, but for the
		 * line and paragraph separators escaped below */
		if (c == 0xE2 && i + 2 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
		    ((unsigned char)s[i + 2] & 0xC0) == 0x80 &&
		    !((unsigned char)s[i + 1] == 0x80 &&
		      ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))) {
			i += 3;
			continue;
		}
		const char *esc = NULL;
		char tmp[8];
		size_t adv = 1;
		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\t')
			esc = "\\t";
		else if (c == '\r')
			esc = "\\r";
		else if (c < 0x20 || c == 0x7F) {
			snprintf(tmp, sizeof tmp, "\\u%04x", c);
			esc = tmp;
		} else if (c >= 0x80) {
			uint32_t cp;
			adv = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
			if (!adv) {
				esc = "\xEF\xBF\xBD";
				adv = 1;
			} else if (cp == 0x2028 || cp == 0x2029) {
				esc = cp == 0x2028 ? "\\u2028" : "\\u2029";
			}
		}
		if (esc) {
			osc_buf_add(b, s + run, i - run);
			osc_buf_adds(b, esc);
			run = i + adv;
		}
		i += adv;
	}
	osc_buf_add(b, s + run, n - run);
	osc_buf_addc(b, '"');
}

void osc_csv_field(osc_buf *b, const char *s, bool last)
{
	if (s) {
		size_t n = strlen(s);
		bool quote = strpbrk(s, ",\"\r\n") != NULL;
		if (quote)
			osc_buf_addc(b, '"');
		size_t run = 0;
		for (size_t i = 0; i < n;) {
			unsigned char c = (unsigned char)s[i];
			if (c == '"') {
				osc_buf_add(b, s + run, i + 1 - run);
				osc_buf_addc(b, '"'); /* doubled */
				run = ++i;
			} else if (c >= 0x80) {
				uint32_t cp;
				size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
				if (!k) {
					osc_buf_add(b, s + run, i - run);
					osc_buf_adds(b, "\xEF\xBF\xBD");
					run = ++i;
				} else {
					i += k;
				}
			} else {
				i++;
			}
		}
		osc_buf_add(b, s + run, n - run);
		if (quote)
			osc_buf_addc(b, '"');
	}
	osc_buf_add(b, last ? "\r\n" : ",", last ? 2 : 1);
}

const char *osc_doc_grade_id(const osc_doc *doc, osc_area a)
{
	for (size_t i = 0; i < osc_doc_judgement_count(doc); i++) {
		const osc_judgement *j = osc_doc_judgement(doc, i);
		if (j->area == a)
			return osc_grade_id(j->grade);
	}
	return NULL;
}

void osc_doc_polarity_counts(const osc_doc *doc, size_t out[OSC_POLARITY_COUNT])
{
	memset(out, 0, OSC_POLARITY_COUNT * sizeof *out);
	for (int sec = 0; sec < OSC_SECTION_COUNT; sec++)
		for (size_t i = 0; i < osc_doc_item_count(doc, (osc_section)sec); i++)
			out[osc_doc_item(doc, (osc_section)sec, i)->polarity]++;
}

void osc_html_text(osc_buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		size_t adv = 1;
		if (c >= 0x80) {
			uint32_t cp;
			size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
			if (!k)
				esc = "\xEF\xBF\xBD"; /* U+FFFD for a byte that is no UTF-8 */
			else if (cp == 0x2028)
				esc = "&#x2028;", adv = k;
			else if (cp == 0x2029)
				esc = "&#x2029;", adv = k;
			else {
				i += k;
				continue;
			}
		} else if (c == '&') {
			esc = "&amp;";
		} else if (c == '<') {
			esc = "&lt;";
		} else if (c == '>') {
			esc = "&gt;";
		} else if (c == '"') {
			esc = "&quot;";
		} else if (c == '\'') {
			esc = "&#39;";
		} else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
			esc = "\xEF\xBF\xBD";
		} else {
			i++;
			continue;
		}
		osc_buf_add(b, s + run, i - run);
		osc_buf_adds(b, esc);
		i += adv;
		run = i;
	}
	osc_buf_add(b, s + run, n - run);
}

size_t osc_doc_judgements(const osc_doc *doc, osc_judgement *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < osc_doc_judgement_count(doc) && n < max; i++)
		out[n++] = *osc_doc_judgement(doc, i);
	return n;
}
