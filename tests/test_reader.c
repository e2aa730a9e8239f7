/* test_reader.c - text and Markdown readers (src/reader_text.c): page
 * furniture, bullets, paragraph rebuilding, headings. */
#include "testutil.h"
#include "blocks.h"
#include "lexicon.h"
#include "text.h"

static osc_status run_reader(const char *text, size_t len, bool md, osc_blocks *bl)
{
	osc_buf scratch;
	osc_buf_init(&scratch, NULL);
	osc_error err;
	osc_status st = md ? osc_read_markdown(text, len, bl, &scratch, &err)
			   : osc_read_text(text, len, bl, &scratch, &err);
	osc_buf_free(&scratch);
	return st;
}

/* Run a reader and return its blocks (arena in *ar, free with
 * osc_arena_free).  Every text is also read in place (osc_blocks.rewrite,
 * as osc_scan_take does), which must give the same blocks. */
static osc_blocks read_blocks(const char *text, bool md, osc_arena *ar)
{
	size_t len = strlen(text);
	osc_arena_init(ar, NULL);
	osc_blocks bl = { ar, NULL, 0, 0, NULL, 0, 0, NULL };
	assert_int_equal(run_reader(text, len, md, &bl), OSC_OK);

	osc_arena ar2;
	osc_arena_init(&ar2, NULL);
	char *own = malloc(len + 1);
	assert_non_null(own);
	memcpy(own, text, len);
	assert_non_null(osc_arena_adopt(&ar2, own));
	osc_blocks in = { &ar2, NULL, 0, 0, NULL, 0, 0, own };
	assert_int_equal(run_reader(own, len, md, &in), OSC_OK);
	assert_int_equal(in.n, bl.n);
	for (size_t i = 0; i < bl.n; i++) {
		assert_int_equal(in.v[i].type, bl.v[i].type);
		assert_int_equal(in.v[i].len, bl.v[i].len);
		assert_memory_equal(in.v[i].text, bl.v[i].text, bl.v[i].len);
		assert_int_equal(in.v[i].text[in.v[i].len], '\0');
		assert_int_equal(in.v[i].page, bl.v[i].page);
		assert_int_equal(in.v[i].number, bl.v[i].number);
		/* written in the input itself */
		assert_true(in.v[i].text >= own && in.v[i].text < own + len + 1);
	}
	free(in.v);
	free(in.warnings);
	osc_arena_free(&ar2);
	return bl;
}

static void free_blocks(osc_blocks *bl, osc_arena *ar)
{
	free(bl->v);
	free(bl->warnings);
	osc_arena_free(ar);
}

/* Lines wrapped at about 80 characters, as pdftotext writes them. */
#define WRAPPED_PARAS \
	"Social workers visit children regularly and see them on their own when this is\n" \
	"right for them. Their records show what children say about their lives.\n" \
	"Managers check the work of their teams every month and record clear directions\n" \
	"for social workers to follow, so that plans for children do not drift.\n"

static void test_paragraphs_without_blank_lines(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(WRAPPED_PARAS WRAPPED_PARAS, false, &ar);
	assert_int_equal(bl.n, 4);
	assert_string_equal(bl.v[0].text,
			    "Social workers visit children regularly and see them on their own when this is "
			    "right for them. Their records show what children say about their lives.");
	assert_true(strncmp(bl.v[1].text, "Managers check", 14) == 0);
	free_blocks(&bl, &ar);
}

static void test_page_break_mid_sentence_joins(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"Managers check the work of their teams every month and record clear directions\n"
		"for social workers to follow, so that plans\n\n7\n\n\fdo not drift for any child who is waiting for a decision.\n",
		false, &ar);
	assert_int_equal(bl.n, 1);
	assert_non_null(strstr(bl.v[0].text, "so that plans do not drift"));
	assert_null(strstr(bl.v[0].text, "7"));
	free_blocks(&bl, &ar);
}

