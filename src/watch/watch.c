/* watch.c — the watch mode: the light chain every --watch SEC seconds for
 * --count rounds (0: until SIGINT), a connection held across rounds, a
 * timeline line per round, and at the end one report: the last round's
 * findings plus a "watch" probe whose details the rules read
 * (conn.intermittent, server.down_or_restarting), with the causes seen in
 * failed rounds kept.
 *
 * watch probe details: interval_s, rounds: [{round, time, offset_ms,
 *          duration_ms, verdict, cause, probes (status letters), held}],
 *          held_lost: [{round, at_ms, event, held_ms}], stopped_by
 *          (count|signal)
 */
#include "config.h"

#include "watch.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "diagnose.h"
#include "i18n.h"
#include "report.h"
#include "run.h"
#include "util.h"
#include "watch_held.h"

/* The watch's state. */
struct watch {
	struct options light;   /* the user's options, heavy trials off */
	const struct target *t; /* what to watch */
	struct loop *loop;      /* one loop for every round */
	struct held held;       /* the long-lived connection */
	int sigfd;              /* SIGINT as a descriptor, -1 if none */
	bool stop;              /* SIGINT seen */
	bool due;               /* the next round's time came */
	int64_t t0;             /* watch start */
	json_t *rounds;         /* timeline */
	json_t *last;           /* last round's report */
	json_t *seen;           /* causes of failed rounds, first of each id */
	FILE *out;              /* where the timeline goes (text format) */
	size_t lost_shown;      /* held losses already shown in the timeline */
};

/* SIGINT arrived through the signalfd. */
static void on_signal(int fd, unsigned events, void *arg)
{
	struct watch *w = arg;
	struct signalfd_siginfo si;

	(void)events;
	if (read(fd, &si, sizeof(si)) > 0)
		w->stop = true;
}

/* Route SIGINT to the loop (blocked, read from a signalfd). */
static void catch_sigint(struct watch *w)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	w->sigfd = -1;
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return;
	w->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (w->sigfd >= 0)
		loop_watch(w->loop, w->sigfd, LOOP_IN, on_signal, w);
}

/* One letter per probe status, in chain order. */
static void letters(json_t *report, char *buf, size_t size)
{
	json_t *p;
	size_t i, n = 0;

	json_array_foreach(json_object_get(report, "probes"), i, p) {
		const char *s = json_string_value(json_object_get(p, "status"));
		char c = !strcmp(s, "ok") ? '.' : !strcmp(s, "warn") ? 'w' :
			 !strcmp(s, "fail") ? 'F' : !strcmp(s, "error") ? 'E' : '-';

		if (n + 1 < size)
			buf[n++] = c;
	}
	buf[n] = '\0';
}

/* The first address reach connected to, for the held connection. */
static void find_held_addr(struct watch *w, json_t *report)
{
	json_t *probes = json_object_get(report, "probes"), *p, *a;
	long long port = json_integer_value(json_object_get(
		json_object_get(report, "target"), "port"));
	size_t i, k;

	json_array_foreach(probes, i, p) {
		if (strcmp(json_string_value(json_object_get(p, "id")), "reach"))
			continue;
		json_array_foreach(json_object_get(json_object_get(p, "details"),
						   "addresses"), k, a) {
			const char *r = json_string_value(json_object_get(a, "result"));
			const char *ad = json_string_value(json_object_get(a, "address"));

			if (r && ad && !strcmp(r, "connected") &&
			    addr_parse(ad, (int)port, &w->held.sa)) {
				w->held.have_addr = true;
				return;
			}
		}
	}
}

/* Keep the causes of a failed round (first time each id shows). */
static void keep_causes(struct watch *w, json_t *report, int round)
{
	json_t *c, *k;
	size_t i, j;
	bool have;

	json_array_foreach(json_object_get(report, "causes"), i, c) {
		const char *id = json_string_value(json_object_get(c, "id"));

		have = false;
		json_array_foreach(w->seen, j, k)
			have |= !strcmp(json_string_value(json_object_get(k, "id")), id);
		if (have)
			continue;
		k = json_deep_copy(c);
		json_array_append_new(json_object_get(k, "evidence"), json_sprintf(
			_("seen in watch round %d"), round));
		json_array_append_new(w->seen, k);
	}
}

