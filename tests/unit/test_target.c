/* test_target.c — every TARGET form of interface.md, and the input sanity
 * corrections (leading space, pasted URL, glued port, trailing dot). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "target.h"

/* Parse S with no overrides and expect success. */
static struct target parse_ok(const char *s)
{
	struct target t;
	char err[256];

	assert_int_equal(target_parse(s, PROTO_UNKNOWN, 0, TLS_AUTO, &t, err,
				      sizeof(err)), 0);
	return t;
}

/* True when T carries a correction of KIND. */
static bool has_fix(const struct target *t, const char *kind)
{
	int i;

	for (i = 0; i < t->nfixes; i++)
		if (!strcmp(t->fixes[i].kind, kind))
			return true;
	return false;
}

/* tcp://host:port and --protocol tcp: any TCP service, no default port,
 * --tls implicit kept, a missing port is a usage error. */
static void tcp_targets(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	t = parse_ok("tcp://app.example.test:7000");
	assert_int_equal(t.proto, PROTO_TCP);
	assert_int_equal(t.port, 7000);
	assert_string_equal(proto_name(t.proto), "tcp");
	assert_int_equal(target_parse("[::1]:9000", PROTO_TCP, 0, TLS_IMPLICIT,
				      &t, err, sizeof(err)), 0);
	assert_int_equal(t.proto, PROTO_TCP);
	assert_int_equal(t.port, 9000);
	assert_int_equal(t.tls, TLS_IMPLICIT);
	assert_int_equal(target_parse("tcp://app.example.test", PROTO_UNKNOWN,
				      0, TLS_AUTO, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "port"));
	assert_int_equal(target_parse("app.example.test", PROTO_TCP, 8080,
				      TLS_AUTO, &t, err, sizeof(err)), 0);
	assert_int_equal(t.port, 8080);
}

static void schemes_and_default_ports(void **state)
{
	struct target t;

	(void)state;
	t = parse_ok("smtp://mail.example.com");
	assert_int_equal(t.proto, PROTO_SMTP);
	assert_int_equal(t.port, 25);
	assert_int_equal(t.tls, TLS_AUTO);
	t = parse_ok("smtps://mail.example.com");
	assert_int_equal(t.port, 465);
	assert_int_equal(t.tls, TLS_IMPLICIT);
	t = parse_ok("ftp://bob@ftp.example.com:2121");
	assert_int_equal(t.proto, PROTO_FTP);
	assert_int_equal(t.port, 2121);
	assert_string_equal(t.user, "bob");
	assert_string_equal(t.host, "ftp.example.com");
	t = parse_ok("ftps://ftp.example.com");
	assert_int_equal(t.port, 990);
	assert_int_equal(t.nfixes, 0);
}

/* The receiving side: pop3(s)://, imap(s)://, --protocol, the ports. */
static void pop3_and_imap_targets(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	t = parse_ok("pop3://mail.example.com");
	assert_int_equal(t.proto, PROTO_POP3);
	assert_int_equal(t.port, 110);
	assert_int_equal(t.tls, TLS_AUTO);
	t = parse_ok("pop3s://mail.example.com");
	assert_int_equal(t.port, 995);
	assert_int_equal(t.tls, TLS_IMPLICIT);
	t = parse_ok("imap://bob@mail.example.com:1143");
	assert_int_equal(t.proto, PROTO_IMAP);
	assert_int_equal(t.port, 1143);
	assert_string_equal(t.user, "bob");
	t = parse_ok("imaps://mail.example.com");
	assert_int_equal(t.port, 993);
	assert_string_equal(proto_name(t.proto), "imap");
	t = parse_ok("mail.example.com:995");
	assert_int_equal(t.proto, PROTO_POP3);
	assert_int_equal(t.port, 995);
	t = parse_ok("imap.example.com");
	assert_int_equal(t.proto, PROTO_IMAP);
	assert_int_equal(t.port, 143);
	assert_int_equal(target_parse("example.com", PROTO_IMAP, 0, TLS_IMPLICIT,
				      &t, err, sizeof(err)), 0);
	assert_int_equal(t.port, 993);
	assert_true(proto_is_mailrecv(t.proto));
	assert_false(proto_is_mailrecv(PROTO_SMTP));
}

static void ipv6_literal(void **state)
{
	struct target t;

	(void)state;
	t = parse_ok("smtp://[::1]:2525");
	assert_string_equal(t.host, "::1");
	assert_int_equal(t.port, 2525);
	assert_true(t.host_is_ip);
}

