/* diagnose_net.c — rules for the basic chain: the server field as typed,
 * TCP reachability, and the greeting (causes input.*, tcp.*, net.*,
 * server.busy, server.rejects_client, service.wrong_protocol). */
#include "config.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "diagnose.h"
#include "i18n.h"
#include "util.h"

/* A person's words for a correction token from target.c. */
static const char *fix_words(const char *kind)
{
	static const struct {
		const char *kind;
		const char *words;
	} words[] = {
		{ "leading_space", N_("white space before the name") },
		{ "trailing_space", N_("white space after the name") },
		{ "url_pasted", N_("a URL (scheme or path) pasted instead of a host name") },
		{ "port_glued", N_("a port glued to the host name") },
		{ "port_separator", N_("a port after a comma, semicolon or space instead of a colon") },
		{ "trailing_dot", N_("a trailing dot") },
		{ "trailing_slash", N_("a trailing slash") },
		{ "illegal_chars", N_("characters a host name cannot hold (quotes, spaces, commas)") },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].kind, kind))
			return _(words[i].words);
	return kind;
}

/* True when the input probe made a correction of KIND. */
static bool has_fix(struct diag *d, const char *kind)
{
	json_t *fixes = json_object_get(diag_details(d, "input"), "fixes"), *f;
	size_t i;

	json_array_foreach(fixes, i, f)
		if (!strcmp(json_string_value(json_object_get(f, "kind")) ?
			    json_string_value(json_object_get(f, "kind")) : "", kind))
			return true;
	return false;
}

/* The measured fix of the server field: the corrected host, and the port
 * when the field held one (a glued port or a URL), so the fix does not
 * lose it; FileZilla takes a URL in its Host field, most clients do not. */
static void input_fix(struct diag *d, json_t *c, const char *host)
{
	const char *in = diag_str(d, "input", "input");
	long long port = diag_int(d, "input", "port", 0);
	char glued[32];

	snprintf(glued, sizeof(glued), ":%lld", port);
	if (!in || !port || (!strstr(in, glued) && !has_fix(d, "port_separator"))) {
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
				 _("Enter the server as '%s' (nothing else in "
				   "the field)"), host);
		return;
	}
	if (strstr(in, "://") &&
	    !strcmp(diag_str(d, "input", "protocol") ?
		    diag_str(d, "input", "protocol") : "", "ftp"))
		diag_evidence(c, _("FileZilla reads a URL such as "
				   "'ftp://%s%s' in its Host field; most other "
				   "clients (scanners, website tools) do not"),
			      host, glued);
	diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
			 _("Enter the server as '%s' and the port as %lld, "
			   "each in its own field, nothing else in them"),
			 host, port);
}

/* input.host_malformed: the field needed corrections. */
static void rule_input(struct diag *d)
{
	json_t *fixes = json_object_get(diag_details(d, "input"), "fixes");
	const char *host = diag_str(d, "input", "host");
	bool works = diag_is(d, "banner", "ok") || diag_is(d, "reach", "ok");
	json_t *c, *f;
	size_t i;

	if (!json_array_size(fixes))
		return;
	c = diag_cause(d, "input.host_malformed", works ? CONF_HIGH : CONF_MEDIUM);
	json_array_foreach(fixes, i, f)
		diag_evidence(c, _("the server field '%s' has %s"),
			      json_string_value(json_object_get(f, "before")),
			      fix_words(json_string_value(json_object_get(f, "kind"))));
	if (works)
		diag_evidence(c, _("with the corrected name '%s' the server answers"),
			      host);
	input_fix(d, c, host);
}

/* Count addresses in reach's details whose result is RESULT (from the
 * list: the counters fold "reset" into "error"). */
static int count_result(struct diag *d, const char *result)
{
	json_t *addrs = json_object_get(diag_details(d, "reach"), "addresses"), *a;
	size_t i;
	int n = 0;

	json_array_foreach(addrs, i, a) {
		const char *r = json_string_value(json_object_get(a, "result"));

		if (r && !strcmp(r, result))
			n++;
	}
	return n;
}

