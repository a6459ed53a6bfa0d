/* trial_sess.c — raw SMTP/FTP command sessions on the loop for the
 * trials: bounded reads through the reply parser, FIN vs RST, deadlines. */
#include "config.h"

#include "trial_sess.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"
#include "tcpconn.h"
#include "util.h"

struct tsess {
	struct loop *loop;          /* the loop */
	struct tcpconn *conn;       /* connect in flight, then the socket */
	int fd;                     /* the socket once connected, else -1 */
	struct reply_parser rp;     /* reply being assembled */
	struct loop_timer *timer;   /* reply deadline */
	int greet_ms;               /* deadline for the greeting */
	int64_t t_open;             /* loop_clock_ms at open */
	int64_t t_last;             /* last command sent / connected */
	int alive;                  /* connected and not closed */
	int busy;                   /* inside a callback */
	int dead;                   /* freed while busy */
	tsess_cb cb;                /* owner's callback */
	void *arg;                  /* its argument */
};

const char *tsess_event_name(enum tsess_event ev)
{
	static const char *const names[] = { "reply", "closed", "reset",
					     "error", "timeout", "connfail" };

	return names[ev];
}

/* Really release S. */
static void destroy(struct tsess *s)
{
	loop_timer_cancel(s->loop, s->timer);
	tcpconn_free(s->conn);
	free(s);
}

/* Deliver one event; returns -1 when the owner freed S meanwhile. */
static int emit(struct tsess *s, enum tsess_event ev, const struct reply *r,
		int err)
{
	s->busy++;
	s->cb(s, ev, r, err, s->arg);
	s->busy--;
	if (s->dead && !s->busy) {
		destroy(s);
		return -1;
	}
	return s->dead ? -1 : 0;
}

/* The connection ended with EV: stop watching, then tell the owner. */
static void ended(struct tsess *s, enum tsess_event ev, int err)
{
	s->alive = 0;
	loop_unwatch(s->loop, s->fd);
	tsess_deadline(s, 0);
	emit(s, ev, NULL, err);
}

/* Feed received bytes, delivering every complete reply. */
static int feed(struct tsess *s, const char *buf, size_t n)
{
	struct reply r;
	size_t used;

	while (n > 0) {
		enum reply_status rs = reply_feed(&s->rp, buf, n, &used, &r);

		if (rs == REPLY_BAD || rs == REPLY_ENDLESS) {
			/* EMSGSIZE: a multi-line reply that never ends. */
			ended(s, TSESS_ERROR, rs == REPLY_BAD ? EPROTO
							      : EMSGSIZE);
			return -1;
		}
		buf += used;
		n -= used;
		if (rs != REPLY_DONE)
			break;
		tsess_deadline(s, 0);
		if (emit(s, TSESS_REPLY, &r, 0) < 0)
			return -1;
	}
	return 0;
}

/* The socket is readable: replies, FIN or an error. */
static void on_read(int fd, unsigned events, void *arg)
{
	struct tsess *s = arg;
	char buf[4096];
	ssize_t n;

	(void)events;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n > 0) {
		feed(s, buf, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == 0)
		ended(s, TSESS_CLOSED, 0);
	else
		ended(s, errno == ECONNRESET ? TSESS_RESET : TSESS_ERROR,
		      errno);
}

/* The reply deadline passed. */
static void on_deadline(void *arg)
{
	struct tsess *s = arg;

	s->timer = NULL;
	emit(s, TSESS_TIMEOUT, NULL, ETIMEDOUT);
}

/* The handshake ended. */
static void on_connect(struct tcpconn *c, int err, void *arg)
{
	struct tsess *s = arg;

	if (err) {
		emit(s, TSESS_CONNFAIL, NULL, err);
		return;
	}
	s->fd = tcpconn_fd(c);
	s->alive = 1;
	s->t_last = loop_clock_ms();
	loop_watch(s->loop, s->fd, LOOP_IN, on_read, s);
	tsess_deadline(s, s->greet_ms);
}

struct tsess *tsess_open(struct run *run, const struct sockaddr *sa,
			 int timeout_ms, tsess_cb cb, void *arg)
{
	str_copy(run->path.mx_host, run->facts.host_used,
		 sizeof(run->path.mx_host));
	return tsess_open_np(run->loop, &run->path, sa, timeout_ms, cb, arg);
}

struct tsess *tsess_open_np(struct loop *loop, struct netpath *np,
			    const struct sockaddr *sa, int timeout_ms,
			    tsess_cb cb, void *arg)
{
	struct tsess *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->loop = loop;
	s->fd = -1;
	s->cb = cb;
	s->arg = arg;
	s->greet_ms = timeout_ms;
	s->t_open = loop_clock_ms();
	reply_parser_init(&s->rp);
	s->conn = netpath_connect_np(loop, np, sa, timeout_ms, on_connect, s);
	if (!s->conn) {
		free(s);
		return NULL;
	}
	return s;
}

int tsess_send(struct tsess *s, const char *line, int timeout_ms)
{
	char buf[512];
	size_t n = str_printf(buf, sizeof(buf), "%s\r\n", line);

	if (s->fd < 0)
		return -ENOTCONN;
	s->t_last = loop_clock_ms();
	if (send(s->fd, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		return -errno;
	tsess_deadline(s, timeout_ms);
	return 0;
}

void tsess_deadline(struct tsess *s, int timeout_ms)
{
	loop_timer_cancel(s->loop, s->timer);
	s->timer = NULL;
	if (timeout_ms > 0)
		s->timer = loop_timer_add(s->loop, timeout_ms, on_deadline, s);
}

int tsess_fd(const struct tsess *s)
{
	return s->fd;
}

int64_t tsess_idle_ms(const struct tsess *s)
{
	return loop_clock_ms() - s->t_last;
}

int64_t tsess_age_ms(const struct tsess *s)
{
	return loop_clock_ms() - s->t_open;
}

int tsess_alive(const struct tsess *s)
{
	return s->alive;
}

void tsess_free(struct tsess *s)
{
	if (!s || s->dead)
		return;
	if (s->busy) {
		/* Inside our own callback: stop everything, free on return. */
		s->dead = 1;
		loop_timer_cancel(s->loop, s->timer);
		s->timer = NULL;
		if (s->fd >= 0)
			loop_unwatch(s->loop, s->fd);
		return;
	}
	destroy(s);
}
