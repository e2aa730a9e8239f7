/* test_decode.c - input bytes to clean UTF-8 (src/decode.c). */
#include "testutil.h"
#include "decode.h"
#include "text.h"

static const char *decode(const char *in, size_t n, const char **note, osc_buf *b)
{
	osc_buf_init(b, NULL);
	assert_int_equal(osc_decode(in, n, b, note), OSC_OK);
	return b->data ? b->data : "";
}

static void test_clean_utf8_untouched(void **state)
{
	(void)state;
	osc_buf b;
	const char *note;
	const char *in = "Children\xE2\x80\x99s services \xE2\x97\xBC";
	assert_string_equal(decode(in, strlen(in), &note, &b), in);
	assert_null(note);
	osc_buf_free(&b);
}

/* Without a copy: clean UTF-8 is read where it is (after its BOM), the
 * rest is decoded into the buffer. */
static void test_view(void **state)
{
	(void)state;
	osc_buf b;
	osc_buf_init(&b, NULL);
	const char *text, *note;
	size_t n;
	const char clean[] = "\xEF\xBB\xBF" "Children\xE2\x80\x99s services";
	assert_int_equal(osc_decode_view(clean, sizeof clean - 1, &b, &text, &n, &note), OSC_OK);
	assert_ptr_equal(text, clean + 3);
	assert_int_equal(n, sizeof clean - 4);
	assert_null(note);
	assert_int_equal(b.len, 0);
	const char dirty[] = "caf\xE9 \x00ok";
	assert_int_equal(osc_decode_view(dirty, sizeof dirty - 1, &b, &text, &n, &note), OSC_OK);
	assert_ptr_equal(text, b.data);
	assert_int_equal(n, strlen("caf\xC3\xA9 ok"));
	assert_memory_equal(text, "caf\xC3\xA9 ok", n);
	assert_non_null(note);
	osc_buf_free(&b);
}

/* A document held in a buffer of exactly its bytes, no NUL after them
 * (as the command reads files): nothing reads past its end (under
 * AddressSanitizer this fails loudly if anything does). */
static void test_scan_exact_buffer(void **state)
{
	(void)state;
	size_t len = 0;
	char *text = tu_slurp("data/samples/sample-letter.txt", &len);
	if (!text)
		skip();
	char *exact = malloc(len);
	assert_non_null(exact);
	memcpy(exact, text, len);
	osc_error err = { 0 };
	osc_scanner *s = osc_scanner_new(tu_rules(), NULL, &err);
	osc_doc *d = osc_scan(s, exact, len, "exact", OSC_FORMAT_AUTO, &err);
	free(exact); /* the document keeps nothing of the input */
	assert_non_null(d);
	assert_int_equal(osc_doc_item_count(d, OSC_SECTION_FINDINGS), 8);
	osc_doc *t = tu_scan(text);
	assert_string_equal(osc_doc_item(d, OSC_SECTION_FINDINGS, 7)->text,
			    osc_doc_item(t, OSC_SECTION_FINDINGS, 7)->text);
	osc_doc_free(t);
	osc_doc_free(d);
	osc_scanner_free(s);
	free(text);
}

static void test_bom_stripped(void **state)
{
	(void)state;
	osc_buf b;
	const char *note;
	assert_string_equal(decode("\xEF\xBB\xBFOverview", 11, &note, &b), "Overview");
	assert_null(note);
	osc_buf_free(&b);
}

static void test_invalid_bytes_replaced(void **state)
{
	(void)state;
	osc_buf b;
	const char *note;
	/* one stray byte among valid multi-byte text stays UTF-8 */
	const char *in = "caf\xC3\xA9 \xE2\x80\x99 \xFF end \xE2\x80\x9C";
	assert_string_equal(decode(in, strlen(in), &note, &b),
			    "caf\xC3\xA9 \xE2\x80\x99 \xEF\xBF\xBD end \xE2\x80\x9C");
	assert_non_null(note);
	assert_non_null(strstr(note, "invalid UTF-8"));
	osc_buf_free(&b);
}

