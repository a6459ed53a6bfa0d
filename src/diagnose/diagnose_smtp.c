/* diagnose_smtp.c — rules for the SMTP family of causes (causes.md):
 * security mode, TLS handshake and certificate, port 25 blocking, login,
 * relaying, size, and the SMTP-session replies (421/554 after EHLO, at
 * MAIL/RCPT).  They read the details of smtp.ehlo, tls, smtp.ports,
 * smtp.auth and smtp.transaction (documented at the top of each probe). */
#include "config.h"

#include <string.h>

#include "diagnose.h"
#include "i18n.h"
#include "util.h"

/* String member KEY of object O, "" when absent. */
static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* Integer member KEY of object O, 0 when absent. */
static long long jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The security mode the user's client is set to. */
static const char *client_tls(struct diag *d)
{
	return jstr(diag_target(d), "tls");
}

/* A person's words for a security mode token. */
static const char *sec_words(const char *sec)
{
	if (!strcmp(sec, "implicit"))
		return _("SSL/TLS (implicit TLS)");
	if (!strcmp(sec, "starttls"))
		return _("STARTTLS");
	if (!strcmp(sec, "plain") || !strcmp(sec, "none"))
		return _("no encryption");
	return sec;
}

/* The measured pair that works into PAIR ("port 587 with STARTTLS") and
 * its TLS version into VER (32 bytes, "" without TLS); false when nothing
 * worked (or, when NEED_TLS, nothing with TLS). */
static bool working_pair(struct diag *d, char *pair, size_t size,
			 bool need_tls, char *ver)
{
	json_t *rec = json_object_get(diag_details(d, "smtp.ports"),
				      "recommended");
	json_t *ports = json_object_get(diag_details(d, "smtp.ports"), "ports");
	json_t *p;
	size_t i;

	ver[0] = '\0';
	if (!json_is_object(rec) ||
	    (need_tls && !strcmp(jstr(rec, "security"), "plain")))
		return false;
	str_printf(pair, size, _("port %lld with %s"), jint(rec, "port"),
		   sec_words(jstr(rec, "security")));
	json_array_foreach(ports, i, p)
		if (jint(p, "port") == jint(rec, "port"))
			str_copy(ver, jstr(p, "tls_version"), 32);
	return true;
}

/* Evidence line for the working pair: "LEAD port 465 with SSL/TLS:
 * handshake ok, TLSv1.3". */
static void pair_evidence(json_t *c, const char *lead, const char *pair,
			  const char *ver)
{
	if (*ver)
		diag_evidence(c, _("%s %s: handshake ok, %s"), lead, pair, ver);
	else
		diag_evidence(c, _("%s %s: session ok"), lead, pair);
}

/* Evidence of one smtp.ehlo session (plain or implicit). */
static void session_evidence(json_t *c, json_t *s, const char *what)
{
	const char *out = jstr(s, "outcome");
	json_t *tls = json_object_get(s, "tls");

	if (json_is_true(json_object_get(s, "greeted")))
		diag_evidence(c, _("%s: greeting 220 after %lld ms%s%s"), what,
			      jint(s, "duration_ms"), tls ? ", " : "",
			      tls ? jstr(tls, "version") : "");
	else if (!strcmp(out, "no_greeting"))
		diag_evidence(c, _("%s: connected, but no greeting came in "
			      "%lld ms"), what, jint(s, "duration_ms"));
	else
		diag_evidence(c, _("%s: %s (%s)"), what, out, jstr(s, "error"));
}

/* The mismatch case, or NULL: the client's setting vs what was measured. */
static const char *mismatch_case(struct diag *d, json_t *e)
{
	const char *mode = jstr(e, "mode"), *cl = client_tls(d);

	if (!strcmp(mode, "implicit") &&
	    (!strcmp(cl, "none") || !strcmp(cl, "starttls")))
		return _("the port expects TLS from the first byte (implicit "
			 "TLS), but the client is set to %s");
	if (!strcmp(mode, "plain") && !strcmp(cl, "implicit"))
		return _("the port speaks plain SMTP (STARTTLS at most), but "
			 "the client is set to %s and starts with a TLS "
			 "handshake");
	if (!strcmp(mode, "plain") && !strcmp(cl, "none") &&
	    (json_is_true(json_object_get(e, "starttls_required")) ||
	     !strcmp(diag_str(d, "smtp.transaction", "outcome") ?
		     diag_str(d, "smtp.transaction", "outcome") : "",
		     "starttls_required")))
		return _("the server requires STARTTLS, but the client is set "
			 "to %s");
	if (!strcmp(mode, "plain") && !strcmp(cl, "starttls") &&
	    !json_is_true(json_object_get(json_object_get(e, "caps"),
					  "starttls")))
		return _("the client is set to %s, but the server does not "
			 "offer STARTTLS on this port");
	return NULL;
}

