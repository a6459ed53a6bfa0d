/* codes_enhanced.c — RFC 3463 enhanced mail system status codes (with the
 * RFC 4954 and RFC 7372 additions) as servers send them after the reply
 * code: "550 5.7.1 Relay access denied".  Each names the causes it
 * signals; a code not listed falls back to its class (4.x.x, 5.x.x). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "explain_codes.h"
#include "i18n.h"

#define EC(sym, c1, c2, c3, text) \
	{ CODE_ENHANCED, 0, sym, text, {0}, {NULL}, {c1, c2, c3, NULL}, NULL }

const struct code_def codes_enhanced[] = {
	EC("4.x.x", "server.refused_step", "smtp.greylisted", NULL, N_("A temporary failure (RFC 3463 class 4): the same request may succeed later.")),
	EC("5.x.x", "server.refused_step", NULL, NULL, N_("A permanent failure (RFC 3463 class 5): repeating the same request fails again; something must change.")),
	EC("5.1.0", "smtp.recipient_rejected", "smtp.sender_rejected", NULL, N_("Other address status: an address (sender or recipient) is refused.")),
	EC("5.1.1", "smtp.recipient_rejected", NULL, NULL, N_("Bad destination mailbox address: no such user here.")),
	EC("5.1.2", "smtp.recipient_rejected", NULL, NULL, N_("Bad destination system address: the recipient's domain does not exist or does not accept mail.")),
	EC("5.1.3", "smtp.recipient_rejected", "smtp.sender_rejected", NULL, N_("Bad destination mailbox address syntax.")),
	EC("5.1.6", "smtp.recipient_rejected", NULL, NULL, N_("The destination mailbox has moved; no forwarding address.")),
	EC("5.1.7", "smtp.sender_rejected", NULL, NULL, N_("Bad sender's mailbox address syntax.")),
	EC("5.1.8", "smtp.sender_rejected", NULL, NULL, N_("Bad sender's system address: the sender's domain does not exist.")),
	EC("4.2.0", "smtp.greylisted", NULL, NULL, N_("Other or undefined mailbox status (temporary): often greylisting, try again later.")),
	EC("4.2.2", "server.storage_full", NULL, NULL, N_("Mailbox full (temporary).")),
	EC("5.2.2", "server.storage_full", NULL, NULL, N_("Mailbox full: the recipient's quota is used up.")),
	EC("5.2.3", "transfer.size_limit", NULL, NULL, N_("Message length exceeds the administrative limit.")),
	EC("4.3.1", "server.storage_full", NULL, NULL, N_("Mail system full (temporary): the server is out of disk space.")),
	EC("5.3.1", "server.storage_full", NULL, NULL, N_("Mail system full: the server is out of disk space.")),
	EC("4.3.2", "server.busy", NULL, NULL, N_("The system is not accepting network messages (shutting down or overloaded).")),
	EC("5.3.4", "transfer.size_limit", NULL, NULL, N_("Message too big for the system.")),
	EC("4.4.1", "tcp.filtered", "server.busy", NULL, N_("No answer from the next host (temporary).")),
	EC("4.4.2", "transfer.stall_timeout", "server.down_or_restarting", NULL, N_("Bad connection: the connection dropped during the transaction.")),
	EC("4.5.2", "smtp.helo_rejected", NULL, NULL, N_("Syntax error (temporary); with \"Helo command rejected\" the name the client introduced itself with is refused.")),
	EC("5.5.2", "smtp.helo_rejected", "server.refused_step", NULL, N_("Syntax error in a command, often the HELO/EHLO name.")),
	EC("5.5.1", "server.refused_step", NULL, NULL, N_("Invalid command.")),
	EC("4.5.3", "server.refused_step", NULL, NULL, N_("Too many recipients (temporary): send to fewer at once.")),
	EC("5.5.3", "server.refused_step", NULL, NULL, N_("Too many recipients.")),
	EC("5.6.0", "smtp.message_rejected", NULL, NULL, N_("Other media error: the message's content is refused.")),
	EC("4.7.0", "smtp.greylisted", "tls.starttls_unavailable", "server.busy", N_("Other security or policy status (temporary): greylisting, TLS not available, or a rate limit.")),
	EC("5.7.0", "auth.required", "auth.requires_tls", "tls.mode_mismatch", N_("Other security or policy status: authentication (or encryption: STARTTLS first) required.")),
	EC("4.7.1", "smtp.greylisted", "smtp.helo_rejected", "server.rejects_client", N_("Delivery not authorized (temporary): greylisting (\"try again later\"), or a policy check such as the HELO name.")),
	EC("5.7.1", "auth.required", "server.rejects_client", "smtp.message_rejected", N_("Delivery not authorized, message refused: relaying denied without login, a blocked sender or client, or content policy.")),
	EC("5.7.8", "auth.rejected", "auth.mechanism_rejected", NULL, N_("Authentication credentials invalid (RFC 4954).")),
	EC("5.7.9", "auth.mechanism_rejected", NULL, NULL, N_("Authentication mechanism is too weak (RFC 4954): pick another mechanism or use TLS.")),
	EC("5.7.11", "auth.requires_tls", NULL, NULL, N_("Encryption required for the requested authentication mechanism (RFC 4954).")),
	EC("4.7.12", "auth.requires_tls", NULL, NULL, N_("A password transition is needed (RFC 4954).")),
	EC("5.7.26", "smtp.message_rejected", "server.rejects_client", NULL, N_("Multiple authentication checks failed (SPF/DKIM/DMARC, RFC 7372).")),
	EC("5.7.27", "smtp.sender_rejected", NULL, NULL, N_("The sender address has a null MX (RFC 7505).")),
	{ CODE_ENHANCED, 0, NULL, NULL, {0}, {NULL}, {NULL}, NULL }
};

/* Digits at S, at most MAX; returns how many. */
static size_t digits(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && isdigit((unsigned char)s[n]))
		n++;
	return n;
}

/* See codes.h. */
const struct code_def *code_enhanced_parse(const char *s, size_t *len)
{
	const struct code_def *c;
	size_t b, d, n;
	char sym[16], cls[8];

	if ((s[0] != '4' && s[0] != '5') || s[1] != '.' ||
	    !(b = digits(s + 2, 3)) || s[2 + b] != '.' ||
	    !(d = digits(s + 3 + b, 3)))
		return NULL;
	n = 3 + b + d;
	if (s[n] == '.' || isalnum((unsigned char)s[n]))
		return NULL;
	snprintf(sym, sizeof(sym), "%.*s", (int)n, s);
	snprintf(cls, sizeof(cls), "%c.x.x", s[0]);
	if (len)
		*len = n;
	for (c = codes_enhanced; c->meaning; c++)
		if (!strcmp(c->symbol, sym))
			return c;
	for (c = codes_enhanced; c->meaning; c++)
		if (!strcmp(c->symbol, cls))
			return c;
	return NULL;
}
