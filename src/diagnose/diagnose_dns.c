/* diagnose_dns.c — rules for name resolution (causes.md "Input and name
 * resolution"): a name that does not exist (or a mail domain's MX host
 * that does not exist), a name without addresses (or a null MX), a
 * resolver that fails, a hosts file that overrides DNS, and an address
 * family that is broken while the other works.  They read the dns probe's
 * details (and reach's per-address results) only. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "diagnose.h"
#include "i18n.h"
#include "util.h"

/* Join the strings of ARR into BUF as "a, b, c". */
static const char *join(json_t *arr, char *buf, size_t size)
{
	size_t i;
	json_t *v;

	buf[0] = '\0';
	json_array_foreach(arr, i, v) {
		if (json_is_string(v))
			str_appendf(buf, size, "%s%s", i ? ", " : "",
				    json_string_value(v));
	}
	return buf;
}

/* A dns detail string, "" when absent. */
static const char *dstr(struct diag *d, const char *key)
{
	const char *s = diag_str(d, "dns", key);

	return s ? s : "";
}

/* True when TOKEN is one of the resolver-failure tokens. */
static bool is_failure_token(const char *t)
{
	static const char *const bad[] = { "servfail", "refused", "timeout",
					   "no_answer", "bad_response",
					   "error" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (!strcmp(t, bad[i]))
			return true;
	return false;
}

/* How a failure token reads in the evidence: the DNS rcode where there
 * is one. */
static const char *rcode_text(const char *t)
{
	if (!strcmp(t, "servfail"))
		return "SERVFAIL";
	if (!strcmp(t, "refused"))
		return "REFUSED";
	if (!strcmp(t, "bad_response"))
		return _("a malformed response");
	return _("an error");
}

/* "the system's resolver" or "--dns-server", for the evidence. */
static const char *server_source(struct diag *d)
{
	return !strcmp(dstr(d, "server_source"), "dns-server")
		       ? _("given with --dns-server")
		       : _("the system's resolver");
}

/* Evidence lines for the near names that resolve; returns the best. */
static const char *add_suggestions(struct diag *d, json_t *cause)
{
	json_t *sugg = json_object_get(diag_details(d, "dns"), "suggestions");
	const char *best = NULL;
	char addrs[256];
	size_t i;
	json_t *s;

	json_array_foreach(sugg, i, s) {
		const char *name = json_string_value(json_object_get(s, "name"));

		if (!name)
			continue;
		join(json_object_get(s, "addresses"), addrs, sizeof(addrs));
		if (json_is_true(json_object_get(s, "via_mx")))
			diag_evidence(cause, _("%s exists (%s): it is the mail server (MX) of %s"),
				      name, addrs, dstr(d, "near_base"));
		else
			diag_evidence(cause, _("%s exists (%s)"), name, addrs);
		if (!best)
			best = name;
	}
	return best;
}

/* True when the local resolver's answer does not decide the path: the
 * proxy (socks5h://, socks4a://, http://) was given the name, as the
 * user's client through it is (dns details "resolved_by_proxy").  No
 * local-DNS cause then, not even a low one: whether the name resolves is
 * the proxy's answer, which reach and banner record (proxy.resolve_failed
 * quotes the local answer too, diagnose_path.c); a client that bypasses
 * the proxy for some connections is a different path, run without -x. */
static bool resolved_by_proxy(struct diag *d)
{
	return diag_bool(d, "dns", "resolved_by_proxy");
}

/* When smtp.mx found a backup MX that greets (details "mx", result
 * "ok"), say on CAUSE (NULL: only tell) that mail still flows through
 * it while the primary PRIMARY fails.  Returns true when there is one. */
static bool backup_mx_note(struct diag *d, json_t *cause, const char *primary)
{
	json_t *mx = json_object_get(diag_details(d, "smtp.mx"), "mx"), *h;
	size_t i;

	json_array_foreach(mx, i, h) {
		const char *r = json_string_value(json_object_get(h, "result"));

		if (!r || strcmp(r, "ok"))
			continue;
		if (cause)
			diag_evidence(cause, _("mail still flows through the backup MX %s (preference %lld): senders skip %s; fix %s or remove its MX record"),
				      json_string_value(json_object_get(h, "host")),
				      json_integer_value(json_object_get(h,
							"preference")),
				      primary, primary);
		return true;
	}
	return false;
}

/* True when NAME is an IP address (with or without [ ]), not a name. */
static bool is_addr_literal(const char *name)
{
	unsigned char buf[16];
	char bare[64];
	size_t n = strlen(name);

	if (n >= 2 && name[0] == '[' && name[n - 1] == ']' &&
	    n - 2 < sizeof(bare)) {
		memcpy(bare, name + 1, n - 2);
		bare[n - 2] = '\0';
		name = bare;
	}
	return inet_pton(AF_INET, name, buf) == 1 ||
	       inet_pton(AF_INET6, name, buf) == 1;
}

/* dns.nxdomain for the mail server: the domain's best MX names a host
 * that does not exist (a typo, or an IP address where RFC 5321 5.1
 * wants a name: senders look it up as a name and find nothing).  Medium
 * when a backup MX greets (smtp.mx), which is then named. */
static void rule_mx_nxdomain(struct diag *d)
{
	const char *mxh = dstr(d, "mx_host"), *dom = dstr(d, "name");
	bool backup = backup_mx_note(d, NULL, NULL);
	json_t *c;

	if (resolved_by_proxy(d) || !*mxh ||
	    strcmp(dstr(d, "mx_host_status"), "nxdomain"))
		return;
	c = diag_cause(d, "dns.nxdomain", backup ? CONF_MEDIUM : CONF_HIGH);
	diag_evidence(c, _("the mail server (MX) of %s is %s, and the DNS server %s answered NXDOMAIN for it: no such name"),
		      dom, mxh, dstr(d, "server"));
	if (is_addr_literal(mxh)) {
		diag_evidence(c, _("the MX record names an IP address (%s), not a host name: sending servers look it up as a name (RFC 5321) and find nothing"),
			      mxh);
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
				 _("Point the MX record of %s at a host name that has an A/AAAA record for %s, not at the address itself"),
				 dom, mxh);
	} else {
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
				 _("Correct the MX record of %s: %s does not exist (a typo?), or publish an address for it"),
				 dom, mxh);
	}
	backup_mx_note(d, c, mxh);
}