/* tls.mode_mismatch: the client's security setting cannot work here. */
static void rule_mode_mismatch(struct diag *d)
{
	json_t *e = diag_details(d, "smtp.ehlo"), *c;
	const char *why;
	char pair[160], ver[32];

	if (!e || !(why = mismatch_case(d, e)))
		return;
	c = diag_cause(d, "tls.mode_mismatch", CONF_HIGH);
	diag_evidence(c, why, sec_words(client_tls(d)));
	session_evidence(c, json_object_get(e, "plain"),
			 _("plain text (what a client without SSL does)"));
	session_evidence(c, json_object_get(e, "implicit"),
			 _("implicit TLS (what a client with SSL does)"));
	if (jint(e, "help_code") == 530)
		diag_evidence(c, _("before STARTTLS the server answers "
			      "commands with 530 \"%s\""), jstr(e, "help_text"));
	if (diag_str(d, "smtp.transaction", "outcome") &&
	    !strcmp(diag_str(d, "smtp.transaction", "outcome"),
		    "starttls_required"))
		diag_evidence(c, _("without TLS, %s was answered %lld %s"),
			      diag_str(d, "smtp.transaction", "rejected_at"),
			      diag_int(d, "smtp.transaction", "code", 0),
			      diag_str(d, "smtp.transaction", "text"));
	if (working_pair(d, pair, sizeof(pair), !strcmp(client_tls(d), "none"),
			 ver)) {
		pair_evidence(c, _("measured:"), pair, ver);
		diag_fix_instead(c, DIAG_GENERIC(0), _("Set the client to %s"), pair);
	}
}

/* The server's side of a failed handshake: it tops out at an old
 * version, so the fix is the server's, not the client's. */
static void old_version(json_t *c, const char *max)
{
	json_t *fixes = json_object_get(c, "fixes");

	diag_evidence(c, _("the server speaks at most %s (measured once "
		      "with old versions allowed); current clients refuse TLS "
		      "1.0 and 1.1 (RFC 8996)"), max);
	json_array_clear(fixes);
	json_array_append_new(fixes, json_string(_("Fix the server's TLS "
			      "configuration (protocols, ciphers)")));
	diag_fix_first(c, _("On the server: enable TLS 1.2 or newer (it "
		       "speaks at most %s); changing the client is not the "
		       "fix"), max);
}

/* How the handshake failed, as seen on sockdoc's own dialogue. */
static void handshake_kind(json_t *c, json_t *t)
{
	const char *k = jstr(t, "handshake_kind");

	if (!strcmp(k, "no_bytes"))
		diag_evidence(c, _("the server sent no byte in answer to the "
			      "TLS ClientHello"));
	else if (!strcmp(k, "stalled"))
		diag_evidence(c, _("the server sent %lld bytes of the "
			      "handshake, then nothing"),
			      jint(t, "handshake_bytes"));
	else if (!strcmp(k, "alert") && *jstr(t, "handshake_alert"))
		diag_evidence(c, _("the server answered with the TLS alert "
			      "\"%s\""), jstr(t, "handshake_alert"));
	else if (!strcmp(k, "version"))
		diag_evidence(c, _("the server refused the TLS versions "
			      "offered (TLS 1.2 and newer)"));
	else if (!strcmp(k, "reset") && strcmp(jstr(t, "outcome"), "reset"))
		diag_evidence(c, _("the server reset the connection during "
			      "the handshake"));
	if (*jstr(t, "server_max_version"))
		old_version(c, jstr(t, "server_max_version"));
}

/* The TLS probe's details: SMTP's "tls", else POP3/IMAP's
 * "mailrecv.tls" (the same keys); NULL when neither ran. */
static json_t *tls_details(struct diag *d)
{
	if (diag_details(d, "mailrecv.tls") && !diag_is(d, "tls", "ok") &&
	    !diag_is(d, "tls", "fail") && !diag_is(d, "tls", "warn"))
		return diag_details(d, "mailrecv.tls");
	return diag_details(d, "tls");
}

