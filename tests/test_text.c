/* test_text.c - the text helpers every stage uses (src/text.c): the
 * case-blind search, UTF-8 lengths and the selection behind the wrap width. */
#include "testutil.h"
#include "text.h"

/* The search as its contract says, one place at a time. */
static long naive_find(const char *s, size_t n, const char *pat, size_t *mlen)
{
	size_t m = strlen(pat);
	for (size_t i = 0; i <= n; i++) {
		size_t si = i, pi = 0;
		while (pi < m && si < n) {
			char pc = pat[pi], sc = s[si];
			if (pc == '\'' && n - si >= 3 && memcmp(s + si, "\xE2\x80\x99", 3) == 0) {
				si += 3, pi++;
				continue;
			}
			if (pc >= 'A' && pc <= 'Z')
				pc = (char)(pc + 32);
			if (sc >= 'A' && sc <= 'Z')
				sc = (char)(sc + 32);
			if (pc != sc)
				break;
			si++, pi++;
		}
		if (pi == m) {
			*mlen = si - i;
			return (long)i;
		}
	}
	return -1;
}

static void check_find(const char *s, size_t n, const char *pat)
{
	size_t got_len = 0, want_len = 0;
	long got = osc_find_ci(s, n, pat, &got_len);
	long want = naive_find(s, n, pat, &want_len);
	if (got != want)
		fail_msg("find \"%s\" in \"%.*s\": %ld, expected %ld", pat, (int)n, s, got, want);
	if (got >= 0)
		assert_int_equal(got_len, want_len);
}

static void test_find_ci_basics(void **state)
{
	(void)state;
	size_t ml;
	const char *s = "The Lead Inspector: Jo Bloggs";
	assert_int_equal(osc_find_ci(s, strlen(s), "lead inspector: ", &ml), 4);
	assert_int_equal(ml, 16);
	assert_int_equal(osc_find_ci(s, strlen(s), "LEAD", NULL), 4);
	assert_int_equal(osc_find_ci(s, strlen(s), "Bloggs!", NULL), -1);
	assert_int_equal(osc_find_ci(s, strlen(s), "", NULL), 0);
	/* a match may not run past n */
	assert_int_equal(osc_find_ci(s, 10, "Inspector", NULL), -1);
	assert_int_equal(osc_find_ci(s, 18, "Inspector", NULL), 9);
	/* an apostrophe matches ' and U+2019, so a match's length varies */
	const char *c = "the children\xE2\x80\x99s guardian";
	assert_int_equal(osc_find_ci(c, strlen(c), "children's g", &ml), 4);
	assert_int_equal(ml, 14);
	assert_int_equal(osc_find_ci(c, strlen(c), "'s", &ml), 12);
	assert_int_equal(ml, 4);
}

/* Every length and every place, across the 16-byte blocks and the tail:
 * the filters on first and last (or first and second) bytes must not lose
 * a match, nor find one that is not there. */
/* osc_after_any_ci: each pattern the text holds, in the patterns' order,
 * with the text after it; false when none is left */
static void test_after_any_ci(void **state)
{
	(void)state;
	static const char *const pats[] = { "visit were ", "Lead inspector: ", "absent " };
	const char *s = "Lead Inspector: Jo Bloggs. Inspectors for this visit were Ann Lee.";
	const char *rest;
	size_t n, i = 0;
	assert_true(osc_after_any_ci(s, strlen(s), pats, 3, &i, &rest, &n));
	assert_int_equal(i, 0);
	assert_int_equal(n, strlen("Ann Lee."));
	assert_memory_equal(rest, "Ann Lee.", n);
	i++;
	assert_true(osc_after_any_ci(s, strlen(s), pats, 3, &i, &rest, &n));
	assert_int_equal(i, 1);
	assert_int_equal(rest - s, 16);
	i++;
	assert_false(osc_after_any_ci(s, strlen(s), pats, 3, &i, &rest, &n));
	assert_int_equal(i, 3);
	/* a pattern matched at the very end leaves nothing after it */
	i = 0;
	assert_true(osc_after_any_ci("were visit were ", 16, pats, 1, &i, &rest, &n));
	assert_int_equal(n, 0);
}

