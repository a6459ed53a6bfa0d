/* fuzz_reply.c — hostile server bytes into the reply parser and the
 * sniffer: no crash, no overflow, text always terminated and bounded. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reply_parser rp;
	struct reply r;
	size_t off = 0, used;

	reply_parser_init(&rp);
	reply_sniff(data, size);
	/* Feed in odd-sized pieces, as reads arrive. */
	while (off < size) {
		size_t n = 1 + (data[off] % 7);

		if (n > size - off)
			n = size - off;
		if (reply_feed(&rp, (const char *)data + off, n, &used, &r) ==
		    REPLY_DONE && strlen(r.text) >= REPLY_TEXT_MAX)
			abort();
		off += used ? used : n;
	}
	return 0;
}