/* tls.handshake_failed: no TLS session could be set up at all. */
static void rule_tls_handshake(struct diag *d)
{
	json_t *t = tls_details(d), *c;
	json_t *a = json_array_get(json_object_get(t, "attempts"), 0);
	json_t *hs = json_object_get(a, "handshake");

	if (!t || strcmp(jstr(t, "handshake"), "failed"))
		return;
	/* "wrong version number" is OpenSSL meeting plain text: the port does
	 * not speak TLS at all, which the mode rules and the greeting rules
	 * explain; it is no broken handshake. */
	if (strstr(jstr(t, "handshake_error"), "wrong version number") ||
	    diag_has(d, "tls.mode_mismatch") ||
	    diag_has(d, "tls.client_cert_required"))
		return;
	/* sockdoc's own dialogue completed the handshake: libcurl failed
	 * on something else (a late reply, recorded in refusals). */
	if (!strcmp(jstr(t, "handshake_kind"), "ok"))
		return;
	c = diag_cause(d, "tls.handshake_failed", CONF_HIGH);
	diag_evidence(c, _("%s handshake failed: %s"),
		      sec_words(jstr(t, "mode")), jstr(t, "handshake_error"));
	if (json_is_true(json_object_get(hs, "client_cert_requested")))
		diag_evidence(c, _("the server asked for a client certificate "
			      "and closed the connection when none came"));
	if (*jstr(hs, "alert"))
		diag_evidence(c, _("the server sent %s"), jstr(hs, "alert"));
	if (!strcmp(jstr(t, "outcome"), "reset"))
		diag_evidence(c, _("the server reset the connection during "
			      "the handshake"));
	handshake_kind(c, t);
}

/* The words for a verify_reason token. */
static void cert_reason(json_t *c, json_t *t)
{
	const char *r = jstr(t, "verify_reason");

	if (!strcmp(r, "expired"))
		diag_evidence(c, _("the certificate expired on %s (%lld days "
			      "ago)"), jstr(t, "not_after"),
			      -jint(t, "expires_in_s") / 86400);
	else if (!strcmp(r, "not_yet_valid"))
		diag_evidence(c, _("the certificate is valid only from %s"),
			      jstr(t, "not_before"));
	else if (!strcmp(r, "self_signed"))
		diag_evidence(c, _("the certificate is self-signed (issuer "
			      "%s): no trusted authority vouches for it"),
			      jstr(t, "issuer"));
	else if (!strcmp(r, "untrusted"))
		diag_evidence(c, _("the certificate's issuer %s is not "
			      "trusted"), jstr(t, "issuer"));
	if (json_is_false(json_object_get(t, "name_match")))
		diag_evidence(c, _("the certificate (%s) does not cover the "
			      "name '%s' the client connects to"),
			      jstr(t, "subject"), jstr(t, "host"));
}

/* tls.certificate: the handshake works, the certificate does not verify. */
static void rule_tls_certificate(struct diag *d)
{
	json_t *t = tls_details(d), *c;

	if (!t || strcmp(jstr(t, "handshake"), "ok") ||
	    json_is_true(json_object_get(t, "verified")))
		return;
	c = diag_cause(d, "tls.certificate", CONF_HIGH);
	diag_evidence(c, _("%s handshake ok (%s), but verification failed: "
		      "%s"), sec_words(jstr(t, "mode")), jstr(t, "version"),
		      jstr(t, "verify_error"));
	cert_reason(c, t);
	diag_evidence(c, _("certificate: %s, issued by %s, valid %s to %s"),
		      jstr(t, "subject"), jstr(t, "issuer"),
		      jstr(t, "not_before"), jstr(t, "not_after"));
}

/* Port 25's entry in smtp.ports, NULL when absent. */
static json_t *port_entry(struct diag *d, long long port)
{
	json_t *ports = json_object_get(diag_details(d, "smtp.ports"), "ports");
	json_t *p;
	size_t i;

	json_array_foreach(ports, i, p)
		if (jint(p, "port") == port)
			return p;
	return NULL;
}