static void email_address_is_a_mail_domain(void **state)
{
	struct target t;

	(void)state;
	t = parse_ok("user@example.com");
	assert_true(t.is_email);
	assert_int_equal(t.proto, PROTO_SMTP);
	assert_string_equal(t.host, "example.com");
	assert_string_equal(t.email, "user@example.com");
}

static void protocol_from_option_or_port(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	assert_int_equal(target_parse("mail.example.com:587", PROTO_UNKNOWN, 0,
				      TLS_AUTO, &t, err, sizeof(err)), 0);
	assert_int_equal(t.proto, PROTO_SMTP);
	assert_int_equal(t.port, 587);
	assert_int_equal(target_parse("host.example.com", PROTO_FTP, 0,
				      TLS_IMPLICIT, &t, err, sizeof(err)), 0);
	assert_int_equal(t.port, 990);
	assert_int_equal(target_parse("host.example.com:8080", PROTO_UNKNOWN, 0,
				      TLS_AUTO, &t, err, sizeof(err)), -1);
	assert_true(strlen(err) > 0);
}

static void leading_and_trailing_space(void **state)
{
	struct target t;

	(void)state;
	t = parse_ok(" ftp://ftp.example.com ");
	assert_string_equal(t.host, "ftp.example.com");
	assert_true(has_fix(&t, "leading_space"));
	assert_true(has_fix(&t, "trailing_space"));
}

static void pasted_url_and_trailing_marks(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	t = parse_ok("ftp://ftp.example.com/files/");
	assert_string_equal(t.host, "ftp.example.com");
	assert_true(has_fix(&t, "url_pasted"));
	t = parse_ok("smtp://mail.example.com./");
	assert_string_equal(t.host, "mail.example.com");
	assert_true(has_fix(&t, "trailing_dot"));
	/* a URL's empty path "/" is no trailing slash in a server field */
	assert_false(has_fix(&t, "trailing_slash"));
	t = parse_ok("smtp://mail.example.com:2525/");
	assert_int_equal(t.nfixes, 0);
	assert_int_equal(t.port, 2525);
	t = parse_ok("mail.example.com/");
	assert_true(has_fix(&t, "trailing_slash"));
	/* web addresses: a usage error naming what is diagnosed */
	assert_int_equal(target_parse("https://ftp.example.com/files/",
				      PROTO_UNKNOWN, 0, TLS_AUTO, &t, err,
				      sizeof(err)), -1);
	assert_non_null(strstr(err, "smtp://"));
	assert_non_null(strstr(err, "ftp://"));
	/* with --protocol, a pasted web address names the host (reported) */
	assert_int_equal(target_parse("https://mail.example.com/", PROTO_SMTP,
				      0, TLS_AUTO, &t, err, sizeof(err)), 0);
	assert_string_equal(t.host, "mail.example.com");
	assert_int_equal(t.port, 25);
	assert_true(has_fix(&t, "url_pasted"));
}

/* "host, PORT", "host;PORT", "host PORT": the port after a comma,
 * semicolon or space, never glued into the host; a number that is no
 * port is an error naming both parts. */
