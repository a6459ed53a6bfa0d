/* test_diagnose_cases.c — the diagnosis as data: every *.json file in
 * tests/unit/cases/ holds cases of hand-made findings in and the causes
 * expected out; this one runner turns each case into a cmocka test.
 * No network.
 *
 * A case file is {"cases": [CASE, ...]}; a CASE is
 *   name      what it shows (the test's name)
 *   findings  {"target": {...}, "probes": [{"id", "status", "details"}]},
 *             the shape report_findings() builds
 *   expect    [{"at": I, "id": CAUSE, "confidence": C, "evidence": [S...],
 *               "fix": [S...]}]: the cause at rank I (omit "at": anywhere)
 *             has that id (and confidence), and for each S an evidence
 *             (fix) line holding S; optional "no_evidence": [S...], no
 *             evidence line holds S; optional "first_fix": S, the
 *             first fix holds S, "first_fix_is": S, the first fix is S;
 *             optional "no_fix": [S...], no fix line holds S;
 *             optional "no_client_error": [S...], no client error code
 *             or FileZilla message (client_errors) holds S
 *   count     (optional) exactly this many causes
 *   absent    (optional) cause ids that must not be concluded
 *   verdict   (optional) the run's verdict: "ok", "problems" or
 *             "inconclusive" (diag_verdict)
 * Cases are found under $top_srcdir (set by make check), else ".". */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diagnose.h"

#define MAX_CASES 1024

/* One case, owned by the runner. */
struct dcase {
	char name[160];  /* file:case */
	json_t *c;       /* the case object */
};

/* True when some string in the array ARR holds WORD. */
static bool array_holds(json_t *arr, const char *word)
{
	json_t *e;
	size_t k;

	json_array_foreach(arr, k, e)
		if (json_is_string(e) && strstr(json_string_value(e), word))
			return true;
	return false;
}

/* Print the causes, for a failing case's log. */
static void dump(json_t *causes)
{
	char *s = json_dumps(causes, JSON_INDENT(1));

	print_message("causes: %s\n", s ? s : "?");
	free(s);
}

/* The cause EXP names: at its rank, or anywhere with its id. */
static json_t *find_cause(json_t *causes, json_t *exp)
{
	const char *id = json_string_value(json_object_get(exp, "id"));
	json_t *at = json_object_get(exp, "at"), *c;
	size_t i;

	if (json_is_integer(at))
		return json_array_get(causes, (size_t)json_integer_value(at));
	json_array_foreach(causes, i, c)
		if (!strcmp(json_string_value(json_object_get(c, "id")), id))
			return c;
	return NULL;
}

/* The first fix of C against EXP's "first_fix" (holds) and
 * "first_fix_is" (equals); false with a message when it does not hold. */
static bool check_first_fix(json_t *c, json_t *exp)
{
	const char *id = json_string_value(json_object_get(c, "id"));
	const char *f0 = json_string_value(json_array_get(json_object_get(c,
							"fixes"), 0));
	const char *holds = json_string_value(json_object_get(exp, "first_fix"));
	const char *is = json_string_value(json_object_get(exp, "first_fix_is"));

	if (holds && (!f0 || !strstr(f0, holds))) {
		print_message("%s: first fix does not hold '%s'\n", id, holds);
		return false;
	}
	if (is && (!f0 || strcmp(f0, is))) {
		print_message("%s: first fix is not '%s'\n", id, is);
		return false;
	}
	return true;
}

/* True when some string in the arrays of C's client_errors holds WORD. */
static bool client_error_holds(json_t *c, const char *word)
{
	const char *fam;
	json_t *codes;

	json_object_foreach(json_object_get(c, "client_errors"), fam, codes)
		if (array_holds(codes, word))
			return true;
	return false;
}

/* EXP's "no_fix" and "no_client_error" against C; false with a message
 * when a line holds one of the words. */
static bool check_absent_lines(json_t *c, json_t *exp)
{
	const char *id = json_string_value(json_object_get(c, "id"));
	json_t *w;
	size_t k;

	json_array_foreach(json_object_get(exp, "no_fix"), k, w)
		if (array_holds(json_object_get(c, "fixes"), json_string_value(w))) {
			print_message("%s: a fix holds '%s'\n", id, json_string_value(w));
			return false;
		}
	json_array_foreach(json_object_get(exp, "no_client_error"), k, w)
		if (client_error_holds(c, json_string_value(w))) {
			print_message("%s: a client error holds '%s'\n", id, json_string_value(w));
			return false;
		}
	return true;
}

