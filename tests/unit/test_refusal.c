/* test_refusal.c — probe_add_refusal(): the shared record of a server's
 * refusal (src/engine/refusal.h): the enhanced code read from the text,
 * lines joined, hostile bytes escaped, the bound on the count, marks. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "refusal.h"

/* A probe with empty details (refusal.c touches nothing else). */
static void probe_init(struct probe *p)
{
	memset(p, 0, sizeof(*p));
	p->details = json_object();
}

/* String member KEY of refusal I of P. */
static const char *rstr(struct probe *p, size_t i, const char *key)
{
	json_t *r = json_array_get(json_object_get(p->details, "refusals"), i);

	return json_string_value(json_object_get(r, key));
}

/* The enhanced code comes from the text when the caller gives none. */
static void test_from_reply(void **state)
{
	struct probe p;
	struct reply r = { .code = 451,
			   .text = "4.7.1 <b@x.test>: Greylisted\nplease retry",
			   .nlines = 2 };
	json_t *o;

	(void)state;
	probe_init(&p);
	o = probe_add_refusal(&p, "RCPT", &r, "<b@x.test>");
	assert_non_null(o);
	assert_string_equal(rstr(&p, 0, "step"), "RCPT");
	assert_int_equal(json_integer_value(json_object_get(o, "code")), 451);
	assert_string_equal(rstr(&p, 0, "enhanced"), "4.7.1");
	assert_string_equal(rstr(&p, 0, "text"),
			    "4.7.1 <b@x.test>: Greylisted please retry");
	assert_string_equal(rstr(&p, 0, "arg"), "<b@x.test>");
	json_decref(p.details);
}

/* No reply: code 0; given enhanced code wins; no enhanced: absent. */
static void test_parts(void **state)
{
	struct probe p;

	(void)state;
	probe_init(&p);
	probe_add_refusal(&p, "NOOP", NULL, NULL);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
		json_object_get(p.details, "refusals"), 0), "code")), 0);
	probe_add_refusal_parts(&p, "MAIL", 553, "5.1.8", "Domain not found",
				NULL);
	assert_string_equal(rstr(&p, 1, "enhanced"), "5.1.8");
	probe_add_refusal_parts(&p, "STOR", 552, NULL, "Disk full", "/a.bin");
	assert_null(rstr(&p, 2, "enhanced"));
	probe_add_refusal_parts(&p, "EHLO", 250, NULL, "3.0.3 is no code",
				NULL);
	assert_null(rstr(&p, 3, "enhanced"));
	json_decref(p.details);
}

/* Hostile text is escaped and bounded; marks are set; the count bounded. */
static void test_hostile_and_marks(void **state)
{
	struct probe p;
	char big[4000];
	json_t *o;
	int i;

	(void)state;
	probe_init(&p);
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[5] = '\x1b';
	o = probe_add_refusal_parts(&p, "PASV", 227, NULL, big, NULL);
	assert_null(strchr(rstr(&p, 0, "text"), '\x1b'));
	assert_true(strlen(rstr(&p, 0, "text")) < REFUSAL_TEXT_MAX);
	refusal_set_malformed(o, "227 numbers out of range");
	refusal_set_late(o, 1200);
	refusal_set_closed(o);
	refusal_set_mechanism(o, "CRAM-MD5");
	assert_string_equal(rstr(&p, 0, "malformed"), "227 numbers out of range");
	assert_int_equal(json_integer_value(json_object_get(o, "late_ms")), 1200);
	assert_true(json_is_true(json_object_get(o, "closed")));
	assert_string_equal(rstr(&p, 0, "mechanism"), "CRAM-MD5");
	for (i = 0; i < REFUSAL_MAX + 5; i++)
		probe_add_refusal_parts(&p, "RCPT", 550, NULL, "no", NULL);
	assert_int_equal(json_array_size(json_object_get(p.details,
							 "refusals")),
			 REFUSAL_MAX);
	json_decref(p.details);
}

/* Both call forms of refusal_enhanced(): with a size, and 16 bytes. */
static void test_enhanced_forms(void **state)
{
	char buf[16], small[4];

	(void)state;
	assert_true(refusal_enhanced("4.7.1 Try again later", buf,
				     sizeof(buf)));
	assert_string_equal(buf, "4.7.1");
	assert_true(refusal_enhanced(" 5.2.2", buf));
	assert_string_equal(buf, "5.2.2");
	assert_false(refusal_enhanced("OOPS: vsftpd", buf, sizeof(buf)));
	assert_false(refusal_enhanced("3.1.1 no", buf, sizeof(buf)));
	assert_false(refusal_enhanced("5.1.1x", buf, sizeof(buf)));
	assert_false(refusal_enhanced(NULL, buf, sizeof(buf)));
	assert_string_equal(buf, "");
	assert_true(refusal_enhanced("5.7.26 x", small, sizeof(small)));
	assert_int_equal(strlen(small), 3);
}

/* Every refusal test. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_reply),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_hostile_and_marks),
		cmocka_unit_test(test_enhanced_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
