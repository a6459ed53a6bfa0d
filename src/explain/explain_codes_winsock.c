/* codes_winsock.c — Windows Sockets error codes (WSAGetLastError), with
 * the meanings Microsoft documents, in plain words. */
#include "config.h"

#include "explain_codes.h"
#include "i18n.h"

#define WS(n, sym, text) { CODE_WINSOCK, n, sym, text, {0}, {NULL}, {NULL}, NULL }

const struct code_def codes_winsock[] = {
	WS(10004, "WSAEINTR", N_("Interrupted function call: a blocking call was cancelled.")),
	WS(10009, "WSAEBADF", N_("Bad file handle: the socket handle is not valid.")),
	WS(10013, "WSAEACCES", N_("Permission denied: the socket was refused access (a firewall or antivirus rule, a port reserved or bound exclusively by another program, or broadcast without permission).")),
	WS(10014, "WSAEFAULT", N_("Bad address: a pointer argument was invalid (a programming error).")),
	WS(10022, "WSAEINVAL", N_("Invalid argument: the call did not fit the socket's state (e.g. listen before bind).")),
	WS(10024, "WSAEMFILE", N_("Too many open sockets in this process.")),
	WS(10035, "WSAEWOULDBLOCK", N_("Resource temporarily unavailable: a non-blocking call cannot finish yet; not a failure, try again when the socket is ready.")),
	WS(10036, "WSAEINPROGRESS", N_("Operation now in progress: a blocking call is still running.")),
	WS(10037, "WSAEALREADY", N_("Operation already in progress on this non-blocking socket.")),
	WS(10038, "WSAENOTSOCK", N_("Socket operation on something that is not a socket (a closed or wrong handle).")),
	WS(10039, "WSAEDESTADDRREQ", N_("Destination address required.")),
	WS(10040, "WSAEMSGSIZE", N_("Message too long for the datagram buffer.")),
	WS(10043, "WSAEPROTONOSUPPORT", N_("Protocol not supported.")),
	WS(10047, "WSAEAFNOSUPPORT", N_("Address family not supported (e.g. IPv6 disabled).")),
	WS(10048, "WSAEADDRINUSE", N_("Address already in use: the local address and port are taken (another program listens there, or the local ports are exhausted).")),
	WS(10049, "WSAEADDRNOTAVAIL", N_("Cannot assign requested address: the address is not valid on this machine, or the remote address is 0.0.0.0 or port 0.")),
	WS(10050, "WSAENETDOWN", N_("Network is down: the local network stack or interface failed.")),
	WS(10051, "WSAENETUNREACH", N_("Network is unreachable: no route to the destination network.")),
	WS(10052, "WSAENETRESET", N_("Network dropped connection on reset: keep-alive found the connection broken while an operation was in progress.")),
	WS(10053, "WSAECONNABORTED", N_("Software caused connection abort: this machine's stack aborted the connection, typically after the peer closed it (FIN) and a later write was answered by a reset, or after a data transmission timeout.")),
	WS(10054, "WSAECONNRESET", N_("Connection reset by peer: the server, or something between you and it (a firewall, an antivirus mail scanner, a proxy), cut the connection off abruptly. The usual reasons: the client's security setting (SSL/TLS) does not match the port, the server refuses your address or is overloaded, or it was restarting.")),
	WS(10055, "WSAENOBUFS", N_("No buffer space available: the system ran out of socket buffers or ephemeral ports (too many connections open or in TIME_WAIT).")),
	WS(10056, "WSAEISCONN", N_("Socket is already connected.")),
	WS(10057, "WSAENOTCONN", N_("Socket is not connected: sending or receiving on a socket that is not (or no longer) connected.")),
	WS(10058, "WSAESHUTDOWN", N_("Cannot send after socket shutdown: the socket was shut down for sending.")),
	WS(10060, "WSAETIMEDOUT", N_("Connection timed out: the other side did not answer in time (no reply to the connection attempt: a firewall dropping it silently, the host down, or a very slow path).")),
	WS(10061, "WSAECONNREFUSED", N_("Connection refused: the host answered that nothing listens on that port (service stopped or wrong port), or a firewall rejected the attempt.")),
	WS(10064, "WSAEHOSTDOWN", N_("Host is down: the destination host does not answer.")),
	WS(10065, "WSAEHOSTUNREACH", N_("No route to host: a router reported the host unreachable.")),
	WS(10067, "WSAEPROCLIM", N_("Too many processes are using Windows Sockets.")),
	WS(10091, "WSASYSNOTREADY", N_("The network subsystem is not ready.")),
	WS(10093, "WSANOTINITIALISED", N_("WSAStartup was not called (a programming error).")),
	WS(10101, "WSAEDISCON", N_("Graceful shutdown in progress.")),
	WS(11001, "WSAHOST_NOT_FOUND", N_("Host not found: DNS says the name does not exist (a typo in the server name, or a name that is not published).")),
	WS(11002, "WSATRY_AGAIN", N_("Non-authoritative host not found: the DNS server failed or did not answer; try again later or check the DNS settings.")),
	WS(11003, "WSANO_RECOVERY", N_("Non-recoverable DNS error: the DNS server refused the query or the answer was unusable.")),
	WS(11004, "WSANO_DATA", N_("Valid name, no data record: the name exists but has no address of the requested type (no A/AAAA record).")),
	{ CODE_WINSOCK, 0, NULL, NULL, {0}, {NULL}, {NULL}, NULL }
};
