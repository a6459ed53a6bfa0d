/* refusal.c — append a server's refusal to a probe's details (refusal.h):
 * the one place that bounds and sanitizes the reply and reads its RFC 3463
 * enhanced status code, so every probe records the same shape. */
#include "config.h"

#include "refusal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Digits at S, at most MAX of them, at least one; returns how many. */
static size_t digits(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && isdigit((unsigned char)s[n]))
		n++;
	return n;
}

bool refusal_enhanced_n(const char *text, char *buf, size_t size)
{
	const char *s = text;
	size_t a, b, c;

	if (!size)
		return false;
	buf[0] = '\0';
	if (!s)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '2' && *s != '4' && *s != '5')
		return false;
	if (s[1] != '.' || !(b = digits(s + 2, 3)) || s[2 + b] != '.' ||
	    !(c = digits(s + 3 + b, 3)))
		return false;
	a = 3 + b + c;
	if (s[a] && s[a] != ' ' && s[a] != '\t' && s[a] != '\n' &&
	    s[a] != '\r')
		return false;
	snprintf(buf, size, "%.*s", (int)a, s);
	return true;
}

/* The details' "refusals" array of P, created when missing. */
static json_t *refusals_of(struct probe *p)
{
	json_t *arr = json_object_get(p->details, "refusals");

	if (!json_is_array(arr)) {
		arr = json_array();
		json_object_set_new(p->details, "refusals", arr);
	}
	return arr;
}

/* Sanitize untrusted TEXT into OUT with the lines joined by spaces. */
static void clean_text(const char *text, char *out, size_t size)
{
	char *q;

	sanitize(text, strlen(text), out, size, true);
	for (q = out; *q; q++)
		if (*q == '\n' || *q == '\r')
			*q = ' ';
}

json_t *probe_add_refusal_parts(struct probe *p, const char *step, int code,
				const char *enhanced, const char *text,
				const char *arg)
{
	json_t *arr = refusals_of(p), *r;
	char buf[REFUSAL_TEXT_MAX], enh[16] = "";

	if (json_array_size(arr) >= REFUSAL_MAX)
		return NULL;
	clean_text(text ? text : "", buf, sizeof(buf));
	if (enhanced && *enhanced)
		refusal_enhanced(enhanced, enh);
	else
		refusal_enhanced(buf, enh);
	r = json_pack("{s:s,s:i,s:s}", "step", step ? step : "?", "code",
		      code, "text", buf);
	if (*enh)
		json_object_set_new(r, "enhanced", json_string(enh));
	if (arg && *arg) {
		clean_text(arg, buf, sizeof(buf));
		json_object_set_new(r, "arg", json_string(buf));
	}
	json_array_append_new(arr, r);
	return r;
}

json_t *probe_add_refusal(struct probe *p, const char *step,
			  const struct reply *r, const char *arg)
{
	return probe_add_refusal_parts(p, step, r ? r->code : 0, NULL,
				       r ? r->text : NULL, arg);
}

void refusal_set_malformed(json_t *r, const char *why)
{
	char buf[160];

	if (!r || !why)
		return;
	clean_text(why, buf, sizeof(buf));
	json_object_set_new(r, "malformed", json_string(buf));
}

void refusal_set_late(json_t *r, long long ms)
{
	if (r)
		json_object_set_new(r, "late_ms", json_integer(ms));
}

void refusal_set_closed(json_t *r)
{
	if (r)
		json_object_set_new(r, "closed", json_true());
}

void refusal_set_mechanism(json_t *r, const char *mech)
{
	char buf[64];

	if (!r || !mech)
		return;
	clean_text(mech, buf, sizeof(buf));
	json_object_set_new(r, "mechanism", json_string(buf));
}
