/* diagnose_path.c — rules for the connection path (issue 15): a proxy that
 * cannot be reached, wants a login, refuses the destination or cannot
 * resolve it (causes proxy.*), and a server that demands a client
 * certificate (tls.client_cert_required).  They read reach's and banner's
 * result tokens (tcpconn_result's proxy_*), the target's "path" object
 * and the tls attempts' handshake facts. */
#include "config.h"

#include <string.h>

#include "diagnose.h"
#include "i18n.h"

/* A string member, "" when absent. */
static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* The cause a proxy_* result token names, and how sure it is. */
static const char *proxy_cause(const char *result, enum confidence *conf)
{
	static const struct {
		const char *result;
		const char *cause;
		enum confidence conf;
	} map[] = {
		{ "proxy_refused", "proxy.refused", CONF_HIGH },
		{ "proxy_protocol", "proxy.refused", CONF_MEDIUM },
		{ "proxy_auth", "proxy.auth_required", CONF_HIGH },
		{ "proxy_denied", "proxy.destination_refused", CONF_HIGH },
		{ "proxy_failed", "proxy.destination_refused", CONF_MEDIUM },
		{ "proxy_resolve", "proxy.resolve_failed", CONF_HIGH },
		{ "proxy_name_failed", "proxy.resolve_failed", CONF_MEDIUM },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].result, result)) {
			*conf = map[i].conf;
			return map[i].cause;
		}
	return NULL;
}

/* The first proxy_* result of reach's addresses or banner, "" none. */
static const char *proxy_result(struct diag *d)
{
	json_t *addrs = json_object_get(diag_details(d, "reach"), "addresses");
	json_t *a;
	size_t i;

	json_array_foreach(addrs, i, a)
		if (!strncmp(jstr(a, "result"), "proxy_", 6))
			return jstr(a, "result");
	if (!strncmp(jstr(diag_details(d, "banner"), "result"), "proxy_", 6))
		return jstr(diag_details(d, "banner"), "result");
	return "";
}

/* One line of what the proxy said, in words. */
static void proxy_evidence(json_t *c, json_t *path, const char *result,
			   long long port)
{
	const char *reply = jstr(path, "proxy_reply");

	diag_evidence(c, _("the connection goes through the proxy %s (from %s)"),
		      jstr(path, "proxy"), jstr(path, "proxy_source"));
	if (!strcmp(result, "proxy_refused"))
		diag_evidence(c, _("the proxy itself does not accept the connection (refused, no answer or no address)"));
	else if (!strcmp(result, "proxy_denied"))
		diag_evidence(c, _("the proxy refuses to connect to port %lld"),
			      port);
	else if (!strcmp(result, "proxy_failed"))
		diag_evidence(c, _("the proxy could not connect to port %lld (the server refuses, or the proxy's network blocks it)"),
			      port);
	else if (!strcmp(result, "proxy_resolve"))
		diag_evidence(c, _("the proxy was given the name to resolve and reports the host unreachable"));
	else if (!strcmp(result, "proxy_name_failed"))
		diag_evidence(c, _("the proxy was given the name to resolve and reports a general failure (what microsocks answers when its lookup fails)"));
	else if (!strcmp(result, "proxy_protocol"))
		diag_evidence(c, _("the proxy's answer is not the protocol of its URL (is it a proxy of that kind?)"));
	if (json_is_true(json_object_get(path, "proxy_unresolved")))
		diag_evidence(c, _("the proxy's own name does not resolve on this machine"));
	else if (*reply)
		diag_evidence(c, _("the proxy answered: %s"), reply);
}

/* The name the proxy was given: --connect-to's HOST2, else the host dns
 * used (the MX for an e-mail target); "" unknown. */
static const char *name_given(json_t *path, json_t *dns)
{
	if (!strcmp(jstr(path, "override"), "connect_to") &&
	    *jstr(path, "connect_host"))
		return jstr(path, "connect_host");
	return jstr(dns, "host_used");
}

/* What the local resolver answered for NAME (a status token). */
static const char *local_answer(json_t *dns, const char *name)
{
	if (*jstr(dns, "mx_host") && !strcmp(name, jstr(dns, "mx_host")))
		return jstr(dns, "mx_host_status");
	return jstr(dns, "error");
}

/* Evidence for proxy.resolve_failed (RESOLVE_FAILED true), and for any
 * proxy cause when the local resolver gave no address (dns details
 * "resolved_by_proxy"): the name the proxy was given, and what the local
 * resolver said of it; when the proxy could not resolve it either, no
 * resolver knows it. */
