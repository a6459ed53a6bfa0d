/* proxyshake.h — the client side of a proxy handshake on a connected,
 * non-blocking socket: SOCKS4/4a, SOCKS5 (RFC 1928) with username and
 * password (RFC 1929), HTTP CONNECT (RFC 9110 9.3.6) with Basic
 * authentication.  It never reads past the proxy's answer, so the first
 * byte the caller reads is the destination's.  The proxy is hostile:
 * every answer is bounded and what is kept of it sanitized. */
#ifndef SOCKDOC_PROXYSHAKE_H
#define SOCKDOC_PROXYSHAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "tcpconn.h"

#define PROXYSHAKE_MORE (-1) /* proxyshake_read: wait for more bytes */

/* One handshake in progress. */
struct proxyshake {
	enum tcpconn_kind kind;   /* which protocol */
	int step;                 /* 0 greeting/answer, 1 auth, 2 reply */
	bool by_name;             /* the destination went as a name */
	unsigned char req[600];   /* the CONNECT request, sent when due */
	size_t reqlen;            /* its length */
	unsigned char out[700];   /* bytes to send now */
	size_t outlen;            /* 0: nothing to send */
	unsigned char in[1100];   /* the answer so far */
	size_t inlen;             /* bytes in IN */
	char user[128];           /* proxy credentials, "" none */
	char pass[128];           /* never logged */
	char *reply;              /* where the answer's summary goes */
	size_t replylen;          /* its size */
};

/* Prepare the handshake for DEST through VIA; the first bytes to send
 * are in ps->out.  Returns 0, or EAFNOSUPPORT (SOCKS4 with IPv6) or
 * ENAMETOOLONG (a name longer than 255 bytes). */
int proxyshake_init(struct proxyshake *ps, const struct tcpconn_via *via,
		    const struct sockaddr *dest);

/* Read what the proxy sent on FD and advance.  Returns 0 when the tunnel
 * stands, PROXYSHAKE_MORE to wait (maybe with new bytes in ps->out),
 * or the outcome: an errno the proxy reported for the destination, or
 * TCPCONN_EPROXY_*. */
int proxyshake_read(struct proxyshake *ps, int fd);

/* Wipe the credentials. */
void proxyshake_wipe(struct proxyshake *ps);

#endif
