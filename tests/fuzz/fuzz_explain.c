/* fuzz_explain.c — a pasted error message of any shape into explain's
 * parser and command builder. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "explain.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct explain_msg msg;
	struct explain_cmd cmd;
	char line[2048];

	memset(&msg, 0, sizeof(msg));
	if (explain_parse((const char *)data, size, &msg) &&
	    explain_command(&msg, &cmd))
		explain_command_line(&cmd, line, sizeof(line));
	return 0;
}
