/* monitor_range.c — the threshold ranges of the Monitoring Plugins
 * Development Guidelines ("Threshold and ranges"): "10" alerts outside
 * 0..10, "10:" below 10, "~:10" above 10, "10:20" outside 10..20 and
 * "@10:20" inside 10..20 (bounds inclusive). */
#include "config.h"

#include "monitor.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Parse one bound: a whole or decimal number taking all of S..END. */
static bool parse_bound(const char *s, size_t len, double *out)
{
	char buf[40], *end;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	*out = mon_c_locale() ? strtod_l(buf, &end, mon_c_locale())
			      : strtod(buf, &end);
	return !errno && *end == '\0' && isfinite(*out) &&
	       strspn(buf, "+-0123456789.") == len;
}

/* The part before ':' of a range: "" means 0, "~" no bound. */
static bool parse_lo(const char *s, size_t len, struct mon_range *r)
{
	if (len == 1 && s[0] == '~') {
		r->lo_inf = true;
		return true;
	}
	if (len == 0) {
		r->lo = 0;
		return true;
	}
	return parse_bound(s, len, &r->lo);
}

bool mon_range_parse(const char *text, struct mon_range *r)
{
	const char *s = text, *colon;

	memset(r, 0, sizeof(*r));
	if (!text || strlen(text) >= sizeof(r->text))
		return false;
	str_copy(r->text, text, sizeof(r->text));
	if (*s == '@') {
		r->inside = true;
		s++;
	}
	colon = strchr(s, ':');
	if (!colon) {
		if (!parse_bound(s, strlen(s), &r->hi))
			return false;
	} else {
		if (colon == s && colon[1] == '\0')
			return false; /* ":" bounds nothing */
		if (!parse_lo(s, (size_t)(colon - s), r))
			return false;
		if (colon[1] == '\0')
			r->hi_inf = true;
		else if (!parse_bound(colon + 1, strlen(colon + 1), &r->hi))
			return false;
	}
	if (!r->lo_inf && !r->hi_inf && r->lo > r->hi)
		return false;
	r->set = true;
	return true;
}

bool mon_range_alert(const struct mon_range *r, double v)
{
	bool in;

	if (!r->set)
		return false;
	in = (r->lo_inf || v >= r->lo) && (r->hi_inf || v <= r->hi);
	return r->inside ? in : !in;
}

/* One -D number: whole days, 0 to 100000. */
static bool parse_days(const char *s, size_t len, long *out)
{
	char buf[16], *end;

	if (len == 0 || len >= sizeof(buf) || strspn(s, "0123456789") < len)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*out = strtol(buf, &end, 10);
	return *end == '\0' && *out <= 100000;
}

bool mon_cert_days_parse(const char *text, struct mon_limits *l)
{
	const char *comma = strchr(text, ',');
	long warn, crit = 0;
	char buf[24];

	if (!parse_days(text, comma ? (size_t)(comma - text) : strlen(text),
			&warn) ||
	    (comma && !parse_days(comma + 1, strlen(comma + 1), &crit)) ||
	    crit > warn)
		return false;
	/* check_smtp: WARNING below WARN days, CRITICAL below CRIT (below
	 * 0, expired, when CRIT is not given): the ranges "WARN:", "CRIT:". */
	str_printf(buf, sizeof(buf), "%ld:", warn);
	mon_range_parse(buf, &l->cert_warn);
	str_printf(buf, sizeof(buf), "%ld:", crit);
	mon_range_parse(buf, &l->cert_crit);
	return true;
}
