/* test_mailrecv.c — the POP3/IMAP decoders: CAPA lines (RFC 2449), IMAP
 * capability lists, bracketed response codes (RFC 2449 8, RFC 5530),
 * all bounded against hostile input.  No network. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mr_caps.h"

/* Dovecot's CAPA answer, line by line. */
static void pop3_capa(void **state)
{
	struct mr_caps c;

	(void)state;
	mr_caps_init(&c);
	mr_caps_pop3_line(&c, "TOP");
	mr_caps_pop3_line(&c, "RESP-CODES");
	mr_caps_pop3_line(&c, "STLS");
	mr_caps_pop3_line(&c, "USER");
	mr_caps_pop3_line(&c, "SASL PLAIN login CRAM-MD5");
	mr_caps_pop3_line(&c, "LOGIN-DELAY 900");
	assert_true(c.seen && c.stls && c.user && c.resp_codes);
	assert_int_equal(c.nmechs, 3);
	assert_true(mr_caps_has_mech(&c, "LOGIN"));
	assert_true(mr_caps_has_mech(&c, "cram-md5"));
	assert_false(mr_caps_has_mech(&c, "GSSAPI"));
	assert_int_equal(c.login_delay, 900);
	assert_non_null(strstr(c.raw, "SASL PLAIN login"));
}

/* An IMAP list with LOGINDISABLED, and a hostile flood of mechanisms. */
static void imap_capability(void **state)
{
	struct mr_caps c;
	char flood[4000] = "";
	int i;

	(void)state;
	mr_caps_init(&c);
	mr_caps_imap_list(&c, "IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED "
			  "AUTH=PLAIN AUTH=XOAUTH2");
	assert_true(c.stls && c.logindisabled && c.sasl_ir);
	assert_int_equal(c.nmechs, 2);
	assert_string_equal(c.mechs[1], "XOAUTH2");
	mr_caps_init(&c);
	for (i = 0; i < 100; i++)
		strcat(flood, "AUTH=MECHANISM-WITH-A-VERY-LONG-NAME ");
	mr_caps_imap_list(&c, flood);
	assert_true(c.nmechs <= MR_MAX_MECHS);
	assert_true(strlen(c.raw) < sizeof(c.raw));
}

/* Response codes in brackets, upper-cased, bounded. */
static void response_codes(void **state)
{
	char code[32];
	const char *rest;

	(void)state;
	rest = mr_resp_code("[IN-USE] Mailbox locked", code, sizeof(code));
	assert_string_equal(code, "IN-USE");
	assert_string_equal(rest, "Mailbox locked");
	mr_resp_code("[sys/temp] later", code, sizeof(code));
	assert_string_equal(code, "SYS/TEMP");
	mr_resp_code("[CAPABILITY IMAP4rev1 LOGIN] hi", code, sizeof(code));
	assert_string_equal(code, "CAPABILITY");
	rest = mr_resp_code("no code here", code, sizeof(code));
	assert_string_equal(code, "");
	assert_string_equal(rest, "no code here");
	mr_resp_code("[unterminated", code, sizeof(code));
	assert_string_equal(code, "");
	mr_resp_code("[AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA]",
		     code, 8);
	assert_int_equal(strlen(code), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pop3_capa),
		cmocka_unit_test(imap_capability),
		cmocka_unit_test(response_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