/* dns.nxdomain: the server says the name does not exist. */
static void rule_nxdomain(struct diag *d)
{
	const char *name = dstr(d, "name"), *best;
	json_t *c;

	if (resolved_by_proxy(d) || strcmp(dstr(d, "error"), "nxdomain"))
		return;
	c = diag_cause(d, "dns.nxdomain",
		       diag_is(d, "dns", "fail") ? CONF_HIGH : CONF_MEDIUM);
	diag_evidence(c, _("the DNS server %s (%s) answered NXDOMAIN for %s: no such name"),
		      dstr(d, "server"), server_source(d), name);
	best = add_suggestions(d, c);
	if (best)
		diag_fix_first(c, _("use %s instead of %s"), best, name);
	else if (*dstr(d, "near_base"))
		diag_evidence(c, _("no usual name on %s (mail., smtp., ftp.) resolves either"),
			      dstr(d, "near_base"));
	if (!best)	/* no suggestion: "use one of the suggested" is void */
		diag_fix_drop(c, DIAG_GENERIC(1));
}

/* dns.no_address for a mail address whose domain publishes a null MX
 * (RFC 7505, details "null_mx"): the domain accepts no mail at all, and
 * no sender falls back to its address.  Returns true when it concluded. */
static bool null_mx_mail(struct diag *d, const char *domain)
{
	json_t *c;

	if (!*domain || !diag_bool(d, "dns", "null_mx"))
		return false;
	c = diag_cause(d, "dns.no_address", CONF_HIGH);
	diag_evidence(c, _("%s publishes a null MX (MX \".\", RFC 7505): the domain declares that it accepts no mail"),
		      domain);
	diag_evidence(c, _("no sending server delivers to %s, and none falls back to the domain's own address"),
		      domain);
	diag_fix_instead(c, DIAG_GENERIC(0), _("Check the address: mail to %s cannot be delivered; if the domain should take mail, replace the null MX with the MX records of its mail servers"),
		       domain);
	return true;
}

/* dns.no_address for a mail domain: no usable MX, or an MX without
 * addresses.  Returns true when it concluded. */
