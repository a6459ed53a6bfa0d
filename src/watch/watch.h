/* watch.h — the one watch engine (`--watch SEC --count N` and the
 * wizard's watch mode): the light chain every SEC seconds (heavy trials
 * off), one connection held open across rounds, and at the end one report
 * whose "watch" probe lets the rules conclude conn.intermittent and
 * server.down_or_restarting (interface.md).
 *
 * It runs on the caller's event loop and never blocks: the CLI makes a
 * loop and iterates it until the done callback; the wizard shares its
 * loop with the keyboard.  Memory stays bounded for --count 0: the last
 * WATCH_RING rounds are kept in full, older ones only in the running
 * statistics per probe (watch_stats.h). */
#ifndef SOCKDOC_WATCH_H
#define SOCKDOC_WATCH_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "loop.h"
#include "options.h"
#include "target.h"
#include "watch_stats.h"
#include "watch_status.h"

struct watch;

/* What one finished round hands to the front end (valid during the
 * callback only; take a reference to keep the JSON). */
struct watch_round {
	int round;           /* 1-based */
	const char *letters; /* one status letter per probe, chain order */
	json_t *line;        /* {round, time, offset_ms, duration_ms, verdict,
			      * cause, probes, held} as in the watch probe */
	json_t *report;      /* the round's own report */
};

/* A round finished. */
typedef void (*watch_round_cb)(struct watch *w, const struct watch_round *r,
			       void *arg);
/* The watch ended (count reached or watch_stop); FINAL is the final report
 * (the caller owns it) or NULL when no round finished. */
typedef void (*watch_done_cb)(struct watch *w, json_t *final, void *arg);

/* A watch of T with OPT (copied; trials are turned off, OPT->watch_sec is
 * the interval, OPT->count the rounds, 0 = until watch_stop) on LOOP.
 * NULL when out of memory.  Nothing runs before watch_start. */
struct watch *watch_new(struct loop *loop, const struct options *opt,
			const struct target *t, watch_round_cb on_round,
			watch_done_cb on_done, void *arg);
/* Start the first round (from the loop, not inside this call). */
void watch_start(struct watch *w);
/* End after the round at work (at once when between rounds); BY is the
 * watch probe's stopped_by ("signal", "user"). */
void watch_stop(struct watch *w, const char *by);
/* End at once on signal SIGNO (SIGINT, SIGTERM): the round at work is
 * aborted (its partial report stands in when no round finished yet), and
 * the final report of the rounds so far has the verdict "interrupted" and
 * "signal": SIGNO (exit 128 + SIGNO), stopped_by "signal".  Call it from
 * the loop's caller between two iterations, not from inside a callback
 * of W; the done callback follows on the next iteration. */
void watch_interrupt(struct watch *w, int signo);
/* Change the interval (seconds, >= 1) from the next wait on. */
void watch_set_interval(struct watch *w, int sec);
/* Release everything; no callback is called after this.  A round at work
 * is aborted.  Not from inside a callback of W (defer it to the loop). */
void watch_free(struct watch *w);

/* Rounds finished so far. */
int watch_rounds_done(const struct watch *w);
/* True while a round (chain or held check) is at work. */
bool watch_in_round(const struct watch *w);
/* Monotonic ms when the next round is due (0 when none is planned). */
int64_t watch_next_ms(const struct watch *w);
/* True after the done callback. */
bool watch_finished(const struct watch *w);
/* The per-probe statistics and sparkline history. */
const struct watch_stats *watch_get_stats(const struct watch *w);
/* The diagnosis so far: what the final report would say if the watch
 * ended now (new reference), NULL before the first round. */
json_t *watch_report_now(struct watch *w);

#endif