/* Iterate the loop until the held connection's NOOP is answered. */
static void settle_held(struct watch *w)
{
	int64_t end = loop_clock_ms() + w->light.timeout_ms + 100;

	while (held_busy(&w->held) && loop_clock_ms() < end && !w->stop)
		loop_run_once(w->loop, 100);
}

/* Print the timeline line of round R (text format only). */
static void print_round(struct watch *w, json_t *r)
{
	if (w->light.format != FORMAT_TEXT)
		return;
	fprintf(w->out, "%s  #%-3lld %-12s %-28s %s  held:%s\n",
		json_string_value(json_object_get(r, "time")),
		json_integer_value(json_object_get(r, "round")),
		json_string_value(json_object_get(r, "verdict")),
		json_string_value(json_object_get(r, "cause")),
		json_string_value(json_object_get(r, "probes")),
		json_string_value(json_object_get(r, "held")));
	fflush(w->out);
}

/* Held state for the timeline: a loss since the last round shows. */
static const char *held_word(struct watch *w)
{
	json_t *l;

	if (json_array_size(w->held.lost) > w->lost_shown) {
		w->lost_shown = json_array_size(w->held.lost);
		l = json_array_get(w->held.lost, json_array_size(w->held.lost) - 1);
		return json_string_value(json_object_get(l, "event"));
	}
	return w->held.state;
}

/* Run round N: the held NOOP and the chain, then record the line. */
static void run_round(struct watch *w, int n)
{
	int64_t start = loop_clock_ms();
	json_t *report, *r, *first;
	char when[32], probes[RUN_MAX_PROBES + 1];

	iso_time_now(when, sizeof(when));
	held_round(&w->held, n);
	report = run_report_on(w->loop, &w->light, w->t);
	if (!report)
		return;
	settle_held(w);
	if (!w->held.have_addr) {
		find_held_addr(w, report);
		held_round(&w->held, n); /* open it now that the address is known */
	}
	letters(report, probes, sizeof(probes));
	first = json_array_get(json_object_get(report, "causes"), 0);
	r = json_pack("{s:i,s:s,s:I,s:I,s:s,s:s,s:s,s:s}", "round", n,
		      "time", when, "offset_ms", (json_int_t)(start - w->t0),
		      "duration_ms", (json_int_t)(loop_clock_ms() - start),
		      "verdict", report_verdict(report),
		      "cause", first ? json_string_value(json_object_get(first, "id")) : "-",
		      "probes", probes, "held", held_word(w));
	json_array_append_new(w->rounds, r);
	if (strcmp(report_verdict(report), "ok"))
		keep_causes(w, report, n);
	json_decref(w->last);
	w->last = report;
	print_round(w, r);
}

/* The interval passed. */
static void on_due(void *arg)
{
	((struct watch *)arg)->due = true;
}

/* Wait for the next round's time (or SIGINT), serving the held session. */
static void wait_next(struct watch *w, int64_t round_start)
{
	int64_t ms = round_start + (int64_t)w->light.watch_sec * 1000 -
		     loop_clock_ms();
	struct loop_timer *t;

	if (ms <= 0 || w->stop)
		return;
	w->due = false;
	t = loop_timer_add(w->loop, ms, on_due, w);
	while (!w->due && !w->stop)
		loop_run_once(w->loop, -1);
	if (!w->due)
		loop_timer_cancel(w->loop, t);
}

/* Did any round fail, or the held connection drop? */
static bool troubled(struct watch *w)
{
	json_t *r;
	size_t i;

	json_array_foreach(w->rounds, i, r)
		if (strcmp(json_string_value(json_object_get(r, "verdict")), "ok"))
			return true;
	return json_array_size(w->held.lost) > 0;
}