/* smtp.port25_blocked: 25 silent or reset while submission ports work. */
static void rule_port25(struct diag *d)
{
	json_t *p25 = port_entry(d, 25), *c;
	const char *out = p25 ? jstr(p25, "outcome") : "";
	char pair[160], ver[32];

	if (!p25 || strcmp(jstr(p25, "security"), "none") ||
	    (strcmp(out, "connect_timeout") && strcmp(out, "reset")) ||
	    !working_pair(d, pair, sizeof(pair), false, ver))
		return;
	c = diag_cause(d, "smtp.port25_blocked",
		       jint(diag_target(d), "port") == 25 ? CONF_HIGH
							  : CONF_MEDIUM);
	if (!strcmp(out, "reset"))
		diag_evidence(c, _("port 25 of %s: the connection was reset "
			      "(%s)"), diag_str(d, "smtp.ports", "address"),
			      jstr(p25, "errno"));
	else
		diag_evidence(c, _("port 25 of %s: no answer to the connection "
			      "attempt in %lld ms (dropped silently)"),
			      diag_str(d, "smtp.ports", "address"),
			      jint(json_object_get(p25, "plain"), "duration_ms"));
	pair_evidence(c, _("the same host answers on"), pair, ver);
	diag_fix_instead(c, DIAG_GENERIC(0), _("Set the client to %s, with authentication"),
		       pair);
}

/* Evidence of the AUTH reply of STAGE. */
static void auth_evidence(json_t *c, json_t *stage)
{
	diag_evidence(c, _("AUTH %s (%s) answered %lld %s"),
		      jstr(stage, "mechanism"), jstr(stage, "stage"),
		      jint(stage, "code"), jstr(stage, "text"));
}

/* auth.rejected and auth.requires_tls from the login stages. */
static void rule_auth(struct diag *d)
{
	json_t *st = json_object_get(diag_details(d, "smtp.auth"), "stages");
	json_t *s, *c;
	size_t i;

	if (diag_bool(d, "smtp.auth", "authenticated"))
		return;
	json_array_foreach(st, i, s) {
		const char *out = jstr(s, "outcome");

		if (!strcmp(out, "rejected")) {
			c = diag_cause(d, "auth.rejected", CONF_HIGH);
			auth_evidence(c, s);
			diag_evidence(c, _("user name: %s"),
				      diag_str(d, "smtp.auth", "user"));
		} else if (!strcmp(out, "requires_tls")) {
			c = diag_cause(d, "auth.requires_tls", CONF_HIGH);
			auth_evidence(c, s);
		}
	}
}

/* auth.mechanism_rejected: one advertised mechanism refused while
 * another logs in with the same credentials — the one to pick. */
static void rule_auth_mechanism(struct diag *d)
{
	json_t *m = json_object_get(diag_details(d, "smtp.auth"), "mechanisms");
	const char *good = diag_str(d, "smtp.auth", "mechanism");
	json_t *e, *c = NULL;
	size_t i;

	if (!good || !*good)
		return;
	json_array_foreach(m, i, e) {
		if (!json_is_true(json_object_get(e, "tried")) ||
		    json_is_true(json_object_get(e, "ok")))
			continue;
		if (!c)
			c = diag_cause(d, "auth.mechanism_rejected", CONF_HIGH);
		diag_evidence(c, _("AUTH %s (%s) answered %lld %s"),
			      jstr(e, "name"), jstr(e, "stage"),
			      jint(e, "code"), jstr(e, "text"));
	}
	if (!c)
		return;
	diag_evidence(c, _("AUTH %s logged in with the same user name and "
		      "password"), good);
	diag_fix_first(c, _("Set the client's authentication method to %s "
		       "(or let the server's admin fix the refused one)"),
		       good);
}

/* auth.requires_tls: AUTH is offered only after STARTTLS and the client
 * is set to no security. */
static void rule_auth_after_tls(struct diag *d)
{
	json_t *before = json_object_get(diag_details(d, "smtp.ehlo"), "caps");
	json_t *after = json_object_get(diag_details(d, "tls"),
					"caps_after_tls");
	json_t *c;

	if (strcmp(client_tls(d), "none") || !before || !after ||
	    json_array_size(json_object_get(before, "auth")) ||
	    !json_array_size(json_object_get(after, "auth")))
		return;
	c = diag_cause(d, "auth.requires_tls",
		       diag_details(d, "smtp.auth") ? CONF_HIGH : CONF_MEDIUM);
	diag_evidence(c, _("before STARTTLS the EHLO reply offers no AUTH; "
		      "after STARTTLS it offers AUTH %s"),
		      json_string_value(json_array_get(
			      json_object_get(after, "auth"), 0)));
}