static bool no_address_mail(struct diag *d)
{
	const char *domain = dstr(d, "email_domain"), *mxh = dstr(d, "mx_host");
	json_t *c;

	if (null_mx_mail(d, domain))
		return true;
	if (*mxh && !strcmp(dstr(d, "mx_host_status"), "nodata")) {
		c = diag_cause(d, "dns.no_address", backup_mx_note(d, NULL,
						0) ? CONF_MEDIUM : CONF_HIGH);
		diag_evidence(c, _("the mail server (MX) of %s is %s, and %s has no IPv4 or IPv6 address"),
			      dstr(d, "name"), mxh, mxh);
		backup_mx_note(d, c, mxh);
		return true;
	}
	if (!*domain || !strcmp(dstr(d, "mx_status"), "ok") ||
	    is_failure_token(dstr(d, "mx_status")))
		return false;
	if (diag_bool(d, "dns", "implicit_mx")) {
		c = diag_cause(d, "dns.no_address", CONF_LOW);
		diag_evidence(c, _("%s has no MX record; mail to it goes to the domain's own address"),
			      domain);
		return true;
	}
	if (strcmp(dstr(d, "error"), "nodata"))
		return false;
	c = diag_cause(d, "dns.no_address", CONF_HIGH);
	diag_evidence(c, _("the mail domain %s has no MX record and no address (%s)"),
		      domain, dstr(d, "server"));
	return true;
}

/* dns.no_address: the name exists but has no A/AAAA (nor MX for mail). */
static void rule_no_address(struct diag *d)
{
	const char *name = dstr(d, "name"), *mxh = dstr(d, "mx_host");
	json_t *c;

	if (resolved_by_proxy(d) || no_address_mail(d) ||
	    *dstr(d, "email_domain") ||
	    strcmp(dstr(d, "error"), "nodata"))
		return;
	c = diag_cause(d, "dns.no_address", CONF_HIGH);
	if (diag_bool(d, "dns", "cname_loop")) {
		diag_evidence(c, _("the CNAME records of %s form a loop (%s): "
			      "no resolver gets an address out of them"),
			      name, dstr(d, "cname_chain"));
		diag_fix_first(c, _("Ask the DNS administrator of %s to break "
			       "the CNAME loop"), name);
		return;
	}
	diag_evidence(c, _("%s exists in DNS (%s) but has no A or AAAA record"),
		      name, dstr(d, "server"));
	if (diag_bool(d, "dns", "null_mx"))
		diag_evidence(c, _("%s also publishes a null MX (RFC 7505): it is not a mail server's name"),
			      name);
	if (*mxh && !strcmp(dstr(d, "mx_host_status"), "ok")) {
		diag_evidence(c, _("its mail server (MX) is %s"), mxh);
		diag_fix_first(c, _("use %s (the mail server of %s) as the server name"),
			       mxh, name);
	}
}

/* dns.no_address under -4/-6: the name has addresses, none of the
 * family the client is set to. */
static void rule_family_missing(struct diag *d)
{
	const char *fam = dstr(d, "family_missing"), *host = dstr(d, "host_used");
	char have[256];
	bool v6 = !strcmp(fam, "ipv6");
	json_t *c;

	if (!*fam)
		return;
	c = diag_cause(d, "dns.no_address", CONF_HIGH);
	join(json_object_get(diag_details(d, "dns"), v6 ? "a" : "aaaa"), have,
	     sizeof(have));
	diag_evidence(c, v6 ? _("%s has no IPv6 address (AAAA record) in DNS (%s); it has only IPv4: %s")
			    : _("%s has no IPv4 address (A record) in DNS (%s); it has only IPv6: %s"),
		      host, dstr(d, "server"), have);
	diag_evidence(c, v6 ? _("-6 asks for IPv6 only: no connection was tried")
			    : _("-4 asks for IPv4 only: no connection was tried"));
	diag_fix_first(c, v6 ? _("Drop -6 (the client connects over IPv4), or publish an AAAA record for %s")
			     : _("Drop -4 (the client connects over IPv6), or publish an A record for %s"),
		       host);
}

/* dns.failure: the resolver failed or did not answer in time. */
static void rule_failure(struct diag *d)
{
	const char *err = dstr(d, "error"), *name = dstr(d, "name");
	long long ms = diag_int(d, "dns", "query_ms", 0);
	json_t *c;

	if (resolved_by_proxy(d))
		return;
	if (!is_failure_token(err) && *dstr(d, "mx_host") &&
	    is_failure_token(dstr(d, "mx_host_status"))) {
		err = dstr(d, "mx_host_status");
		name = dstr(d, "mx_host");
		ms = diag_int(d, "dns", "mx_query_ms", ms);
	}
	if (!is_failure_token(err))
		return;
	c = diag_cause(d, "dns.failure", CONF_HIGH);
	if (!strcmp(err, "timeout"))
		diag_evidence(c, _("the DNS server %s (%s) did not answer for %s within %lld ms"),
			      dstr(d, "server"), server_source(d), name,
			      diag_int(d, "dns", "timeout_ms", ms));
	else if (!strcmp(err, "no_answer"))
		diag_evidence(c, _("the DNS server %s (%s) is not reachable: nothing answers DNS there (connection refused after %lld ms) for %s"),
			      dstr(d, "server"), server_source(d), ms, name);
	else
		diag_evidence(c, _("the DNS server %s (%s) answered %s for %s after %lld ms"),
			      dstr(d, "server"), server_source(d),
			      rcode_text(err), name, ms);
}

