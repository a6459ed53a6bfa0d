/* trial_concurrency.c — the `trial.concurrency` probe: open sessions one
 * by one, holding the earlier ones, until one is refused (421, reset, a
 * close or silence) or --max-connections are open; then QUIT them all.
 * When the fast ramp is refused, a slow ramp (300 ms apart) after a pause
 * tells a connection limit (refused at the same N) from a rate limit
 * (the slow ramp gets further).
 *
 * Its details keys are listed in trial_concurrency_details[] below.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "options.h"
#include "run.h"
#include "trial_common.h"
#include "trial_sess.h"
#include "jsontext.h"
#include "util.h"

#define CONC_MAX OPT_MAX_CONNECTIONS /* --max-connections refuses more */
#define CONC_SLOW_GAP_MS 300  /* the slow ramp's pace */
#define CONC_PAUSE_MS 1500    /* rest between the ramps */
#define CONC_SETTLE_MS 300    /* let earlier probes' sessions end first */

/* The probe's state. */
struct conc_state {
	struct probe *p;              /* owner */
	struct tsess *s[CONC_MAX];    /* held sessions */
	int n;                        /* sessions opened in this ramp */
	int accepted;                 /* greeted with 2xx */
	int lost;                     /* held ones dropped by the server */
	int gap_ms;                   /* pause between opens */
	int limit;                    /* ceiling */
	int64_t t_ramp;               /* ramp start */
	struct loop_timer *timer;     /* next open or the pause */
	json_t *ramp;                 /* details of the current ramp */
	int fast_refused_at;          /* 0 when the fast ramp passed */
};

static void open_next(void *arg);
static void ramp_local(struct conc_state *st, int err);

/* Run only with --trials concurrency and an open server. */
static bool conc_applies(struct probe *p, char *reason, size_t size)
{
	if (p->run->target.proto == PROTO_TCP) {
		/* Its sessions wait for a greeting and send commands. */
		str_copy(reason, _("needs SMTP or FTP: not for tcp:// targets"),
			 size);
		return false;
	}
	return trial_applies(p, reason, size);
}

/* QUIT and close every held session. */
static void release_all(struct conc_state *st)
{
	int i;

	for (i = 0; i < st->n; i++) {
		if (st->s[i] && tsess_alive(st->s[i]))
			tsess_send(st->s[i], "QUIT", 0);
		tsess_free(st->s[i]);
		st->s[i] = NULL;
	}
	st->n = 0;
}

/* Close the current ramp's record. */
static void ramp_done(struct conc_state *st, int refused_at, const char *how)
{
	json_t *r = st->ramp;

	json_object_set_new(r, "accepted", json_integer(st->accepted));
	json_object_set_new(r, "refused_at", json_integer(refused_at));
	json_object_set_new(r, "refusal", json_string(how));
	json_object_set_new(r, "lost", json_integer(st->lost));
	json_object_set_new(r, "duration_ms",
			    json_integer(loop_clock_ms() - st->t_ramp));
	release_all(st);
}

/* Conclude the probe from the ramps. */
static void conclude(struct probe *p, int slow_refused_at, int slow_accepted)
{
	struct conc_state *st = p->state;
	bool rate = st->fast_refused_at && slow_accepted >= st->fast_refused_at;

	probe_set_bool(p, "limit_found", st->fast_refused_at > 0 && !rate);
	probe_set_bool(p, "rate_limited", rate);
	if (st->fast_refused_at)
		probe_set_int(p, "limit", st->fast_refused_at - 1);
	if (!st->fast_refused_at)
		probe_finish(p, PROBE_OK, _("%d simultaneous sessions accepted (the ceiling asked for)"),
			     st->limit);
	else if (rate)
		probe_finish(p, PROBE_FAIL, _("session %d was refused when opened quickly, but %d were accepted 300 ms apart"),
			     st->fast_refused_at, slow_accepted);
	else
		probe_finish(p, PROBE_FAIL, _("%d simultaneous sessions accepted; session %d was refused"),
			     st->fast_refused_at - 1, slow_refused_at ? slow_refused_at
								   : st->fast_refused_at);
}