/* True when reach address A's refusal was an ICMP error sent by the
 * address itself (its host's firewall, not a router on the way). */
static bool icmp_from_self(json_t *a)
{
	const char *from = json_string_value(json_object_get(a, "icmp_from"));
	const char *addr = json_string_value(json_object_get(a, "address"));

	return from && addr && !strcmp(from, addr);
}

/* Evidence for a refusal by ICMP (RFC 792 type 3, RFC 4443 type 1)
 * rather than an RST: its type, code and sender, quoted. */
static void icmp_refusal(json_t *c, json_t *a, long long port)
{
	const char *addr = json_string_value(json_object_get(a, "address"));
	const char *from = json_string_value(json_object_get(a, "icmp_from"));
	long long type = json_integer_value(json_object_get(a, "icmp_type"));
	long long code = json_integer_value(json_object_get(a, "icmp_code"));
	double ms = json_number_value(json_object_get(a, "connect_ms"));

	if (icmp_from_self(a))
		diag_evidence(c, _("%s port %lld: the connection attempt was answered in %.1f ms by an ICMP destination unreachable (type %lld, code %lld) sent by %s itself, not by a reset (RST): the server host's own firewall rejects the port"),
			      addr, port, ms, type, code, from);
	else
		diag_evidence(c, _("%s port %lld: the connection attempt was answered in %.1f ms by an ICMP destination unreachable (type %lld, code %lld) sent by %s, a router on the way, not by the server"),
			      addr, port, ms, type, code, from ? from : "?");
}

/* The fix when every refusal was the server host's own ICMP: its
 * firewall rejects the port, the service may well be running. */
static void icmp_refusal_fix(struct diag *d, json_t *c)
{
	json_t *addrs = json_object_get(diag_details(d, "reach"), "addresses"), *a;
	long long port = diag_int(d, "reach", "port", 0);
	size_t i;
	int self = 0;

	json_array_foreach(addrs, i, a) {
		const char *r = json_string_value(json_object_get(a, "result"));

		if (r && !strcmp(r, "refused")) {
			if (!icmp_from_self(a))
				return;
			self++;
		}
	}
	if (!self)
		return;
	/* The catalog's "nothing listens" is not what was seen. */
	json_object_set_new(c, "title",
			    json_string(_("The server host's firewall rejects the connection (ICMP port unreachable)")));
	diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
			 _("On the server: its host firewall rejects TCP port %lld (an ICMP port unreachable, e.g. an iptables/nftables REJECT rule): allow the port there (the server's administrator or hosting provider); nothing on the client's side or at its ISP blocks it"),
			 port);
}

/* Add one evidence line per reach address with RESULT. */
static void reach_evidence(struct diag *d, json_t *c, const char *result)
{
	json_t *addrs = json_object_get(diag_details(d, "reach"), "addresses"), *a;
	long long port = diag_int(d, "reach", "port", 0);
	size_t i;

	json_array_foreach(addrs, i, a) {
		const char *addr = json_string_value(json_object_get(a, "address"));
		double ms = json_number_value(json_object_get(a, "connect_ms"));
		long long syns = json_integer_value(json_object_get(a, "syns"));

		if (strcmp(json_string_value(json_object_get(a, "result")), result))
			continue;
		if (!strcmp(result, "refused") && json_object_get(a, "icmp_type"))
			icmp_refusal(c, a, port);
		else if (!strcmp(result, "refused"))
			diag_evidence(c, _("%s port %lld: the connection attempt was answered by a reset (RST) in %.1f ms: nothing listens there"),
				      addr, port, ms);
		else if (!strcmp(result, "reset"))
			diag_evidence(c, _("%s port %lld: the TCP handshake completed, then the connection was reset (RST) after %.1f ms without a single byte"),
				      addr, port, ms);
		else if (!strcmp(result, "filtered"))
			diag_evidence(c, _("%s port %lld: no answer to the connection attempt in %.1f s (%lld SYNs sent): dropped silently"),
				      addr, port, ms / 1000, syns);
		else
			diag_evidence(c, _("%s port %lld: %s after %.1f ms"), addr,
				      port, json_string_value(json_object_get(a, "errno")), ms);
	}
}

