/* test_reply.c — the SMTP/FTP reply parser (single, multi-line, split
 * across reads, hostile), the protocol sniffer and tls_peek (the first
 * bytes where a TLS record was due). */
#include "config.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "reply.h"
#include "tls_peek.h"

/* Feed all of S at once; returns the status of the first reply. */
static enum reply_status feed_all(struct reply_parser *rp, const char *s,
				  struct reply *r, size_t *used)
{
	return reply_feed(rp, s, strlen(s), used, r);
}

static void single_line(void **state)
{
	struct reply_parser rp;
	struct reply r;
	size_t used;

	(void)state;
	reply_parser_init(&rp);
	assert_int_equal(feed_all(&rp, "220 mail.example.com ESMTP\r\n", &r,
				  &used), REPLY_DONE);
	assert_int_equal(r.code, 220);
	assert_string_equal(r.text, "mail.example.com ESMTP");
	assert_int_equal(r.nlines, 1);
}

static void multi_line_smtp_ehlo(void **state)
{
	const char *s = "250-mail.example.com\r\n250-SIZE 1000\r\n"
			"250 STARTTLS\r\n221 next";
	struct reply_parser rp;
	struct reply r;
	size_t used;

	(void)state;
	reply_parser_init(&rp);
	assert_int_equal(feed_all(&rp, s, &r, &used), REPLY_DONE);
	assert_int_equal(r.code, 250);
	assert_int_equal(r.nlines, 3);
	assert_string_equal(r.text, "mail.example.com\nSIZE 1000\nSTARTTLS");
	assert_string_equal(s + used, "221 next");
}

static void multi_line_ftp_free_text(void **state)
{
	const char *s = "220-Welcome\r\n  to the server\r\n220 ready\r\n";
	struct reply_parser rp;
	struct reply r;
	size_t used;

	(void)state;
	reply_parser_init(&rp);
	assert_int_equal(feed_all(&rp, s, &r, &used), REPLY_DONE);
	assert_int_equal(r.code, 220);
	assert_int_equal(r.nlines, 3);
	assert_string_equal(r.text, "Welcome\n  to the server\nready");
}

static void split_across_reads(void **state)
{
	struct reply_parser rp;
	struct reply r;
	size_t used;

	(void)state;
	reply_parser_init(&rp);
	assert_int_equal(feed_all(&rp, "42", &r, &used), REPLY_MORE);
	assert_int_equal(feed_all(&rp, "1 Too many ", &r, &used), REPLY_MORE);
	assert_int_equal(feed_all(&rp, "users\r\n", &r, &used), REPLY_DONE);
	assert_int_equal(r.code, 421);
	assert_string_equal(r.text, "Too many users");
}

static void hostile_text_is_sanitized(void **state)
{
	struct reply_parser rp;
	struct reply r;
	size_t used;

	(void)state;
	reply_parser_init(&rp);
	assert_int_equal(feed_all(&rp, "220 hi\033[2J\x01there\r\n", &r, &used),
			 REPLY_DONE);
	assert_null(strchr(r.text, '\033'));
	assert_non_null(strstr(r.text, "\\x1B"));
}

static void overlong_line_is_bounded(void **state)
{
	static char big[10000];
	struct reply_parser rp;
	struct reply r;
	size_t used;

	(void)state;
	memset(big, 'A', sizeof(big) - 3);
	memcpy(big, "220 ", 4);
	memcpy(big + sizeof(big) - 3, "\r\n", 3);
	reply_parser_init(&rp);
	assert_int_equal(feed_all(&rp, big, &r, &used), REPLY_DONE);
	assert_true(r.truncated);
	assert_true(strlen(r.text) < REPLY_TEXT_MAX);
}

/* Issue 12: "230-" forever is REPLY_ENDLESS at the line cap, with the
 * count, instead of REPLY_MORE until the timeout. */
static void endless_reply_is_named(void **state)
{
	struct reply_parser rp;
	struct reply r;
	size_t used;
	int i;
	enum reply_status st = REPLY_MORE;

	(void)state;
	reply_parser_init(&rp);
	for (i = 0; i < 5 * REPLY_ENDLESS_LINES && st == REPLY_MORE; i++)
		st = reply_feed(&rp, "230-welcome\r\n", 13, &used, &r);
	assert_int_equal(st, REPLY_ENDLESS);
	assert_int_equal(r.nlines, REPLY_ENDLESS_LINES);
	assert_int_equal(r.code, 230);
	assert_true(r.bytes >= 13 * (size_t)REPLY_ENDLESS_LINES);
	/* A long but finite reply still ends normally. */
	reply_parser_init(&rp);
	for (i = 0; i < 100; i++)
		assert_int_equal(reply_feed(&rp, "250-x\r\n", 7, &used, &r),
				 REPLY_MORE);
	assert_int_equal(reply_feed(&rp, "250 end\r\n", 9, &used, &r),
			 REPLY_DONE);
	assert_int_equal(r.nlines, 101);
}

