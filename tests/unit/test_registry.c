/* test_registry.c — the registry is each probe's whole description: every
 * entry is complete and consistent, --trials parsing reads it, and the
 * details check catches a key the table does not declare. */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "probe.h"

/* True when ID names a probe of the registry. */
static bool known(const char *id)
{
	return registry_find(id) != NULL;
}

/* Every entry: an id, words for explain, a details table; what it waits
 * for is a known probe; confirm() only with early(). */
static void entries_are_complete(void **state)
{
	const struct probe_ops *o;
	int i, j;

	(void)state;
	for (i = 0; (o = probe_registry[i]); i++) {
		assert_non_null(o->id);
		assert_ptr_equal(registry_find(o->id), o);
		assert_non_null(o->start);
		assert_non_null(o->tells_apart);
		assert_non_null(o->details);
		/* confirm() answers for an early start only. */
		assert_true(!o->confirm || o->early);
		for (j = 0; j < PROBE_MAX_DEPS; j++) {
			if (o->deps[j])
				assert_true(known(o->deps[j]));
			if (o->after[j])
				assert_true(known(o->after[j]));
		}
	}
}

/* A trial is in probe_trials exactly when its ops table says so; bits
 * are distinct and "all" is their union. */
static void trials_match_the_registry(void **state)
{
	unsigned seen = 0, bit;
	int i, n = 0;

	(void)state;
	for (i = 0; probe_registry[i]; i++) {
		bit = registry_trial_bit(probe_registry[i]);
		assert_int_equal(bit != 0, probe_registry[i]->trial != NULL);
		assert_int_equal(seen & bit, 0);
		seen |= bit;
	}
	for (i = 0; probe_trials[i]; i++, n++) {
		assert_non_null(probe_trials[i]->trial->token);
		assert_non_null(probe_trials[i]->trial->label);
		assert_non_null(probe_trials[i]->trial->does);
	}
	assert_true(n <= PROBE_MAX_TRIALS);
	assert_int_equal(seen, registry_trials_all());
}

/* --trials: tokens in any case, "all", "none", unknown words refused. */
static void trials_parse(void **state)
{
	unsigned bits = 0;
	char buf[256];

	(void)state;
	assert_true(registry_parse_trials("upload,HalfClose", &bits));
	assert_int_equal(bits, 1u | 8u);
	bits = 0;
	assert_true(registry_parse_trials("all", &bits));
	assert_int_equal(bits, 15u);
	bits = 0;
	assert_true(registry_parse_trials("none", &bits));
	assert_int_equal(bits, 0);
	assert_false(registry_parse_trials("upload,bogus", &bits));
	assert_string_equal(registry_trial_tokens(buf, sizeof(buf)),
			    "upload, idle, concurrency, halfclose");
}

/* Run the details check on a banner probe holding KEY = VALUE in a child;
 * returns true when the child aborted. */
static bool check_aborts(const char *key, json_t *value)
{
	struct probe p = { 0 };
	pid_t pid;
	int st;

	p.ops = registry_find("banner");
	p.details = json_object();
	json_object_set_new(p.details, key, value);
	pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		setenv("SOCKDOC_CHECK_DETAILS", "1", 1);
		registry_check_details(&p);
		_exit(0);
	}
	json_decref(p.details);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

/* A declared key of the right type passes; an undeclared key or a wrong
 * type aborts. */
static void details_check_catches_drift(void **state)
{
	(void)state;
	assert_false(check_aborts("code", json_integer(220)));
	assert_false(check_aborts("result", json_string("overlong")));
	assert_true(check_aborts("undeclared", json_integer(1)));
	assert_true(check_aborts("code", json_string("220")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_are_complete),
		cmocka_unit_test(trials_match_the_registry),
		cmocka_unit_test(trials_parse),
		cmocka_unit_test(details_check_catches_drift),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
