/* test_smtp.c — the SMTP pieces that need no network: the EHLO
 * capability parser, enhanced status codes, the rejection classes, and
 * the smtp rules fed with hand-made findings (cause id, confidence,
 * evidence, first fix). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diagnose.h"
#include "smtp_caps.h"
#include "smtp_class.h"
#include "smtp_session.h"

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

/* Findings: target with security TLS and PORT, then PROBES (a JSON
 * array text of {id,status,details}). */
static json_t *findings(const char *tls, int port, const char *probes)
{
	json_error_t err;
	json_t *p = json_loads(probes, 0, &err);

	if (!p)
		fail_msg("bad test json: %s", err.text);
	return json_pack("{s:{s:s,s:s,s:i},s:o}", "target", "host", "mx.test",
			 "tls", tls, "port", port, "probes", p);
}

/* The cause ID in CAUSES, NULL when absent. */
static json_t *find_cause(json_t *causes, const char *id)
{
	json_t *c;
	size_t i;

	json_array_foreach(causes, i, c)
		if (!strcmp(json_string_value(json_object_get(c, "id")), id))
			return c;
	return NULL;
}

/* True when some evidence line of C contains TEXT. */
static bool has_evidence(json_t *c, const char *text)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(c, "evidence"), i, e)
		if (strstr(json_string_value(e), text))
			return true;
	return false;
}

/* Run the rules; check cause ID has CONF and evidence TEXT. */
static json_t *expect(json_t *f, const char *id, const char *conf,
		      const char *text)
{
	json_t *causes = diagnose(f), *c = find_cause(causes, id);

	if (!c)
		fail_msg("cause %s missing", id);
	assert_string_equal(json_string_value(json_object_get(c,
		"confidence")), conf);
	if (text && !has_evidence(c, text))
		fail_msg("%s: no evidence with \"%s\"", id, text);
	json_decref(f);
	return causes;
}

#define PORTS_465 "{\"id\":\"smtp.ports\",\"status\":\"ok\",\"details\":{" \
	"\"address\":\"192.0.2.1\",\"ports\":[{\"port\":25,\"security\":" \
	"\"none\",\"outcome\":\"connect_timeout\",\"tls_version\":\"\"," \
	"\"plain\":{\"duration_ms\":5003}},{\"port\":465,\"security\":" \
	"\"implicit\",\"outcome\":\"ok\",\"tls_version\":\"TLSv1.3\"}]," \
	"\"recommended\":{\"port\":465,\"security\":\"implicit\"}}}"

/* Client without SSL on an implicit-TLS port. */
static void test_rule_mode_implicit(void **state)
{
	json_t *causes, *c;

	(void)state;
	causes = expect(findings("none", 465, "[{\"id\":\"smtp.ehlo\","
		"\"status\":\"ok\",\"details\":{\"mode\":\"implicit\","
		"\"plain\":{\"outcome\":\"no_greeting\",\"greeted\":false,"
		"\"duration_ms\":5001},\"implicit\":{\"outcome\":\"ok\","
		"\"greeted\":true,\"duration_ms\":12,\"tls\":{\"version\":"
		"\"TLSv1.3\"}}}}," PORTS_465 "]"), "tls.mode_mismatch",
		"high", "no greeting came in 5001 ms");
	c = find_cause(causes, "tls.mode_mismatch");
	assert_true(has_evidence(c, "greeting 220 after 12 ms, TLSv1.3"));
	assert_non_null(strstr(json_string_value(json_array_get(
		json_object_get(c, "fixes"), 0)), "port 465"));
	json_decref(causes);
}

