/* proxyshake.c — SOCKS4/4a, SOCKS5 and HTTP CONNECT, client side, read
 * exactly up to the end of the proxy's answer. */
#include "config.h"

#include "proxyshake.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "util.h"

/* Base64 of LEN bytes of IN into OUT (RFC 4648), for Basic auth. */
static void base64(const unsigned char *in, size_t len, char *out,
		   size_t size)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;

	for (i = 0; i < len && o + 5 < size; i += 3) {
		unsigned v = in[i] << 16;

		v |= (i + 1 < len ? in[i + 1] : 0) << 8;
		v |= i + 2 < len ? in[i + 2] : 0;
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = i + 1 < len ? tab[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < len ? tab[v & 63] : '=';
	}
	out[o] = '\0';
}

/* Keep a sanitized summary of the proxy's answer for the report. */
static void note(struct proxyshake *ps, const char *fmt, const char *text,
		 int code)
{
	char clean[120], buf[200];

	if (!ps->reply || !ps->replylen)
		return;
	sanitize(text ? text : "", text ? strlen(text) : 0, clean,
		 sizeof(clean), false);
	snprintf(buf, sizeof(buf), fmt, code, clean);
	str_copy(ps->reply, buf, ps->replylen);
}

/* SOCKS4/4a request (VN 4, CD 1, port, IPv4 or 0.0.0.1, user, [name]). */
static int socks4_request(struct proxyshake *ps, const struct sockaddr *dest,
			  const char *name)
{
	unsigned char *o = ps->out;
	size_t n = 0, ul = strlen(ps->user);
	uint16_t port = htons((uint16_t)addr_port(dest));

	if (!name && dest->sa_family != AF_INET)
		return EAFNOSUPPORT;
	o[n++] = 4;
	o[n++] = 1;
	memcpy(o + n, &port, 2);
	n += 2;
	if (name) {
		memcpy(o + n, "\0\0\0\1", 4);
	} else {
		memcpy(o + n, &((const struct sockaddr_in *)dest)->sin_addr, 4);
	}
	n += 4;
	memcpy(o + n, ps->user, ul + 1);
	n += ul + 1;
	if (name) {
		memcpy(o + n, name, strlen(name) + 1);
		n += strlen(name) + 1;
	}
	ps->outlen = n;
	return 0;
}

/* SOCKS5 CONNECT request (RFC 1928 section 4), kept until the method is
 * agreed; the greeting offers "none" and, with credentials, RFC 1929. */
static int socks5_request(struct proxyshake *ps, const struct sockaddr *dest,
			  const char *name)
{
	unsigned char *r = ps->req;
	size_t n = 0;
	uint16_t port = htons((uint16_t)addr_port(dest));

	r[n++] = 5;
	r[n++] = 1;
	r[n++] = 0;
	if (name) {
		r[n++] = 3;
		r[n++] = (unsigned char)strlen(name);
		memcpy(r + n, name, strlen(name));
		n += strlen(name);
	} else if (dest->sa_family == AF_INET) {
		r[n++] = 1;
		memcpy(r + n, &((const struct sockaddr_in *)dest)->sin_addr, 4);
		n += 4;
	} else {
		r[n++] = 4;
		memcpy(r + n, &((const struct sockaddr_in6 *)dest)->sin6_addr, 16);
		n += 16;
	}
	memcpy(r + n, &port, 2);
	ps->reqlen = n + 2;
	ps->out[0] = 5;
	ps->out[1] = ps->user[0] ? 2 : 1;
	ps->out[2] = 0;
	ps->out[3] = 2;
	ps->outlen = ps->user[0] ? 4 : 3;
	return 0;
}

/* HTTP CONNECT request with Host and, with credentials, Basic auth. */
static int http_request(struct proxyshake *ps, const struct sockaddr *dest,
			const char *name)
{
	char hostport[300], addr[64], cred[260], b64[360], auth[400] = "";
	int port = addr_port(dest);

	if (name)
		snprintf(hostport, sizeof(hostport), "%s:%d", name, port);
	else if (dest->sa_family == AF_INET6)
		snprintf(hostport, sizeof(hostport), "[%s]:%d",
			 addr_to_str(dest, addr, sizeof(addr)), port);
	else
		snprintf(hostport, sizeof(hostport), "%s:%d",
			 addr_to_str(dest, addr, sizeof(addr)), port);
	if (ps->user[0]) {
		snprintf(cred, sizeof(cred), "%s:%s", ps->user, ps->pass);
		base64((unsigned char *)cred, strlen(cred), b64, sizeof(b64));
		snprintf(auth, sizeof(auth), "Proxy-Authorization: Basic %s\r\n",
			 b64);
		explicit_bzero(cred, sizeof(cred));
		explicit_bzero(b64, sizeof(b64));
	}
	ps->outlen = (size_t)snprintf((char *)ps->out, sizeof(ps->out),
		"CONNECT %s HTTP/1.1\r\nHost: %s\r\n%s\r\n", hostport, hostport,
		auth);
	explicit_bzero(auth, sizeof(auth));
	return ps->outlen < sizeof(ps->out) ? 0 : ENAMETOOLONG;
}

