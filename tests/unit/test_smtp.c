/* test_smtp.c — the SMTP pieces that need no network: the EHLO
 * capability parser, enhanced status codes, the rejection classes.
 * The smtp diagnosis rules are cases in tests/unit/cases/smtp.json. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtp_caps.h"
#include "smtp_class.h"
#include "smtp_session.h"
#include "trial_upload.h"

/* The SMTP upload trial's size question (trial_upload_smtp.c): a reply
 * is a size limit by its enhanced code or words, not by 552/452 alone. */
static void test_upload_too_large(void **state)
{
	static const struct { int code; const char *enh, *text; bool big; }
	t[] = {
		{ 552, "5.3.4", "5.3.4 Message size exceeds fixed maximum message size", true },
		{ 552, "", "Error: message size exceeds fixed maximum message size", true },
		{ 552, "", "Error: Too much mail data", true },
		{ 552, "", "Requested mail action aborted", true },
		{ 552, "5.2.2", "5.2.2 Mailbox full", false },
		{ 552, "", "Mailbox over quota", false },
		{ 554, "5.7.1", "5.7.1 Message rejected by policy", false },
		{ 452, "4.3.1", "4.3.1 Insufficient system storage", false },
		{ 452, "", "Insufficient system storage", false },
		{ 421, "4.3.2", "4.3.2 Service shutting down", false },
		{ 552, "5.2.3", "5.2.3 Message length exceeds administrative limit", true },
	};
	struct upl_sstep s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&s, 0, sizeof(s));
		strcpy(s.step, "DATA-END");
		s.code = t[i].code;
		strcpy(s.enh, t[i].enh);
		strcpy(s.text, t[i].text);
		if (upl_smtp_too_large(&s) != t[i].big)
			fail_msg("%d %s: expected %d", t[i].code, t[i].text,
				 t[i].big);
	}
	assert_string_equal(upl_smtp_when(&s), "after_data");
	s.during_data = true;
	assert_string_equal(upl_smtp_when(&s), "during_data");
	strcpy(s.step, "MAIL");
	assert_string_equal(upl_smtp_when(&s), "before_data");
}

/* A postfix-like EHLO reply, codes already stripped. */
static void test_caps_postfix(void **state)
{
	struct smtp_caps c;

	(void)state;
	smtp_caps_parse("mail.example.com\nPIPELINING\nSIZE 10240000\n"
			"VRFY\nETRN\nSTARTTLS\nAUTH PLAIN LOGIN\n"
			"AUTH=PLAIN LOGIN\nENHANCEDSTATUSCODES\n8BITMIME\n"
			"DSN\nSMTPUTF8\nCHUNKING", &c);
	assert_string_equal(c.domain, "mail.example.com");
	assert_true(c.pipelining);
	assert_true(c.starttls);
	assert_true(c.eightbitmime);
	assert_true(c.smtputf8);
	assert_true(c.size);
	assert_int_equal(c.size_limit, 10240000);
	assert_string_equal(c.auth, "PLAIN LOGIN");
	assert_int_equal(c.nauth, 2);
	assert_true(smtp_caps_has_auth(&c, "LOGIN"));
	assert_false(smtp_caps_has_auth(&c, "LOG"));
	assert_int_equal(c.nkeywords, 11);
}

/* Issue 12: a 126-byte name then a two-byte character on the first EHLO
 * line must not cut the character, and the capabilities must reach the
 * JSON (jansson refused the half character and the object vanished). */
static void test_caps_cut_character(void **state)
{
	char text[400], name[127];
	struct smtp_caps c;
	json_t *j;

	(void)state;
	memset(name, 'n', 126);
	name[126] = '\0';
	snprintf(text, sizeof(text), "250-%s\xD0\x9F greets you\n"
		 "250-STARTTLS\n250-SIZE 1000\n250 AUTH PLAIN", name);
	smtp_caps_parse(text, &c);
	assert_int_equal(strlen(c.domain), 126);
	assert_true(c.starttls);
	j = smtp_caps_json(&c);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "starttls")));
	assert_string_equal(json_string_value(json_object_get(j, "domain")),
			    name);
	assert_int_equal(json_array_size(json_object_get(j, "auth")), 1);
	json_decref(j);
}

/* Codes left on the lines, lower case, SIZE without a number, junk. */
static void test_caps_odd(void **state)
{
	struct smtp_caps c;
	char big[3000];

	(void)state;
	smtp_caps_parse("250-mx.test Hello\n250-size\n250-auth cram-md5\n"
			"250-\x01\x02 junk\n250 starttls", &c);
	assert_string_equal(c.domain, "mx.test");
	assert_true(c.size);
	assert_int_equal(c.size_limit, 0);
	assert_string_equal(c.auth, "CRAM-MD5");
	assert_true(c.starttls);
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[5] = '\n';
	smtp_caps_parse(big, &c);
	assert_int_equal(c.nkeywords, 1);
	assert_true(strlen(c.keywords[0]) < 24);
	smtp_caps_parse("", &c);
	assert_int_equal(c.nkeywords, 0);
	assert_false(c.starttls);
}

/* Enhanced status codes at the start of a reply text (RFC 3463). */
static void test_enhanced(void **state)
{
	char enh[16];

	(void)state;
	assert_true(smtp_enhanced_code("5.7.1 Relaying denied", enh));
	assert_string_equal(enh, "5.7.1");
	assert_true(smtp_enhanced_code("2.0.0", enh));
	assert_string_equal(enh, "2.0.0");
	assert_false(smtp_enhanced_code("Relaying denied", enh));
	assert_string_equal(enh, "");
	assert_false(smtp_enhanced_code("9.1.1 no", enh));
	assert_false(smtp_enhanced_code("5.7.1x", enh));
}

/* Real servers' rejections and what they mean. */
static void test_classes(void **state)
{
	(void)state;
	assert_string_equal(smtp_reply_class(250, "", "OK"), "ok");
	assert_string_equal(smtp_reply_class(421, "4.7.0",
		"4.7.0 Too many connections"), "busy");
	assert_string_equal(smtp_reply_class(530, "5.7.0",
		"5.7.0 Must issue a STARTTLS command first"),
		"starttls_required");
	assert_string_equal(smtp_reply_class(530, "5.7.0",
		"5.7.0 Authentication required"), "auth_required");
	assert_string_equal(smtp_reply_class(550, "5.7.1",
		"5.7.1 Relaying denied"), "relay_denied");
	assert_string_equal(smtp_reply_class(554, "5.7.1",
		"5.7.1 <x@y>: Relay access denied"), "relay_denied");
	assert_string_equal(smtp_reply_class(552, "",
		"Error: message size exceeds fixed maximum"), "size");
	assert_string_equal(smtp_reply_class(550, "5.1.1",
		"5.1.1 <x@y>: Recipient address rejected: User unknown"),
		"bad_recipient");
	assert_string_equal(smtp_reply_class(554, "5.7.1",
		"5.7.1 Client host rejected: Access denied"), "policy");
	assert_string_equal(smtp_reply_class(451, "4.3.0", "4.3.0 later"),
			    "temporary");
	assert_string_equal(smtp_reply_class(500, "", "what?"), "rejected");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caps_postfix),
		cmocka_unit_test(test_upload_too_large),
		cmocka_unit_test(test_caps_odd),
		cmocka_unit_test(test_caps_cut_character),
		cmocka_unit_test(test_enhanced),
		cmocka_unit_test(test_classes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
