/*
 * reader_html.c - HTML through libxml2's HTML parser.
 *
 * The encoding is decided here and given to the parser: a byte order mark,
 * else a <meta charset> (or http-equiv) in the first 4 KiB, else UTF-8 when
 * the bytes are valid UTF-8, else Windows-1252.  The labels ISO-8859-1,
 * Latin-1 and ASCII mean Windows-1252, as browsers read them.
 *
 * The tree is parsed with recovery and no network, then walked for the
 * visible text: script, style, nav, header, footer, aside, form (and the
 * like: noscript, template, svg, iframe, buttons), comments and hidden
 * elements are skipped; when the page has a <main> (or role="main"), only
 * that is read, which leaves out cookie banners and breadcrumbs.  h1-h6
 * are headings, li bullets, p paragraphs, and every other block element
 * (div, td, blockquote, ...) and <br> ends a block.  Entities are decoded
 * by the parser; white space, non-breaking spaces included, is folded.
 *
 * libxml2 stops at 256 levels of nesting and drops what is deeper: that is
 * reported as a warning.
 */
#include "blocks.h"
#include "text.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <string.h>

/* ---- encoding ---------------------------------------------------------- */

static bool valid_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

/* The charset named after "charset=" at s (quotes and spaces allowed). */
static size_t charset_value(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '"' || s[i] == '\''))
		i++;
	size_t k = 0;
	while (i < n && k + 1 < cap &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		(s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' ||
		s[i] == '.' || s[i] == ':'))
		out[k++] = s[i++];
	out[k] = '\0';
	return k;
}

/* A charset declared in a <meta> tag near the top, into out. */
static bool meta_charset(const char *d, size_t n, char *out, size_t cap)
{
	size_t lim = n < 4096 ? n : 4096;
	for (size_t i = 0; i + 5 < lim; i++) {
		if (d[i] != '<' || !osc_starts_with_ci(d + i, lim - i, "<meta"))
			continue;
		const char *end = memchr(d + i, '>', lim - i);
		size_t tag = end ? (size_t)(end - (d + i)) : lim - i;
		size_t ml;
		long at = osc_find_ci(d + i, tag, "charset=", &ml);
		if (at >= 0 &&
		    charset_value(d + i + at + ml, tag - (size_t)at - ml, out, cap))
			return true;
	}
	return false;
}

/* The encoding to parse with; *bom the bytes of a byte order mark. */
static const char *pick_encoding(const char *d, size_t n, char *buf,
				 size_t cap, size_t *bom, osc_blocks *out,
				 osc_status *st)
{
	*bom = 0;
	if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		return *bom = 3, "UTF-8";
	if (n >= 2 && memcmp(d, "\xFF\xFE", 2) == 0)
		return *bom = 2, "UTF-16LE";
	if (n >= 2 && memcmp(d, "\xFE\xFF", 2) == 0)
		return *bom = 2, "UTF-16BE";
	if (meta_charset(d, n, buf, cap)) {
		static const char *const latin[] = { "iso-8859-1", "iso8859-1", "latin1",
						     "l1", "us-ascii", "ascii", "cp1252" };
		for (size_t i = 0; i < OSC_ARRAY_LEN(latin); i++)
			if (strlen(buf) == strlen(latin[i]) &&
			    osc_starts_with_ci(buf, strlen(buf), latin[i]))
				return "windows-1252";
		if (osc_starts_with_ci(buf, strlen(buf), "utf-8") && strlen(buf) == 5) {
			if (valid_utf8(d, n))
				return "UTF-8";
			*st = osc_blocks_warn(out, "declared UTF-8 but is not valid UTF-8: read as Windows-1252");
			return "windows-1252";
		}
		xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(buf);
		if (h) {
			xmlCharEncCloseFunc(h);
			return buf;
		}
		*st = osc_blocks_warn(out, "unknown charset '%s' declared: ignored", buf);
	}
	if (valid_utf8(d, n))
		return "UTF-8";
	*st = osc_blocks_warn(out, "not valid UTF-8 and no charset declared: read as Windows-1252");
	return "windows-1252";
}

/* ---- the tree ---------------------------------------------------------- */

typedef struct walk {
	osc_blocks *out;
	osc_buf *text;           /* the open block's text, spaces folded */
	osc_block_type type;
	bool bullet_pending;     /* in an <li> whose text has not started */
	osc_status st;
} walk;

static bool name_is(const xmlNode *n, const char *name)
{
	return n->name && strcmp((const char *)n->name, name) == 0;
}

static bool any_name(const xmlNode *n, const char *const *names, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (name_is(n, names[i]))
			return true;
	return false;
}

static bool attr_is(const xmlNode *n, const char *attr, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	if (!v)
		return false;
	bool eq = value == NULL ||
		  osc_starts_with_ci((const char *)v, strlen((const char *)v), value);
	if (value && strlen((const char *)v) != strlen(value))
		eq = false;
	xmlFree(v);
	return eq;
}

static bool skipped(const xmlNode *n)
{
	static const char *const names[] = {
		"script", "style", "nav", "header", "footer", "aside", "form",
		"noscript", "template", "svg", "iframe", "button", "select",
		"textarea", "object", "head", "canvas", "dialog", "menu",
	};
	if (any_name(n, names, OSC_ARRAY_LEN(names)))
		return true;
	if (attr_is(n, "hidden", NULL) || attr_is(n, "aria-hidden", "true"))
		return true;
	xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
	bool none = false;
	if (style) {
		size_t sl = strlen((const char *)style);
		none = osc_contains_ci((const char *)style, sl, "display:none") ||
		       osc_contains_ci((const char *)style, sl, "display: none");
		xmlFree(style);
	}
	return none;
}

