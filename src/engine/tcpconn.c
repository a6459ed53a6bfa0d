/* tcpconn.c — non-blocking connect with our own deadline, so nothing waits
 * on the kernel's two-minute SYN retries. */
#include "config.h"

#include "tcpconn.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

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
};

/* Monotonic microseconds. */
static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
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
	c->elapsed_us = now_us() - c->t0_us;
	read_syns(c);
	loop_unwatch(c->loop, c->fd);
	loop_timer_cancel(c->loop, c->timer);
	c->timer = NULL;
	c->cb(c, err, c->arg);
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
	report(c, err);
}

/* The deadline passed with no answer. */
static void on_deadline(void *arg)
{
	struct tcpconn *c = arg;

	c->timer = NULL;
	report(c, ETIMEDOUT);
}

/* An immediate failure from connect(), reported from the loop. */
static void on_immediate(void *arg)
{
	struct tcpconn *c = arg;

	c->timer = NULL;
	report(c, c->err);
}

struct tcpconn *tcpconn_start(struct loop *loop, const struct sockaddr *sa,
			      int timeout_ms, tcpconn_cb cb, void *arg)
{
	struct tcpconn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->loop = loop;
	c->cb = cb;
	c->arg = arg;
	c->fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		       0);
	if (c->fd < 0) {
		free(c);
		return NULL;
	}
	c->t0_us = now_us();
	if (connect(c->fd, sa, addr_len(sa)) == 0) {
		c->err = 0;
	} else if (errno != EINPROGRESS) {
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
	default: return "error";
	}
}
