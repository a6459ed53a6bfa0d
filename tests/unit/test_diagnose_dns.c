/* test_diagnose_dns.c — the name-resolution rules: hand-made findings in,
 * causes (id, confidence, evidence, first fix) out. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diagnose.h"

/* Findings with one dns probe (STATUS, DETAILS json) and reach's
 * details REACH (json, or NULL). */
static json_t *findings(const char *status, const char *details,
			const char *reach)
{
	json_error_t err;
	json_t *d = json_loads(details, 0, &err), *probes;

	assert_non_null(d);
	probes = json_pack("[{s:s, s:s, s:o}]", "id", "dns", "status", status,
			   "details", d);
	if (reach) {
		json_t *r = json_loads(reach, 0, &err);

		assert_non_null(r);
		json_array_append_new(probes, json_pack("{s:s, s:s, s:o}",
			"id", "reach", "status", "ok", "details", r));
	}
	return json_pack("{s:{s:s}, s:o}", "target", "host", "x", "probes",
			 probes);
}

/* The cause ID in CAUSES, NULL when absent. */
static json_t *find_cause(json_t *causes, const char *id)
{
	size_t i;
	json_t *c;

	json_array_foreach(causes, i, c) {
		if (!strcmp(json_string_value(json_object_get(c, "id")), id))
			return c;
	}
	return NULL;
}

/* True when some evidence line of CAUSE contains TEXT. */
static bool has_evidence(json_t *cause, const char *text)
{
	size_t i;
	json_t *e;

	json_array_foreach(json_object_get(cause, "evidence"), i, e) {
		if (strstr(json_string_value(e), text))
			return true;
	}
	return false;
}

/* Text of CAUSE's field KEY ("confidence") or first fix. */
static const char *field(json_t *cause, const char *key)
{
	return json_string_value(json_object_get(cause, key));
}

static const char *first_fix(json_t *cause)
{
	return json_string_value(json_array_get(json_object_get(cause, "fixes"), 0));
}

/* Diagnose F (consumed) and return the causes. */
static json_t *run_rules(json_t *f)
{
	json_t *causes = diagnose(f);

	json_decref(f);
	assert_non_null(causes);
	return causes;
}

static void test_nxdomain_with_suggestion(void **state)
{
	json_t *causes = run_rules(findings("fail",
		"{\"name\":\"smpt.example.test\",\"server\":\"127.0.0.1:5353\","
		"\"server_source\":\"dns-server\",\"error\":\"nxdomain\","
		"\"rcode\":\"nxdomain\",\"query_ms\":3,\"near_base\":\"example.test\","
		"\"suggestions\":[{\"name\":\"mail.example.test\","
		"\"addresses\":[\"127.0.0.1\",\"::1\"],\"via_mx\":true}]}", NULL));
	json_t *c = find_cause(causes, "dns.nxdomain");

	(void)state;
	assert_non_null(c);
	assert_string_equal(field(c, "confidence"), "high");
	assert_true(has_evidence(c, "127.0.0.1:5353"));
	assert_true(has_evidence(c, "NXDOMAIN for smpt.example.test"));
	assert_true(has_evidence(c, "mail.example.test exists (127.0.0.1, ::1)"));
	assert_string_equal(first_fix(c),
			    "use mail.example.test instead of smpt.example.test");
	assert_null(find_cause(causes, "dns.failure"));
	json_decref(causes);
}

static void test_nxdomain_nothing_near(void **state)
{
	json_t *causes = run_rules(findings("fail",
		"{\"name\":\"zz.example.test\",\"server\":\"10.0.0.1:53\","
		"\"server_source\":\"system\",\"error\":\"nxdomain\","
		"\"near_base\":\"example.test\",\"suggestions\":[]}", NULL));
	json_t *c = find_cause(causes, "dns.nxdomain");

	(void)state;
	assert_non_null(c);
	assert_true(has_evidence(c, "system's resolver"));
	assert_true(has_evidence(c, "no usual name on example.test"));
	json_decref(causes);
}

static void test_nodata_with_mx(void **state)
{
	json_t *causes = run_rules(findings("warn",
		"{\"name\":\"example.test\",\"server\":\"127.0.0.1:5353\","
		"\"error\":\"nodata\",\"mx_status\":\"ok\","
		"\"mx_host\":\"mail.example.test\",\"mx_host_status\":\"ok\"}",
		NULL));
	json_t *c = find_cause(causes, "dns.no_address");

	(void)state;
	assert_non_null(c);
	assert_string_equal(field(c, "confidence"), "high");
	assert_true(has_evidence(c, "example.test exists in DNS"));
	assert_true(has_evidence(c, "its mail server (MX) is mail.example.test"));
	assert_string_equal(first_fix(c),
			    "use mail.example.test (the mail server of example.test) as the server name");
	json_decref(causes);
}

