/* blocks.h - what every reader produces: the document as blocks
 * (paragraphs, bullets, headings) with warnings; the readers' entry points
 * and format detection (blocks.c, reader_*.c). */
#ifndef OSC_BLOCKS_H
#define OSC_BLOCKS_H

#include "buf.h"

/* ---- reading: blocks (reader*.c) --------------------------------------- */

typedef enum osc_block_type {
	OSC_BLOCK_PARA,
	OSC_BLOCK_BULLET,
	OSC_BLOCK_HEADING
} osc_block_type;

typedef struct osc_block {
	osc_block_type type;
	const char *text; /* arena-owned, one paragraph, wraps joined */
	size_t len;
	unsigned page;    /* 1-based page the block starts on, 0 if unknown */
	unsigned number;  /* the number printed before it ("12."), 0 if none */
} osc_block;

/* What every reader produces: the document as a sequence of blocks, plus
 * warnings, all allocated in the document's arena. */
typedef struct osc_blocks {
	osc_arena *arena;
	osc_block *v;
	size_t n, cap;
	const char **warnings;
	size_t n_warnings, cap_warnings;
	/* The text reader's input when the document owns it and it may be
	 * written over (osc_scan_take; room for a byte after it): the
	 * paragraphs are written in it, in place, rather than copied.  NULL:
	 * copied into the arena. */
	char *rewrite;
} osc_blocks;

osc_status osc_blocks_push(osc_blocks *bl, osc_block_type t, const char *text,
			   size_t len, unsigned page);
/* The same, keeping text (allocated with the arena's allocator, NUL
 * room at text[len]) rather than a copy: the arena owns it, or has freed
 * it on failure. */
osc_status osc_blocks_adopt(osc_blocks *bl, osc_block_type t, char *text, size_t len,
			    unsigned page);
/* The same, text being already the document's (written in place). */
osc_status osc_blocks_push_owned(osc_blocks *bl, osc_block_type t, char *text, size_t len,
				 unsigned page);
osc_status osc_blocks_warn(osc_blocks *bl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One reader per format behind one signature: `text` is valid UTF-8. */
typedef osc_status (*osc_reader_fn)(const char *text, size_t len,
				    osc_blocks *out, osc_buf *scratch,
				    osc_error *err);
osc_status osc_read_text(const char *text, size_t len, osc_blocks *out,
			 osc_buf *scratch, osc_error *err);
osc_status osc_read_markdown(const char *text, size_t len, osc_blocks *out,
			     osc_buf *scratch, osc_error *err);
/* The text reader's line normalisation (appended to out), returning the
 * width of what it wrote in 1/1000 em; and a text's width measured alone.
 * The two agree: the wrap tests rely on it (exposed for the tests). */
unsigned osc_normalise_line(osc_buf *out, const char *s, size_t n, bool md);
/* How much of s[0, n) osc_normalise_line would leave as it is (its width
 * in *w): n for a line that needs no copy. */
size_t osc_normal_prefix(const char *s, size_t n, bool md, unsigned *w);
unsigned osc_text_width(const char *s, size_t n);

/* A line of a laid-out page (PDF), handed to the line reader: the reader
 * that knows the geometry decides where the vertical space is; the line
 * reader does the rest (bullets, furniture, paragraphs) as for text. */
typedef struct osc_layout_line {
	size_t off, len;   /* UTF-8 text at text[off..off+len) */
	unsigned page;     /* 1-based */
	float w;           /* width of its text in 1/1000 em of its own font */
	bool gap_before;   /* a paragraph's space above it on its page */
	bool drop;         /* furniture found from the layout (a footnote) */
} osc_layout_line;

osc_status osc_read_layout(const char *text, const osc_layout_line *v,
			   size_t n, osc_blocks *out, osc_buf *scratch,
			   osc_error *err);
/* Raw-byte readers: they decode their input themselves. */
osc_status osc_read_pdf(const char *data, size_t len, osc_blocks *out,
			osc_buf *scratch, osc_error *err);
/* Whether the PDF reader hides the catalogue's /OutputIntents from poppler
 * (reader_pdf.c: colour management is most of a PDF's time, and text never
 * needs it).  On; only the tests turn it off, to compare, before any
 * thread reads. */
extern bool osc_pdf_hide_output_intents;
osc_status osc_read_html(const char *data, size_t len, osc_blocks *out,
			 osc_buf *scratch, osc_error *err);
/* Code points that start a bullet (U+25FC, U+F06E, U+2022, ...). */
bool osc_is_bullet_cp(uint32_t cp);

/* Detect the format of raw bytes. */
osc_format osc_detect_format(const char *data, size_t len);

#endif
