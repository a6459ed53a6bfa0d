/* test_monitor.c — the monitoring layer: the guidelines' threshold ranges,
 * -D days, the figures read through the perf tables, and the states
 * (causes, -w/-c, -D) with the plugin and OpenMetrics writers' output. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "monitor.h"
#include "probe.h"
#include "report.h"

/* The guidelines' examples, each with values that alert and that do not. */
static void ranges(void **state)
{
	struct mon_range r;

	(void)state;
	assert_true(mon_range_parse("10", &r));
	assert_false(mon_range_alert(&r, 0));
	assert_false(mon_range_alert(&r, 10));
	assert_true(mon_range_alert(&r, 10.01));
	assert_true(mon_range_alert(&r, -1));
	assert_true(mon_range_parse("10:", &r));
	assert_true(mon_range_alert(&r, 9.9));
	assert_false(mon_range_alert(&r, 1e9));
	assert_true(mon_range_parse("~:10", &r));
	assert_false(mon_range_alert(&r, -1e9));
	assert_true(mon_range_alert(&r, 11));
	assert_true(mon_range_parse("10:20", &r));
	assert_true(mon_range_alert(&r, 9));
	assert_false(mon_range_alert(&r, 15));
	assert_true(mon_range_alert(&r, 21));
	assert_true(mon_range_parse("@10:20", &r));
	assert_true(mon_range_alert(&r, 10));
	assert_true(mon_range_alert(&r, 20));
	assert_false(mon_range_alert(&r, 21));
	assert_true(mon_range_parse("0.5", &r));
	assert_true(mon_range_alert(&r, 0.6));
	assert_string_equal(r.text, "0.5");
}

/* What is not the range syntax is refused. */
static void bad_ranges(void **state)
{
	static const char *const bad[] = { "", "x", "20:10", "1:2:3", "@",
					   "~", "10s", "1e", ":", "@:", "0x10",
					   "nan", "inf" };
	struct mon_range r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(mon_range_parse(bad[i], &r));
	assert_false(mon_range_alert(&r, 1e9)); /* unset never alerts */
}

/* -D WARN[,CRIT] as check_smtp: below WARN days WARNING, below CRIT
 * CRITICAL; without CRIT, CRITICAL once expired. */
static void cert_days(void **state)
{
	struct mon_limits l;

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_true(mon_cert_days_parse("30,14", &l));
	assert_string_equal(l.cert_warn.text, "30:");
	assert_string_equal(l.cert_crit.text, "14:");
	assert_true(mon_range_alert(&l.cert_warn, 29.9));
	assert_false(mon_range_alert(&l.cert_crit, 14));
	assert_true(mon_cert_days_parse("30", &l));
	assert_true(mon_range_alert(&l.cert_crit, -0.1));
	assert_false(mon_range_alert(&l.cert_crit, 0));
	assert_false(mon_cert_days_parse("14,30", &l));
	assert_false(mon_cert_days_parse("-1", &l));
	assert_false(mon_cert_days_parse("30,", &l));
	assert_false(mon_cert_days_parse("a,b", &l));
}

/* A report with a banner and a tls probe that ran, and CAUSES. */
static json_t *report_with(json_t *causes)
{
	return json_pack("{s:s,s:I,s:{s:s,s:s,s:i},s:[{s:s,s:s,s:I,s:{s:f,s:f,s:I}},"
			 "{s:s,s:s,s:I,s:{s:f,s:I}}],s:o}",
			 "verdict", json_array_size(causes) ? "problems" : "ok",
			 "duration_ms", (json_int_t)900, "target", "protocol", "smtp", "host",
			 "mail.test", "port", 587, "probes", "id", "banner",
			 "status", "ok", "duration_ms", (json_int_t)3, "details",
			 "connect_ms", 1.5, "greeting_ms", 2.5, "elapsed_ms",
			 (json_int_t)2, "id", "tls", "status", "ok",
			 "duration_ms", (json_int_t)9, "details", "handshake_ms",
			 4.0, "expires_in_s", (json_int_t)(10 * 86400),
			 "causes", causes);
}

/* The figures come from the perf tables; time sums the steps only. */
static void figures(void **state)
{
	json_t *rep = report_with(json_array());
	struct mon_figures f;

	(void)state;
	mon_collect(rep, &f);
	assert_true(f.have_time);
	assert_true(f.time_s > 0.0079 && f.time_s < 0.0081);
	assert_true(f.have_cert);
	assert_true(f.cert_days > 9.99 && f.cert_days < 10.01);
	json_decref(rep);
}