static void test_bullet_glyphs(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"\xE2\x97\xBC First point about health assessments that goes on past the end of\n"
		"the line.\n"
		"\xEF\x81\xAE Second point, private-use glyph.\n"
		"\xE2\x80\xA2 Third point.\n"
		"\xEF\x80\xAD Fourth point.\n"
		"\xE2\x97\xBC\n"
		"Fifth point, glyph alone on its line.\n",
		false, &ar);
	assert_int_equal(bl.n, 5);
	for (size_t i = 0; i < bl.n; i++)
		assert_int_equal(bl.v[i].type, OSC_BLOCK_BULLET);
	assert_string_equal(bl.v[0].text,
			    "First point about health assessments that goes on past the end of the line.");
	assert_string_equal(bl.v[1].text, "Second point, private-use glyph.");
	assert_string_equal(bl.v[4].text, "Fifth point, glyph alone on its line.");
	free_blocks(&bl, &ar);
}

/* Letters since 2025 end each improvement point with a reference to the
 * national framework; wrapped onto a line of its own, even after a full
 * stop and before a heading, or begun on the line before, it is still the
 * bullet's. */
static void test_bracketed_reference_ends_bullet(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"\xE2\x97\xBC The quality of plans for children who return home from care, so that\n"
		"their progress is reviewed and any new risks are acted on without delay by\n"
		"the social workers and the managers who oversee their work, so that plans\n"
		"do not drift.\n"
		"(Outcome 2, national framework)\n"
		"\xE2\x97\xBC The timeliness of supervision for newly qualified social workers and\n"
		"their managers.\n"
		"(Enabler 1, national framework).\n"
		"\xE2\x97\xBC The support from the virtual school for children in care, including\n"
		"their personal education plans (PEPs). (Outcome two:\n"
		"National Framework)\n"
		"Main findings\n"
		"Social workers visit children regularly and see them on their own when this is\n"
		"right for them. Their records show what children say about their lives.\n"
		"(An aside in brackets opens this paragraph and runs on past the end of its\n"
		"line.)\n",
		false, &ar);
	assert_int_equal(bl.n, 6);
	assert_int_equal(bl.v[0].type, OSC_BLOCK_BULLET);
	assert_string_equal(bl.v[0].text,
			    "The quality of plans for children who return home from care, so that their "
			    "progress is reviewed and any new risks are acted on without delay by the "
			    "social workers and the managers who oversee their work, so that plans do "
			    "not drift. (Outcome 2, national framework)");
	assert_string_equal(bl.v[1].text,
			    "The timeliness of supervision for newly qualified social workers and their "
			    "managers. (Enabler 1, national framework).");
	/* a bracket opened on the line before, closed on this one */
	assert_string_equal(bl.v[2].text,
			    "The support from the virtual school for children in care, including their "
			    "personal education plans (PEPs). (Outcome two: National Framework)");
	assert_int_equal(bl.v[3].type, OSC_BLOCK_HEADING);
	assert_int_equal(bl.v[4].type, OSC_BLOCK_PARA);
	assert_int_equal(bl.v[5].type, OSC_BLOCK_PARA);
	assert_true(strncmp(bl.v[5].text, "(An aside", 9) == 0);
	free_blocks(&bl, &ar);
}

/* A report's paragraph whose number stands on a line of its own runs to
 * the next number: a sentence ending where the next word would have fitted
 * does not end it (the test that splits unnumbered paragraphs). */
static void test_numbered_paragraph_runs_to_next_number(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"7.\n"
		"\n"
		"Direct work with children is now a strength of the service.\n"
		"Social workers use a wide range of tools to learn what children think,\n"
		"and their records show how those views shape the plans that follow for\n"
		"each child, including the youngest children and those who do not speak.\n"
		"\n"
		"8.\n"
		"\n"
		"Plans for children are clear about what needs to happen.\n"
		"Contingency arrangements are set out early in each plan so that nobody\n"
		"waits for a new decision when the first plan does not work as hoped.\n",
		false, &ar);
	assert_int_equal(bl.n, 2);
	assert_int_equal(bl.v[0].type, OSC_BLOCK_BULLET);
	assert_true(strncmp(bl.v[0].text, "Direct work with children", 25) == 0);
	assert_non_null(strstr(bl.v[0].text, "the service. Social workers use"));
	assert_non_null(strstr(bl.v[1].text, "to happen. Contingency arrangements"));
	free_blocks(&bl, &ar);

	/* unnumbered, the first sentence is a paragraph of its own */
	bl = read_blocks(
		"Direct work with children is now a strength of the service.\n"
		"Social workers use a wide range of tools to learn what children think,\n"
		"and their records show how those views shape the plans that follow for\n"
		"each child, including the youngest children and those who do not speak.\n"
		"Plans for children are clear about what needs to happen.\n"
		"Contingency arrangements are set out early in each plan so that nobody\n"
		"waits for a new decision when the first plan does not work as hoped.\n",
		false, &ar);
	assert_int_equal(bl.n, 3);
	assert_string_equal(bl.v[0].text, "Direct work with children is now a strength of the service.");
	free_blocks(&bl, &ar);
}