/* Add the causes of failed rounds that the final diagnosis lacks. */
static void merge_seen(json_t *causes, json_t *seen)
{
	json_t *c, *k;
	size_t i, j;

	json_array_foreach(seen, i, k) {
		bool have = false;

		json_array_foreach(causes, j, c)
			have |= json_equal(json_object_get(c, "id"),
					   json_object_get(k, "id"));
		if (!have)
			json_array_append(causes, k);
	}
}

/* The final report: last round + the watch probe + merged causes. */
static json_t *final_report(struct watch *w, const char *stopped_by)
{
	json_t *rep = w->last, *details, *causes;
	int64_t total = loop_clock_ms() - w->t0;
	bool bad = troubled(w);

	details = json_pack("{s:i,s:O,s:O,s:s}", "interval_s", w->light.watch_sec,
			    "rounds", w->rounds, "held_lost", w->held.lost,
			    "stopped_by", stopped_by);
	json_array_append_new(json_object_get(rep, "probes"), json_pack(
		"{s:s,s:s,s:i,s:I,s:s,s:o}", "id", "watch", "status",
		bad ? "fail" : "ok", "started_ms", 0, "duration_ms",
		(json_int_t)total, "summary",
		bad ? _("some rounds failed or the held connection was lost")
		    : _("every round passed and the held connection stayed up"),
		"details", details));
	causes = diagnose(rep);
	merge_seen(causes, w->seen);
	json_object_set_new(rep, "causes", causes);
	if (json_array_size(causes))
		json_object_set_new(rep, "verdict", json_string("problems"));
	json_object_set_new(rep, "duration_ms", json_integer(total));
	json_object_set_new(rep, "watch", json_pack("{s:i,s:O,s:O}",
		"interval_s", w->light.watch_sec, "rounds", w->rounds,
		"held_lost", w->held.lost));
	w->last = NULL;
	return rep;
}

/* Write REP as the user asked; returns the exit code. */
static int write_final(struct watch *w, json_t *rep)
{
	int rc = w->light.format == FORMAT_NAGIOS ? report_nagios_code(rep)
						  : report_exit_code(rep);
	int wr;

	if (w->light.format == FORMAT_JSON)
		wr = report_write_json(rep, w->out);
	else if (w->light.format == FORMAT_NAGIOS)
		wr = report_write_nagios(rep, w->out);
	else
		wr = report_write_text(rep, w->out, w->light.color && !w->light.output,
				       w->light.verbose);
	return wr < 0 ? 3 : rc;
}

int watch_run(struct options *opt, const struct target *t, FILE *out)
{
	struct watch w;
	json_t *rep;
	int n, rc;

	memset(&w, 0, sizeof(w));
	w.light = *opt;
	w.light.trials = 0;
	w.t = t;
	w.out = out;
	w.loop = loop_new();
	if (!w.loop)
		return 3;
	w.t0 = loop_clock_ms();
	w.rounds = json_array();
	w.seen = json_array();
	held_init(&w.held, w.loop, opt->timeout_ms, w.t0);
	catch_sigint(&w);
	for (n = 1; !w.stop && (opt->count == 0 || n <= opt->count); n++) {
		int64_t start = loop_clock_ms();

		run_round(&w, n);
		if (opt->count == 0 || n < opt->count)
			wait_next(&w, start);
	}
	rc = 3;
	if (w.last) {
		rep = final_report(&w, w.stop ? "signal" : "count");
		rc = write_final(&w, rep);
		json_decref(rep);
	}
	held_free(&w.held);
	json_decref(w.rounds);
	json_decref(w.seen);
	json_decref(w.last);
	if (w.sigfd >= 0) {
		loop_unwatch(w.loop, w.sigfd);
		close(w.sigfd);
	}
	loop_free(w.loop);
	return rc;
}
