/* explain.c — `sockdoc explain [--format text|json] CODE-OR-TEXT|-`: reads
 * the code or the pasted message (arguments joined, or stdin bounded to
 * EXPLAIN_INPUT_MAX), explains it and prints the diagnosis command. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "explain_out.h"
#include "util.h"

/* Read stdin up to the bound; returns a malloc'd NUL-terminated buffer. */
static char *read_stdin(size_t *len)
{
	char *buf = malloc(EXPLAIN_INPUT_MAX + 1);
	size_t n = 0, got;

	if (!buf)
		return NULL;
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "%s\n", _("Paste the error message, then press "
					  "Ctrl-D on a line of its own."));
	while (n < EXPLAIN_INPUT_MAX &&
	       (got = fread(buf + n, 1, EXPLAIN_INPUT_MAX - n, stdin)) > 0)
		n += got;
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Arguments FIRST..ARGC-1 joined by spaces, bounded. */
static char *join_args(int argc, char **argv, int first, size_t *len)
{
	char *buf = malloc(EXPLAIN_INPUT_MAX + 1);
	int i;

	if (!buf)
		return NULL;
	buf[0] = '\0';
	for (i = first; i < argc; i++)
		str_appendf(buf, EXPLAIN_INPUT_MAX + 1, "%s%s",
			    i > first ? " " : "", argv[i]);
	*len = strlen(buf);
	return buf;
}

/* Usage line on STREAM. */
static void usage(FILE *stream)
{
	fprintf(stream, "%s\n", _("Usage: sockdoc explain [--format text|json] "
		"[--wizard] CODE-OR-MESSAGE\n       sockdoc explain [--format "
		"text|json] [--wizard] -   (read the message from standard "
		"input)\n"
		"--wizard opens the wizard with the settings the message names.\n"
		"CODE: 10054, WSAECONNRESET, ECONNRESET, 0x800CCC0E, an SMTP or "
		"FTP reply such as 421 or 425, a curl exit code.\n"
		"MESSAGE: an error message pasted from Outlook (English or "
		"Russian), Thunderbird or FileZilla."));
}

/* True for a word that is an option ("--bogus", "-x"), not text: "-"
 * alone means stdin, and a negative number is a code. */
static bool is_option(const char *w)
{
	return w[0] == '-' && w[1] && !(w[1] >= '0' && w[1] <= '9');
}

/* The usage error of --format FMT; returns -1. */
static int bad_format(const char *fmt)
{
	fprintf(stderr, _("sockdoc explain: --format wants text or json, not "
			  "'%s'\n"), fmt);
	return -1;
}

/* Options before the text; returns the index of the first text word, or
 * -1 (usage error, message printed), or -2 (--help printed). */
static int parse_opts(int argc, char **argv, bool *json, bool *wizard)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			if (strcmp(argv[i + 1], "json") != 0 &&
			    strcmp(argv[i + 1], "text") != 0)
				return bad_format(argv[i + 1]);
			*json = strcmp(argv[++i], "json") == 0;
		} else if (strncmp(argv[i], "--format=", 9) == 0) {
			*json = strcmp(argv[i] + 9, "json") == 0;
			if (!*json && strcmp(argv[i] + 9, "text") != 0)
				return bad_format(argv[i] + 9);
		} else if (strcmp(argv[i], "--help") == 0) {
			return -2;
		} else if (strcmp(argv[i], "--wizard") == 0) {
			*wizard = true;
		} else if (strcmp(argv[i], "--") == 0) {
			return i + 1;
		} else if (is_option(argv[i])) {
			fprintf(stderr, _("sockdoc explain: unknown option '%s' "
				"(put -- before a message that starts with '-')"
				"\n"), argv[i]);
			return -1;
		} else {
			return i;
		}
	}
	return i;
}

/* See explain_out.h. */
bool explain_analyse(struct explain_result *r)
{
	const struct code_def *one[2];

	if (!explain_parse(r->input, r->input_len, &r->msg))
		return false;
	r->bare_code = code_lookup(r->input, one, 2) > 0;
	r->ncauses = explain_rank(&r->msg, r->causes, EXPLAIN_MAX_CAUSES);
	r->has_cmd = explain_command(&r->msg, &r->cmd);
	return true;
}

/* Open the wizard with the command R built, without --report. */
static int open_wizard(struct explain_result *r, explain_wizard_fn wizard)
{
	char *argv[EXPLAIN_MAX_ARGS + 1];
	int i, n = 0;

	if (!r->has_cmd || r->cmd.placeholder) {
		fprintf(stderr, "sockdoc explain: %s\n", _("--wizard: the "
			"message names no SMTP or FTP server to open the "
			"wizard with"));
		return 2;
	}
	/* The message came on a pipe: the keyboard is the terminal. */
	if (!isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		(void)!freopen("/dev/tty", "r", stdin);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "sockdoc explain: %s\n", _("--wizard needs a "
			"terminal; without one, run the command it prints"));
		return 2;
	}
	for (i = 0; i < r->cmd.argc; i++)
		if (strcmp(r->cmd.argv[i], "--report"))
			argv[n++] = (char *)r->cmd.argv[i];
	argv[n] = NULL;
	return wizard(n, argv);
}

/* See explain.h. */
int explain_main(int argc, char **argv, explain_wizard_fn wizard)
{
	struct explain_result *r;
	bool json = false, wiz = false;
	char *text;
	int first, rc;

	first = parse_opts(argc, argv, &json, &wiz);
	if (first == -2) {
		usage(stdout);
		return 0;
	}
	if (first < 0) {
		fprintf(stderr, "%s\n", _("Try 'sockdoc explain --help'."));
		return 2;
	}
	r = calloc(1, sizeof(*r));
	if (first >= argc || (first == argc - 1 && !strcmp(argv[first], "-")))
		text = r ? read_stdin(&r->input_len) : NULL;
	else
		text = r ? join_args(argc, argv, first, &r->input_len) : NULL;
	if (!text) {
		free(r);
		fprintf(stderr, "sockdoc explain: %s\n", _("out of memory"));
		return 3;
	}
	r->input = text;
	if (!explain_analyse(r)) {
		fprintf(stderr, "sockdoc explain: %s\n", _("nothing recognised: "
			"no error code, client message, server name or port in "
			"the input. Try e.g. \"sockdoc explain 10054\" or paste "
			"the whole error message."));
		rc = 2;
	} else if (wiz && wizard) {
		rc = open_wizard(r, wizard);
	} else {
		rc = (json ? explain_write_json(r, stdout) :
		      explain_write_text(r, stdout)) ? 3 : 0;
	}
	free(text);
	free(r);
	return rc;
}