/* pdftotext can put a blank line after the first line of a paragraph
 * numbered on that line ("3. The emergency duty team ..."): it joins. */
static void test_blank_after_numbered_first_line(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"1. The out-of-hours team is managed from the same service as the front\n"
		"\n"
		"Door Hub, with clear processes for passing on what happened overnight.\n"
		"2. Strategy meetings are held promptly and well attended by the police.\n"
		"\n"
		"Discussions are focused on the child, and decisions are clearly recorded\n"
		"so that the next steps are plain to everyone who attended the meeting.\n"
		"3. Short point.\n"
		"\n"
		"A paragraph of its own follows the short numbered point after its gap.\n",
		false, &ar);
	assert_int_equal(bl.n, 4);
	assert_string_equal(bl.v[0].text,
			    "The out-of-hours team is managed from the same service as the front Door "
			    "Hub, with clear processes for passing on what happened overnight.");
	assert_non_null(strstr(bl.v[1].text, "by the police. Discussions are focused"));
	assert_string_equal(bl.v[2].text, "Short point.");
	assert_int_equal(bl.v[3].type, OSC_BLOCK_PARA);
	free_blocks(&bl, &ar);
}

/* A number that goes on the sentence before it, out of the paragraphs'
 * sequence, is no marker ("... until age" / "25. Young people ..."); one
 * after a heading's grade, or counting on, is. */
static void test_number_continuing_a_sentence(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"41. Personal advisers keep in touch with young people and offer them help\n"
		"with their emotional well-being and their mental health until they are\n"
		"25. Young people value this help, and several told inspectors so.\n"
		"42. The local offer is generous and easy to find for young people.\n"
		"The experiences and progress of care leavers: requires improvement to be good\n"
		"17. Services for care leavers are variable across the teams in the area.\n"
		"1. A list of points begins again at one after any line at all, as this\n"
		"2. and this one shows.\n",
		false, &ar);
	assert_int_equal(bl.n, 6);
	assert_int_equal(bl.v[0].type, OSC_BLOCK_BULLET);
	assert_non_null(strstr(bl.v[0].text, "until they are 25. Young people value"));
	assert_true(strncmp(bl.v[1].text, "The local offer", 15) == 0);
	assert_int_equal(bl.v[2].type, OSC_BLOCK_PARA);
	assert_true(strncmp(bl.v[3].text, "Services for care leavers", 25) == 0);
	assert_int_equal(bl.v[3].type, OSC_BLOCK_BULLET);
	assert_true(strncmp(bl.v[4].text, "A list of points", 16) == 0);
	assert_string_equal(bl.v[5].text, "and this one shows.");
	free_blocks(&bl, &ar);
}

/* A judgement area's heading stands alone after whatever came before it:
 * an improvement point's bracketed reference, a numbered paragraph; its
 * words wrapped onto a second line come with it; a sentence that only
 * starts like one is no heading. */