/* Begin a ramp with GAP_MS between opens. */
static void ramp_start(struct conc_state *st, int gap_ms)
{
	st->ramp = json_pack("{s:i}", "gap_ms", gap_ms);
	json_array_append_new(json_object_get(st->p->details, "ramps"), st->ramp);
	st->gap_ms = gap_ms;
	st->n = st->accepted = st->lost = 0;
	st->t_ramp = loop_clock_ms();
	open_next(st);
}

/* The pause after the fast ramp is over: try slowly. */
static void after_pause(void *arg)
{
	struct conc_state *st = arg;

	st->timer = NULL;
	ramp_start(st, CONC_SLOW_GAP_MS);
}

/* The ramp stopped at session REFUSED_AT (0: reached the ceiling). */
static void ramp_end(struct conc_state *st, int refused_at, const char *how)
{
	struct probe *p = st->p;
	bool fast = st->gap_ms == 0;
	int accepted = st->accepted;

	ramp_done(st, refused_at, how);
	if (fast && refused_at) {
		st->fast_refused_at = refused_at;
		if (trial_budget_left(p) > CONC_PAUSE_MS +
		    (int64_t)CONC_SLOW_GAP_MS * (refused_at + 1)) {
			st->timer = loop_timer_add(p->run->loop, CONC_PAUSE_MS,
						   after_pause, st);
			return;
		}
	}
	if (fast)
		conclude(p, 0, 0);
	else
		conclude(p, refused_at, accepted);
}

/* Index of session S in the held list, -1 if unknown. */
static int index_of(struct conc_state *st, struct tsess *s)
{
	int i;

	for (i = 0; i < st->n; i++)
		if (st->s[i] == s)
			return i;
	return -1;
}

/* A held session (not the newest) changed: count it as lost. */
static void held_event(struct conc_state *st, int i, enum tsess_event ev)
{
	if (ev == TSESS_REPLY || ev == TSESS_TIMEOUT)
		return;
	probe_info(st->p, "held session %d: %s", i + 1, tsess_event_name(ev));
	st->lost++;
	tsess_free(st->s[i]);
	st->s[i] = NULL;
}

/* The newest session's greeting (or failure) arrived. */
static void on_sess(struct tsess *s, enum tsess_event ev,
		    const struct reply *r, int err, void *arg)
{
	struct conc_state *st = arg;
	int i = index_of(st, s);
	static const char *const how[] = { "reply", "closed", "reset",
					   "error", "timeout", "refused" };

	if (i < 0)
		return;
	if (i != st->n - 1 || st->accepted == st->n) {
		held_event(st, i, ev);
		return;
	}
	if (ev == TSESS_REPLY && r->code / 100 == 2) {
		st->accepted++;
		tsess_deadline(s, 0);
		st->timer = loop_timer_add(st->p->run->loop, st->gap_ms,
					   open_next, st);
		return;
	}
	if ((ev == TSESS_CONNFAIL || ev == TSESS_ERROR) &&
	    trial_local_error(err)) {
		st->n--;	/* never connected: not a session */
		tsess_free(s);
		st->s[st->n] = NULL;
		ramp_local(st, err);
		return;
	}
	json_object_set_new(st->ramp, "refusal_ms", json_integer(tsess_age_ms(s)));
	if (ev == TSESS_REPLY) {
		json_object_set_new(st->ramp, "code", json_integer(r->code));
		json_object_set_new(st->ramp, "text", json_text(r->text));
	}
	if (err)
		json_object_set_new(st->ramp, "errno", json_string(errno_name(err)));
	probe_info(st->p, "session %d: %s", st->n, how[ev]);
	ramp_end(st, st->n, how[ev]);
}

