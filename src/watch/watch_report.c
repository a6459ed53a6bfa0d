/* watch_report.c — the watch's final report: the last round's findings
 * plus a "watch" probe whose details the rules read (conn.intermittent,
 * server.down_or_restarting), with the causes seen in failed rounds kept.
 *
 * watch probe details: interval_s, rounds: [{round, time, offset_ms,
 *          duration_ms, verdict, cause, probes (status letters), held}]
 *          (the last WATCH_RING), held_lost: [{round, at_ms, event,
 *          held_ms}] (the last WATCH_RING), held_keepalive (tcp://:
 *          the keep-alive timers of the held connection and the OS's,
 *          watch_held.h), stopped_by (count|signal|user|
 *          running), rounds_total, rounds_failed, probe_stats (see
 *          watch_stats_json)
 */
#include "config.h"

#include <string.h>

#include "diagnose.h"
#include "i18n.h"
#include "loop.h"
#include "report.h"
#include "watch_priv.h"

void watch_keep_causes(struct watch *w, json_t *report, int n)
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
			_("seen in watch round %d"), n));
		json_array_append_new(w->seen, k);
	}
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

/* The watch probe appended to REP's probes. */
static void add_watch_probe(struct watch *w, json_t *rep, const char *by,
			    int64_t total)
{
	bool bad = w->failed > 0 || w->held.nlost > 0;
	json_t *details;

	details = json_pack("{s:i,s:O,s:O,s:s,s:I,s:I,s:o}", "interval_s",
			    w->light.watch_sec, "rounds", w->rounds,
			    "held_lost", w->held.lost, "stopped_by", by,
			    "rounds_total", (json_int_t)w->total,
			    "rounds_failed", (json_int_t)w->failed,
			    "probe_stats", watch_stats_json(&w->stats));
	if (w->held.raw)
		json_object_set_new(details, "held_keepalive",
				    held_raw_keepalive_json());
	json_array_append_new(json_object_get(rep, "probes"), json_pack(
		"{s:s,s:s,s:i,s:I,s:s,s:o}", "id", "watch", "status",
		bad ? "fail" : "ok", "started_ms", 0, "duration_ms",
		(json_int_t)total, "summary",
		bad ? _("some rounds failed or the held connection was lost")
		    : !w->held.have_addr ? _("every round passed")
		    : _("every round passed and the held connection stayed up"),
		"details", details));
}

json_t *watch_final_report(struct watch *w, const char *stopped_by)
{
	json_t *rep, *causes;
	int64_t total = loop_clock_ms() - w->t0;

	if (!w->last)
		return NULL;
	rep = json_deep_copy(w->last);
	add_watch_probe(w, rep, stopped_by, total);
	causes = diagnose(rep);
	merge_seen(causes, w->seen);
	json_object_set_new(rep, "causes", causes);
	if (json_array_size(causes))
		json_object_set_new(rep, "verdict", json_string("problems"));
	json_object_set_new(rep, "duration_ms", json_integer(total));
	json_object_set_new(rep, "watch", json_pack("{s:i,s:O,s:O}",
		"interval_s", w->light.watch_sec, "rounds", w->rounds,
		"held_lost", w->held.lost));
	return rep;
}