/* What ping says about a host whose port is silent. */
static void icmp_evidence(struct diag *d, json_t *c)
{
	long long rx = diag_int(d, "icmp", "received", -1);

	if (diag_is(d, "icmp", "ok") && rx > 0)
		diag_evidence(c, _("the host answers ping, so it is up: a firewall drops this port"));
	else if (diag_is(d, "icmp", "warn"))
		diag_evidence(c, _("the host does not answer ping either: it may be down, or ping is blocked too"));
}

/* tcp.refused / tcp.filtered / net.unreachable from reach. */
static void rule_reach(struct diag *d)
{
	static const struct {
		const char *result;
		const char *cause;
	} map[] = { { "refused", "tcp.refused" },
		    { "filtered", "tcp.filtered" },
		    { "unreachable", "net.unreachable" },
		    { "reset", "tcp.reset_on_connect" } };
	long long total = json_array_size(json_object_get(diag_details(d, "reach"),
							  "addresses"));
	size_t i;

	if (!diag_is(d, "reach", "fail") || total == 0)
		return;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		int n = count_result(d, map[i].result);
		json_t *c;

		if (!n)
			continue;
		c = diag_cause(d, map[i].cause, n == total ? CONF_HIGH : CONF_MEDIUM);
		reach_evidence(d, c, map[i].result);
		if (!strcmp(map[i].result, "refused"))
			icmp_refusal_fix(d, c);
		if (!strcmp(map[i].result, "filtered"))
			icmp_evidence(d, c);
	}
}

/* True when TEXT matches the extended regex RE, ignoring case. */
static bool matches(const char *text, const char *re)
{
	regex_t rx;
	bool m;

	if (!text || regcomp(&rx, re, REG_EXTENDED | REG_ICASE | REG_NOSUB))
		return false;
	m = regexec(&rx, text, 0, NULL, 0) == 0;
	regfree(&rx);
	return m;
}

/* Busy or policy: decide from a 4xx/5xx greeting's code and words. */
static void rule_greeting_code(struct diag *d)
{
	long long code = diag_int(d, "banner", "code", 0);
	const char *text = diag_str(d, "banner", "text");
	bool policy = matches(text, "block|denied|not allowed|forbidden|"
				    "blacklist|blocklist|spam|reject|"
				    "policy|access");
	json_t *c;

	if (code < 400 || !diag_is(d, "banner", "fail"))
		return;
	/* 500 is "syntax error, command unrecognized" (RFC 959/5321), never
	 * a policy refusal: after the nudge it answers our QUIT (vsftpd
	 * with implicit TLS: "500 OOPS: ... wrong version number"). */
	if (code == 500)
		return;
	if (code == 421 && !policy) {
		c = diag_cause(d, "server.busy",
			       matches(text, "too many|busy|connections|"
					     "users|try again|load|capacity")
				       ? CONF_HIGH : CONF_MEDIUM);
	} else {
		c = diag_cause(d, "server.rejects_client",
			       code >= 500 || policy ? CONF_HIGH : CONF_MEDIUM);
	}
	diag_evidence(c, _("the server greets with %lld: \"%s\""), code,
		      text ? text : "");
}

/* True when the port turned out to speak implicit TLS and the handshake
 * worked: then the greeting's silence was the TLS wait, not a fault. */
static bool implicit_tls_works(struct diag *d)
{
	const char *mode = diag_str(d, "tls", "mode");
	const char *mr = diag_str(d, "mailrecv.caps", "mode");
	json_t *ftp = diag_details(d, "ftp.tls");

	if (mr && !strcmp(mr, "implicit")) /* POP3/IMAP: greeted over TLS */
		return true;
	/* FTP: the port gave no greeting and implicit FTPS on that same
	 * port logged in (ftp.tls "other"). */
	if (ftp && diag_str(d, "ftp.tls", "skipped_explicit") &&
	    json_is_true(json_object_get(json_object_get(ftp, "other"), "ok"))
	    && diag_int(d, "ftp.tls", "other_port", 0) ==
	       diag_int(d, "reach", "port", -1))
		return true;
	return mode && !strcmp(mode, "implicit") &&
	       (diag_is(d, "tls", "ok") || diag_is(d, "tls", "warn"));
}

