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

/* Decode base64 B64 into a string in OUT (for comparisons). */
static const char *plain_of(const char *b64, char *out, size_t size)
{
	int n = sasl_unb64(b64, (unsigned char *)out, size - 1);

	assert_true(n >= 0);
	out[n] = '\0';
	return out;
}

/* One SCRAM exchange of MECH against the RFC's messages. */
static void scram_vector(const char *mech, const char *cnonce,
			 const char *first, const char *server_first,
			 const char *final, const char *server_final)
{
	struct sasl_scram s;
	char out[400], b64[400], txt[400];

	assert_int_equal(sasl_scram_first(&s, mech, "user", cnonce, out,
					  sizeof(out)), 0);
	assert_string_equal(plain_of(out, txt, sizeof(txt)), first);
	sasl_b64(server_first, strlen(server_first), b64, sizeof(b64));
	assert_int_equal(sasl_scram_final(&s, "pencil", b64, out,
					  sizeof(out)), 0);
	assert_string_equal(plain_of(out, txt, sizeof(txt)), final);
	sasl_b64(server_final, strlen(server_final), b64, sizeof(b64));
	assert_int_equal(sasl_scram_verify(&s, b64), 0);
	sasl_b64("v=AAAA", 6, b64, sizeof(b64));
	assert_int_equal(sasl_scram_verify(&s, b64), -1);
	sasl_scram_clear(&s);
}

/* RFC 5802 5 (SCRAM-SHA-1) and RFC 7677 3 (SCRAM-SHA-256). */
static void scram_rfc_vectors(void **state)
{
	(void)state;
	scram_vector("SCRAM-SHA-1", "fyko+d2lbbFgONRv9qkxdawL",
		"n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
		"r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
		"s=QSXCR+Q6sek8bf92,i=4096",
		"c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
		"p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
		"v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
	scram_vector("SCRAM-SHA-256", "rOprNGfwEbeRWgbNEkqO",
		"n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
		"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
		"s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
		"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
		"p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
		"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
}

/* A server nonce that does not extend ours, or a huge iteration count,
 * is refused (no proof computed). */
static void scram_hostile_server(void **state)
{
	struct sasl_scram s;
	char out[400], b64[400];
	const char *bad[] = { "r=othernonce,s=QSXCR+Q6sek8bf92,i=4096",
			      "r=abcdXYZ,s=QSXCR+Q6sek8bf92,i=99999999",
			      "r=abcdXYZ,i=4096", "garbage" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(sasl_scram_first(&s, "SCRAM-SHA-256", "u",
						  "abcd", out, sizeof(out)), 0);
		sasl_b64(bad[i], strlen(bad[i]), b64, sizeof(b64));
		assert_int_equal(sasl_scram_final(&s, "p", b64, out,
						  sizeof(out)), -1);
	}
	assert_int_equal(sasl_scram_first(&s, "SCRAM-SHA-512", "u", "abcd",
					  out, sizeof(out)), -1);
	/* saslname escaping (RFC 5802 5.1) */
	assert_int_equal(sasl_scram_first(&s, "SCRAM-SHA-1", "a=b,c", "n1",
					  out, sizeof(out)), 0);
	assert_string_equal(s.first_bare, "n=a=3Db=2Cc,r=n1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cram_md5_rfc2195),
		cmocka_unit_test(cram_md5_bad_challenge),
		cmocka_unit_test(plain_response),
		cmocka_unit_test(b64_round_trip),
		cmocka_unit_test(scram_rfc_vectors),
		cmocka_unit_test(scram_hostile_server),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
