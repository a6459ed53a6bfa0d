/* chain.c — runs the probes of a run: a probe starts once every probe it
 * depends on is done, so independent probes overlap on the loop; one
 * with ops->early may start before, on a guess the chain confirms or
 * undoes when its deps are done (probe.h).  The budget timer stops
 * whatever is still running. */
#include "config.h"

#include "run.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aresglue.h"
#include "capture.h"
#include "curlglue.h"
#include "i18n.h"
#include "jsontext.h"
#include "report.h"
#include "transcript.h"
#include "safefile.h"
#include "util.h"

const char *probe_status_name(enum probe_status s)
{
	static const char *const names[] = { "waiting", "running", "ok",
					     "warn", "fail", "skipped",
					     "error" };

	return names[s];
}

bool probe_done(const struct probe *p)
{
	return p->status > PROBE_RUNNING;
}

int64_t probe_elapsed(const struct probe *p)
{
	return loop_clock_ms() - p->run->t0;
}

/* SOCKDOC_TRACE_CHAIN=1: one stderr line per probe event, in microseconds
 * since the run started (not the loop's cached clock: the gaps between
 * events on one loop turn are what it is for).  A developer's tool for
 * finding the critical path, in the spirit of curl's --trace-time; the
 * lines are not translated. */
static void chain_trace(const struct run *run, const char *what,
			const char *id)
{
	static int on = -1;
	int64_t us;

	if (on < 0)
		on = getenv("SOCKDOC_TRACE_CHAIN") != NULL;
	if (!on)
		return;
	us = loop_clock_us() - run->t0 * 1000;
	fprintf(stderr, "chain %8.3f ms %-8s %s\n", us / 1000.0, what, id);
}

void probe_set_int(struct probe *p, const char *key, long long v)
{
	json_object_set_new(p->details, key, json_integer(v));
}

void probe_set_str(struct probe *p, const char *key, const char *v)
{
	json_object_set_new(p->details, key, json_text(v));
}

void probe_set_bool(struct probe *p, const char *key, bool v)
{
	json_object_set_new(p->details, key, json_boolean(v));
}

void probe_set_real(struct probe *p, const char *key, double v)
{
	json_object_set_new(p->details, key, json_real(v));
}

void probe_set_text(struct probe *p, const char *key, const char *v,
		    size_t len)
{
	char buf[1024];

	sanitize(v, len, buf, sizeof(buf), false);
	probe_set_str(p, key, buf);
}

void probe_transcript(struct probe *p, enum ts_dir dir, const char *data,
		      size_t len)
{
	transcript_add(p->run->transcript, probe_elapsed(p), p->ops->id, dir,
		       data, len);
}

void probe_info(struct probe *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	str_vprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	transcript_add(p->run->transcript, probe_elapsed(p), p->ops->id,
		       TS_INFO, buf, strlen(buf));
}

/* Tell the front end that P changed. */
static void notify(struct probe *p)
{
	if (p->run->on_progress)
		p->run->on_progress(p->run, p, p->run->cb_arg);
}

void *probe_state_new(struct probe *p, size_t size, void (*dtor)(void *state))
{
	p->state = calloc(1, size);
	p->state_dtor = p->state ? dtor : NULL;
	return p->state;
}

/* Destroy and free P's state, once. */
static void free_state(struct probe *p)
{
	if (p->state && p->state_dtor)
		p->state_dtor(p->state);
	free(p->state);
	p->state = NULL;
	p->state_dtor = NULL;
}

/* Run P's cleanup once, then release its state. */
static void cleanup_probe(struct probe *p)
{
	if (p->cleaned)
		return;
	p->cleaned = true;
	if (p->ops->cleanup && p->status != PROBE_WAITING)
		p->ops->cleanup(p);
	free_state(p);
}

static void advance(void *arg);

/* Queue one chain step for the next loop turn (at most one pending). */
static void schedule_advance(struct run *run)
{
	if (!run->finished && !run->advance_timer)
		run->advance_timer = loop_timer_add(run->loop, 0, advance, run);
}