static void test_area_heading_stands_alone(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"\xE2\x97\xBC The response to neglect. (outcome 3: national framework)\n"
		"The experiences and progress of children who need help and protection: good\n"
		"1.\n"
		"\n"
		"Early help is offered to families as soon as their difficulties are known.\n"
		"The experiences of children in care: outstanding\n"
		"2.\n"
		"\n"
		"Children live in stable homes with carers who understand them well.\n"
		"The experience and progress of children in care and care leavers\n"
		"\n"
		"requires improvement to be good\n"
		"The experiences and progress of children in this authority are good\n"
		"across all aspects of the inspection framework, as the findings show.\n",
		false, &ar);
	assert_int_equal(bl.n, 7);
	assert_int_equal(bl.v[0].type, OSC_BLOCK_BULLET);
	assert_string_equal(bl.v[0].text, "The response to neglect. (outcome 3: national framework)");
	assert_int_equal(bl.v[1].type, OSC_BLOCK_PARA);
	assert_string_equal(bl.v[1].text,
			    "The experiences and progress of children who need help and protection: good");
	assert_string_equal(bl.v[3].text, "The experiences of children in care: outstanding");
	assert_string_equal(bl.v[5].text,
			    "The experience and progress of children in care and care leavers "
			    "requires improvement to be good");
	assert_true(strncmp(bl.v[6].text, "The experiences and progress of children in this", 48) == 0);
	assert_non_null(strstr(bl.v[6].text, "are good across all aspects"));
	free_blocks(&bl, &ar);
}

/* A line's spaces folded to one, whatever the run and wherever it falls
 * against the 16-byte steps of the copy: against a plain fold. */
static void test_spaces_folded_at_every_offset(void **state)
{
	(void)state;
	static const char *const gaps[] = { " ", "  ", "\t", " \t ", "\xC2\xA0", " \xE2\x80\x83 " };
	static const char *const words[] = { "care", "plan\xE2\x80\x99s", "(MASH)", "x" };
	for (size_t g = 0; g < OSC_ARRAY_LEN(gaps); g++)
		for (size_t lead = 1; lead < 40; lead++) {
			char line[256], want[256];
			size_t n = 0, m = 0;
			for (size_t k = 0; k < lead; k++)
				line[n++] = want[m++] = (char)('a' + k % 26);
			for (size_t k = 0; k < 6; k++) {
				const char *w = words[(k + lead) % OSC_ARRAY_LEN(words)];
				const char *gap = k % 2 ? gaps[g] : " ";
				memcpy(line + n, gap, strlen(gap));
				n += strlen(gap);
				want[m++] = ' ';
				memcpy(line + n, w, strlen(w));
				n += strlen(w);
				memcpy(want + m, w, strlen(w));
				m += strlen(w);
			}
			line[n++] = '\n';
			line[n] = want[m] = '\0';
			osc_arena ar;
			osc_blocks bl = read_blocks(line, false, &ar);
			assert_int_equal(bl.n, 1);
			if (strcmp(bl.v[0].text, want) != 0)
				fail_msg("gap %zu lead %zu: '%s', want '%s'", g, lead, bl.v[0].text, want);
			free_blocks(&bl, &ar);
		}
}

/* The width a line is normalised with is the width of what it became,
 * whatever its length (the 16-byte runs, the padded tail, the last byte),
 * its spaces and its other characters. */
static void test_width_of_normalised_lines(void **state)
{
	(void)state;
	static const char *const bits[] = {
		"care", " ", "  ", "\t", "plan\xE2\x80\x99s", "(MASH)", "W", "m", "\xC3\xA9",
		"\xEF\xAC\x81", "\xC2\xAD", "\x01", "\xE2\x80\x94", "i", "  x",
	};
	for (size_t seed = 0; seed < 400; seed++) {
		char line[512];
		size_t n = 0;
		for (size_t k = 0, r = seed; k < 3 + seed % 29 && n < 400; k++) {
			r = r * 1103515245u + 12345u;
			const char *b = bits[(r >> 8) % OSC_ARRAY_LEN(bits)];
			memcpy(line + n, b, strlen(b));
			n += strlen(b);
		}
		for (int md = 0; md < 2; md++) {
			osc_buf b;
			osc_buf_init(&b, NULL);
			unsigned w = osc_normalise_line(&b, line, n, md);
			assert_false(b.failed);
			unsigned want = osc_text_width(b.data, b.len);
			if (w != want)
				fail_msg("seed %zu md %d: width %u, want %u for '%s'", seed, md, w, want, b.data);
			osc_buf_free(&b);
		}
	}
	/* and plain ASCII of every length up to 40 */
	for (size_t n = 1; n <= 40; n++) {
		char line[64];
		for (size_t k = 0; k < n; k++)
			line[k] = "Plans are reviewed; WM il.  "[k % 28];
		osc_buf b;
		osc_buf_init(&b, NULL);
		unsigned w = osc_normalise_line(&b, line, n, false);
		assert_int_equal(w, osc_text_width(b.data, b.len));
		osc_buf_free(&b);
	}
}