static void name_evidence(struct diag *d, json_t *c, json_t *path,
			  bool resolve_failed)
{
	json_t *dns = diag_details(d, "dns");
	const char *name = name_given(path, dns);

	if (!*name)
		return;
	if (!json_is_true(json_object_get(dns, "resolved_by_proxy"))) {
		diag_evidence(c, _("the proxy %s was given the name %s"),
			      jstr(path, "proxy"), name);
		return;
	}
	diag_evidence(c, _("the proxy %s was given the name %s, which the local resolver %s does not resolve either (%s)"),
		      jstr(path, "proxy"), name, jstr(dns, "server"),
		      local_answer(dns, name));
	if (resolve_failed)
		diag_fix_first(c, _("Check the name %s: neither the proxy %s nor this machine's resolver knows it"),
			       name, jstr(path, "proxy"));
}

/* proxy.*: the proxy, not the server, stopped the connection. */
static void rule_proxy(struct diag *d)
{
	json_t *path = json_object_get(diag_target(d), "path"), *c;
	const char *result = proxy_result(d), *id;
	long long port = diag_int(d, "reach", "port", 0);
	enum confidence conf = CONF_LOW;

	if (!*result || !(id = proxy_cause(result, &conf)))
		return;
	if (!port)
		port = json_integer_value(json_object_get(diag_target(d), "port"));
	c = diag_cause(d, id, conf);
	proxy_evidence(c, path, result, port);
	if (!strcmp(id, "proxy.resolve_failed") ||
	    diag_bool(d, "dns", "resolved_by_proxy"))
		name_evidence(d, c, path, !strcmp(id, "proxy.resolve_failed"));
	if (!strcmp(id, "proxy.refused"))
		diag_fix_first(c, _("Check the proxy %s (address, port, whether it runs), or connect without it"),
			       jstr(path, "proxy"));
}

/* True when the TLS attempt's handshake shows a demand for a client
 * certificate: a CertificateRequest, then an alert or a close before the
 * greeting (in TLS 1.3 the client's side of the handshake completes and
 * the server's verdict arrives with the first read). */
static bool cert_demanded(json_t *tls)
{
	json_t *a, *hs;
	size_t i;

	json_array_foreach(json_object_get(tls, "attempts"), i, a) {
		hs = json_object_get(a, "handshake");
		if (json_is_true(json_object_get(hs, "client_cert_requested")) &&
		    (!json_is_true(json_object_get(hs, "completed")) ||
		     !json_is_true(json_object_get(a, "greeted"))))
			return true;
		if (strstr(jstr(hs, "alert"), "certificate required"))
			return true;
	}
	return strstr(jstr(tls, "handshake_error"), "certificate required") != NULL;
}

/* True when TEXT is OpenSSL's or libcurl's word for the TLS 1.3
 * certificate_required alert (RFC 8446 section 6.2). */
static bool says_cert_required(const char *text)
{
	return strstr(text, "certificate required") != NULL;
}

/* True when an FTP or POP3/IMAP TLS session (which record no
 * CertificateRequest) ended on the certificate_required alert. */
static bool other_cert_demanded(struct diag *d)
{
	json_t *ftls = diag_details(d, "ftp.tls");

	return says_cert_required(jstr(diag_details(d, "ftp.login"),
				       "curl_message")) ||
	       says_cert_required(jstr(ftls, "cert_error")) ||
	       says_cert_required(jstr(json_object_get(ftls, "verify"), "error")) ||
	       says_cert_required(jstr(json_object_get(ftls, "other"), "error")) ||
	       says_cert_required(jstr(diag_details(d, "mailrecv.tls"),
				       "handshake_error"));
}

/* tls.client_cert_required: the server wants a certificate from us. */
static void rule_client_cert(struct diag *d)
{
	json_t *path = json_object_get(diag_target(d), "path"), *c;
	const char *cert = jstr(path, "client_cert");

	if (!cert_demanded(diag_details(d, "tls")) && !other_cert_demanded(d))
		return;
	c = diag_cause(d, "tls.client_cert_required",
		       *cert ? CONF_MEDIUM : CONF_HIGH);
	diag_evidence(c, _("the server asked for a client certificate during the TLS handshake and ended it"));
	if (*cert)
		diag_evidence(c, _("the certificate %s was presented and not accepted"),
			      cert);
	else
		diag_evidence(c, _("no client certificate was presented (--cert FILE --key FILE)"));
}

/* Every path rule, in order; they run before the TLS rules. */
const diag_rule diag_rules_path[] = {
	rule_proxy,
	rule_client_cert,
	NULL
};
