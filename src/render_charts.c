/*
 * render_charts.c - the HTML report's charts as inline SVG: stacked bars,
 * small multiples and a heat map.  Each is an <svg role="img"> labelled by
 * its <title> and <desc>; the description ends with every number drawn, so
 * a screen reader (or a printout without colour) loses nothing.  Marks have
 * their own <title> (a tooltip in a browser).  Sizes are in the viewBox, so
 * a chart scales with the page and stays sharp at any zoom.
 */
#include "charts.h"
#include "writers.h"

#include <stdio.h>
#include <string.h>

/* Okabe and Ito's palette: told apart with any colour vision. */
const char *const osc_polarity_colours[OSC_POLARITY_COUNT] = {
	[OSC_POLARITY_NEUTRAL] = "#999999",
	[OSC_POLARITY_STRENGTH] = "#0072B2", /* blue */
	[OSC_POLARITY_CONCERN] = "#D55E00",  /* vermilion */
	[OSC_POLARITY_MIXED] = "#E69F00",    /* orange */
};
const char *const osc_grade_colours[4] = {
	"#009E73", /* outstanding: bluish green */
	"#56B4E9", /* good: sky blue */
	"#E69F00", /* requires improvement: orange */
	"#D55E00", /* inadequate: vermilion */
};

#define WIDTH 760      /* the viewBox's width */
#define LABEL_W 290    /* the bars' labels */
#define ROW_H 22
#define LEGEND_H 26

/* <svg ...><title id>..</title><desc id>DESC numbers</desc>, the numbers
 * written by the caller into `nums` first. */
static void open_svg(osc_buf *b, const osc_chart *c, double height, const osc_buf *nums)
{
	osc_buf_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %d %.0f\" role=\"img\" "
			  "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">"
			  "<title id=\"%s-t\">", WIDTH, height, c->id, c->id, c->id);
	osc_html_texts(b, c->title);
	osc_buf_printf(b, "</title><desc id=\"%s-d\">", c->id);
	osc_html_texts(b, c->desc);
	if (nums->len) {
		osc_buf_adds(b, " ");
		osc_html_text(b, nums->data, nums->len);
	}
	osc_buf_adds(b, "</desc>");
}

/* </svg>, and the numbers' buffer let go (its failure is the chart's). */
static void close_svg(osc_buf *b, osc_buf *nums)
{
	osc_buf_adds(b, "</svg>");
	if (nums->failed)
		b->failed = true;
	osc_buf_free(nums);
}

static void text_at(osc_buf *b, double x, double y, const char *anchor, const char *cls,
		    const char *s)
{
	osc_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y,
		       anchor, cls);
	osc_html_texts(b, s);
	osc_buf_adds(b, "</text>");
}

/* A legend: a swatch and a name per series, in a row. */
static void legend(osc_buf *b, size_t series, const char *const *names,
		   const char *const *colours, double y)
{
	double need = 0;
	for (size_t s = 0; s < series; s++)
		need += 24 + 7.2 * (double)strlen(names[s]);
	/* over the bars, or from the left edge when it would not fit */
	double x = LABEL_W + need <= WIDTH ? LABEL_W : 4;
	for (size_t s = 0; s < series; s++) {
		osc_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\" "
				  "stroke=\"#333\" stroke-width=\"0.5\"/>", x, y, colours[s]);
		text_at(b, x + 16, y + 10.5, "start", "legend", names[s]);
		x += 24 + 7.2 * (double)strlen(names[s]);
	}
}

