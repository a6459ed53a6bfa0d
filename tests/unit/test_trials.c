/* test_trials.c — the trials' rules: hand-made findings of trial.upload,
 * trial.concurrency, trial.halfclose, trial.idle, watch and local in,
 * causes with their measured figures out.  No network. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "diagnose.h"

/* Diagnose one probe ID with STATUS and DETAILS (JSON text). */
static json_t *one(const char *id, const char *status, const char *details)
{
	char buf[8192];
	json_error_t err;
	json_t *f, *causes;

	snprintf(buf, sizeof(buf),
		 "{\"target\":{},\"probes\":[{\"id\":\"%s\",\"status\":\"%s\","
		 "\"details\":%s}]}", id, status, details);
	f = json_loads(buf, 0, &err);
	if (!f)
		fail_msg("bad JSON: %s", err.text);
	causes = diagnose(f);
	json_decref(f);
	return causes;
}

/* The cause ID in CAUSES, NULL if absent. */
static json_t *find(json_t *causes, const char *id)
{
	json_t *c;
	size_t i;

	json_array_foreach(causes, i, c)
		if (!strcmp(json_string_value(json_object_get(c, "id")), id))
			return c;
	return NULL;
}

/* Cause ID is there with CONF, an evidence line holds WORD, and the
 * first fix holds FIX (NULL: any). */
static void expect(json_t *causes, const char *id, const char *conf,
		   const char *word, const char *fix)
{
	json_t *c = find(causes, id), *e;
	bool found = false;
	size_t k;

	assert_non_null(c);
	assert_string_equal(json_string_value(json_object_get(c, "confidence")),
			    conf);
	json_array_foreach(json_object_get(c, "evidence"), k, e)
		found |= strstr(json_string_value(e), word) != NULL;
	if (!found)
		fail_msg("no evidence with '%s' in %s", word, id);
	if (fix)
		assert_non_null(strstr(json_string_value(json_array_get(
			json_object_get(c, "fixes"), 0)), fix));
}

static void upload_reset_same(void **state)
{
	json_t *c = one("trial.upload", "fail",
		"{\"result\":\"reset\",\"threshold_bytes\":600000,"
		"\"threshold_repeat_bytes\":610000,\"largest_ok\":262144,"
		"\"failed_size\":716800,\"timeout_ms\":5000}");

	(void)state;
	expect(c, "transfer.reset_after_bytes", "high", "585.9 KB", "586 KB");
	json_decref(c);
}

static void upload_reset_unstable(void **state)
{
	json_t *c = one("trial.upload", "fail",
		"{\"result\":\"reset\",\"threshold_bytes\":300000,"
		"\"threshold_repeat_bytes\":600000,\"largest_ok\":262144,"
		"\"failed_size\":716800}");

	(void)state;
	expect(c, "transfer.reset_after_bytes", "medium", "585.9 KB", NULL);
	json_decref(c);
}

static void upload_size_limit(void **state)
{
	json_t *c = one("trial.upload", "fail",
		"{\"result\":\"size_limit\",\"largest_ok\":262144,"
		"\"failed_size\":716800,\"uploads\":[{\"size\":716800,\"code\":552}]}");

	(void)state;
	expect(c, "transfer.size_limit", "high", "reply 552", "256 KB and 700 KB");
	json_decref(c);
}

static void upload_stall(void **state)
{
	json_t *c = one("trial.upload", "fail",
		"{\"result\":\"stall\",\"failed_size\":1048576,"
		"\"stall_after_bytes\":819200,\"stall_ms\":2016,\"timeout_ms\":2000}");

	(void)state;
	expect(c, "transfer.stall_timeout", "high", "800.0 KB", NULL);
	expect(c, "transfer.stall_timeout", "high", "2.0 s", NULL);
	json_decref(c);
}

static void upload_slow_pauses(void **state)
{
	json_t *c = one("trial.upload", "ok",
		"{\"result\":\"ok\",\"max_gap_ms\":4000,\"timeout_ms\":5000}");

	(void)state;
	expect(c, "transfer.stall_timeout", "medium", "4.0 s", "above 9 s");
	json_decref(c);
}

static void upload_fine(void **state)
{
	json_t *c = one("trial.upload", "ok",
		"{\"result\":\"ok\",\"max_gap_ms\":30,\"timeout_ms\":5000}");

	(void)state;
	assert_int_equal(json_array_size(c), 0);
	json_decref(c);
}

static void connection_limit(void **state)
{
	json_t *c = one("trial.concurrency", "fail",
		"{\"limit_found\":true,\"rate_limited\":false,\"limit\":3,\"ramps\":["
		"{\"gap_ms\":0,\"accepted\":3,\"refused_at\":4,\"refusal\":\"reply\","
		"\"code\":421,\"text\":\"too many users\"},"
		"{\"gap_ms\":300,\"accepted\":3,\"refused_at\":4,\"refusal\":\"reset\"}]}");

	(void)state;
	expect(c, "server.connection_limit", "high", "session 4 was refused with a reply 421",
	       "to 3");
	expect(c, "server.connection_limit", "high", "session 4 was reset (RST)", NULL);
	assert_null(find(c, "server.rate_limit"));
	json_decref(c);
}

