/* watch.c — the watch engine's rounds on the caller's loop: wait for the
 * held session to be idle, NOOP on it (or open it), run the light chain,
 * let the held check settle, record the round (timeline ring, statistics,
 * causes), call back, and plan the next round; at the end the final
 * report (watch_report.c) goes to the done callback.  Every step is a
 * loop timer or a run callback: nothing here blocks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "transcript.h"
#include "util.h"
#include "watch_priv.h"

#define HELD_POLL_MS 20 /* how often a wait for the held session looks */

static void round_begin(void *arg);

/* Replace the pending step by FN in MS milliseconds. */
static void plan(struct watch *w, int64_t ms, loop_timer_cb fn)
{
	loop_timer_cancel(w->loop, w->timer);
	w->timer = loop_timer_add(w->loop, ms > 0 ? ms : 0, fn, w);
}

/* The end: the final report to the done callback. */
static void finish(void *arg)
{
	struct watch *w = arg;
	json_t *rep;

	w->timer = NULL;
	w->next_ms = 0;
	if (w->finished)
		return;
	w->finished = true;
	rep = watch_final_report(w, w->stopped_by);
	if (rep && w->interrupted) {
		json_object_set_new(rep, "verdict", json_string("interrupted"));
		json_object_set_new(rep, "signal", json_integer(w->interrupted));
	}
	if (w->on_done)
		w->on_done(w, rep, w->arg);
	else
		json_decref(rep);
}

/* Reach's address A is the name the proxy resolved (family "name", run.h
 * struct run_addr): SS becomes 0.0.0.0:PORT, and the held connection's
 * path hands the proxy the name, as the run's did. */
static bool stand_in(json_t *a, long long port, struct sockaddr_storage *ss)
{
	const char *fam = json_string_value(json_object_get(a, "family"));

	return fam && !strcmp(fam, "name") && addr_parse("0.0.0.0", (int)port, ss);
}

/* The first address reach connected to, for the held connection. */
static void find_held_addr(struct watch *w, json_t *report)
{
	json_t *p, *a;
	long long port = json_integer_value(json_object_get(
		json_object_get(report, "target"), "port"));
	size_t i, k;

	/* The held session speaks SMTP/FTP replies (NOOP); a POP3/IMAP
	 * server is watched by its rounds alone. */
	if (proto_is_mailrecv(w->t.proto))
		return;
	json_array_foreach(json_object_get(report, "probes"), i, p) {
		if (strcmp(json_string_value(json_object_get(p, "id")), "reach"))
			continue;
		json_array_foreach(json_object_get(json_object_get(p, "details"),
						   "addresses"), k, a) {
			const char *r = json_string_value(json_object_get(a, "result"));
			const char *ad = json_string_value(json_object_get(a, "address"));

			if (r && ad && !strcmp(r, "connected") &&
			    (addr_parse(ad, (int)port, &w->held.sa) ||
			     stand_in(a, port, &w->held.sa))) {
				w->held.have_addr = true;
				return;
			}
		}
	}
}

/* Held state for the timeline: a loss since the last round shows. */
static const char *held_word(struct watch *w)
{
	json_t *l;

	if (w->held.nlost > w->lost_shown) {
		w->lost_shown = w->held.nlost;
		l = json_array_get(w->held.lost, json_array_size(w->held.lost) - 1);
		return json_string_value(json_object_get(l, "event"));
	}
	return w->held.state;
}

/* Plan the next round, or the end. */
static void plan_next(struct watch *w)
{
	if (w->stopping || (w->light.count > 0 && w->n >= w->light.count)) {
		plan(w, 0, finish);
		return;
	}
	w->next_ms = w->round_start + (int64_t)w->light.watch_sec * 1000;
	plan(w, w->next_ms - loop_clock_ms(), round_begin);
}

/* Record the round's line, statistics and causes; call back. */
static void round_record(struct watch *w, json_t *report)
{
	char letters[WATCH_MAX_STATS + 1];
	struct watch_round r;
	json_t *first = json_array_get(json_object_get(report, "causes"), 0);
	const char *verdict = report_verdict(report);

	watch_stats_add(&w->stats, report, letters, sizeof(letters));
	r.round = w->n;
	r.letters = letters;
	r.report = report;
	r.line = json_pack("{s:i,s:s,s:I,s:I,s:s,s:s,s:s,s:s}", "round", w->n,
		"time", w->when, "offset_ms", (json_int_t)(w->round_start - w->t0),
		"duration_ms", (json_int_t)(loop_clock_ms() - w->round_start),
		"verdict", verdict,
		"cause", first ? json_string_value(json_object_get(first, "id")) : "-",
		"probes", letters, "held", held_word(w));
	json_array_append(w->rounds, r.line);
	while (json_array_size(w->rounds) > WATCH_RING)
		json_array_remove(w->rounds, 0);
	w->total++;
	if (strcmp(verdict, "ok")) {
		w->failed++;
		watch_keep_causes(w, report, w->n);
	}
	json_decref(w->last);
	w->last = report;
	if (w->on_round)
		w->on_round(w, &r, w->arg);
	json_decref(r.line);
}

/* The held check settled (or its wait ran out): end the round. */
static void round_settled(void *arg)
{
	struct watch *w = arg;
	json_t *report = w->last;

	w->timer = NULL;
	if (held_busy(&w->held) && loop_clock_ms() < w->wait_until) {
		plan(w, HELD_POLL_MS, round_settled);
		return;
	}
	w->last = NULL;
	if (!w->held.have_addr) {
		find_held_addr(w, report);
		held_round(&w->held, w->n); /* open it now the address is known */
	}
	w->in_round = false;
	round_record(w, report);
	plan_next(w);
}

