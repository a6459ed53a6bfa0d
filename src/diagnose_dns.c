/* diagnose_dns.c — rules for name resolution, from the dns probe's
 * details (checks/dns_facts.c): dns.nxdomain with the near names that do
 * resolve, dns.no_address, dns.failure, dns.local_override. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diagnose.h"
#include "i18n.h"

/* The status token of the lookup whose addresses the chain used: the MX
 * host's when the probe went through the MX, else the name's own. */
static const char *used_status(struct diag *d)
{
	const char *mx = diag_str(d, "dns", "mx_host_status");

	if (diag_str(d, "dns", "mx_host") && mx)
		return mx;
	return diag_str(d, "dns", "rcode");
}

/* The name that was looked up, for the evidence. */
static const char *used_name(struct diag *d)
{
	const char *n = diag_str(d, "dns", "host_used");

	return n ? n : diag_str(d, "dns", "name");
}

/* One evidence line per near name that resolves; the best one first in
 * the fixes. */
static void suggestions_evidence(struct diag *d, json_t *c)
{
	json_t *sugg = json_object_get(diag_details(d, "dns"), "suggestions");
	json_t *s;
	size_t i;

	json_array_foreach(sugg, i, s) {
		const char *name = json_string_value(json_object_get(s, "name"));
		json_t *addrs = json_object_get(s, "addresses");
		const char *first = json_string_value(json_array_get(addrs, 0));

		if (!name)
			continue;
		if (json_is_true(json_object_get(s, "via_mx")))
			diag_evidence(c, _("%s does resolve (%s): it is the domain's mail server (MX)"),
				      name, first ? first : "?");
		else
			diag_evidence(c, _("%s does resolve (%s)"), name,
				      first ? first : "?");
	}
	s = json_array_get(sugg, 0);
	if (s && json_string_value(json_object_get(s, "name")))
		diag_fix_first(c, _("Use '%s' as the server name"),
			       json_string_value(json_object_get(s, "name")));
}

/* dns.nxdomain: the server says the name does not exist. */
static void rule_nxdomain(struct diag *d)
{
	const char *st = used_status(d);
	json_t *c;

	if (!diag_is(d, "dns", "fail") || !st || strcmp(st, "nxdomain"))
		return;
	c = diag_cause(d, "dns.nxdomain", CONF_HIGH);
	diag_evidence(c, _("the DNS server %s answers that %s does not exist (NXDOMAIN)"),
		      diag_str(d, "dns", "server"), used_name(d));
	suggestions_evidence(d, c);
}

/* dns.no_address: the name exists but has no A/AAAA record. */
static void rule_no_address(struct diag *d)
{
	const char *st = used_status(d);
	json_t *c;

	if (!diag_is(d, "dns", "fail") || !st || strcmp(st, "nodata"))
		return;
	c = diag_cause(d, "dns.no_address", CONF_HIGH);
	diag_evidence(c, _("%s exists in DNS (server %s) but has no IPv4 (A) or IPv6 (AAAA) address"),
		      used_name(d), diag_str(d, "dns", "server"));
	suggestions_evidence(d, c);
}

/* dns.failure: no usable answer at all (timeout, SERVFAIL, refused). */
static void rule_failure(struct diag *d)
{
	const char *st = used_status(d);
	json_t *c;

	if (!diag_is(d, "dns", "fail") || !st || !strcmp(st, "nxdomain") ||
	    !strcmp(st, "nodata") || !strcmp(st, "ok"))
		return;
	c = diag_cause(d, "dns.failure", CONF_HIGH);
	if (!strcmp(st, "timeout"))
		diag_evidence(c, _("the DNS server %s gave no answer for %s within %lld ms"),
			      diag_str(d, "dns", "server"), used_name(d),
			      diag_int(d, "dns", "timeout_ms", 0));
	else if (!strcmp(st, "no_answer"))
		diag_evidence(c, _("nothing answers DNS at %s: the queries for %s were refused (no DNS server listens there)"),
			      diag_str(d, "dns", "server"), used_name(d));
	else
		diag_evidence(c, _("the DNS server %s failed to resolve %s: %s"),
			      diag_str(d, "dns", "server"), used_name(d), st);
}

/* dns.local_override: the hosts file says something else than DNS. */
static void rule_local_override(struct diag *d)
{
	json_t *dt = diag_details(d, "dns");
	json_t *hosts = json_object_get(dt, "hosts_file");
	json_t *c;
	char *h, *a;

	if (!diag_bool(d, "dns", "local_override"))
		return;
	c = diag_cause(d, "dns.local_override", CONF_MEDIUM);
	h = json_dumps(hosts, JSON_COMPACT);
	a = json_dumps(json_object_get(dt, "addresses"), JSON_COMPACT);
	diag_evidence(c, _("the hosts file gives %s for %s, DNS gives %s"),
		      h ? h : "?", used_name(d), a ? a : "?");
	free(h);
	free(a);
}

const diag_rule diag_rules_dns[] = {
	rule_nxdomain,
	rule_no_address,
	rule_failure,
	rule_local_override,
	NULL
};
