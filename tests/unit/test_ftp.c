/* test_ftp.c — unit tests for the FTP reply decoders (227/229, address
 * classes, refusals, the listing's small file).  The ftp diagnosis rules
 * are cases in tests/unit/cases/ftp.json. */
#include "config.h"

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "ftp_refusals.h"
#include "ftp_reply.h"
#include "probe.h"
#include "refusal.h"
#include "util.h"

/* A 227 reply in the usual and the odd forms. */
static void test_parse_227(void **state)
{
	struct sockaddr_storage ss;
	char buf[64];

	(void)state;
	assert_true(ftp_parse_227("227 Entering Passive Mode "
				  "(10,77,1,2,156,64).", &ss));
	assert_string_equal(addr_to_str((struct sockaddr *)&ss, buf,
					sizeof(buf)), "10.77.1.2");
	assert_int_equal(addr_port((struct sockaddr *)&ss), 40000);
	/* No parentheses (RFC 1123 allows it), spaces after commas. */
	assert_true(ftp_parse_227("227 =192,168, 0,10,4,1", &ss));
	assert_string_equal(addr_to_str((struct sockaddr *)&ss, buf,
					sizeof(buf)), "192.168.0.10");
	assert_int_equal(addr_port((struct sockaddr *)&ss), 1025);
	/* Junk: out of range, too few numbers, port 0, NULL. */
	assert_false(ftp_parse_227("227 Entering (256,1,1,1,1,1)", &ss));
	assert_false(ftp_parse_227("227 Entering (1,2,3,4,5)", &ss));
	assert_false(ftp_parse_227("227 (1,2,3,4,0,0)", &ss));
	assert_false(ftp_parse_227(NULL, &ss));
	assert_false(ftp_parse_227("227 1234567,1,1,1,1,1", &ss));
}

/* Why a 227/229 breaks the RFC, and replies to mode commands that are
 * not the prescribed ones (issue 10). */
static void test_malformed(void **state)
{
	char buf[64];

	(void)state;
	assert_null(ftp_check_227("227 Entering Passive Mode (10,0,0,1,4,1)"));
	assert_string_equal(ftp_check_227("227 Entering Passive Mode "
			    "(127,0,0,1,300,20)"), "227 numbers out of range");
	assert_string_equal(ftp_check_227("227 ok (1,2,3,4,0,0)"),
			    "227 advertises port 0");
	assert_string_equal(ftp_check_227("227 passive"),
			    "227 without h1,h2,h3,h4,p1,p2");
	assert_null(ftp_check_229("229 Entering (|||40000|)"));
	assert_non_null(ftp_check_229("229 Entering (|||70000|)"));
	assert_non_null(ftp_check_229("229 Entering Extended Passive Mode"));
	assert_string_equal(ftp_malformed("PASV", 229, "Entering (|||1|)", buf,
					  sizeof(buf)), "229 in answer to PASV");
	assert_string_equal(ftp_malformed("EPSV", 227, "x", buf, sizeof(buf)),
			    "227 in answer to EPSV");
	assert_string_equal(ftp_malformed("PORT", 250, "ok", buf, sizeof(buf)),
			    "250 in answer to PORT");
	/* Refusals are refusals, not malformed; other verbs are not judged. */
	assert_null(ftp_malformed("PASV", 500, "OOPS", buf, sizeof(buf)));
	assert_null(ftp_malformed("LIST", 150, "x", buf, sizeof(buf)));
	assert_null(ftp_malformed("EPRT", 200, "ok", buf, sizeof(buf)));
	assert_string_equal(ftp_malformed("CWD", 999, "x", buf, sizeof(buf)),
			    "no code");
}

/* Step names of the refusal shape from a session log. */
static void test_step_name(void **state)
{
	static struct ftp_session s;
	static const char *const cmds[] = { "", "AUTH", "USER", "LIST", "" };
	static const int codes[] = { 220, 234, 331, 150, 426 };
	int i;

	(void)state;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < 5; i++) {
		str_copy(s.steps[i].cmd, cmds[i], sizeof(s.steps[i].cmd));
		s.steps[i].code = codes[i];
	}
	s.nsteps = 5;
	assert_string_equal(ftp_step_name(&s, 0), "greeting");
	assert_string_equal(ftp_step_name(&s, 1), "AUTH TLS");
	assert_string_equal(ftp_step_name(&s, 2), "USER");
	/* The reply that ended a transfer belongs to its command. */
	assert_string_equal(ftp_step_name(&s, 4), "LIST");
}