static void test_letterhead_and_page_numbers_dropped(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"T 0300 123 1231\nTextphone 0161 618 8524\nenquiries@ofsted.gov.uk\n"
		"www.gov.uk/ofsted\n\nA short paragraph.\n\n3\n\n\fPage 4 of 9\nAnother one.\n",
		false, &ar);
	assert_int_equal(bl.n, 2);
	assert_string_equal(bl.v[0].text, "A short paragraph.");
	assert_string_equal(bl.v[1].text, "Another one.");
	free_blocks(&bl, &ar);
}

static void test_hyphenation_and_crlf(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"Leaders have improved the recruit-\r\nment of foster carers and multi-\r\nagency work is strong.\r\n",
		false, &ar);
	assert_int_equal(bl.n, 1);
	assert_string_equal(bl.v[0].text,
			    "Leaders have improved the recruitment of foster carers and multi-agency work is strong.");
	free_blocks(&bl, &ar);
}

/* A compound broken after its own hyphen, before a capital or a digit,
 * keeps the hyphen and takes no space, from a laid-out page as from text
 * ("COVID-" / "19"); a dash standing alone between words keeps its spaces. */
static void test_hyphen_before_capital_or_digit(void **state)
{
	(void)state;
	const char *text = "Leaders acted quickly during COVID-" "19 and for young people in Stoke-on-"
			   "Trent, and for those who are post-" "16 - and for others.";
	/* the same text as four laid-out lines */
	size_t a = strlen("Leaders acted quickly during COVID-");
	size_t b = a + strlen("19 and for young people in Stoke-on-");
	size_t c = b + strlen("Trent, and for those who are post-");
	osc_layout_line v[] = {
		{ 0, a, 1, 20000, false, false },
		{ a, b - a, 1, 20000, false, false },
		{ b, c - b, 1, 20000, false, false },
		{ c, strlen(text) - c, 1, 8000, false, false },
	};
	osc_arena ar;
	osc_arena_init(&ar, NULL);
	osc_blocks bl = { &ar, NULL, 0, 0, NULL, 0, 0, NULL };
	osc_buf scratch;
	osc_buf_init(&scratch, NULL);
	osc_error err;
	assert_int_equal(osc_read_layout(text, v, 4, &bl, &scratch, &err), OSC_OK);
	assert_int_equal(bl.n, 1);
	assert_string_equal(bl.v[0].text, "Leaders acted quickly during COVID-19 and for young people in "
					  "Stoke-on-Trent, and for those who are post-16 - and for others.");
	osc_buf_free(&scratch);
	free_blocks(&bl, &ar);
	bl = read_blocks("Leaders and managers acted quickly and decisively to keep services going during COVID-\n"
			 "19 and to keep children safe, including the young people placed in Stoke-on-\n"
			 "Trent, and the care leavers who are over 18 and those who are not yet post-\n"
			 "16 - and for others.\n", false, &ar);
	assert_int_equal(bl.n, 1);
	assert_non_null(strstr(bl.v[0].text, " COVID-19 and "));
	assert_non_null(strstr(bl.v[0].text, " Stoke-on-Trent, "));
	assert_non_null(strstr(bl.v[0].text, " post-16 - and "));
	free_blocks(&bl, &ar);
}

/* pdftotext's glue: a running head glued to a page's last word, a page
 * number glued to it, a footnote's mark glued to a word, a stray full stop
 * after a paragraph's number. */