static bool block_element(const xmlNode *n)
{
	static const char *const names[] = {
		"p", "div", "section", "article", "main", "li", "ul", "ol", "dl",
		"dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
		"td", "th", "thead", "tbody", "tfoot", "caption", "blockquote",
		"pre", "figure", "figcaption", "address", "hr", "br", "body",
		"center", "details", "summary", "fieldset", "legend",
	};
	return any_name(n, names, OSC_ARRAY_LEN(names));
}

static void flush(walk *w)
{
	if (w->st)
		return;
	osc_buf *b = w->text;
	if (b->failed) {
		w->st = OSC_ENOMEM;
		return;
	}
	if (b->len) {
		w->st = osc_blocks_push(w->out, w->type, b->data, b->len, 0);
		if (w->type == OSC_BLOCK_BULLET)
			w->bullet_pending = false;
	}
	osc_buf_clear(b);
	w->type = w->bullet_pending ? OSC_BLOCK_BULLET : OSC_BLOCK_PARA;
}

/* Append text with white space folded to single spaces. */
static void add_text(walk *w, const char *s, size_t n)
{
	osc_buf *b = w->text;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k) { /* the parser gives UTF-8; be safe */
			osc_buf_add_cp(b, 0xFFFD);
			i++;
			continue;
		}
		if (osc_is_space_cp(cp) || cp < 0x20) {
			if (b->len && b->data[b->len - 1] != ' ')
				osc_buf_addc(b, ' ');
		} else if (cp != 0x00AD && cp != 0x200B && cp != 0xFEFF) {
			osc_buf_add(b, s + i, k);
		}
		i += k;
	}
}

static void walk_node(walk *w, const xmlNode *n);

static void walk_children(walk *w, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c && !w->st; c = c->next)
		walk_node(w, c);
}

static void walk_node(walk *w, const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			add_text(w, (const char *)n->content, strlen((const char *)n->content));
		return;
	}
	if (n->type != XML_ELEMENT_NODE || skipped(n))
		return; /* comments, processing instructions, hidden */
	if (!block_element(n)) {
		walk_children(w, n);
		return;
	}
	flush(w);
	bool heading = n->name && n->name[0] == 'h' && n->name[1] >= '1' &&
		       n->name[1] <= '6' && !n->name[2];
	bool li = name_is(n, "li");
	bool outer_pending = w->bullet_pending;
	if (heading)
		w->type = OSC_BLOCK_HEADING;
	if (li) {
		w->bullet_pending = true;
		w->type = OSC_BLOCK_BULLET;
	}
	walk_children(w, n);
	flush(w);
	if (li)
		w->bullet_pending = outer_pending; /* a list inside an item */
	w->type = w->bullet_pending ? OSC_BLOCK_BULLET : OSC_BLOCK_PARA;
}

/* The page's <main> (or role="main"), if it has one. */
static const xmlNode *find_main(const xmlNode *n)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (name_is(c, "main") || attr_is(c, "role", "main"))
			return c;
		const xmlNode *m = find_main(c->children);
		if (m)
			return m;
	}
	return NULL;
}

/* ---- parsing ----------------------------------------------------------- */

typedef struct errs {
	bool too_deep;
} errs;

static void on_error(void *ctx, xmlErrorPtr e)
{
	errs *er = ctx;
	if (e && e->message && strstr(e->message, "Excessive depth"))
		er->too_deep = true;
}

osc_status osc_read_html(const char *data, size_t len, osc_blocks *out,
			 osc_buf *scratch, osc_error *err)
{
	if (len > (size_t)0x7FFFFFFF)
		return osc_set_error(err, OSC_EFORMAT, 0, "HTML over 2 GiB: too large to read");
	char enc_buf[48];
	size_t bom;
	osc_status st = OSC_OK;
	const char *enc = pick_encoding(data, len, enc_buf, sizeof enc_buf, &bom, out, &st);
	if (st)
		return osc_set_error(err, st, 0, "out of memory");

	/* libxml2 sets up its globals once, before any thread parses */
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, xmlInitParser);
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt)
		return osc_set_error(err, OSC_ENOMEM, 0, "out of memory starting the HTML parser");
	/* the parser reports through the thread's structured error handler:
	 * borrow it for this parse, then put the caller's back */
	errs er = { false };
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&er, on_error);
	htmlDocPtr doc = htmlCtxtReadMemory(ctxt, data + bom, (int)(len - bom), NULL, enc,
					    HTML_PARSE_RECOVER | HTML_PARSE_NONET |
					    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					    HTML_PARSE_NOBLANKS);
	xmlSetStructuredErrorFunc(saved_ctx, saved);
	htmlFreeParserCtxt(ctxt);
	if (!doc)
		return osc_set_error(err, OSC_EFORMAT, 0, "not readable as HTML");

	walk w = { out, scratch, OSC_BLOCK_PARA, false, OSC_OK };
	osc_buf_reset(scratch);
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *main_el = root ? find_main(root) : NULL;
	if (main_el)
		walk_node(&w, main_el);
	else if (root)
		walk_node(&w, root);
	flush(&w);
	xmlFreeDoc(doc);
	osc_buf_reset(scratch);
	if (!w.st && er.too_deep)
		w.st = osc_blocks_warn(out, "the HTML nests more than 256 elements deep: "
					    "the parser dropped what is deeper");
	if (w.st)
		return osc_set_error(err, w.st, 0, "out of memory reading HTML");
	if (!out->n)
		return osc_set_error(err, OSC_EFORMAT, 0, "no visible text in the HTML");
	return OSC_OK;
}