static void test_mail_domain_without_mx(void **state)
{
	json_t *causes = run_rules(findings("fail",
		"{\"name\":\"example.test\",\"server\":\"127.0.0.1:5353\","
		"\"error\":\"nodata\",\"email_domain\":\"example.test\","
		"\"mx_status\":\"nodata\",\"implicit_mx\":false}", NULL));
	json_t *c = find_cause(causes, "dns.no_address");

	(void)state;
	assert_non_null(c);
	assert_string_equal(field(c, "confidence"), "high");
	assert_true(has_evidence(c, "mail domain example.test has no MX record and no address"));
	json_decref(causes);
}

static void test_mail_domain_implicit_mx(void **state)
{
	json_t *causes = run_rules(findings("warn",
		"{\"name\":\"example.test\",\"server\":\"127.0.0.1:5353\","
		"\"rcode\":\"ok\",\"email_domain\":\"example.test\","
		"\"mx_status\":\"nodata\",\"implicit_mx\":true,"
		"\"addresses\":[\"127.0.0.1\"]}", NULL));
	json_t *c = find_cause(causes, "dns.no_address");

	(void)state;
	assert_non_null(c);
	assert_string_equal(field(c, "confidence"), "low");
	assert_true(has_evidence(c, "example.test has no MX record"));
	json_decref(causes);
}

static void test_mx_host_without_address(void **state)
{
	json_t *causes = run_rules(findings("fail",
		"{\"name\":\"example.test\",\"server\":\"127.0.0.1:5353\","
		"\"rcode\":\"nodata\",\"error\":\"nodata\","
		"\"email_domain\":\"example.test\",\"mx_status\":\"ok\","
		"\"mx_host\":\"mx.example.test\",\"mx_host_status\":\"nodata\"}",
		NULL));
	json_t *c = find_cause(causes, "dns.no_address");

	(void)state;
	assert_non_null(c);
	assert_true(has_evidence(c, "is mx.example.test, and mx.example.test has no IPv4 or IPv6 address"));
	json_decref(causes);
}

static void test_failure_timeout(void **state)
{
	json_t *causes = run_rules(findings("fail",
		"{\"name\":\"mail.example.test\",\"server\":\"127.0.0.1:5354\","
		"\"server_source\":\"dns-server\",\"error\":\"timeout\","
		"\"timeout_ms\":2000,\"query_ms\":2000}", NULL));
	json_t *c = find_cause(causes, "dns.failure");

	(void)state;
	assert_non_null(c);
	assert_string_equal(field(c, "confidence"), "high");
	assert_true(has_evidence(c, "127.0.0.1:5354 (given with --dns-server) did not answer for mail.example.test within 2000 ms"));
	assert_null(find_cause(causes, "dns.nxdomain"));
	json_decref(causes);
}

static void test_failure_servfail_and_refused(void **state)
{
	json_t *causes = run_rules(findings("fail",
		"{\"name\":\"a.test\",\"server\":\"127.0.0.1:53\","
		"\"error\":\"servfail\",\"query_ms\":12}", NULL));
	json_t *c = find_cause(causes, "dns.failure");

	(void)state;
	assert_non_null(c);
	assert_true(has_evidence(c, "answered SERVFAIL for a.test after 12 ms"));
	json_decref(causes);
	causes = run_rules(findings("fail",
		"{\"name\":\"a.test\",\"server\":\"127.0.0.1:9\","
		"\"error\":\"no_answer\",\"query_ms\":0}", NULL));
	c = find_cause(causes, "dns.failure");
	assert_non_null(c);
	assert_true(has_evidence(c, "127.0.0.1:9"));
	assert_true(has_evidence(c, "connection refused"));
	json_decref(causes);
}

static void test_local_override(void **state)
{
	json_t *causes = run_rules(findings("warn",
		"{\"name\":\"localhost\",\"host_used\":\"localhost\","
		"\"server\":\"127.0.0.1:5353\",\"rcode\":\"ok\","
		"\"addresses\":[\"127.0.0.2\"],\"hosts_file\":[\"127.0.0.1\"],"
		"\"local_override\":true}", NULL));
	json_t *c = find_cause(causes, "dns.local_override");

	(void)state;
	assert_non_null(c);
	assert_true(has_evidence(c, "the hosts file maps localhost to 127.0.0.1"));
	assert_true(has_evidence(c, "gives 127.0.0.2"));
	assert_non_null(strstr(first_fix(c), "localhost line in the hosts file"));
	json_decref(causes);
}

