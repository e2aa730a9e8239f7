/* fuzz_json.c - the JSON writer: whatever the input, the record (compact
 * and pretty), the error record and the summary must be valid JSON in
 * valid UTF-8.  A small validator (RFC 8259) checks them. */
#include "fuzz_common.h"

#include <stdbool.h>

typedef struct jp {
	const unsigned char *s;
	size_t n, i;
	int depth;
} jp;

static void ws(jp *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\n' || p->s[p->i] == '\r' ||
			       p->s[p->i] == '\t'))
		p->i++;
}

static bool lit(jp *p, const char *w)
{
	size_t k = strlen(w);
	if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
		return false;
	p->i += k;
	return true;
}

static bool utf8_at(jp *p)
{
	unsigned char c = p->s[p->i];
	size_t k = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
	if (!k || p->n - p->i < k)
		return false;
	uint32_t cp = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
	for (size_t j = 1; j < k; j++) {
		if ((p->s[p->i + j] & 0xC0) != 0x80)
			return false;
		cp = cp << 6 | (p->s[p->i + j] & 0x3F);
	}
	if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	p->i += k;
	return true;
}

static bool str(jp *p)
{
	if (!lit(p, "\""))
		return false;
	while (p->i < p->n) {
		unsigned char c = p->s[p->i];
		if (c == '"') {
			p->i++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			p->i++;
			if (p->i >= p->n)
				return false;
			c = p->s[p->i++];
			if (c == 'u') {
				for (int k = 0; k < 4; k++, p->i++)
					if (p->i >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i]) ||
					    !p->s[p->i])
						return false;
			} else if (!strchr("\"\\/bfnrt", c) || !c) {
				return false;
			}
		} else if (c >= 0x80) {
			if (!utf8_at(p))
				return false;
		} else {
			p->i++;
		}
	}
	return false;
}

static bool value(jp *p);

static bool number(jp *p)
{
	size_t st = p->i;
	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	while (p->i < p->n && (p->s[p->i] >= '0' && p->s[p->i] <= '9'))
		p->i++;
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
	}
	return p->i > st && p->s[p->i - 1] >= '0' && p->s[p->i - 1] <= '9';
}

static bool container(jp *p, char open, char close, bool obj)
{
	if (!lit(p, (char[]){ open, 0 }) || ++p->depth > 64)
		return false;
	ws(p);
	if (lit(p, (char[]){ close, 0 })) {
		p->depth--;
		return true;
	}
	for (;;) {
		ws(p);
		if (obj) {
			if (!str(p))
				return false;
			ws(p);
			if (!lit(p, ":"))
				return false;
			ws(p);
		}
		if (!value(p))
			return false;
		ws(p);
		if (lit(p, ",")) 
			continue;
		if (!lit(p, (char[]){ close, 0 }))
			return false;
		p->depth--;
		return true;
	}
}

static bool value(jp *p)
{
	ws(p);
	if (p->i >= p->n)
		return false;
	switch (p->s[p->i]) {
	case '{': return container(p, '{', '}', true);
	case '[': return container(p, '[', ']', false);
	case '"': return str(p);
	case 't': return lit(p, "true");
	case 'f': return lit(p, "false");
	case 'n': return lit(p, "null");
	default: return number(p);
	}
}

static void check(const char *s, size_t n)
{
	jp p = { (const unsigned char *)s, n, 0, 0 };
	if (!value(&p))
		abort();
	ws(&p);
	if (p.i != n)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_scanner)
		fz_init();
	if (size < 1)
		return 0;
	unsigned opt = data[0];
	const char *src = (const char *)data + 1;
	osc_scanner_set_explain(fz_scanner, opt & 1);
	osc_error err = { 0 };
	/* the input is the document, and its source name too */
	size_t cut = size - 1 < 64 ? size - 1 : 64;
	char name[65];
	memcpy(name, src, cut);
	name[cut] = '\0';
	osc_doc *d = osc_scan(fz_scanner, src, size - 1, name,
			      opt & 2 ? OSC_FORMAT_AUTO : OSC_FORMAT_TEXT, &err);
	char *out = NULL;
	size_t len = 0;
	if (osc_render_json_error(name, err.message, opt & 4 ? OSC_RENDER_PRETTY : 0, NULL,
				  &out, &len) != OSC_OK)
		abort();
	check(out, len);
	osc_free(NULL, out);
	if (!d)
		return 0;
	for (int pretty = 0; pretty < 2; pretty++) {
		if (osc_render_json(d, pretty ? OSC_RENDER_PRETTY : 0, NULL, &out, &len) != OSC_OK)
			abort();
		check(out, len);
		osc_free(NULL, out);
	}
	osc_summary *sum = osc_summary_new(fz_rules, NULL);
	if (!sum || osc_summary_add(sum, d) != OSC_OK ||
	    osc_render_summary(sum, OSC_SUMMARY_JSON, 0, NULL, &out, &len) != OSC_OK)
		abort();
	check(out, len);
	osc_free(NULL, out);
	osc_summary_free(sum);
	osc_doc_free(d);
	return 0;
}