void osc_svg_bars(osc_buf *b, const osc_chart *c, size_t rows, const char *const *labels,
		  size_t series, const char *const *names, const char *const *colours,
		  const double *values)
{
	double max = 0;
	osc_buf nums;
	osc_buf_init(&nums, b->a);
	for (size_t r = 0; r < rows; r++) {
		double total = 0;
		osc_buf_printf(&nums, "%s%s:", r ? "; " : "", labels[r]);
		for (size_t s = 0; s < series; s++) {
			total += values[r * series + s];
			osc_buf_printf(&nums, "%s %g %s", s ? "," : "", values[r * series + s], names[s]);
		}
		if (total > max)
			max = total;
	}
	if (!rows)
		osc_buf_adds(&nums, "Nothing to show.");
	double height = LEGEND_H + (double)rows * ROW_H + 8;
	open_svg(b, c, height, &nums);
	legend(b, series, names, colours, 4);
	double scale = max > 0 ? (WIDTH - LABEL_W - 60) / max : 0;
	for (size_t r = 0; r < rows; r++) {
		double y = LEGEND_H + (double)r * ROW_H, x = LABEL_W, total = 0;
		text_at(b, LABEL_W - 8, y + 15, "end", "label", labels[r]);
		for (size_t s = 0; s < series; s++) {
			double v = values[r * series + s];
			if (v <= 0)
				continue;
			double w = v * scale;
			osc_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
					  "fill=\"%s\"><title>", x, y + 3, w, ROW_H - 6, colours[s]);
			osc_html_texts(b, labels[r]);
			osc_buf_printf(b, ": %g ", v);
			osc_html_texts(b, names[s]);
			osc_buf_adds(b, "</title></rect>");
			x += w;
			total += v;
		}
		char t[32];
		snprintf(t, sizeof t, "%g", total);
		text_at(b, x + 6, y + 15, "start", "value", t);
	}
	close_svg(b, &nums);
}

#define PANEL_W 240
#define PANEL_H 100
#define PANELS_PER_ROW 3

void osc_svg_multiples(osc_buf *b, const osc_chart *c, size_t rows, const char *const *labels,
		       size_t keys, const char *const *key_names, const size_t *part,
		       const size_t *whole)
{
	osc_buf nums;
	osc_buf_init(&nums, b->a);
	for (size_t r = 0; r < rows; r++) {
		osc_buf_printf(&nums, "%s%s:", r ? "; " : "", labels[r]);
		for (size_t k = 0; k < keys; k++)
			osc_buf_printf(&nums, "%s %s %zu of %zu", k ? "," : "", key_names[k],
				       part[r * keys + k], whole[k]);
	}
	if (!rows || !keys)
		osc_buf_adds(&nums, "Nothing to show.");
	size_t lines = (rows + PANELS_PER_ROW - 1) / PANELS_PER_ROW;
	double height = (double)lines * (PANEL_H + 18) + 6;
	open_svg(b, c, height, &nums);
	double bar_w = keys ? (PANEL_W - 20.0) / (double)keys : 0;
	for (size_t r = 0; r < rows; r++) {
		double x0 = (double)(r % PANELS_PER_ROW) * (PANEL_W + 10) + 6;
		double y0 = (double)(r / PANELS_PER_ROW) * (PANEL_H + 18) + 4;
		text_at(b, x0, y0 + 11, "start", "label", labels[r]);
		double base = y0 + PANEL_H - 14, top = y0 + 18;
		/* the scale: a faint line at 100% */
		osc_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\" "
				  "stroke-width=\"0.5\" stroke-dasharray=\"2 2\"/>", x0, top, x0 + PANEL_W - 14, top);
		text_at(b, x0 + PANEL_W - 14, top - 2, "end", "axis", "100%");
		osc_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\" "
				  "stroke-width=\"0.5\"/>", x0, base, x0 + PANEL_W - 14, base);
		for (size_t k = 0; k < keys; k++) {
			size_t p = part[r * keys + k], w = whole[k];
			double share = w ? (double)p / (double)w : 0;
			double h = share * (base - top);
			osc_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
					  "fill=\"%s\"><title>", x0 + (double)k * bar_w, base - h,
				       bar_w * 0.8, h, osc_polarity_colours[OSC_POLARITY_CONCERN]);
			osc_html_texts(b, labels[r]);
			osc_buf_adds(b, ", ");
			osc_html_texts(b, key_names[k]);
			osc_buf_printf(b, ": %.0f%% (%zu of %zu documents)</title></rect>", 100 * share, p, w);
		}
		if (keys) {
			text_at(b, x0, base + 11, "start", "axis", key_names[0]);
			text_at(b, x0 + PANEL_W - 14, base + 11, "end", "axis", key_names[keys - 1]);
		}
	}
	close_svg(b, &nums);
}

