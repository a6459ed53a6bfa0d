/* diagnose_limits.c — causes of the path rather than of one reply:
 * local.resource (this machine ran out of descriptors, buffers or local
 * addresses: never evidence against the server), net.pmtu_blackhole (a
 * stall that passes with a small MSS) and smtp.mx_partial (some MX hosts
 * fail while another works; when all fail, the primary's cause names
 * them all).  The finding shapes they read:
 *   any probe's details, or one level below (arrays of attempts/sessions):
 *     "local_error" or "errno": "EMFILE"|"ENFILE"|"ENOBUFS"|"ENOMEM"|
 *                               "EADDRNOTAVAIL"
 *   any probe's details "pmtu": {"stalled": what stalled ("TLS handshake",
 *     "upload"), "mss_failed": MSS in bytes that stalled (0 unknown),
 *     "mss_ok": the small MSS that passed, "small_mss_ok": bool}
 *   any probe's details "mx": [{"host", "preference", "address",
 *     "result": "ok" | "filtered" | "refused" | "reset" | "error" ...}]
 *     (entries without "result", like the dns probe's MX list, are not
 *     probed and count neither way) */
#include "config.h"

#include <string.h>

#include "diagnose.h"
#include "i18n.h"
#include "util.h"

/* String member KEY of O, "" when absent. */
static const char *ostr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* True when NAME is an errno of a local limit. */
static bool local_errno(const char *name)
{
	static const char *const names[] = {
		"EMFILE", "ENFILE", "ENOBUFS", "ENOMEM", "EADDRNOTAVAIL", NULL
	};
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/* The local-limit errno in object O ("local_error" or "errno"), or "". */
static const char *local_in(json_t *o)
{
	if (local_errno(ostr(o, "local_error")))
		return ostr(o, "local_error");
	if (local_errno(ostr(o, "errno")))
		return ostr(o, "errno");
	return "";
}

/* The first local-limit errno in DET or one level below it, or "". */
static const char *local_error_of(json_t *det)
{
	const char *key, *e = local_in(det);
	json_t *v, *x;
	size_t i;

	json_object_foreach(det, key, v) {
		if (*e)
			break;
		if (json_is_object(v))
			e = local_in(v);
		json_array_foreach(v, i, x)
			if (!*e && json_is_object(x))
				e = local_in(x);
	}
	return e;
}

/* local.resource: a probe or trial hit a limit of this machine. */
static void rule_local_resource(struct diag *d)
{
	json_t *probes = json_object_get(d->findings, "probes"), *p, *c;
	size_t i;

	json_array_foreach(probes, i, p) {
		const char *e = local_error_of(json_object_get(p, "details"));

		if (!*e)
			continue;
		c = diag_cause(d, "local.resource", CONF_HIGH);
		diag_evidence(c, _("check %s failed here, on this machine, "
			      "with %s: a local limit, not an answer of the "
			      "server"), ostr(p, "id"), e);
	}
}

/* A TLS handshake that failed only by the black hole: TLS versions and
 * ciphers are not the fault, so its generic fixes would mislead. */
static void pmtu_explains_tls(struct diag *d)
{
	json_t *c;

	if (!diag_has(d, "tls.handshake_failed"))
		return;
	c = diag_cause(d, "tls.handshake_failed", CONF_HIGH);
	json_array_clear(json_object_get(c, "fixes"));
	diag_fix_first(c, "%s", _("Nothing to change in TLS: the handshake "
				  "stalls because large packets are lost on "
				  "the path (see net.pmtu_blackhole)"));
}

/* net.pmtu_blackhole: the stall passes with a small MSS. */
static void rule_pmtu(struct diag *d)
{
	json_t *probes = json_object_get(d->findings, "probes"), *p, *m, *c;
	size_t i;

	json_array_foreach(probes, i, p) {
		m = json_object_get(json_object_get(p, "details"), "pmtu");
		if (!json_is_true(json_object_get(m, "small_mss_ok")))
			continue;
		c = diag_cause(d, "net.pmtu_blackhole", CONF_HIGH);
		diag_evidence(c, _("%s stalled after the connection was up "
			      "(MSS %lld bytes), and passed again with an MSS "
			      "of %lld bytes"), *ostr(m, "stalled") ?
			      ostr(m, "stalled") : ostr(p, "id"),
			      json_integer_value(json_object_get(m,
							 "mss_failed")),
			      json_integer_value(json_object_get(m, "mss_ok")));
		diag_fix_first(c, _("Packets larger than about %lld bytes of "
				    "payload are lost: clamp the MSS or lower "
				    "the MTU on the router/VPN, and let ICMP "
				    "\"fragmentation needed\" through"),
			       json_integer_value(json_object_get(m,
							 "mss_ok")));
		pmtu_explains_tls(d);
	}
}

/* Hosts of MX whose result is (OK) "ok" or (!OK) anything else, joined. */
static int mx_hosts(json_t *mx, bool ok, char *buf, size_t size)
{
	json_t *h;
	size_t i;
	int n = 0;

	buf[0] = '\0';
	json_array_foreach(mx, i, h) {
		if (!*ostr(h, "result") ||	/* the dns list: not probed */
		    !strcmp(ostr(h, "result"), "ok") != ok)
			continue;
		str_appendf(buf, size, "%s%s (%lld, %s)", n++ ? ", " : "",
			    ostr(h, "host"), json_integer_value(
				    json_object_get(h, "preference")),
			    ostr(h, "result"));
	}
	return n;
}

/* When the primary (first, best preference) MX host of MX fails and a
 * later one greets, say so on CAUSE: mail is delayed, not lost. */
static void primary_down(json_t *cause, json_t *mx)
{
	json_t *p = json_array_get(mx, 0), *h;
	size_t i;

	if (!*ostr(p, "result") || !strcmp(ostr(p, "result"), "ok"))
		return;
	json_array_foreach(mx, i, h) {
		if (strcmp(ostr(h, "result"), "ok"))
			continue;
		diag_evidence(cause, _("mail still flows through %s (preference %lld); the primary MX %s fails (%s): fix it or expect delays, as senders try it first"),
			      ostr(h, "host"), json_integer_value(
				      json_object_get(h, "preference")),
			      ostr(p, "host"), ostr(p, "result"));
		return;
	}
}

/* smtp.mx_partial: some MX hosts fail while another one works. */
static void rule_mx_partial(struct diag *d)
{
	json_t *probes = json_object_get(d->findings, "probes"), *p, *mx, *c;
	char good[512], bad[512];
	size_t i;

	json_array_foreach(probes, i, p) {
		mx = json_object_get(json_object_get(p, "details"), "mx");
		if (!json_is_array(mx) || !mx_hosts(mx, true, good,
						    sizeof(good)) ||
		    !mx_hosts(mx, false, bad, sizeof(bad)))
			continue;
		c = diag_cause(d, "smtp.mx_partial", CONF_MEDIUM);
		diag_evidence(c, _("these MX hosts fail: %s"), bad);
		diag_evidence(c, _("these MX hosts answer: %s"), good);
		primary_down(c, mx);
		diag_fix_first(c, _("Fix or remove the failing MX hosts: %s"),
			       bad);
		return;
	}
}

/* The first concluded cause that says "this server does not take the
 * connection or greet", NULL none. */
static json_t *connect_cause(struct diag *d)
{
	static const char *const ids[] = {
		"tcp.refused", "tcp.filtered", "tcp.reset_on_connect",
		"net.unreachable", "server.closes_before_greeting",
		"server.down_or_restarting", "server.busy",
		"server.rejects_client", NULL
	};
	int i;

	for (i = 0; ids[i]; i++)
		if (diag_has(d, ids[i]))
			return diag_cause(d, ids[i], CONF_LOW);
	return NULL;
}

/* Every MX host of the domain fails (RFC 5321 5.1: a sender tries them
 * all, so no mail gets in): the primary's cause gets every host's
 * evidence.  Not when port 25 is blocked on this side (then other
 * senders may still get through). */
static void rule_mx_all_down(struct diag *d)
{
	json_t *det = diag_details(d, "smtp.mx"), *mx, *c;
	char bad[512], good[8];
	int n;

	mx = json_object_get(det, "mx");
	if (!json_is_array(mx) || mx_hosts(mx, true, good, sizeof(good)) ||
	    (n = mx_hosts(mx, false, bad, sizeof(bad))) < 2 ||
	    diag_has(d, "smtp.port25_blocked") || !(c = connect_cause(d)))
		return;
	diag_evidence(c, _("none of the %d MX hosts of the domain takes mail on port %lld: %s; a sending server tries each in turn (RFC 5321), so from here no mail reaches the domain"),
		      n, json_integer_value(json_object_get(det, "port")),
		      bad);
}

const diag_rule diag_rules_limits[] = {
	rule_local_resource,
	rule_pmtu,
	rule_mx_partial,
	rule_mx_all_down,
	NULL
};
