/* icmp_report.c — the icmp probe's evidence and conclusion: per address
 * the requests sent, replies, round-trip times and any unreachable. */
#include "config.h"

#include "icmp_int.h"

#include "i18n.h"
#include "run.h"
#include "util.h"

/* Millisecond value rounded to microseconds, for the JSON. */
static json_t *ms_json(double ms)
{
	return json_real((double)(long long)(ms * 1000.0 + 0.5) / 1000.0);
}

/* One target's counts as a JSON object. */
static json_t *target_json(const struct icmp_target *t)
{
	json_t *o = json_pack("{s:s, s:i, s:i}", "address", t->addr, "sent",
			      t->sent, "received", t->received);

	if (t->received > 0) {
		json_object_set_new(o, "rtt_ms_min", ms_json(t->rtt_min));
		json_object_set_new(o, "rtt_ms_avg",
				    ms_json(t->rtt_sum / t->received));
		json_object_set_new(o, "rtt_ms_max", ms_json(t->rtt_max));
	}
	if (t->unreach) {
		json_object_set_new(o, "unreachable", json_string(
			icmp_unreach_name(t->kind.v6, t->unreach_code)));
		json_object_set_new(o, "unreachable_code",
				    json_integer(t->unreach_code));
	}
	if (t->err)
		json_object_set_new(o, "error", json_string(errno_name(t->err)));
	return o;
}

/* Finish with the status the targets together deserve. */
static void finish(struct icmp_state *st, int replied, int unreach,
		   double best_avg)
{
	const struct icmp_target *u = NULL, *unsent = NULL;
	int i, nunsent = 0;

	for (i = 0; i < st->n; i++) {
		const struct icmp_target *t = &st->t[i];

		if (t->unreach && !u)
			u = t;
		if (!t->unreach && t->sent == 0 && t->err) {
			nunsent++;
			unsent = unsent ? unsent : t;
		}
	}
	if (replied == 0 && unreach == 0 && nunsent == st->n)
		probe_finish(st->p, PROBE_WARN,
			     _("could not send ICMP echo to %s: %s (a local firewall rule?)"),
			     unsent->addr, errno_name(unsent->err));
	else if (replied > 0)
		probe_finish(st->p, PROBE_OK,
			     _("echo replies from %d of %d address(es), %.1f ms"),
			     replied, st->n, best_avg);
	else if (unreach > 0)
		probe_finish(st->p, PROBE_FAIL,
			     _("%s: destination unreachable (%s)"), u->addr,
			     icmp_unreach_name(u->kind.v6, u->unreach_code));
	else if (st->settled)
		probe_finish(st->p, PROBE_SKIPPED,
			     _("not waited for: the port answered, so ping cannot change the diagnosis (no echo reply after %lld ms)"),
			     (long long)probe_elapsed(st->p) - st->p->started_ms);
	else
		probe_finish(st->p, PROBE_WARN,
			     _("no echo reply from %d address(es) in %d ms (many hosts drop ping; not a cause by itself)"),
			     st->n, run_timeout_ms(st->p->run));
}

void icmp_conclude(struct icmp_state *st)
{
	struct probe *p = st->p;
	json_t *arr = json_array();
	int i, replied = 0, unreach = 0, received = 0;
	double best = -1;

	loop_timer_cancel(p->run->loop, st->send_timer);
	loop_timer_cancel(p->run->loop, st->deadline);
	loop_timer_cancel(p->run->loop, st->grace);
	st->send_timer = st->deadline = st->grace = NULL;
	for (i = 0; i < st->n; i++) {
		const struct icmp_target *t = &st->t[i];

		json_array_append_new(arr, target_json(t));
		if (t->received > 0) {
			double avg = t->rtt_sum / t->received;

			replied++;
			if (best < 0 || avg < best)
				best = avg;
		}
		unreach += t->unreach;
		received += t->received;
	}
	json_object_set_new(p->details, "targets", arr);
	probe_set_str(p, "method", st->method ? st->method : "none");
	probe_set_int(p, "count", ICMP_ECHOES);
	probe_set_int(p, "interval_ms", ICMP_SPACING_MS);
	probe_set_int(p, "replied", replied);
	probe_set_int(p, "received", received);
	probe_set_bool(p, "settled", st->settled);
	probe_set_int(p, "unreachable_addresses", unreach);
	finish(st, replied, unreach, best);
}
