/* reach.c — the `reach` probe: a TCP handshake to every resolved address
 * at once, each with the per-step deadline.  It tells refused (RST, or
 * an ICMP port unreachable: its sender is recorded), filtered (silence
 * until the deadline) and unreachable (ICMP) apart.
 *
 * Its details keys are listed in reach_details[] below.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "loop.h"
#include "run.h"
#include "tcpconn.h"
#include "util.h"

/* A connection older than this at the end of reach (it waited for a
 * silent address beside it) is not handed to banner: the greeting's
 * timing would be lost in its receive buffer. */
#define REACH_HANDOVER_MAX_US 50000

/* One attempt. */
struct attempt {
	struct probe *p;        /* owner */
	int index;              /* into run->addrs */
	struct tcpconn *conn;   /* in flight, NULL when done */
	int err;                /* outcome */
	int64_t done_us;        /* when it ended (loop_clock_us) */
};

/* The probe's state. */
struct reach_state {
	struct attempt at[RUN_MAX_ADDRS]; /* one per address */
	int pending;                      /* attempts not done yet */
};

/* Run only when there is something to connect to. */
static bool reach_applies(struct probe *p, char *reason, size_t size)
{
	if (p->run->naddrs > 0)
		return true;
	str_copy(reason, _("no address to connect to"), size);
	return false;
}

/* The ICMP error that ended the attempt, if one did: its type, code and
 * sender (the server host itself, or a router on the way). */
static void record_icmp(json_t *o, const struct tcpconn *c)
{
	struct sockaddr_storage from;
	char addr[64];
	int type, code;

	if (!c || !tcpconn_icmp(c, &type, &code, &from))
		return;
	addr_to_str((struct sockaddr *)&from, addr, sizeof(addr));
	json_object_set_new(o, "icmp_from", json_string(addr));
	json_object_set_new(o, "icmp_type", json_integer(type));
	json_object_set_new(o, "icmp_code", json_integer(code));
}

/* Record one address's outcome in the details. */
static void record(struct probe *p, struct attempt *a)
{
	struct run_addr *ra = &p->run->addrs[a->index];
	const char *result = tcpconn_result(a->err);
	char host[320];
	json_t *o;

	netpath_addr_shown(p->run, (struct sockaddr *)&ra->sa, host,
			   sizeof(host));
	o = json_pack("{s:s,s:s,s:s,s:f,s:i}", "address", host, "family",
		      ra->by_proxy_name ? "name"
		      : ra->sa.ss_family == AF_INET6 ? "ipv6" : "ipv4", "result",
		      result, "connect_ms",
		      tcpconn_elapsed_us(a->conn) / 1000.0, "syns",
		      tcpconn_syns(a->conn));
	if (a->err)
		json_object_set_new(o, "errno", json_string(errno_name(a->err)));
	record_icmp(o, a->conn);
	json_array_append_new(json_object_get(p->details, "addresses"), o);
	probe_info(p, "%s %s (%.1f ms)", host, result,
		   tcpconn_elapsed_us(a->conn) / 1000.0);
	/* A reset this early means the handshake completed and the peer
	 * killed the connection at once: the port is open, banner tells. */
	if (!a->err || a->err == ECONNRESET) {
		ra->reachable = true;
		ra->connect_ms = tcpconn_elapsed_us(a->conn) / 1000;
	}
}

/* Count results by kind into the details; returns the connected count. */
static int tally(struct probe *p)
{
	static const char *const kinds[] = { "connected", "refused",
					     "filtered", "unreachable",
					     "error", "reset" };
	struct reach_state *st = p->state;
	int counts[6] = { 0 }, i, k;

	for (i = 0; i < p->run->naddrs; i++)
		for (k = 0; k < 6; k++)
			if (!strcmp(tcpconn_result(st->at[i].err), kinds[k]))
				counts[k]++;
	for (k = 0; k < 6; k++)
		probe_set_int(p, kinds[k], counts[k]);
	return counts[0] + counts[5];
}

/* Leave the open address's connection to banner, which reads the
 * greeting on it instead of connecting again: the server sees one
 * connection less, the run waits one round trip less (RFC 5321 3.1: the
 * greeting is sent on every connection; nothing is read from it here).
 * Not when banner will not read it (implicit TLS: the TLS probes
 * connect themselves) or when it is stale. */