static void test_glued_furniture(void **state)
{
	(void)state;
	char text[4096] = "";
	const char *head = "Inspection of Exampleshire local authority children\xE2\x80\x99s services";
	for (int pg = 1; pg <= 4; pg++) {
		char page[1024];
		static const char *const what[] = { "visits", "plans", "reviews", "meetings" };
		snprintf(page, sizeof page,
			 "%s%s\n%d. Managers make sure that the %s are regular and that the actions\n"
			 "agreed are followed up, so that the %s for children move forward without\n"
			 "delay and the children who need help are seen by the same social %s\n",
			 pg > 1 ? "\f" : "", head, pg, what[pg - 1], what[(pg + 1) % 4],
			 pg == 2 ? "workers3" : pg == 3 ? "workers well" : "workers.");
		strcat(text, page);
		if (pg == 3) /* the head glued to the page's last word, as pdftotext can */
			text[strlen(text) - 1] = '\0', strcat(text, head), strcat(text, "\n");
	}
	strcat(text, "\f5. . Most children are seen alone by young people1 who they trust and who\n"
		     "know them well, and their views are recorded and acted upon by the whole team.\n\n"
		     "1\n\nYoung people is the term that the young people of Exampleshire asked this report to use for all of those who were\n"
		     "in the care of the council when they were children and who are now adults, and it is used here at their own request.\n");
	osc_arena ar;
	osc_blocks bl = read_blocks(text, false, &ar);
	bool glued = false, number = false, mark = false, stray = false;
	for (size_t i = 0; i < bl.n; i++) {
		glued |= strstr(bl.v[i].text, "wellInspection") || strstr(bl.v[i].text, "well Inspection");
		number |= strstr(bl.v[i].text, "workers3") != NULL;
		mark |= strstr(bl.v[i].text, "people1") != NULL;
		stray |= bl.v[i].text[0] == '.';
	}
	assert_false(glued);
	assert_false(number);
	assert_false(mark);
	assert_false(stray);
	bool found = false;
	for (size_t i = 0; i < bl.n; i++)
		found |= strstr(bl.v[i].text, "Most children are seen alone by young people who") != NULL;
	assert_true(found);
	free_blocks(&bl, &ar);
}

/* A report's numbered paragraph runs over a page break to the next number,
 * even when the page's last line ends a sentence. */
static void test_numbered_paragraph_over_page(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"12. Managers check the work of their teams every month and record clear directions on\n"
		"children\xE2\x80\x99s files, so that the plans agreed for children are followed up.\n"
		"\f"
		"Social workers say that this oversight helps them, and the records show it.\n"
		"13. Children are seen quickly.\n",
		false, &ar);
	assert_int_equal(bl.n, 2);
	assert_non_null(strstr(bl.v[0].text, "followed up. Social workers say"));
	assert_string_equal(bl.v[1].text, "Children are seen quickly.");
	free_blocks(&bl, &ar);
}

static void test_known_heading_after_full_line(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"Managers check the work of their teams every month and record clear directions.\n"
		"Main findings\n"
		"Children are safe.\n",
		false, &ar);
	assert_int_equal(bl.n, 3);
	assert_int_equal(bl.v[1].type, OSC_BLOCK_HEADING);
	assert_string_equal(bl.v[1].text, "Main findings");
	free_blocks(&bl, &ar);
}

static void test_footnote_dropped(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		WRAPPED_PARAS WRAPPED_PARAS WRAPPED_PARAS WRAPPED_PARAS
		"\nThis footnote is set in a smaller font, so pdftotext writes it on lines that are wider than the body text\n"
		"of the letter.\n1\n\n2\n\n\fThe next page starts here.\n",
		false, &ar);
	for (size_t i = 0; i < bl.n; i++)
		assert_null(strstr(bl.v[i].text, "footnote"));
	assert_string_equal(bl.v[bl.n - 1].text, "The next page starts here.");
	free_blocks(&bl, &ar);
}

/* At a page's foot, a line twice the body's width is two of the body's
 * lines that pdftotext joined: not a footnote. */
static void test_joined_body_lines_kept(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		WRAPPED_PARAS WRAPPED_PARAS WRAPPED_PARAS WRAPPED_PARAS
		"Leaders check the quality of practice through regular audits, and they act on\n"
		"what they find. Managers know their teams well and give them clear direction in regular and reflective supervision, which staff value highly, so that plans for\n"
		"children are reviewed on time.\n\n1\n\n\fThe next page starts here.\n",
		false, &ar);
	bool kept = false;
	for (size_t i = 0; i < bl.n; i++)
		kept |= strstr(bl.v[i].text, "which staff value highly, so that plans for children are "
				"reviewed on time.") != NULL;
	assert_true(kept);
	assert_string_equal(bl.v[bl.n - 1].text, "The next page starts here.");
	free_blocks(&bl, &ar);
}

