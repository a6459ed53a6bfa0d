/* watch_stats.c — per-probe running statistics of the watch (see
 * watch_stats.h). */
#include "config.h"

#include "watch_stats.h"

#include <string.h>

#include "util.h"
#include "watch_status.h"

/* The entry for probe ID, created on first sight; NULL when full. */
static struct watch_stat *stat_of(struct watch_stats *s, const char *id)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->p[i].id, id))
			return &s->p[i];
	if (s->n == WATCH_MAX_STATS)
		return NULL;
	memset(&s->p[s->n], 0, sizeof(s->p[s->n]));
	str_copy(s->p[s->n].id, id, sizeof(s->p[s->n].id));
	return &s->p[s->n++];
}

/* Record one probe P of a round. */
static char stat_add(struct watch_stats *s, json_t *p)
{
	const char *id = json_string_value(json_object_get(p, "id"));
	char c = watch_letter_of(json_string_value(json_object_get(p, "status")));
	int64_t ms = json_integer_value(json_object_get(p, "duration_ms"));
	struct watch_stat *st = stat_of(s, id ? id : "?");

	if (!st)
		return c;
	st->hist[st->n % WATCH_RING] = c;
	st->n++;
	st->fails += watch_letter_bad(c);
	st->last_ms = ms;
	st->total_ms += ms;
	if (ms > st->worst_ms)
		st->worst_ms = ms;
	return c;
}

void watch_stats_add(struct watch_stats *s, json_t *report, char *letters,
		     size_t size)
{
	json_t *p;
	size_t i, n = 0;

	json_array_foreach(json_object_get(report, "probes"), i, p) {
		char c = stat_add(s, p);

		if (n + 1 < size)
			letters[n++] = c;
	}
	if (size)
		letters[n] = '\0';
}

int watch_stat_len(const struct watch_stat *st)
{
	return st->n < WATCH_RING ? (int)st->n : WATCH_RING;
}

char watch_stat_letter(const struct watch_stat *st, int i)
{
	long long first = st->n - watch_stat_len(st);

	return st->hist[(first + i) % WATCH_RING];
}

int64_t watch_stat_avg_ms(const struct watch_stat *st)
{
	return st->n ? st->total_ms / st->n : 0;
}

int watch_stat_fail_pct(const struct watch_stat *st)
{
	return st->n ? (int)(st->fails * 100 / st->n) : 0;
}

json_t *watch_stats_json(const struct watch_stats *s)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < s->n; i++) {
		const struct watch_stat *st = &s->p[i];

		json_array_append_new(a, json_pack("{s:s,s:I,s:I,s:I,s:I,s:i}",
			"id", st->id, "rounds", (json_int_t)st->n,
			"last_ms", (json_int_t)st->last_ms,
			"avg_ms", (json_int_t)watch_stat_avg_ms(st),
			"worst_ms", (json_int_t)st->worst_ms,
			"fail_pct", watch_stat_fail_pct(st)));
	}
	return a;
}
