/*
 * ofsted_scan.h - the ofsted-scan library: read an Ofsted inspection letter,
 * split it into sections and items, classify every item by theme and polarity.
 *
 * Conventions
 *   - Every public name starts with osc_ / OSC_.
 *   - The library never prints and never exits: failures come back as an
 *     osc_status, with a message in the caller's osc_error.
 *   - Ownership: an object returned by osc_*_new / osc_*_load / osc_scan is
 *     owned by the caller and freed with the matching osc_*_free.  Strings and
 *     items returned by accessors belong to the object they came from and live
 *     exactly as long as it does.  Buffers returned by osc_render_* are owned
 *     by the caller and released with osc_free (through the same allocator).
 *   - Threads: an osc_rules is read-only once built and may be shared by any
 *     number of threads.  An osc_scanner holds per-thread scratch state (PCRE2
 *     match data, buffers) and must be used by one thread at a time.
 *   - All text in and out is UTF-8.
 *
 * Copyright (C) 2026 the ofsted-scan authors.  GPL-3.0-or-later.
 */
#ifndef OFSTED_SCAN_H
#define OFSTED_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OSC_VERSION "0.1.0"
#define OSC_SCHEMA "ofsted-scan/1"

/* The version of the library linked (OSC_VERSION is the header's). */
const char *osc_version(void);

typedef enum osc_status {
	OSC_OK = 0,
	OSC_ENOMEM,       /* an allocation failed */
	OSC_EINVAL,       /* a bad argument (NULL where one is needed, ...) */
	OSC_EFORMAT,      /* the input is not a document this build can read */
	OSC_ERULES,       /* a rules file is malformed */
	OSC_EMATCH,       /* a pattern hit the PCRE2 match limits */
	OSC_EIO           /* an osc_writer refused the output */
} osc_status;

/* Where a renderer's bytes go as they are made (osc_render_*_to), so that
 * a large document's output is never held whole: write returns false to
 * stop, and the renderer returns OSC_EIO. */
typedef struct osc_writer {
	bool (*write)(const char *data, size_t len, void *ctx);
	void *ctx;
} osc_writer;

/* Filled in by calls that can fail.  `message` is always NUL-terminated. */
typedef struct osc_error {
	osc_status status;
	unsigned line;          /* for rules files: the 1-based line, else 0 */
	char message[256];
} osc_error;

/*
 * Allocator hook.  Every allocation the library makes (PCRE2's included) goes
 * through it, so tests can fail the Nth allocation.  Pass NULL anywhere an
 * osc_allocator is taken to use malloc/realloc/free.  `ctx` is passed back.
 */
typedef struct osc_allocator {
	void *(*alloc)(size_t size, void *ctx);
	void *(*resize)(void *ptr, size_t size, void *ctx);
	void (*release)(void *ptr, void *ctx);
	void *ctx;
} osc_allocator;

/* Release a buffer returned by osc_render_* (NULL is fine). */
void osc_free(const osc_allocator *a, void *ptr);

/* ---- taxonomy ---------------------------------------------------------- */

typedef struct osc_rules osc_rules;

/* The default taxonomy compiled into the library (data/themes.rules). */
const char *osc_default_rules_text(size_t *len);

/*
 * Parse and compile a rules text (see docs/rules-format.md).  `name` names
 * the text in error messages (a file path).  Returns NULL on failure with
 * `err` saying where and why.
 */
osc_rules *osc_rules_parse(const char *text, size_t len, const char *name,
			   const osc_allocator *a, osc_error *err);
/* The default taxonomy, parsed and compiled (osc_rules_parse of
 * osc_default_rules_text, named "default rules"). */
osc_rules *osc_rules_default(const osc_allocator *a, osc_error *err);
/*
 * New rules that extend `base` (which is not changed, and need not outlive
 * the result) with a rules text: themes with a new id are added, themes
 * with an existing id get the new phrases added, [polarity] cues are added,
 * [settings] override.  The base's rules are taken as parsed, not parsed
 * again.
 */
osc_rules *osc_rules_extend(const osc_rules *base, const char *text, size_t len,
			    const char *name, const osc_allocator *a,
			    osc_error *err);
void osc_rules_free(osc_rules *rules);