static void rate_limit(void **state)
{
	json_t *c = one("trial.concurrency", "fail",
		"{\"limit_found\":false,\"rate_limited\":true,\"ramps\":["
		"{\"gap_ms\":0,\"accepted\":5,\"refused_at\":6,\"refusal\":\"reset\"},"
		"{\"gap_ms\":300,\"accepted\":16,\"refused_at\":0,\"refusal\":\"\"}]}");

	(void)state;
	expect(c, "server.rate_limit", "high", "all 16 sessions were accepted", "300 ms");
	assert_null(find(c, "server.connection_limit"));
	json_decref(c);
}

static void halfclose_after_quit(void **state)
{
	json_t *c = one("trial.halfclose", "warn",
		"{\"result\":\"reset\",\"closed_after\":\"QUIT\",\"fin_ms\":3,"
		"\"reset_ms\":1}");

	(void)state;
	expect(c, "conn.graceful_then_reset", "low", "10053", NULL);
	json_decref(c);
}

static void halfclose_own_close(void **state)
{
	json_t *c = one("trial.halfclose", "warn",
		"{\"result\":\"reset\",\"closed_after\":\"NOOP\",\"fin_ms\":0,"
		"\"reset_ms\":1,\"noop_code\":421,\"noop_text\":\"closing\"}");

	(void)state;
	expect(c, "conn.graceful_then_reset", "high", "421 \"closing\"", "NOOP");
	json_decref(c);
}

static void idle_closed(void **state)
{
	json_t *c = one("trial.idle", "fail",
		"{\"result\":\"closed\",\"idle_limit_ms\":5005,\"lower_ms\":4000,"
		"\"code\":421,\"text\":\"Timeout.\"}");

	(void)state;
	expect(c, "transfer.control_idle_timeout", "high", "5.0 s", "every 2 s");
	expect(c, "transfer.control_idle_timeout", "high", "421", NULL);
	json_decref(c);
}

static void idle_silent_drop(void **state)
{
	json_t *c = one("trial.idle", "fail",
		"{\"result\":\"noop_timeout\",\"idle_limit_ms\":16000,\"lower_ms\":8000}");

	(void)state;
	expect(c, "transfer.control_idle_timeout", "medium", "after 8.0 s idle it still worked",
	       "every 4 s");
	json_decref(c);
}

static void idle_survived(void **state)
{
	json_t *c = one("trial.idle", "ok", "{\"result\":\"survived\",\"lower_ms\":30000}");

	(void)state;
	assert_int_equal(json_array_size(c), 0);
	json_decref(c);
}

static void watch_flapping(void **state)
{
	json_t *c = one("watch", "fail",
		"{\"rounds\":["
		"{\"round\":1,\"time\":\"T1\",\"offset_ms\":0,\"verdict\":\"ok\",\"cause\":\"-\"},"
		"{\"round\":2,\"time\":\"T2\",\"offset_ms\":1000,\"verdict\":\"problems\",\"cause\":\"tcp.refused\"},"
		"{\"round\":3,\"time\":\"T3\",\"offset_ms\":2000,\"verdict\":\"problems\",\"cause\":\"tcp.refused\"},"
		"{\"round\":4,\"time\":\"T4\",\"offset_ms\":3000,\"verdict\":\"ok\",\"cause\":\"-\"},"
		"{\"round\":5,\"time\":\"T5\",\"offset_ms\":4000,\"verdict\":\"problems\",\"cause\":\"tcp.refused\"}],"
		"\"held_lost\":[{\"round\":1,\"at_ms\":900,\"event\":\"reset\",\"held_ms\":850}]}");

	(void)state;
	expect(c, "conn.intermittent", "high", "rounds 2-3 failed, from T2 to T3", NULL);
	expect(c, "conn.intermittent", "high", "round 5 failed, at T5", NULL);
	expect(c, "server.down_or_restarting", "high", "round 4 (T4)", NULL);
	json_decref(c);
}

static void watch_steady(void **state)
{
	json_t *c = one("watch", "ok",
		"{\"rounds\":[{\"round\":1,\"time\":\"T1\",\"offset_ms\":0,\"verdict\":\"ok\"},"
		"{\"round\":2,\"time\":\"T2\",\"offset_ms\":1000,\"verdict\":\"ok\"}],"
		"\"held_lost\":[]}");

	(void)state;
	assert_int_equal(json_array_size(c), 0);
	json_decref(c);
}

