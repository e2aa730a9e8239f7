/* test_rules.c - the rules file parser and compiler (src/rules.c): every
 * error path, extension, phrase spelling variants. */
#include "testutil.h"
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules.h"

static void expect_error(const char *text, unsigned line, const char *fragment)
{
	osc_error err = { 0 };
	osc_rules *r = osc_rules_parse(text, strlen(text), "my.rules", NULL, &err);
	if (r)
		fail_msg("rules parsed but should fail: %s", text);
	assert_int_equal(err.status, OSC_ERULES);
	assert_int_equal(err.line, line);
	if (!strstr(err.message, fragment))
		fail_msg("message '%s' lacks '%s'", err.message, fragment);
	if (line && !strstr(err.message, "my.rules:"))
		fail_msg("message '%s' does not name the file", err.message);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("[theme a]\nlabel = A\nphrase = \n", 3, "needs a value");
	expect_error("[theme A-B]\n", 1, "bad theme id");
	expect_error("[theme a\n", 1, "must end with ']'");
	expect_error("[colours]\n", 1, "unknown section");
	expect_error("phrase = x\n", 1, "outside a [theme");
	expect_error("[theme a]\nnonsense\n", 2, "expected 'key = value'");
	expect_error("[theme a]\nphrase x = y\n", 2, "bad weight");
	expect_error("[theme a]\nphrase 0 = y\n", 2, "bad weight");
	expect_error("[theme a]\nsynonym = y\n", 2, "unknown key");
	expect_error("[theme a]\nphrase-regex = (unclosed\n", 2, "bad pattern");
	expect_error("[theme a]\nphrase-regex = (a)\\1\n", 2, "back-reference");
	expect_error("[polarity]\ngood = x\n", 2, "unknown polarity key");
	expect_error("[polarity]\ngood = x\n", 2, "negator, neutral)");
	expect_error("[polarity]\nneutral =\n", 2, "needs a value");
	expect_error("[settings]\nthreshold = high\n", 2, "bad threshold");
	expect_error("[settings]\ncolour = red\n", 2, "unknown setting");
	expect_error("[settings]\nrelative = 2\n", 2, "bad relative");
	expect_error("[settings]\nmax-themes = 2.5\n", 2, "whole number");
	expect_error("[settings]\nnegation-window = -1\n", 2, "bad negation-window");
	expect_error("[settings]\nmixed-ratio = x\n", 2, "bad mixed-ratio");
	expect_error("[settings]\npivot = -1\n", 2, "bad pivot");
	expect_error("[theme a]\nlabel = caf\xC3\n", 2, "invalid UTF-8");
	expect_error("[theme a]\n = x\n", 2, "missing key");
	expect_error("# only a comment\n", 0, "no [theme");
}

/* `text` as the one finding of a letter, scanned with `r`. */
static osc_doc *scan_explained(const osc_rules *r, const char *text, bool explain)
{
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(r, NULL, &err);
	assert_non_null(s);
	osc_scanner_set_explain(s, explain);
	char buf[2048];
	snprintf(buf, sizeof buf, "Dear X\nThis letter summarises a focused visit.\nFindings\n%s\n", text);
	osc_doc *d = osc_scan(s, buf, strlen(buf), "t", OSC_FORMAT_TEXT, &err);
	osc_scanner_free(s);
	assert_non_null(d);
	return d;
}

static osc_doc *scan_with(const osc_rules *r, const char *text)
{
	return scan_explained(r, text, false);
}

/* A sentence, a theme, and whether the sentence's finding must have it. */
/* Rules that must parse (as t.rules); the parser's message if not. */
static osc_rules *parse_ok(const char *text)
{
	osc_error err = { 0 };
	osc_rules *r = osc_rules_parse(text, strlen(text), "t.rules", NULL, &err);
	if (!r)
		fail_msg("rules did not parse: %s", err.message);
	return r;
}

typedef struct theme_case {
	const char *text, *theme;
	bool want;
} theme_case;