size_t osc_rules_theme_count(const osc_rules *rules);
const char *osc_rules_theme_id(const osc_rules *rules, size_t i);
const char *osc_rules_theme_label(const osc_rules *rules, size_t i);
/* Index of a theme id, or -1. */
int osc_rules_theme_index(const osc_rules *rules, const char *id);

/* ---- the learned classifier ---------------------------------------------- */

/*
 * A model trained on labelled items (ofsted-scan-train; the format is
 * docs/model-format.md): per theme, the probability that an item is about
 * it, and the item's polarity.  A model is loaded for one taxonomy: its
 * themes are matched to the rules' by id; a theme of the rules that the
 * model has no output for is decided by the rules alone.  Read-only once
 * loaded, it may be shared by any number of threads; it borrows `rules`,
 * which must outlive it.  `name` names the model in error messages.
 */
typedef struct osc_model osc_model;
osc_model *osc_model_load(const void *data, size_t len, const char *name,
			  const osc_rules *rules, const osc_allocator *a,
			  osc_error *err);
/* The default model compiled into the library (data/model.bin), for the
 * default taxonomy or one that extends it. */
osc_model *osc_model_default(const osc_rules *rules, const osc_allocator *a,
			     osc_error *err);
void osc_model_free(osc_model *model);
/* How many of the rules' themes the model decides. */
size_t osc_model_theme_count(const osc_model *model);

/* ---- scanning ---------------------------------------------------------- */

typedef enum osc_format {
	OSC_FORMAT_AUTO = 0, /* detect from the content */
	OSC_FORMAT_TEXT,
	OSC_FORMAT_MARKDOWN,
	OSC_FORMAT_HTML,
	OSC_FORMAT_PDF
} osc_format;

typedef enum osc_kind {
	OSC_KIND_UNKNOWN = 0,
	OSC_KIND_FOCUSED_VISIT,
	OSC_KIND_MONITORING_VISIT,
	OSC_KIND_JTAI,
	OSC_KIND_INSPECTION_REPORT,
	OSC_KIND_NEWS_SUMMARY
} osc_kind;

/* A full inspection report's judgement table (ILACS): areas and grades. */
typedef enum osc_area {
	OSC_AREA_OVERALL = 0,               /* overall effectiveness */
	OSC_AREA_IMPACT_OF_LEADERS,
	OSC_AREA_HELP_AND_PROTECTION,
	OSC_AREA_IN_CARE_AND_CARE_LEAVERS,  /* to 2023: one judgement */
	OSC_AREA_IN_CARE,                   /* from 2023: two */
	OSC_AREA_CARE_LEAVERS,
	OSC_AREA_ADOPTION                   /* to 2017: adoption performance */
} osc_area;

typedef enum osc_grade {
	OSC_GRADE_OUTSTANDING = 0,
	OSC_GRADE_GOOD,
	OSC_GRADE_REQUIRES_IMPROVEMENT,     /* "requires improvement to be good" */
	OSC_GRADE_INADEQUATE
} osc_grade;

typedef struct osc_judgement {
	osc_area area;
	osc_grade grade;
} osc_judgement;

typedef enum osc_section {
	OSC_SECTION_IMPROVEMENTS = 0,
	OSC_SECTION_PRIORITY_ACTIONS,
	OSC_SECTION_FINDINGS,
	OSC_SECTION_COUNT
} osc_section;

typedef enum osc_polarity {
	OSC_POLARITY_NEUTRAL = 0,
	OSC_POLARITY_STRENGTH,
	OSC_POLARITY_CONCERN,
	OSC_POLARITY_MIXED,
	OSC_POLARITY_COUNT
} osc_polarity;

typedef struct osc_scanner osc_scanner;
typedef struct osc_doc osc_doc;
typedef struct osc_digest osc_digest; /* a document's digest (--history) */

/* A scanner borrows `rules`, which must outlive it. */
osc_scanner *osc_scanner_new(const osc_rules *rules, const osc_allocator *a,
			     osc_error *err);
void osc_scanner_free(osc_scanner *s);
/* Record why each item got its themes and polarity (osc_item.explain);
 * off by default, as it costs time and memory. */
void osc_scanner_set_explain(osc_scanner *s, bool on);
/* Decide themes and polarity with `model` (borrowed; it must outlive the
 * scanner and be loaded for the scanner's rules), or with the rules alone
 * (NULL, the default).  OSC_EINVAL for a model of other rules. */