static void test_find_ci_every_position(void **state)
{
	(void)state;
	static const char *const pats[] = {
		"in", "inspectors were ", "Lead inspector: ", "Dear ", "visit to", "x",
		"carried out by ", "children's services", "'s", "ab", "a b", "zz",
	};
	char buf[96];
	for (size_t p = 0; p < OSC_ARRAY_LEN(pats); p++) {
		const char *pat = pats[p];
		size_t m = strlen(pat);
		if (!m || m > sizeof buf)
			fail();
		for (size_t n = 0; n < sizeof buf; n++) {
			for (size_t at = 0; at + m <= n; at += 3) {
				/* filler that shares the pattern's first and last bytes */
				for (size_t i = 0; i < n; i++)
					buf[i] = "iIsSzZ -'"[i % 9];
				/* the pattern, its case flipped every other byte */
				for (size_t i = 0; i < m; i++) {
					char ch = pat[i];
					if (i % 2 && ch >= 'a' && ch <= 'z')
						ch = (char)(ch - 32);
					buf[at + i] = ch;
				}
				check_find(buf, n, pat);
				/* and with the last byte spoiled: found later, or not */
				buf[at + (m - 1) % sizeof buf] = '#';
				check_find(buf, n, pat);
			}
			for (size_t i = 0; i < n; i++)
				buf[i] = "the local authority "[i % 20];
			check_find(buf, n, pat);
		}
	}
	/* U+2019 for the apostrophe at every place */
	char s[64];
	for (size_t at = 0; at + 4 <= sizeof s; at++) {
		memset(s, 'n', sizeof s);
		memcpy(s + at, "\xE2\x80\x99s", 4);
		check_find(s, sizeof s, "'s");
		check_find(s, sizeof s, "n's");
	}
}

/* The prefix lists: ASCII case folded (letters only), a one-byte prefix,
 * a prefix longer than the line, and bytes that are not letters. */
static void test_starts_with_prefix(void **state)
{
	(void)state;
	static const char *const p[] = { "Tel:", "T 0300", "Yours,", "\xC2\xA9 Crown", "@home", "x" };
	static osc_prefixes set = OSC_PREFIXES(p);
#define STARTS(s, n) (osc_prefixes_find(&set, s, n) >= 0)
	assert_true(STARTS("tEL: 0300 123", 13));
	assert_true(STARTS("t 0300 1234", 11));
	assert_true(STARTS("YOURS, sincerely", 16));
	assert_true(STARTS("\xC2\xA9 crown copyright", 18));
	assert_true(STARTS("X", 1));
	assert_true(STARTS("xylophone", 9));
	assert_true(STARTS("@Home", 5));
	/* '`' is '@' | 0x20, and '`' is no letter */
	assert_false(STARTS("`home", 5));
	assert_false(STARTS("Te", 2));       /* shorter than "Tel:" */
	assert_false(STARTS("Tel:", 3));     /* n cuts it short */
	assert_false(STARTS("The visit", 9));
	assert_false(STARTS("Yours faithfully", 16));
	assert_false(STARTS("\xC3\xA9 Crown", 8));
	assert_false(STARTS("", 0));
#undef STARTS
}

/* Prefix sets: the first-byte filter folds case on both sides and takes
 * bytes that are not letters; exact names are told apart by length (one of
 * 63 bytes or more too); the first matching prefix's index is returned. */
static void test_prefixes(void **state)
{
	(void)state;
	static const char *const v[] = {
		"Tel:", "t 0300", "Yours,", "\xC2\xA9 Crown", "@home", "Summary",
		"Summary of findings",
		"Information about this local authority area and its children in care",
	};
	static osc_prefixes set = OSC_PREFIXES(v);
	assert_int_equal(osc_prefixes_find(&set, "tEL: 0300 123", 13), 0);
	assert_int_equal(osc_prefixes_find(&set, "T 0300 1234", 11), 1);
	assert_int_equal(osc_prefixes_find(&set, "YOURS, sincerely", 16), 2);
	assert_int_equal(osc_prefixes_find(&set, "\xC2\xA9 crown copyright", 18), 3);
	assert_int_equal(osc_prefixes_find(&set, "@Home", 5), 4);
	assert_int_equal(osc_prefixes_find(&set, "summary of findings", 19), 5);
	assert_int_equal(osc_prefixes_find(&set, "`home", 5), -1); /* '`' is '@' | 0x20 */
	assert_int_equal(osc_prefixes_find(&set, "Tel:", 3), -1);
	assert_int_equal(osc_prefixes_find(&set, "The visit", 9), -1);
	assert_int_equal(osc_prefixes_find(&set, "Dear", 4), -1);
	assert_int_equal(osc_prefixes_find(&set, "", 0), -1);

	assert_int_equal(osc_prefixes_exact(&set, "SUMMARY", 7), 5);
	assert_int_equal(osc_prefixes_exact(&set, "summary of findings", 19), 6);
	assert_int_equal(osc_prefixes_exact(&set, "Summary of findings here", 24), -1);
	assert_int_equal(osc_prefixes_exact(&set, "Summar", 6), -1);
	assert_int_equal(osc_prefixes_exact(&set, "Tel", 3), -1);
	const char *lng = v[7];
	assert_true(strlen(lng) > 63);
	assert_int_equal(osc_prefixes_exact(&set, lng, strlen(lng)), 7);
	assert_int_equal(osc_prefixes_exact(&set, lng, strlen(lng) - 1), -1);
	assert_int_equal(osc_prefixes_exact(&set, "", 0), -1);
}