static void expect_themes(const osc_rules *r, const theme_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		osc_doc *d = scan_with(r, cases[i].text);
		const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, 0);
		bool got = it && tu_has_theme(d, it, cases[i].theme);
		if (got != cases[i].want)
			fail_msg("'%s': theme %s %s", cases[i].text, cases[i].theme,
				 got ? "found, not wanted" : "missing");
		osc_doc_free(d);
	}
}

static void test_phrase_variants_and_exclusions(void **state)
{
	(void)state;
	const char *rules =
		"[settings]\nthreshold = 1\n"
		"[theme story]\nlabel = Story\nphrase 2 = life story\nphrase 2 = children's views\n"
		"exclude = life story book shop\n"
		"[theme train]\nphrase 2 = train*\n";
	osc_rules *r = parse_ok(rules);
	assert_int_equal(osc_rules_theme_count(r), 2);
	assert_string_equal(osc_rules_theme_label(r, 0), "Story");
	assert_string_equal(osc_rules_theme_label(r, 1), "train"); /* label defaults to the id */
	static const char *const hits[] = {
		"Life-story work is strong.", "Lifestory work is strong.", "LIFE STORY work.",
		"The children\xE2\x80\x99s views count.", "The children's views count.",
	};
	for (size_t i = 0; i < sizeof hits / sizeof *hits; i++) {
		osc_doc *d = scan_with(r, hits[i]);
		const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, 0);
		if (!it || !tu_has_theme(d, it, "story"))
			fail_msg("no story theme in '%s'", hits[i]);
		osc_doc_free(d);
	}
	osc_doc *d = scan_with(r, "They visited a life story book shop.");
	assert_int_equal(osc_doc_item(d, OSC_SECTION_FINDINGS, 0)->n_themes, 0);
	osc_doc_free(d);
	d = scan_with(r, "Staff training and trainers.");
	assert_true(tu_has_theme(d, osc_doc_item(d, OSC_SECTION_FINDINGS, 0), "train"));
	osc_doc_free(d);
	d = scan_with(r, "Storytelling and restraint."); /* whole words only */
	assert_int_equal(osc_doc_item(d, OSC_SECTION_FINDINGS, 0)->n_themes, 0);
	osc_doc_free(d);
	osc_rules_free(r);
}

/* A neutral term hides the cues inside it and counts for nothing; the
 * explanation names it. */
static void test_neutral_term(void **state)
{
	(void)state;
	const char *rules =
		"[theme sdq]\nphrase 3 = questionnaire*\n"
		"[polarity]\nstrength 2 = strengths\nconcern 3 = difficulties\nstrength 2 = well\n"
		"neutral = strengths and difficulties questionnaire*\n";
	osc_rules *r = parse_ok(rules);
	osc_doc *d = scan_with(r, "Strengths and difficulties questionnaires are completed.");
	assert_int_equal(osc_doc_item(d, OSC_SECTION_FINDINGS, 0)->polarity, OSC_POLARITY_NEUTRAL);
	osc_doc_free(d);
	/* outside the term its words are cues again */
	d = scan_with(r, "The questionnaire shows strengths. Difficulties remain.");
	assert_int_equal(osc_doc_item(d, OSC_SECTION_FINDINGS, 0)->polarity, OSC_POLARITY_MIXED);
	osc_doc_free(d);
	d = scan_with(r, "Carers complete the questionnaire well.");
	assert_int_equal(osc_doc_item(d, OSC_SECTION_FINDINGS, 0)->polarity, OSC_POLARITY_STRENGTH);
	osc_doc_free(d);
	/* --explain: a "neutral" match, and the cues it hid suppressed */
	d = scan_explained(r, "Strengths and difficulties questionnaires are completed.", true);
	const osc_explain *ex = osc_doc_item(d, OSC_SECTION_FINDINGS, 0)->explain;
	assert_non_null(ex);
	bool neutral = false, hidden = true;
	for (size_t i = 0; i < ex->n_matches; i++) {
		const osc_match *m = &ex->matches[i];
		if (m->kind == OSC_MATCH_KIND_NEUTRAL)
			neutral = !(m->flags & OSC_MATCH_FLAG_SUPPRESSED);
		if (m->kind == OSC_MATCH_KIND_STRENGTH || m->kind == OSC_MATCH_KIND_CONCERN)
			hidden = hidden && (m->flags & OSC_MATCH_FLAG_SUPPRESSED);
	}
	assert_true(neutral);
	assert_true(hidden);
	assert_string_equal(osc_match_kind_name(OSC_MATCH_KIND_NEUTRAL), "neutral");
	osc_doc_free(d);
	osc_rules_free(r);
}