static void test_running_header_dropped(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"Exampleshire inspection report\nFirst page text.\n\f"
		"Exampleshire inspection report\nSecond page text.\n\f"
		"Exampleshire inspection report\nThird page text.\n",
		false, &ar);
	assert_int_equal(bl.n, 3);
	for (size_t i = 0; i < bl.n; i++)
		assert_null(strstr(bl.v[i].text, "Exampleshire"));
	free_blocks(&bl, &ar);
}

/* A footer of several lines (title, dates, page number) under a paragraph
 * that runs on to the next page: all of it goes, and the paragraph is
 * joined whole. */
static void test_running_footer_of_lines(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"Leaders know the service well and act quickly.\n\n"
		"Social workers visit children often, and they see them\n\n"
		"Inspection of Exampleshire children\xE2\x80\x99s services\n1 to 5 May 2025\n\n2\n\f"
		"alone when they need to.\n\n"
		"Plans are reviewed on time.\n\n"
		"Inspection of Exampleshire children\xE2\x80\x99s services\n1 to 5 May 2025\n\n3\n\f"
		"Care leavers have good support.\n\n"
		"Inspection of Exampleshire children\xE2\x80\x99s services\n1 to 5 May 2025\n\n4\n",
		false, &ar);
	assert_int_equal(bl.n, 4);
	for (size_t i = 0; i < bl.n; i++)
		if (strstr(bl.v[i].text, "Inspection of") || strstr(bl.v[i].text, "May 2025"))
			fail_msg("footer left in block %zu: %s", i, bl.v[i].text);
	assert_string_equal(bl.v[1].text, "Social workers visit children often, and they see them alone when they need to.");
	free_blocks(&bl, &ar);
}

static void test_markdown(void **state)
{
	(void)state;
	osc_arena ar;
	osc_blocks bl = read_blocks(
		"## **Overview**\n\nChildren are seen. Plans are not always\n\n\n\nreviewed on time.\n\n"
		"- A **bold** bullet.\n* Another bullet.\n\nNext paragraph.\n",
		true, &ar);
	assert_int_equal(bl.n, 5);
	assert_int_equal(bl.v[0].type, OSC_BLOCK_HEADING);
	assert_string_equal(bl.v[0].text, "Overview");
	assert_string_equal(bl.v[1].text, "Children are seen. Plans are not always reviewed on time.");
	assert_string_equal(bl.v[2].text, "A bold bullet.");
	assert_int_equal(bl.v[3].type, OSC_BLOCK_BULLET);
	assert_string_equal(bl.v[4].text, "Next paragraph.");
	free_blocks(&bl, &ar);
}

static void test_detect_format(void **state)
{
	(void)state;
	assert_int_equal(osc_detect_format("%PDF-1.7\n", 9), OSC_FORMAT_PDF);
	assert_int_equal(osc_detect_format("<!DOCTYPE html><p>x", 19), OSC_FORMAT_HTML);
	assert_int_equal(osc_detect_format("Intro\n## Findings\n", 18), OSC_FORMAT_MARKDOWN);
	assert_int_equal(osc_detect_format("Overview\nText.\n", 15), OSC_FORMAT_TEXT);
}

/* osc_scan_take reads a taken copy in place: the same record as osc_scan
 * of the same bytes, whatever the encoding (a BOM and CRLF read where they
 * are; UTF-16 and Windows-1252 decoded into a copy that is read in place),
 * HTML (let go after reading), and errors that free the bytes. */
static char *take_json(osc_scanner *s, const char *data, size_t len, bool take, osc_error *err)
{
	osc_doc *d;
	if (take) {
		char *own = malloc(len + 1);
		assert_non_null(own);
		memcpy(own, data, len);
		d = osc_scan_take(s, own, len, "t", OSC_FORMAT_AUTO, err);
	} else {
		d = osc_scan(s, data, len, "t", OSC_FORMAT_AUTO, err);
	}
	if (!d)
		return NULL;
	char *j = NULL;
	size_t n;
	assert_int_equal(osc_render_json(d, 0, NULL, &j, &n), OSC_OK);
	osc_doc_free(d);
	return j;
}

