/* fuzz_pastelog.c — a pasted client log (FileZilla's message log,
 * Thunderbird's and Outlook's error dialogs) into explain's parser and
 * command builder, then the explanation written as text and JSON: no
 * crash, every field terminated, the command line bounded. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "explain_out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct explain_result r;
	static FILE *null;
	char line[2048];

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	memset(&r, 0, sizeof(r));
	r.input = (const char *)data;
	r.input_len = size;
	if (!explain_parse((const char *)data, size, &r.msg))
		return 0;
	if (strnlen(r.msg.server, sizeof(r.msg.server)) >= sizeof(r.msg.server))
		abort();
	r.ncauses = explain_rank(&r.msg, r.causes, EXPLAIN_MAX_CAUSES);
	explain_server_finding(&r.msg);
	r.has_cmd = explain_command(&r.msg, &r.cmd);
	if (r.has_cmd) {
		explain_command_line(&r.cmd, line, sizeof(line));
		if (strnlen(line, sizeof(line)) >= sizeof(line))
			abort();
	}
	/* Through to the output: a string jansson refuses fails the JSON. */
	if (explain_write_json(&r, null) != 0 || explain_write_text(&r, null) != 0)
		abort();
	return 0;
}
