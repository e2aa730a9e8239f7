/*
 * reader_text.c - plain text (pdftotext output included) and Markdown.
 *
 * Both formats go through the same steps:
 *   1. cut the text into lines, normalising each one (spaces, ligatures,
 *      bullet glyphs, Markdown markup) and noting page breaks (form feeds);
 *   2. drop page furniture: page numbers, contact lines of the letterhead,
 *      footnotes at the foot of a page, the back-page licence text;
 *   3. rebuild paragraphs from the shape of the lines (see
 *      docs/design.md, "Paragraphs"): a new bullet or heading starts a block,
 *      and a line that ends a sentence well short of the wrap width ends one.
 * Markdown differs only in step 3: blank lines separate paragraphs and lines
 * are not wrapped.  Each step has its file: text_lines.c and
 * text_width.c, text_furniture.c, text_paragraphs.c.
 */
#include "text_reader.h"

#include <string.h>

static osc_status read_lines(const char *text, size_t len, const osc_layout_line *v,
			     osc_blocks *out, osc_buf *scratch, bool markdown)
{
	ctx c = {0};
	if (len > OSC_TEXT_MAX)
		return OSC_EFORMAT;
	c.markdown = markdown;
	c.layout = v != NULL;
	c.a = scratch->a;
	c.src = text;
	c.dst = out->rewrite == text ? out->rewrite : NULL;
	c.scratch = scratch;
	osc_buf_reset(scratch);
	osc_status st = v ? osc_tr_layout_lines(&c, text, v, len, scratch)
			  : osc_tr_cut_lines(&c, text, len, scratch);
	if (st)
		goto done;
	c.buf = scratch->data ? scratch->data : "";
	for (size_t i = 0; i < c.n; i++) {
		line *l = &c.lines[i];
		l->terminal = l->n && osc_tr_ends_terminal(LTEXT(&c, l), l->n);
	}
	osc_tr_drop_furniture(&c);
	if (!markdown)
		osc_tr_drop_running_lines(&c);
	c.width = osc_tr_percentile_width(&c, false, OSC_DEFAULT_WRAP);
	c.bullet_width = osc_tr_percentile_width(&c, true, c.width);
	if (!markdown) {
		osc_tr_drop_footnotes(&c);
		if ((st = osc_tr_cut_glued_numbers(&c)))
			goto done;
	}

	osc_buf para_buf;
	osc_buf_init(&para_buf, c.a);
	st = osc_tr_build_paragraphs(&c, out, &para_buf);
	osc_buf_free(&para_buf);
done:
	osc_free(c.a, c.lines);
	return st;
}

static osc_status read_error(osc_error *err, osc_status st, const char *what)
{
	if (st == OSC_EFORMAT)
		return osc_set_error(err, st, 0, "%s over %zu bytes: too large to read as one document",
				     what, OSC_TEXT_MAX);
	if (st == OSC_EINVAL) /* in_place_ok: cannot happen */
		return osc_set_error(err, st, 0, "%s: a paragraph would have been written over "
				     "text still to be read", what);
	return osc_set_error(err, st, 0, "out of memory reading %s", what);
}

osc_status osc_read_text(const char *text, size_t len, osc_blocks *out,
			 osc_buf *scratch, osc_error *err)
{
	osc_status st = read_lines(text, len, NULL, out, scratch, false);
	if (st)
		return read_error(err, st, "text");
	return OSC_OK;
}

osc_status osc_read_markdown(const char *text, size_t len, osc_blocks *out,
			     osc_buf *scratch, osc_error *err)
{
	osc_status st = read_lines(text, len, NULL, out, scratch, true);
	if (st)
		return read_error(err, st, "Markdown");
	return OSC_OK;
}

osc_status osc_read_layout(const char *text, const osc_layout_line *v,
			   size_t n, osc_blocks *out, osc_buf *scratch,
			   osc_error *err)
{
	if (!n)
		return OSC_OK;
	if (!v || !text)
		return osc_set_error(err, OSC_EINVAL, 0, "no layout lines");
	for (size_t i = 0; i < n; i++)
		if (v[i].off > OSC_TEXT_MAX || v[i].len > OSC_TEXT_MAX - v[i].off)
			return read_error(err, OSC_EFORMAT, "the page text");
	osc_status st = read_lines(text, n, v, out, scratch, false);
	if (st)
		return read_error(err, st, "the page layout");
	return OSC_OK;
}
