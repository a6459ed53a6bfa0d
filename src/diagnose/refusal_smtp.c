/* refusal_smtp.c — the SMTP reply taxonomy: RFC 5321 reply codes with the
 * RFC 3463 enhanced status codes and the usual wording of real servers
 * (Postfix, Exim, Sendmail, Exchange, postgrey), mapped to causes. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "diagnose_refusals.h"

bool says(const char *text, const char *word)
{
	return text && strcasestr(text, word) != NULL;
}

bool enh_is(const char *enh, const char *code)
{
	size_t n = strlen(code);

	if (n && code[n - 1] == '.')
		return !strncmp(enh, code, n);
	return !strcmp(enh, code);
}

/* Fill OUT and return true (a shorthand for the classifiers). */
static bool set(struct rclass *out, const char *id, enum confidence conf,
		enum fix_side side, const char *supersede)
{
	out->id = id;
	out->conf = conf;
	out->side = side;
	out->supersede = supersede;
	return true;
}

/* True when the step is one of the envelope or message steps. */
static bool envelope_step(const char *step)
{
	return !strcmp(step, "MAIL") || !strcmp(step, "RCPT") ||
	       !strcmp(step, "DATA") || !strcmp(step, "DATA-END");
}

/* HELO/EHLO name refused: at EHLO/HELO itself, or later (Postfix checks
 * the name at RCPT: "404 4.5.2 <x>: Helo command rejected"). */
static bool helo_refused(const struct rseen *r)
{
	if (says(r->text, "helo command rejected") ||
	    says(r->text, "ehlo command rejected") ||
	    says(r->text, "fully-qualified hostname") ||
	    says(r->text, "fully qualified hostname") ||
	    says(r->text, "invalid helo") || says(r->text, "bad helo") ||
	    says(r->text, "helo name") || says(r->text, "ehlo name") ||
	    says(r->text, "invalid domain name in ehlo"))
		return true;
	return (!strcmp(r->step, "EHLO") || !strcmp(r->step, "HELO")) &&
	       (r->code == 501 || r->code == 504 || r->code == 550 ||
		r->code == 553 || enh_is(r->enh, "5.5.2") ||
		enh_is(r->enh, "4.5.2") || enh_is(r->enh, "5.7.1"));
}

/* Greylisting: a temporary refusal that asks to come back later. */
static bool greylisted(const struct rseen *r)
{
	if (r->code < 400 || r->code >= 500 || r->code == 421 ||
	    !envelope_step(r->step))
		return false;
	if (says(r->text, "greylist") || says(r->text, "graylist") ||
	    says(r->text, "grey-list") || says(r->text, "gray-list"))
		return true;
	return (enh_is(r->enh, "4.7.1") || enh_is(r->enh, "4.2.0") ||
		enh_is(r->enh, "4.7.0") || r->code == 450 || r->code == 451) &&
	       (says(r->text, "try again later") ||
		says(r->text, "try later") || says(r->text, "retry later") ||
		says(r->text, "please retry") || says(r->text, "come back") ||
		says(r->text, "try again in"));
}

/* Mailbox, disk or quota full (RFC 3463 x.2.2, x.3.1; RFC 5321 452). */
static bool storage_full(const struct rseen *r)
{
	if (enh_is(r->enh, "4.2.2") || enh_is(r->enh, "5.2.2") ||
	    enh_is(r->enh, "4.3.1") || enh_is(r->enh, "5.3.1"))
		return true;
	if (says(r->text, "mailbox full") || says(r->text, "mailbox is full") ||
	    says(r->text, "over quota") || says(r->text, "quota exceeded") ||
	    says(r->text, "disk full") || says(r->text, "insufficient") ||
	    says(r->text, "no space"))
		return true;
	return r->code == 452 && !enh_is(r->enh, "4.5.3") &&
	       !says(r->text, "too many recipients");
}

/* A message too large (RFC 3463 x.3.4, x.2.3): transfer.size_limit. */
static bool too_large(const struct rseen *r)
{
	return enh_is(r->enh, "5.3.4") || enh_is(r->enh, "5.2.3") ||
	       enh_is(r->enh, "4.3.4") || says(r->text, "too big") ||
	       says(r->text, "too large") || says(r->text, "size exceeds") ||
	       says(r->text, "exceeds size") || says(r->text, "size limit") ||
	       says(r->text, "too much mail data") ||
	       says(r->text, "message size");
}

/* Relaying denied: the server does not forward for an unknown client. */
static bool relay_denied(const struct rseen *r)
{
	return r->code >= 500 && says(r->text, "relay");
}

/* Login or encryption demanded before the envelope (530, 5.7.0, 5.7.11). */
static bool access_class(const struct rseen *r, struct rclass *out)
{
	if ((r->code == 530 || r->code == 538 || enh_is(r->enh, "5.7.11")) &&
	    (says(r->text, "STARTTLS") || says(r->text, "TLS") ||
	     says(r->text, "encryption")))
		return set(out, "auth.requires_tls", CONF_HIGH, SIDE_CLIENT,
			   NULL);
	if (r->code == 530 || enh_is(r->enh, "5.7.0") ||
	    says(r->text, "authentication required") ||
	    says(r->text, "auth required"))
		return set(out, "auth.required", CONF_HIGH, SIDE_CLIENT,
			   "server.rejects_client");
	return false;
}

/* The recipient does not exist: the usual words of the servers. */
static bool unknown_user(const struct rseen *r)
{
	return says(r->text, "user unknown") || says(r->text, "unknown user") ||
	       says(r->text, "no such user") ||
	       says(r->text, "does not exist") ||
	       says(r->text, "mailbox unavailable") ||
	       says(r->text, "mailbox not found");
}