static void not_a_reply(void **state)
{
	struct reply_parser rp;
	struct reply r;
	size_t used;

	(void)state;
	reply_parser_init(&rp);
	assert_int_equal(feed_all(&rp, "HTTP/1.1 400 Bad\r\n", &r, &used),
			 REPLY_BAD);
}

static void sniffing(void **state)
{
	(void)state;
	assert_int_equal(reply_sniff((const unsigned char *)"HTTP/1.0 200", 12),
			 SNIFF_HTTP);
	assert_int_equal(reply_sniff((const unsigned char *)"SSH-2.0-Open", 12),
			 SNIFF_SSH);
	assert_int_equal(reply_sniff((const unsigned char *)"\x16\x03\x01", 3),
			 SNIFF_TLS);
	assert_int_equal(reply_sniff((const unsigned char *)"220 x", 5),
			 SNIFF_REPLY);
	assert_int_equal(reply_sniff((const unsigned char *)"+OK POP3", 8),
			 SNIFF_POP3);
	assert_int_equal(reply_sniff((const unsigned char *)"\033[31mhi", 7),
			 SNIFF_BINARY);
	assert_string_equal(sniff_name(SNIFF_HTTP), "http");
}

/* POP3 and IMAP greetings (RFC 1939 4, RFC 9051 7.1). */
static void mail_greetings(void **state)
{
	const char *rest = NULL;

	(void)state;
	assert_string_equal(reply_mail_greeting("+OK Dovecot ready.", false,
						&rest), "+OK");
	assert_string_equal(rest, "Dovecot ready.");
	assert_string_equal(reply_mail_greeting("-ERR [SYS/TEMP] busy", false,
						&rest), "-ERR");
	assert_string_equal(rest, "[SYS/TEMP] busy");
	assert_string_equal(reply_mail_greeting("* OK [CAPABILITY IMAP4rev1] "
						"hi", true, &rest), "OK");
	assert_string_equal(reply_mail_greeting("* PREAUTH welcome", true,
						&rest), "PREAUTH");
	assert_string_equal(reply_mail_greeting("* BYE go away", true, &rest),
			    "BYE");
	assert_null(reply_mail_greeting("+OKAY", false, &rest));
	assert_null(reply_mail_greeting("* OK hi", false, &rest));
	assert_null(reply_mail_greeting("220 smtp ready", true, &rest));
	assert_null(reply_mail_greeting("+OK pop3 on imap", true, &rest));
}

/* What reply_feed_stream told: codes in order, and when to stop. */
struct seen {
	int codes[8];
	int n;
	int stop_at;  /* return false on this code, 0 never */
};

/* reply_each_fn for the stream test: note the code (ENDLESS as -code). */
static bool note_reply(void *arg, enum reply_status st, const struct reply *r)
{
	struct seen *s = arg;

	if (s->n < 8)
		s->codes[s->n++] = st == REPLY_ENDLESS ? -r->code : r->code;
	return r->code != s->stop_at;
}

/* A stream of replies: each one told in order, a line that is no reply
 * line dropped, the rest dropped once the callback says stop. */
static void stream_feeding(void **state)
{
	const char *s = "220 hi\r\nnot a reply\r\n331-a\r\n331 b\r\n"
			"230 in\r\n221 bye\r\n";
	struct reply_parser rp;
	struct seen seen;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	reply_parser_init(&rp);
	reply_feed_stream(&rp, s, strlen(s), note_reply, &seen);
	assert_int_equal(seen.n, 4);
	assert_int_equal(seen.codes[0], 220);
	assert_int_equal(seen.codes[1], 331);
	assert_int_equal(seen.codes[2], 230);
	assert_int_equal(seen.codes[3], 221);

	memset(&seen, 0, sizeof(seen));
	seen.stop_at = 331;
	reply_parser_init(&rp);
	reply_feed_stream(&rp, s, strlen(s), note_reply, &seen);
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.codes[1], 331);
}

/* Sniff tokens round-trip; only SSH, HTTP, POP3 and IMAP name a
 * protocol (wrongproto.h acts on those alone). */
static void sniff_names_and_protocols(void **state)
{
	(void)state;
	assert_int_equal(sniff_by_name("ssh"), SNIFF_SSH);
	assert_int_equal(sniff_by_name("text"), SNIFF_TEXT);
	assert_int_equal(sniff_by_name("nonsense"), SNIFF_EMPTY);
	assert_int_equal(sniff_by_name(NULL), SNIFF_EMPTY);
	assert_string_equal(sniff_protocol(SNIFF_SSH), "SSH");
	assert_string_equal(sniff_protocol(SNIFF_HTTP), "HTTP");
	assert_string_equal(sniff_protocol(SNIFF_IMAP), "IMAP");
	assert_null(sniff_protocol(SNIFF_REPLY));
	assert_null(sniff_protocol(SNIFF_TLS));
	assert_null(sniff_protocol(SNIFF_TEXT));
	assert_null(sniff_protocol(SNIFF_BINARY));
}