static void local_ports_and_proxy(void **state)
{
	json_t *c = one("local", "warn",
		"{\"port_range_low\":32768,\"port_range_high\":60999,\"range_size\":28232,"
		"\"in_range\":25000,\"time_wait\":24000,\"to_target\":20000,"
		"\"used_ratio\":0.885,\"proxy_applies\":true,\"proxy_var\":\"ftp_proxy\","
		"\"proxy_host\":\"proxy.example:3128\"}");

	(void)state;
	expect(c, "local.ephemeral_ports", "high", "24000 of them in TIME_WAIT", NULL);
	expect(c, "local.proxy", "medium", "proxy.example:3128", "ftp_proxy");
	json_decref(c);
}

/* Diagnose probe ID (DETAILS) with the target's host set. */
static json_t *one_host(const char *id, const char *details)
{
	char buf[8192];
	json_error_t err;
	json_t *f, *causes;

	snprintf(buf, sizeof(buf),
		 "{\"target\":{\"host\":\"smtp.example.com\"},\"probes\":"
		 "[{\"id\":\"%s\",\"status\":\"warn\",\"details\":%s}]}",
		 id, details);
	f = json_loads(buf, 0, &err);
	if (!f)
		fail_msg("bad JSON: %s", err.text);
	causes = diagnose(f);
	json_decref(f);
	return causes;
}

static void interceptor_cert(void **state)
{
	json_t *c = one_host("tls",
		"{\"handshake\":\"ok\",\"verified\":false,"
		"\"verify_reason\":\"untrusted\",\"subject\":\"CN=smtp.example.com\","
		"\"issuer\":\"CN=Kaspersky Anti-Virus Personal Root Certificate\"}");

	(void)state;
	expect(c, "local.proxy", "medium",
	       "presented for smtp.example.com was issued by 'CN=Kaspersky Anti-Virus Personal Root Certificate'",
	       "scanning");
	expect(c, "local.proxy", "medium", "did not verify (untrusted)", NULL);
	json_decref(c);
}

static void interceptor_greeting(void **state)
{
	json_t *c = one("banner", "ok",
		"{\"code\":220,\"text\":\"220 ESET Mail Proxy ready\"}");

	(void)state;
	expect(c, "local.proxy", "medium", "\"220 ESET Mail Proxy ready\" names ESET",
	       "mail scanning");
	json_decref(c);
}

static void interceptor_none(void **state)
{
	json_t *c = one_host("tls",
		"{\"handshake\":\"ok\",\"verified\":true,\"verify_reason\":\"ok\","
		"\"subject\":\"CN=smtp.example.com\","
		"\"issuer\":\"C=US, O=Let's Encrypt, CN=R3\"}");

	(void)state;
	assert_null(find(c, "local.proxy"));
	json_decref(c);
	c = one("banner", "ok",
		"{\"code\":220,\"text\":\"220 mx.example.com ESMTP; password reset: see web\"}");
	assert_null(find(c, "local.proxy"));
	json_decref(c);
}

static void idle_long_lost(void **state)
{
	json_t *c = one("trial.idle", "fail",
		"{\"result\":\"reset\",\"idle_limit_ms\":5000,\"lower_ms\":4000,"
		"\"long_transfer\":{\"seconds\":7.0,\"bytes\":262144,"
		"\"completed\":true,\"control_lost\":true,\"reply\":0,"
		"\"curl_error\":56}}");

	(void)state;
	expect(c, "transfer.control_idle_timeout", "high",
	       "a 7.0 s upload finished, but the control connection was reset before the server's 226: the control connection sat idle 7.0 s while the limit is 5.0 s",
	       NULL);
	json_decref(c);
}

static void idle_long_fine(void **state)
{
	json_t *c = one("trial.idle", "ok",
		"{\"result\":\"survived\",\"lower_ms\":8000,"
		"\"long_transfer\":{\"seconds\":4.0,\"bytes\":262144,"
		"\"completed\":true,\"control_lost\":false,\"reply\":226,"
		"\"curl_error\":0}}");

	(void)state;
	assert_null(find(c, "transfer.control_idle_timeout"));
	json_decref(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(upload_reset_same),
		cmocka_unit_test(upload_reset_unstable),
		cmocka_unit_test(upload_size_limit),
		cmocka_unit_test(upload_stall),
		cmocka_unit_test(upload_slow_pauses),
		cmocka_unit_test(upload_fine),
		cmocka_unit_test(connection_limit),
		cmocka_unit_test(rate_limit),
		cmocka_unit_test(halfclose_after_quit),
		cmocka_unit_test(halfclose_own_close),
		cmocka_unit_test(idle_closed),
		cmocka_unit_test(idle_silent_drop),
		cmocka_unit_test(idle_survived),
		cmocka_unit_test(watch_flapping),
		cmocka_unit_test(watch_steady),
		cmocka_unit_test(local_ports_and_proxy),
		cmocka_unit_test(interceptor_cert),
		cmocka_unit_test(interceptor_greeting),
		cmocka_unit_test(interceptor_none),
		cmocka_unit_test(idle_long_lost),
		cmocka_unit_test(idle_long_fine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
