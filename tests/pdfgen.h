/*
 * pdfgen.h - make small PDFs for the tests with cairo, in memory.
 *
 * A4 pages; text set with cairo's toy font API (DejaVu Sans through
 * fontconfig), so poppler reads back real text with real geometry.
 * tp_doc_add() lays out a document of headings, paragraphs and bullets the
 * way Ofsted's letters are set: wrapped lines, a blank line's space between
 * paragraphs, an indent after each bullet, a page number at each foot.
 */
#ifndef OSC_PDFGEN_H
#define OSC_PDFGEN_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct tp_pdf {
	cairo_surface_t *surf;
	cairo_t *cr;
	unsigned char *data;
	size_t len, cap;
	int page;         /* pages shown so far */
	double y;         /* baseline of the next line */
	const char *footer; /* a running footer, or NULL */
} tp_pdf;

#define TP_W 595.0
#define TP_H 842.0
#define TP_LEFT 72.0
#define TP_RIGHT 523.0
#define TP_TOP 90.0
#define TP_BOTTOM 760.0
#define TP_SIZE 12.0
#define TP_LEAD 14.5

static cairo_status_t tp_write(void *closure, const unsigned char *d, unsigned n)
{
	tp_pdf *p = closure;
	if (p->len + n > p->cap) {
		size_t cap = (p->len + n) * 2;
		unsigned char *nd = realloc(p->data, cap);
		if (!nd)
			return CAIRO_STATUS_NO_MEMORY;
		p->data = nd, p->cap = cap;
	}
	memcpy(p->data + p->len, d, n);
	p->len += n;
	return CAIRO_STATUS_SUCCESS;
}

static inline void tp_font(tp_pdf *p, double size, bool bold)
{
	cairo_select_font_face(p->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(p->cr, size);
}

static inline tp_pdf *tp_new(void)
{
	tp_pdf *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->surf = cairo_pdf_surface_create_for_stream(tp_write, p, TP_W, TP_H);
	p->cr = cairo_create(p->surf);
	p->y = TP_TOP;
	tp_font(p, TP_SIZE, false);
	return p;
}

/* Text with its baseline at (x, y). */
static inline void tp_text(tp_pdf *p, double x, double y, const char *s)
{
	cairo_move_to(p->cr, x, y);
	cairo_show_text(p->cr, s);
}

static inline double tp_width(tp_pdf *p, const char *s, size_t n)
{
	char buf[512];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	cairo_text_extents_t e;
	cairo_text_extents(p->cr, buf, &e);
	return e.x_advance;
}

/* End the page: its number (and footer) at the foot. */
static inline void tp_page(tp_pdf *p)
{
	char num[16];
	p->page++;
	tp_font(p, TP_SIZE, false);
	snprintf(num, sizeof num, "%d", p->page);
	tp_text(p, TP_RIGHT - tp_width(p, num, strlen(num)), 800, num);
	if (p->footer) {
		tp_font(p, 8, false);
		tp_text(p, TP_LEFT, 800, p->footer);
		tp_font(p, TP_SIZE, false);
	}
	cairo_show_page(p->cr);
	p->y = TP_TOP;
}

/* A page with a picture and no text at all (a scanned page); the next
 * page starts empty. */
static inline void tp_image_page(tp_pdf *p)
{
	if (p->y > TP_TOP)
		tp_page(p);
	cairo_rectangle(p->cr, 72, 72, 300, 400);
	cairo_fill(p->cr);
	cairo_show_page(p->cr);
	p->page++;
	p->y = TP_TOP;
}

/* Wrap `s` into lines of at most `width` points starting at x; the first
 * line may start at x0 (after a bullet). */
static inline void tp_wrap(tp_pdf *p, double x, double width, const char *s)
{
	while (*s) {
		size_t n = strlen(s), best = 0;
		for (size_t i = 0; i <= n; i++) {
			if (i < n && s[i] != ' ')
				continue;
			if (tp_width(p, s, i) > width)
				break;
			best = i;
			if (i == n)
				break;
		}
		if (best == 0) /* one long word */
			best = n;
		if (p->y > TP_BOTTOM)
			tp_page(p);
		char line[512];
		size_t k = best < sizeof line - 1 ? best : sizeof line - 1;
		memcpy(line, s, k);
		line[k] = '\0';
		tp_text(p, x, p->y, line);
		p->y += TP_LEAD;
		s += best;
		while (*s == ' ')
			s++;
	}
}

typedef enum { TP_HEAD, TP_PARA, TP_BULLET } tp_kind;

/* One block of a document, then the space after it. */
static inline void tp_add(tp_pdf *p, tp_kind k, const char *s)
{
	if (k == TP_HEAD) {
		tp_font(p, TP_SIZE, true);
		tp_wrap(p, TP_LEFT, TP_RIGHT - TP_LEFT, s);
		tp_font(p, TP_SIZE, false);
		p->y += TP_LEAD;
	} else if (k == TP_PARA) {
		tp_wrap(p, TP_LEFT, TP_RIGHT - TP_LEFT, s);
		p->y += TP_LEAD;
	} else {
		if (p->y > TP_BOTTOM)
			tp_page(p);
		tp_text(p, TP_LEFT, p->y, "\xE2\x80\xA2"); /* U+2022 */
		tp_wrap(p, TP_LEFT + 18, TP_RIGHT - TP_LEFT - 18, s);
		p->y += TP_LEAD / 3;
	}
}

/* Finish: the PDF's bytes (malloc'd, the caller frees) in *len. */
static inline unsigned char *tp_finish(tp_pdf *p, size_t *len)
{
	if (p->y > TP_TOP)
		tp_page(p);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surf);
	cairo_surface_destroy(p->surf);
	unsigned char *d = p->data;
	*len = p->len;
	free(p);
	return d;
}

#endif
