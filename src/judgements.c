/*
 * judgements.c - the judgement table of a full inspection report (ILACS).
 *
 * The table comes first in a report: "Judgement", "Grade", then each area
 * and its grade, wrapped and broken into paragraphs however the PDF's
 * layout fell ("The experiences and progress of children who need help and
 * protection" / "Requires improvement to be good").  The text after the
 * "Judgement" head is joined across blocks and read as a sequence of area
 * names, each followed by its grade, until the first word that belongs to
 * neither (the overview's).
 */
#include "judgements.h"
#include "lexicon.h"

#include <string.h>

#define TABLE_MAX 1200 /* the joined table is a few hundred bytes */
/* a SIF report's list of judgements runs over at most this many blocks */
#define SIF_LIST_BLOCKS 16

/* The phrase at s[i] as a whole word: its length, or 0. */
static size_t phrase_at(const char *s, size_t n, size_t i, const char *ph)
{
	size_t m = strlen(ph);
	if (i + m > n || memcmp(s + i, ph, m) != 0 || (i + m < n && osc_lex_word_char(s[i + m])))
		return 0;
	return m;
}

/* Words that surround the area names in a table (and the single
 * inspection framework's row numbers, "2.1"). */
static bool filler(const char *w, size_t n)
{
	size_t d = 0;
	while (d < n && ((w[d] >= '0' && w[d] <= '9') || w[d] == '.'))
		d++;
	if (n && d == n)
		return true;
	static const char *const words[] = {
		"the", "experiences", "and", "progress", "of", "on", "social", "work",
		"practice", "with", "children", "families", "young", "people", "judgement",
		"judgements", "grade", "grades",
	};
	for (size_t i = 0; i < OSC_ARRAY_LEN(words); i++)
		if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
			return true;
	return false;
}

/* The table's head in a block: "Judgement" or "Judgements" as a word, then
 * "Grade" or the block's end; where the table starts after it, or NULL. */
static const char *table_head(const osc_block *b)
{
	const char *end = b->text + b->len;
	for (size_t off = 0; off < b->len;) {
		long at = osc_find_ci(b->text + off, b->len - off, "judgement", NULL);
		if (at < 0)
			return NULL;
		const char *w = b->text + off + at, *p = w + 9;
		if (p < end && *p == 's')
			p++;
		while (p < end && *p == ' ')
			p++;
		if ((w == b->text || w[-1] == ' ') &&
		    (p == end || osc_starts_with_ci(p, (size_t)(end - p), "grade")))
			return p;
		off = (size_t)(w - b->text) + 9;
	}
	return NULL;
}

/* Append p[0..end) to out[*o] lower case, one space between words, and a
 * space after; within TABLE_MAX. */
static void fold_into(char *out, size_t *o, const char *p, const char *end)
{
	for (; p < end && *o + 2 < TABLE_MAX; p++) {
		char c = osc_ascii_lower(*p);
		/* a label's full stop ("... children and families.") */
		if (c == '.' && (p + 1 == end || p[1] == ' ' || p[1] == '\n') && *o &&
		    out[*o - 1] >= 'a' && out[*o - 1] <= 'z')
			c = ' ';
		if (c == ' ' || c == '\t' || c == '\n') {
			if (*o && out[*o - 1] != ' ')
				out[(*o)++] = ' ';
			continue;
		}
		out[(*o)++] = c;
	}
	if (*o && out[*o - 1] != ' ' && *o + 1 < TABLE_MAX)
		out[(*o)++] = ' ';
}

/* The text from the word "Judgement" at the head of the table, in the
 * first blocks: the blocks joined, lower case, one space between words.
 * A reader may have joined the table into the paragraphs around it. */
static size_t join_table(const osc_blocks *bl, char *out)
{
	size_t o = 0, first = 0;
	const char *from = NULL;
	for (size_t i = 0; i < bl->n && i < 30 && !from; i++)
		if ((from = table_head(&bl->v[i])))
			first = i;
	for (size_t i = first; from && i < bl->n && i < first + 24; i++) {
		const osc_block *b = &bl->v[i];
		if (b->type != OSC_BLOCK_PARA)
			break; /* a heading or a list: the table is over */
		fold_into(out, &o, i == first ? from : b->text, b->text + b->len);
	}
	return o;
}

