/* fuzz_ehlo.c — a hostile EHLO reply through the capability parser and on
 * to the JSON the report prints: no crash, every field bounded and
 * terminated, and the JSON object always built with no string rejected
 * (a rejected string used to drop the whole capability object). */
#include "config.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "smtp_caps.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char raw[8192], text[8192];
	struct smtp_caps caps;
	json_t *j;
	char *dump;

	/* What the session stores: sanitized text of the reply lines. */
	if (size >= sizeof(raw))
		size = sizeof(raw) - 1;
	memcpy(raw, data, size);
	sanitize(raw, size, text, sizeof(text), true);
	smtp_caps_parse(text, &caps);
	if (strnlen(caps.domain, sizeof(caps.domain)) >= sizeof(caps.domain) ||
	    strnlen(caps.auth, sizeof(caps.auth)) >= sizeof(caps.auth) ||
	    caps.nkeywords > SMTP_CAPS_MAX_KW)
		abort();
	j = smtp_caps_json(&caps);
	if (!j || json_text_rejected())
		abort();
	dump = json_dumps(j, 0);
	if (!dump)
		abort();
	free(dump);
	json_decref(j);
	return 0;
}