/* The phrase trie's edge cases: a one-letter phrase, a separator straight
 * after the first letter, a curly apostrophe as the second character, and
 * regexes with and without a word-start key. */
static void test_trie_and_regex_keys(void **state)
{
	(void)state;
	const char *rules =
		"[settings]\nthreshold = 1\nanchor = 1\n"
		"[theme q]\nphrase 2 = q\n"
		"[theme xray]\nphrase 2 = x ray\n"
		"[theme darcy]\nphrase 2 = d'arcy\n"
		"[theme keyed]\nphrase-regex 2 = \\bfoster(?:ing)?\\s+carers?\\b\n"
		"[theme anywhere]\nphrase-regex 2 = zz|yy\n"
		"[theme quantified]\nphrase-regex 2 = \\bas?x\\b\n";
	osc_rules *r = parse_ok(rules);
	static const theme_case cases[] = {
		{ "Q is a letter.", "q", true },
		{ "A quick look.", "q", false },
		{ "X-ray results.", "xray", true },
		{ "Xray results.", "xray", true },
		{ "X  -  ray results.", "xray", true },
		{ "Xylophones.", "xray", false },
		{ "D\xE2\x80\x99" "Arcy House.", "darcy", true },
		{ "D'arcy House.", "darcy", true },
		{ "Darcy House.", "darcy", false },
		{ "Fostering carers meet.", "keyed", true },
		{ "New foster carer.", "keyed", true },
		{ "Unfoster carers.", "keyed", false },
		{ "Buzzword.", "anywhere", true },
		{ "An ax.", "quantified", true },
		{ "Asx here.", "quantified", true },
	};
	expect_themes(r, cases, sizeof cases / sizeof *cases);
	osc_rules_free(r);
}

/* Branches of the trie: a node with both a separator and letters after it
 * (the walk follows the separator alone where the text has one, both where
 * it has none), and nodes of two, three and more children (edge lists and
 * table rows). */
static void test_trie_branches(void **state)
{
	(void)state;
	const char *rules =
		"[settings]\nthreshold = 1\nanchor = 1\nmax-themes = 9\nrelative = 0\n"
		"[theme sep]\nphrase 2 = after care\n"
		"[theme joined]\nphrase 2 = aftercare plan\n"
		"[theme own]\nphrase 2 = after's\n"
		"[theme b]\nphrase 2 = stab\n[theme g]\nphrase 2 = stag\n"
		"[theme r]\nphrase 2 = star\n[theme k]\nphrase 2 = stak\n"
		"[theme two]\nphrase 2 = onex\nphrase 2 = oney\n";
	osc_rules *r = parse_ok(rules);
	static const theme_case cases[] = {
		{ "After care is planned.", "sep", true },
		{ "After care is planned.", "joined", false },
		{ "After - care is planned.", "sep", true },
		{ "After\tcare is planned.", "sep", true },
		{ "Aftercare is planned.", "sep", true },
		{ "Aftercare plan agreed.", "sep", false }, /* inside a longer match */
		{ "Aftercare plan agreed.", "joined", true },
		{ "After care plan agreed.", "joined", false }, /* a space where the phrase has none */
		{ "After-care plans agreed.", "joined", false },
		{ "After\xE2\x80\x99s.", "own", true },
		{ "After cares.", "sep", false },
		{ "A stab.", "b", true }, { "A stag.", "g", true }, { "A star.", "r", true },
		{ "A stak.", "k", true }, { "A stay.", "r", false }, { "A stay.", "b", false },
		{ "Onex.", "two", true }, { "Oney.", "two", true }, { "Onez.", "two", false },
	};
	expect_themes(r, cases, sizeof cases / sizeof *cases);
	osc_rules_free(r);
}

