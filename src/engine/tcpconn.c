/* tcpconn.c — non-blocking connect with our own deadline, so nothing waits
 * on the kernel's two-minute SYN retries. */
#include "config.h"

#include "tcpconn.h"

#include <errno.h>
#include <stdbool.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxyshake.h"
#include "util.h"
#include "loop.h"

struct tcpconn {
	struct loop *loop;         /* the loop */
	int fd;                    /* the socket, -1 once detached */
	int64_t t0_us;             /* start time */
	int64_t elapsed_us;        /* start to outcome */
	int syns;                  /* SYNs sent, from TCP_INFO */
	int err;                   /* outcome */
	struct loop_timer *timer;  /* deadline, or the deferred report */
	tcpconn_cb cb;             /* the caller */
	void *arg;                 /* its argument */
	struct proxyshake *ps;     /* the proxy handshake, NULL direct */
	bool proxy_up;             /* connected to the proxy */
	bool have_icmp;            /* an ICMP error came back for the SYN */
	int icmp_type, icmp_code;  /* its type and code (RFC 792 / 4443) */
	struct sockaddr_storage icmp_from; /* who sent it (the offender) */
};

/* Ask for the ICMP error of the SYN in the error queue (IP_RECVERR), so
 * a port unreachable (which the kernel folds into ECONNREFUSED like an
 * RST) and its sender can be told apart; ON false turns it off again. */
static void set_recverr(int fd, int family, int on)
{
	if (family == AF_INET6)
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on));
	else
		(void)setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on));
}

/* Read the ICMP error of a failed direct connect from the error queue
 * (SO_EE_ORIGIN_ICMP/ICMP6: type, code and the offender's address). */