/* service.wrong_protocol: another protocol, silence, or no end. */
static void rule_wrong_protocol(struct diag *d)
{
	const char *result = diag_str(d, "banner", "result");
	const char *sniff = diag_str(d, "banner", "sniff");
	const char *raw = diag_str(d, "banner", "raw");
	long long port = diag_int(d, "reach", "port", 0);
	json_t *c;

	if (!result || !sniff || implicit_tls_works(d))
		return;
	if (!strcmp(result, "other") || !strcmp(result, "overlong")) {
		c = diag_cause(d, "service.wrong_protocol", CONF_HIGH);
		diag_evidence(c, _("port %lld answered with %s"), port,
			      diag_sniff_words(sniff));
		if (raw) {
			char cut[121]; /* "%.120s" cuts bytes: cut on a character */

			str_copy(cut, raw, sizeof(cut));
			diag_evidence(c, _("first bytes: \"%.120s\""), cut);
		}
		diag_wrongproto_fix(d, c, sniff);
	} else if (!strcmp(result, "timeout") &&
		   diag_int(d, "banner", "bytes", 0) == 0 &&
		   (port == 465 || port == 990)) {
		c = diag_cause(d, "service.wrong_protocol", CONF_MEDIUM);
		diag_evidence(c, _("connected to port %lld, but no greeting came in %lld ms: SMTP and FTP servers speak first"),
			      port, diag_int(d, "banner", "elapsed_ms", 0));
		diag_evidence(c, _("port %lld is an implicit-TLS port: it waits silently for the client to start TLS"),
			      port);
	}
}

/* Silence until the step limit on a plain port: a server that greets
 * later than a client waits (a greeting delay, a slow reverse lookup) is
 * the likely cause, a service that never speaks the unlikely one (HTTP
 * and TLS would have answered the QUIT nudge). */
static void rule_silence(struct diag *d)
{
	const char *result = diag_str(d, "banner", "result");
	long long port = diag_int(d, "reach", "port", 0);
	long long ms = diag_int(d, "banner", "elapsed_ms", 0);
	json_t *c;

	if (!result || strcmp(result, "timeout") || implicit_tls_works(d) ||
	    diag_int(d, "banner", "bytes", 0) != 0 || port == 465 ||
	    port == 990 || port == 993 || port == 995)
		return;
	c = diag_cause(d, "transfer.stall_timeout", CONF_MEDIUM);
	diag_evidence(c, _("connected to port %lld, but no greeting came within the %lld ms a client with sockdoc's --timeout waits"),
		      port, ms);
	if (diag_bool(d, "banner", "nudged"))
		diag_evidence(c, "%s", _("a QUIT sent into the silence drew no answer either: an HTTP or TLS service would have answered, a slow SMTP/FTP server does not"));
	diag_fix_instead(c, DIAG_GENERIC(0), _("Set the client's server timeout well above %lld s, or find out why the server greets so late (a greeting delay, a slow reverse DNS lookup of the client)"),
			 ms / 1000 + 1);
	c = diag_cause(d, "service.wrong_protocol", CONF_LOW);
	diag_evidence(c, _("connected to port %lld, but no greeting came in %lld ms: SMTP and FTP servers speak first"),
		      port, ms);
}

