/* test_util.c — sanitizing hostile text, sizes, addresses. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "jsontext.h"
#include "util.h"

/* utf8_cut: never ends inside a character; ASCII and invalid bytes stay. */
static void utf8_cut_boundaries(void **state)
{
	(void)state;
	assert_int_equal(utf8_cut("ab\xD0\x9F", 4), 4);
	assert_int_equal(utf8_cut("ab\xD0\x9F", 3), 2);
	assert_int_equal(utf8_cut("a\xE2\x82\xAC", 3), 1);
	assert_int_equal(utf8_cut("a\xE2\x82\xAC", 4), 4);
	assert_int_equal(utf8_cut("\xF0\x9F\x98\x80", 3), 0);
	assert_int_equal(utf8_cut("\xF0\x9F\x98\x80", 4), 4);
	assert_int_equal(utf8_cut("abc", 2), 2);
	assert_int_equal(utf8_cut("a\x80\x80\x80\x80", 5), 5);
	assert_int_equal(utf8_cut("", 0), 0);
}

/* str_copy, str_word and str_printf cut on a character boundary. */
static void bounded_copies_keep_characters(void **state)
{
	char buf[5], word[4];
	const char *rest;

	(void)state;
	str_copy(buf, "abc\xD0\x9F", sizeof(buf));
	assert_string_equal(buf, "abc");
	str_copy(buf, "ab\xD0\x9F", sizeof(buf));
	assert_string_equal(buf, "ab\xD0\x9F");
	str_printf(buf, sizeof(buf), "%s", "xyz\xE2\x82\xAC");
	assert_string_equal(buf, "xyz");
	rest = str_word(word, sizeof(word), "  a\xD0\x9F\xD0\x9F rest");
	assert_string_equal(word, "a\xD0\x9F");
	assert_string_equal(rest, " rest");
	rest = str_word(word, sizeof(word), "ab c");
	assert_string_equal(word, "ab");
	assert_string_equal(rest, " c");
}

/* A string jansson rejects is kept escaped, and counted. */
static void json_text_never_drops(void **state)
{
	size_t before = json_text_rejected();
	json_t *j;

	(void)state;
	j = json_text("ok \xD0\x9F");
	assert_string_equal(json_string_value(j), "ok \xD0\x9F");
	json_decref(j);
	assert_int_equal(json_text_rejected(), before);
	j = json_text("bad \xD0");
	assert_non_null(j);
	assert_string_equal(json_string_value(j), "bad \\xD0");
	json_decref(j);
	assert_int_equal(json_text_rejected(), before + 1);
}

static void sanitize_strips_escapes_and_keeps_utf8(void **state)
{
	char out[64];

	(void)state;
	sanitize("a\033[2Jb\r\n", 8, out, sizeof(out), false);
	assert_string_equal(out, "a\\x1B[2Jb\\r\\n");
	sanitize("\xD0\x9F\xD1\x80\xD0\xB8", 6, out, sizeof(out), false);
	assert_string_equal(out, "\xD0\x9F\xD1\x80\xD0\xB8");
	sanitize("\xFF\xC0", 2, out, sizeof(out), false);
	assert_string_equal(out, "\\xFF\\xC0");
	/* C1 controls and bidi overrides are valid UTF-8 but never raw. */
	sanitize("a\xC2\x85" "b\xC2\x9B", 6, out, sizeof(out), false);
	assert_string_equal(out, "a\\u0085b\\u009B");
	sanitize("\xE2\x80\xAEx\xE2\x81\xA6\xE2\x80\xAD", 10, out,
		 sizeof(out), false);
	assert_string_equal(out, "\\u202Ex\\u2066\\u202D");
	sanitize("\xE2\x80\xA9\xC2\xA0", 5, out, sizeof(out), false);
	assert_string_equal(out, "\xE2\x80\xA9\xC2\xA0");
}

static void sanitize_bounds_and_marks_cut(void **state)
{
	char in[200], out[16];

	(void)state;
	memset(in, 'x', sizeof(in));
	sanitize(in, sizeof(in), out, sizeof(out), false);
	assert_true(strlen(out) < sizeof(out));
	assert_non_null(strstr(out, "..."));
}

static void sizes(void **state)
{
	long long v;

	(void)state;
	assert_true(parse_size("700K", &v));
	assert_int_equal(v, 700 * 1024);
	assert_true(parse_size("8M", &v));
	assert_int_equal(v, 8 * 1024 * 1024);
	assert_true(parse_size("123", &v));
	assert_false(parse_size("12Q", &v));
	assert_false(parse_size("-1", &v));
}

static void addresses(void **state)
{
	struct sockaddr_storage ss;
	char buf[80];

	(void)state;
	assert_true(addr_parse("::1", 25, &ss));
	assert_string_equal(addr_port_to_str((struct sockaddr *)&ss, buf,
					     sizeof(buf)), "[::1]:25");
	assert_true(addr_parse("127.0.0.1", 21, &ss));
	assert_int_equal(addr_port((struct sockaddr *)&ss), 21);
	assert_false(addr_parse("example.com", 21, &ss));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_cut_boundaries),
		cmocka_unit_test(bounded_copies_keep_characters),
		cmocka_unit_test(json_text_never_drops),
		cmocka_unit_test(sanitize_strips_escapes_and_keeps_utf8),
		cmocka_unit_test(sanitize_bounds_and_marks_cut),
		cmocka_unit_test(sizes),
		cmocka_unit_test(addresses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
