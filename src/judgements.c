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
#include "internal.h"

#include <string.h>

#define TABLE_MAX 1200 /* the joined table is a few hundred bytes */

static const struct {
	const char *name; /* lower case, single spaces */
	osc_area area;
} areas[] = {
	/* longest first where one name contains another */
	{ "children in care and care leavers", OSC_AREA_IN_CARE_AND_CARE_LEAVERS },
	{ "children looked after and achieving permanence", OSC_AREA_IN_CARE },
	{ "children who need help and protection", OSC_AREA_HELP_AND_PROTECTION },
	{ "children in care", OSC_AREA_IN_CARE },
	{ "care leavers", OSC_AREA_CARE_LEAVERS },
	{ "impact of leaders", OSC_AREA_IMPACT_OF_LEADERS },
	{ "leadership, management and governance", OSC_AREA_IMPACT_OF_LEADERS },
	{ "overall effectiveness", OSC_AREA_OVERALL },
	/* the single inspection framework's sub-judgement with no area in the
	 * output contract: read past, not reported */
	{ "adoption performance", (osc_area)-1 },
};

static const struct {
	const char *name;
	osc_grade grade;
} grades[] = {
	{ "requires improvement to be good", OSC_GRADE_REQUIRES_IMPROVEMENT },
	{ "requires improvement", OSC_GRADE_REQUIRES_IMPROVEMENT },
	/* as a verb after a plural: "... protection require improvement" */
	{ "require improvement to be good", OSC_GRADE_REQUIRES_IMPROVEMENT },
	{ "require improvement", OSC_GRADE_REQUIRES_IMPROVEMENT },
	{ "outstanding", OSC_GRADE_OUTSTANDING },
	{ "inadequate", OSC_GRADE_INADEQUATE },
	{ "good", OSC_GRADE_GOOD },
};

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The phrase at s[i] as a whole word: its length, or 0. */
static size_t phrase_at(const char *s, size_t n, size_t i, const char *ph)
{
	size_t m = strlen(ph);
	if (i + m > n || memcmp(s + i, ph, m) != 0 || (i + m < n && word_char(s[i + m])))
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
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
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
		for (size_t a = 0; a < OSC_ARRAY_LEN(areas) && !m; a++)
			if ((m = phrase_at(s, n, i, areas[a].name)))
				area = (int)areas[a].area;
		for (size_t g = 0; g < OSC_ARRAY_LEN(grades) && !m && area >= -1; g++) {
			if (!(m = phrase_at(s, n, i, grades[g].name)))
				continue;
			bool seen = area < 0;
			for (size_t k = 0; k < found; k++)
				seen |= out[k].area == (osc_area)area;
			if (!seen && found < max)
				out[found++] = (osc_judgement){ (osc_area)area, grades[g].grade };
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
		for (size_t j = i + 1; j < bl->n && j < i + 16; j++)
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

size_t osc_grade_at(const char *s, size_t n)
{
	for (size_t i = 0; i < OSC_ARRAY_LEN(grades); i++) {
		size_t m = strlen(grades[i].name);
		if (n >= m && osc_starts_with_ci(s, n, grades[i].name) &&
		    (n == m || !word_char(s[m])))
			return m;
	}
	return 0;
}

bool osc_is_grade(const char *s, size_t n)
{
	while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	for (size_t i = 0; i < OSC_ARRAY_LEN(grades); i++)
		if (strlen(grades[i].name) == n && osc_starts_with_ci(s, n, grades[i].name))
			return true;
	return false;
}

/* The report's own wording, and its variants in the corpus ("The
 * experience and progress of", "The experiences of children in care"). */
const char *const osc_area_leads[] = {
	"Overall effectiveness", "The impact of leaders on ", "The experiences and progress of ",
	"The experience and progress of ", "The experiences of ", "The experience of ",
};
const size_t osc_n_area_leads = OSC_ARRAY_LEN(osc_area_leads);

size_t osc_area_lead(const char *s, size_t n)
{
	static osc_prefixes set = OSC_PREFIXES(osc_area_leads);
	long k = osc_prefixes_find(&set, s, n);
	return k >= 0 ? strlen(osc_area_leads[k]) : 0;
}

bool osc_is_judgement_heading(const char *s, size_t n)
{
	if (n && s[n - 1] == '.')
		n--;
	/* the single inspection framework's sections: the area's name alone,
	 * or with its grade after it */
	static const char *const sif[] = {
		"Children who need help and protection",
		"Children looked after and achieving permanence",
		"Adoption performance",
		"Experiences and progress of care leavers",
		"Leadership, management and governance",
	};
	for (size_t i = 0; i < OSC_ARRAY_LEN(sif); i++) {
		size_t m = strlen(sif[i]);
		if (n >= m && osc_starts_with_ci(s, n, sif[i]) &&
		    (n == m || osc_is_grade(s + m + 1, n - m - 1) ||
		     (s[m] == ':' && n > m + 2 && osc_is_grade(s + m + 2, n - m - 2))))
			return true;
	}
	if (n > 200 || memchr(s, '.', n) || memchr(s, ',', n))
		return false;
	return osc_area_lead(s, n) && osc_ends_with_grade(s, n);
}

bool osc_ends_with_grade(const char *s, size_t n)
{
	if (n && s[n - 1] == '.')
		n--;
	/* after ": ", " is " or " are " (or "is " opening a heading's second
	 * line), or as the verb ("... protection requires improvement to be
	 * good"); a table row puts the grade, capitalised, straight after the
	 * area */
	static const char *const links[] = { ": ", " is ", " are " };
	for (size_t i = 0; i < OSC_ARRAY_LEN(grades); i++) {
		size_t m = strlen(grades[i].name);
		if (n < m || !osc_starts_with_ci(s + n - m, m, grades[i].name))
			continue;
		if (s[n - m] == 'r' && n > m && s[n - m - 1] == ' ')
			return true;
		for (size_t k = 0; k < OSC_ARRAY_LEN(links); k++) {
			size_t l = strlen(links[k]);
			if (n >= m + l && osc_starts_with_ci(s + n - m - l, l, links[k]))
				return true;
			if (n == m + l - 1 && osc_starts_with_ci(s, n, links[k] + 1))
				return true;
		}
	}
	return false;
}

const char *osc_area_id(osc_area a)
{
	static const char *const ids[] = {
		[OSC_AREA_OVERALL] = "overall_effectiveness",
		[OSC_AREA_IMPACT_OF_LEADERS] = "impact_of_leaders",
		[OSC_AREA_HELP_AND_PROTECTION] = "help_and_protection",
		[OSC_AREA_IN_CARE_AND_CARE_LEAVERS] = "in_care_and_care_leavers",
		[OSC_AREA_IN_CARE] = "in_care",
		[OSC_AREA_CARE_LEAVERS] = "care_leavers",
	};
	return (unsigned)a < OSC_ARRAY_LEN(ids) ? ids[a] : "?";
}

const char *osc_grade_id(osc_grade g)
{
	static const char *const ids[] = {
		[OSC_GRADE_OUTSTANDING] = "outstanding",
		[OSC_GRADE_GOOD] = "good",
		[OSC_GRADE_REQUIRES_IMPROVEMENT] = "requires_improvement",
		[OSC_GRADE_INADEQUATE] = "inadequate",
	};
	return (unsigned)g < OSC_ARRAY_LEN(ids) ? ids[g] : "?";
}