/* Deferred after the chain: its report, then wait for the held check. */
static void chain_finished(void *arg)
{
	struct watch *w = arg;
	json_t *report;

	w->timer = NULL;
	report = report_build(&w->run);
	if (report && w->light.transcript &&
	    transcript_write(w->run.transcript, w->light.transcript) < 0)
		fprintf(stderr, _("sockdoc: cannot write the transcript to %s\n"),
			w->light.transcript);
	run_free(&w->run);
	w->run_init = false;
	if (!report) {
		w->in_round = false;
		w->stopping = true;
		plan(w, 0, finish);
		return;
	}
	/* Parked in last until recorded; the previous one moves to the ring. */
	json_decref(w->last);
	w->last = report;
	w->wait_until = loop_clock_ms() + w->light.timeout_ms + 100;
	plan(w, 0, round_settled);
}

/* Run callback: the chain is done; leave its call stack first. */
static void on_chain_done(struct run *run, void *arg)
{
	struct watch *w = arg;

	(void)run;
	plan(w, 0, chain_finished);
}

/* Start the round's chain (the held session is idle or gave up). */
static void round_chain(struct watch *w)
{
	held_round(&w->held, w->n);
	if (run_init(&w->run, w->loop, &w->light, &w->t) != 0) {
		w->in_round = false;
		w->stopping = true;
		plan(w, 0, finish);
		return;
	}
	w->run_init = true;
	w->run.on_done = on_chain_done;
	w->run.cb_arg = w;
	run_start(&w->run);
}

/* A round is due: wait while the held session awaits a reply (a round
 * that ran longer than the interval must not NOOP before the greeting),
 * then start it. */
static void round_begin(void *arg)
{
	struct watch *w = arg;

	w->timer = NULL;
	if (!w->in_round) {
		w->in_round = true;
		w->n++;
		w->next_ms = 0;
		w->round_start = loop_clock_ms();
		w->wait_until = w->round_start + w->light.timeout_ms + 100;
		iso_time_now(w->when, sizeof(w->when));
	}
	if (held_busy(&w->held) && loop_clock_ms() < w->wait_until) {
		plan(w, HELD_POLL_MS, round_begin);
		return;
	}
	round_chain(w);
}

struct watch *watch_new(struct loop *loop, const struct options *opt,
			const struct target *t, watch_round_cb on_round,
			watch_done_cb on_done, void *arg)
{
	struct watch *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->light = *opt;
	w->light.trials = 0;
	if (w->light.watch_sec < 1)
		w->light.watch_sec = 1;
	w->t = *t;
	w->loop = loop;
	w->on_round = on_round;
	w->on_done = on_done;
	w->arg = arg;
	w->stopped_by = "count";
	w->rounds = json_array();
	w->seen = json_array();
	w->t0 = loop_clock_ms();
	held_init(&w->held, loop, w->light.timeout_ms, w->t0);
	w->held.raw = t->proto == PROTO_TCP; /* no NOOP on tcp:// */
	{
		char err[256];

		/* The run reported a bad environment proxy already. */
		netpath_setup(&w->held.path, &w->light, &w->t, err, sizeof(err));
	}
	return w;
}

void watch_start(struct watch *w)
{
	w->t0 = loop_clock_ms();
	w->held.t0 = w->t0;
	plan(w, 0, round_begin);
}

void watch_stop(struct watch *w, const char *by)
{
	if (w->finished)
		return;
	w->stopping = true;
	w->stopped_by = by;
	if (!w->in_round)
		plan(w, 0, finish);
}

/* Abort the round at work: its chain (a partial report kept when no round
 * finished yet, so the user still sees what was learnt). */
static void abort_round(struct watch *w, int signo)
{
	json_t *partial;

	if (w->run_init) {
		if (!w->run.finished) {
			w->run.interrupted = signo;
			run_abort(&w->run, _("interrupted"));
		}
		if (!w->last && (partial = report_build(&w->run)))
			w->last = partial;
		run_free(&w->run);
		w->run_init = false;
	}
	w->in_round = false;
}

void watch_interrupt(struct watch *w, int signo)
{
	if (w->finished)
		return;
	w->stopping = true;
	w->stopped_by = "signal";
	w->interrupted = signo;
	abort_round(w, signo);
	/* Replaces any pending step (the chain_finished run_abort planned). */
	plan(w, 0, finish);
}

void watch_set_interval(struct watch *w, int sec)
{
	int64_t old = w->light.watch_sec;

	w->light.watch_sec = sec < 1 ? 1 : sec;
	if (!w->in_round && !w->stopping && w->next_ms) {
		w->next_ms += ((int64_t)w->light.watch_sec - old) * 1000;
		plan(w, w->next_ms - loop_clock_ms(), round_begin);
	}
}

void watch_free(struct watch *w)
{
	if (!w)
		return;
	w->on_round = NULL;
	w->on_done = NULL;
	if (w->run_init) {
		if (!w->run.finished)
			run_abort(&w->run, _("the watch ended"));
		run_free(&w->run);
	}
	loop_timer_cancel(w->loop, w->timer);
	held_free(&w->held);
	json_decref(w->rounds);
	json_decref(w->seen);
	json_decref(w->last);
	free(w);
}

int watch_rounds_done(const struct watch *w)
{
	return (int)w->total;
}

bool watch_in_round(const struct watch *w)
{
	return w->in_round;
}

int64_t watch_next_ms(const struct watch *w)
{
	return w->next_ms;
}

bool watch_finished(const struct watch *w)
{
	return w->finished;
}

const struct watch_stats *watch_get_stats(const struct watch *w)
{
	return &w->stats;
}

json_t *watch_report_now(struct watch *w)
{
	return watch_final_report(w, "running");
}
