/* fuzz_sanitize.c — any bytes through sanitize() and the bounded copies
 * into JSON: the output is always valid UTF-8 that jansson takes, holds no
 * raw control character, C1 control or bidi override, and a copy cut at
 * any size (str_copy, str_printf, utf8_cut) never ends mid-character. */
#include "config.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort when S (valid UTF-8) holds a character a terminal would act on. */
static void check_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			abort();
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			abort();
		if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE)
			abort();
		if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char in[4096], out[1024], cut[256];
	size_t n, lim;
	json_t *j;

	if (size < 1)
		return 0;
	lim = 5 + data[0] % (sizeof(out) - 5); /* output size under test */
	data++, size--;
	if (size >= sizeof(in))
		size = sizeof(in) - 1;
	memcpy(in, data, size);
	in[size] = '\0';
	sanitize(in, size, out, lim, false);
	if (strlen(out) >= lim || !utf8_valid(out, strlen(out)))
		abort();
	check_printable(out);
	j = json_string(out);
	if (!j)
		abort();
	json_decref(j);
	/* Cutting valid UTF-8 anywhere keeps it valid. */
	n = lim % sizeof(cut);
	str_copy(cut, out, n ? n : 1);
	if (!utf8_valid(cut, strlen(cut)))
		abort();
	str_printf(cut, n ? n : 1, "%s", out);
	if (!utf8_valid(cut, strlen(cut)))
		abort();
	if (!utf8_valid(out, utf8_cut(out, strlen(out) / 2)))
		abort();
	j = json_text(in); /* raw bytes: escaped when rejected, never NULL */
	if (!j)
		abort();
	json_decref(j);
	return 0;
}