int proxyshake_init(struct proxyshake *ps, const struct tcpconn_via *via,
		    const struct sockaddr *dest)
{
	const char *name = via->name && via->name[0] ? via->name : NULL;

	memset(ps, 0, sizeof(*ps));
	ps->kind = via->kind;
	ps->reply = via->reply;
	ps->replylen = via->replylen;
	str_copy(ps->user, via->user ? via->user : "", sizeof(ps->user));
	str_copy(ps->pass, via->pass ? via->pass : "", sizeof(ps->pass));
	if (ps->kind == TCPCONN_SOCKS4 || ps->kind == TCPCONN_SOCKS5)
		name = NULL;
	if (name && strlen(name) > 255)
		return ENAMETOOLONG;
	ps->by_name = name != NULL;
	switch (ps->kind) {
	case TCPCONN_SOCKS4: case TCPCONN_SOCKS4A:
		return socks4_request(ps, dest, name);
	case TCPCONN_SOCKS5: case TCPCONN_SOCKS5H:
		return socks5_request(ps, dest, name);
	default:
		return http_request(ps, dest, name);
	}
}

/* Read until ps->in holds WANT bytes: 0 when it does, PROXYSHAKE_MORE,
 * or an outcome (the proxy closed: protocol error; errno). */
static int fill(struct proxyshake *ps, int fd, size_t want)
{
	while (ps->inlen < want) {
		ssize_t n = recv(fd, ps->in + ps->inlen, want - ps->inlen, 0);

		if (n > 0) {
			ps->inlen += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
			      errno == EINTR))
			return PROXYSHAKE_MORE;
		if (n == 0) {
			if (ps->reply && ps->replylen)
				str_copy(ps->reply, "the proxy closed the "
					 "connection", ps->replylen);
			return TCPCONN_EPROXY_FAILED;
		}
		return errno;
	}
	return 0;
}

/* Meaning of a SOCKS4 reply code (90 granted). */
static int socks4_outcome(struct proxyshake *ps)
{
	int cd = ps->in[1];

	note(ps, "SOCKS4 reply %d%s", "", cd);
	if (ps->in[0] != 0)
		return TCPCONN_EPROXY_PROTOCOL;
	if (cd == 90)
		return 0;
	if (cd == 92 || cd == 93)
		return TCPCONN_EPROXY_AUTH;
	return TCPCONN_EPROXY_DENIED;
}

/* Meaning of a SOCKS5 reply code (RFC 1928 section 6). */
static int socks5_outcome(struct proxyshake *ps, int rep)
{
	static const char *const words[] = { "succeeded", "general failure",
		"not allowed by ruleset", "network unreachable",
		"host unreachable", "connection refused", "TTL expired",
		"command not supported", "address type not supported" };

	note(ps, "SOCKS5 reply %d (%s)", rep < 9 ? words[rep] : "?", rep);
	switch (rep) {
	case 0: return 0;
	case 1: return ps->by_name ? TCPCONN_EPROXY_NAME : TCPCONN_EPROXY_FAILED;
	case 2: return TCPCONN_EPROXY_DENIED;
	case 3: return ENETUNREACH;
	case 4: return ps->by_name ? TCPCONN_EPROXY_RESOLVE : EHOSTUNREACH;
	case 5: return ECONNREFUSED;
	case 6: return ETIMEDOUT;
	default: return TCPCONN_EPROXY_FAILED;
	}
}

/* Size of a whole SOCKS5 reply from its first five bytes. */
static size_t socks5_reply_size(const unsigned char *in)
{
	switch (in[3]) {
	case 1: return 4 + 4 + 2;
	case 4: return 4 + 16 + 2;
	case 3: return 4 + 1 + in[4] + 2;
	default: return 0;
	}
}

/* Queue the RFC 1929 username/password sub-negotiation. */
static void socks5_auth(struct proxyshake *ps)
{
	size_t ul = strlen(ps->user), pl = strlen(ps->pass);

	ps->out[0] = 1;
	ps->out[1] = (unsigned char)ul;
	memcpy(ps->out + 2, ps->user, ul);
	ps->out[2 + ul] = (unsigned char)pl;
	memcpy(ps->out + 3 + ul, ps->pass, pl);
	ps->outlen = 3 + ul + pl;
}

