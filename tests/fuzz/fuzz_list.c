/* fuzz_list.c — a hostile LIST listing into the line picker that chooses
 * a small file for the download test: no crash, and a picked name is
 * plain ([A-Za-z0-9._-]), fits, and its size is within the maximum. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ftp_reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char listing[65536];
	char name[64];
	long long bytes = -1, max;
	size_t i;

	if (size < 1)
		return 0;
	max = (long long)data[0] << 12; /* the first byte picks the limit */
	data++, size--;
	if (size >= sizeof(listing))
		size = sizeof(listing) - 1;
	memcpy(listing, data, size);
	listing[size] = '\0';
	if (!ftp_pick_small_file(listing, max, name, sizeof(name), &bytes))
		return 0;
	if (bytes < 0 || bytes > max || !name[0] || strlen(name) >= sizeof(name))
		abort();
	for (i = 0; name[i]; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._-", name[i]))
			abort();
	return 0;
}
