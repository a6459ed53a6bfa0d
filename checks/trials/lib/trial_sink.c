/* trial_sink.c — one upload of the upload trial to a tcp:// service that
 * reads and discards what it gets (the user said so with --sink-ok):
 * pattern bytes over one connection, no protocol, so a reset after N
 * bytes is found on any service.  The measures are those of the libcurl
 * uploads (struct upl): bytes handed to the kernel, bytes the peer
 * acknowledged (TCP_INFO tcpi_bytes_acked, send buffer 32 KB), the
 * longest pause, and how it ended. */
#include "config.h"

#include <errno.h>
#include <linux/tcp.h> /* tcp_info with tcpi_bytes_acked (glibc lacks it) */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "run.h"
#include "netpath.h"
#include "tcpconn.h"
#include "trial_common.h"
#include "trial_upload.h"
#include "loop.h"

#define SINK_TICK_MS 50        /* how often progress is sampled */
#define SINK_SNDBUF (32 * 1024) /* small, so acked bytes track the peer */

/* One sink upload in flight (u->sink). */
struct tsink {
	struct upl *u;             /* the measures it fills */
	struct loop *loop;         /* the run's loop */
	struct tcpconn *conn;      /* the connection */
	int fd;                    /* its socket once connected, -1 before */
	struct loop_timer *timer;  /* progress sampling */
	long long last_acked;      /* acked at the last sample */
	long long last_sent;       /* sent at the last sample */
	bool eof;                  /* the service closed its side (FIN) */
};

static void sink_done(struct tsink *k, enum upl_result r, int err);
static void sink_io(int fd, unsigned events, void *arg);

/* Bytes the peer acknowledged on FD (the SYN does not count), -1 when
 * unknown. */
static long long sink_acked(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (fd < 0 || getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return -1;
	return ti.tcpi_bytes_acked > 0 ? (long long)ti.tcpi_bytes_acked - 1 : 0;
}

/* Fill the kernel's buffer with pattern bytes up to the size. */
static void sink_write(struct tsink *k)
{
	static const char pattern[] = "sockdoc tcp sink upload pattern 0123456789abcdef\n";
	char buf[16384];
	struct upl *u = k->u;
	size_t i;
	ssize_t n;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = pattern[i % (sizeof(pattern) - 1)];
	while (u->ulnow < u->size) {
		long long want = u->size - u->ulnow;

		n = send(k->fd, buf, want < (long long)sizeof(buf) ?
			 (size_t)want : sizeof(buf), MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			u->ulnow += n;
			u->generated = u->ulnow;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		sink_done(k, errno == ECONNRESET || errno == EPIPE ?
			  UPL_RESET : UPL_ERROR, errno);
		return;
	}
	loop_watch(k->loop, k->fd, k->eof ? 0 : LOOP_IN, sink_io, k); /* all
								    * handed over */
}

/* Readiness: read and drop what the service says; write more. */
static void sink_io(int fd, unsigned events, void *arg)
{
	struct tsink *k = arg;
	char buf[4096];
	ssize_t n;

	if (events & (LOOP_IN | LOOP_ERR)) {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n == 0) {
			/* The service closed its side: keep sending (the
			 * reset, if any, comes on a write); stop reading. */
			k->eof = true;
			loop_watch(k->loop, fd, k->u->ulnow < k->u->size ?
				   LOOP_OUT : 0, sink_io, k);
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			sink_done(k, errno == ECONNRESET ? UPL_RESET : UPL_ERROR,
				  errno);
			return;
		}
	}
	if ((events & LOOP_OUT) && k->u->ulnow < k->u->size)
		sink_write(k);
}

/* Sample the acked count: progress, the longest pause, a stall, the end. */
static void sink_tick(void *arg)
{
	struct tsink *k = arg;
	struct upl *u = k->u;
	int64_t now = loop_clock_ms();
	long long a = sink_acked(k->fd);

	k->timer = NULL;
	if (a > u->acked)
		u->acked = a;
	if (u->acked != k->last_acked || u->ulnow != k->last_sent) {
		if (now - u->t_change > u->max_gap_ms)
			u->max_gap_ms = now - u->t_change;
		u->t_change = now;
		k->last_acked = u->acked;
		k->last_sent = u->ulnow;
	}
	if (u->acked >= u->size) {
		sink_done(k, UPL_OK, 0);
		return;
	}
	if (now - u->t_change > u->stall_ms) {
		sink_done(k, UPL_STALL, 0);
		return;
	}
	k->timer = loop_timer_add(k->loop, SINK_TICK_MS, sink_tick, k);
}

/* The handshake ended: start sending, or report why not. */
static void sink_connected(struct tcpconn *c, int err, void *arg)
{
	struct tsink *k = arg;
	int sz = SINK_SNDBUF;

	if (err) {
		sink_done(k, err == ECONNRESET ? UPL_RESET : UPL_ERROR, err);
		return;
	}
	k->fd = tcpconn_fd(c);
	setsockopt(k->fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	k->u->t_change = loop_clock_ms();
	loop_watch(k->loop, k->fd, LOOP_IN | LOOP_OUT, sink_io, k);
	k->timer = loop_timer_add(k->loop, SINK_TICK_MS, sink_tick, k);
}

/* Stop the connection and the timer (a FIN when the upload worked). */
static void sink_stop(struct tsink *k, bool graceful)
{
	loop_timer_cancel(k->loop, k->timer);
	k->timer = NULL;
	if (k->fd >= 0) {
		loop_unwatch(k->loop, k->fd);
		if (graceful)
			shutdown(k->fd, SHUT_WR);
		k->fd = -1;
	}
	tcpconn_free(k->conn);
	k->conn = NULL;
}

/* The upload ended with R (errno ERR): measures, then the callback. */
static void sink_done(struct tsink *k, enum upl_result r, int err)
{
	struct upl *u = k->u;
	long long a = sink_acked(k->fd);

	if (a > u->acked)
		u->acked = a;
	u->result = r;
	u->os_errno = err;
	u->us = loop_clock_us() - u->t0_us;
	u->ms = u->us / 1000;
	if (r == UPL_STALL)
		u->stalled = true;
	sink_stop(k, r == UPL_OK);
	u->done(u);
}

int sink_start(struct upl *u, struct probe *p, long long size,
	       void (*done)(struct upl *u))
{
	struct tsink *k = calloc(1, sizeof(*k));
	const struct sockaddr *sa =
		(const struct sockaddr *)&p->run->addrs[p->run->open_addr].sa;

	if (!k)
		return -1;
	u->p = p;
	u->size = size;
	u->done = done;
	u->acked = 0;
	u->data_fd = -1;
	u->t0 = u->t_change = loop_clock_ms();
	u->t0_us = loop_clock_us();
	u->stall_ms = run_timeout_ms(p->run);
	k->u = u;
	k->loop = p->run->loop;
	k->fd = -1;
	k->conn = netpath_connect(p->run, sa, run_timeout_ms(p->run),
				  sink_connected, k);
	if (!k->conn) {
		free(k);
		return -1;
	}
	u->sink = k;
	return 0;
}

void sink_free(struct upl *u)
{
	struct tsink *k = u->sink;

	if (!k)
		return;
	sink_stop(k, false);
	free(k);
	u->sink = NULL;
}
