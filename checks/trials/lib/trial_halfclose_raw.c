/* trial_halfclose_raw.c — trial.halfclose for a tcp:// service, where no
 * command may be sent: connect, let the service speak (its first bytes
 * are read and dropped), then close our sending side (shutdown SHUT_WR:
 * our FIN) and watch how the service ends the connection.  A graceful
 * close answers with its own FIN; an abortive close (SO_LINGER 0, or
 * closing with unread data) with RST, which a client on Windows sees as
 * 10054 instead of a clean end; a service that waits keeps it open. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "i18n.h"
#include "run.h"
#include "netpath.h"
#include "tcpconn.h"
#include "trial_common.h"
#include "trial_halfclose_raw.h"
#include "util.h"

#define HCR_SETTLE_MS 300 /* let the service speak before our FIN */

/* The raw variant's state. */
struct hcr_state {
	struct probe *p;           /* owner */
	struct tcpconn *conn;      /* the connection */
	struct loop_timer *timer;  /* settle, then the FIN deadline */
	int64_t t_fin;             /* when our FIN went out (ms, monotonic) */
	long long bytes;           /* bytes the service sent (dropped) */
	bool fin_sent;             /* shutdown(SHUT_WR) done */
};

/* Release the timer and the connection (the state's destructor). */
static void hcr_free(void *state)
{
	struct hcr_state *st = state;

	loop_timer_cancel(st->p->run->loop, st->timer);
	st->timer = NULL;
	tcpconn_free(st->conn);
	st->conn = NULL;
}

/* End with RESULT (peer_fin|peer_reset|no_fin|error). */
static void hcr_end(struct probe *p, const char *result)
{
	struct hcr_state *st = p->state;

	probe_set_str(p, "result", result);
	probe_set_int(p, "bytes", st->bytes);
	if (st->fin_sent && strcmp(result, "no_fin"))
		probe_set_int(p, "fin_ms", loop_clock_ms() - st->t_fin);
	hcr_free(st);
	if (!strcmp(result, "peer_fin"))
		probe_finish(p, PROBE_OK, "%s", _("after our FIN the service closed cleanly with its own FIN (a graceful close)"));
	else if (!strcmp(result, "peer_reset"))
		probe_finish(p, PROBE_WARN, "%s", _("after our FIN the service reset the connection (RST): an abortive close, seen by clients as 10054"));
	else if (!strcmp(result, "no_fin"))
		probe_finish(p, PROBE_OK, "%s", _("after our FIN the service kept its side open (it waits for a request)"));
	else
		probe_finish(p, PROBE_ERROR, "%s", _("the half-close trial could not complete"));
}

/* Readable: data (dropped), the service's FIN, or a reset. */
static void hcr_io(int fd, unsigned events, void *arg)
{
	struct probe *p = arg;
	struct hcr_state *st = p->state;
	char buf[4096];
	ssize_t n;

	(void)events;
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n > 0) {
		st->bytes += n;
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	loop_unwatch(p->run->loop, fd);
	if (n < 0)
		probe_set_str(p, "errno", errno_name(errno));
	probe_set_str(p, "closed_after", st->fin_sent ? "our_fin" : "connect");
	hcr_end(p, n == 0 ? "peer_fin" : errno == ECONNRESET ? "peer_reset"
							    : "error");
}

/* No answer to our FIN within the deadline. */
static void hcr_deadline(void *arg)
{
	struct probe *p = arg;
	struct hcr_state *st = p->state;

	st->timer = NULL;
	hcr_end(p, "no_fin");
}

/* The service had its moment: send our FIN and wait. */
static void hcr_fin(void *arg)
{
	struct probe *p = arg;
	struct hcr_state *st = p->state;

	st->timer = NULL;
	if (shutdown(tcpconn_fd(st->conn), SHUT_WR) < 0) {
		probe_set_str(p, "errno", errno_name(errno));
		hcr_end(p, "error");
		return;
	}
	st->fin_sent = true;
	st->t_fin = loop_clock_ms();
	probe_info(p, "our FIN sent after %lld bytes from the service",
		   st->bytes);
	st->timer = loop_timer_add(p->run->loop, run_timeout_ms(p->run),
				   hcr_deadline, p);
}

/* Connected: read, and send our FIN a moment later. */
static void hcr_connected(struct tcpconn *c, int err, void *arg)
{
	struct probe *p = arg;
	struct hcr_state *st = p->state;

	if (err) {
		probe_set_str(p, "errno", errno_name(err));
		hcr_end(p, "error");
		return;
	}
	loop_watch(p->run->loop, tcpconn_fd(c), LOOP_IN, hcr_io, p);
	st->timer = loop_timer_add(p->run->loop, HCR_SETTLE_MS, hcr_fin, p);
}

void hc_raw_start(struct probe *p)
{
	struct hcr_state *st = probe_state_new(p, sizeof(*st), hcr_free);

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->p = p;
	probe_set_str(p, "closed_after", "none");
	st->conn = netpath_connect(p->run, trial_addr(p),
				   run_timeout_ms(p->run), hcr_connected, p);
	if (!st->conn)
		probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
			     strerror(errno));
}