static void test_no_cause_when_resolved(void **state)
{
	json_t *causes = run_rules(findings("ok",
		"{\"name\":\"mail.example.test\",\"server\":\"127.0.0.1:5353\","
		"\"rcode\":\"ok\",\"addresses\":[\"127.0.0.1\"],"
		"\"hosts_file\":[\"127.0.0.1\"],\"local_override\":false}",
		"{\"port\":25,\"addresses\":[{\"address\":\"127.0.0.1\","
		"\"family\":\"ipv4\",\"result\":\"connected\"}]}"));

	(void)state;
	assert_null(find_cause(causes, "dns.nxdomain"));
	assert_null(find_cause(causes, "dns.no_address"));
	assert_null(find_cause(causes, "dns.failure"));
	assert_null(find_cause(causes, "dns.local_override"));
	assert_null(find_cause(causes, "net.ipv6_broken"));
	json_decref(causes);
}

static void test_ipv6_broken(void **state)
{
	json_t *causes = run_rules(findings("ok",
		"{\"name\":\"m.test\",\"rcode\":\"ok\"}",
		"{\"port\":587,\"addresses\":["
		"{\"address\":\"192.0.2.1\",\"family\":\"ipv4\",\"result\":\"connected\"},"
		"{\"address\":\"2001:db8::1\",\"family\":\"ipv6\",\"result\":\"filtered\"},"
		"{\"address\":\"2001:db8::2\",\"family\":\"ipv6\",\"result\":\"unreachable\","
		"\"errno\":\"ENETUNREACH\"}]}"));
	json_t *c = find_cause(causes, "net.ipv6_broken");

	(void)state;
	assert_non_null(c);
	assert_string_equal(field(c, "confidence"), "medium");
	assert_true(has_evidence(c, "every IPv6 address fails on port 587"));
	assert_true(has_evidence(c, "2001:db8::1 filtered"));
	assert_true(has_evidence(c, "2001:db8::2 unreachable (ENETUNREACH)"));
	assert_true(has_evidence(c, "1 of 1 IPv4 address(es) connect"));
	assert_non_null(strstr(first_fix(c), "fix IPv6 routing or the firewall for port 587"));
	json_decref(causes);
}

static void test_ipv4_broken_and_partial(void **state)
{
	json_t *causes = run_rules(findings("ok",
		"{\"name\":\"m.test\",\"rcode\":\"ok\"}",
		"{\"port\":25,\"addresses\":["
		"{\"address\":\"192.0.2.1\",\"family\":\"ipv4\",\"result\":\"refused\","
		"\"errno\":\"ECONNREFUSED\"},"
		"{\"address\":\"2001:db8::1\",\"family\":\"ipv6\",\"result\":\"connected\"}]}"));
	json_t *c = find_cause(causes, "net.ipv6_broken");

	(void)state;
	assert_non_null(c);
	assert_true(has_evidence(c, "every IPv4 address fails on port 25: 192.0.2.1 refused (ECONNREFUSED)"));
	assert_non_null(strstr(first_fix(c), "nothing listens on the IPv4 address(es)"));
	json_decref(causes);
	/* One IPv6 address of two works: not a broken family. */
	causes = run_rules(findings("ok", "{\"name\":\"m.test\",\"rcode\":\"ok\"}",
		"{\"port\":25,\"addresses\":["
		"{\"address\":\"192.0.2.1\",\"family\":\"ipv4\",\"result\":\"connected\"},"
		"{\"address\":\"2001:db8::1\",\"family\":\"ipv6\",\"result\":\"connected\"},"
		"{\"address\":\"2001:db8::2\",\"family\":\"ipv6\",\"result\":\"filtered\"}]}"));
	assert_null(find_cause(causes, "net.ipv6_broken"));
	json_decref(causes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nxdomain_with_suggestion),
		cmocka_unit_test(test_nxdomain_nothing_near),
		cmocka_unit_test(test_nodata_with_mx),
		cmocka_unit_test(test_mail_domain_without_mx),
		cmocka_unit_test(test_mail_domain_implicit_mx),
		cmocka_unit_test(test_mx_host_without_address),
		cmocka_unit_test(test_failure_timeout),
		cmocka_unit_test(test_failure_servfail_and_refused),
		cmocka_unit_test(test_local_override),
		cmocka_unit_test(test_no_cause_when_resolved),
		cmocka_unit_test(test_ipv6_broken),
		cmocka_unit_test(test_ipv4_broken_and_partial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