osc_status osc_scanner_set_model(osc_scanner *s, const osc_model *model);

/*
 * Read, split and classify one document held in memory.  `source` is copied
 * and only used for output.  With OSC_FORMAT_AUTO the reader is chosen from
 * the content.  Returns NULL on failure (no document).
 */
osc_doc *osc_scan(osc_scanner *s, const char *data, size_t len,
		  const char *source, osc_format format, osc_error *err);
/*
 * The same, the document taking `data`: allocated with the scanner's
 * allocator, with room for len + 1 bytes, it is freed with the document,
 * or before a NULL return (except when s or data is NULL: OSC_EINVAL,
 * and data stays the caller's).  A text's paragraphs are written over it
 * rather than copied, so a document holds one copy of its text, not two.
 */
osc_doc *osc_scan_take(osc_scanner *s, char *data, size_t len, const char *source,
		       osc_format format, osc_error *err);
void osc_doc_free(osc_doc *doc);

/* ---- the document ------------------------------------------------------ */

typedef struct osc_theme_hit {
	int theme;                 /* index into the rules' themes */
	double score;              /* the rules' score */
	double probability;        /* the model's, or -1 where the rules decided */
	size_t n_evidence;
	const char *const *evidence; /* the matched phrases, as in the text */
} osc_theme_hit;

/* ---- explanations (osc_scanner_set_explain) ---- */

typedef enum osc_match_kind {
	OSC_MATCH_KIND_THEME = 0, /* a theme's phrase or pattern */
	OSC_MATCH_KIND_EXCLUDE,   /* a theme's exclusion */
	OSC_MATCH_KIND_STRENGTH,  /* polarity cues */
	OSC_MATCH_KIND_CONCERN,
	OSC_MATCH_KIND_CONTRAST,
	OSC_MATCH_KIND_NEGATOR,
	OSC_MATCH_KIND_NEUTRAL    /* a term that hides the cues inside it */
} osc_match_kind;

typedef enum osc_match_flag {
	OSC_MATCH_FLAG_SUPPRESSED = 1 << 0, /* inside a longer match, or an exclusion */
	OSC_MATCH_FLAG_NEGATED = 1 << 1     /* a cue turned by a negator before it */
} osc_match_flag;

typedef struct osc_match {
	osc_match_kind kind;
	int theme;           /* theme and exclusion matches; otherwise -1 */
	double weight;       /* the rule's weight */
	double counted;      /* what it added to its theme's score (0: nothing) */
	unsigned flags;      /* osc_match_flag bits */
	unsigned sentence;   /* the item's sentence it is in, from 0 */
	const char *text;    /* the text it matched */
	const char *rule;    /* the rule as written */
	const char *file;    /* where the rule is */
	unsigned line;
} osc_match;

typedef enum osc_verdict {
	OSC_VERDICT_KEPT = 0,
	OSC_VERDICT_BELOW_THRESHOLD, /* score under the threshold */
	OSC_VERDICT_NO_ANCHOR,       /* only weak phrases */
	OSC_VERDICT_PASSING,         /* far below the item's main theme */
	OSC_VERDICT_OVER_MAX,        /* more themes than max-themes */
	OSC_VERDICT_MODEL_BELOW_CUT  /* the model's probability under its cut */
} osc_verdict;

/* A feature of the model's and what it added to a decision. */
typedef struct osc_feature_weight {
	const char *feature;  /* its name (docs/classifier.md, "Features") */
	double value;         /* its value in the item */
	double contribution;  /* value times its weight */
} osc_feature_weight;

typedef struct osc_theme_score {
	int theme;
	double score;
	osc_verdict verdict;
	double probability, cut;        /* the model's, or -1 */
	size_t n_features;
	const osc_feature_weight *features; /* the model's: those that weighed
					     * most, either way, largest first */
} osc_theme_score;

typedef struct osc_explain {
	size_t n_matches;
	const osc_match *matches;       /* in text order */
	size_t n_scores;
	const osc_theme_score *scores;  /* every theme matched, highest first */
	double threshold, relative;     /* the cuts applied */
	unsigned sentences;             /* sentences in the item */
	unsigned strength_sentences;    /* sentences whose cues lean each way */
	unsigned concern_sentences;
	unsigned both_sentences;        /* both, joined by a contrast */
	double mixed_ratio;
	double pivot;                   /* a contrast sentence's cues for mixed */
	const char *polarity_rule;      /* which rule decided the polarity */
	/* the model's polarity, when a model decided: each polarity's
	 * probability (osc_polarity indexes), the features that weighed most
	 * for the one chosen, and the rules' own choice */
	bool model;
	double polarity_probability[OSC_POLARITY_COUNT];
	size_t n_polarity_features;
	const osc_feature_weight *polarity_features;
	osc_polarity rules_polarity;
} osc_explain;