static void port_after_separator(void **state)
{
	static const char *const in[] = { "mail.test, 38025", "mail.test;38025",
					   "mail.test 38025", " mail.test ,38025 " };
	struct target t;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		assert_int_equal(target_parse(in[i], PROTO_SMTP, 0, TLS_AUTO,
					      &t, err, sizeof(err)), 0);
		assert_string_equal(t.host, "mail.test");
		assert_int_equal(t.port, 38025);
		assert_true(has_fix(&t, "port_separator"));
	}
	assert_int_equal(target_parse("mail.test;99999", PROTO_SMTP, 0,
				      TLS_AUTO, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'mail.test'"));
	assert_non_null(strstr(err, "'99999'"));
	assert_int_equal(target_parse("mail2.test", PROTO_SMTP, 0, TLS_AUTO,
				      &t, err, sizeof(err)), 0);
	assert_string_equal(t.host, "mail2.test");
	assert_false(has_fix(&t, "port_separator"));
}

/* host:PORT:PORT is two ports, not an IPv6 literal. */
static void two_ports(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	assert_int_equal(target_parse("mail.example.com:2525:25", PROTO_UNKNOWN,
				      0, TLS_AUTO, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "more than one port"));
	t = parse_ok("smtp://2001:db8::25");
	assert_true(t.host_is_ip);
	assert_string_equal(t.host, "2001:db8::25");
}

static void illegal_characters_and_quotes(void **state)
{
	struct target t;

	(void)state;
	t = parse_ok("smtp://mail,example.com");
	assert_string_equal(t.host, "mailexample.com");
	assert_true(has_fix(&t, "illegal_chars"));
	t = parse_ok("\xE2\x80\x98smtp.example.com\xE2\x80\x99:25");
	assert_string_equal(t.host, "smtp.example.com");
}

static void glued_port_against_port_option(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	assert_int_equal(target_parse("smtp.example.com:587", PROTO_SMTP, 25,
				      TLS_AUTO, &t, err, sizeof(err)), 0);
	assert_int_equal(t.port, 25);
	assert_true(has_fix(&t, "port_glued"));
}

static void bad_input_is_a_usage_error(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	assert_int_equal(target_parse("smtp://host:99999", PROTO_UNKNOWN, 0,
				      TLS_AUTO, &t, err, sizeof(err)), -1);
	assert_int_equal(target_parse("   ", PROTO_SMTP, 0, TLS_AUTO, &t, err,
				      sizeof(err)), -1);
	assert_int_equal(target_parse("smtp://[::1", PROTO_UNKNOWN, 0,
				      TLS_AUTO, &t, err, sizeof(err)), -1);
}

/* Parse S with no overrides and expect a usage error. */
static void parse_bad(const char *s, struct target *t, char *err, size_t n)
{
	assert_int_equal(target_parse(s, PROTO_SMTP, 0, TLS_AUTO, t, err, n),
			 -1);
	assert_true(err[0] != '\0');
}

/* Issue 12: a password in the target is refused and masked wherever the
 * input is shown; the message never holds it. */
static void password_in_url_is_refused_and_masked(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	parse_bad("ftp://bob:s3cret@127.0.0.1:21", &t, err, sizeof(err));
	assert_null(strstr(err, "s3cret"));
	assert_null(strstr(t.input, "s3cret"));
	assert_string_equal(t.input, "ftp://bob:***@127.0.0.1:21");
	parse_bad("smtp://:pw@host.test/x@y", &t, err, sizeof(err));
	assert_null(strstr(t.input, "pw@"));
	parse_bad("u:pw@host.test", &t, err, sizeof(err));
	/* A port, an IPv6 literal or a user alone is no password. */
	parse_ok("ftp://bob@127.0.0.1:21");
	parse_ok("smtp://[::1]:25");
}

/* Issue 12: IDN to its A-label (U-label kept); bad UTF-8, an IDN label
 * mapped to nothing and brackets without IPv6 are usage errors. */
static void host_names_idn_utf8_brackets(void **state)
{
	struct target t;
	char err[256];

	(void)state;
	t = parse_ok("smtp://\xD0\x9F\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5"
		     "\xD1\x80.test");
	assert_string_equal(t.host, "xn--e1afmkfd.test");
	assert_string_equal(t.host_unicode, "\xD0\xBF\xD1\x80\xD0\xB8"
			    "\xD0\xBC\xD0\xB5\xD1\x80.test");
	t = parse_ok("smtp://mail.example.test");
	assert_string_equal(t.host_unicode, "");
	parse_bad("a\xE9" "b.test", &t, err, sizeof(err));
	parse_bad("smtp://\xC2\xAD.test", &t, err, sizeof(err));
	parse_bad("smtp://[zz]:25", &t, err, sizeof(err));
	parse_bad("smtp://[127.0.0.1]:25", &t, err, sizeof(err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schemes_and_default_ports),
		cmocka_unit_test(pop3_and_imap_targets),
		cmocka_unit_test(ipv6_literal),
		cmocka_unit_test(email_address_is_a_mail_domain),
		cmocka_unit_test(protocol_from_option_or_port),
		cmocka_unit_test(leading_and_trailing_space),
		cmocka_unit_test(pasted_url_and_trailing_marks),
		cmocka_unit_test(two_ports),
		cmocka_unit_test(port_after_separator),
		cmocka_unit_test(illegal_characters_and_quotes),
		cmocka_unit_test(glued_port_against_port_option),
		cmocka_unit_test(bad_input_is_a_usage_error),
		cmocka_unit_test(password_in_url_is_refused_and_masked),
		cmocka_unit_test(host_names_idn_utf8_brackets),
		cmocka_unit_test(tcp_targets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