/* Queue the CONNECT request after the method or auth step. */
static int socks5_send_request(struct proxyshake *ps)
{
	memcpy(ps->out, ps->req, ps->reqlen);
	ps->outlen = ps->reqlen;
	ps->inlen = 0;
	ps->step = 2;
	return PROXYSHAKE_MORE;
}

/* SOCKS5: method choice, authentication, then the reply. */
static int socks5_read(struct proxyshake *ps, int fd)
{
	int r;
	size_t total;

	if (ps->step < 2) {
		if ((r = fill(ps, fd, 2)))
			return r;
		if (ps->step == 1) {
			note(ps, "SOCKS5 authentication status %d%s", "",
			     ps->in[1]);
			return ps->in[1] ? TCPCONN_EPROXY_AUTH
					 : socks5_send_request(ps);
		}
		if (ps->in[0] != 5)
			return TCPCONN_EPROXY_PROTOCOL;
		if (ps->in[1] == 0)
			return socks5_send_request(ps);
		if (ps->in[1] == 2 && ps->user[0]) {
			socks5_auth(ps);
			ps->inlen = 0;
			ps->step = 1;
			return PROXYSHAKE_MORE;
		}
		note(ps, "SOCKS5 method %d%s: authentication required", "",
		     ps->in[1]);
		return ps->in[1] == 0xff || ps->in[1] == 2
			       ? TCPCONN_EPROXY_AUTH : TCPCONN_EPROXY_PROTOCOL;
	}
	if ((r = fill(ps, fd, 5)))
		return r;
	if (ps->in[0] != 5)
		return TCPCONN_EPROXY_PROTOCOL;
	if (ps->in[1] != 0)
		return socks5_outcome(ps, ps->in[1]);
	total = socks5_reply_size(ps->in);
	if (!total)
		return TCPCONN_EPROXY_PROTOCOL;
	if ((r = fill(ps, fd, total)))
		return r;
	return socks5_outcome(ps, 0);
}

/* Meaning of the CONNECT answer's status line. */
static int http_outcome(struct proxyshake *ps)
{
	char *eol = strstr((char *)ps->in, "\r\n");
	int code = 0;

	if (eol)
		*eol = '\0';
	note(ps, "%.0d%s", (char *)ps->in, 0);
	if (strncmp((char *)ps->in, "HTTP/1.", 7) ||
	    sscanf((char *)ps->in + 8, " %3d", &code) != 1)
		return TCPCONN_EPROXY_PROTOCOL;
	if (code >= 200 && code < 300)
		return 0;
	if (code == 407)
		return TCPCONN_EPROXY_AUTH;
	if (code == 403 || code == 405)
		return TCPCONN_EPROXY_DENIED;
	return TCPCONN_EPROXY_FAILED;
}

/* HTTP: one byte at a time up to the blank line (never past it). */
static int http_read(struct proxyshake *ps, int fd)
{
	int r;

	for (;;) {
		if (ps->inlen + 1 >= sizeof(ps->in))
			return TCPCONN_EPROXY_PROTOCOL;
		if ((r = fill(ps, fd, ps->inlen + 1)))
			return r;
		ps->in[ps->inlen] = '\0';
		if (ps->inlen >= 4 &&
		    !memcmp(ps->in + ps->inlen - 4, "\r\n\r\n", 4))
			return http_outcome(ps);
		if (ps->inlen >= 2 && !memcmp(ps->in, "\n\n", 2))
			return TCPCONN_EPROXY_PROTOCOL;
	}
}

int proxyshake_read(struct proxyshake *ps, int fd)
{
	int r;

	ps->outlen = 0;
	switch (ps->kind) {
	case TCPCONN_SOCKS4: case TCPCONN_SOCKS4A:
		if ((r = fill(ps, fd, 8)))
			return r;
		return socks4_outcome(ps);
	case TCPCONN_SOCKS5: case TCPCONN_SOCKS5H:
		return socks5_read(ps, fd);
	default:
		return http_read(ps, fd);
	}
}

void proxyshake_wipe(struct proxyshake *ps)
{
	explicit_bzero(ps->user, sizeof(ps->user));
	explicit_bzero(ps->pass, sizeof(ps->pass));
	explicit_bzero(ps->out, sizeof(ps->out));
	explicit_bzero(ps->req, sizeof(ps->req));
}
