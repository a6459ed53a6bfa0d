/* watch_priv.h — the watch engine's state, shared by its files (watch.c:
 * rounds on the loop; watch_report.c: the final report). */
#ifndef SOCKDOC_WATCH_PRIV_H
#define SOCKDOC_WATCH_PRIV_H

#include "run.h"
#include "watch.h"
#include "watch_held.h"

/* The watch's state. */
struct watch {
	struct options light;   /* the user's options, heavy trials off */
	struct target t;        /* what to watch */
	struct loop *loop;      /* the caller's loop */
	watch_round_cb on_round; /* per round, may be NULL */
	watch_done_cb on_done;  /* at the end, may be NULL */
	void *arg;              /* for both callbacks */
	struct held held;       /* the long-lived connection */
	struct run run;         /* the round's chain */
	bool run_init;          /* run holds resources */
	bool in_round;          /* a round is at work */
	bool stopping;          /* end after this round */
	bool finished;          /* the done callback was called */
	const char *stopped_by; /* count|signal|user */
	int interrupted;        /* the signal that ended it at once, 0 none */
	struct loop_timer *timer; /* the next step, NULL if none */
	int n;                  /* current (or last) round number */
	int64_t t0;             /* watch start (monotonic ms) */
	int64_t round_start;    /* when this round began */
	int64_t next_ms;        /* when the next round is due, 0 none */
	int64_t wait_until;     /* bound of a wait for the held session */
	char when[32];          /* this round's ISO start time */
	json_t *rounds;         /* timeline: the last WATCH_RING rounds */
	long long total;        /* rounds finished */
	long long failed;       /* rounds whose verdict was not ok */
	json_t *last;           /* last round's report */
	json_t *seen;           /* causes of failed rounds, first of each id */
	long long lost_shown;   /* held losses already shown in the timeline */
	struct watch_stats stats; /* per probe, bounded */
};

/* The final report from the last round, the watch probe and the causes
 * of failed rounds (new reference; NULL before the first round). */
json_t *watch_final_report(struct watch *w, const char *stopped_by);
/* Keep the causes of REPORT (a failed round N), first time each id. */
void watch_keep_causes(struct watch *w, json_t *report, int n);

#endif
