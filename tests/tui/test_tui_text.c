/* test_tui_text.c — the TUI's pure parts: UTF-8 widths and wrapping, form
 * field editing, and reading a pasted client message into the settings. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"
#include "tui_app.h"
#include "tui_form.h"
#include "tui_text.h"
#include "explain_out.h"
#include "util.h"

/* Widths count columns, not bytes: Cyrillic 1 each, CJK 2 each. */
static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("Сервер"), 6);
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width("\xff"), 1);
}

/* Lines break after a space when the whole does not fit. */
static void test_fit(void **state)
{
	(void)state;
	assert_int_equal(text_fit("hello world", 20), 11);
	assert_int_equal(text_fit("hello world", 8), 6);
	assert_int_equal(text_fit("abcdefgh", 4), 4);
	/* Never splits a multibyte character: 3 letters = 6 bytes. */
	assert_int_equal(text_fit("Сервер", 3), 6);
	assert_int_equal(text_prev("aС", 3), 1);
}

/* A cut leaves room for the mark, ends at a word boundary when one is
 * near, and counts display columns (Russian: 2 bytes a column; CJK: 2
 * columns a character), never bytes. */
static void test_clip(void **state)
{
	bool cut;

	(void)state;
	assert_int_equal(text_clip("short", 10, 1, &cut), 5);
	assert_false(cut);
	/* "before the greeting was complete" in 28 columns: the word
	 * "complete" is not split, the space before it is dropped. */
	assert_int_equal(text_clip("before the greeting was complete", 28, 1,
				   &cut), 23);
	assert_true(cut);
	/* No space near the end: cut inside the word, room for the mark. */
	assert_int_equal(text_clip("abcdefghijklmnop", 8, 1, &cut), 7);
	assert_true(cut);
	/* Russian: "сервер не ответил" in 12 columns cuts after "сервер не"
	 * (9 columns, 17 bytes), not at byte 12. */
	assert_int_equal(text_clip("сервер не ответил", 12, 1, &cut), 17);
	assert_true(cut);
	/* Wide characters: 4 columns of room hold 2 of them (6 bytes). */
	assert_int_equal(text_clip("日本語の文字", 5, 1, &cut), 6);
	assert_true(cut);
}

/* Send character CH (or function key FN) to form F. */
static enum form_result key(struct form *f, int fn, wint_t ch)
{
	struct scr_key k = { .fn = fn != 0, .code = fn, .ch = ch };

	return form_key(f, &k);
}

/* Typing, moving and deleting by whole characters; Ctrl-U clears. */
static void test_form_text(void **state)
{
	struct field fl[2] = { { .kind = FK_TEXT }, { .kind = FK_TEXT,
		.numeric = true } };
	struct form f = { .fields = fl, .nfields = 2 };

	(void)state;
	key(&f, 0, L'a');
	key(&f, 0, L'Ж');
	key(&f, 0, L'b');
	assert_string_equal(fl[0].value, "aЖb");
	key(&f, SK_LEFT, 0);
	key(&f, SK_BACKSPACE, 0);
	assert_string_equal(fl[0].value, "ab");
	assert_int_equal(fl[0].cursor, 1);
	assert_int_equal(key(&f, 0, 21), FORM_CHANGED);
	assert_string_equal(fl[0].value, "");
	key(&f, SK_TAB, 0);
	assert_int_equal(f.focus, 1);
	assert_int_equal(key(&f, 0, L'x'), FORM_NONE);
	key(&f, 0, L'2');
	key(&f, 0, L'5');
	assert_string_equal(fl[1].value, "25");
}

/* Choices cycle both ways, hidden fields are skipped, buttons fire. */
static void test_form_choice(void **state)
{
	struct field fl[3] = {
		{ .kind = FK_CHOICE, .nchoices = 3 },
		{ .kind = FK_TEXT, .hidden = true },
		{ .kind = FK_BUTTON },
	};
	struct form f = { .fields = fl, .nfields = 3 };

	(void)state;
	key(&f, SK_LEFT, 0);
	assert_int_equal(fl[0].choice, 2);
	key(&f, 0, L' ');
	assert_int_equal(fl[0].choice, 0);
	key(&f, SK_DOWN, 0);
	assert_int_equal(f.focus, 2);
	assert_int_equal(key(&f, SK_ENTER, 0), FORM_BUTTON);
}

