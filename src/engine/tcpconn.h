/* tcpconn.h — a non-blocking TCP connect on the loop with a deadline, and
 * what no library tells: refused (RST) vs filtered (silence) vs
 * unreachable (ICMP), the handshake time, how many SYNs went out. */
#ifndef SOCKDOC_TCPCONN_H
#define SOCKDOC_TCPCONN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "loop.h"

struct tcpconn;

/* Called once: ERR is 0 when connected, ETIMEDOUT at the deadline, or
 * the errno the kernel reported (ECONNREFUSED, EHOSTUNREACH...). */
typedef void (*tcpconn_cb)(struct tcpconn *c, int err, void *arg);

/* How to reach the destination: direct or through a proxy (the
 * handshake runs in proxyshake.c before the callback). */
enum tcpconn_kind {
	TCPCONN_DIRECT = 0, /* no proxy */
	TCPCONN_SOCKS4,     /* SOCKS4: IPv4 address resolved here */
	TCPCONN_SOCKS4A,    /* SOCKS4a: the proxy resolves the name */
	TCPCONN_SOCKS5,     /* SOCKS5 (RFC 1928): address resolved here */
	TCPCONN_SOCKS5H,    /* SOCKS5 with the name: the proxy resolves */
	TCPCONN_HTTP        /* HTTP CONNECT tunnel (RFC 9110 9.3.6) */
};

/* The path of one connect; every pointer may be NULL/"" for "none". */
struct tcpconn_via {
	enum tcpconn_kind kind;        /* direct or which proxy */
	const struct sockaddr *proxy;  /* the proxy's address */
	const char *name;              /* destination name the proxy resolves
					  (SOCKS4a/5h/HTTP), NULL: the address */
	const char *user, *pass;       /* proxy credentials (RFC 1929, Basic) */
	const struct sockaddr *src;    /* bind to this source address */
	const char *dev;               /* SO_BINDTODEVICE interface */
	int mss;                       /* >0: TCP_MAXSEG in bytes set before
					  connect (the MSS the SYN offers;
					  the pmtu probe's small-MSS retry) */
	char *reply;                   /* the proxy's answer is copied here */
	size_t replylen;               /* its size */
};

/* Error codes beyond errno when going through a proxy; tcpconn_result()
 * names them "proxy_refused", "proxy_auth", "proxy_denied",
 * "proxy_resolve", "proxy_failed", "proxy_protocol", "proxy_name_failed". */
#define TCPCONN_EPROXY_REFUSED  0x5101 /* the proxy itself did not answer */
#define TCPCONN_EPROXY_AUTH     0x5102 /* proxy demands authentication */
#define TCPCONN_EPROXY_DENIED   0x5103 /* proxy refuses that destination */
#define TCPCONN_EPROXY_RESOLVE  0x5104 /* proxy could not resolve the name */
#define TCPCONN_EPROXY_FAILED   0x5105 /* proxy failed otherwise */
#define TCPCONN_EPROXY_PROTOCOL 0x5106 /* proxy answered nonsense */
#define TCPCONN_EPROXY_NAME     0x5107 /* proxy failed on a name it was to
					  resolve (SOCKS5 general failure:
					  microsocks' answer to a failed
					  lookup) */

/* Start connecting to SA; CB runs from the loop (never from inside this
 * call).  Returns NULL with errno set when no socket could be made. */
struct tcpconn *tcpconn_start(struct loop *loop, const struct sockaddr *sa,
			      int timeout_ms, tcpconn_cb cb, void *arg);
/* The same through VIA (NULL: direct): the callback runs once the
 * proxy's tunnel to SA stands; ERR may then be TCPCONN_EPROXY_*, or the
 * destination's errno the proxy reported (ECONNREFUSED...). */
struct tcpconn *tcpconn_start_via(struct loop *loop, const struct sockaddr *sa,
				  const struct tcpconn_via *via, int timeout_ms,
				  tcpconn_cb cb, void *arg);
/* The socket (still owned by C). */
int tcpconn_fd(const struct tcpconn *c);
/* Microseconds from start to the outcome. */
int64_t tcpconn_elapsed_us(const struct tcpconn *c);
/* SYNs sent (1 + retransmissions, from TCP_INFO), 0 when unknown. */
int tcpconn_syns(const struct tcpconn *c);
/* The ICMP error that ended a direct connect (IP_RECVERR error queue,
 * SO_EE_ORIGIN_ICMP/ICMP6): its TYPE, CODE (RFC 792: 3/3 port
 * unreachable; RFC 4443: 1/4) and FROM, the offender's address (the
 * destination host itself or a router in between).  False when the
 * connect did not end on an ICMP error (an RST, silence, a proxy). */
bool tcpconn_icmp(const struct tcpconn *c, int *type, int *code,
		  struct sockaddr_storage *from);
/* Take the socket out of C (the caller closes it). */
int tcpconn_detach(struct tcpconn *c);
/* Cancel and free; closes the socket unless detached. */
void tcpconn_free(struct tcpconn *c);

/* Result token of an errno from tcpconn: "connected", "refused",
 * "filtered", "unreachable", "reset", "error", or a proxy_* token. */
const char *tcpconn_result(int err);

#endif