const char *osc_verdict_name(osc_verdict v);
const char *osc_match_kind_name(osc_match_kind k);

typedef struct osc_item {
	const char *text;
	osc_polarity polarity;
	size_t n_themes;
	const osc_theme_hit *themes; /* highest score first */
	const osc_explain *explain;  /* NULL unless the scanner explains */
	/* where to cite it: the PDF page it starts on (0: not read from a
	 * PDF) and the number printed before it, as a report numbers its
	 * paragraphs (0: none) */
	unsigned page;
	unsigned paragraph;
	/* its place in its section of the document, from 1 (the same in a
	 * selection: osc_doc_select, osc_doc_filter) */
	unsigned index;
} osc_item;

/* Where an item stands, to cite it: "paragraph 12, page 4", "page 4",
 * "paragraph 12", or "" when neither is known; into out[cap] (cut, always
 * NUL-ended).  Returns its length. */
size_t osc_item_where(const osc_item *it, char *out, size_t cap);

const char *osc_doc_source(const osc_doc *doc);
osc_format osc_doc_format(const osc_doc *doc);
osc_kind osc_doc_kind(const osc_doc *doc);
const char *osc_doc_authority(const osc_doc *doc); /* NULL when unknown */
const char *osc_doc_date(const osc_doc *doc);      /* YYYY-MM-DD or NULL */
/* The authority's canonical name (osc_authority_key), NULL when the
 * authority is unknown or not one of the list (then with a warning). */
const char *osc_doc_authority_key(const osc_doc *doc);
/* The date a document is filed under (--since, summaries by year): its
 * date, else its first visit day, else NULL. */
const char *osc_doc_dated(const osc_doc *doc);
size_t osc_doc_visit_date_count(const osc_doc *doc);
const char *osc_doc_visit_date(const osc_doc *doc, size_t i);
size_t osc_doc_inspector_count(const osc_doc *doc);
const char *osc_doc_inspector(const osc_doc *doc, size_t i);
const char *osc_doc_focus(const osc_doc *doc);     /* NULL when unknown */
const char *osc_doc_headline(const osc_doc *doc);  /* NULL when absent */
/* Judgements, in the table's order; none unless an inspection report.
 * (Reports from April 2026 have no overall effectiveness judgement.) */
size_t osc_doc_judgement_count(const osc_doc *doc);
const osc_judgement *osc_doc_judgement(const osc_doc *doc, size_t i);
size_t osc_doc_item_count(const osc_doc *doc, osc_section sec);
const osc_item *osc_doc_item(const osc_doc *doc, osc_section sec, size_t i);
size_t osc_doc_warning_count(const osc_doc *doc);
const char *osc_doc_warning(const osc_doc *doc, size_t i);
const osc_rules *osc_doc_rules(const osc_doc *doc);

/* Per theme (an index into the rules' themes): the items tagged with it,
 * and how many of them have each polarity.  Counted once, when the
 * document is made; NULL for a theme index out of range. */
typedef struct osc_theme_tally {
	size_t items;
	size_t by_polarity[OSC_POLARITY_COUNT]; /* osc_polarity indexes */
} osc_theme_tally;
const osc_theme_tally *osc_doc_theme_tally(const osc_doc *doc, size_t theme);

/*
 * A new document with only the items that have at least one of `themes`
 * (theme indexes), its tally counted over them.  It borrows the text of
 * `doc`, which must outlive it; free it with osc_doc_free.  NULL on
 * failure (`err` says why).
 */
osc_doc *osc_doc_select(const osc_doc *doc, const int *themes, size_t n,
			osc_error *err);

/*
 * The same, with the items for which keep(item, section, index in its
 * section, ctx) is true (--grep).  keep is called once per item, in
 * order, on the calling thread.
 */
typedef bool (*osc_item_pred)(const osc_item *it, osc_section sec, size_t i,
			      void *ctx);
