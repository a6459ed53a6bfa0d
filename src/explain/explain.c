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
		"CODE-OR-MESSAGE\n       sockdoc explain [--format text|json] - "
		"  (read the message from standard input)\n"
		"CODE: 10054, WSAECONNRESET, ECONNRESET, 0x800CCC0E, an SMTP or "
		"FTP reply such as 421 or 425, a curl exit code.\n"
		"MESSAGE: an error message pasted from Outlook (English or "
		"Russian), Thunderbird or FileZilla."));
}

/* Options before the text; returns the index of the first text word, or
 * -1 (usage error), or -2 (--help printed). */
static int parse_opts(int argc, char **argv, bool *json)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			if (strcmp(argv[i + 1], "json") != 0 &&
			    strcmp(argv[i + 1], "text") != 0)
				return -1;
			*json = strcmp(argv[++i], "json") == 0;
		} else if (strncmp(argv[i], "--format=", 9) == 0) {
			*json = strcmp(argv[i] + 9, "json") == 0;
			if (!*json && strcmp(argv[i] + 9, "text") != 0)
				return -1;
		} else if (strcmp(argv[i], "--help") == 0) {
			return -2;
		} else if (strcmp(argv[i], "--") == 0) {
			return i + 1;
		} else {
			return i;
		}
	}
	return i;
}

/* Parse, rank and build the command into R; false if nothing known. */
static bool explain_build(struct explain_result *r)
{
	const struct code_def *one[2];

	if (!explain_parse(r->input, r->input_len, &r->msg))
		return false;
	r->bare_code = code_lookup(r->input, one, 2) > 0;
	r->ncauses = explain_rank(&r->msg, r->causes, EXPLAIN_MAX_CAUSES);
	r->has_cmd = explain_command(&r->msg, &r->cmd);
	return true;
}

/* See explain.h. */
int explain_main(int argc, char **argv)
{
	struct explain_result *r;
	bool json = false;
	char *text;
	int first, rc;

	first = parse_opts(argc, argv, &json);
	if (first < 0) {
		usage(first == -2 ? stdout : stderr);
		return first == -2 ? 0 : 2;
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
	if (!explain_build(r)) {
		fprintf(stderr, "sockdoc explain: %s\n", _("nothing recognised: "
			"no error code, client message, server name or port in "
			"the input. Try e.g. \"sockdoc explain 10054\" or paste "
			"the whole error message."));
		rc = 2;
	} else {
		rc = (json ? explain_write_json(r, stdout) :
		      explain_write_text(r, stdout)) ? 3 : 0;
	}
	free(text);
	free(r);
	return rc;
}