/* States: the worst of causes, -w/-c and -D. */
static void states(void **state)
{
	json_t *ok = report_with(json_array());
	json_t *low = report_with(json_pack("[{s:s,s:s,s:s}]", "id", "x.y",
					    "confidence", "low", "title", "t"));
	struct mon_figures f;
	struct mon_limits l;
	char why[256];

	(void)state;
	memset(&l, 0, sizeof(l));
	mon_collect(ok, &f);
	assert_int_equal(mon_state_of(ok, &f, &l, why, sizeof(why)), MON_OK);
	mon_range_parse("0.001", &l.warn);
	assert_int_equal(mon_state_of(ok, &f, &l, why, sizeof(why)),
			 MON_WARNING);
	assert_non_null(strstr(why, "-w"));
	mon_range_parse("0.005", &l.crit);
	assert_int_equal(mon_state_of(ok, &f, &l, why, sizeof(why)),
			 MON_CRITICAL);
	memset(&l, 0, sizeof(l));
	mon_cert_days_parse("30,5", &l);
	assert_int_equal(mon_state_of(ok, &f, &l, why, sizeof(why)),
			 MON_WARNING);
	mon_cert_days_parse("30,14", &l);
	assert_int_equal(mon_state_of(ok, &f, &l, why, sizeof(why)),
			 MON_CRITICAL);
	mon_collect(low, &f);
	assert_int_equal(mon_state_of(low, &f, NULL, why, sizeof(why)),
			 MON_WARNING);
	assert_int_equal(report_nagios_code(low), 1);
	json_decref(ok);
	json_decref(low);
}

/* The writers: a '|' from a server never reaches a long output line; the
 * OpenMetrics text escapes label values and ends in # EOF. */
/* A transient cause (greylisting) is WARNING even at high confidence:
 * nothing is broken, the mail goes through on the client's retry. */
static void transient_cause(void **state)
{
	json_t *grey = json_pack("{s:s,s:s}", "id", "smtp.greylisted",
				 "confidence", "high");
	json_t *refused = json_pack("{s:s,s:s}", "id", "tcp.refused",
				    "confidence", "high");

	(void)state;
	assert_int_equal(mon_cause_state(grey), MON_WARNING);
	assert_int_equal(mon_cause_state(refused), MON_CRITICAL);
	json_decref(grey);
	json_decref(refused);
}

/* An FTP server that refused only the anonymous login sockdoc tried
 * (auth.rejected, medium, ftp.login "anonymous") is OK, as check_ftp
 * (which does not log in) says; the same refusal of a named user, or at
 * high confidence, stays an alarm. */
static void anonymous_note(void **state)
{
	json_t *c = json_pack("[{s:s,s:s,s:s,s:[s]}]", "id", "auth.rejected",
			      "confidence", "medium", "title", "t", "fixes",
			      "enter a login");
	json_t *rep = report_with(c);
	json_t *login = json_pack("{s:s,s:s,s:I,s:{s:b}}", "id", "ftp.login",
				  "status", "fail", "duration_ms",
				  (json_int_t)3, "details", "anonymous", 1);
	struct mon_figures f;
	char why[256];

	(void)state;
	json_array_append_new(json_object_get(rep, "probes"), login);
	mon_collect(rep, &f);
	assert_int_equal(mon_state_of(rep, &f, NULL, why, sizeof(why)), MON_OK);
	assert_int_equal(mon_cause_state_in(rep, json_array_get(c, 0)), MON_OK);
	json_object_set_new(json_object_get(login, "details"), "anonymous",
			    json_false());
	assert_int_equal(mon_state_of(rep, &f, NULL, why, sizeof(why)),
			 MON_WARNING);
	json_object_set_new(json_object_get(login, "details"), "anonymous",
			    json_true());
	json_object_set_new(json_array_get(c, 0), "confidence",
			    json_string("high"));
	assert_int_equal(mon_state_of(rep, &f, NULL, why, sizeof(why)),
			 MON_CRITICAL);
	json_decref(rep);
}

static void writers(void **state)
{
	json_t *rep = report_with(json_pack("[{s:s,s:s,s:s,s:[s],s:[s]}]",
		"id", "tls.certificate", "confidence", "high", "title",
		"a | b", "evidence", "said \"x|y\"\nz", "fixes", "renew"));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int st = -1;

	(void)state;
	assert_int_equal(report_write_plugin(rep, NULL, 0, f, &st), 0);
	fclose(f);
	assert_int_equal(st, MON_CRITICAL);
	assert_non_null(strstr(buf, "SOCKDOC CRITICAL - tls.certificate: a / b |"));
	assert_non_null(strstr(buf, "  evidence: said \"x/y\" z\n"));
	assert_non_null(strstr(buf, " tls_handshake=0.004000s;;;0;"));
	assert_non_null(strstr(buf, " cert_days=10.000;;;;"));
	free(buf);
	f = open_memstream(&buf, &len);
	assert_int_equal(report_write_openmetrics(rep, f, 1000), 0);
	fclose(f);
	assert_non_null(strstr(buf, "sockdoc_cause{protocol=\"smtp\",host="
				    "\"mail.test\",port=\"587\",cause="
				    "\"tls.certificate\",confidence=\"high\"} 1\n"));
	assert_non_null(strstr(buf, "sockdoc_certificate_expiry_timestamp_"
				    "seconds{protocol=\"smtp\",host=\"mail.test\","
				    "port=\"587\"} 865000\n"));
	assert_string_equal(buf + len - 6, "# EOF\n");
	free(buf);
	json_decref(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranges),
		cmocka_unit_test(bad_ranges),
		cmocka_unit_test(cert_days),
		cmocka_unit_test(figures),
		cmocka_unit_test(states),
		cmocka_unit_test(transient_cause),
		cmocka_unit_test(anonymous_note),
		cmocka_unit_test(writers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
