/* test_smtp_sasl.c — the SASL responses sockdoc's SMTP dialogue sends:
 * base64 round trips, PLAIN's initial response (RFC 4616) and CRAM-MD5
 * against the example of RFC 2195 section 2.  No network. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "smtp_sasl.h"

/* RFC 2195 2: tim / tanstaaftanstaaf and the postoffice challenge. */
static void cram_md5_rfc2195(void **state)
{
	char out[200];

	(void)state;
	assert_int_equal(sasl_cram_md5("tim", "tanstaaftanstaaf",
		"PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+",
		out, sizeof(out)), 0);
	assert_string_equal(out,
		"dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
}

/* A challenge that is not base64 gets no answer (the caller cancels). */
static void cram_md5_bad_challenge(void **state)
{
	char out[200];

	(void)state;
	assert_int_equal(sasl_cram_md5("tim", "x", "not base64!", out,
				       sizeof(out)), -1);
}

/* PLAIN: base64 of "\0alice\0secret" (RFC 4616 2). */
static void plain_response(void **state)
{
	char out[100];

	(void)state;
	assert_int_equal(sasl_plain("alice", "secret", out, sizeof(out)), 0);
	assert_string_equal(out, "AGFsaWNlAHNlY3JldA==");
	assert_int_equal(sasl_plain("alice", "secret", out, 8), -1);
}

/* Base64 both ways, with padding, and LOGIN's "Username:" prompt. */
static void b64_round_trip(void **state)
{
	unsigned char dec[32];
	char enc[32];

	(void)state;
	assert_string_equal(sasl_b64("ab", 2, enc, sizeof(enc)), "YWI=");
	assert_int_equal(sasl_unb64("YWI=", dec, sizeof(dec)), 2);
	assert_memory_equal(dec, "ab", 2);
	assert_int_equal(sasl_unb64("VXNlcm5hbWU6", dec, sizeof(dec)), 9);
	assert_memory_equal(dec, "Username:", 9);
	assert_int_equal(sasl_unb64("abc", dec, sizeof(dec)), -1);
	assert_string_equal(sasl_b64("abcdef", 6, enc, 4), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cram_md5_rfc2195),
		cmocka_unit_test(cram_md5_bad_challenge),
		cmocka_unit_test(plain_response),
		cmocka_unit_test(b64_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