/* A greeting that trickles in slower than a client waits. */
static void rule_slow_greeting(struct diag *d)
{
	const char *result = diag_str(d, "banner", "result");
	json_t *c;

	/* A refusal that came only after the nudge answered our QUIT: it
	 * is not a slow greeting. */
	if (diag_bool(d, "banner", "nudged") &&
	    diag_int(d, "banner", "code", 0) >= 400)
		return;
	if (result && diag_bool(d, "banner", "late")) {
		c = diag_cause(d, "transfer.stall_timeout", CONF_MEDIUM);
		diag_evidence(c, _("the greeting came only after %lld ms, later than the %lld ms a client with sockdoc's --timeout waits"),
			      diag_int(d, "banner", "first_byte_ms", 0),
			      diag_int(d, "reach", "timeout_ms", 0));
		diag_fix_instead(c, DIAG_GENERIC(0), _("Set the client's server timeout above %lld s"),
			       diag_int(d, "banner", "first_byte_ms", 0) / 1000 + 1);
		return;
	}
	if (!result || strcmp(result, "timeout") ||
	    diag_int(d, "banner", "bytes", 0) == 0)
		return;
	c = diag_cause(d, "transfer.stall_timeout", CONF_MEDIUM);
	diag_evidence(c, _("the greeting started after %lld ms but was not complete after %lld ms (%lld bytes)"),
		      diag_int(d, "banner", "first_byte_ms", 0),
		      diag_int(d, "banner", "elapsed_ms", 0),
		      diag_int(d, "banner", "bytes", 0));
}

/* tcp.reset_on_connect (RST), server.closes_before_greeting (FIN), and a
 * server that vanished between two connects. */
static void rule_reset(struct diag *d)
{
	const char *result = diag_str(d, "banner", "result");
	long long bytes = diag_int(d, "banner", "bytes", 0);
	json_t *c;

	if (!result || implicit_tls_works(d))
		return;
	if (!strcmp(result, "reset") && bytes == 0) {
		c = diag_cause(d, "tcp.reset_on_connect", CONF_HIGH);
		diag_evidence(c, _("the TCP handshake completed, then the connection was reset (RST) after %lld ms without a single byte"),
			      diag_int(d, "banner", "elapsed_ms", 0));
	} else if (!strcmp(result, "closed") && bytes == 0 &&
		   !diag_bool(d, "banner", "nudged")) {
		/* a FIN is an orderly close, not a reset: its own cause */
		c = diag_cause(d, "server.closes_before_greeting", CONF_HIGH);
		diag_evidence(c, _("the TCP handshake completed, then the server closed the connection (FIN) after %lld ms without a greeting"),
			      diag_int(d, "banner", "elapsed_ms", 0));
	} else if (!strcmp(result, "refused") || !strcmp(result, "filtered")) {
		c = diag_cause(d, "server.down_or_restarting", CONF_HIGH);
		diag_evidence(c, _("the port accepted a connection, and a moment later the next one was %s"),
			      result);
	}
}

/* tcp.tls (tcp:// with --tls implicit): a handshake that fails is
 * tls.handshake_failed, a certificate a client rejects tls.certificate. */
static void rule_tcp_tls(struct diag *d)
{
	const char *result = diag_str(d, "tcp.tls", "result");
	const char *verify = diag_str(d, "tcp.tls", "verify");
	const char *err = diag_str(d, "tcp.tls", "error");
	json_t *cert = json_object_get(diag_details(d, "tcp.tls"), "certificate");
	json_t *c;

	if (!result || !strcmp(result, "connect_failed"))
		return;
	/* Another protocol's bytes came instead of TLS: not a TLS fault
	 * (diagnose_wrongproto.c says what answers). */
	if (json_object_get(diag_details(d, "tcp.tls"), "wrong_protocol"))
		return;
	if (strcmp(result, "ok")) {
		c = diag_cause(d, "tls.handshake_failed", CONF_HIGH);
		diag_evidence(c, _("the implicit TLS handshake with the service failed (%s)%s%s"),
			      result, err ? ": " : "", err ? err : "");
		return;
	}
	if (verify && !strcmp(verify, "ok") &&
	    !json_is_false(json_object_get(cert, "name_match")))
		return;
	c = diag_cause(d, "tls.certificate", CONF_HIGH);
	diag_evidence(c, _("TLS works (%s), but a client that checks the certificate rejects it: %s"),
		      diag_str(d, "tcp.tls", "version"),
		      json_is_false(json_object_get(cert, "name_match")) &&
		      !strcmp(verify, "ok") ? _("it does not name this host")
		      : diag_str(d, "tcp.tls", "verify_text"));
	diag_evidence(c, _("certificate: %s, issued by %s, valid %s to %s"),
		      json_string_value(json_object_get(cert, "subject")),
		      json_string_value(json_object_get(cert, "issuer")),
		      json_string_value(json_object_get(cert, "not_before")),
		      json_string_value(json_object_get(cert, "not_after")));
}