static void test_windows_1252(void **state)
{
	(void)state;
	osc_buf b;
	const char *note;
	/* 0x92 is a right single quote, 0x96 an en dash in Windows-1252 */
	const char *in = "children\x92s services \x96 caf\xE9";
	assert_string_equal(decode(in, strlen(in), &note, &b),
			    "children\xE2\x80\x99s services \xE2\x80\x93 caf\xC3\xA9");
	assert_non_null(strstr(note, "Windows-1252"));
	osc_buf_free(&b);
}

static void test_utf16_le_and_be(void **state)
{
	(void)state;
	osc_buf b;
	const char *note;
	const char le[] = "\xFF\xFEO\0k\0\x19\x20";
	assert_string_equal(decode(le, sizeof le - 1, &note, &b), "Ok\xE2\x80\x99");
	assert_null(note);
	osc_buf_free(&b);
	const char be[] = "\xFE\xFF\0O\0k";
	assert_string_equal(decode(be, sizeof be - 1, &note, &b), "Ok");
	osc_buf_free(&b);
}

static void test_nul_bytes_dropped(void **state)
{
	(void)state;
	osc_buf b;
	const char *note;
	const char in[] = "Find\0ings";
	assert_string_equal(decode(in, sizeof in - 1, &note, &b), "Findings");
	assert_non_null(strstr(note, "NUL"));
	osc_buf_free(&b);
}

/* The eight-byte ASCII pass stops at the first byte that is not ASCII or
 * is NUL, wherever in its eight it stands: a NUL (after a 0x01, whose
 * borrow must not hide it), a stray byte (read as Windows-1252 alone, as
 * U+FFFD beside valid UTF-8), or a curly apostrophe at every place of a
 * line. */
static void test_every_position(void **state)
{
	(void)state;
	static const struct {
		const char *put;
		size_t n;
		const char *want;
		const char *note; /* a word of it, or NULL for none */
	} cases[] = {
		{ "\0", 1, "", "NUL" },
		{ "\x01\0", 2, "\x01", "NUL" },
		{ "\xFF", 1, "\xC3\xBF", "Windows-1252" }, /* no valid UTF-8 around */
		{ "\xE2\x80\x99\xFF", 4, "\xE2\x80\x99\xEF\xBF\xBD", "invalid" },
		{ "\xE2\x80\x99", 3, "\xE2\x80\x99", NULL },
	};
	const char *line = "Children in care are visited regularly.";
	size_t ln = strlen(line);
	for (size_t c = 0; c < OSC_ARRAY_LEN(cases); c++) {
		for (size_t at = 0; at <= ln; at++) {
			char in[64], want[64];
			memcpy(in, line, at);
			memcpy(in + at, cases[c].put, cases[c].n);
			memcpy(in + at + cases[c].n, line + at, ln - at);
			size_t wl = strlen(cases[c].want);
			memcpy(want, line, at);
			memcpy(want + at, cases[c].want, wl);
			memcpy(want + at + wl, line + at, ln - at);
			want[at + wl + ln - at] = '\0';
			osc_buf b;
			const char *note;
			const char *out = decode(in, ln + cases[c].n, &note, &b);
			assert_int_equal(b.len, strlen(want));
			assert_memory_equal(out, want, b.len);
			if (cases[c].note)
				assert_non_null(note && strstr(note, cases[c].note));
			else
				assert_null(note);
			osc_buf_free(&b);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_utf8_untouched),
		cmocka_unit_test(test_bom_stripped),
		cmocka_unit_test(test_invalid_bytes_replaced),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_utf16_le_and_be),
		cmocka_unit_test(test_nul_bytes_dropped),
		cmocka_unit_test(test_every_position),
		cmocka_unit_test(test_view),
		cmocka_unit_test(test_scan_exact_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
