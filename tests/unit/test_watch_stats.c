/* test_watch_stats.c — the watch engine's status alphabet and its bounded
 * per-probe statistics (`--count 0` must not grow: a ring of WATCH_RING
 * letters plus running last/average/worst/failure share). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "watch_stats.h"
#include "watch_status.h"

/* A round report with two probes: dns ok, reach STATUS taking MS. */
static json_t *round_report(const char *status, int ms)
{
	return json_pack("{s:[{s:s,s:s,s:i},{s:s,s:s,s:i}]}", "probes",
			 "id", "dns", "status", "ok", "duration_ms", 1,
			 "id", "reach", "status", status, "duration_ms", ms);
}

/* Letters and statuses map both ways; unknown is skipped. */
static void test_alphabet(void **state)
{
	(void)state;
	assert_int_equal(watch_letter_of("ok"), '.');
	assert_int_equal(watch_letter_of("warn"), 'w');
	assert_int_equal(watch_letter_of("fail"), 'F');
	assert_int_equal(watch_letter_of("error"), 'E');
	assert_int_equal(watch_letter_of("skipped"), '-');
	assert_int_equal(watch_letter_of(NULL), '-');
	assert_string_equal(watch_status_of('F'), "fail");
	assert_string_equal(watch_status_of('?'), "skipped");
	assert_true(watch_letter_bad('E'));
	assert_false(watch_letter_bad('w'));
}

/* 100 rounds: the history keeps the last WATCH_RING, the statistics all. */
static void test_ring_and_stats(void **state)
{
	static struct watch_stats s;
	char letters[8];
	int i;

	(void)state;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < 100; i++) {
		json_t *r = round_report(i % 4 == 3 ? "fail" : "ok", i);

		watch_stats_add(&s, r, letters, sizeof(letters));
		json_decref(r);
	}
	assert_string_equal(letters, ".F");
	assert_int_equal(s.n, 2);
	assert_string_equal(s.p[1].id, "reach");
	assert_int_equal(s.p[1].n, 100);
	assert_int_equal(watch_stat_len(&s.p[1]), WATCH_RING);
	assert_int_equal(watch_stat_letter(&s.p[1], WATCH_RING - 1), 'F');
	assert_int_equal(watch_stat_letter(&s.p[1], WATCH_RING - 2), '.');
	assert_int_equal(s.p[1].last_ms, 99);
	assert_int_equal(s.p[1].worst_ms, 99);
	assert_int_equal(watch_stat_avg_ms(&s.p[1]), 49);
	assert_int_equal(watch_stat_fail_pct(&s.p[1]), 25);
	assert_int_equal(watch_stat_fail_pct(&s.p[0]), 0);
}

/* The statistics as JSON for the watch probe's details. */
static void test_json(void **state)
{
	static struct watch_stats s;
	char letters[8];
	json_t *r = round_report("error", 7), *j;

	(void)state;
	memset(&s, 0, sizeof(s));
	watch_stats_add(&s, r, letters, sizeof(letters));
	json_decref(r);
	j = watch_stats_json(&s);
	assert_int_equal(json_array_size(j), 2);
	assert_int_equal(json_integer_value(json_object_get(
		json_array_get(j, 1), "fail_pct")), 100);
	assert_int_equal(json_integer_value(json_object_get(
		json_array_get(j, 1), "worst_ms")), 7);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alphabet),
		cmocka_unit_test(test_ring_and_stats),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