void probe_finish(struct probe *p, enum probe_status status, const char *fmt,
		  ...)
{
	va_list ap;

	if (probe_done(p))
		return;
	p->status = status;
	p->duration_ms = probe_elapsed(p) - p->started_ms;
	va_start(ap, fmt);
	str_vprintf(p->summary, sizeof(p->summary), fmt, ap);
	va_end(ap);
	registry_check_details(p);
	chain_trace(p->run, probe_status_name(status), p->ops->id);
	notify(p);
	/* Dependents start from a fresh loop turn: the finishing probe may
	 * still be inside its own callback. */
	schedule_advance(p->run);
}

void probe_park(struct probe *p)
{
	if (probe_done(p) || !p->ops->resume)
		return;
	p->parked = true;
	schedule_advance(p->run);
}

/* True when every probe named in IDS is done and, when STARTED, has at
 * least begun (absent ones count); an early probe not confirmed yet is
 * not done. */
static bool all_in(struct run *run, const char *const *ids, bool started)
{
	int i;

	for (i = 0; i < PROBE_MAX_DEPS && ids[i]; i++) {
		struct probe *d = run_probe(run, ids[i]);

		if (!d)
			continue;
		if (started ? d->status == PROBE_WAITING
			    : !probe_done(d) || d->early)
			return false;
	}
	return true;
}

/* True when every probe named in IDS is done (absent ones count). */
static bool all_done_in(struct run *run, const char *const *ids)
{
	return all_in(run, ids, false);
}

/* True when P's dependencies and the trials it runs after are done. */
static bool deps_done(struct run *run, const struct probe *p)
{
	return all_done_in(run, p->ops->deps) &&
	       all_done_in(run, p->ops->after);
}

/* Start P, or skip it when it does not apply.  Returns true if P ended
 * at once (so dependents may be ready now). */
static bool start_probe(struct probe *p)
{
	char reason[256] = "";

	loop_timer_cancel(p->run->loop, p->early_timer);
	p->early_timer = NULL;
	p->started_ms = probe_elapsed(p);
	if (p->ops->applies && !p->ops->applies(p, reason, sizeof(reason))) {
		p->status = PROBE_SKIPPED;
		str_copy(p->summary, reason, sizeof(p->summary));
		p->cleaned = true;
		notify(p);
		return true;
	}
	p->status = PROBE_RUNNING;
	notify(p);
	chain_trace(p->run, "start", p->ops->id);
	p->ops->start(p);
	chain_trace(p->run, "started", p->ops->id);
	return probe_done(p);
}

/* The time to ask P's ops->early again has come: a chain step. */
static void on_early_timer(void *arg)
{
	struct probe *p = arg;

	p->early_timer = NULL;
	schedule_advance(p->run);
}

/* P waits and every dep has started: ask ops->early whether P may begin
 * now (the guess of probe.h), later (a timer) or never.  Returns true if
 * P started and ended at once. */
static bool try_early(struct run *run, struct probe *p)
{
	int ms;

	if (!p->ops->early || p->early_never || p->early_timer ||
	    !all_in(run, p->ops->deps, true) || !all_done_in(run, p->ops->after))
		return false;
	ms = p->ops->early(p);
	if (ms < 0) {
		p->early_never = true;
		return false;
	}
	if (ms > 0) {
		p->early_timer = loop_timer_add(run->loop, ms, on_early_timer, p);
		return false;
	}
	capture_addrs(run);
	p->early = true;
	p->started_ms = probe_elapsed(p);
	p->status = PROBE_RUNNING;
	notify(p);
	chain_trace(run, "early", p->ops->id);
	p->ops->start(p);
	chain_trace(run, "started", p->ops->id);
	return probe_done(p);
}

/* Drop what early P did: its state, details and status. */
static void undo_early(struct probe *p)
{
	cleanup_probe(p);
	p->cleaned = false;
	json_object_clear(p->details);
	p->summary[0] = '\0';
	p->duration_ms = 0;
	p->status = PROBE_WAITING;
}

/* The deps of early P are done: keep its work (ops->confirm), skip it
 * (applies() says no) or start it again.  Returns true if P is done. */
