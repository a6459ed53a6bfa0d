/* test_diagnose_net.c — the basic chain's rules: hand-made findings in,
 * ranked causes with evidence out.  No network. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "diagnose.h"

/* Diagnose the findings in TEXT (JSON). */
static json_t *run_rules(const char *text)
{
	json_error_t err;
	json_t *f = json_loads(text, 0, &err), *causes;

	assert_non_null(f);
	causes = diagnose(f);
	json_decref(f);
	return causes;
}

/* The cause at I: id and confidence, and one evidence line holding WORD. */
static void expect(json_t *causes, size_t i, const char *id, const char *conf,
		   const char *word)
{
	json_t *c = json_array_get(causes, i), *e;
	bool found = false;
	size_t k;

	assert_non_null(c);
	assert_string_equal(json_string_value(json_object_get(c, "id")), id);
	assert_string_equal(json_string_value(json_object_get(c, "confidence")),
			    conf);
	json_array_foreach(json_object_get(c, "evidence"), k, e)
		found |= strstr(json_string_value(e), word) != NULL;
	assert_true(found);
	assert_true(json_array_size(json_object_get(c, "fixes")) > 0);
}

static void refused(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"reach\",\"status\":\"fail\","
		"\"details\":{\"port\":2525,\"refused\":1,\"addresses\":[{\"address\":"
		"\"127.0.0.1\",\"result\":\"refused\",\"connect_ms\":0.2,\"syns\":1}]}}]}");

	(void)state;
	assert_int_equal(json_array_size(c), 1);
	expect(c, 0, "tcp.refused", "high", "RST");
	json_decref(c);
}

static void filtered_with_ping(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"reach\",\"status\":\"fail\","
		"\"details\":{\"port\":25,\"filtered\":1,\"addresses\":[{\"address\":"
		"\"10.77.0.2\",\"result\":\"filtered\",\"connect_ms\":5000.0,\"syns\":3}]}},"
		"{\"id\":\"icmp\",\"status\":\"ok\",\"details\":{\"received\":3}}]}");

	(void)state;
	expect(c, 0, "tcp.filtered", "high", "3 SYNs");
	expect(c, 0, "tcp.filtered", "high", "ping");
	json_decref(c);
}

static void reset_before_greeting(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"reach\",\"status\":\"ok\",\"details\":{}},"
		"{\"id\":\"banner\",\"status\":\"fail\",\"details\":{\"result\":\"reset\","
		"\"bytes\":0,\"elapsed_ms\":1,\"sniff\":\"empty\"}}]}");

	(void)state;
	expect(c, 0, "tcp.reset_on_connect", "high", "RST");
	json_decref(c);
}

static void busy_and_policy_greetings(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"banner\",\"status\":\"fail\","
		"\"details\":{\"result\":\"greeting\",\"code\":421,\"text\":\"Too many users\","
		"\"sniff\":\"reply\"}}]}");

	(void)state;
	expect(c, 0, "server.busy", "high", "421");
	json_decref(c);
	c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"banner\",\"status\":\"fail\","
		"\"details\":{\"result\":\"greeting\",\"code\":554,\"text\":\"Your address is blocked\","
		"\"sniff\":\"reply\"}}]}");
	expect(c, 0, "server.rejects_client", "high", "554");
	json_decref(c);
	c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"banner\",\"status\":\"fail\","
		"\"details\":{\"result\":\"greeting\",\"code\":421,\"text\":\"Access denied by policy\","
		"\"sniff\":\"reply\"}}]}");
	expect(c, 0, "server.rejects_client", "high", "denied");
	json_decref(c);
}

static void http_on_the_smtp_port(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"reach\",\"status\":\"ok\",\"details\":{\"port\":25}},"
		"{\"id\":\"banner\",\"status\":\"fail\",\"details\":{\"result\":\"other\","
		"\"sniff\":\"http\",\"raw\":\"HTTP/1.0 400 Bad request\"}}]}");

	(void)state;
	expect(c, 0, "service.wrong_protocol", "high", "HTTP");
	json_decref(c);
}

static void malformed_input_that_works_once_corrected(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"input\",\"status\":\"warn\",\"details\":"
		"{\"host\":\"ftp.example.com\",\"fixes\":[{\"kind\":\"leading_space\","
		"\"before\":\" ftp.example.com\"}]}},{\"id\":\"banner\",\"status\":\"ok\",\"details\":{}}]}");

	(void)state;
	expect(c, 0, "input.host_malformed", "high", "white space");
	json_decref(c);
}

static void ranking_puts_high_first(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"input\",\"status\":\"warn\",\"details\":"
		"{\"host\":\"h\",\"fixes\":[{\"kind\":\"trailing_dot\",\"before\":\"h.\"}]}},"
		"{\"id\":\"reach\",\"status\":\"fail\",\"details\":{\"port\":25,\"refused\":1,"
		"\"addresses\":[{\"address\":\"127.0.0.1\",\"result\":\"refused\",\"connect_ms\":0.1,\"syns\":1}]}}]}");

	(void)state;
	assert_int_equal(json_array_size(c), 2);
	expect(c, 0, "tcp.refused", "high", "RST");
	expect(c, 1, "input.host_malformed", "medium", "trailing dot");
	json_decref(c);
}

static void reset_or_close_at_the_first_command(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"banner\",\"status\":\"ok\",\"details\":"
		"{\"result\":\"greeting\",\"code\":220}},{\"id\":\"ftp.login\",\"status\":\"fail\","
		"\"details\":{\"curl_error\":56,\"errno\":\"ECONNRESET\",\"log\":[{\"cmd\":\"\"},"
		"{\"cmd\":\"USER\"}]}}]}");

	(void)state;
	expect(c, 0, "tcp.reset_on_connect", "medium", "(USER)");
	json_decref(c);
	c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"banner\",\"status\":\"ok\",\"details\":"
		"{\"result\":\"greeting\",\"code\":220}},{\"id\":\"smtp.ehlo\",\"status\":\"fail\","
		"\"details\":{\"plain\":{\"outcome\":\"error\",\"curl_code\":56,\"greeted\":true}}}]}");
	expect(c, 0, "conn.graceful_then_reset", "medium", "EHLO");
	json_decref(c);
}

static void healthy_run_has_no_cause(void **state)
{
	json_t *c = run_rules(
		"{\"target\":{},\"probes\":[{\"id\":\"input\",\"status\":\"ok\",\"details\":{\"fixes\":[]}},"
		"{\"id\":\"reach\",\"status\":\"ok\",\"details\":{\"connected\":1}},"
		"{\"id\":\"banner\",\"status\":\"ok\",\"details\":{\"result\":\"greeting\",\"code\":220,"
		"\"sniff\":\"reply\"}}]}");

	(void)state;
	assert_int_equal(json_array_size(c), 0);
	json_decref(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refused),
		cmocka_unit_test(filtered_with_ping),
		cmocka_unit_test(reset_before_greeting),
		cmocka_unit_test(busy_and_policy_greetings),
		cmocka_unit_test(http_on_the_smtp_port),
		cmocka_unit_test(malformed_input_that_works_once_corrected),
		cmocka_unit_test(ranking_puts_high_first),
		cmocka_unit_test(reset_or_close_at_the_first_command),
		cmocka_unit_test(healthy_run_has_no_cause),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
