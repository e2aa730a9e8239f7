/* text_reader.h - the text reader's state, shared by its steps: lines and
 * widths (text_lines.c, text_width.c), furniture (text_furniture.c),
 * paragraphs (text_paragraphs.c); reader_text.c runs them in order. */
#ifndef OSC_TEXT_READER_H
#define OSC_TEXT_READER_H

#include "blocks.h"
#include "text.h"

/* A line this long (code points, leading space as one) is part of a
 * paragraph's body, not a short line that may end one. */
#define OSC_SUBSTANTIAL 30
/* Wrap width assumed when a text has too few full lines to measure it: 85
 * characters of 500/1000 em, pdftotext's usual line. */
#define OSC_DEFAULT_WRAP (85 * 500)

typedef enum ltype {
	L_TEXT,
	L_BLANK,
	L_BULLET,   /* text after a bullet glyph; may be empty (glyph alone) */
	L_HEADING,  /* a Markdown heading, or a line naming a known section */
	L_DROP      /* furniture */
} ltype;

/* A line, 28 bytes: a text of 60 bytes a line costs half its size again
 * in lines (offsets are 32 bits: the reader takes at most OSC_TEXT_MAX). */
typedef struct line {
	uint32_t off, n;   /* normalised text: in the scratch buffer, or in
			    * the input itself (a view) */
	uint32_t end;      /* where the line's bytes end in the input */
	uint32_t w;        /* width of its text (after any bullet) in 1/1000 em */
	uint32_t page;
	uint32_t number;   /* L_BULLET numbered: its number */
	unsigned char type; /* ltype */
	bool view : 1;     /* the input's bytes were already normal: off is
			    * into src, and nothing was copied */
	bool substantial : 1; /* the original line has at least SUBSTANTIAL
			       * code points (counting leading space as one) */
	bool page_start : 1; /* first line after a form feed */
	bool terminal : 1; /* ends a sentence: . ? ! : or ; (maybe quoted) */
	bool numbered : 1; /* L_BULLET: its marker is a number ("8.", "3)") */
} line;

/* The longest text the line reader takes (its offsets are 32 bits, and
 * the scratch text can reach twice the input). */
#define OSC_TEXT_MAX ((size_t)INT32_MAX)

typedef struct ctx {
	const char *src;   /* the input the lines were cut from (views) */
	char *dst;         /* src, when the paragraphs may be written over it
			    * (osc_blocks.rewrite), else NULL */
	const char *buf;   /* scratch->data once all lines are in */
	osc_buf *scratch;  /* the lines' normalised text */
	line *lines;
	size_t n, cap;
	bool markdown;
	bool layout;           /* lines from a laid-out page: gaps are known */
	unsigned width;        /* wrap width of ordinary lines */
	unsigned bullet_width; /* wrap width of lines inside bullets */
	unsigned last_number;  /* the last paragraph number read ("8.") */
	const osc_allocator *a;
} ctx;

/* The width of a printable ASCII character in 1/1000 em (text_width.c). */
unsigned osc_ascii_width(char c);
/* A line ends its paragraph when the next word would have fitted with this
 * much room to spare (1/1000 em). */
#define OSC_WRAP_SLACK 0

/* A line's text, wherever it is. */
#define LTEXT(c, l) (((l)->view ? (c)->src : (c)->buf) + (l)->off)

/* step 1 (text_lines.c): the lines of a text, or of a laid-out page; does
 * a line end a sentence? */
osc_status osc_tr_cut_lines(ctx *c, const char *text, size_t len, osc_buf *scratch);
osc_status osc_tr_layout_lines(ctx *c, const char *text, const osc_layout_line *v,
			       size_t n, osc_buf *scratch);
bool osc_tr_ends_terminal(const char *s, size_t n);
/* furniture a line is, alone: a page number, a contact line of the
 * letterhead, the back page's licence text */
bool osc_tr_is_page_number(const char *s, size_t n);
bool osc_tr_is_contact_line(const char *s, size_t n);
bool osc_tr_is_back_page(const char *s, size_t n);

/* step 2 (text_furniture.c) */
void osc_tr_drop_furniture(ctx *c);
void osc_tr_drop_running_lines(ctx *c);
void osc_tr_drop_footnotes(ctx *c);
/* a page number or a footnote's mark glued to a word ("time3", "young
 * people1 until") cut off */
osc_status osc_tr_cut_glued_numbers(ctx *c);
/* the width most full lines reach (of bulleted lines, or the others) */
unsigned osc_tr_percentile_width(ctx *c, bool bullets, unsigned fallback);

/* step 3 (text_paragraphs.c) */
osc_status osc_tr_build_paragraphs(ctx *c, osc_blocks *out, osc_buf *scratch2);

#endif
