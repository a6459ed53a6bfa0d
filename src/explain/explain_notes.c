/* notes.c — what 10054 and 10053 mean to programmers whose own client and
 * server reset each other (causes.md "Beyond the probe", from the seeds). */
#include "config.h"

#include <stddef.h>

#include "i18n.h"
#include "explain_out.h"

static const char *const notes_10054[] = {
	N_("The other side sent a TCP RST (WSAECONNRESET): the server program stopped or crashed, the host rebooted, the server closed with SO_LINGER 0 (a hard close), or a firewall, antivirus or proxy in between killed the connection."),
	N_("TCP keeps no message boundaries: one recv() can return two messages or half of one. A side that waits for data it has in fact already read times out and closes or aborts, and the other side sees a reset. For your own service on any port, `sockdoc --watch 10 tcp://HOST:PORT` holds a silent connection and shows when and how it ends (the other side's timeout), and `sockdoc --trials halfclose tcp://HOST:PORT` how the server closes once the client stops sending."),
	N_("A hard close (SO_LINGER with a zero timeout, then close) sends RST instead of FIN: the peer gets 10054 instead of a clean end of stream. `sockdoc --trials halfclose tcp://HOST:PORT` shows which your server does: its own FIN after the client's (graceful) or RST (a hard close)."),
	N_("A peer process that crashed or was killed: its operating system answers the next segment with RST."),
	N_("A server that was restarted does not know the old connection: a client still using it gets 10054 on the next send, again and again until it reconnects. Detect the reset and open a new connection."),
	N_("Which probe tells them apart: the reach and banner probes show a reset at connect or before the greeting; trial.halfclose shows FIN-then-reset; watch mode (--watch) shows a server that goes away and comes back; trial.upload shows a reset after a fixed number of bytes. For a service that is neither mail nor FTP, the same probes run on tcp://HOST:PORT (the upload with --trials upload --send-bytes SIZE --sink-ok, when the service reads and discards what it gets)."),
	NULL
};

static const char *const notes_10053[] = {
	N_("10053 versus 10054: if the peer closes cleanly (FIN) and this side writes again, the peer answers that write with RST and Windows reports 10053 WSAECONNABORTED on this side; an RST that arrives by itself (no close first) gives 10054 WSAECONNRESET."),
	N_("So 10053 usually means: the server said goodbye (often with a final reply that explains why) and the client kept writing. Read the server's last reply before sending more. The trial.halfclose probe shows this sequence."),
	NULL
};

/* Winsock number a code stands for, directly or through its link. */
static long winsock_of(const struct code_def *c)
{
	if (c->family == CODE_WINSOCK)
		return c->number;
	if (c->family == CODE_ERRNO)
		return c->winsock[0];
	return 0;
}

/* See out.h. */
const char *const *explain_notes(const struct code_def *c)
{
	long ws = winsock_of(c);

	if (ws == 10054)
		return notes_10054;
	if (ws == 10053)
		return notes_10053;
	return NULL;
}