osc_doc *osc_doc_filter(const osc_doc *doc, osc_item_pred keep, void *ctx,
			osc_error *err);

/* ---- a document against its predecessor (--history) ---------------------- */

/*
 * A digest of a document, kept to compare a later one with it: its
 * source, date (osc_doc_dated), authority key, kind, judgements, each
 * theme's strengths and concerns, and its improvement points and priority
 * actions.  It copies what it keeps (a few KB), so the document can be
 * freed.  Read-only once made: any thread may read it.
 */
osc_digest *osc_digest_new(const osc_doc *doc, osc_error *err);
void osc_digest_free(osc_digest *d);
const char *osc_digest_source(const osc_digest *d);
const char *osc_digest_date(const osc_digest *d);          /* or NULL */
const char *osc_digest_authority_key(const osc_digest *d); /* or NULL */

/*
 * Is `prev` a predecessor of `doc`: the same authority (by authority_key,
 * or one that was reorganised into doc's), dated strictly before it?
 * Of several, the latest is the previous one (osc_digest_date).
 */
bool osc_digest_precedes(const osc_digest *prev, const osc_doc *doc);

/* A judgement area in both documents (or in one: the other grade -1). */
typedef struct osc_judgement_change {
	osc_area area;
	int before, after;   /* osc_grade, or -1 when not judged */
} osc_judgement_change;

/* A theme's strengths and concerns (items) before and after. */
typedef struct osc_theme_change {
	int theme;
	size_t strengths_before, concerns_before;
	size_t strengths_after, concerns_after;
} osc_theme_change;

/* An improvement point (or priority action) of the document that recurs:
 * like one of the previous document's (`before`, NULL if none is alike)
 * and/or saying so in its own words ("identified at the last
 * inspection"). */
typedef struct osc_recurring {
	osc_section section;
	unsigned index;          /* from 1, in its section */
	const char *text;
	const char *before;      /* the previous point it is like, or NULL */
	double similarity;       /* of the two (0..1), 0 when none */
	bool said;               /* the point says it was raised before */
} osc_recurring;

typedef struct osc_history {
	const char *source;      /* the previous document's */
	const char *date;
	osc_kind kind;
	size_t n_judgements;
	const osc_judgement_change *judgements;
	size_t n_themes;         /* themes in either document */
	const osc_theme_change *themes;
	size_t n_recurring;
	const osc_recurring *recurring;
	size_t n_new_concerns;   /* themes raised as a concern now, not before */
	const int *new_concerns;
	size_t n_dropped_concerns; /* raised as a concern before, not now */
	const int *dropped_concerns;
} osc_history;

/*
 * A new document that is `doc` compared with its predecessor's digest
 * (NULL: it has none among the inputs), for the renderers: JSON gains
 * "previous", text a "Since the previous visit" section.  It borrows doc
 * (which must outlive it) and copies what it needs of prev.  NULL on
 * failure.  osc_doc_history: the comparison, NULL when none was made or
 * there was no predecessor; osc_doc_history_asked: whether one was.
 */
osc_doc *osc_doc_with_previous(const osc_doc *doc, const osc_digest *prev,
			       osc_error *err);
const osc_history *osc_doc_history(const osc_doc *doc);
bool osc_doc_history_asked(const osc_doc *doc);

const char *osc_format_name(osc_format f);
const char *osc_kind_name(osc_kind k);
const char *osc_section_name(osc_section s);  /* the JSON key */
const char *osc_polarity_name(osc_polarity p);
/* The polarity a name gives ("strength", ...); false for another name. */
bool osc_polarity_parse(const char *name, osc_polarity *p);
const char *osc_area_id(osc_area a);     /* "help_and_protection", ... */
const char *osc_area_label(osc_area a);  /* "Help and protection", ... */
const char *osc_grade_id(osc_grade g);   /* "requires_improvement", ... */
const char *osc_grade_label(osc_grade g); /* "requires improvement to be good" */
const char *osc_status_name(osc_status st);

/* ---- local authorities -------------------------------------------------- */

/*
 * The English local authorities Ofsted inspects (data/authorities.txt,
 * compiled in).  osc_authority_key gives the canonical name of a name as
 * printed ("Wokingham Borough Council", "Bristol, City of", "London
 * Borough of Hammersmith & Fulham"), or NULL for a name not in the list.
 * The string is static.  Thread-safe.
 */