static void test_extend_default(void **state)
{
	(void)state;
	const char *mine = "[theme health]\nphrase 3 = podiatry\n[theme finance]\nlabel = Money\nphrase 3 = budget overspend\n";
	osc_error err = { 0 };
	/* the base is taken as parsed: it can be freed first */
	osc_rules *base = osc_rules_default(NULL, &err);
	assert_non_null(base);
	osc_rules *r = osc_rules_extend(base, mine, strlen(mine), "mine.rules", NULL, &err);
	osc_rules_free(base);
	assert_non_null(r);
	assert_int_equal(osc_rules_theme_count(r), 18);
	assert_int_equal(osc_rules_theme_index(r, "finance"), 17);
	osc_doc *d = scan_with(r, "Podiatry appointments are late.");
	assert_true(tu_has_theme(d, osc_doc_item(d, OSC_SECTION_FINDINGS, 0), "health"));
	osc_doc_free(d);
	osc_rules_free(r);
}

static void test_default_taxonomy(void **state)
{
	(void)state;
	static const char *const ids[] = {
		"health", "permanence", "audit", "workforce", "front_door", "child_protection",
		"exploitation", "placements", "care_leavers", "education", "voice", "identity",
		"oversight", "leadership", "planning", "disabled_children", "uasc",
	};
	osc_rules *r = tu_rules();
	assert_int_equal(osc_rules_theme_count(r), 17);
	for (size_t i = 0; i < 17; i++)
		assert_int_equal(osc_rules_theme_index(r, ids[i]), (int)i);
}

static void test_match_limit_warns(void **state)
{
	(void)state;
	/* catastrophic backtracking is stopped by the match limit, never a
	 * hang: in a regex that scans the whole text, and in one keyed to
	 * word starts ("b") */
	static const char *const rules[] = {
		"[theme slow]\nphrase-regex = (a+)+$\n",
		"[theme keyed]\nphrase-regex = \\bb(a+)+$\n",
	};
	static const char lead[] = { 'a', 'b' };
	for (size_t k = 0; k < 2; k++) {
		osc_error err = { 0 };
		osc_rules *r = osc_rules_parse(rules[k], strlen(rules[k]), "slow.rules", NULL, &err);
		assert_non_null(r);
		char text[200];
		memset(text, 'a', 60);
		text[0] = lead[k];
		strcpy(text + 60, "!");
		osc_doc *d = scan_with(r, text);
		int warned = 0;
		for (size_t i = 0; i < osc_doc_warning_count(d); i++)
			warned |= strstr(osc_doc_warning(d, i), "match limit") != NULL;
		if (!warned)
			fail_msg("no match-limit warning for %s", rules[k]);
		osc_doc_free(d);
		osc_rules_free(r);
	}
}

/* The trie's start filter (a word's first four bytes, or all of a shorter
 * word) must pass every word a phrase can start at: short phrases, a short
 * first word before a separator or apostrophe, a star after two bytes,
 * digits; and at every place across the classifier's 64-byte blocks. */
