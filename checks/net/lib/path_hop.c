/* path_hop.c — one TTL-limited SYN and the ICMP answer read from the
 * socket's error queue (path_hop.h). */
#include "config.h"

#include "path_hop.h"

#include <errno.h>
#include <linux/errqueue.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "netpath.h"
#include "run.h"
#include "util.h"

const char *path_hop_result_name(enum hop_result r)
{
	static const char *const names[] = { "pending", "time_exceeded",
		"unreachable", "reached", "reset", "silent", "error" };

	return names[r];
}

/* Set the hop limit and the error queue on FD for FAMILY; -errno. */
static int hop_sockopts(int fd, int family, int ttl)
{
	int on = 1, syn = 1;

	/* One SYN: a retransmission would count twice at a router. */
	setsockopt(fd, IPPROTO_TCP, 7 /* TCP_SYNCNT */, &syn, sizeof(syn));
	if (family == AF_INET6) {
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl,
			       sizeof(ttl)) < 0 ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on,
			       sizeof(on)) < 0)
			return -errno;
		return 0;
	}
	if (setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) < 0 ||
	    setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on)) < 0)
		return -errno;
	return 0;
}

/* Read one ICMP error from the error queue into H; false when none. */
static bool read_errqueue(struct path_hop *h)
{
	char cbuf[512], data[64];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr msg;
	struct cmsghdr *cm;
	struct sock_extended_err *ee;

	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	if (recvmsg(h->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
		return false;
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
		if (!((cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_RECVERR) ||
		      (cm->cmsg_level == IPPROTO_IPV6 && cm->cmsg_type == IPV6_RECVERR)))
			continue;
		ee = (struct sock_extended_err *)CMSG_DATA(cm);
		if (ee->ee_origin != SO_EE_ORIGIN_ICMP &&
		    ee->ee_origin != SO_EE_ORIGIN_ICMP6)
			continue;
		h->err = (int)ee->ee_errno;
		h->result = (ee->ee_origin == SO_EE_ORIGIN_ICMP &&
			     ee->ee_type == ICMP_TIME_EXCEEDED) ||
			    (ee->ee_origin == SO_EE_ORIGIN_ICMP6 &&
			     ee->ee_type == ICMP6_TIME_EXCEEDED) ?
			    HOP_TIME_EXCEEDED : HOP_UNREACHABLE;
		memcpy(&h->from, SO_EE_OFFENDER(ee),
		       SO_EE_OFFENDER(ee)->sa_family == AF_INET6 ?
		       sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in));
		h->have_from = SO_EE_OFFENDER(ee)->sa_family != AF_UNSPEC;
		return true;
	}
	return false;
}

/* Readiness: an ICMP error, the handshake, or an RST. */
static void on_ready(int fd, unsigned events, void *arg)
{
	struct path_hop *h = arg;
	socklen_t len = sizeof(int);
	int err = 0;

	(void)events;
	if (!read_errqueue(h)) {
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (!err)
			h->result = HOP_REACHED;
		else if (err == ECONNREFUSED || err == ECONNRESET)
			h->result = HOP_RESET;
		else if (err == EHOSTUNREACH || err == ENETUNREACH)
			h->result = HOP_UNREACHABLE; /* no ICMP queued: local */
		else
			h->result = HOP_ERROR;
		h->err = err;
	}
	h->ms = loop_clock_ms() - h->t0;
	path_hop_close(h);
	h->cb(h, h->arg);
}

int path_hop_start(struct path_hop *h, const struct run *run,
		   const struct sockaddr *sa, int ttl, path_hop_cb cb,
		   void *arg)
{
	struct loop *loop = run->loop;
	int rc;

	memset(h, 0, sizeof(*h));
	h->loop = loop;
	h->ttl = ttl;
	h->cb = cb;
	h->arg = arg;
	h->t0 = loop_clock_ms();
	h->fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		       0);
	if (h->fd < 0 || (rc = hop_sockopts(h->fd, sa->sa_family, ttl)) < 0 ||
	    netpath_bind(run, h->fd, sa->sa_family) < 0 ||
	    (connect(h->fd, sa, addr_len(sa)) < 0 && errno != EINPROGRESS) ||
	    loop_watch(loop, h->fd, LOOP_OUT | LOOP_ERR, on_ready, h) < 0) {
		rc = -errno;
		path_hop_close(h);
		h->result = HOP_ERROR;
		h->err = -rc;
		return rc;
	}
	return 0;
}

void path_hop_expire(struct path_hop *h)
{
	if (h->result == HOP_PENDING) {
		h->result = HOP_SILENT;
		h->ms = loop_clock_ms() - h->t0;
	}
	path_hop_close(h);
}

void path_hop_close(struct path_hop *h)
{
	struct linger lg = { 1, 0 };

	if (h->fd < 0)
		return;
	loop_unwatch(h->loop, h->fd);
	/* A SYN-ACK we do not want: RST, no half-open session left. */
	setsockopt(h->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(h->fd);
	h->fd = -1;
}