/* dns.local_override: the hosts file says something else than DNS. */
static void rule_local_override(struct diag *d)
{
	json_t *det = diag_details(d, "dns"), *c;
	char hosts[256], dns[256];

	if (!diag_bool(d, "dns", "local_override"))
		return;
	join(json_object_get(det, "hosts_file"), hosts, sizeof(hosts));
	join(json_object_get(det, "addresses"), dns, sizeof(dns));
	c = diag_cause(d, "dns.local_override", CONF_MEDIUM);
	diag_evidence(c, _("the hosts file maps %s to %s"), dstr(d, "host_used"),
		      hosts);
	if (*dns)
		diag_evidence(c, _("DNS (%s) gives %s"), dstr(d, "server"), dns);
	else
		diag_evidence(c, _("DNS (%s) does not know %s (%s): only this machine can resolve it"),
			      dstr(d, "server"), dstr(d, "host_used"),
			      dstr(d, "error"));
	diag_fix_instead(c, DIAG_GENERIC(0), _("remove or correct the %s line in the hosts file (/etc/hosts; on Windows C:\\Windows\\System32\\drivers\\etc\\hosts)"),
		       dstr(d, "host_used"));
}

/* What reach saw for one address family. */
struct family_seen {
	int total;      /* addresses of the family */
	int ok;         /* that connected */
	int refused;    /* that answered with RST */
	char fail[512]; /* "addr result (errno), ..." of the failures */
};

/* Collect reach's results for FAMILY ("ipv4"/"ipv6") from ADDRS. */
static void family_results(json_t *addrs, const char *family,
			   struct family_seen *f)
{
	size_t i;
	json_t *a;

	memset(f, 0, sizeof(*f));
	json_array_foreach(addrs, i, a) {
		const char *fam = json_string_value(json_object_get(a, "family"));
		const char *res = json_string_value(json_object_get(a, "result"));
		const char *err = json_string_value(json_object_get(a, "errno"));

		if (!fam || !res || strcmp(fam, family))
			continue;
		f->total++;
		if (!strcmp(res, "connected")) {
			f->ok++;
			continue;
		}
		f->refused += !strcmp(res, "refused");
		str_appendf(f->fail, sizeof(f->fail), "%s%s %s%s%s%s",
			    f->fail[0] ? ", " : "",
			    json_string_value(json_object_get(a, "address")),
			    res, err ? " (" : "", err ? err : "", err ? ")" : "");
	}
}

/* Conclude that family BAD ("IPv6"/"IPv4") is broken while GOOD works. */
static void family_cause(struct diag *d, const char *bad, const char *good,
			 const struct family_seen *b,
			 const struct family_seen *g, long long port)
{
	json_t *c = diag_cause(d, "net.ipv6_broken", CONF_MEDIUM);

	diag_evidence(c, _("every %s address fails on port %lld: %s"), bad,
		      port, b->fail);
	diag_evidence(c, _("%d of %d %s address(es) connect on the same port"),
		      g->ok, g->total, good);
	if (b->refused == b->total)
		diag_fix_first(c, _("nothing listens on the %s address(es): make the service listen on %s too, or remove those addresses from DNS; meanwhile make the client prefer %s"),
			       bad, bad, good);
	else
		diag_fix_first(c, _("fix %s routing or the firewall for port %lld, or remove those addresses from DNS; meanwhile make the client prefer %s"),
			       bad, port, good);
}

/* net.ipv6_broken: every address of one family fails to connect while
 * an address of the other family connects. */
static void rule_family_broken(struct diag *d)
{
	json_t *addrs = json_object_get(diag_details(d, "reach"), "addresses");
	long long port = diag_int(d, "reach", "port", 0);
	struct family_seen f4, f6;

	family_results(addrs, "ipv4", &f4);
	family_results(addrs, "ipv6", &f6);
	if (!f4.total || !f6.total)
		return;
	if (!f6.ok && f4.ok)
		family_cause(d, "IPv6", "IPv4", &f6, &f4, port);
	else if (!f4.ok && f6.ok)
		family_cause(d, "IPv4", "IPv6", &f4, &f6, port);
}

const diag_rule diag_rules_dns[] = {
	rule_nxdomain,
	rule_mx_nxdomain,
	rule_no_address,
	rule_family_missing,
	rule_failure,
	rule_local_override,
	rule_family_broken,
	NULL
};
