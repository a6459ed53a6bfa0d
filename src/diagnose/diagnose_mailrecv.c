/* diagnose_mailrecv.c — rules for the receiving side of mail, POP3 and
 * IMAP (causes.md): the greeting's refusal, the security mode against
 * what the port speaks, the login's answer read by its response code
 * (RFC 2449 8.1 [IN-USE] [LOGIN-DELAY], RFC 3206 [SYS/TEMP] [SYS/PERM]
 * [AUTH], RFC 5530 [AUTHENTICATIONFAILED] [UNAVAILABLE] [INUSE]
 * [PRIVACYREQUIRED]) and the read-only look at the mailbox.  They read
 * the details of banner, mailrecv.caps, mailrecv.login, mailrecv.mailbox
 * and mailrecv.ports; the TLS handshake and certificate causes are the
 * SMTP family's rules, which read mailrecv.tls as well. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "diagnose.h"
#include "i18n.h"
#include "util.h"

#define MR_READ_KB 256 /* MR_READ_MAX (checks/mailrecv/lib/mr_conn.h) */

/* String member KEY of object O, "" when absent. */
static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* "POP3" or "IMAP" from mailrecv.caps (or the target). */
static const char *proto_up(struct diag *d)
{
	const char *p = jstr(diag_target(d), "protocol");

	return !strcmp(p, "imap") ? "IMAP" : "POP3";
}

/* True for a POP3/IMAP target. */
static bool is_mailrecv(struct diag *d)
{
	const char *p = jstr(diag_target(d), "protocol");

	return !strcmp(p, "pop3") || !strcmp(p, "imap");
}

/* A person's words for a security mode token. */
static const char *sec_words(const char *sec)
{
	if (!strcmp(sec, "implicit"))
		return _("SSL/TLS (implicit TLS)");
	if (!strcmp(sec, "starttls"))
		return _("STARTTLS");
	return _("no encryption");
}

/* The pair mailrecv.ports recommends into PAIR; false when none. */
static bool working_pair(struct diag *d, char *pair, size_t size)
{
	json_t *rec = json_object_get(diag_details(d, "mailrecv.ports"),
				      "recommended");

	if (!json_is_object(rec))
		return false;
	str_printf(pair, size, _("port %lld with %s"),
		   (long long)json_integer_value(json_object_get(rec, "port")),
		   sec_words(jstr(rec, "security")));
	return true;
}

/* The greeting's status and text: banner's, else mailrecv.caps's. */
static bool greeting_refused(struct diag *d, const char **st,
			     const char **text)
{
	*st = diag_str(d, "banner", "status");
	*text = diag_str(d, "banner", "text");
	if (!*st) {
		*st = diag_str(d, "mailrecv.caps", "greeting_status");
		*text = diag_str(d, "mailrecv.caps", "greeting");
	}
	if (!*text)
		*text = "";
	return *st && (!strcmp(*st, "-ERR") || !strcmp(*st, "BYE"));
}

/* server.busy / server.unavailable / server.rejects_client: the server
 * greets with -ERR or * BYE. */
static void rule_greeting(struct diag *d)
{
	const char *st, *text, *id;
	json_t *c;

	if (!is_mailrecv(d) || !greeting_refused(d, &st, &text))
		return;
	if (strcasestr(text, "[SYS/TEMP]") || strcasestr(text, "[UNAVAILABLE]"))
		id = "server.unavailable";
	else if (strcasestr(text, "too many") || strcasestr(text, "busy") ||
		 strcasestr(text, "connections") ||
		 strcasestr(text, "try again") || strcasestr(text, "load"))
		id = "server.busy";
	else
		id = "server.rejects_client";
	c = diag_cause(d, id, CONF_HIGH);
	diag_evidence(c, _("the %s server greets with %s: \"%s\""),
		      proto_up(d), st, text);
}

/* The mismatch sentence, or NULL: the client's setting vs the port. */
static const char *mismatch_case(struct diag *d, const char *mode)
{
	const char *cl = jstr(diag_target(d), "tls");
	json_t *caps = json_object_get(diag_details(d, "mailrecv.caps"),
				       "caps");

	if (!strcmp(mode, "implicit") &&
	    (!strcmp(cl, "none") || !strcmp(cl, "starttls")))
		return _("the port expects TLS from the first byte (implicit "
			 "TLS), but the client is set to %s");
	if (!strcmp(mode, "plain") && !strcmp(cl, "implicit"))
		return _("the port speaks plain text first (STLS/STARTTLS at "
			 "most), but the client is set to %s and starts with a "
			 "TLS handshake");
	if (!strcmp(mode, "plain") && !strcmp(cl, "starttls") &&
	    !json_is_true(json_object_get(caps, "starttls")))
		return _("the client is set to %s, but the server does not "
			 "offer STLS/STARTTLS on this port");
	return NULL;
}