/* auth.not_offered: the client is set to log in (smtp.auth ran: --user
 * and a password), but no EHLO reply offers AUTH, before TLS nor after
 * STARTTLS: the client's login cannot happen on this port and mode. */
static void rule_auth_not_offered(struct diag *d)
{
	json_t *before = json_object_get(diag_details(d, "smtp.ehlo"), "caps");
	json_t *after = json_object_get(diag_details(d, "tls"),
					"caps_after_tls");
	json_t *c;

	if (!json_array_size(json_object_get(diag_details(d, "smtp.auth"),
					     "stages")) || !before ||
	    diag_bool(d, "smtp.auth", "authenticated") ||
	    json_array_size(json_object_get(before, "auth")) ||
	    json_array_size(json_object_get(after, "auth")))
		return;
	c = diag_cause(d, "auth.not_offered", CONF_HIGH);
	diag_evidence(c, _("the EHLO reply on port %lld (%s) lists no AUTH: "
		      "the server offers no login there"),
		      diag_int(d, "smtp.ehlo", "port", 0),
		      sec_words(jstr(diag_details(d, "smtp.ehlo"), "mode")));
	if (after)
		diag_evidence(c, "%s", _("after STARTTLS the EHLO reply lists "
			      "no AUTH either"));
	diag_evidence(c, _("the client is set to log in as %s: it cannot, "
		      "and a client that insists on it stops with \"server "
		      "does not support authentication\""),
		      diag_str(d, "smtp.auth", "user"));
}

/* AUTH is offered, but only unencrypted (no STARTTLS) and the client is
 * not set to none: the login was not tried (sockdoc sends no password in
 * clear unasked) -- an open question, at low confidence. */
static void rule_auth_not_sent(struct diag *d)
{
	json_t *st = json_object_get(diag_details(d, "smtp.auth"), "stages");
	json_t *s = json_array_get(st, 0), *c;

	if (json_array_size(st) != 1 ||
	    strcmp(jstr(s, "outcome"), "not_sent_plaintext") ||
	    !json_is_true(json_object_get(s, "offered")) ||
	    diag_has(d, "tls.mode_mismatch") || diag_has(d, "auth.requires_tls"))
		return;
	c = diag_cause(d, "tls.mode_mismatch", CONF_LOW);
	diag_evidence(c, _("port %lld offers AUTH only without encryption (no "
		      "STARTTLS): a client set to STARTTLS or SSL/TLS cannot "
		      "log in here"), diag_int(d, "smtp.ehlo", "port", 0));
	diag_evidence(c, "%s", _("the login was not tried: sockdoc sends no "
		      "password unencrypted unless asked (--tls none tries "
		      "that login)"));
	diag_fix_first(c, "%s", _("Use the provider's submission port with "
		       "encryption (587 STARTTLS, 465 SSL/TLS); if this server "
		       "is meant to take passwords unencrypted, set the client "
		       "to no encryption"));
}

/* The relay question: refused without AUTH, accepted with it. */
static void relay_evidence(json_t *c, json_t *relay)
{
	json_t *with = json_object_get(relay, "with_auth");

	if (!relay || !json_is_object(with))
		return;
	diag_evidence(c, _("RCPT TO:<%s> (a foreign address) after logging "
		      "in: %lld %s"), jstr(relay, "address"), jint(with, "code"),
		      jstr(with, "text"));
}

/* Envelope refusals: auth.required, transfer.size_limit, server.*. */
static void rule_transaction(struct diag *d)
{
	json_t *t = diag_details(d, "smtp.transaction"), *c = NULL;
	const char *out = t ? jstr(t, "outcome") : "";
	bool auth = t && json_is_true(json_object_get(t, "authenticated"));

	if (!strcmp(out, "auth_required") ||
	    (!strcmp(out, "relay_denied") && !auth))
		c = diag_cause(d, "auth.required", CONF_HIGH);
	else if (!strcmp(out, "size"))
		c = diag_cause(d, "transfer.size_limit", CONF_HIGH);
	else if (!strcmp(out, "busy"))
		c = diag_cause(d, "server.busy", CONF_HIGH);
	else if (!strcmp(out, "policy") || !strcmp(out, "relay_denied"))
		c = diag_cause(d, "server.rejects_client", CONF_HIGH);
	if (!c)
		return;
	diag_evidence(c, _("%s answered %lld %s (%s)"),
		      jstr(t, "rejected_at"), jint(t, "code"), jstr(t, "text"),
		      auth ? _("after logging in") : _("without logging in"));
	if (!strcmp(out, "size"))
		diag_evidence(c, _("declared message size: %lld bytes"),
			      jint(t, "size_declared"));
	relay_evidence(c, json_object_get(t, "relay"));
}