/* Outlook's message fills server, port, the Outlook names and the codes. */
static void test_paste_outlook(void **state)
{
	static struct tui t;
	struct options o;
	char note[512];

	(void)state;
	options_defaults(&o);
	t.base = &o;
	settings_init(&t);
	paste_extract(&t, "Subject 'x', Account: 'a@example.com', Server: "
		      "'smtp.example.com', Protocol: SMTP, Port: 587, "
		      "Secure(SSL): Yes, Socket Error: 10060, Error Number: "
		      "0x800CCC0E", note, sizeof(note));
	assert_string_equal(t.sfields[SF_HOST].value, "smtp.example.com");
	assert_string_equal(t.sfields[SF_PORT].value, "587");
	assert_int_equal(t.sfields[SF_PRESET].choice, PRESET_OUTLOOK);
	assert_int_equal(t.sfields[SF_PROTO].choice, 0);
	/* explain_settings: Outlook's "SSL: Yes" on 587 means STARTTLS. */
	assert_int_equal(t.sfields[SF_TLS].choice, TLS_STARTTLS);
	assert_non_null(strstr(note, "10060 0x800CCC0E"));
	assert_non_null(strstr(note, "10060: Connection timed out"));
	assert_non_null(strstr(note, "It can be: "));
}

/* The paste step names the causes `sockdoc explain` ranks first, in its
 * order, for the same text; port 465 with SSL off is a mode mismatch. */
static void test_paste_agrees_with_explain(void **state)
{
	static const char *const pastes[] = {
		"Server: 'smtp.example.com', Protocol: SMTP, Port: 465, "
		"Secure(SSL): No, Socket Error: 10053, Error Number: 0x800CCC0F",
		"Account: 'a', Server: 'smtp.example.com', Protocol: SMTP, "
		"Port: 25, Secure(SSL): No, Socket Error: 10053, Error Number: "
		"0x800CCC0F",
		"10053",
		"The connection to the server smtp.example.com was reset during "
		"the transfer.",
		"Status: Connecting to 192.0.2.10:2121...\nError: Could not "
		"connect to server", NULL
	};
	static struct tui t;
	static struct explain_result r;
	struct options o;
	char note[512], want[256];
	int i, k;

	(void)state;
	for (i = 0; pastes[i]; i++) {
		options_defaults(&o);
		memset(&t, 0, sizeof(t));
		t.base = &o;
		settings_init(&t);
		paste_extract(&t, pastes[i], note, sizeof(note));
		memset(&r, 0, sizeof(r));
		r.input = pastes[i];
		r.input_len = strlen(pastes[i]);
		assert_true(explain_analyse(&r));
		str_copy(want, "It can be: ", sizeof(want));
		for (k = 0; k < r.ncauses && k < 3; k++)
			str_appendf(want, sizeof(want), "%s%s", k ? ", " : "",
				    r.causes[k].def->id);
		assert_true(r.ncauses > 0);
		assert_non_null(strstr(note, want));
	}
	paste_extract(&t, pastes[0], note, sizeof(note));
	assert_non_null(strstr(note, "It can be: tls.mode_mismatch"));
	assert_non_null(strstr(note, "port 465 expects SSL/TLS from the "
			       "first byte; your client has Secure(SSL): No"));
}

/* FileZilla's log: a bare host:port, FTP, FileZilla's field names. */
static void test_paste_filezilla(void **state)
{
	static struct tui t;
	struct options o;
	char note[512];

	(void)state;
	options_defaults(&o);
	t.base = &o;
	settings_init(&t);
	paste_extract(&t, "Status: Connecting to 192.0.2.10:2121...\n"
		      "Error: Connection timed out after 20 seconds of "
		      "inactivity\nError: Could not connect to server", note,
		      sizeof(note));
	assert_string_equal(t.sfields[SF_HOST].value, "192.0.2.10");
	assert_string_equal(t.sfields[SF_PORT].value, "2121");
	assert_int_equal(t.sfields[SF_PROTO].choice, 1);
	assert_true(!t.sfields[SF_MODE].hidden);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_clip),
		cmocka_unit_test(test_form_text),
		cmocka_unit_test(test_form_choice),
		cmocka_unit_test(test_paste_outlook),
		cmocka_unit_test(test_paste_filezilla),
		cmocka_unit_test(test_paste_agrees_with_explain),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 77;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
