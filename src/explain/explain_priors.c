/* explain_priors.c — the catalog of priors: for each common code, the
 * causes that produce it and how often, from help-desk experience
 * (causes.md): 6 the usual reason, 4 common, 2 occasional, 1 rare.
 * Causes a code reaches without a row here get 0 and rank by their clue
 * score and the catalog order. */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "explain_priors.h"
#include "util.h"

/* One row: a Winsock error or an Outlook code, a cause, its prior. */
struct prior {
	long winsock;        /* Winsock number, 0 for an Outlook row */
	const char *outlook; /* "0x800CCC0E", NULL for a Winsock row */
	const char *cause;   /* cause id (causes.c) */
	int prior;           /* 1..6 */
};

static const struct prior priors[] = {
	/* 10060 WSAETIMEDOUT: no answer */
	{ 10060, NULL, "tcp.filtered", 6 },
	{ 10060, NULL, "smtp.port25_blocked", 5 },
	{ 10060, NULL, "ftp.passive_blocked", 3 },
	{ 10060, NULL, "transfer.stall_timeout", 3 },
	{ 10060, NULL, "ftp.pasv_address_private", 2 },
	{ 10060, NULL, "ftp.epsv_unsupported", 1 },
	{ 10060, NULL, "net.ipv6_broken", 1 },
	/* 10061 WSAECONNREFUSED */
	{ 10061, NULL, "tcp.refused", 6 },
	{ 10061, NULL, "server.down_or_restarting", 2 },
	{ 10061, NULL, "server.rate_limit", 1 },
	/* 10054 WSAECONNRESET */
	{ 10054, NULL, "tcp.reset_on_connect", 5 },
	{ 10054, NULL, "tls.mode_mismatch", 4 },
	{ 10054, NULL, "server.rejects_client", 3 },
	{ 10054, NULL, "server.busy", 3 },
	{ 10054, NULL, "transfer.reset_after_bytes", 4 },
	{ 10054, NULL, "local.proxy", 2 },
	{ 10054, NULL, "tls.handshake_failed", 2 },
	{ 10054, NULL, "server.down_or_restarting", 2 },
	{ 10054, NULL, "ftp.data_tls", 2 },
	{ 10054, NULL, "service.wrong_protocol", 1 },
	{ 10054, NULL, "ftp.active_blocked", 1 },
	/* 10053 WSAECONNABORTED */
	{ 10053, NULL, "conn.graceful_then_reset", 5 },
	{ 10053, NULL, "local.proxy", 4 },
	{ 10053, NULL, "tls.mode_mismatch", 2 },
	/* 11001 WSAHOST_NOT_FOUND */
	{ 11001, NULL, "dns.nxdomain", 6 },
	{ 11001, NULL, "input.host_malformed", 3 },
	/* 10065 WSAEHOSTUNREACH, 10051 WSAENETUNREACH */
	{ 10065, NULL, "net.unreachable", 6 },
	{ 10051, NULL, "net.unreachable", 6 },
	/* Outlook: cannot connect */
	{ 0, "0x800CCC0E", "tcp.filtered", 6 },
	{ 0, "0x800CCC0E", "smtp.port25_blocked", 5 },
	{ 0, "0x800CCC0E", "tcp.refused", 5 },
	{ 0, "0x800CCC0E", "tls.mode_mismatch", 4 },
	{ 0, "0x800CCC0E", "net.unreachable", 3 },
	{ 0, "0x800CCC0E", "tcp.reset_on_connect", 2 },
	{ 0, "0x800CCC0E", "server.busy", 1 },
	{ 0, "0x800CCC0E", "net.ipv6_broken", 1 },
	/* Outlook: the connection was dropped */
	{ 0, "0x800CCC0F", "tls.mode_mismatch", 6 },
	{ 0, "0x800CCC0F", "local.proxy", 4 },
	{ 0, "0x800CCC0F", "server.rejects_client", 3 },
	{ 0, "0x800CCC0F", "conn.graceful_then_reset", 2 },
	{ 0, "0x800CCC0F", "tcp.reset_on_connect", 2 },
	{ 0, "0x800CCC0F", "server.busy", 2 },
	{ 0, "0x800CCC0F", "service.wrong_protocol", 1 },
	/* Outlook: the server timed out */
	{ 0, "0x800CCC0B", "transfer.stall_timeout", 5 },
	{ 0, "0x800CCC0B", "server.busy", 2 },
	/* Outlook: the server could not be found */
	{ 0, "0x800CCC0D", "dns.nxdomain", 6 },
	{ 0, "0x800CCC0D", "input.host_malformed", 4 },
	{ 0, "0x800CCC0D", "dns.no_address", 3 },
};

/* Winsock error C stands for (its own number or its first link). */
static long winsock_of(const struct code_def *c)
{
	return c->family == CODE_WINSOCK ? c->number : c->winsock[0];
}

/* True when the table has rows for Outlook code OWN. */
static bool outlook_rows(const char *own)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(priors); i++)
		if (priors[i].outlook && !strcasecmp(priors[i].outlook, own))
			return true;
	return false;
}

/* See explain_priors.h. */
int explain_prior(const struct code_def *c, const char *id)
{
	char own[32];
	long ws = winsock_of(c);
	bool by_outlook;
	size_t i;

	code_format(c, own, sizeof(own));
	/* An Outlook code with rows of its own uses them, not the rows of
	 * the Winsock error it is linked to; one without rows those of the
	 * Outlook code it is linked to (0x80042109 -> 0x800CCC0E). */
	if (c->family == CODE_OUTLOOK && !outlook_rows(own) && c->outlook[0])
		str_copy(own, c->outlook[0], sizeof(own));
	by_outlook = c->family == CODE_OUTLOOK && outlook_rows(own);
	for (i = 0; i < ARRAY_SIZE(priors); i++) {
		if (strcmp(priors[i].cause, id))
			continue;
		if (by_outlook && priors[i].outlook &&
		    !strcasecmp(priors[i].outlook, own))
			return priors[i].prior;
		if (!by_outlook && priors[i].winsock && priors[i].winsock == ws)
			return priors[i].prior;
	}
	return 0;
}