/* A policy refusal's words ("Access denied", "blocked"): not an address
 * problem but the server's rule about this client. */
static bool policy_words(const struct rseen *r)
{
	return says(r->text, "denied") || says(r->text, "blocked") ||
	       says(r->text, "policy") || says(r->text, "not allowed") ||
	       says(r->text, "rejected: client");
}

/* The classes of MAIL and RCPT refusals (sender, recipient, relaying). */
static bool envelope_class(struct diag *d, const struct rseen *r,
			   struct rclass *out)
{
	if (relay_denied(r))
		return diag_bool(d, "smtp.transaction", "authenticated") ?
		       set(out, "server.rejects_client", CONF_HIGH,
			   SIDE_PROVIDER, NULL) :
		       set(out, "auth.required", CONF_HIGH, SIDE_CLIENT,
			   "server.rejects_client");
	if (!strcmp(r->step, "MAIL") && r->code >= 500 &&
	    (enh_is(r->enh, "5.1.") || says(r->text, "sender") ||
	     says(r->text, "not owned") || says(r->text, "does not match")))
		return set(out, "smtp.sender_rejected", CONF_HIGH, SIDE_CLIENT,
			   "server.rejects_client");
	if (!strcmp(r->step, "RCPT") && r->code >= 500 &&
	    (enh_is(r->enh, "5.1.") || unknown_user(r) ||
	     (!enh_is(r->enh, "5.7.") && !policy_words(r) &&
	      (r->code == 550 || says(r->text, "recipient address rejected")))))
		return set(out, "smtp.recipient_rejected", CONF_HIGH,
			   SIDE_CLIENT, "server.rejects_client");
	return false;
}

/* The message itself refused (DATA-END 5.7.x / 554 / spam words). */
static bool message_class(const struct rseen *r, struct rclass *out)
{
	if (strcmp(r->step, "DATA-END") && strcmp(r->step, "DATA"))
		return false;
	if (r->code >= 500 &&
	    (enh_is(r->enh, "5.7.") || enh_is(r->enh, "5.6.") ||
	     r->code == 554 || says(r->text, "spam") ||
	     says(r->text, "virus") || says(r->text, "content") ||
	     says(r->text, "policy")))
		return set(out, "smtp.message_rejected", CONF_HIGH,
			   SIDE_CLIENT, "server.rejects_client");
	return false;
}

/* Session-level refusals: busy, policy greetings, STARTTLS, AUTH. */
static bool session_class(const struct rseen *r, struct rclass *out)
{
	if (r->code == 421)
		return set(out, "server.busy", CONF_HIGH, SIDE_SERVER, NULL);
	if (!strcmp(r->step, "greeting") && r->code >= 500)
		return set(out, "server.rejects_client", CONF_HIGH,
			   SIDE_PROVIDER, NULL);
	if (!strcmp(r->step, "STARTTLS") && r->code >= 400 && r->code < 500)
		return set(out, "tls.starttls_unavailable", CONF_HIGH,
			   SIDE_SERVER, NULL);
	if (!strcmp(r->step, "AUTH") && (r->code == 535 || r->code == 534 ||
					 enh_is(r->enh, "5.7.8")))
		return set(out, "auth.rejected", CONF_HIGH, SIDE_CLIENT, NULL);
	return false;
}

/* True when the probe of R logged in with another mechanism than the one
 * R refused (details "authenticated" + "mechanism", or "mechanisms_ok"). */
static bool other_mech_works(struct diag *d, const struct rseen *r)
{
	json_t *det = diag_details(d, r->probe), *ok, *m;
	const char *bad = json_string_value(json_object_get(r->r, "mechanism"));
	const char *used = json_string_value(json_object_get(det, "mechanism"));
	size_t i;

	if (!bad)
		return false;
	if (json_is_true(json_object_get(det, "authenticated")) && used &&
	    strcasecmp(used, bad))
		return true;
	ok = json_object_get(det, "mechanisms_ok");
	json_array_foreach(ok, i, m)
		if (json_is_string(m) && strcasecmp(json_string_value(m), bad))
			return true;
	return false;
}

bool refusal_class_smtp(struct diag *d, const struct rseen *r,
			struct rclass *out)
{
	if (r->code < 400 && !json_object_get(r->r, "malformed"))
		return false;
	if (json_object_get(r->r, "malformed"))
		return set(out, "server.malformed_reply", CONF_HIGH,
			   SIDE_SERVER, NULL);
	if (helo_refused(r))
		return set(out, "smtp.helo_rejected", CONF_HIGH, SIDE_CLIENT,
			   "server.rejects_client");
	if (greylisted(r))
		return set(out, "smtp.greylisted", CONF_HIGH, SIDE_WAIT,
			   "server.busy");
	if (!strcmp(r->step, "AUTH") && r->code >= 500 &&
	    other_mech_works(d, r))
		return set(out, "auth.mechanism_rejected", CONF_HIGH,
			   SIDE_CLIENT, "auth.rejected");
	if (session_class(r, out) || access_class(r, out))
		return true;
	if (envelope_step(r->step) && too_large(r))
		return set(out, "transfer.size_limit", CONF_HIGH, SIDE_CLIENT,
			   NULL);
	if (envelope_step(r->step) && storage_full(r))
		return set(out, "server.storage_full", CONF_HIGH, SIDE_SERVER,
			   "transfer.size_limit");
	if (envelope_class(d, r, out) || message_class(r, out))
		return true;
	if (envelope_step(r->step) && enh_is(r->enh, "5.7."))
		return set(out, "server.rejects_client", CONF_HIGH,
			   SIDE_PROVIDER, NULL);
	return false;
}
