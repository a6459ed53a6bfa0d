/* refusal.c — append a refused/malformed/late step to a probe's details
 * (the "refusals" array of issue 10), sanitized like probe_set_text. */
#include "config.h"

#include "refusal.h"

#include <stdio.h>
#include <string.h>

#include "probe.h"
#include "reply.h"
#include "util.h"

int refusal_enhanced(const char *text, char *enh)
{
	int a, b, c, n = 0;

	enh[0] = '\0';
	if (!text || sscanf(text, "%1d.%3d.%3d%n", &a, &b, &c, &n) != 3 ||
	    n == 0)
		return 0;
	if ((a != 2 && a != 4 && a != 5) ||
	    (text[n] && text[n] != ' ' && text[n] != '\n'))
		return 0;
	snprintf(enh, 16, "%d.%d.%d", a, b, c);
	return 1;
}

/* The reply's lines joined by " ", sanitized into OUT. */
static void joined_text(const struct reply *r, char *out, size_t size)
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
	json_t *a = json_object_get(p->details, "refusals"), *o;
	char text[REPLY_TEXT_MAX], enh[16], clean[300];

	if (!json_is_array(a)) {
		a = json_array();
		if (!a || json_object_set_new(p->details, "refusals", a) < 0)
			return NULL;
	}
	joined_text(r, text, sizeof(text));
	o = json_pack("{s:s,s:i,s:s}", "step", step, "code", r ? r->code : 0,
		      "text", text);
	if (!o)
		return NULL;
	if (refusal_enhanced(text, enh))
		json_object_set_new(o, "enhanced", json_string(enh));
	if (arg && *arg) {
		sanitize(arg, strlen(arg), clean, sizeof(clean), false);
		json_object_set_new(o, "arg", json_string(clean));
	}
	json_array_append_new(a, o);
	return o;
}