/* A local limit (errno ERR) stopped the ramp at session N: it says
 * nothing about the server, so the ramp counts no refusal and the trial
 * ends without a verdict on the server. */
static void ramp_local(struct conc_state *st, int err)
{
	struct probe *p = st->p;
	int accepted = st->accepted;

	trial_note_local(p, err);
	json_object_set_new(st->ramp, "local_error",
			    json_string(trial_local_error(err)));
	probe_info(p, "session %d: local error %s", st->n + 1,
		   trial_local_error(err));
	ramp_done(st, 0, "");
	probe_set_bool(p, "limit_found", false);
	probe_finish(p, PROBE_ERROR, _("a local limit (%s) stopped the trial "
		     "after %d sessions, all accepted by the server"),
		     trial_local_error(err), accepted);
}

/* Open the next session, or stop at the ceiling. */
static void open_next(void *arg)
{
	struct conc_state *st = arg;
	struct probe *p = st->p;

	st->timer = NULL;
	if (st->n >= st->limit) {
		ramp_end(st, 0, "");
		return;
	}
	st->s[st->n] = tsess_open(p->run, trial_addr(p),
				  run_timeout_ms(p->run), on_sess, st);
	if (!st->s[st->n]) {
		int err = errno;

		if (trial_local_error(err)) {
			ramp_local(st, err);
			return;
		}
		json_object_set_new(st->ramp, "errno", json_string(errno_name(err)));
		ramp_end(st, st->n + 1, "error");
		return;
	}
	st->n++;
}

/* Wait a moment for earlier probes' sessions to end, then ramp. */
static void settle(void *arg)
{
	struct conc_state *st = arg;

	st->timer = NULL;
	ramp_start(st, 0);
}

/* Set up and start the fast ramp. */
static void conc_start(struct probe *p)
{
	struct conc_state *st = probe_state_new(p, sizeof(*st), NULL);

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->p = p;
	st->limit = p->run->opt->max_connections;
	if (st->limit > CONC_MAX || st->limit < 1)
		st->limit = CONC_MAX;
	probe_set_int(p, "max_connections", st->limit);
	json_object_set_new(p->details, "ramps", json_array());
	st->timer = loop_timer_add(p->run->loop, CONC_SETTLE_MS, settle, st);
}

/* Release every session and timer. */
static void conc_cleanup(struct probe *p)
{
	struct conc_state *st = p->state;

	if (!st)
		return;
	loop_timer_cancel(p->run->loop, st->timer);
	release_all(st);
}

/* The --trials token and the wizard check box. */
static const struct probe_trial concurrency_trial = {
	.token = "concurrency",
	.label = N_("Trial: connections"),
	.does = N_("opens sessions at once up to the server's limit"),
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail trial_concurrency_details[] = {
	{ "max_connections", DT_INT, NULL, "--max-connections" },
	{ "limit_found", DT_BOOL, NULL, "a session was refused" },
	{ "rate_limited", DT_BOOL, NULL,
	  "the slow ramp got further than the fast one" },
	{ "limit", DT_INT, NULL, "sessions accepted at once, when refused" },
	{ "ramps", DT_ARRAY, NULL,
	  "[{gap_ms, accepted, refused_at, refusal, code, text, errno, "
	  "refusal_ms, lost, duration_ms, local_error}]" },
	{ "local_error", DT_STR, NULL,
	  "errno name of a local limit that stopped the ramp (EMFILE, "
	  "ENOBUFS, EADDRNOTAVAIL...): never counted as a refusal" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_trial_concurrency = {
	.id = "trial.concurrency",
	.deps = { "reach" },
	.after = { "trial.halfclose", "ftp.active", "smtp.transaction",
		   "ftp.tls" },
	.applies = conc_applies,
	.start = conc_start,
	.cleanup = conc_cleanup,
	.trial = &concurrency_trial,
	.details = trial_concurrency_details,
	.tells_apart = N_("opens 1, 2, 4... sessions at once: the Nth is "
		"refused or reset"),
};