static void test_trie_start_filter(void **state)
{
	(void)state;
	const char *rules =
		"[settings]\nthreshold = 1\nanchor = 1\n"
		"[theme pep]\nphrase 2 = pep\n"
		"[theme ab]\nphrase 2 = ab*\n"
		"[theme small]\nphrase 2 = a small number\n"
		"[theme la]\nphrase 2 = la's plan\n"
		"[theme s47]\nphrase 2 = s47\n"
		"[theme incare]\nphrase 2 = in care\n"
		"[theme sixteen]\nphrase 2 = 16 plus\n"
		"[theme long]\nphrase 2 = reunification\n";
	osc_rules *r = parse_ok(rules);
	static const theme_case cases[] = {
		{ "The PEP is late.", "pep", true },
		{ "The PEPs are late.", "pep", false },
		{ "Pepper is late.", "pep", false },
		{ "Abcdef here.", "ab", true },
		{ "Ab here.", "ab", true },
		{ "A small number wait.", "small", true },
		{ "Asmall-number wait.", "small", true },
		{ "A smaller number wait.", "small", false },
		{ "The LA\xE2\x80\x99s plan works.", "la", true },
		{ "The LA's plan works.", "la", true },
		{ "The LAs plan works.", "la", false },
		{ "S47 enquiries.", "s47", true },
		{ "Children in care.", "incare", true },
		{ "Children incare.", "incare", true },
		{ "Children in-care.", "incare", true },
		{ "A 16-plus service.", "sixteen", true },
		{ "A 16plus service.", "sixteen", true },
		{ "Reunification works.", "long", true },
	};
	expect_themes(r, cases, sizeof cases / sizeof *cases);
	/* each phrase at every place from 0 to 140 bytes into the item */
	static const struct { const char *words, *theme; } at[] = {
		{ "pep", "pep" }, { "abc", "ab" }, { "a small number", "small" },
		{ "LA's plan", "la" }, { "s47", "s47" }, { "incare", "incare" },
		{ "reunification", "long" },
	};
	for (size_t k = 0; k < sizeof at / sizeof *at; k++)
		for (size_t pad = 0; pad <= 140; pad++) {
			char text[256];
			memset(text, 'z', pad);
			if (pad)
				text[pad - 1] = ' ';
			snprintf(text + pad, sizeof text - pad, "%s done.", at[k].words);
			osc_doc *d = scan_with(r, text);
			const osc_item *it = osc_doc_item(d, OSC_SECTION_FINDINGS, 0);
			if (!it || !tu_has_theme(d, it, at[k].theme))
				fail_msg("'%s' after %zu bytes: theme %s missing", at[k].words, pad, at[k].theme);
			osc_doc_free(d);
		}
	osc_rules_free(r);
}

/* The classifier's start filter loads four bytes at once where it may:
 * the key is the same as byte by byte, whatever follows the word. */
static void test_tstart_bit4(void **state)
{
	(void)state;
	static const char *const words[] = { "IRO.", "Iro ", "pep\xE2", "SGO_", "a   ", "b\xFF\xFF\xFF",
					     "Care", "CAMHS", "x1y2" };
	for (size_t i = 0; i < OSC_ARRAY_LEN(words); i++)
		for (unsigned run = 1; run <= 4; run++) {
			const unsigned char *w = (const unsigned char *)words[i];
			assert_int_equal(osc_tstart_bit4(w, run), osc_tstart_bit(w, run));
		}
	/* and the case of a word does not change its key */
	assert_int_equal(osc_tstart_bit4((const unsigned char *)"PePs", 3),
			 osc_tstart_bit4((const unsigned char *)"pep!", 3));
	assert_true(osc_tstart_bit4((const unsigned char *)"peps", 4) !=
		    osc_tstart_bit4((const unsigned char *)"pep ", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_phrase_variants_and_exclusions),
		cmocka_unit_test(test_neutral_term),
		cmocka_unit_test(test_trie_and_regex_keys),
		cmocka_unit_test(test_trie_start_filter),
		cmocka_unit_test(test_extend_default),
		cmocka_unit_test(test_default_taxonomy),
		cmocka_unit_test(test_match_limit_warns),
		cmocka_unit_test(test_tstart_bit4),
		cmocka_unit_test(test_trie_branches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
