/* test_dns_helpers.c — the pure parts of the dns and icmp probes: near
 * names for a name that does not exist, their ranking, and ICMP echo
 * packets (built, answered, quoted in an unreachable, hostile input). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dns_int.h"
#include "icmp_pkt.h"

static void test_near_names_smtp(void **state)
{
	char base[256], cand[6][256];
	int n = dns_near_names("smpt.example.test", PROTO_SMTP, base, cand, 6);

	(void)state;
	assert_string_equal(base, "example.test");
	assert_int_equal(n, 3);
	assert_string_equal(cand[0], "mail.example.test");
	assert_string_equal(cand[1], "smtp.example.test");
	assert_string_equal(cand[2], "example.test");
}

static void test_near_names_ftp_and_limits(void **state)
{
	char base[256], cand[6][256];
	int n = dns_near_names("www.example.com", PROTO_FTP, base, cand, 6);

	(void)state;
	assert_int_equal(n, 2);
	assert_string_equal(cand[0], "ftp.example.com");
	assert_string_equal(cand[1], "example.com");
	/* A two-label name: the prefixes go on the name itself. */
	n = dns_near_names("exmaple.com", PROTO_UNKNOWN, base, cand, 6);
	assert_string_equal(base, "exmaple.com");
	assert_int_equal(n, 3);
	assert_string_equal(cand[2], "ftp.exmaple.com");
	/* The host itself is never a candidate; MAX is respected. */
	n = dns_near_names("mail.example.com", PROTO_SMTP, base, cand, 6);
	assert_int_equal(n, 2);
	assert_string_equal(cand[0], "smtp.example.com");
	assert_int_equal(dns_near_names("mail.example.com", PROTO_SMTP, base,
					cand, 1), 1);
	assert_int_equal(dns_near_names("localhost", PROTO_SMTP, base, cand, 6),
			 0);
}

static void test_near_score(void **state)
{
	(void)state;
	/* A transposed label is the closest; the MX beats unrelated names. */
	assert_int_equal(dns_near_score("smpt.example.test", "smtp.example.test",
					false), 1);
	assert_true(dns_near_score("smpt.example.test", "mail.example.test",
				   true) <
		    dns_near_score("smpt.example.test", "mail.example.test",
				   false));
	assert_true(dns_near_score("smpt.example.test", "smtp.example.test",
				   false) <
		    dns_near_score("smpt.example.test", "mail.example.test",
				   true));
	assert_true(dns_near_score("www.example.test", "ftp.example.test",
				   false) <
		    dns_near_score("www.example.test", "example.test", false));
}

static void test_icmp_echo_roundtrip(void **state)
{
	struct icmp_sock_kind k = { false, false, 0x1234 };
	uint8_t pkt[ICMP_PKT_LEN];
	struct icmp_seen s;

	(void)state;
	icmp_build_echo(pkt, &k, 2);
	assert_int_equal(pkt[0], 8);
	assert_int_equal(icmp_checksum(pkt, sizeof(pkt)), 0);
	assert_int_equal(icmp_request_seq(pkt, sizeof(pkt)), 2);
	/* The reply is the request with type 0. */
	pkt[0] = 0;
	s = icmp_parse(pkt, sizeof(pkt), &k);
	assert_int_equal(s.kind, ICMP_SEEN_REPLY);
	assert_int_equal(s.seq, 2);
	/* Someone else's reply (no marker) is not ours. */
	pkt[10] ^= 0xff;
	assert_int_equal(icmp_parse(pkt, sizeof(pkt), &k).kind, ICMP_SEEN_OTHER);
}

static void test_icmp_raw_unreachable(void **state)
{
	struct icmp_sock_kind k = { false, true, 0x4242 };
	uint8_t pkt[20 + 8 + 20 + ICMP_PKT_LEN];
	struct icmp_seen s;

	(void)state;
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x45;                 /* outer IPv4 header */
	pkt[20] = 3;                   /* destination unreachable */
	pkt[21] = 13;                  /* administratively prohibited */
	pkt[28] = 0x45;                /* quoted IPv4 header */
	icmp_build_echo(pkt + 48, &k, 1);
	s = icmp_parse(pkt, sizeof(pkt), &k);
	assert_int_equal(s.kind, ICMP_SEEN_UNREACH);
	assert_int_equal(s.seq, 1);
	assert_int_equal(s.code, 13);
	assert_string_equal(icmp_unreach_name(false, s.code), "admin_prohibited");
	/* Another process's id: not ours. */
	k.id = 0x4243;
	assert_int_equal(icmp_parse(pkt, sizeof(pkt), &k).kind, ICMP_SEEN_OTHER);
}

static void test_icmp_hostile_lengths(void **state)
{
	struct icmp_sock_kind k = { false, true, 1 };
	uint8_t pkt[64];
	size_t len;

	(void)state;
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x4f;                 /* IHL 60 bytes, longer than some inputs */
	for (len = 0; len < sizeof(pkt); len++)
		assert_int_equal(icmp_parse(pkt, len, &k).kind, ICMP_SEEN_OTHER);
	k.v6 = true;
	pkt[0] = 1;                    /* ICMPv6 unreachable, truncated quote */
	for (len = 0; len < 48; len++)
		assert_int_equal(icmp_parse(pkt, len, &k).kind, ICMP_SEEN_OTHER);
	assert_string_equal(icmp_unreach_name(true, 4), "port");
	assert_string_equal(icmp_unreach_name(true, 99), "other");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_near_names_smtp),
		cmocka_unit_test(test_near_names_ftp_and_limits),
		cmocka_unit_test(test_near_score),
		cmocka_unit_test(test_icmp_echo_roundtrip),
		cmocka_unit_test(test_icmp_raw_unreachable),
		cmocka_unit_test(test_icmp_hostile_lengths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
