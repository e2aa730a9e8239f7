/* charts.h - the HTML report's charts, drawn as inline SVG (render_charts.c):
 * every chart has a title and a description (its text alternative) and each
 * mark its own <title> with the numbers; colours come from a palette that
 * colour-blind readers can tell apart (Okabe and Ito), and the legend names
 * every colour, so nothing is said by colour alone. */
#ifndef OSC_CHARTS_H
#define OSC_CHARTS_H

#include "buf.h"

/* What every chart is given: its id (unique in the page), its title and a
 * sentence that says what it shows (the text alternative starts with it;
 * the numbers follow). */
typedef struct osc_chart {
	const char *id;
	const char *title;
	const char *desc;
} osc_chart;

/* Horizontal stacked bars: `rows` bars labelled labels[r], each of
 * `series` segments with values[r * series + s]; series s is named
 * names[s] and drawn in colours[s].  The bars share one scale. */
void osc_svg_bars(osc_buf *b, const osc_chart *c, size_t rows, const char *const *labels,
		  size_t series, const char *const *names, const char *const *colours,
		  const double *values);

/* Small multiples: one panel per row (labels[r]), each with a column per
 * key (keys[k], e.g. years), the column's height a share (0..1) given as
 * part[r * keys + k] of whole[k] ("2 of 5 documents"). */
void osc_svg_multiples(osc_buf *b, const osc_chart *c, size_t rows, const char *const *labels,
		       size_t keys, const char *const *key_names, const size_t *part,
		       const size_t *whole);

/* A heat map: rows x cols cells, each shaded by a share (part of whole[r],
 * one hue, light to dark); an empty cell for none. */
void osc_svg_heatmap(osc_buf *b, const osc_chart *c, size_t rows, const char *const *row_names,
		     size_t cols, const char *const *col_names, const size_t *part,
		     const size_t *whole);

/* The palette: polarity (osc_polarity indexes) and grades (osc_grade). */
extern const char *const osc_polarity_colours[OSC_POLARITY_COUNT];
extern const char *const osc_grade_colours[4];

#endif