/* A refusal the server closed the connection on is "closed", also when
 * an unasked reply came before the FIN (vsftpd's second "500 OOPS" from
 * its privileged helper); a command answered after it is not. */
static void test_closed_after(void **state)
{
	static struct ftp_session s;
	static const char *const cmds[] = { "", "USER", "" };
	static const int codes[] = { 220, 500, 500 };
	static const char *const texts[] = { "(vsFTPd 3.0.3)",
		"OOPS: vsftpd: refusing to run with writable root inside chroot()",
		"OOPS: priv_sock_get_cmd" };
	struct probe p;
	json_t *r;
	int i;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&p, 0, sizeof(p));
	p.details = json_object();
	for (i = 0; i < 3; i++) {
		str_copy(s.steps[i].cmd, cmds[i], sizeof(s.steps[i].cmd));
		str_copy(s.steps[i].text, texts[i], sizeof(s.steps[i].text));
		s.steps[i].code = codes[i];
	}
	s.nsteps = 3;
	s.server_closed = true;
	ftp_session_refusals(&p, &s);
	r = json_array_get(json_object_get(p.details, "refusals"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "step")),
			    "USER");
	assert_true(json_is_true(json_object_get(r, "closed")));
	json_decref(p.details);

	/* A later command answered: the refusal did not end the session. */
	p.details = json_object();
	str_copy(s.steps[2].cmd, "PASS", sizeof(s.steps[2].cmd));
	s.steps[2].code = 530;
	ftp_session_refusals(&p, &s);
	r = json_array_get(json_object_get(p.details, "refusals"), 0);
	assert_null(json_object_get(r, "closed"));
	json_decref(p.details);
}

/* The enhanced status code at the start of a reply text (RFC 3463). */
static void test_enhanced(void **state)
{
	char buf[16];

	(void)state;
	assert_true(refusal_enhanced("4.7.1 Try again later", buf,
				     sizeof(buf)));
	assert_string_equal(buf, "4.7.1");
	assert_true(refusal_enhanced("5.2.2", buf, sizeof(buf)));
	assert_false(refusal_enhanced("OOPS: vsftpd", buf, sizeof(buf)));
	assert_false(refusal_enhanced("3.1.1 no", buf, sizeof(buf)));
	assert_false(refusal_enhanced("5.1.1x", buf, sizeof(buf)));
	assert_false(refusal_enhanced(NULL, buf, sizeof(buf)));
}

/* A 229 reply with several delimiters, and broken ones. */
static void test_parse_229(void **state)
{
	(void)state;
	assert_int_equal(ftp_parse_229("229 Entering Extended Passive Mode "
				       "(|||40009|)"), 40009);
	assert_int_equal(ftp_parse_229("229 ok (!!!21!)"), 21);
	assert_int_equal(ftp_parse_229("229 (|||0|)"), -1);
	assert_int_equal(ftp_parse_229("229 (|||70000|)"), -1);
	assert_int_equal(ftp_parse_229("229 (||40009|)"), -1);
	assert_int_equal(ftp_parse_229("229 (|||40009)"), -1);
	assert_int_equal(ftp_parse_229("229 no parens"), -1);
	assert_int_equal(ftp_parse_229(NULL), -1);
}

/* Class of ADV against CTRL, both IPv4 literals. */
static enum ftp_addr_class classify(const char *adv, const char *ctrl)
{
	struct sockaddr_storage a, c;

	assert_true(addr_parse(adv, 0, &a));
	assert_true(addr_parse(ctrl, 21, &c));
	return ftp_classify_addr((struct sockaddr *)&a, (struct sockaddr *)&c);
}