/* The same measurements with the client set right: no mismatch. */
static void test_rule_mode_ok(void **state)
{
	json_t *causes;

	(void)state;
	causes = diagnose(findings("implicit", 465, "[{\"id\":\"smtp.ehlo\","
		"\"status\":\"ok\",\"details\":{\"mode\":\"implicit\"}}]"));
	assert_null(find_cause(causes, "tls.mode_mismatch"));
	json_decref(causes);
	causes = diagnose(findings("auto", 25, "[{\"id\":\"smtp.ehlo\","
		"\"status\":\"ok\",\"details\":{\"mode\":\"plain\","
		"\"starttls_required\":true}}]"));
	assert_null(find_cause(causes, "tls.mode_mismatch"));
	json_decref(causes);
}

/* STARTTLS required, client set to none. */
static void test_rule_mode_starttls(void **state)
{
	(void)state;
	json_decref(expect(findings("none", 587, "[{\"id\":\"smtp.ehlo\","
		"\"status\":\"ok\",\"details\":{\"mode\":\"plain\","
		"\"starttls_required\":true,\"help_code\":530,\"help_text\":"
		"\"Must issue a STARTTLS command first\"}}]"),
		"tls.mode_mismatch", "high", "Must issue a STARTTLS"));
}

/* Port 25 silent while 465 works: blocked; refused: not. */
static void test_rule_port25(void **state)
{
	json_t *causes;

	(void)state;
	json_decref(expect(findings("none", 25, "[" PORTS_465 "]"),
		"smtp.port25_blocked", "high", "in 5003 ms"));
	causes = diagnose(findings("none", 587, "[{\"id\":\"smtp.ports\","
		"\"status\":\"ok\",\"details\":{\"ports\":[{\"port\":25,"
		"\"security\":\"none\",\"outcome\":\"refused\"}],"
		"\"recommended\":{\"port\":587,\"security\":\"starttls\"}}}]"));
	assert_null(find_cause(causes, "smtp.port25_blocked"));
	json_decref(causes);
}

/* Certificate vs handshake. */
static void test_rule_tls(void **state)
{
	json_t *causes;

	(void)state;
	causes = expect(findings("starttls", 587, "[{\"id\":\"tls\",\"status\":"
		"\"fail\",\"details\":{\"mode\":\"starttls\",\"handshake\":"
		"\"ok\",\"verified\":false,\"verify_reason\":\"expired\","
		"\"not_after\":\"2026-11-14 00:00:00 UTC\",\"expires_in_s\":"
		"-864000,\"verify_error\":\"certificate has expired\"}}]"),
		"tls.certificate", "high", "expired on 2026-11-14");
	assert_null(find_cause(causes, "tls.handshake_failed"));
	json_decref(causes);
	causes = expect(findings("implicit", 465, "[{\"id\":\"tls\",\"status\":"
		"\"fail\",\"details\":{\"mode\":\"implicit\",\"handshake\":"
		"\"failed\",\"handshake_error\":\"tlsv1 alert protocol version\""
		",\"attempts\":[{\"handshake\":{\"alert\":\"\"}}]}}]"),
		"tls.handshake_failed", "high", "alert protocol version");
	assert_null(find_cause(causes, "tls.certificate"));
	json_decref(causes);
}

/* Login rejected vs AUTH only after TLS. */
static void test_rule_auth(void **state)
{
	(void)state;
	json_decref(expect(findings("starttls", 587, "[{\"id\":\"smtp.auth\","
		"\"status\":\"fail\",\"details\":{\"user\":\"alice\","
		"\"authenticated\":false,\"stages\":[{\"stage\":\"starttls\","
		"\"outcome\":\"rejected\",\"mechanism\":\"PLAIN\",\"code\":535,"
		"\"text\":\"5.7.8 Authentication credentials invalid\"}]}}]"),
		"auth.rejected", "high", "535 5.7.8"));
	json_decref(expect(findings("none", 587, "[{\"id\":\"smtp.ehlo\","
		"\"status\":\"ok\",\"details\":{\"mode\":\"plain\",\"caps\":"
		"{\"auth\":[]}}},{\"id\":\"tls\",\"status\":\"ok\",\"details\":"
		"{\"caps_after_tls\":{\"auth\":[\"PLAIN\",\"LOGIN\"]}}}]"),
		"auth.requires_tls", "medium", "AUTH PLAIN"));
}