/* The first record header where TLS was due: a real one is no finding,
 * "SSH-2" is SSH, "220 m" a plain-text greeting; only the first counts. */
static void tls_peek_first_bytes(void **state)
{
	struct tls_peek t;
	static const unsigned char hello[] = { 0x16, 0x03, 0x03, 0x00, 0x7a };
	json_t *o;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_int_equal(tls_peek_sniff(&t), SNIFF_EMPTY);
	tls_peek_data_in(&t, hello, sizeof(hello));
	tls_peek_data_in(&t, "SSH-2", 5);
	assert_int_equal(tls_peek_sniff(&t), SNIFF_EMPTY);
	assert_null(tls_peek_json(&t));

	memset(&t, 0, sizeof(t));
	tls_peek_data_in(&t, "SSH-2", 5);
	assert_int_equal(tls_peek_sniff(&t), SNIFF_SSH);
	o = tls_peek_json(&t);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "sniff")),
			    "ssh");
	assert_string_equal(json_string_value(json_object_get(o, "raw")),
			    "SSH-2");
	json_decref(o);

	memset(&t, 0, sizeof(t));
	tls_peek_data_in(&t, "220 m", 5);
	assert_int_equal(tls_peek_sniff(&t), SNIFF_REPLY);
}

/* Another protocol than the target's own: a POP3 greeting where a POP3
 * client's TLS was due is a mode mismatch, not another protocol. */
static void tls_peek_foreign_protocol(void **state)
{
	struct tls_peek t;
	json_t *o;

	(void)state;
	memset(&t, 0, sizeof(t));
	tls_peek_data_in(&t, "+OK d", 5);
	assert_null(tls_peek_foreign(&t, "POP3"));
	assert_null(tls_peek_foreign_json(&t, "POP3"));
	assert_string_equal(tls_peek_foreign(&t, "IMAP"), "POP3");
	assert_string_equal(tls_peek_foreign(&t, NULL), "POP3");

	memset(&t, 0, sizeof(t));
	tls_peek_data_in(&t, "SSH-2", 5);
	assert_string_equal(tls_peek_foreign(&t, "POP3"), "SSH");
	o = tls_peek_foreign_json(&t, "IMAP");
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "protocol")),
			    "SSH");
	assert_string_equal(json_string_value(json_object_get(o, "where")),
			    "tls");
	json_decref(o);

	memset(&t, 0, sizeof(t));
	tls_peek_data_in(&t, "220 m", 5);
	assert_null(tls_peek_foreign(&t, NULL)); /* a reply names none */
}

/* A caller's own OpenSSL client (tls_peek_watch) meets an SSH banner on
 * a socketpair: the record header comes from OpenSSL's callback, the
 * rest of the line from the socket once SSL_connect failed. */
static void tls_peek_own_session(void **state)
{
	static const char banner[] = "SSH-2.0-OpenSSH_9.2p1\r\n";
	struct tls_peek t;
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	SSL *ssl;
	int sv[2];

	(void)state;
	assert_non_null(ctx);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(write(sv[1], banner, strlen(banner)),
			 (ssize_t)strlen(banner));
	ssl = SSL_new(ctx);
	assert_non_null(ssl);
	SSL_set_fd(ssl, sv[0]);
	memset(&t, 0, sizeof(t));
	tls_peek_watch(&t, ssl);
	assert_int_not_equal(SSL_connect(ssl), 1);
	assert_true(t.seen);
	assert_int_equal(t.n, 5);
	tls_peek_socket(&t, sv[0]);
	assert_int_equal(t.n, strlen(banner));
	assert_memory_equal(t.head, banner, t.n);
	assert_string_equal(tls_peek_foreign(&t, "IMAP"), "SSH");
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	ERR_clear_error();
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(single_line),
		cmocka_unit_test(multi_line_smtp_ehlo),
		cmocka_unit_test(multi_line_ftp_free_text),
		cmocka_unit_test(split_across_reads),
		cmocka_unit_test(hostile_text_is_sanitized),
		cmocka_unit_test(overlong_line_is_bounded),
		cmocka_unit_test(endless_reply_is_named),
		cmocka_unit_test(not_a_reply),
		cmocka_unit_test(sniffing),
		cmocka_unit_test(mail_greetings),
		cmocka_unit_test(stream_feeding),
		cmocka_unit_test(sniff_names_and_protocols),
		cmocka_unit_test(tls_peek_first_bytes),
		cmocka_unit_test(tls_peek_foreign_protocol),
		cmocka_unit_test(tls_peek_own_session),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
