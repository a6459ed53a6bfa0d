/* trial_idle.c — the `trial.idle` probe: how long the server (or a NAT or
 * firewall on the way) lets a control connection sit idle.  It logs in
 * (FTP) and then stays silent for growing periods (2 s, 4 s, 8 s ...),
 * each ended by a NOOP, within the run's budget.  A close or reset while
 * idle gives the exact limit; a NOOP that gets no answer or a reset
 * brackets it between two periods (a middlebox that forgot the flow).
 *
 * Its details keys are listed in trial_idle_details[] below.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "run.h"
#include "trial_common.h"
#include "trial_idle_long.h"
#include "trial_idle_raw.h"
#include "trial_sess.h"
#include "util.h"

#define IDLE_FIRST_MS 2000 /* first silent period; each next one doubles */

/* Where the session is. */
enum idle_phase { IP_GREETING, IP_USER, IP_PASS, IP_IDLE, IP_NOOP };

/* The probe's state. */
struct idle_state {
	struct tsess *s;          /* the control connection */
	enum idle_phase phase;    /* what we wait for */
	int64_t period;           /* current silent period */
	int64_t lower;            /* longest survived idle */
	int periods;              /* periods tried */
	struct loop_timer *timer; /* end of the silent period */
	const char *result;       /* outcome token, set when idling ended */
	int64_t limit;            /* idle limit measured, 0 none */
	bool long_on;             /* the long transfer is (or was) running */
	struct idle_long lt;      /* the long transfer after the idle test */
};

static void start_period(struct probe *p);

/* Run only with --trials idle and an open server. */
static bool idle_applies(struct probe *p, char *reason, size_t size)
{
	return trial_applies(p, reason, size);
}

/* Finish with the result and the figures measured. */
static void idle_finish(struct probe *p)
{
	struct idle_state *st = p->state;
	const char *result = st->result;
	int64_t limit = st->limit;

	probe_set_str(p, "result", result);
	probe_set_int(p, "lower_ms", st->lower);
	probe_set_int(p, "periods", st->periods);
	if (!strcmp(result, "survived")) {
		probe_finish(p, PROBE_OK, _("the control connection survived %.0f s idle (as long as the budget allowed)"),
			     st->lower / 1000.0);
		return;
	}
	if (!strcmp(result, "error")) {
		probe_finish(p, PROBE_ERROR, "%s", _("the idle trial could not log in"));
		return;
	}
	probe_set_int(p, "idle_limit_ms", limit);
	probe_finish(p, PROBE_FAIL, _("the idle control connection was lost after %.1f s (%s)"),
		     limit / 1000.0, result);
}

/* Idling ended with RESULT after LIMIT ms: close the session, run the
 * long transfer when it applies, then finish. */
static void idle_end(struct probe *p, const char *result, int64_t limit)
{
	struct idle_state *st = p->state;

	loop_timer_cancel(p->run->loop, st->timer);
	st->timer = NULL;
	st->result = result;
	st->limit = limit;
	if (strcmp(result, "error") && !st->long_on) {
		st->long_on = true;
		if (idle_long_start(&st->lt, p, limit, idle_finish) == 0)
			return;
	}
	idle_finish(p);
}

/* The silent period is over: does the connection still answer? */
static void on_period(void *arg)
{
	struct probe *p = arg;
	struct idle_state *st = p->state;
	int rc;

	st->timer = NULL;
	st->phase = IP_NOOP;
	rc = tsess_send(st->s, "NOOP", run_timeout_ms(p->run));
	if (rc < 0)
		idle_end(p, "noop_reset", st->period);
}

/* Begin the next silent period, or stop at the budget. */
static void start_period(struct probe *p)
{
	struct idle_state *st = p->state;
	int64_t left = trial_budget_left(p) - run_timeout_ms(p->run);

	if (st->periods == 0)
		st->period = IDLE_FIRST_MS;
	else
		st->period *= 2;
	if (st->period > left)
		st->period = left; /* the last period takes what is left */
	if (st->period <= st->lower || st->period < IDLE_FIRST_MS) {
		idle_end(p, "survived", 0);
		return;
	}
	st->periods++;
	st->phase = IP_IDLE;
	st->timer = loop_timer_add(p->run->loop, st->period, on_period, p);
}

/* Log in for FTP (so the server's logged-in timer applies). */
static void login_step(struct probe *p, struct tsess *s,
		       const struct reply *r)
{
	struct idle_state *st = p->state;
	const struct options *opt = p->run->opt;
	char line[300];
	int to = run_timeout_ms(p->run);

	if (st->phase == IP_GREETING && p->run->target.proto == PROTO_FTP &&
	    r->code / 100 == 2) {
		str_printf(line, sizeof(line), "USER %s",
			   opt->user ? opt->user : "anonymous");
		st->phase = IP_USER;
		tsess_send(s, line, to);
	} else if (st->phase == IP_USER && r->code == 331) {
		str_printf(line, sizeof(line), "PASS %s",
			   opt->password ? opt->password : "sockdoc@");
		st->phase = IP_PASS;
		tsess_send(s, line, to);
		explicit_bzero(line, sizeof(line));
	} else if (r->code / 100 == 2 || st->phase != IP_GREETING) {
		probe_set_int(p, "login_code", r->code);
		start_period(p);
	} else {
		idle_end(p, "error", 0);
	}
}

