/* rank.c — explain_rank(): which catalog causes produce the codes of a
 * message.  The catalog's winsock/outlook columns decide (plus the cause
 * ids a code names where the catalog has no column); a cause that explains
 * more of the message's clues ranks higher, catalog order breaks ties. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "explain.h"
#include "explain_priors.h"

/* Does cause D list Winsock error WS? */
static bool has_winsock(const struct cause_def *d, int ws)
{
	int i;

	for (i = 0; ws && i < CAUSE_MAX_CODES && d->winsock[i]; i++)
		if (d->winsock[i] == ws)
			return true;
	return false;
}

/* Does cause D list Outlook code OL ("0x800CCC0E")? */
static bool has_outlook(const struct cause_def *d, const char *ol)
{
	int i;

	for (i = 0; ol && i < CAUSE_MAX_CODES && d->outlook[i]; i++)
		if (strcasecmp(d->outlook[i], ol) == 0)
			return true;
	return false;
}

/* Is C the code cause D lists first (the error it mainly produces), or,
 * for a code that names causes itself, is D the first it names? */
static bool primary_code(const struct cause_def *d, const struct code_def *c,
			 const char *own)
{
	if (c->family == CODE_ENHANCED)
		return c->causes[0] && strcmp(c->causes[0], d->id) == 0;
	if (c->family == CODE_WINSOCK)
		return d->winsock[0] == c->number;
	if (c->family == CODE_OUTLOOK)
		return d->outlook[0] && strcasecmp(d->outlook[0], own) == 0;
	return d->winsock[0] && d->winsock[0] == c->winsock[0];
}

/* Does code C name cause D by id (replies, curl codes, phrases)? */
static bool code_names(const struct cause_def *d, const struct code_def *c)
{
	int i;

	for (i = 0; i < CODE_MAX_LINKS && c->causes[i]; i++)
		if (strcmp(c->causes[i], d->id) == 0)
			return true;
	return false;
}

/* Does code C point at cause D, directly or through its links? */
static bool code_hits(const struct cause_def *d, const struct code_def *c)
{
	char own[160];
	int i;

	code_format(c, own, sizeof(own));
	if (c->family == CODE_WINSOCK && has_winsock(d, (int)c->number))
		return true;
	if (c->family == CODE_OUTLOOK && has_outlook(d, own))
		return true;
	for (i = 0; i < CODE_MAX_LINKS; i++)
		if (has_winsock(d, c->winsock[i]) || has_outlook(d, c->outlook[i]))
			return true;
	return code_names(d, c);
}

/* 10 per code that points at D; 2 more when the code names D itself,
 * 1 more when D lists the code first (the error it mainly produces);
 * plus how often D produces the code (explain_priors.c). */
static int code_score(const struct cause_def *d, const struct code_def *c)
{
	char own[160];

	if (!code_hits(d, c))
		return 0;
	code_format(c, own, sizeof(own));
	return 10 + (code_names(d, c) ? 2 : 0) +
	       (primary_code(d, c, own) ? 1 : 0) + explain_prior(c, d->id);
}

/* Causes of the other protocol do not apply once the protocol is known. */
static bool wrong_protocol(const struct explain_msg *m, const char *id)
{
	bool ftp_cause = strncmp(id, "ftp.", 4) == 0 ||
			 strcmp(id, "transfer.control_idle_timeout") == 0;
	bool smtp_cause = strncmp(id, "smtp.", 5) == 0 ||
			  strcmp(id, "auth.required") == 0;

	if (strcmp(m->protocol, "smtp") == 0)
		return ftp_cause;
	if (strcmp(m->protocol, "ftp") == 0)
		return smtp_cause;
	if (!strcmp(m->protocol, "pop3") || !strcmp(m->protocol, "imap"))
		return smtp_cause || ftp_cause;
	return false;
}

/* Does some code or phrase of M name cause ID itself?  A proxy cause
 * shares 10061/10060 with the server's own port: without a word about a
 * proxy in the message it ranks below the causes sharing the code. */
static bool named_by_message(const struct explain_msg *m, const char *id)
{
	const struct cause_def *d = cause_find(id);
	int i;

	for (i = 0; d && i < m->ncodes; i++)
		if (code_names(d, m->codes[i]))
			return true;
	return false;
}

/* What the message's settings add: a bad server field is a finding of
 * its own (and without one, a malformed field is less likely than the
 * causes sharing its codes); port 25 with SSL off is the seed's pair;
 * an implicit-TLS port with SSL off (or the reverse) is a mismatch. */
static int context_score(const struct explain_msg *m, const char *id,
			 int score)
{
	bool smtp25 = strcmp(m->protocol, "smtp") == 0 && m->port == 25;

	if (strcmp(id, "input.host_malformed") == 0)
		return explain_server_finding(m) ? score + 100 :
		       (score > 2 ? score - 2 : score);
	/* The message's own port and SSL fields prove a mismatch: first. */
	if (strcmp(id, "tls.mode_mismatch") == 0 &&
	    explain_mode_mismatch(m, NULL, 0))
		return score + 30;
	if (!score)
		return 0;
	if (strncmp(id, "proxy.", 6) == 0 && !named_by_message(m, id))
		return score > 2 ? score - 2 : score;
	if (smtp25 && strcmp(id, "smtp.port25_blocked") == 0)
		return score + 2;
	if (smtp25 && m->ssl == EXPLAIN_SSL_NO &&
	    strcmp(id, "tls.mode_mismatch") == 0)
		return score + 3;
	return score;
}

/* True when the message shows the control connection at work: an
 * FTP or SMTP reply of success came (FileZilla's log: 227, 257...). */
static bool control_works(const struct explain_msg *m)
{
	int i;

	for (i = 0; i < m->nreplies; i++)
		if (m->replies[i] >= 200 && m->replies[i] < 400 &&
		    m->replies[i] != 220)
			return true;
	return false;
}

/* Causes that would have stopped the session before the replies the
 * message shows: the name, the route, the port, the greeting. */
static bool ruled_out(const struct explain_msg *m, const char *id)
{
	static const char *const early[] = {
		"dns.", "net.", "tcp.", "input.", "smtp.port25_blocked",
		"service.wrong_protocol", "server.busy", NULL
	};
	int i;

	if (!control_works(m))
		return false;
	for (i = 0; early[i]; i++)
		if (!strncmp(id, early[i], strlen(early[i])))
			return true;
	return false;
}

/* Insert keeping OUT sorted by score, catalog order among equals. */
static int insert(struct explain_cause *out, int n, int max,
		  const struct cause_def *d, int score)
{
	int i;

	if (n >= max)
		return n;
	for (i = n; i > 0 && out[i - 1].score < score; i--)
		out[i] = out[i - 1];
	out[i].def = d;
	out[i].score = score;
	return n + 1;
}

/* See explain.h. */
int explain_rank(const struct explain_msg *m, struct explain_cause *out,
		 int max)
{
	const struct cause_def *d;
	int i, j, score, n = 0;

	/* POP3/IMAP: only the causes of any protocol (login, TLS, the
	 * connection) apply; wrong_protocol() drops the SMTP and FTP ones. */
	for (i = 0; i < cause_catalog_size; i++) {
		d = &cause_catalog[i];
		if (wrong_protocol(m, d->id) || ruled_out(m, d->id))
			continue;
		score = 0;
		for (j = 0; j < m->ncodes; j++)
			score += code_score(d, m->codes[j]);
		score = context_score(m, d->id, score);
		if (score > 0)
			n = insert(out, n, max, d, score);
	}
	return n;
}
