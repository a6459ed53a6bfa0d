/* jsontext.c — json_string that never drops a field (see jsontext.h). */
#include "config.h"

#include "jsontext.h"

#include <string.h>

#include "util.h"

static size_t rejected; /* strings jansson refused, program-wide */

json_t *json_text(const char *s)
{
	char buf[4096];
	json_t *j;

	if (!s)
		s = "";
	j = json_string(s);
	if (j)
		return j;
	rejected++;
	sanitize(s, strlen(s), buf, sizeof(buf), false);
	j = json_string(buf);
	return j ? j : json_string("(text not valid UTF-8)");
}

size_t json_text_rejected(void)
{
	return rejected;
}
