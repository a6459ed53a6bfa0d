/* codes_errno.c — POSIX errno names as Linux/macOS programs and FileZilla
 * print them, each tied to the Winsock error Windows reports for the same
 * event (that is how they reach the cause catalog). */
#include "config.h"

#include <errno.h>

#include "explain_codes.h"
#include "i18n.h"

#define EN(n, sym, ws, text) \
	{ CODE_ERRNO, n, sym, text, {ws, 0}, {NULL}, {NULL}, NULL }

const struct code_def codes_errno[] = {
	EN(ECONNRESET, "ECONNRESET", 10054, N_("Connection reset by peer: the other side (or something in between) answered with a TCP RST.")),
	EN(ECONNREFUSED, "ECONNREFUSED", 10061, N_("Connection refused: nothing listens on that port, or a firewall rejected the attempt.")),
	EN(ETIMEDOUT, "ETIMEDOUT", 10060, N_("Connection timed out: no answer from the other side in time.")),
	EN(EHOSTUNREACH, "EHOSTUNREACH", 10065, N_("No route to host: the host is unreachable.")),
	EN(ENETUNREACH, "ENETUNREACH", 10051, N_("Network is unreachable: no route to the destination network.")),
	EN(EPIPE, "EPIPE", 10053, N_("Broken pipe: writing to a connection the other side has already closed.")),
	EN(ECONNABORTED, "ECONNABORTED", 10053, N_("Connection aborted by the local network stack.")),
	EN(EADDRINUSE, "EADDRINUSE", 10048, N_("Address already in use: the local address and port are taken.")),
	EN(EADDRNOTAVAIL, "EADDRNOTAVAIL", 10049, N_("Cannot assign requested address: no usable local address or port (ports exhausted, or an address not on this machine).")),
	EN(ENETDOWN, "ENETDOWN", 10050, N_("Network is down.")),
	EN(EHOSTDOWN, "EHOSTDOWN", 10064, N_("Host is down.")),
	EN(ENOTCONN, "ENOTCONN", 10057, N_("Socket is not connected.")),
	EN(ENOBUFS, "ENOBUFS", 10055, N_("No buffer space available.")),
	EN(EACCES, "EACCES", 10013, N_("Permission denied (a firewall rule, or a privileged port).")),
	{ CODE_ERRNO, 0, NULL, NULL, {0}, {NULL}, {NULL}, NULL }
};
