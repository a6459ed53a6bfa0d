/* refusal.c — append a server's refusal of a protocol step to a probe's
 * details in the shape of refusal.h (sanitized, bounded, no secrets). */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "probe.h"
#include "refusal.h"
#include "util.h"

/* Read 1..3 digits at *P into nothing; false when none.  Advances *P. */
static bool skip_digits(const char **p, int max)
{
	int n = 0;

	while (n < max && isdigit((unsigned char)**p)) {
		(*p)++;
		n++;
	}
	return n > 0;
}

bool refusal_enhanced(const char *text, char *buf, size_t size)
{
	const char *p = text;
	size_t len;

	if (!text || (p[0] != '2' && p[0] != '4' && p[0] != '5') || p[1] != '.')
		return false;
	p += 2;
	if (!skip_digits(&p, 3) || *p++ != '.' || !skip_digits(&p, 3))
		return false;
	if (*p && *p != ' ' && *p != '\n' && *p != '\t')
		return false;
	len = (size_t)(p - text);
	if (len + 1 > size)
		return false;
	memcpy(buf, text, len);
	buf[len] = '\0';
	return true;
}

/* The reply text with its lines joined by spaces, sanitized into OUT. */
static void join_text(const struct reply *r, char *out, size_t size)
{
	char tmp[REPLY_TEXT_MAX];
	size_t i;

	str_copy(tmp, r ? r->text : "", sizeof(tmp));
	for (i = 0; tmp[i]; i++)
		if (tmp[i] == '\n' || tmp[i] == '\r')
			tmp[i] = ' ';
	sanitize(tmp, strlen(tmp), out, size, false);
}

json_t *probe_add_refusal(struct probe *p, const char *step,
			  const struct reply *r, const char *arg)
{
	json_t *arr = json_object_get(p->details, "refusals");
	json_t *o = json_object();
	char text[REPLY_TEXT_MAX], enh[16], a[256];

	if (!o)
		return NULL;
	if (!json_is_array(arr)) {
		arr = json_array();
		json_object_set_new(p->details, "refusals", arr);
	}
	join_text(r, text, sizeof(text));
	json_object_set_new(o, "step", json_string(step ? step : ""));
	json_object_set_new(o, "code", json_integer(r ? r->code : 0));
	if (r && refusal_enhanced(r->text, enh, sizeof(enh)))
		json_object_set_new(o, "enhanced", json_string(enh));
	json_object_set_new(o, "text", json_string(text));
	if (arg && *arg) {
		sanitize(arg, strlen(arg), a, sizeof(a), false);
		json_object_set_new(o, "arg", json_string(a));
	}
	json_array_append_new(arr, o);
	return o;
}
