/* internal.h - shared internals of the ofsted-scan library (not installed). */
#ifndef OSC_INTERNAL_H
#define OSC_INTERNAL_H

#include "ofsted_scan.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define OSC_UNUSED(x) ((void)(x))
#define OSC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- allocation (alloc.c) ---------------------------------------------- */

/* The allocator to use: `a` or the default one. */
const osc_allocator *osc_alloc_or_default(const osc_allocator *a);
void *osc_malloc(const osc_allocator *a, size_t n);
void *osc_zalloc(const osc_allocator *a, size_t n); /* osc_malloc, zeroed */
void *osc_realloc(const osc_allocator *a, void *p, size_t n);
/* Grow an array to hold at least `need` elements of `size` bytes; false on
 * overflow or allocation failure (the old array is left as it was). */
bool osc_grow(const osc_allocator *a, void **arr, size_t *cap, size_t need,
	      size_t size);

/* Set the error (printf-style); returns `st` for tail calls. */
osc_status osc_set_error(osc_error *err, osc_status st, unsigned line,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A bump allocator for a document's strings and arrays, freed at once. */
typedef struct osc_arena_block osc_arena_block;
typedef struct osc_arena {
	const osc_allocator *a;
	osc_arena_block *head;
} osc_arena;

void osc_arena_init(osc_arena *ar, const osc_allocator *a);
void *osc_arena_alloc(osc_arena *ar, size_t n);
char *osc_arena_strndup(osc_arena *ar, const char *s, size_t n);
char *osc_arena_strdup(osc_arena *ar, const char *s);
char *osc_arena_printf(osc_arena *ar, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void osc_arena_free(osc_arena *ar);

/* A growable byte buffer, always NUL-terminated once anything is added.
 * `failed` latches the first allocation failure so callers can append
 * freely and check once. */
typedef struct osc_buf {
	const osc_allocator *a;
	char *data;
	size_t len, cap;
	bool failed;
} osc_buf;

void osc_buf_init(osc_buf *b, const osc_allocator *a);
/* osc_buf_reserve's slow path: grow for `extra` more bytes and the NUL. */
bool osc_buf_grow(osc_buf *b, size_t extra);
/* Room for `extra` more bytes and the NUL; false once failed.  The common
 * cases are inline: room already, and adding a literal (its strlen folded). */
static inline bool osc_buf_reserve(osc_buf *b, size_t extra)
{
	if (!b->failed && b->data && extra < b->cap - b->len)
		return true;
	return osc_buf_grow(b, extra);
}
static inline void osc_buf_add(osc_buf *b, const char *s, size_t n)
{
	if (!osc_buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}
static inline void osc_buf_adds(osc_buf *b, const char *s)
{
	osc_buf_add(b, s, strlen(s));
}
static inline void osc_buf_addc(osc_buf *b, char c)
{
	if (!osc_buf_reserve(b, 1))
		return;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void osc_buf_printf(osc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void osc_buf_clear(osc_buf *b);
void osc_buf_free(osc_buf *b);
/* Hand the data over to the caller (NULL if the buffer failed). */
char *osc_buf_steal(osc_buf *b, size_t *len);

/* ---- writers shared by the renderers ------------------------------------ */

/* A JSON string (quoted, escaped per RFC 8259, invalid UTF-8 as U+FFFD;
 * NULL as null): render_json.c. */
void osc_json_string(osc_buf *b, const char *s);
/* A CSV field (RFC 4180: quoted when it must be), then ',' or, when last,
 * CRLF: render_csv.c. */
void osc_csv_field(osc_buf *b, const char *s, bool last);

/* ---- UTF-8 and text helpers (text.c) ----------------------------------- */

/* Decode one code point at s (n bytes available); returns its length in
 * bytes, or 0 when the sequence is invalid.  *cp receives the code point. */
size_t osc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Append a code point as UTF-8. */
void osc_buf_add_cp(osc_buf *b, uint32_t cp);
/* Number of code points in s[0..n). */
size_t osc_utf8_len(const char *s, size_t n);
/* Has s[0..n) at least k code points?  (Stops counting at k.) */
bool osc_utf8_at_least(const char *s, size_t n, size_t k);
/* The k-th smallest (from 0) of w[0, n), k < n; w is reordered. */
unsigned osc_select_kth(unsigned *w, size_t n, size_t k);
bool osc_is_space_cp(uint32_t cp);
/* Bytes of leading/trailing white space (ASCII and Unicode spaces). */
size_t osc_lspace(const char *s, size_t n);
size_t osc_rspace(const char *s, size_t n);
/* Case-insensitive search; an apostrophe in `pat` also matches U+2019.
 * Returns the offset of the first match or -1, its length in *mlen. */
long osc_find_ci(const char *s, size_t n, const char *pat, size_t *mlen);
static inline bool osc_contains_ci(const char *s, size_t n, const char *pat)
{
	return osc_find_ci(s, n, pat, NULL) >= 0;
}
/* Does s hold any of the k patterns (as osc_find_ci)? */
bool osc_contains_any_ci(const char *s, size_t n, const char *const *pats, size_t k);
/* ASCII case-insensitive prefix test. */
bool osc_starts_with_ci(const char *s, size_t n, const char *prefix);
/* A place's name: capitalised words, and "and", "of", "upon", ... between
 * ("Bath and North East Somerset", "Kingston upon Hull"). */
bool osc_is_place_name(const char *s, size_t n);
/* A fixed list of prefixes (or names), matched ignoring ASCII case, for
 * tests made on every line.  The first use, from any thread, builds a
 * table of them by first byte (folded) and a filter of their lengths, so
 * that most lines are turned away by one or two tests and the rest try
 * only the prefixes that begin as they do.  Declare it static:
 *   static const char *const v[] = { "Yours sincerely", ... };
 *   static osc_prefixes set = OSC_PREFIXES(v); */
#define OSC_PREFIXES_MAX 64
typedef struct osc_prefixes {
	const char *const *v;      /* at most OSC_PREFIXES_MAX */
	size_t n;
	_Atomic bool ready;
	_Atomic uint64_t first[256]; /* [b]: bit i set when v[i] starts with
				      * byte b (folded) */
	_Atomic uint64_t lens;     /* bit k: a prefix is k bytes long (bit 63:
				    * 63 or more) */
} osc_prefixes;
/* (a list longer than OSC_PREFIXES_MAX does not compile: negative width) */
#define OSC_PREFIXES(arr)                                                        \
	{ (arr),                                                                 \
	  OSC_ARRAY_LEN(arr) +                                                   \
		  0 * sizeof(struct { int fits : OSC_ARRAY_LEN(arr) <= OSC_PREFIXES_MAX ? 1 : -1; }), \
	  false, { 0 }, 0 }
/* The index of the first prefix that s (n bytes) starts with, or -1. */
long osc_prefixes_find(osc_prefixes *p, const char *s, size_t n);
/* The index of the first name that s is, whole, or -1. */
long osc_prefixes_exact(osc_prefixes *p, const char *s, size_t n);

/* ---- decoding (decode.c) ----------------------------------------------- */

/* Turn raw bytes into valid UTF-8 without a BOM: UTF-16 (with a BOM) and
 * Windows-1252 are converted, invalid UTF-8 bytes become U+FFFD.  `*note`
 * receives a warning text (static) when the input was not clean UTF-8, else
 * NULL.  NUL bytes are dropped (noted too). */
osc_status osc_decode(const char *data, size_t len, osc_buf *out,
		      const char **note);

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
} osc_block;

/* What every reader produces: the document as a sequence of blocks, plus
 * warnings, all allocated in the document's arena. */
typedef struct osc_blocks {
	osc_arena *arena;
	osc_block *v;
	size_t n, cap;
	const char **warnings;
	size_t n_warnings, cap_warnings;
} osc_blocks;

osc_status osc_blocks_push(osc_blocks *bl, osc_block_type t, const char *text,
			   size_t len, unsigned page);
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
osc_status osc_read_html(const char *data, size_t len, osc_blocks *out,
			 osc_buf *scratch, osc_error *err);
/* Code points that start a bullet (U+25FC, U+F06E, U+2022, ...). */
bool osc_is_bullet_cp(uint32_t cp);

/* Detect the format of raw bytes. */
osc_format osc_detect_format(const char *data, size_t len);

/* ---- splitting (splitter.c, meta.c) ------------------------------------ */

typedef struct osc_item_build {
	const char *text;
	size_t len;
} osc_item_build;

typedef struct osc_split {
	osc_kind kind;
	const char *headline;
	osc_item_build *items[OSC_SECTION_COUNT];
	size_t n_items[OSC_SECTION_COUNT];
	size_t cap_items[OSC_SECTION_COUNT];
} osc_split;

typedef enum osc_heading {
	OSC_HEAD_NONE = 0,
	OSC_HEAD_OVERVIEW,     /* Overview, Headline findings, Summary */
	OSC_HEAD_IMPROVE,      /* What needs to improve ..., Areas for improvement */
	OSC_HEAD_PRIORITY,     /* Areas for priority action */
	OSC_HEAD_FINDINGS,     /* Findings, Main findings, Areas of strength */
	OSC_HEAD_SCOPE,        /* Areas covered by the visit: not findings */
	OSC_HEAD_END,          /* Next steps: the findings are over */
	OSC_HEAD_OTHER         /* any other heading */
} osc_heading;

/* Which section a heading line names (the text is one line or paragraph). */
osc_heading osc_classify_heading(const char *s, size_t n);
/* Is this paragraph closing boilerplate ("Yours sincerely", ...)? */
bool osc_is_closing(const char *s, size_t n);
/* Does it open a letter ("This letter summarises the findings ...")? */
bool osc_is_opening(const char *s, size_t n);

osc_status osc_split_blocks(const osc_blocks *bl, osc_split *sp,
			    osc_error *err);

typedef struct osc_meta {
	const char *authority;
	const char *date;
	const char **visit_dates;
	size_t n_visit_dates;
	const char **inspectors;
	size_t n_inspectors;
	const char *focus;
	osc_judgement judgements[8];
	size_t n_judgements;
	const char *note;  /* a warning about what was read (a repaired date) */
} osc_meta;

osc_status osc_extract_meta(const osc_blocks *bl, osc_kind kind,
			    osc_meta *m, osc_error *err);

/* A report's judgement table (judgements.c): up to `max` into out[], in the
 * table's order; 0 when there is none. */
size_t osc_find_judgements(const osc_blocks *bl, osc_judgement *out, size_t max);
/* The words that open a judgement area's heading or table row: the
 * overall row's first, then the areas'. */
extern const char *const osc_area_leads[];
extern const size_t osc_n_area_leads;
/* The length of the words that open a judgement area's heading at s ("The
 * experiences and progress of ", "The impact of leaders on ", "Overall
 * effectiveness"), or 0. */
size_t osc_area_lead(const char *s, size_t n);
/* Is this paragraph a report's heading for a judgement area ("The
 * experiences and progress of children in care: good")? */
bool osc_is_judgement_heading(const char *s, size_t n);
/* Does s end with a grade as a heading gives it ("...: good", "... is
 * outstanding", "... requires improvement to be good", "is good")? */
bool osc_ends_with_grade(const char *s, size_t n);
/* A single-inspection-framework report's overall judgement in s
 * ("Children's services in X require improvement to be good"): X and the
 * grade. */
bool osc_sif_overall(const char *s, size_t n, const char **name, size_t *name_len,
		     osc_grade *grade);
/* Is this paragraph only a grade ("Requires improvement", "Good")? */
bool osc_is_grade(const char *s, size_t n);
/* The length of the grade that s starts with (the longest), or 0. */
size_t osc_grade_at(const char *s, size_t n);

/* Parse "5 February 2019" etc. at s; returns bytes consumed or 0. */
size_t osc_parse_date(const char *s, size_t n, int *day, int *month,
		      int *year);

/* ---- classification (rules.c, classify.c) ------------------------------ */

typedef struct osc_classifier osc_classifier; /* per-scanner match state */

osc_classifier *osc_classifier_new(const osc_rules *r, const osc_allocator *a);
void osc_classifier_free(osc_classifier *c);
void osc_classifier_set_explain(osc_classifier *c, bool on);
/* Fill in an item's themes and polarity; strings go in `arena`. */
osc_status osc_classify(osc_classifier *c, osc_arena *arena, osc_section sec,
			const char *text, size_t len, osc_item *item,
			bool *limit_hit);

#endif