/* Session events. */
static void on_sess(struct tsess *s, enum tsess_event ev,
		    const struct reply *r, int err, void *arg)
{
	struct probe *p = arg;
	struct idle_state *st = p->state;
	int64_t idle = tsess_idle_ms(s);

	(void)err;
	if (st->long_on)
		return; /* idling is over: the long transfer decides now */
	if (ev == TSESS_REPLY && st->phase < IP_IDLE) {
		login_step(p, s, r);
	} else if (ev == TSESS_REPLY && st->phase == IP_NOOP) {
		st->lower = st->period;
		start_period(p);
	} else if (ev == TSESS_REPLY) {
		/* The server speaks unasked while idle: a "421 Timeout". */
		probe_set_int(p, "code", r->code);
		probe_set_text(p, "text", r->text, strlen(r->text));
		probe_set_int(p, "reply_ms", idle);
	} else if (st->phase == IP_NOOP) {
		idle_end(p, ev == TSESS_TIMEOUT ? "noop_timeout" : "noop_reset",
			 st->period);
	} else if (st->phase == IP_IDLE) {
		json_t *at = json_object_get(p->details, "reply_ms");

		idle_end(p, ev == TSESS_RESET ? "reset" : "closed",
			 at ? json_integer_value(at) : idle);
	} else {
		idle_end(p, "error", 0);
	}
}

/* Connect and log in. */
static void idle_start(struct probe *p)
{
	struct idle_state *st;

	if (p->run->target.proto == PROTO_TCP) {
		idle_raw_start(p); /* no commands on tcp:// */
		return;
	}
	st = probe_state_new(p, sizeof(*st), NULL);

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	probe_set_int(p, "budget_ms", trial_budget_left(p));
	st->s = tsess_open(p->run, trial_addr(p), run_timeout_ms(p->run),
			   on_sess, p);
	if (!st->s)
		probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
			     strerror(errno));
}

/* QUIT politely when still connected, then close. */
static void idle_cleanup(struct probe *p)
{
	struct idle_state *st = p->state;

	if (!st || p->run->target.proto == PROTO_TCP)
		return; /* the raw variant's destructor releases its own */
	loop_timer_cancel(p->run->loop, st->timer);
	if (st->long_on)
		idle_long_free(&st->lt);
	if (st->s && tsess_alive(st->s))
		tsess_send(st->s, "QUIT", 0);
	tsess_free(st->s);
}

/* The --trials token and the wizard check box. */
static const struct probe_trial idle_trial = {
	.token = "idle",
	.label = N_("Trial: idle"),
	.does = N_("holds a silent session to see when it is cut"),
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail trial_idle_details[] = {
	{ "result", DT_STR, NULL,
	  "closed|reset|noop_timeout|noop_reset|survived|error (tcp://: "
	  "closed|reset|timeout|survived|error of the bare connection)" },
	{ "waited_ms", DT_INT, "ms", "tcp://: how long the connections sat idle" },
	{ "keepalive_s", DT_INT, "s",
	  "tcp://: keep-alive idle and interval of the second connection" },
	{ "keepalive_result", DT_STR, NULL,
	  "tcp://: alive|closed|reset|timeout|error of that connection" },
	{ "keepalive_survived", DT_BOOL, NULL,
	  "tcp://: the connection with keep-alive stayed up" },
	{ "errno", DT_STR, NULL, "tcp://: errno name of a failed connect" },
	{ "idle_limit_ms", DT_INT, "ms",
	  "idle time when the connection was lost" },
	{ "lower_ms", DT_INT, "ms", "longest idle period that was survived" },
	{ "periods", DT_INT, NULL, "idle periods tried" },
	{ "login_code", DT_INT, NULL, "reply to the login" },
	{ "code", DT_INT, NULL, "a reply the server sent when giving up" },
	{ "text", DT_STR, NULL, "its text" },
	{ "reply_ms", DT_INT, "ms", "time the NOOP reply took" },
	{ "budget_ms", DT_INT, "ms", "how long the trial could wait" },
	{ "long_transfer", DT_OBJECT, NULL,
	  "{seconds, bytes, completed, control_lost, reply, curl_error, "
	  "hold_seconds, limit_seconds}" },
	{ "long_transfer_left", DT_STR, NULL,
	  "path of a long-transfer file not removed" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_trial_idle = {
	.id = "trial.idle",
	.deps = { "reach" },
	.after = { "trial.upload", "trial.concurrency" },
	.applies = idle_applies,
	.start = idle_start,
	.cleanup = idle_cleanup,
	.trial = &idle_trial,
	.details = trial_idle_details,
	.tells_apart = N_("holds the control connection idle during a long "
		"transfer: the NAT/firewall idle limit"),
};