static void read_icmp(struct tcpconn *c)
{
	char ctl[512], data[64];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr mh = { 0 };
	struct cmsghdr *cm;

	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof(ctl);
	if (recvmsg(c->fd, &mh, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
		return;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		struct sock_extended_err *ee;
		struct sockaddr *off;

		if (!((cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_RECVERR) ||
		      (cm->cmsg_level == IPPROTO_IPV6 && cm->cmsg_type == IPV6_RECVERR)))
			continue;
		ee = (struct sock_extended_err *)CMSG_DATA(cm);
		if (ee->ee_origin != SO_EE_ORIGIN_ICMP &&
		    ee->ee_origin != SO_EE_ORIGIN_ICMP6)
			continue;
		off = SO_EE_OFFENDER(ee);
		if (off->sa_family == AF_INET || off->sa_family == AF_INET6)
			memcpy(&c->icmp_from, off, off->sa_family == AF_INET ?
			       sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
		c->icmp_type = ee->ee_type;
		c->icmp_code = ee->ee_code;
		c->have_icmp = off->sa_family == AF_INET || off->sa_family == AF_INET6;
	}
}

/* The outcome is known: keep its ICMP error, stop queueing errors (an
 * established connection must not turn soft errors into hard ones). */
static void end_recverr(struct tcpconn *c, int err)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (c->ps || c->fd < 0 || getsockname(c->fd, (struct sockaddr *)&ss, &len))
		return;
	if (err)
		read_icmp(c);
	set_recverr(c->fd, ss.ss_family, 0);
}

/* Read how many SYNs went out before we gave up or got an answer. */
static void read_syns(struct tcpconn *c)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (getsockopt(c->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0)
		c->syns = 1 + ti.tcpi_total_retrans;
}

/* Deliver the outcome ERR to the caller. */
static void report(struct tcpconn *c, int err)
{
	c->err = err;
	c->elapsed_us = loop_clock_us() - c->t0_us;
	read_syns(c);
	end_recverr(c, err);
	loop_unwatch(c->loop, c->fd);
	loop_timer_cancel(c->loop, c->timer);
	c->timer = NULL;
	if (c->ps) {
		proxyshake_wipe(c->ps);
		free(c->ps);
		c->ps = NULL;
	}
	c->cb(c, err, c->arg);
}

/* Send what the proxy handshake queued; 0 or an outcome. */
static int proxy_send(struct tcpconn *c)
{
	size_t off = 0;

	while (off < c->ps->outlen) {
		ssize_t n = send(c->fd, c->ps->out + off, c->ps->outlen - off,
				 MSG_NOSIGNAL);

		if (n <= 0)
			return n < 0 ? errno : TCPCONN_EPROXY_FAILED;
		off += (size_t)n;
	}
	c->ps->outlen = 0;
	return 0;
}

/* The proxy answered: advance the handshake. */
static void on_proxy(int fd, unsigned events, void *arg)
{
	struct tcpconn *c = arg;
	int r = proxyshake_read(c->ps, fd);

	(void)events;
	if (r == PROXYSHAKE_MORE && c->ps->outlen)
		r = proxy_send(c) ? TCPCONN_EPROXY_FAILED : PROXYSHAKE_MORE;
	if (r != PROXYSHAKE_MORE)
		report(c, r);
}

/* Connected to the proxy: start its handshake. */
static void proxy_begin(struct tcpconn *c)
{
	c->proxy_up = true;
	if (proxy_send(c)) {
		report(c, TCPCONN_EPROXY_FAILED);
		return;
	}
	loop_unwatch(c->loop, c->fd);
	loop_watch(c->loop, c->fd, LOOP_IN, on_proxy, c);
}

/* The socket became writable: the handshake ended one way or another. */
static void on_ready(int fd, unsigned events, void *arg)
{
	struct tcpconn *c = arg;
	int err = 0;
	socklen_t len = sizeof(err);

	(void)events;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (c->ps && !err) {
		proxy_begin(c);
		return;
	}
	/* Not reaching the proxy is the proxy's failure, not the server's. */
	report(c, c->ps && err ? TCPCONN_EPROXY_REFUSED : err);
}

/* The deadline passed with no answer. */
static void on_deadline(void *arg)
{
	struct tcpconn *c = arg;

	c->timer = NULL;
	/* A silent proxy is the proxy's failure; a slow tunnel is the
	 * destination's silence (the proxy still waits for it). */
	report(c, c->ps && !c->proxy_up ? TCPCONN_EPROXY_REFUSED : ETIMEDOUT);
}

/* An immediate failure from connect(), reported from the loop. */
static void on_immediate(void *arg)
{
	struct tcpconn *c = arg;

	c->timer = NULL;
	report(c, c->ps && c->err ? TCPCONN_EPROXY_REFUSED : c->err);
}

struct tcpconn *tcpconn_start(struct loop *loop, const struct sockaddr *sa,
			      int timeout_ms, tcpconn_cb cb, void *arg)
{
	return tcpconn_start_via(loop, sa, NULL, timeout_ms, cb, arg);
}

/* Bind the new socket to VIA's source address or device; set its MSS. */
static int bind_source(int fd, const struct tcpconn_via *via, int family)
{
	if (via->dev && via->dev[0] &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, via->dev,
		       (socklen_t)strlen(via->dev)) < 0)
		return -1;
	if (via->mss > 0 &&
	    setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &via->mss,
		       sizeof(via->mss)) < 0)
		return -1;
	if (via->src && via->src->sa_family == family &&
	    bind(fd, via->src, addr_len(via->src)) < 0)
		return -1;
	if (via->src && via->src->sa_family != family) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	return 0;
}

/* Make the socket for SA (or for VIA's proxy) and prepare the proxy's
 * handshake; returns the address to connect to, NULL with errno. */
