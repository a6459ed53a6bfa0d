/* watch_stats.h — running statistics per probe across the watch's rounds,
 * in fixed memory (a ring of the last WATCH_RING letters), so that
 * `--count 0` runs for days without growing. */
#ifndef SOCKDOC_WATCH_STATS_H
#define SOCKDOC_WATCH_STATS_H

#include <jansson.h>
#include <stdint.h>

#define WATCH_RING 64      /* rounds kept in full (timeline, sparklines) */
#define WATCH_MAX_STATS 32 /* probes tracked (RUN_MAX_PROBES) */

/* One probe over the rounds. */
struct watch_stat {
	char id[32];              /* probe id */
	char hist[WATCH_RING];    /* status letters (watch_status.h), a ring */
	long long n;              /* rounds seen (hist holds the last ones) */
	long long fails;          /* rounds with fail or error */
	int64_t last_ms;          /* duration in the last round, ms */
	int64_t total_ms;         /* sum of durations, for the average */
	int64_t worst_ms;         /* longest duration seen, ms */
};

/* All probes, in first-seen (chain) order. */
struct watch_stats {
	struct watch_stat p[WATCH_MAX_STATS]; /* used: n */
	int n;                                /* probes tracked */
};

/* Add one round's REPORT; LETTERS (size SIZE) gets its status letters in
 * chain order. */
void watch_stats_add(struct watch_stats *s, json_t *report, char *letters,
		     size_t size);
/* The I-th newest-last letter of ST's history: I in 0..watch_stat_len-1. */
char watch_stat_letter(const struct watch_stat *st, int i);
/* How many letters ST's history holds (at most WATCH_RING). */
int watch_stat_len(const struct watch_stat *st);
/* Average duration (ms) and failure percentage of ST. */
int64_t watch_stat_avg_ms(const struct watch_stat *st);
int watch_stat_fail_pct(const struct watch_stat *st);
/* The statistics as JSON: [{id, rounds, last_ms, avg_ms, worst_ms,
 * fail_pct}] (new reference). */
json_t *watch_stats_json(const struct watch_stats *s);

#endif