/* osc_utf8_at_least agrees with osc_utf8_len for every length and bound. */
static void test_utf8_at_least(void **state)
{
	(void)state;
	const char *s = "caf\xC3\xA9 \xE2\x80\x99 \xE2\x97\xBC\xE2\x97\xBC\xE2\x97\xBC\xE2\x97\xBC plans are"
			" reviewed \xF0\x9F\x98\x80 regularly";
	for (size_t n = 0; n <= strlen(s); n++)
		for (size_t k = 0; k <= n + 1; k++)
			assert_int_equal(osc_utf8_at_least(s, n, k), osc_utf8_len(s, n) >= k);
	/* ASCII lines with a ◼ at every place of the first 32 bytes and past */
	for (size_t at = 0; at < 40; at++) {
		char t[64];
		memset(t, 'x', sizeof t);
		memcpy(t + at, "\xE2\x97\xBC", 3);
		for (size_t n = 0; n <= sizeof t; n++)
			for (size_t k = 0; k <= 40; k++)
				assert_int_equal(osc_utf8_at_least(t, n, k), osc_utf8_len(t, n) >= k);
	}
}

static void test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(osc_utf8_len("", 0), 0);
	assert_int_equal(osc_utf8_len("Overview", 8), 8);
	/* ’ (3 bytes), é (2), ◼ (3) */
	const char *s = "it\xE2\x80\x99s caf\xC3\xA9 \xE2\x97\xBC and more text past eight bytes";
	size_t want = 0;
	for (const char *p = s; *p; p++)
		want += ((unsigned char)*p & 0xC0) != 0x80;
	assert_int_equal(osc_utf8_len(s, strlen(s)), want);
	for (size_t n = 0; n <= strlen(s); n++) {
		size_t w = 0;
		for (size_t i = 0; i < n; i++)
			w += ((unsigned char)s[i] & 0xC0) != 0x80;
		assert_int_equal(osc_utf8_len(s, n), w);
	}
}

static void test_lspace_rspace(void **state)
{
	(void)state;
	assert_int_equal(osc_lspace("", 0), 0);
	assert_int_equal(osc_rspace("", 0), 0);
	/* ASCII white space, NBSP, U+2003 and U+3000 are space; ’ is not */
	const char *s = " \t\xC2\xA0\xE2\x80\x83" "Care\xE2\x80\x99s plan\xE3\x80\x80\r \xC2\xA0";
	size_t n = strlen(s);
	assert_int_equal(osc_lspace(s, n), 7);
	assert_int_equal(osc_rspace(s, n), 7);
	assert_int_equal(osc_lspace("\xE2\x80\x99s", 4), 0);
	assert_int_equal(osc_rspace("it\xE2\x80\x99", 5), 0);
	/* all space: all of it, from either end */
	assert_int_equal(osc_lspace(" \xC2\xA0\t", 4), 4);
	assert_int_equal(osc_rspace(" \xC2\xA0\t", 4), 4);
	/* a stray continuation byte is not space */
	assert_int_equal(osc_rspace("a \x80", 3), 0);
	assert_int_equal(osc_lspace("\x80 a", 3), 0);
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

static void test_select_kth(void **state)
{
	(void)state;
	unsigned one[] = { 7 };
	assert_int_equal(osc_select_kth(one, 1, 0), 7);
	/* sorted, reversed, all equal, few values, pseudo-random: each k
	 * against a sort */
	unsigned v[200], sorted[200];
	uint32_t seed = 12345;
	for (int shape = 0; shape < 5; shape++) {
		for (size_t n = 1; n <= 200; n += 13) {
			for (size_t i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				v[i] = shape == 0 ? (unsigned)i : shape == 1 ? (unsigned)(n - i)
				     : shape == 2 ? 42u : shape == 3 ? (seed >> 16) % 3 : seed >> 8;
			}
			memcpy(sorted, v, n * sizeof *v);
			qsort(sorted, n, sizeof *sorted, cmp_unsigned);
			for (size_t k = 0; k < n; k++) {
				unsigned w[200];
				memcpy(w, v, n * sizeof *v);
				assert_int_equal(osc_select_kth(w, n, k), sorted[k]);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_ci_basics),
		cmocka_unit_test(test_find_ci_every_position),
		cmocka_unit_test(test_after_any_ci),
		cmocka_unit_test(test_starts_with_prefix),
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_utf8_at_least),
		cmocka_unit_test(test_lspace_rspace),
		cmocka_unit_test(test_select_kth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
