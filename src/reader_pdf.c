/*
 * reader_pdf.c - PDF through poppler-glib, in process.
 *
 * poppler gives each page's text layer in reading order, one line per text
 * line, with a box for every character and the font runs.  From those this
 * reader works out what plain text loses:
 *   - the space above each line: more than half a line's height on the same
 *     page is a paragraph break (or the space before a bullet or heading);
 *   - each line's width in em of its own font, for the line reader's "would
 *     the next word have fitted?" test where a paragraph meets a page break;
 *   - footnotes: the lines below a page's body in a smaller font, from the
 *     first that starts with its number; and the markers in the body (digits
 *     in a much smaller font than their line), which are dropped.
 * The lines then go to the line reader (osc_read_layout in reader_text.c),
 * which handles bullets, page numbers, running headers and footers and
 * paragraphs as it does for pdftotext output.
 *
 * poppler allocates with GLib, which aborts when memory runs out; this
 * reader's own arrays use the scanner's allocator and fail cleanly.
 *
 * poppler-glib is loaded into the process on the first PDF (dlopen), not
 * at start-up: with its 50-odd libraries it costs some 9 ms that a run
 * over text, Markdown or HTML does not need.  The headers give the types;
 * the functions come through the table below.
 */
#include "blocks.h"
#include "text.h"

#include <dlfcn.h>
#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifndef OSC_POPPLER_SONAME
#define OSC_POPPLER_SONAME "libpoppler-glib.so.8"
#endif
/* tried when the soname is not there (the -dev package's link) */
#ifndef OSC_POPPLER_FALLBACK
#define OSC_POPPLER_FALLBACK "libpoppler-glib.so"
#endif

static struct poppler_api {
	char *(*page_get_text)(PopplerPage *);
	gboolean (*page_get_text_layout)(PopplerPage *, PopplerRectangle **, guint *);
	GList *(*page_get_text_attributes)(PopplerPage *);
	void (*page_free_text_attributes)(GList *);
	void (*page_get_size)(PopplerPage *, double *, double *);
	PopplerDocument *(*document_new_from_bytes)(GBytes *, const char *, GError **);
	int (*document_get_n_pages)(PopplerDocument *);
	PopplerPage *(*document_get_page)(PopplerDocument *, int);
	GQuark (*error_quark)(void);
	void (*free)(gpointer);
	GBytes *(*bytes_new_static)(gconstpointer, gsize);
	void (*bytes_unref)(GBytes *);
	void (*error_free)(GError *);
	void (*object_unref)(gpointer);
} pp;
static char pp_error[256]; /* empty when loaded */
static pthread_once_t pp_once = PTHREAD_ONCE_INIT;