static bool confirm_early(struct probe *p)
{
	char reason[256] = "";

	p->early = false;
	if (p->ops->applies && !p->ops->applies(p, reason, sizeof(reason))) {
		undo_early(p);
		p->status = PROBE_SKIPPED;
		p->started_ms = probe_elapsed(p);
		str_copy(p->summary, reason, sizeof(p->summary));
		p->cleaned = true;
		/* What it sent did go over the wire: the transcript keeps it
		 * and says it counts for nothing. */
		probe_info(p, "started early; undone, its exchange above is not "
			   "used: %s", reason);
		chain_trace(p->run, "undone", p->ops->id);
		notify(p);
		return true;
	}
	chain_trace(p->run, "confirm", p->ops->id);
	if (!p->ops->confirm || p->ops->confirm(p))
		return probe_done(p);
	undo_early(p);
	probe_info(p, "started early; its result does not hold now that "
		   "its inputs are known: starting again");
	chain_trace(p->run, "again", p->ops->id);
	return start_probe(p);
}

/* Parked P: resume it once its ops->resume_after are done.  Returns true
 * if P ended then. */
static bool resume_parked(struct run *run, struct probe *p)
{
	if (!all_done_in(run, p->ops->resume_after))
		return false;
	p->parked = false;
	chain_trace(run, "resume", p->ops->id);
	p->ops->resume(p);
	return probe_done(p);
}

/* Mark the run finished and tell the front end. */
static void finish_run(struct run *run)
{
	int i;

	for (i = 0; i < run->nprobes; i++) {
		loop_timer_cancel(run->loop, run->probes[i].early_timer);
		run->probes[i].early_timer = NULL;
		cleanup_probe(&run->probes[i]);
	}
	loop_timer_cancel(run->loop, run->budget);
	run->budget = NULL;
	tcpconn_free(run->handover);
	run->handover = NULL;
	capture_stop(run);
	run->finished = true;
	run->duration_ms = loop_clock_ms() - run->t0;
	chain_trace(run, "done", "run");
	if (run->on_done)
		run->on_done(run, run->cb_arg);
}

/* When every probe still running can settle (and none waits), offer them
 * to conclude: a probe that only adds detail must not hold the run. */
static void offer_settle(struct run *run)
{
	int i;

	for (i = 0; i < run->nprobes; i++) {
		const struct probe *p = &run->probes[i];

		if (!probe_done(p) &&
		    (p->status != PROBE_RUNNING || !p->ops->settle))
			return;
	}
	for (i = 0; i < run->nprobes; i++)
		if (run->probes[i].status == PROBE_RUNNING)
			run->probes[i].ops->settle(&run->probes[i]);
}

/* One chain step: clean up finished probes, start the ready ones. */
static void advance(void *arg)
{
	struct run *run = arg;
	bool again = true, all_done;
	int i;

	run->advance_timer = NULL;
	while (again) {
		again = false;
		all_done = true;
		for (i = 0; i < run->nprobes; i++) {
			struct probe *p = &run->probes[i];

			if (p->early && deps_done(run, p))
				again |= confirm_early(p);
			if (probe_done(p))
				cleanup_probe(p);
			else if (p->parked)
				again |= resume_parked(run, p);
			else if (p->status == PROBE_WAITING && deps_done(run, p)) {
				/* Once dns is done and before anything connects:
				 * the capture's filter on the addresses. */
				capture_addrs(run);
				again |= start_probe(p);
			} else if (p->status == PROBE_WAITING)
				again |= try_early(run, p);
			all_done &= probe_done(p) && !p->early;
		}
	}
	if (all_done && !run->finished)
		finish_run(run);
	else if (!all_done)
		offer_settle(run);
}

/* Stop everything still going, with WHY as their summary. */
static void stop_all(struct run *run, const char *why)
{
	int i;

	for (i = 0; i < run->nprobes; i++) {
		struct probe *p = &run->probes[i];

		if (p->status == PROBE_RUNNING) {
			probe_info(p, "%s", why);
			p->status = PROBE_ERROR;
			p->duration_ms = probe_elapsed(p) - p->started_ms;
			str_copy(p->summary, why, sizeof(p->summary));
			notify(p);
		} else if (p->status == PROBE_WAITING) {
			p->status = PROBE_SKIPPED;
			p->cleaned = true;
			str_copy(p->summary, why, sizeof(p->summary));
			notify(p);
		}
	}
}

/* The budget ran out. */
static void budget_expired(void *arg)
{
	struct run *run = arg;

	run->budget = NULL;
	run->budget_expired = true;
	run_abort(run, _("did not finish within the run's budget (--budget)"));
}