/* Area names, each followed by its grade, in the joined text s[0..n). */
static size_t parse_table(const char *s, size_t n, osc_judgement *out, size_t max)
{
	size_t found = 0;
	int area = -2; /* named, not yet graded (-1: read, not reported) */
	/* area names, each followed by its grade, among filler words; the
	 * first other word (the overview's) ends the table */
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		size_t m = 0;
		for (size_t a = 0; a < osc_n_lex_areas && !m; a++)
			if ((m = phrase_at(s, n, i, osc_lex_areas[a].name)))
				area = (int)osc_lex_areas[a].area;
		for (size_t g = 0; g < osc_n_lex_grades && !m && area >= -1; g++) {
			if (!(m = phrase_at(s, n, i, osc_lex_grades[g].name)))
				continue;
			bool seen = area < 0;
			for (size_t k = 0; k < found; k++)
				seen |= out[k].area == (osc_area)area;
			if (!seen && found < max)
				out[found++] = (osc_judgement){ (osc_area)area, osc_lex_grades[g].grade };
			area = -2;
		}
		if (!m) {
			size_t j = i;
			while (j < n && s[j] != ' ')
				j++;
			size_t wl = j - i;
			while (wl && (s[i + wl - 1] == ':' || s[i + wl - 1] == ','))
				wl--;
			if (!filler(s + i, wl))
				break;
			m = j - i;
		}
		i += m;
	}
	return found;
}

/*
 * The single inspection framework (to 2017): the overall judgement is a
 * sentence ("Children's services in X require improvement to be good"),
 * then a numbered list of areas and grades, the adoption sub-judgement
 * among them.
 */
bool osc_sif_overall(const char *s, size_t n, const char **name, size_t *name_len,
		     osc_grade *grade)
{
	static const struct {
		const char *tail;
		osc_grade grade;
	} overall[] = {
		{ " require improvement", OSC_GRADE_REQUIRES_IMPROVEMENT },
		{ " requires improvement", OSC_GRADE_REQUIRES_IMPROVEMENT },
		{ " are inadequate", OSC_GRADE_INADEQUATE },
		{ " are good", OSC_GRADE_GOOD },
		{ " are outstanding", OSC_GRADE_OUTSTANDING },
	};
	size_t ml;
	long at = osc_find_ci(s, n, "Children's services in ", &ml);
	if (at < 0)
		return false;
	const char *x = s + at + ml;
	size_t rest = n - (size_t)at - ml;
	for (size_t k = 0; k < OSC_ARRAY_LEN(overall); k++) {
		/* the name runs to the grade: a place's name, short */
		long g = osc_find_ci(x, rest, overall[k].tail, NULL);
		if (g > 0 && g <= 60 && osc_is_place_name(x, (size_t)g)) {
			*name = x, *name_len = (size_t)g, *grade = overall[k].grade;
			return true;
		}
	}
	return false;
}

static size_t sif_judgements(const osc_blocks *bl, osc_judgement *out, size_t max)
{
	for (size_t i = 0; i < bl->n && i < 30; i++) {
		const osc_block *b = &bl->v[i];
		/* the sentence may be joined to the title page before it */
		long at = osc_find_ci(b->text, b->len, "Children's services in ", NULL);
		const char *name;
		size_t name_len;
		osc_grade grade;
		/* (from the sentence on: found again at once) */
		if (at < 0 || b->len - (size_t)at > 200 ||
		    !osc_sif_overall(b->text + at, b->len - (size_t)at, &name, &name_len, &grade))
			continue;
		/* the list after it, joined */
		char s[TABLE_MAX];
		size_t o = 0;
		for (size_t j = i + 1; j < bl->n && j < i + SIF_LIST_BLOCKS; j++)
			fold_into(s, &o, bl->v[j].text, bl->v[j].text + bl->v[j].len);
		size_t found = max ? parse_table(s, o, out, max - 1) : 0;
		if (found < 3)
			return 0;
		out[found++] = (osc_judgement){ OSC_AREA_OVERALL, grade };
		return found;
	}
	return 0;
}

size_t osc_find_judgements(const osc_blocks *bl, osc_judgement *out, size_t max)
{
	char s[TABLE_MAX];
	size_t n = join_table(bl, s);
	size_t found = parse_table(s, n, out, max);
	/* a table names at least three areas; fewer is not one */
	if (found >= 3)
		return found;
	return sif_judgements(bl, out, max);
}