static void test_scan_take(void **state)
{
	(void)state;
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	assert_non_null(s);
	const char *letter = "Dear X\r\nThis letter summarises a focused visit to Exampleshire.\r\n"
			     "Findings\r\nSocial workers visit children often and see them alone;\r\n"
			     "some assessments are late.\r\n\r\nManagers check plans every month.\r\n";
	size_t ll = strlen(letter);
	char buf[1024];
	/* UTF-8 with a BOM and CRLF */
	memcpy(buf, "\xEF\xBB\xBF", 3);
	memcpy(buf + 3, letter, ll);
	/* Windows-1252: an en dash (0x96) */
	char cp[1024];
	memcpy(cp, letter, ll);
	cp[ll] = (char)0x96, cp[ll + 1] = '\n';
	/* UTF-16LE with its BOM */
	char u16[2048];
	u16[0] = (char)0xFF, u16[1] = (char)0xFE;
	for (size_t i = 0; i < ll; i++)
		u16[2 + 2 * i] = letter[i], u16[3 + 2 * i] = 0;
	const char *html = "<html><body><p>Dear X</p><p>This letter summarises a focused visit.</p>"
			   "<h2>Findings</h2><p>Plans are reviewed on time.</p></body></html>";
	struct { const char *data; size_t len; } in[] = {
		{ letter, ll }, { buf, ll + 3 }, { cp, ll + 2 }, { u16, 2 + 2 * ll },
		{ html, strlen(html) },
	};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		char *a = take_json(s, in[i].data, in[i].len, false, &err);
		char *b = take_json(s, in[i].data, in[i].len, true, &err);
		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		assert_non_null(strstr(b, "\"findings\":[{"));
		osc_free(NULL, a);
		osc_free(NULL, b);
	}
	/* errors: the taken bytes are freed (the leak checker would say) */
	assert_null(take_json(s, " \n\t\n", 4, true, &err));
	assert_int_equal(err.status, OSC_EFORMAT);
	assert_null(take_json(s, "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f", 10, true, &err));
	assert_int_equal(err.status, OSC_EFORMAT);
	/* bad arguments: nothing taken */
	char *mine = malloc(4);
	assert_non_null(mine);
	memcpy(mine, "abc", 4);
	assert_null(osc_scan_take(NULL, mine, 3, "t", OSC_FORMAT_AUTO, &err));
	assert_int_equal(err.status, OSC_EINVAL);
	assert_string_equal(mine, "abc"); /* still ours */
	free(mine);
	assert_null(osc_scan_take(s, NULL, 0, "t", OSC_FORMAT_AUTO, &err));
	assert_int_equal(err.status, OSC_EINVAL);
	osc_scanner_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs_without_blank_lines),
		cmocka_unit_test(test_page_break_mid_sentence_joins),
		cmocka_unit_test(test_bullet_glyphs),
		cmocka_unit_test(test_bracketed_reference_ends_bullet),
		cmocka_unit_test(test_numbered_paragraph_runs_to_next_number),
		cmocka_unit_test(test_blank_after_numbered_first_line),
		cmocka_unit_test(test_area_heading_stands_alone),
		cmocka_unit_test(test_number_continuing_a_sentence),
		cmocka_unit_test(test_spaces_folded_at_every_offset),
		cmocka_unit_test(test_width_of_normalised_lines),
		cmocka_unit_test(test_letterhead_and_page_numbers_dropped),
		cmocka_unit_test(test_hyphenation_and_crlf),
		cmocka_unit_test(test_hyphen_before_capital_or_digit),
		cmocka_unit_test(test_glued_furniture),
		cmocka_unit_test(test_numbered_paragraph_over_page),
		cmocka_unit_test(test_known_heading_after_full_line),
		cmocka_unit_test(test_footnote_dropped),
		cmocka_unit_test(test_joined_body_lines_kept),
		cmocka_unit_test(test_running_header_dropped),
		cmocka_unit_test(test_running_footer_of_lines),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_detect_format),
		cmocka_unit_test(test_scan_take),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