/* net.path_blocked: the TCP traceroute found where the port stops. */
static void rule_path(struct diag *d)
{
	const char *near = diag_str(d, "path", "near");
	const char *rej = diag_str(d, "path", "rejected_by");
	const char *last = diag_str(d, "path", "last_answered_address");
	const char *first = diag_str(d, "path", "first_silent_address");
	long long port = diag_int(d, "path", "port", 0);
	long long ref = diag_int(d, "path", "reference_port", 0);
	long long hop = diag_int(d, "path", "last_answered_ttl", 0);
	json_t *c;

	if (!diag_bool(d, "path", "blocked") || !near)
		return;
	/* The first hop that stays silent is the server itself (no router
	 * between): the server's own firewall, which tcp.filtered already
	 * says; the walk adds no place on a path. */
	if (!rej && hop + 1 >= diag_int(d, "path", "path_length", 0))
		return;
	/* The ICMP came from the server's own address: its host's firewall,
	 * which tcp.refused names with the ICMP; no block on the path. */
	if (diag_bool(d, "path", "rejected_by_destination"))
		return;
	c = diag_cause(d, "net.path_blocked", CONF_HIGH);
	if (diag_str(d, "path", "last_answered_name") ||
	    diag_str(d, "path", "first_silent_name"))
		diag_evidence(c, _("reverse names (from --dns-server): hop %lld %s, hop %lld %s"),
			      hop, diag_str(d, "path", "last_answered_name") ?
			      diag_str(d, "path", "last_answered_name") : "-",
			      hop + 1, diag_str(d, "path", "first_silent_name") ?
			      diag_str(d, "path", "first_silent_name") : "-");
	if (rej)
		diag_evidence(c, _("SYNs to port %lld are rejected by %s (after hop %lld, %s), while SYNs to port %lld reach the server %lld hops away"),
			      port, rej, hop, last && *last ? last : _("this host"),
			      ref, diag_int(d, "path", "path_length", 0));
	else
		diag_evidence(c, _("SYNs to port %lld get as far as hop %lld (%s) and no further; hop %lld (%s) answers for port %lld, and port %lld reaches the server %lld hops away"),
			      port, hop, last && *last ? last : _("this host"),
			      hop + 1, first && *first ? first : "?", ref, ref,
			      diag_int(d, "path", "path_length", 0));
	diag_evidence(c, strcmp(near, "client") ?
		      _("the block is in the half of the path near the server (its provider or its own firewall)") :
		      _("the block is in the half of the path near the client (its own network or its ISP)"));
	if (strcmp(near, "client"))
		diag_fix_first(c, _("Ask the server's administrator or hosting provider to open port %lld; the block is after hop %lld"),
			       port, hop);
	else
		diag_fix_first(c, _("Ask your network administrator or ISP to allow port %lld outbound (the block is at or just after hop %lld, %s), or use port %lld"),
			       port, hop, last && *last ? last : _("this host"), ref);
}

const diag_rule diag_rules_net[] = {
	rule_path,
	rule_tcp_tls,
	rule_input,
	rule_reach,
	rule_greeting_code,
	rule_wrong_protocol,
	diag_rule_wrong_protocol_session,
	rule_silence,
	rule_slow_greeting,
	rule_reset,
	diag_rule_first_command,
	diag_rule_endless_reply,
	diag_rule_stalled_reply,
	NULL
};
