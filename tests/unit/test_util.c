/* test_util.c — sanitizing hostile text, sizes, addresses. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"

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
		cmocka_unit_test(sanitize_strips_escapes_and_keeps_utf8),
		cmocka_unit_test(sanitize_bounds_and_marks_cut),
		cmocka_unit_test(sizes),
		cmocka_unit_test(addresses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