void run_abort(struct run *run, const char *why)
{
	if (run->finished)
		return;
	stop_all(run, why);
	loop_timer_cancel(run->loop, run->advance_timer);
	run->advance_timer = NULL;
	finish_run(run);
}

int run_init(struct run *run, struct loop *loop, const struct options *opt,
	     const struct target *target)
{
	char err[256];
	int i;

	memset(run, 0, sizeof(*run));
	run->loop = loop;
	run->opt = opt;
	run->target = *target;
	run->open_addr = -1;
	if (netpath_setup(&run->path, opt, target, err, sizeof(err)) < 0)
		fprintf(stderr, "sockdoc: %s\n", err);
	run->transcript = transcript_new();
	if (!run->transcript)
		return -1;
	for (i = 0; probe_registry[i] && i < RUN_MAX_PROBES; i++) {
		struct probe *p = &run->probes[run->nprobes++];

		p->ops = probe_registry[i];
		p->run = run;
		p->details = json_object();
	}
	return 0;
}

void run_start(struct run *run)
{
	run->t0 = loop_clock_ms();
	iso_time_now(run->started, sizeof(run->started));
	run->budget = loop_timer_add(run->loop, run->opt->budget_ms,
				     budget_expired, run);
	capture_start(run);
	schedule_advance(run);
}

void run_free(struct run *run)
{
	int i;

	if (!run->finished)
		run_abort(run, _("stopped"));
	loop_timer_cancel(run->loop, run->advance_timer);
	run->advance_timer = NULL;
	for (i = 0; i < run->nprobes; i++) {
		free_state(&run->probes[i]);
		json_decref(run->probes[i].details);
	}
	if (run->shared && run->shared_free)
		run->shared_free(run->shared);
	run->shared = NULL;
	if (run->curl)
		curlglue_free(run->curl);
	if (run->ares)
		aresglue_free(run->ares);
	transcript_free(run->transcript);
	capture_free(run);
	curl_slist_free_all(run->path_pin);
	explicit_bzero(&run->path, sizeof(run->path));
	memset(run, 0, sizeof(*run));
}

struct probe *run_probe(struct run *run, const char *id)
{
	int i;

	for (i = 0; i < run->nprobes; i++)
		if (!strcmp(run->probes[i].ops->id, id))
			return &run->probes[i];
	return NULL;
}

enum probe_status run_probe_status(struct run *run, const char *id)
{
	struct probe *p = run_probe(run, id);

	return p ? p->status : PROBE_SKIPPED;
}

struct curlglue *run_curl(struct run *run)
{
	if (!run->curl)
		run->curl = curlglue_new(run->loop);
	return run->curl;
}

struct aresglue *run_ares(struct run *run)
{
	char err[256];

	if (!run->ares)
		run->ares = aresglue_new(run->loop, run->opt->dns_servers,
					 run->opt->ndns, run->opt->timeout_ms,
					 err, sizeof(err));
	return run->ares;
}

int run_timeout_ms(const struct run *run)
{
	return run->opt->timeout_ms;
}

json_t *run_report_on(struct loop *loop, const struct options *opt,
		      const struct target *t)
{
	return run_report_until(loop, opt, t, NULL);
}

json_t *run_report_until(struct loop *loop, const struct options *opt,
			 const struct target *t, const int *signo)
{
	struct run run;
	json_t *report;
	int rc;

	if (run_init(&run, loop, opt, t) < 0)
		return NULL;
	run_start(&run);
	while (!run.finished) {
		if (loop_run_once(loop, -1) < 0)
			run_abort(&run, _("the event loop failed"));
		if (signo && *signo && !run.finished) {
			run.interrupted = *signo;
			run_abort(&run, _("interrupted"));
		}
	}
	report = report_build(&run);
	if (report && opt->transcript &&
	    (rc = transcript_write(run.transcript, opt->transcript)) < 0)
		fprintf(stderr, "sockdoc: %s: %s: %s\n",
			_("cannot write the transcript"), opt->transcript,
			safe_file_strerror(rc));
	run_free(&run);
	return report;
}

json_t *run_to_report(const struct options *opt, const struct target *t)
{
	struct loop *loop = loop_new();
	json_t *report;

	if (!loop)
		return NULL;
	report = run_report_on(loop, opt, t);
	loop_free(loop);
	return report;
}
