/* registry.c — every probe kind, in chain order.  The chain instantiates
 * all of them; each decides in applies() whether it is relevant.  The ops
 * table is the probe's whole description (id, dependencies, trial token,
 * perfdata, details keys): options, the wizard, explain and the nagios
 * writer read it here instead of naming probes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "probe.h"
#include "util.h"

/* Each defined in its own file under checks/. */
extern const struct probe_ops probe_input, probe_dns, probe_reach,
	probe_icmp, probe_path, probe_banner, probe_tcp_tls, probe_pmtu, probe_tls, probe_smtp_ehlo,
	probe_smtp_ports, probe_smtp_mx, probe_smtp_auth, probe_smtp_transaction,
	probe_ftp_login, probe_ftp_passive, probe_ftp_active, probe_ftp_tls,
	probe_trial_halfclose, probe_trial_concurrency, probe_trial_upload,
	probe_trial_idle, probe_local, probe_mailrecv_caps,
	probe_mailrecv_tls, probe_mailrecv_login, probe_mailrecv_mailbox,
	probe_mailrecv_ports;

const struct probe_ops *const probe_registry[] = {
	&probe_input,
	&probe_dns,
	&probe_reach,
	&probe_icmp,
	&probe_path,
	&probe_banner,
	&probe_tcp_tls,
	&probe_pmtu,
	&probe_tls,
	&probe_smtp_ehlo,
	&probe_smtp_ports,
	&probe_smtp_mx,
	&probe_smtp_auth,
	&probe_smtp_transaction,
	&probe_ftp_login,
	&probe_ftp_passive,
	&probe_ftp_active,
	&probe_ftp_tls,
	&probe_mailrecv_caps,
	&probe_mailrecv_tls,
	&probe_mailrecv_ports,
	&probe_mailrecv_login,
	&probe_mailrecv_mailbox,
	&probe_trial_halfclose,
	&probe_trial_concurrency,
	&probe_trial_upload,
	&probe_trial_idle,
	&probe_local,
	NULL
};

/* At most PROBE_MAX_TRIALS; the order fixes the bits and the wizard. */
const struct probe_ops *const probe_trials[] = {
	&probe_trial_upload,
	&probe_trial_idle,
	&probe_trial_concurrency,
	&probe_trial_halfclose,
	NULL
};

const struct probe_ops *registry_find(const char *id)
{
	int i;

	for (i = 0; probe_registry[i]; i++)
		if (!strcmp(probe_registry[i]->id, id))
			return probe_registry[i];
	return NULL;
}

unsigned registry_trial_bit(const struct probe_ops *ops)
{
	int i;

	for (i = 0; probe_trials[i] && i < PROBE_MAX_TRIALS; i++)
		if (probe_trials[i] == ops)
			return 1u << i;
	return 0;
}

unsigned registry_trials_all(void)
{
	unsigned all = 0;
	int i;

	for (i = 0; probe_trials[i] && i < PROBE_MAX_TRIALS; i++)
		all |= 1u << i;
	return all;
}

/* Bits of TOKEN ("all", "none" or a trial's token, any case) into *BITS;
 * false when unknown. */
static bool trial_token_bits(const char *token, unsigned *bits)
{
	int i;

	if (!strcasecmp(token, "all")) {
		*bits = registry_trials_all();
		return true;
	}
	*bits = 0;
	if (!strcasecmp(token, "none"))
		return true;
	for (i = 0; probe_trials[i] && i < PROBE_MAX_TRIALS; i++)
		if (!strcasecmp(probe_trials[i]->trial->token, token)) {
			*bits = 1u << i;
			return true;
		}
	return false;
}

bool registry_parse_trials(const char *s, unsigned *out)
{
	char buf[128], *tok, *save;
	unsigned bits;

	if (str_copy(buf, s, sizeof(buf)) >= sizeof(buf))
		return false;
	/* An empty list or item ("", "upload,,idle", "idle,") is a typo,
	 * not "no trials": strtok_r would skip it silently. */
	if (!buf[0] || buf[0] == ',' || strstr(buf, ",,") ||
	    buf[strlen(buf) - 1] == ',')
		return false;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!trial_token_bits(tok, &bits))
			return false;
		*out |= bits;
	}
	return true;
}

const char *registry_trial_tokens(char *buf, size_t size)
{
	int i;

	buf[0] = '\0';
	for (i = 0; probe_trials[i] && i < PROBE_MAX_TRIALS; i++)
		str_printf(buf + strlen(buf), size - strlen(buf), "%s%s",
			   i ? ", " : "", probe_trials[i]->trial->token);
	return buf;
}

/* True when VALUE has the JSON type TYPE. */
static bool detail_type_ok(enum detail_type type, const json_t *value)
{
	switch (type) {
	case DT_INT:	return json_is_integer(value);
	case DT_STR:	return json_is_string(value);
	case DT_BOOL:	return json_is_boolean(value);
	case DT_REAL:	return json_is_number(value);
	case DT_OBJECT:	return json_is_object(value);
	case DT_ARRAY:	return json_is_array(value);
	default:	return true;
	}
}

/* The declaration of KEY in OPS's table, NULL when undeclared. */
static const struct probe_detail *detail_find(const struct probe_ops *ops,
					      const char *key)
{
	const struct probe_detail *d;

	for (d = ops->details; d && d->key; d++)
		if (!strcmp(d->key, key))
			return d;
	return NULL;
}

/* True when the details check is on (debug build or the env var). */
static bool check_enabled(void)
{
#ifdef SOCKDOC_DEBUG
	return true;
#else
	const char *e = getenv("SOCKDOC_CHECK_DETAILS");

	return e && !strcmp(e, "1");
#endif
}

void registry_check_details(const struct probe *p)
{
	const struct probe_detail *d;
	const char *key;
	json_t *value;
	bool bad = false;

	if (!check_enabled())
		return;
	json_object_foreach(p->details, key, value) {
		d = detail_find(p->ops, key);
		if (!d || !detail_type_ok(d->type, value)) {
			fprintf(stderr, "sockdoc: probe %s: details key '%s' "
				"%s (see its ops table)\n", p->ops->id, key,
				d ? "has the wrong JSON type" :
				    "is not declared");
			bad = true;
		}
	}
	if (bad)
		abort();
}
