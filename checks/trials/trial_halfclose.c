/* trial_halfclose.c — the `trial.halfclose` probe: after the server closes
 * its side (FIN), does a further write meet a reset (RST)?  That is the
 * difference between Windows' 10053 (the local stack aborted) and 10054
 * (the peer reset).  It sends NOOP (a server that closes after any command
 * shows here), then QUIT, waits for the FIN, writes once more and reads.
 *
 * Its details keys are listed in trial_halfclose_details[] below.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "run.h"
#include "trial_common.h"
#include "trial_halfclose_raw.h"
#include "trial_sess.h"
#include "util.h"

/* The probe's state. */
struct hc_state {
	struct tsess *s;           /* the session */
	const char *last_cmd;      /* "greeting", "NOOP" or "QUIT" */
	int64_t t_write;           /* when the write after the FIN went out */
	struct loop_timer *timer;  /* waiting for the RST */
	int fd;                    /* socket watched after the FIN */
};

/* Run only with --trials halfclose and an open server. */
static bool hc_applies(struct probe *p, char *reason, size_t size)
{
	return trial_applies(p, reason, size);
}

/* End with RESULT. */
static void hc_end(struct probe *p, const char *result)
{
	struct hc_state *st = p->state;
	const char *after = st->last_cmd;

	probe_set_str(p, "result", result);
	if (!strcmp(result, "reset"))
		probe_finish(p, PROBE_WARN,
			     _("the server closed cleanly (FIN) after %s; the next write was answered by a reset (RST)"),
			     after);
	else if (!strcmp(result, "fin_only"))
		probe_finish(p, PROBE_OK,
			     _("the server closed cleanly (FIN) after %s; a further write met no reset"),
			     after);
	else if (!strcmp(result, "no_fin"))
		probe_finish(p, PROBE_OK, "%s",
			     _("the server did not close the connection after QUIT"));
	else
		probe_finish(p, PROBE_ERROR, "%s",
			     _("the half-close trial could not complete"));
}

#define HC_POLL_MS 5 /* how often the socket's state is looked at */

/* True once the kernel holds a reset for FD (SO_ERROR or state CLOSE). */
static bool got_reset(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(int);
	int err = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 &&
	    err == ECONNRESET)
		return true;
	len = sizeof(ti);
	memset(&ti, 0, sizeof(ti));
	return getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
	       ti.tcpi_state == TCP_CLOSE;
}

/* After the write: poll for the RST until the deadline. */
static void on_poll(void *arg)
{
	struct probe *p = arg;
	struct hc_state *st = p->state;
	int64_t waited = loop_clock_ms() - st->t_write;
	ssize_t n;

	st->timer = NULL;
	if (got_reset(st->fd)) {
		probe_set_int(p, "reset_ms", waited);
		n = send(st->fd, "NOOP\r\n", 6, MSG_NOSIGNAL | MSG_DONTWAIT);
		probe_set_str(p, "second_write_errno",
			      n < 0 ? errno_name(errno) : "");
		probe_info(p, "write after FIN answered by RST in %lld ms",
			   (long long)waited);
		hc_end(p, "reset");
		return;
	}
	if (waited >= run_timeout_ms(p->run)) {
		hc_end(p, "fin_only");
		return;
	}
	st->timer = loop_timer_add(p->run->loop, HC_POLL_MS, on_poll, p);
}