/* transfer.size_limit from the SIZE the server announces. */
static void rule_size(struct diag *d)
{
	json_t *e = diag_details(d, "smtp.ehlo");
	long long lim = jint(json_object_get(e, "caps"), "size_limit");
	long long want = jint(e, "max_upload");
	json_t *c;

	if (!e || lim <= 0 || lim >= want)
		return;
	c = diag_cause(d, "transfer.size_limit", CONF_LOW);
	diag_evidence(c, _("the server announces SIZE %lld: messages over "
		      "%.1f MB (with attachments, encoded) are refused with "
		      "552"), lim, lim / 1048576.0);
	diag_evidence(c, _("the size to check (--max-upload) is %lld bytes"),
		      want);
}

/* 421/554 inside the session (after the greeting). */
static void rule_session_codes(struct diag *d)
{
	json_t *e = diag_details(d, "smtp.ehlo"), *c;
	long long code = jint(e, "after_ehlo_code");

	if (!diag_is(d, "banner", "fail") &&
	    jint(e, "greeting_code") >= 400) {
		code = jint(e, "greeting_code");
		c = diag_cause(d, code == 421 ? "server.busy"
			       : "server.rejects_client", CONF_HIGH);
		diag_evidence(c, _("the server greets with %lld \"%s\""),
			      code, jstr(e, "greeting"));
		return;
	}
	if (code == 421)
		c = diag_cause(d, "server.busy", CONF_HIGH);
	else if (code == 554)
		c = diag_cause(d, "server.rejects_client", CONF_HIGH);
	else
		return;
	diag_evidence(c, _("the greeting was 220, then EHLO/HELO was "
		      "answered %lld \"%s\" and the session ended"), code,
		      jstr(e, "after_ehlo_text"));
}

/* The cause of one "own_load" entry E (smtp.ehlo, smtp.ports) whose
 * session, tried again alone, was greeted; false when it was not. */
static bool own_load_cause(struct diag *d, json_t *e, long long port)
{
	json_t *c;

	if (!json_is_true(json_object_get(e, "retry_greeted")))
		return false;
	c = diag_cause(d, "server.connection_limit", CONF_LOW);
	diag_evidence(c, _("port %lld refused sockdoc's extra simultaneous "
			   "connection (greeted with %lld %s) while sockdoc's "
			   "own sessions were open; alone, it greets with 220"),
		      port, (long long)json_integer_value(json_object_get(
			      e, "code")),
		      json_string_value(json_object_get(e, "text")) ?: "");
	diag_evidence(c, _("the server limits simultaneous connections "
			   "per client: not busy, but a client that "
			   "opens several at once is refused"));
	diag_fix_instead(c, DIAG_GENERIC(0), _("Send over one connection at "
			 "a time: a mail client that opens a second one to "
			 "this server at once (a second account or a send "
			 "beside another) is refused with 421"));
	return true;
}

/* server.connection_limit: a session of smtp.ehlo or smtp.ports was
 * greeted with "too many connections" while sockdoc's own sessions ran
 * beside it, and greeted with 220 when tried again alone: the server
 * limits connections per client, it is not busy (ownload.h). */
static void rule_own_load(struct diag *d)
{
	json_t *det = diag_details(d, "smtp.ports");
	json_t *arr = det ? json_object_get(det, "own_load") : NULL, *e;
	json_t *eh = diag_details(d, "smtp.ehlo");
	size_t i;

	if (eh && own_load_cause(d, json_object_get(eh, "own_load"),
				 diag_int(d, "smtp.ehlo", "port", 0)))
		return;
	json_array_foreach(arr, i, e)
		if (own_load_cause(d, e, (long long)json_integer_value(
					   json_object_get(e, "port"))))
			return;
}

const diag_rule diag_rules_smtp[] = {
	rule_own_load,
	rule_mode_mismatch,
	rule_tls_handshake,
	rule_tls_certificate,
	rule_port25,
	rule_auth,
	rule_auth_mechanism,
	rule_auth_after_tls,
	rule_auth_not_offered,
	rule_auth_not_sent,
	rule_transaction,
	rule_size,
	rule_session_codes,
	NULL
};