const char *osc_authority_key(const char *name);
/* Whether `earlier` was reorganised into `later` (Northamptonshire into
 * West Northamptonshire, 2021); names as printed or canonical. */
bool osc_authority_succeeds(const char *later, const char *earlier);
/* The day ("2021-04-01") a reorganised authority ended, or NULL (one that
 * still is, or a name not in the list).  Static. */
const char *osc_authority_ended(const char *name);

/* ---- rendering --------------------------------------------------------- */

enum {
	OSC_RENDER_PRETTY = 1 << 0, /* JSON: indented, several lines */
	OSC_RENDER_COLOUR = 1 << 1, /* text: ANSI colour */
	OSC_RENDER_BRIEF = 1 << 2,  /* text: a finding's first sentence and the
				     * headline's first paragraph */
	OSC_RENDER_LIST = 1 << 3,   /* text: only the items, each with its
				     * citation (section and index, paragraph,
				     * page), polarity and themes (--grep) */
	OSC_RENDER_FRAGMENT = 1 << 4 /* HTML: the document's <section> alone,
				      * for a page of several */
};

/*
 * Render a document.  On success *out is a NUL-terminated buffer of *len
 * bytes owned by the caller (osc_free).  JSON is always valid UTF-8.
 */
osc_status osc_render_json(const osc_doc *doc, unsigned flags,
			   const osc_allocator *a, char **out, size_t *len);
osc_status osc_render_text(const osc_doc *doc, unsigned flags,
			   const osc_allocator *a, char **out, size_t *len);
/* The same bytes (and osc_render_csv's), written to `out` as they are made
 * (in chunks of 64 KiB, and a long item's text straight from the document)
 * rather than held whole: OSC_EIO when out->write refused them. */
osc_status osc_render_json_to(const osc_doc *doc, unsigned flags,
			      const osc_allocator *a, const osc_writer *out);
osc_status osc_render_text_to(const osc_doc *doc, unsigned flags,
			      const osc_allocator *a, const osc_writer *out);
osc_status osc_render_csv_to(const osc_doc *doc, unsigned flags,
			     const osc_allocator *a, const osc_writer *out);
/*
 * HTML: a self-contained page for the document (inline CSS and SVG charts,
 * no script, nothing fetched; docs/output.md), or with OSC_RENDER_FRAGMENT
 * its <section> alone.  A page of several is osc_render_html_open (the
 * head, with `title`), the fragments, then osc_html_close().
 */
osc_status osc_render_html(const osc_doc *doc, unsigned flags,
			   const osc_allocator *a, char **out, size_t *len);
osc_status osc_render_html_open(const char *title, const osc_allocator *a,
				char **out, size_t *len);
const char *osc_html_close(void);

/* The record for an input that could not be read: {"schema", "source", "error"}. */
osc_status osc_render_json_error(const char *source, const char *message,
				 unsigned flags, const osc_allocator *a,
				 char **out, size_t *len);

/* CSV: one row per item (RFC 4180, CRLF line ends, UTF-8): source, kind,
 * authority, date, section, index (from 1 in its section), polarity,
 * themes (ids joined by ';'), text, page, paragraph, authority_key (the
 * last three empty when unknown).  A document without items gives an
 * empty string.  osc_csv_header() is the header row, CRLF included. */
const char *osc_csv_header(void);
osc_status osc_render_csv(const osc_doc *doc, unsigned flags,
			  const osc_allocator *a, char **out, size_t *len);

/*
 * The document table (--documents): one record per document, for pivot
 * tables.  JSON: {"schema", "record": "document", "source", "kind",
 * "authority_key", "authority", "date", "first_visit", "last_visit",
 * "inspectors", "focus", "judgements": {area: grade}, "headline", "items":
 * {section: n}, "polarity": {polarity: n}, "themes": {id: {"items",
 * "concerns", "strengths"}}, "warnings": n}.  CSV: the same flattened, one
 * column per judgement area and two per theme (ID_concerns, ID_strengths);
 * osc_csv_row_header gives the header row for a taxonomy (CRLF included).
 */
osc_status osc_render_json_row(const osc_doc *doc, unsigned flags,
			       const osc_allocator *a, char **out, size_t *len);