static void hand_over(struct probe *p)
{
	struct reach_state *st = p->state;
	struct run *run = p->run;
	struct attempt *a;

	if (run->open_addr < 0 || run->target.tls == TLS_IMPLICIT)
		return;
	a = &st->at[run->open_addr];
	if (a->err || !a->conn ||
	    loop_clock_us() - a->done_us > REACH_HANDOVER_MAX_US)
		return;
	run->handover = a->conn;
	run->handover_us = a->done_us;
	a->conn = NULL;
}

/* Every attempt is done: decide the status. */
static void conclude(struct probe *p)
{
	struct run *run = p->run;
	int i, ok = tally(p);

	for (i = 0; i < run->naddrs && run->open_addr < 0; i++)
		if (run->addrs[i].reachable)
			run->open_addr = i;
	hand_over(p);
	if (ok == run->naddrs)
		probe_finish(p, PROBE_OK, P_("TCP port %d open on %d address",
					     "TCP port %d open on %d addresses", ok),
			     run->target.port, ok);
	else if (ok)
		probe_finish(p, PROBE_WARN, _("TCP port %d open on %d of %d addresses"),
			     run->target.port, ok, run->naddrs);
	else
		probe_finish(p, PROBE_FAIL, _("TCP port %d: no address accepts a connection"),
			     run->target.port);
}

/* One handshake ended. */
static void on_conn(struct tcpconn *c, int err, void *arg)
{
	struct attempt *a = arg;
	struct reach_state *st = a->p->state;

	(void)c;
	a->err = err;
	a->done_us = loop_clock_us();
	record(a->p, a);
	if (--st->pending == 0)
		conclude(a->p);
}

/* Connect to every address at the same time. */
static void reach_start(struct probe *p)
{
	struct run *run = p->run;
	struct reach_state *st = probe_state_new(p, sizeof(*st), NULL);
	int i;

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	probe_set_int(p, "port", run->target.port);
	probe_set_int(p, "timeout_ms", run_timeout_ms(run));
	json_object_set_new(p->details, "addresses", json_array());
	for (i = 0; i < run->naddrs; i++) {
		struct attempt *a = &st->at[i];

		a->p = p;
		a->index = i;
		a->conn = netpath_connect(run,
					(struct sockaddr *)&run->addrs[i].sa,
					run_timeout_ms(run), on_conn, a);
		if (!a->conn) {
			probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
				     strerror(errno));
			return;
		}
		st->pending++;
	}
}

/* Close every socket. */
static void reach_cleanup(struct probe *p)
{
	struct reach_state *st = p->state;
	int i;

	if (!st)
		return;
	for (i = 0; i < RUN_MAX_ADDRS; i++)
		tcpconn_free(st->at[i].conn);
}

/* Nagios perfdata: how long the probe took. */
static const struct probe_perf reach_perf[] = {
	{ "reach", NULL, "s", 0, 0, "the reach probe" },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail reach_details[] = {
	{ "port", DT_INT, NULL, "port connected to" },
	{ "timeout_ms", DT_INT, "ms", "deadline of each handshake" },
	{ "connected", DT_INT, NULL, "addresses that completed the handshake" },
	{ "refused", DT_INT, NULL, "addresses that answered RST" },
	{ "filtered", DT_INT, NULL, "addresses silent until the deadline" },
	{ "unreachable", DT_INT, NULL, "addresses with an ICMP unreachable" },
	{ "error", DT_INT, NULL, "addresses with another error" },
	{ "reset", DT_INT, NULL, "addresses that accepted and then reset" },
	{ "addresses", DT_ARRAY, NULL,
	  "[{address, family (ipv4|ipv6, or name: \"NAME (resolved by the "
	  "proxy)\", dns resolved_by_proxy), result "
	  "(connected|refused|filtered|unreachable|reset|error|proxy_*), "
	  "errno, connect_ms, syns, icmp_from, icmp_type, icmp_code: the "
	  "ICMP error that ended the handshake (IP_RECVERR), its sender "
	  "and RFC 792/4443 type and code; absent for an RST}]" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_reach = {
	.id = "reach",
	.deps = { "dns", "input" },
	.applies = reach_applies,
	.start = reach_start,
	.cleanup = reach_cleanup,
	.perf = reach_perf,
	.details = reach_details,
	.tells_apart = N_("connects to each address: an RST at once (refused)"
		" vs. no answer until the deadline (filtered) vs. "
		"accepted and then reset"),
};