/* Check one expected cause; false with a message when it does not hold. */
static bool check_expect(json_t *causes, json_t *exp)
{
	json_t *c = find_cause(causes, exp), *w;
	const char *id = json_string_value(json_object_get(exp, "id"));
	const char *conf = json_string_value(json_object_get(exp, "confidence"));
	size_t k;

	if (!c || strcmp(json_string_value(json_object_get(c, "id")), id)) {
		print_message("expected %s not where asked\n", id);
		return false;
	}
	if (conf && strcmp(json_string_value(json_object_get(c, "confidence")),
			   conf)) {
		print_message("%s: confidence is not %s\n", id, conf);
		return false;
	}
	json_array_foreach(json_object_get(exp, "evidence"), k, w)
		if (!array_holds(json_object_get(c, "evidence"), json_string_value(w))) {
			print_message("%s: no evidence holds '%s'\n", id, json_string_value(w));
			return false;
		}
	json_array_foreach(json_object_get(exp, "no_evidence"), k, w)
		if (array_holds(json_object_get(c, "evidence"), json_string_value(w))) {
			print_message("%s: an evidence holds '%s'\n", id, json_string_value(w));
			return false;
		}
	json_array_foreach(json_object_get(exp, "fix"), k, w)
		if (!array_holds(json_object_get(c, "fixes"), json_string_value(w))) {
			print_message("%s: no fix holds '%s'\n", id, json_string_value(w));
			return false;
		}
	if (!json_array_size(json_object_get(c, "fixes"))) {
		print_message("%s: no fix\n", id);
		return false;
	}
	return check_absent_lines(c, exp) && check_first_fix(c, exp);
}

/* True when no cause has an id listed in ABSENT. */
static bool check_absent(json_t *causes, json_t *absent)
{
	json_t *a, *c;
	size_t i, k;

	json_array_foreach(absent, k, a)
		json_array_foreach(causes, i, c)
			if (!strcmp(json_string_value(json_object_get(c, "id")),
				    json_string_value(a))) {
				print_message("%s concluded, expected absent\n",
					      json_string_value(a));
				return false;
			}
	return true;
}

/* True when the case names no verdict, or the verdict of its findings
 * and CAUSES is the one it names. */
static bool check_verdict(json_t *c, json_t *causes)
{
	const char *want = json_string_value(json_object_get(c, "verdict"));
	const char *got = diag_verdict(json_object_get(json_object_get(c,
					"findings"), "probes"), causes);

	if (!want || !strcmp(want, got))
		return true;
	print_message("verdict %s, expected %s\n", got, want);
	return false;
}

/* The cmocka test of one case. */
static void run_case(void **state)
{
	struct dcase *dc = *state;
	json_t *causes = diagnose(json_object_get(dc->c, "findings"));
	json_t *count = json_object_get(dc->c, "count"), *exp;
	bool ok = causes != NULL;
	size_t k;

	json_array_foreach(json_object_get(dc->c, "expect"), k, exp)
		ok = ok && check_expect(causes, exp);
	if (ok && json_is_integer(count) &&
	    json_array_size(causes) != (size_t)json_integer_value(count)) {
		print_message("%zu causes, expected %lld\n",
			      json_array_size(causes), json_integer_value(count));
		ok = false;
	}
	ok = ok && check_absent(causes, json_object_get(dc->c, "absent"));
	ok = ok && check_verdict(dc->c, causes);
	if (!ok)
		dump(causes);
	json_decref(causes);
	assert_true(ok);
}

/* Compare two directory entries by name, so the order is stable. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Load every case of FILE into CASES from index *N on. */
static void load_file(const char *dir, const char *file, struct dcase *cases,
		      size_t *n)
{
	char path[1024];
	json_error_t err;
	json_t *root, *c;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	root = json_load_file(path, 0, &err);
	if (!root) {
		fprintf(stderr, "%s:%d: %s\n", path, err.line, err.text);
		exit(1);
	}
	json_array_foreach(json_object_get(root, "cases"), i, c) {
		if (*n == MAX_CASES)
			break;
		snprintf(cases[*n].name, sizeof(cases[*n].name), "%s:%s", file,
			 json_string_value(json_object_get(c, "name")));
		cases[(*n)++].c = json_incref(c);
	}
	json_decref(root);
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	static struct dcase cases[MAX_CASES];
	struct CMUnitTest *tests;
	struct dirent **ents;
	char dir[900];
	size_t n = 0, i;
	int ne, k, rc;

	snprintf(dir, sizeof(dir), "%s/tests/unit/cases", top ? top : ".");
	ne = scandir(dir, &ents, NULL, by_name);
	if (ne < 0) {
		perror(dir);
		return 1;
	}
	for (k = 0; k < ne; k++) {
		size_t len = strlen(ents[k]->d_name);

		if (len > 5 && !strcmp(ents[k]->d_name + len - 5, ".json"))
			load_file(dir, ents[k]->d_name, cases, &n);
		free(ents[k]);
	}
	free(ents);
	tests = calloc(n ? n : 1, sizeof(*tests));
	for (i = 0; i < n; i++) {
		tests[i].name = cases[i].name;
		tests[i].test_func = run_case;
		tests[i].initial_state = &cases[i];
	}
	rc = _cmocka_run_group_tests("diagnose_cases", tests, n, NULL, NULL);
	for (i = 0; i < n; i++)
		json_decref(cases[i].c);
	free(tests);
	return rc;
}