/* Evidence of one mailrecv.caps session. */
static void session_evidence(json_t *c, json_t *s, const char *what)
{
	const char *out = jstr(s, "outcome");

	if (!s)
		return;
	if (json_is_true(json_object_get(s, "greeted")))
		diag_evidence(c, _("%s: greeting \"%s\" after %lld ms"), what,
			      jstr(s, "greeting"),
			      (long long)json_integer_value(
				      json_object_get(s, "duration_ms")));
	else if (!strcmp(out, "no_greeting"))
		diag_evidence(c, _("%s: connected, but no greeting came in "
			      "%lld ms"), what, (long long)json_integer_value(
				      json_object_get(s, "duration_ms")));
	else
		diag_evidence(c, _("%s: %s %s"), what, out,
			      jstr(s, "tls_error"));
}

/* tls.mode_mismatch: the client's security setting cannot work here. */
static void rule_mode_mismatch(struct diag *d)
{
	json_t *e = diag_details(d, "mailrecv.caps"), *c;
	const char *why;
	char pair[160];

	if (!e || !(why = mismatch_case(d, jstr(e, "mode"))))
		return;
	c = diag_cause(d, "tls.mode_mismatch", CONF_HIGH);
	diag_evidence(c, why, sec_words(jstr(diag_target(d), "tls")));
	session_evidence(c, json_object_get(e, "plain"),
			 _("plain text (what a client without SSL does)"));
	session_evidence(c, json_object_get(e, "implicit"),
			 _("implicit TLS (what a client with SSL does)"));
	diag_fix_first(c, _("Incoming mail server in Outlook/Thunderbird: "
		       "POP3 995 or IMAP 993 with SSL/TLS (\"This server "
		       "requires an encrypted connection\"), 110 or 143 with "
		       "STARTTLS or none"));
	if (working_pair(d, pair, sizeof(pair))) {
		diag_evidence(c, _("measured: %s works"), pair);
		diag_fix_first(c, _("Set the client to %s"), pair);
	}
}

/* The failed login attempt that tells most: the first whose outcome is
 * OUTCOME, NULL when none. */
static json_t *attempt_with(struct diag *d, const char *outcome)
{
	json_t *a = json_object_get(diag_details(d, "mailrecv.login"),
				    "attempts"), *x;
	size_t i;

	json_array_foreach(a, i, x)
		if (!strcmp(jstr(x, "outcome"), outcome))
			return x;
	return NULL;
}

/* Evidence line of a refused attempt X. */
static void attempt_evidence(json_t *c, json_t *x, const char *proto)
{
	if (*jstr(x, "status"))
		diag_evidence(c, _("%s %s (method %s) was answered %s \"%s\""),
			      proto, jstr(x, "step"), jstr(x, "method"),
			      jstr(x, "status"), jstr(x, "text"));
	else
		diag_evidence(c, _("%s login with %s: %s"), proto,
			      jstr(x, "method"), jstr(x, "outcome"));
}

