/* probes.c — what each probe observes, in words, so "How to tell them
 * apart" can say which measurement separates the ranked causes (the
 * catalog's probes field names them), and the option that turns it on.
 * The words come from the registry (probe_ops.tells_apart, .trial); only
 * the watch mode, which is no probe, is described here. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "explain_out.h"
#include "probe.h"
#include "util.h"

/* The watch mode: named by the catalog like a probe, but not one. */
static const char watch_id[] = "watch";
static const char watch_what[] = N_("repeats the chain over time: "
	"intermittent failures and a server that restarts");

/* Registry kind whose id is the LEN bytes at ID, NULL when unknown. */
static const struct probe_ops *find(const char *id, size_t len)
{
	int i;

	for (i = 0; probe_registry[i]; i++)
		if (strlen(probe_registry[i]->id) == len &&
		    strncmp(probe_registry[i]->id, id, len) == 0)
			return probe_registry[i];
	return NULL;
}

/* The stable id for the LEN bytes at S, NULL when no probe has it. */
static const char *known_id(const char *s, size_t len)
{
	const struct probe_ops *o = find(s, len);

	if (o)
		return o->id;
	if (len == strlen(watch_id) && strncmp(s, watch_id, len) == 0)
		return watch_id;
	return NULL;
}

/* See out.h. */
int explain_probe_list(const char *probes, const char **ids, int max)
{
	const char *s = probes, *id;
	size_t len;
	int n = 0;

	while (s && *s && n < max) {
		while (*s == ' ' || *s == ',')
			s++;
		len = strcspn(s, ", ");
		id = len ? known_id(s, len) : NULL;
		if (id)
			ids[n++] = id;
		s += len;
	}
	return n;
}

/* See out.h. */
const char *explain_probe_what(const char *id)
{
	const struct probe_ops *o = find(id, strlen(id));

	if (o && o->tells_apart)
		return _(o->tells_apart);
	return strcmp(id, watch_id) ? "" : _(watch_what);
}

/* See out.h. */
const char *explain_probe_option(const char *id)
{
	static char opts[PROBE_MAX_TRIALS][64];
	const struct probe_ops *o = find(id, strlen(id));
	unsigned bit = o ? registry_trial_bit(o) : 0;
	int i;

	if (!o)
		return strcmp(id, watch_id) ? NULL : "--watch 60 --count 10";
	if (!bit || !o->trial)
		return NULL;
	for (i = 0; !(bit & (1u << i)); i++)
		;
	str_printf(opts[i], sizeof(opts[i]), "--trials %s", o->trial->token);
	return opts[i];
}