/* The server closed: write once more and watch what answers. */
static void after_fin(struct probe *p)
{
	struct hc_state *st = p->state;
	int fd = tsess_fd(st->s);

	probe_set_str(p, "closed_after", st->last_cmd);
	probe_set_int(p, "fin_ms", tsess_idle_ms(st->s));
	probe_info(p, "FIN after %s", st->last_cmd);
	st->t_write = loop_clock_ms();
	st->fd = fd;
	if (send(fd, "NOOP\r\n", 6, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
		probe_set_str(p, "write_errno", errno_name(errno));
		hc_end(p, errno == ECONNRESET || errno == EPIPE ? "reset" : "error");
		return;
	}
	probe_set_str(p, "write_errno", "");
	st->timer = loop_timer_add(p->run->loop, HC_POLL_MS, on_poll, p);
}

#define HC_GRACE_MS 300 /* a server closing after NOOP does it by then */

/* No FIN after the NOOP reply: the server stays; now QUIT. */
static void send_quit(void *arg)
{
	struct probe *p = arg;
	struct hc_state *st = p->state;

	st->timer = NULL;
	st->last_cmd = "QUIT";
	if (tsess_send(st->s, "QUIT", run_timeout_ms(p->run)) < 0)
		hc_end(p, "error");
}

/* Session events: greeting, NOOP and QUIT replies, then the FIN. */
static void on_sess(struct tsess *s, enum tsess_event ev,
		    const struct reply *r, int err, void *arg)
{
	struct probe *p = arg;
	struct hc_state *st = p->state;
	int to = run_timeout_ms(p->run);

	if (ev == TSESS_CLOSED) {
		loop_timer_cancel(p->run->loop, st->timer);
		st->timer = NULL;
		after_fin(p);
		return;
	}
	if (ev != TSESS_REPLY) {
		probe_set_str(p, "error", tsess_event_name(ev));
		if (err)
			probe_set_str(p, "errno", errno_name(err));
		hc_end(p, !strcmp(st->last_cmd, "QUIT") && ev == TSESS_TIMEOUT
			  ? "no_fin" : "error");
		return;
	}
	probe_set_int(p, "code", r->code);
	probe_set_text(p, "text", r->text, strlen(r->text));
	if (!strcmp(st->last_cmd, "greeting") && r->code / 100 == 2) {
		st->last_cmd = "NOOP";
		tsess_send(s, "NOOP", to);
	} else if (!strcmp(st->last_cmd, "NOOP") && !st->timer) {
		probe_set_int(p, "noop_code", r->code);
		probe_set_text(p, "noop_text", r->text, strlen(r->text));
		st->timer = loop_timer_add(p->run->loop, HC_GRACE_MS, send_quit, p);
	} else if (!strcmp(st->last_cmd, "QUIT")) {
		probe_set_int(p, "quit_code", r->code);
		tsess_deadline(s, to); /* now wait for the FIN */
	} else {
		hc_end(p, "error");
	}
}

/* Connect and read the greeting. */
static void hc_start(struct probe *p)
{
	struct hc_state *st;

	if (p->run->target.proto == PROTO_TCP) {
		hc_raw_start(p); /* no commands on tcp:// */
		return;
	}
	st = probe_state_new(p, sizeof(*st), NULL);
	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->last_cmd = "greeting";
	st->fd = -1;
	probe_set_str(p, "closed_after", "none");
	st->s = tsess_open(p->run, trial_addr(p), run_timeout_ms(p->run),
			   on_sess, p);
	if (!st->s)
		probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
			     strerror(errno));
}

/* Close the session and stop the timer. */
static void hc_cleanup(struct probe *p)
{
	struct hc_state *st = p->state;

	if (!st || p->run->target.proto == PROTO_TCP)
		return; /* the raw variant's destructor releases its own */
	loop_timer_cancel(p->run->loop, st->timer);
	tsess_free(st->s);
}

/* The --trials token and the wizard check box. */
static const struct probe_trial halfclose_trial = {
	.token = "halfclose",
	.label = N_("Trial: half-close"),
	.does = N_("closes our sending side early, watches the server"),
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail trial_halfclose_details[] = {
	{ "closed_after", DT_STR, NULL,
	  "greeting|NOOP|QUIT|none: what the server closed after; tcp://: "
	  "our_fin|connect" },
	{ "bytes", DT_INT, "bytes", "tcp://: bytes the service sent first" },
	{ "quit_code", DT_INT, NULL, "reply to QUIT" },
	{ "fin_ms", DT_INT, "ms", "from the last command to the FIN" },
	{ "result", DT_STR, NULL, "reset|fin_only|no_fin|error; tcp://: "
	  "peer_fin|peer_reset|no_fin|error (after our FIN)" },
	{ "write_errno", DT_STR, NULL,
	  "errno name of the write after the FIN (\"\" accepted)" },
	{ "reset_ms", DT_INT, "ms", "from that write to the RST" },
	{ "second_write_errno", DT_STR, NULL, "errno name of a second write" },
	{ "error", DT_STR, NULL, "what went wrong (result error)" },
	{ "errno", DT_STR, NULL, "errno name of that error" },
	{ "code", DT_INT, NULL, "code of the last reply" },
	{ "text", DT_STR, NULL, "its text" },
	{ "noop_code", DT_INT, NULL, "reply to NOOP (absent when none came)" },
	{ "noop_text", DT_STR, NULL, "its text" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_trial_halfclose = {
	.id = "trial.halfclose",
	.deps = { "reach" },
	.after = { "banner", "ftp.login", "ftp.passive", "smtp.ehlo" },
	.applies = hc_applies,
	.start = hc_start,
	.cleanup = hc_cleanup,
	.trial = &halfclose_trial,
	.details = trial_halfclose_details,
	.tells_apart = N_("lets the server close first and writes again: FIN "
		"then RST (10053) vs. a direct RST (10054)"),
};