osc_status osc_render_csv_row(const osc_doc *doc, unsigned flags,
			      const osc_allocator *a, char **out, size_t *len);
osc_status osc_csv_row_header(const osc_rules *rules, const osc_allocator *a,
			      char **out, size_t *len);

/* ---- summaries over many documents ------------------------------------- */

/*
 * An aggregate: documents by kind; per theme, the items of each polarity;
 * the same per year (of the letter's date, else its first visit day) and
 * per authority (names compared ignoring case); inspection reports' grades
 * per area.  The summary borrows `rules`, which must outlive it, and only
 * takes documents scanned with them.  Documents can be freed once added.
 */
typedef struct osc_summary osc_summary;

osc_summary *osc_summary_new(const osc_rules *rules, const osc_allocator *a);
void osc_summary_free(osc_summary *s);
osc_status osc_summary_add(osc_summary *s, const osc_doc *doc);
/* Count an input that could not be read. */
void osc_summary_add_error(osc_summary *s);
/*
 * The reduce step: a line of ofsted-scan's own JSON Lines output (schema
 * "ofsted-scan/1") added as its document would have been, so that the
 * summary of many runs' records is the summary of one run over all their
 * inputs; an error record counts as an input that could not be read.
 * OSC_EFORMAT for a line that is no such record (a row of --documents, a
 * theme the taxonomy lacks, a cut line: err says which).  osc_is_record:
 * does a text start like such a record?
 */
osc_status osc_summary_add_record(osc_summary *s, const char *json, size_t len,
				  osc_error *err);
bool osc_is_record(const char *data, size_t len);

/* Keep a digest (osc_digest_new) of every document added, for a renderer
 * that lists them (the HTML report); off by default.  Call before adding. */
void osc_summary_keep_documents(osc_summary *s, bool on);
/* The digests kept, in the order added. */
size_t osc_summary_document_count(const osc_summary *s);
const osc_digest *osc_summary_document(const osc_summary *s, size_t i);

/* Read a summary's numbers (for a renderer of one's own: the workbook). */
typedef enum osc_summary_scope {
	OSC_SCOPE_ALL = 0,   /* one group: every document */
	OSC_SCOPE_YEAR,      /* per year, ascending ("unknown" last) */
	OSC_SCOPE_AUTHORITY  /* per authority_key (else name), ascending */
} osc_summary_scope;

/* Items tagged with one theme, by polarity (osc_polarity indexes), and the
 * documents that raise it: at all, and as a concern (an item tagged with
 * it that is a concern). */
typedef struct osc_summary_theme {
	size_t by_polarity[OSC_POLARITY_COUNT];
	size_t documents, concern_documents;
} osc_summary_theme;

/* Documents in one group, their items, and per theme of the rules. */
typedef struct osc_summary_group {
	char *key;                  /* NULL for OSC_SCOPE_ALL */
	size_t documents, items;
	size_t by_polarity[OSC_POLARITY_COUNT];
	osc_summary_theme *themes;  /* osc_rules_theme_count of them */
	size_t kinds[OSC_KIND_NEWS_SUMMARY + 1]; /* documents of each kind */
} osc_summary_group;

size_t osc_summary_group_count(const osc_summary *s, osc_summary_scope scope);
/* The i-th group of a scope, NULL past the end; owned by the summary. */
const osc_summary_group *osc_summary_group_at(const osc_summary *s,
					      osc_summary_scope scope, size_t i);
/* Documents counted, inputs that could not be read, documents of a kind,
 * inspection reports with grade g in area a. */
size_t osc_summary_errors(const osc_summary *s);
size_t osc_summary_kind_count(const osc_summary *s, osc_kind k);
size_t osc_summary_grade_count(const osc_summary *s, osc_area a, osc_grade g);

typedef enum osc_summary_format {
	OSC_SUMMARY_TEXT = 0,  /* tables for people (OSC_RENDER_COLOUR) */
	OSC_SUMMARY_JSON,      /* one object (OSC_RENDER_PRETTY) */
	OSC_SUMMARY_CSV,       /* long form: scope,key,theme,documents,... */
	OSC_SUMMARY_HTML       /* a page with charts (render_html.c): needs
				* osc_summary_keep_documents for its table */
} osc_summary_format;

osc_status osc_render_summary(const osc_summary *s, osc_summary_format f,
			      unsigned flags, const osc_allocator *a,
			      char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
