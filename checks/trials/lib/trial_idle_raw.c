/* trial_idle_raw.c — trial.idle for tcp:// (trial_idle_raw.h). */
#include "config.h"

#include "trial_idle_raw.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "i18n.h"
#include "run.h"
#include "netpath.h"
#include "tcpconn.h"
#include "trial_common.h"
#include "util.h"

#define IDLE_RAW_MAX_MS (300 * 1000) /* wait at most 5 minutes */
#define IDLE_RAW_KA_S 2              /* keep-alive idle and interval, s */
#define IDLE_RAW_KA_CNT 3            /* unanswered probes that kill it */
#define IDLE_RAW_AFTER_MS 3000       /* wait for the other after a loss */

/* One held connection. */
struct idle_conn {
	struct probe *p;          /* owner */
	struct tcpconn *conn;     /* the connection */
	bool keepalive;           /* TCP keep-alive on */
	const char *state;        /* connecting|alive|closed|reset|timeout|error */
	int64_t lost_ms;          /* idle time at the loss, 0 alive */
};

/* The raw variant's state. */
struct idle_raw {
	struct probe *p;           /* owner */
	struct idle_conn c[2];     /* [0] bare, [1] with keep-alive */
	struct loop_timer *timer;  /* the end of the wait */
	int64_t t0;                /* both connected (monotonic ms) */
	int up;                    /* connections up */
};

/* Timer and connections (the state's destructor). */
static void idle_raw_free(void *state)
{
	struct idle_raw *st = state;
	int i;

	loop_timer_cancel(st->p->run->loop, st->timer);
	st->timer = NULL;
	for (i = 0; i < 2; i++) {
		tcpconn_free(st->c[i].conn);
		st->c[i].conn = NULL;
	}
}

/* End: the figures and the verdict. */
static void idle_raw_end(struct probe *p)
{
	struct idle_raw *st = p->state;
	struct idle_conn *bare = &st->c[0], *ka = &st->c[1];
	int64_t waited = st->t0 ? loop_clock_ms() - st->t0 : 0;
	bool lost = bare->lost_ms > 0;

	probe_set_str(p, "result", lost ? bare->state :
		      strcmp(bare->state, "alive") ? "error" : "survived");
	probe_set_int(p, "waited_ms", waited);
	probe_set_int(p, "keepalive_s", IDLE_RAW_KA_S);
	probe_set_str(p, "keepalive_result", ka->state);
	probe_set_bool(p, "keepalive_survived", !strcmp(ka->state, "alive"));
	idle_raw_free(st);
	if (!lost && !strcmp(bare->state, "alive")) {
		probe_set_int(p, "lower_ms", waited);
		probe_finish(p, PROBE_OK, _("a silent connection was still up after %lld s"),
			     (long long)waited / 1000);
		return;
	}
	if (!lost) {
		probe_finish(p, PROBE_ERROR, "%s", _("the idle trial could not hold a connection"));
		return;
	}
	probe_set_int(p, "idle_limit_ms", bare->lost_ms);
	probe_finish(p, PROBE_WARN, !strcmp(ka->state, "alive") ?
		     _("a silent connection was %s after %lld s; one with TCP keep-alive stayed up") :
		     _("a silent connection was %s after %lld s, one with TCP keep-alive too"),
		     !strcmp(bare->state, "reset") ? _("reset (RST)") : _("closed"),
		     (long long)bare->lost_ms / 1000);
}

/* The wait is over (the budget, or the grace after a loss). */
static void on_end(void *arg)
{
	struct probe *p = arg;

	((struct idle_raw *)p->state)->timer = NULL;
	idle_raw_end(p);
}

/* Connection C was lost with STATE: note it; the first loss of the bare
 * one gives the other a moment to show whether it shares the fate. */
static void conn_lost(struct idle_conn *c, const char *state)
{
	struct probe *p = c->p;
	struct idle_raw *st = p->state;

	c->state = state;
	if (!st->t0) { /* lost before both were up: no idle time */
		idle_raw_end(p);
		return;
	}
	c->lost_ms = loop_clock_ms() - st->t0;
	if (c->lost_ms <= 0)
		c->lost_ms = 1;
	loop_unwatch(p->run->loop, tcpconn_fd(c->conn));
	probe_info(p, "%s connection %s after %lld ms idle",
		   c->keepalive ? "keep-alive" : "bare", state,
		   (long long)c->lost_ms);
	if (st->c[0].lost_ms && st->c[1].lost_ms) {
		loop_timer_cancel(p->run->loop, st->timer);
		st->timer = NULL;
		idle_raw_end(p);
	} else if (c == &st->c[0]) {
		loop_timer_cancel(p->run->loop, st->timer);
		st->timer = loop_timer_add(p->run->loop, IDLE_RAW_AFTER_MS,
					   on_end, p);
	}
}

/* Readable: data (dropped), a FIN or a reset. */
static void on_io(int fd, unsigned events, void *arg)
{
	struct idle_conn *c = arg;
	char buf[4096];
	ssize_t n;

	(void)events;
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR)))
		return;
	conn_lost(c, n == 0 ? "closed" : errno == ECONNRESET ? "reset" :
		  errno == ETIMEDOUT ? "timeout" : "error");
}

/* Keep-alive with short timers on FD. */
static void keepalive_on(int fd)
{
	int on = 1, t = IDLE_RAW_KA_S, cnt = IDLE_RAW_KA_CNT;

	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &t, sizeof(t));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &t, sizeof(t));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof(cnt));
}

/* A handshake ended; once both are up the silence begins. */
static void on_connect(struct tcpconn *tc, int err, void *arg)
{
	struct idle_conn *c = arg;
	struct probe *p = c->p;
	struct idle_raw *st = p->state;
	int64_t wait;

	if (err) {
		c->state = "error";
		probe_set_str(p, "errno", errno_name(err));
		idle_raw_end(p);
		return;
	}
	c->state = "alive";
	if (c->keepalive)
		keepalive_on(tcpconn_fd(tc));
	loop_watch(p->run->loop, tcpconn_fd(tc), LOOP_IN, on_io, c);
	if (++st->up < 2)
		return;
	st->t0 = loop_clock_ms();
	wait = trial_budget_left(p) - IDLE_RAW_AFTER_MS;
	if (wait > IDLE_RAW_MAX_MS)
		wait = IDLE_RAW_MAX_MS;
	if (wait < 1000)
		wait = 1000;
	probe_set_int(p, "budget_ms", wait);
	st->timer = loop_timer_add(p->run->loop, wait, on_end, p);
}

void idle_raw_start(struct probe *p)
{
	struct idle_raw *st = probe_state_new(p, sizeof(*st), idle_raw_free);
	int i;

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->p = p;
	for (i = 0; i < 2; i++) {
		st->c[i].p = p;
		st->c[i].keepalive = i == 1;
		st->c[i].state = "connecting";
		st->c[i].conn = netpath_connect(p->run, trial_addr(p),
						run_timeout_ms(p->run),
						on_connect, &st->c[i]);
		if (!st->c[i].conn) {
			idle_raw_free(st);
			probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
				     strerror(errno));
			return;
		}
	}
}