/* The cause of a refused login attempt with OUTCOME, NULL: none. */
static const char *login_cause(const char *outcome)
{
	static const char *const map[][2] = {
		{ "login_denied", "auth.rejected" },
		{ "requires_tls", "auth.requires_tls" },
		{ "login_disabled", "auth.requires_tls" },
		{ "in_use", "mailbox.in_use" },
		{ "login_delay", "auth.login_delay" },
		{ "unavailable", "server.unavailable" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(outcome, map[i][0]))
			return map[i][1];
	return NULL;
}

/* The measured pair with TLS as the first fix of C, when there is one. */
static void tls_pair_fix(struct diag *d, json_t *c)
{
	json_t *rec = json_object_get(diag_details(d, "mailrecv.ports"),
				      "recommended");
	char pair[160];

	if (json_is_object(rec) && strcmp(jstr(rec, "security"), "plain") &&
	    working_pair(d, pair, sizeof(pair)))
		diag_fix_first(c, _("Set the client to %s"), pair);
}

/* One cause per kind of refused login attempt. */
static void rule_login(struct diag *d)
{
	json_t *l = diag_details(d, "mailrecv.login"), *a, *x, *c;
	const char *ok = diag_str(d, "mailrecv.login", "method_ok"), *id;
	size_t i;

	if (!l)
		return;
	a = json_object_get(l, "attempts");
	json_array_foreach(a, i, x) {
		id = login_cause(jstr(x, "outcome"));
		if (!id || (attempt_with(d, jstr(x, "outcome")) != x))
			continue;
		c = diag_cause(d, id, ok && *ok ? CONF_MEDIUM : CONF_HIGH);
		attempt_evidence(c, x, proto_up(d));
		if (!strcmp(jstr(x, "outcome"), "login_disabled"))
			diag_evidence(c, _("the server lists LOGINDISABLED: it "
				      "takes no password on this connection "
				      "(RFC 9051 6.2.3)"));
		if (!strcmp(id, "auth.requires_tls"))
			tls_pair_fix(d, c);
		if (ok && *ok)
			diag_fix_first(c, _("Use the login method that works: "
				       "%s"), ok);
	}
}

/* auth.requires_tls without a login: the capabilities say it already. */
static void rule_logindisabled(struct diag *d)
{
	json_t *caps = json_object_get(diag_details(d, "mailrecv.caps"),
				       "caps"), *c;
	const char *cl = jstr(diag_target(d), "tls");

	if (!json_is_true(json_object_get(caps, "logindisabled")) ||
	    diag_has(d, "auth.requires_tls") ||
	    (strcmp(cl, "none") &&
	     json_is_true(json_object_get(caps, "starttls"))))
		return;
	c = diag_cause(d, "auth.requires_tls", CONF_MEDIUM);
	diag_evidence(c, _("the IMAP server lists LOGINDISABLED without TLS: "
		      "a client set to no encryption cannot log in"));
	if (!json_is_true(json_object_get(caps, "starttls")))
		diag_evidence(c, _("and it offers no STARTTLS on this port: "
			      "use the implicit-TLS port (993)"));
}

/* The login the user asked for (--user and a password) was not tried
 * because the server offers no encryption and the client is not set to
 * none: not "no problem" but an open question, said at low confidence
 * (sockdoc never sends the password unencrypted unasked). */
static void rule_login_not_sent(struct diag *d)
{
	json_t *rec = json_object_get(diag_details(d, "mailrecv.ports"),
				      "recommended"), *c;
	const char *why = diag_str(d, "mailrecv.login", "not_sent");
	char pair[160];

	if (!why || strcmp(why, "no_tls") ||
	    diag_has(d, "auth.requires_tls") ||
	    diag_has(d, "tls.mode_mismatch"))
		return;
	c = diag_cause(d, "tls.mode_mismatch", CONF_LOW);
	diag_evidence(c, _("the %s server on port %lld offers no encryption "
		      "(no STARTTLS): a client set to STARTTLS or SSL/TLS "
		      "cannot log in here"), proto_up(d),
		      diag_int(d, "reach", "port", 0));
	diag_evidence(c, "%s", _("the login was not tried: sockdoc sends no "
		      "password unencrypted unless asked (--tls none tries "
		      "that login)"));
	diag_fix_first(c, "%s", _("If the server is meant to take passwords "
		       "unencrypted (a trusted network), set the client to no "
		       "encryption; otherwise ask the administrator to turn "
		       "on TLS"));
	if (json_is_object(rec) && strcmp(jstr(rec, "security"), "plain") &&
	    working_pair(d, pair, sizeof(pair))) {
		diag_evidence(c, _("measured: %s works"), pair);
		diag_fix_first(c, _("Set the client to %s"), pair);
	}
}

/* The mailbox cannot be opened after a login that worked. */
static void rule_mailbox(struct diag *d)
{
	json_t *m = diag_details(d, "mailrecv.mailbox"), *c;
	const char *out = jstr(m, "outcome"), *id;

	if (!m || !diag_is(d, "mailrecv.mailbox", "fail"))
		return;
	id = login_cause(out);
	if (!id || !strcmp(id, "auth.rejected"))
		id = "mailbox.open_failed";
	c = diag_cause(d, id, CONF_HIGH);
	diag_evidence(c, _("after a login that worked, %s was answered %s "
		      "\"%s\""), jstr(m, "command"), jstr(m, "status"),
		      jstr(m, "text"));
}

/* server.endless_reply: a capability list (or any answer) past the
 * session's read bound. */
static void rule_endless(struct diag *d)
{
	json_t *e = diag_details(d, "mailrecv.caps"), *s, *c;
	const char *which[] = { "plain", "implicit" };
	size_t i;

	for (i = 0; e && i < ARRAY_SIZE(which); i++) {
		s = json_object_get(e, which[i]);
		if (strcmp(jstr(s, "outcome"), "overlong"))
			continue;
		c = diag_cause(d, "server.endless_reply", CONF_HIGH);
		diag_evidence(c, _("the %s answer to %s never ended: sockdoc "
			      "stopped after %d KB"), proto_up(d),
			      *jstr(s, "fail_step") ? jstr(s, "fail_step")
						    : "greeting",
			      MR_READ_KB);
		return;
	}
}

const diag_rule diag_rules_mailrecv[] = {
	rule_endless,
	rule_greeting,
	rule_mode_mismatch,
	rule_login,
	rule_logindisabled,
	rule_login_not_sent,
	rule_mailbox,
	NULL
};