static const struct sockaddr *prepare(struct tcpconn *c,
				      const struct sockaddr *sa,
				      const struct tcpconn_via *via)
{
	const struct sockaddr *to = sa;
	int r;

	if (via && via->kind != TCPCONN_DIRECT) {
		to = via->proxy;
		c->ps = calloc(1, sizeof(*c->ps));
		if (!c->ps)
			return NULL;
		if ((r = proxyshake_init(c->ps, via, sa)) != 0) {
			errno = r;
			return NULL;
		}
	}
	c->fd = socket(to->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		       0);
	if (c->fd < 0)
		return NULL;
	if (!c->ps)
		set_recverr(c->fd, to->sa_family, 1);
	if (via && bind_source(c->fd, via, to->sa_family) < 0)
		return NULL;
	return to;
}

struct tcpconn *tcpconn_start_via(struct loop *loop, const struct sockaddr *sa,
				  const struct tcpconn_via *via, int timeout_ms,
				  tcpconn_cb cb, void *arg)
{
	struct tcpconn *c = calloc(1, sizeof(*c));
	int r;

	if (!c)
		return NULL;
	c->loop = loop;
	c->cb = cb;
	c->arg = arg;
	c->fd = -1;
	sa = prepare(c, sa, via);
	if (!sa) {
		int e = errno;

		if (c->fd >= 0)
			close(c->fd);
		if (c->ps)
			proxyshake_wipe(c->ps);
		free(c->ps);
		free(c);
		errno = e;
		return NULL;
	}
	c->t0_us = loop_clock_us();
	r = connect(c->fd, sa, addr_len(sa)) == 0 ? 0 : errno;
	if (r == 0 && !c->ps) {
		c->err = 0;
	} else if (r != 0 && r != EINPROGRESS) {
		c->err = errno;
	} else {
		loop_watch(loop, c->fd, LOOP_OUT, on_ready, c);
		c->timer = loop_timer_add(loop, timeout_ms, on_deadline, c);
		return c;
	}
	c->timer = loop_timer_add(loop, 0, on_immediate, c);
	return c;
}

int tcpconn_fd(const struct tcpconn *c)
{
	return c->fd;
}

int64_t tcpconn_elapsed_us(const struct tcpconn *c)
{
	return c->elapsed_us;
}

int tcpconn_syns(const struct tcpconn *c)
{
	return c->syns;
}

bool tcpconn_icmp(const struct tcpconn *c, int *type, int *code,
		  struct sockaddr_storage *from)
{
	if (!c->have_icmp)
		return false;
	*type = c->icmp_type;
	*code = c->icmp_code;
	*from = c->icmp_from;
	return true;
}

int tcpconn_detach(struct tcpconn *c)
{
	int fd = c->fd;

	loop_unwatch(c->loop, fd);
	c->fd = -1;
	return fd;
}

void tcpconn_free(struct tcpconn *c)
{
	if (!c)
		return;
	loop_timer_cancel(c->loop, c->timer);
	if (c->fd >= 0) {
		loop_unwatch(c->loop, c->fd);
		close(c->fd);
	}
	if (c->ps)
		proxyshake_wipe(c->ps);
	free(c->ps);
	free(c);
}

const char *tcpconn_result(int err)
{
	switch (err) {
	case 0: return "connected";
	case ECONNREFUSED: return "refused";
	case ETIMEDOUT: return "filtered";
	case EHOSTUNREACH: case ENETUNREACH: case EHOSTDOWN: case ENETDOWN:
		return "unreachable";
	case ECONNRESET: return "reset";
	case TCPCONN_EPROXY_REFUSED: return "proxy_refused";
	case TCPCONN_EPROXY_AUTH: return "proxy_auth";
	case TCPCONN_EPROXY_DENIED: return "proxy_denied";
	case TCPCONN_EPROXY_RESOLVE: return "proxy_resolve";
	case TCPCONN_EPROXY_FAILED: return "proxy_failed";
	case TCPCONN_EPROXY_PROTOCOL: return "proxy_protocol";
	case TCPCONN_EPROXY_NAME: return "proxy_name_failed";
	default: return "error";
	}
}