/* Envelope refusals: without login, after login, size. */
static void test_rule_transaction(void **state)
{
	json_t *causes;

	(void)state;
	causes = expect(findings("starttls", 587, "[{\"id\":\"smtp.transaction"
		"\",\"status\":\"fail\",\"details\":{\"outcome\":\"relay_denied\""
		",\"authenticated\":false,\"rejected_at\":\"RCPT\",\"code\":550,"
		"\"text\":\"5.7.1 Relaying denied\"}}]"), "auth.required",
		"high", "RCPT answered 550 5.7.1 Relaying denied");
	json_decref(causes);
	causes = expect(findings("starttls", 587, "[{\"id\":\"smtp.transaction"
		"\",\"status\":\"fail\",\"details\":{\"outcome\":\"relay_denied\""
		",\"authenticated\":true,\"rejected_at\":\"RCPT\",\"code\":550,"
		"\"text\":\"5.7.1 Relaying denied\"}}]"),
		"server.rejects_client", "high", "after logging in");
	assert_null(find_cause(causes, "auth.required"));
	json_decref(causes);
	json_decref(expect(findings("auto", 25, "[{\"id\":\"smtp.transaction\","
		"\"status\":\"fail\",\"details\":{\"outcome\":\"size\","
		"\"rejected_at\":\"MAIL\",\"code\":552,\"text\":\"too big\","
		"\"size_declared\":8388608}}]"), "transfer.size_limit", "high",
		"8388608 bytes"));
}

/* SIZE below --max-upload is a hint; above it nothing. */
static void test_rule_size(void **state)
{
	json_t *causes;

	(void)state;
	json_decref(expect(findings("auto", 25, "[{\"id\":\"smtp.ehlo\","
		"\"status\":\"ok\",\"details\":{\"mode\":\"plain\",\"max_upload\":"
		"8388608,\"caps\":{\"size_limit\":1000000}}}]"),
		"transfer.size_limit", "low", "SIZE 1000000"));
	causes = diagnose(findings("auto", 25, "[{\"id\":\"smtp.ehlo\","
		"\"status\":\"ok\",\"details\":{\"mode\":\"plain\",\"max_upload\":"
		"8388608,\"caps\":{\"size_limit\":52428800}}}]"));
	assert_int_equal(json_array_size(causes), 0);
	json_decref(causes);
}

/* 421 after EHLO (busy) and a 554 greeting over TLS (policy). */
static void test_rule_session_codes(void **state)
{
	(void)state;
	json_decref(expect(findings("auto", 25, "[{\"id\":\"smtp.ehlo\","
		"\"status\":\"fail\",\"details\":{\"mode\":\"plain\","
		"\"greeting_code\":220,\"after_ehlo_code\":421,"
		"\"after_ehlo_text\":\"4.7.0 Too many connections\"}}]"),
		"server.busy", "high", "answered 421"));
	json_decref(expect(findings("implicit", 465, "[{\"id\":\"banner\","
		"\"status\":\"skipped\",\"details\":{}},{\"id\":\"smtp.ehlo\","
		"\"status\":\"fail\",\"details\":{\"mode\":\"none\","
		"\"greeting_code\":554,\"greeting\":\"5.7.1 blocked\"}}]"),
		"server.rejects_client", "high", "554"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caps_postfix),
		cmocka_unit_test(test_caps_odd),
		cmocka_unit_test(test_caps_cut_character),
		cmocka_unit_test(test_enhanced),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_rule_mode_implicit),
		cmocka_unit_test(test_rule_mode_ok),
		cmocka_unit_test(test_rule_mode_starttls),
		cmocka_unit_test(test_rule_port25),
		cmocka_unit_test(test_rule_tls),
		cmocka_unit_test(test_rule_auth),
		cmocka_unit_test(test_rule_transaction),
		cmocka_unit_test(test_rule_size),
		cmocka_unit_test(test_rule_session_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
