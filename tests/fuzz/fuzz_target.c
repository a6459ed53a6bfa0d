/* fuzz_target.c — whatever a user pastes into the server field: the
 * parser must end with a usable target or a usage error, never a crash. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char input[1024], err[256];
	struct target t;

	if (size >= sizeof(input))
		size = sizeof(input) - 1;
	memcpy(input, data, size);
	input[size] = '\0';
	if (target_parse(input, PROTO_UNKNOWN, 0, TLS_AUTO, &t, err,
			 sizeof(err)) == 0 &&
	    (t.port < 1 || t.port > 65535 || !t.host[0]))
		abort();
	return 0;
}