static void pp_load(void)
{
	void *h = dlopen(OSC_POPPLER_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		h = dlopen(OSC_POPPLER_FALLBACK, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		snprintf(pp_error, sizeof pp_error,
			 "PDF input needs poppler-glib (" OSC_POPPLER_SONAME "), which could not be loaded: %s",
			 why ? why : "not found");
		return;
	}
	static const struct {
		const char *name;
		size_t off;
	} syms[] = {
#define SYM(field, name) { name, offsetof(struct poppler_api, field) }
		SYM(page_get_text, "poppler_page_get_text"),
		SYM(page_get_text_layout, "poppler_page_get_text_layout"),
		SYM(page_get_text_attributes, "poppler_page_get_text_attributes"),
		SYM(page_free_text_attributes, "poppler_page_free_text_attributes"),
		SYM(page_get_size, "poppler_page_get_size"),
		SYM(document_new_from_bytes, "poppler_document_new_from_bytes"),
		SYM(document_get_n_pages, "poppler_document_get_n_pages"),
		SYM(document_get_page, "poppler_document_get_page"),
		SYM(error_quark, "poppler_error_quark"),
		SYM(free, "g_free"),
		SYM(bytes_new_static, "g_bytes_new_static"),
		SYM(bytes_unref, "g_bytes_unref"),
		SYM(error_free, "g_error_free"),
		SYM(object_unref, "g_object_unref"),
#undef SYM
	};
	for (size_t i = 0; i < OSC_ARRAY_LEN(syms); i++) {
		void *f = dlsym(h, syms[i].name);
		if (!f) {
			snprintf(pp_error, sizeof pp_error,
				 "PDF input needs poppler-glib: %s is missing from it", syms[i].name);
			return; /* the library stays loaded: harmless */
		}
		/* POSIX: a function pointer fits where dlsym puts it */
		memcpy((char *)&pp + syms[i].off, &f, sizeof f);
	}
}

/* A horizontal gap wider than this many ems inside a line separates two
 * table cells (words are a third of an em apart, columns much more). */
#define CELL_GAP_EM 1.5

typedef struct pline {
	size_t off, len;      /* text in pdoc.text */
	unsigned page;
	float x0, x1, top, bottom;
	float size;           /* font size of most of its characters */
	bool digit_start;     /* starts with a digit (a footnote's number) */
	bool cell;            /* cut from its line at a wide gap: a table cell */
	unsigned n_vis, n_bold; /* visible characters, and how many in bold */
} pline;

typedef struct pdoc {
	const osc_allocator *a;
	osc_buf text;
	pline *v;
	size_t n, cap;
	double page_height;
} pdoc;

/* Sizes are compared in half points. */
static int half_points(double size)
{
	return (int)(size * 2 + 0.5);
}

/* The font run covering character ci, or NULL; *cur walks the runs, which
 * come in order. */
static const PopplerTextAttributes *run_at(GList **cur, long ci)
{
	while (*cur && ((PopplerTextAttributes *)(*cur)->data)->end_index < ci)
		*cur = (*cur)->next;
	if (!*cur)
		return NULL;
	const PopplerTextAttributes *at = (*cur)->data;
	return at->start_index <= ci ? at : NULL;
}

static double size_at(GList **cur, long ci)
{
	const PopplerTextAttributes *at = run_at(cur, ci);
	return at ? at->font_size : 0;
}

static bool bold_font(const char *name)
{
	return name && (strstr(name, "Bold") || strstr(name, "bold") ||
			strstr(name, "Black") || strstr(name, "Heavy"));
}

typedef struct tally {
	int size[4];
	size_t count[4];
	int n;
} tally;

static void tally_add(tally *t, int size, size_t k)
{
	for (int i = 0; i < t->n; i++)
		if (t->size[i] == size) {
			t->count[i] += k;
			return;
		}
	if (t->n < 4) {
		t->size[t->n] = size;
		t->count[t->n++] = k;
	}
}

static int tally_mode(const tally *t)
{
	int best = 0;
	for (int i = 1; i < t->n; i++)
		if (t->count[i] > t->count[best])
			best = i;
	return t->n ? t->size[best] : 0;
}

/* A list's number or letter at the start of a line ("12." "b)"), which a
 * tab may separate from its text. */
static bool list_marker(const char *s, size_t n)
{
	n -= osc_rspace(s, n);
	if (n < 2 || n > 4 || (s[n - 1] != '.' && s[n - 1] != ')'))
		return false;
	for (size_t i = 0; i + 1 < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z')))
			return false;
	return true;
}

static osc_status push_pline(pdoc *d, pline *pl, bool any)
{
	pl->len = d->text.len - pl->off;
	if (!any) { /* nothing visible: forget its spaces */
		d->text.len = pl->off;
		if (d->text.data)
			d->text.data[pl->off] = '\0';
		return d->text.failed ? OSC_ENOMEM : OSC_OK;
	}
	if (d->text.failed ||
	    !osc_grow(d->a, (void **)&d->v, &d->cap, d->n + 1, sizeof *d->v))
		return OSC_ENOMEM;
	d->v[d->n++] = *pl;
	return OSC_OK;
}

/*
 * One text line: characters ci .. of the page, bytes s[0..n).  Pass 1
 * finds the size most of its characters are set in; pass 2 keeps the text
 * (less footnote markers), measures the box of what it kept, puts a space
 * where poppler left a word gap without one, and cuts the line where a
 * wide gap separates a table's cells ("Overall effectiveness    Good").
 */
static osc_status add_line(pdoc *d, const char *s, size_t n, long ci,
			   const PopplerRectangle *r, long nr, GList **runs,
			   unsigned page)
{
	tally t = {0};
	GList *cur = *runs;
	long k = ci;
	for (size_t i = 0; i < n; k++) {
		uint32_t cp;
		size_t m = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		i += m ? m : 1;
		if (!osc_is_space_cp(cp))
			tally_add(&t, half_points(size_at(&cur, k)), 1);
	}
	int mode = tally_mode(&t);
	double em = mode ? mode / 2.0 : 12;

	pline pl = { d->text.len, 0, page, 0, 0, 0, 0, (float)mode / 2, false, false, 0, 0 };
	bool any = false, lead = true, spaced = false;
	double prev_x2 = 0;
	k = ci;
	for (size_t i = 0; i < n; k++) {
		uint32_t cp;
		size_t m = osc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		const char *ch = s + i;
		i += m ? m : 1;
		if (!m) {
			osc_buf_adds(&d->text, "\xEF\xBF\xBD");
			continue;
		}
		const PopplerTextAttributes *at = run_at(runs, k);
		int sz = at ? half_points(at->font_size) : 0;
		/* a footnote marker: a digit well below its line's size */
		if (cp >= '0' && cp <= '9' && mode && sz * 10 < mode * 8 && !lead)
			continue;
		if (osc_is_space_cp(cp) || k >= nr) {
			osc_buf_add(&d->text, ch, m);
			spaced = true;
			continue;
		}
		const PopplerRectangle *b = &r[k];
		if (any && !lead) {
			double gap = b->x1 - prev_x2;
			if (gap > CELL_GAP_EM * em && !list_marker(d->text.data + pl.off,
							   d->text.len - pl.off)) {
				/* a new cell */
				osc_status st = push_pline(d, &pl, any);
				if (st)
					return st;
				pl = (pline){ d->text.len, 0, page, 0, 0, 0, 0, (float)mode / 2,
					      false, true, 0, 0 };
				any = false, lead = true;
			} else if (gap > em / 4 && !spaced) {
				osc_buf_addc(&d->text, ' ');
			}
		}
		spaced = false;
		osc_buf_add(&d->text, ch, m);
		prev_x2 = b->x2;
		pl.n_vis++;
		pl.n_bold += at && bold_font(at->font_name);
		if (!any) {
			pl.top = (float)b->y1, pl.bottom = (float)b->y2;
			pl.x0 = (float)b->x1, pl.x1 = (float)b->x2;
			pl.digit_start = cp >= '0' && cp <= '9';
			any = true;
		}
		if (lead && osc_is_bullet_cp(cp))
			continue;  /* the text is measured from after the bullet */
		if (lead)
			pl.x0 = (float)b->x1;
		lead = false;
		if (b->y1 < pl.top)
			pl.top = (float)b->y1;
		if (b->y2 > pl.bottom)
			pl.bottom = (float)b->y2;
		if (b->x2 > pl.x1)
			pl.x1 = (float)b->x2;
	}
	return push_pline(d, &pl, any);
}

/* One page's lines into d; *visible is set when it had any text. */
static osc_status read_page(pdoc *d, PopplerPage *pg, unsigned page,
			    bool *visible)
{
	char *text = pp.page_get_text(pg);
	PopplerRectangle *r = NULL;
	guint nr = 0;
	GList *attrs = NULL;
	osc_status st = OSC_OK;
	size_t before = d->n;
	if (!text)
		goto done;
	if (!pp.page_get_text_layout(pg, &r, &nr))
		nr = 0;
	attrs = pp.page_get_text_attributes(pg);

	GList *runs = attrs;
	long ci = 0;
	size_t len = strlen(text);
	for (size_t i = 0; i < len && !st;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		long nc = (long)osc_utf8_len(text + i, end - i);
		st = add_line(d, text + i, end - i, ci, r, (long)nr, &runs, page);
		ci += nc + 1; /* and the newline's box */
		i = end + 1;
	}
done:
	*visible = d->n > before;
	pp.free(text);
	pp.free(r);
	if (attrs)
		pp.page_free_text_attributes(attrs);
	return st;
}

/* The size most of the document's text is set in (half points). */
static int body_size(const pdoc *d)
{
	/* sizes are few: count them in a small open table */
	int size[32];
	size_t count[32];
	int n = 0;
	for (size_t i = 0; i < d->n; i++) {
		int s = half_points(d->v[i].size);
		int j = 0;
		while (j < n && size[j] != s)
			j++;
		if (j == n) {
			if (n == 32)
				continue;
			size[n] = s, count[n++] = 0;
		}
		count[j] += d->v[i].len;
	}
	int best = 0;
	for (int j = 1; j < n; j++)
		if (count[j] > count[best])
			best = j;
	return n ? size[best] : 0;
}

/*
 * Footnotes: below the last body line of a page (one in the body's size
 * and long enough to be prose), in its lower half, the lines in a smaller
 * font from the first that starts with a number.
 */
static void mark_footnotes(const pdoc *d, osc_layout_line *out, int body)
{
	for (size_t p0 = 0; p0 < d->n;) {
		size_t p1 = p0;
		while (p1 < d->n && d->v[p1].page == d->v[p0].page)
			p1++;
		size_t last_body = SIZE_MAX;
		for (size_t i = p0; i < p1; i++) {
			int s = half_points(d->v[i].size);
			if (s * 10 >= body * 9 && s * 10 <= body * 11 && d->v[i].len >= 20)
				last_body = i;
		}
		if (last_body != SIZE_MAX) {
			bool in_note = false;
			for (size_t i = last_body + 1; i < p1; i++) {
				const pline *l = &d->v[i];
				bool small = half_points(l->size) * 10 < body * 9;
				if (!small || l->top < d->page_height / 2)
					continue;
				if (!in_note && l->digit_start)
					in_note = true;
				if (in_note)
					out[i].drop = true;
			}
		}
		p0 = p1;
	}
}

static bool is_bold(const pline *l)
{
	return l->n_vis && l->n_bold * 10 >= l->n_vis * 9;
}

/* Digits are the same to running lines ("Page 2", "Page 3"). */
static bool same_running(const pdoc *d, const pline *x, const pline *y)
{
	if (x->len != y->len || (int)(x->top / 3) != (int)(y->top / 3))
		return false;
	const char *a = d->text.data + x->off, *b = d->text.data + y->off;
	for (size_t i = 0; i < x->len; i++) {
		bool da = a[i] >= '0' && a[i] <= '9', db = b[i] >= '0' && b[i] <= '9';
		if (da != db || (!da && a[i] != b[i]))
			return false;
	}
	return true;
}

/*
 * Running headers and footers: a line in the top or bottom eighth of its
 * page that recurs, in the same place, on at least two pages and half of
 * them.  (The line reader also drops lines that recur at a page's edges;
 * this catches them where poppler's reading order does not put them at the
 * edge, and in two-page letters.)
 */
static void mark_running(const pdoc *d, osc_layout_line *out)
{
	unsigned pages = d->n ? d->v[d->n - 1].page : 0;
	if (pages < 2)
		return;
	double band = d->page_height / 8;
	for (size_t i = 0; i < d->n; i++) {
		const pline *l = &d->v[i];
		if (out[i].drop || l->len > 120 ||
		    (l->top > band && l->top < d->page_height - band))
			continue;
		unsigned seen = 1, last = l->page;
		for (size_t j = i + 1; j < d->n; j++)
			if (d->v[j].page != last && same_running(d, l, &d->v[j]))
				seen++, last = d->v[j].page;
		if (seen < 2 || seen * 2 < pages)
			continue;
		for (size_t j = i; j < d->n; j++)
			if (same_running(d, l, &d->v[j]))
				out[j].drop = true;
	}
}

static osc_status lay_out(pdoc *d, osc_blocks *out, osc_buf *scratch,
			  osc_error *err)
{
	osc_layout_line *v = osc_malloc(d->a, d->n * sizeof *v);
	if (!v)
		return osc_set_error(err, OSC_ENOMEM, 0, "out of memory reading the PDF");
	int body = body_size(d);
	for (size_t i = 0; i < d->n; i++) {
		const pline *l = &d->v[i];
		float size = l->size > 0 ? l->size : (float)body / 2;
		v[i] = (osc_layout_line){ l->off, l->len, l->page, 0, false, false };
		if (size > 0 && l->x1 > l->x0)
			v[i].w = (l->x1 - l->x0) * 1000 / size;
	}
	mark_footnotes(d, v, body);
	mark_running(d, v);
	/* the space above each line, from the line kept before it on its
	 * page; a change between bold and plain is a break too */
	const pline *p = NULL;
	for (size_t i = 0; i < d->n; i++) {
		const pline *l = &d->v[i];
		if (v[i].drop)
			continue;
		if (p && p->page == l->page) {
			float h = l->bottom - l->top, ph = p->bottom - p->top;
			if (ph < h)
				h = ph;
			/* a cell: on the line before's baseline, right of it */
			bool beside = l->top < p->bottom - h / 2 && l->x0 > p->x1;
			v[i].gap_before = l->cell || beside || l->top - p->bottom > h / 2 ||
					  is_bold(l) != is_bold(p);
		}
		p = l;
	}
	osc_status st = osc_read_layout(d->text.data, v, d->n, out, scratch, err);
	osc_free(d->a, v);
	return st;
}

static bool has_eof_marker(const char *data, size_t len)
{
	size_t tail = len < 2048 ? len : 2048;
	const char *t = data + len - tail;
	for (size_t i = 0; i + 5 <= tail; i++)
		if (memcmp(t + i, "%%EOF", 5) == 0)
			return true;
	return false;
}

/*
 * Colour management, which text never needs.  For every page it reads,
 * poppler takes the catalogue's /OutputIntents ICC profile and builds lcms2
 * colour transforms from it: about 15 ms a page, four fifths of the time a
 * PDF takes, and poppler-glib has no switch to leave it out.  So where the
 * key stands in the file's own bytes, it is renamed in a private copy to a
 * name of the same length that poppler does not know, so that no offset
 * (the cross-reference table) moves.  A key inside a compressed object
 * stream is not seen and left as it is.  Returns the copy (the caller's to
 * free) or NULL when there is nothing to hide or no memory (then the
 * original is read, only slower).  test_reader_pdf.c checks over every
 * PDF of the corpus that the documents are the same either way.
 */
#define INTENTS "/OutputIntents"

bool osc_pdf_hide_output_intents = true;

/* A name ends at white space or a delimiter; a reference's number follows. */
static bool ends_name(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0' ||
	       c == '[' || c == '<' || c == '/' || c == '(' || (c >= '0' && c <= '9');
}

static char *hide_output_intents(const osc_allocator *a, const char *data, size_t len)
{
	const size_t kl = sizeof INTENTS - 1;
	char *copy = NULL;
	for (const char *h = data, *end = data + len;
	     (h = memchr(h, '/', (size_t)(end - h))); h++) {
		size_t i = (size_t)(h - data);
		if (len - i < kl || memcmp(h, INTENTS, kl) != 0)
			continue;
		if (i + kl >= len || !ends_name(data[i + kl]))
			continue; /* "/OutputIntentsX" is another name */
		if (!copy) {
			if (!(copy = osc_malloc(a, len)))
				return NULL;
			memcpy(copy, data, len);
		}
		copy[i + kl - 1] = 'X'; /* "/OutputIntentX" */
	}
	return copy;
}

osc_status osc_read_pdf(const char *data, size_t len, osc_blocks *out,
			osc_buf *scratch, osc_error *err)
{
	pthread_once(&pp_once, pp_load);
	if (pp_error[0])
		return osc_set_error(err, OSC_EFORMAT, 0, "%s", pp_error);
	GError *gerr = NULL;
	char *plain = osc_pdf_hide_output_intents ? hide_output_intents(scratch->a, data, len) : NULL;
	GBytes *bytes = pp.bytes_new_static(plain ? plain : data, len);
	PopplerDocument *doc = pp.document_new_from_bytes(bytes, NULL, &gerr);
	pp.bytes_unref(bytes); /* the document holds its own reference */
	if (!doc) {
		osc_free(scratch->a, plain);
		bool encrypted = gerr && gerr->domain == pp.error_quark() &&
				 gerr->code == POPPLER_ERROR_ENCRYPTED;
		if (gerr)
			pp.error_free(gerr);
		if (encrypted)
			return osc_set_error(err, OSC_EFORMAT, 0,
					     "encrypted PDF: it needs a password to read");
		return osc_set_error(err, OSC_EFORMAT, 0,
				     has_eof_marker(data, len)
				     ? "damaged PDF: poppler could not read it"
				     : "damaged or truncated PDF: poppler could not read it");
	}

	pdoc d = { .a = scratch->a };
	osc_buf_init(&d.text, d.a);
	osc_status st = OSC_OK;
	int pages = pp.document_get_n_pages(doc);
	unsigned blank = 0, first_blank = 0;
	for (int p = 0; p < pages && !st; p++) {
		PopplerPage *pg = pp.document_get_page(doc, p);
		bool visible = false;
		if (pg) {
			double w, h;
			pp.page_get_size(pg, &w, &h);
			if (h > d.page_height)
				d.page_height = h;
			st = read_page(&d, pg, (unsigned)p + 1, &visible);
			pp.object_unref(pg);
		}
		if (!visible && !blank++)
			first_blank = (unsigned)p + 1;
	}
	pp.object_unref(doc);
	osc_free(scratch->a, plain);

	if (st) {
		st = osc_set_error(err, st, 0, "out of memory reading the PDF");
	} else if (pages <= 0) {
		st = osc_set_error(err, OSC_EFORMAT, 0, "PDF with no pages");
	} else if (d.n == 0) {
		st = osc_set_error(err, OSC_EFORMAT, 0, "no text layer: a scanned PDF?");
	} else {
		if (!has_eof_marker(data, len))
			st = osc_blocks_warn(out, "truncated PDF (no %%%%EOF at its end): text may be missing");
		if (!st && blank)
			st = blank == 1
			     ? osc_blocks_warn(out, "page %u of %d has no text layer (a scanned image?)",
					       first_blank, pages)
			     : osc_blocks_warn(out, "%u of %d pages have no text layer (scanned images?)",
					       blank, pages);
		if (st)
			st = osc_set_error(err, st, 0, "out of memory");
		else
			st = lay_out(&d, out, scratch, err);
	}
	osc_buf_free(&d.text);
	osc_free(d.a, d.v);
	return st;
}