/* Same, zero, loopback, private (RFC 1918, CGNAT), other. */
static void test_classify(void **state)
{
	(void)state;
	assert_int_equal(classify("203.0.113.5", "203.0.113.5"), FTP_ADDR_SAME);
	assert_int_equal(classify("0.0.0.0", "203.0.113.5"), FTP_ADDR_ZERO);
	assert_int_equal(classify("127.0.0.1", "203.0.113.5"),
			 FTP_ADDR_LOOPBACK);
	assert_int_equal(classify("127.0.0.1", "127.0.0.2"), FTP_ADDR_OTHER);
	assert_int_equal(classify("192.168.1.20", "203.0.113.5"),
			 FTP_ADDR_PRIVATE);
	assert_int_equal(classify("172.20.0.1", "203.0.113.5"),
			 FTP_ADDR_PRIVATE);
	assert_int_equal(classify("172.32.0.1", "203.0.113.5"), FTP_ADDR_OTHER);
	assert_int_equal(classify("100.64.3.4", "203.0.113.5"),
			 FTP_ADDR_PRIVATE);
	assert_int_equal(classify("198.51.100.7", "203.0.113.5"),
			 FTP_ADDR_OTHER);
	assert_string_equal(ftp_addr_class_name(FTP_ADDR_PRIVATE), "private");
}

/* 421/530/534 texts from vsftpd, pure-ftpd and proftpd. */
static void test_refusal(void **state)
{
	(void)state;
	assert_int_equal(ftp_decode_refusal(421, "There are too many "
			 "connected users, please try later."),
			 FTP_REFUSAL_BUSY);
	assert_int_equal(ftp_decode_refusal(421, "Service not available"),
			 FTP_REFUSAL_BUSY);
	assert_int_equal(ftp_decode_refusal(530, "Login incorrect."),
			 FTP_REFUSAL_BAD_LOGIN);
	assert_int_equal(ftp_decode_refusal(530, "Non-anonymous sessions "
			 "must use encryption."), FTP_REFUSAL_TLS_REQUIRED);
	assert_int_equal(ftp_decode_refusal(534, "Policy requires SSL"),
			 FTP_REFUSAL_TLS_REQUIRED);
	assert_int_equal(ftp_decode_refusal(530, "This FTP server is "
			 "anonymous only."), FTP_REFUSAL_NOT_ALLOWED);
	assert_int_equal(ftp_decode_refusal(230, "Login successful."),
			 FTP_REFUSAL_NONE);
	assert_int_equal(ftp_decode_refusal(500, NULL), FTP_REFUSAL_OTHER);
	assert_string_equal(ftp_refusal_name(FTP_REFUSAL_TLS_REQUIRED),
			    "tls_required");
	assert_true(ftp_text_says_reuse("SSL connection failed: session "
					"reuse required"));
	assert_false(ftp_text_says_reuse("Login incorrect."));
}

/* A small plain file is picked from a Unix listing; others are not. */
static void test_pick_file(void **state)
{
	char name[80];
	long long bytes = -1;

	(void)state;
	assert_true(ftp_pick_small_file(
		"drwxr-xr-x    2 0  0  4096 Nov 24 04:36 dir\r\n"
		"-rw-r--r--    1 0  0  9999999 Nov 24 04:36 big.iso\r\n"
		"-rw-r--r--    1 0  0  12 Nov 24 04:36 two words\r\n"
		"-rw-r--r--    1 0  0  12 Nov 24 04:36 ../x\r\n"
		"-rw-r--r--    1 0  0  33 Nov 24 04:36 hello.txt\r\n",
		65536, name, sizeof(name), &bytes));
	assert_string_equal(name, "hello.txt");
	assert_int_equal(bytes, 33);
	assert_false(ftp_pick_small_file("drwx 2 0 0 1 Nov 1 1:00 d\n", 100,
					 name, sizeof(name), &bytes));
	assert_false(ftp_pick_small_file("", 100, name, sizeof(name), &bytes));
	assert_false(ftp_pick_small_file("-rw 1 0 0 12 Nov 1 1:00 a\x1b[2J\n",
					 100, name, sizeof(name), &bytes));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_227),
		cmocka_unit_test(test_parse_229),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_enhanced),
		cmocka_unit_test(test_step_name),
		cmocka_unit_test(test_closed_after),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_refusal),
		cmocka_unit_test(test_pick_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
