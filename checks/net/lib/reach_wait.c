/* reach_wait.c — how long reach has waited, for the probes that start
 * early (reach_wait.h). */
#include "config.h"

#include "reach_wait.h"

#include "netpath.h"
#include "run.h"

/* Reach's probe; its start time is the reference of both answers. */
static struct probe *reach_of(struct probe *p)
{
	return run_probe(p->run, "reach");
}

/* True when reach already completed a handshake with an address. */
static bool reach_answered(const struct run *run)
{
	int i;

	for (i = 0; i < run->naddrs; i++)
		if (run->addrs[i].reachable)
			return true;
	return false;
}

int reach_wait_early(struct probe *p)
{
	struct probe *r = reach_of(p);
	int64_t quiet = run_timeout_ms(p->run) / 5, left;

	if (!r || r->status != PROBE_RUNNING || netpath_proxied(p->run) ||
	    reach_answered(p->run))
		return -1;
	if (quiet > REACH_QUIET_MAX_MS)
		quiet = REACH_QUIET_MAX_MS;
	left = r->started_ms + quiet - probe_elapsed(p);
	return left > 0 ? (int)left : 0;
}

int reach_wait_left_ms(struct probe *p)
{
	struct probe *r = reach_of(p);
	int64_t left = run_timeout_ms(p->run);

	if (r && r->status != PROBE_WAITING)
		left = r->started_ms + run_timeout_ms(p->run) - probe_elapsed(p);
	return left > 1 ? (int)left : 1;
}