#define CELL_W 30
#define CELL_H 16
#define HEAD_H 110

/* light to dark blue by share */
static void shade(char *out, size_t cap, double share)
{
	static const unsigned lo[3] = { 0xEF, 0xF3, 0xFF }, hi[3] = { 0x08, 0x30, 0x6B };
	unsigned rgb[3];
	for (int i = 0; i < 3; i++)
		rgb[i] = (unsigned)((double)lo[i] + ((double)hi[i] - (double)lo[i]) * share + 0.5);
	snprintf(out, cap, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
}

void osc_svg_heatmap(osc_buf *b, const osc_chart *c, size_t rows, const char *const *row_names,
		     size_t cols, const char *const *col_names, const size_t *part,
		     const size_t *whole)
{
	osc_buf nums;
	osc_buf_init(&nums, b->a);
	for (size_t r = 0; r < rows; r++) {
		bool any = false;
		for (size_t k = 0; k < cols; k++)
			if (part[r * cols + k]) {
				osc_buf_printf(&nums, "%s%s %s %zu of %zu", any ? "," : (r ? "; " : ""),
					       any ? "" : row_names[r], col_names[k], part[r * cols + k],
					       whole[r]);
				any = true;
			}
	}
	if (!nums.len)
		osc_buf_adds(&nums, "Nothing to show.");
	double height = HEAD_H + (double)rows * CELL_H + 6;
	open_svg(b, c, height, &nums);
	double left = 250;
	/* the scale, none to all of an authority's documents */
	for (int i = 0; i <= 4; i++) {
		char fill[8], t[8];
		shade(fill, sizeof fill, i / 4.0);
		snprintf(t, sizeof t, "%d%%", i * 25);
		osc_buf_printf(b, "<rect x=\"%.1f\" y=\"4\" width=\"14\" height=\"12\" fill=\"%s\" "
				  "stroke=\"#999\" stroke-width=\"0.5\"/>", 10.0 + i * 46, i ? fill : "#FFFFFF");
		text_at(b, 28.0 + i * 46, 14, "start", "axis", t);
	}
	text_at(b, 10, 32, "start", "axis", "of the authority's documents");
	for (size_t k = 0; k < cols; k++) {
		double x = left + (double)k * CELL_W + CELL_W / 2.0;
		osc_buf_printf(b, "<text transform=\"translate(%.1f %d) rotate(-60)\" class=\"axis\">", x,
			       HEAD_H - 4);
		osc_html_texts(b, col_names[k]);
		osc_buf_adds(b, "</text>");
	}
	for (size_t r = 0; r < rows; r++) {
		double y = HEAD_H + (double)r * CELL_H;
		text_at(b, left - 6, y + 12, "end", "label", row_names[r]);
		for (size_t k = 0; k < cols; k++) {
			size_t p = part[r * cols + k];
			double share = whole[r] ? (double)p / (double)whole[r] : 0;
			char fill[8];
			shade(fill, sizeof fill, share);
			osc_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"%s\" "
					  "stroke=\"#fff\"><title>", left + (double)k * CELL_W, y,
				       CELL_W, CELL_H, p ? fill : "#FFFFFF");
			osc_html_texts(b, row_names[r]);
			osc_buf_adds(b, ", ");
			osc_html_texts(b, col_names[k]);
			osc_buf_printf(b, ": %zu of %zu documents (%.0f%%)</title></rect>", p, whole[r],
				       100 * share);
		}
	}
	close_svg(b, &nums);
}
