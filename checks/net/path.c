/* path.c — the `path` probe: a TCP traceroute to the port.  When reach
 * found the port filtered (or refused) it sends SYNs with a rising hop
 * limit (1..30, PATH_PROBES per hop, path_hop.c: no raw socket) first to
 * a reference port of the same host (587 or 465 next to 25; 443, 80, 22
 * otherwise) until the destination answers, then to the port itself,
 * and compares: the last hop that answered for the port and the first
 * that did not, by address; whether the block sits near the client (its
 * own network or ISP: the first half of the path) or near the server.
 * Bounded: PATH_WAIT_MS per hop, three silent hops in a row end a walk,
 * the port's walk stops at the reference path's length, and the run's
 * budget is respected.
 *
 * On a dropped port reach waits out the whole --timeout; the walk does
 * not wait for it (ops->early, reach_wait.h): it begins once reach has
 * heard nothing for a while, and when reach ends filtered the walk ends
 * too, with what it found by then ("cut"; a hop cut before
 * PATH_CUT_MIN_MS counts as not walked).  A cut walk says "blocked" only
 * when its last hop stayed silent where the reference's walk got an
 * answer.  Should reach connect after all, the chain drops the walk and
 * the probe is skipped as before.
 *
 * Its details keys are listed in path_details[] below.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "aresglue.h"
#include "checks.h"
#include "i18n.h"
#include "netpath.h"
#include "path_hop.h"
#include "reach_wait.h"
#include "run.h"
#include "trial_common.h"
#include "util.h"

#define PATH_MAX_HOPS 30   /* hop limit of the walk */
#define PATH_PROBES 2      /* SYNs per hop */
#define PATH_WAIT_MS 900   /* wait per hop (below TCP's 1 s SYN retry) */
#define PATH_SILENT_END 3  /* silent hops in a row that end a walk */
#define PATH_MAX_REFS 3    /* reference ports tried */
#define PATH_MAX_NAMES 16  /* reverse lookups at most (--dns-server) */
#define PATH_CUT_MIN_MS (PATH_WAIT_MS / 2) /* a cut hop that waited less
					    * is dropped, not "silent" */

/* A walk to one port. */
struct walk {
	int port;          /* destination port */
	json_t *hops;      /* [{ttl, address, result, ms}] */
	int last_answer;   /* ttl of the last hop that answered, 0 none */
	int end_ttl;       /* ttl where the walk ended */
	enum hop_result end; /* how it ended (REACHED, RESET, UNREACHABLE,
			      * SILENT...) */
	char end_from[64]; /* who answered at the end ("" unknown) */
	int silent_run;    /* silent hops in a row */
};

/* The probe's state. */
struct path_state {
	struct probe *p;                 /* owner */
	struct path_hop hop[PATH_PROBES];/* this hop's SYNs */
	int pending;                     /* SYNs not answered yet */
	struct loop_timer *timer;        /* the hop's deadline */
	int64_t hop_t0;                  /* the hop's SYNs sent (loop ms) */
	struct loop_timer *cut_timer;    /* end of reach's --timeout, for a
					  * walk begun early (path_confirm) */
	bool cut;                        /* the walk was cut off there */
	struct walk ref, tgt;            /* reference, then the port */
	struct walk *cur;                /* the walk in progress */
	int ttl;                         /* current hop limit */
	int refs[PATH_MAX_REFS];         /* reference ports to try */
	int nrefs, iref;                 /* used, current */
	/* The end: the summary waits for the reverse names (--dns-server). */
	enum probe_status status;        /* the verdict */
	char summary[400];               /* its line, translated */
	struct path_names *names;        /* reverse lookups, NULL none */
};

/* The reverse lookups (--dns-server), on the heap: c-ares calls back
 * once per query even after the probe ended (a cancel at run_free), so
 * the block outlives the probe's state until the last callback. */
struct path_names {
	struct probe *p;                 /* owner; NULL once orphaned */
	int outstanding;                 /* callbacks still to come */
	int waiting;                     /* answers the probe still awaits */
	char addr[PATH_MAX_NAMES][64];   /* one per distinct address */
	int n;                           /* used entries */
};

static void hop_begin(struct probe *p);
static void names_start(struct probe *p);

/* True when the reference walk got an answer from the server itself: a
 * SYN-ACK, or an RST (nothing listens there, but the path is open). */
static bool ref_reached(const struct walk *r)
{
	return r->end == HOP_REACHED || r->end == HOP_RESET;
}

/* Close the SYNs still out and stop the timer (the state's destructor). */
static void path_free(void *state)
{
	struct path_state *st = state;
	int i;

	loop_timer_cancel(st->p->run->loop, st->timer);
	st->timer = NULL;
	loop_timer_cancel(st->p->run->loop, st->cut_timer);
	st->cut_timer = NULL;
	for (i = 0; i < PATH_PROBES; i++)
		path_hop_close(&st->hop[i]);
	json_decref(st->ref.hops);
	json_decref(st->tgt.hops);
	st->ref.hops = st->tgt.hops = NULL;
	if (st->names) {
		st->names->p = NULL; /* the callbacks free it */
		if (!st->names->outstanding)
			free(st->names);
		st->names = NULL;
	}
}

/* The reach result of the first address ("filtered", "refused"...). */
static const char *reach_result(struct run *run)
{
	json_t *a = json_array_get(json_object_get(run_probe(run, "reach")->details,
						   "addresses"), 0);

	return json_string_value(json_object_get(a, "result"));
}

/* Runs when the port is filtered or refused at connect. */
static bool path_applies(struct probe *p, char *reason, size_t size)
{
	const char *r = reach_result(p->run);

	if (netpath_proxied(p->run)) {
		/* The SYNs would go to the proxy, not along the path. */
		netpath_no_proxy_reason(p->run, reason, size);
		return false;
	}

	if (p->run->open_addr >= 0 || !r ||
	    (strcmp(r, "filtered") && strcmp(r, "refused"))) {
		str_copy(reason, _("the port is not filtered or refused: no path to look at"),
			 size);
		return false;
	}
	return true;
}

/* The destination with PORT. */
static struct sockaddr_storage dest(struct probe *p, int port)
{
	struct sockaddr_storage ss = p->run->addrs[0].sa;

	addr_set_port((struct sockaddr *)&ss, port);
	return ss;
}

/* Fold this hop's SYNs into one record of the walk. */
static void hop_record(struct probe *p)
{
	struct path_state *st = p->state;
	struct walk *w = st->cur;
	enum hop_result best = HOP_SILENT;
	char from[64] = "";
	int64_t ms = 0;
	int i;

	for (i = 0; i < PATH_PROBES; i++) {
		struct path_hop *h = &st->hop[i];

		if (h->result == HOP_SILENT || h->result == HOP_PENDING ||
		    (best != HOP_SILENT && best != HOP_ERROR))
			continue;
		best = h->result;
		ms = h->ms;
		if (h->have_from)
			addr_to_str((struct sockaddr *)&h->from, from, sizeof(from));
	}
	json_array_append_new(w->hops, json_pack("{s:i,s:s,s:s,s:I}", "ttl",
		st->ttl, "address", from, "result", path_hop_result_name(best),
		"ms", (json_int_t)ms));
	w->end = best;
	w->end_ttl = st->ttl;
	str_copy(w->end_from, from, sizeof(w->end_from));
	if (best == HOP_SILENT || best == HOP_ERROR)
		w->silent_run++;
	else
		w->silent_run = 0;
	if (best == HOP_TIME_EXCEEDED)
		w->last_answer = st->ttl; /* a router passed it on to here */
}

/* True when the current walk is over after this hop. */
static bool walk_over(struct probe *p)
{
	struct path_state *st = p->state;
	struct walk *w = st->cur;

	if (w->end == HOP_REACHED || w->end == HOP_RESET ||
	    w->end == HOP_UNREACHABLE || st->ttl >= PATH_MAX_HOPS ||
	    w->silent_run >= PATH_SILENT_END)
		return true;
	/* The port's walk needs go no further than the reference path. */
	return w == &st->tgt && ref_reached(&st->ref) &&
	       st->ttl >= st->ref.end_ttl;
}

/* Start the walk W to PORT from hop 1. */
static void walk_begin(struct probe *p, struct walk *w, int port)
{
	struct path_state *st = p->state;

	json_decref(w->hops);
	memset(w, 0, sizeof(*w));
	w->port = port;
	w->hops = json_array();
	st->cur = w;
	st->ttl = 1;
	hop_begin(p);
}

/* The address of hop TTL of walk W, NULL when it was silent. */
static const char *addr_at(const struct walk *w, int ttl)
{
	json_t *h = json_array_get(w->hops, (size_t)ttl - 1);
	const char *a = json_string_value(json_object_get(h, "address"));

	return ttl > 0 && a && *a ? a : NULL;
}

/* True when the reference reaches the server and the port does not: it
 * is dropped (silence), rejected with ICMP, or reset before the
 * server's distance. */
static bool is_blocked(const struct walk *t, const struct walk *r)
{
	if (!ref_reached(r) || t->end == HOP_REACHED)
		return false;
	if (t->end == HOP_RESET || t->end == HOP_UNREACHABLE)
		return t->end_ttl < r->end_ttl ||
		       (t->end == HOP_UNREACHABLE && t->end_from[0]);
	return true;
}

/* True when the walks found the port blocked.  A cut walk (on_cut)
 * ends where time ran out, not where the port stops: only a last hop
 * that stayed silent where the reference's walk got an answer counts. */
static bool found_blocked(const struct path_state *st)
{
	const struct walk *t = &st->tgt, *r = &st->ref;

	if (!st->cut)
		return is_blocked(t, r);
	return st->cur == t && ref_reached(r) && t->end == HOP_SILENT &&
	       addr_at(r, t->end_ttl) != NULL;
}

/* True when ADDR (an ICMP's sender) is the server's own address: its
 * host rejects the port itself, no router on the way does. */
static bool from_destination(struct probe *p, const char *addr)
{
	struct sockaddr_storage ss = dest(p, 0);
	char d[64];

	addr_to_str((struct sockaddr *)&ss, d, sizeof(d));
	return addr[0] && !strcmp(addr, d);
}

/* The walks as details; the hop after which the port stops. */
static void record_walks(struct probe *p, struct walk *t, struct walk *r)
{
	const char *last = addr_at(t, t->last_answer);
	const char *first = t->end != HOP_SILENT && t->end_from[0] ?
			    t->end_from : addr_at(r, t->last_answer + 1);

	json_object_set(p->details, "reference_hops", r->hops);
	json_object_set(p->details, "hops", t->hops);
	probe_set_int(p, "reference_port", r->port);
	probe_set_str(p, "reference_end", path_hop_result_name(r->end));
	probe_set_str(p, "end", path_hop_result_name(t->end));
	probe_set_int(p, "path_length", ref_reached(r) ? r->end_ttl : 0);
	probe_set_int(p, "last_answered_ttl", t->last_answer);
	probe_set_str(p, "last_answered_address", last ? last : "");
	probe_set_int(p, "first_silent_ttl", t->last_answer + 1);
	probe_set_str(p, "first_silent_address", first ? first : "");
	if (t->end == HOP_UNREACHABLE || t->end == HOP_RESET)
		probe_set_str(p, "rejected_by", t->end_from[0] ? t->end_from :
			      _("a middlebox (an RST in the server's name)"));
	if (t->end == HOP_UNREACHABLE && from_destination(p, t->end_from))
		probe_set_bool(p, "rejected_by_destination", true);
}

/* Write NAME as "name" into every hop of ARR whose address is ADDR. */
static void name_hops(json_t *arr, const char *addr, const char *name)
{
	json_t *h;
	size_t i;

	json_array_foreach(arr, i, h)
		if (!strcmp(json_string_value(json_object_get(h, "address")), addr))
			json_object_set_new(h, "name", json_string(name));
}

/* The reverse name of ADDR among the hops of ARR, NULL when none. */
static const char *hop_name(json_t *arr, const char *addr)
{
	json_t *h;
	size_t i;

	json_array_foreach(arr, i, h)
		if (!strcmp(json_string_value(json_object_get(h, "address")), addr) &&
		    json_object_get(h, "name"))
			return json_string_value(json_object_get(h, "name"));
	return NULL;
}

/* "last_answered_name" / "first_silent_name" from the hops' names. */
static void name_ends(struct probe *p)
{
	static const char *const keys[][2] = {
		{ "last_answered_address", "last_answered_name" },
		{ "first_silent_address", "first_silent_name" } };
	const char *addr, *name;
	size_t k;

	for (k = 0; k < 2; k++) {
		addr = json_string_value(json_object_get(p->details, keys[k][0]));
		if (!addr || !*addr)
			continue;
		name = hop_name(json_object_get(p->details, "hops"), addr);
		if (!name)
			name = hop_name(json_object_get(p->details, "reference_hops"),
					addr);
		if (name)
			probe_set_str(p, keys[k][1], name);
	}
}

/* The end, once the names are in (or not asked for). */
static void path_end(struct probe *p)
{
	struct path_state *st = p->state;

	name_ends(p);
	path_free(st);
	probe_finish(p, st->status, "%s", st->summary);
}

/* One query: the block and the slot (c-ares' callback argument). */
struct path_query {
	struct path_names *nm;           /* the block */
	int slot;                        /* index into nm->addr */
};

/* A reverse lookup answered (c-ares): the name into the hops. */
static void on_name(void *arg, int status, int timeouts, char *node,
		    char *service)
{
	struct path_query *q = arg;
	struct path_names *nm = q->nm;
	struct probe *p = nm->p;
	char clean[256];

	(void)timeouts;
	(void)service;
	nm->outstanding--;
	if (!p) { /* the probe ended first */
		if (!nm->outstanding)
			free(nm);
		free(q);
		return;
	}
	if (status == ARES_SUCCESS && node) {
		sanitize(node, strlen(node), clean, sizeof(clean), false);
		name_hops(json_object_get(p->details, "hops"), nm->addr[q->slot],
			  clean);
		name_hops(json_object_get(p->details, "reference_hops"),
			  nm->addr[q->slot], clean);
	}
	free(q);
	if (--nm->waiting == 0)
		path_end(p);
}

/* Remember ADDR for a lookup once (at most PATH_MAX_NAMES). */
static void name_add(struct path_names *nm, const char *addr)
{
	int i;

	if (!addr || !*addr || nm->n >= PATH_MAX_NAMES)
		return;
	for (i = 0; i < nm->n; i++)
		if (!strcmp(nm->addr[i], addr))
			return;
	str_copy(nm->addr[nm->n++], addr, sizeof(nm->addr[0]));
}

/* The lookups took too long: finish with what came. */
static void on_names_deadline(void *arg)
{
	struct probe *p = arg;
	struct path_state *st = p->state;

	st->timer = NULL;
	path_end(p);
}

/* Ask for the reverse name of slot K; false when it could not start. */
static bool name_query(struct probe *p, struct path_names *nm, int k)
{
	struct path_query *q = malloc(sizeof(*q));
	struct sockaddr_storage ss;

	if (!q || !addr_parse(nm->addr[k], 0, &ss)) {
		free(q);
		return false;
	}
	q->nm = nm;
	q->slot = k;
	nm->outstanding++;
	nm->waiting++;
	ares_getnameinfo(aresglue_channel(run_ares(p->run)),
			 (struct sockaddr *)&ss, addr_len((struct sockaddr *)&ss),
			 ARES_NI_NAMEREQD | ARES_NI_LOOKUPHOST, on_name, q);
	return true;
}

/* Reverse names of the hops, only through --dns-server (never the
 * system's resolver); then the end. */
static void names_start(struct probe *p)
{
	struct path_state *st = p->state;
	struct path_names *nm;
	json_t *h;
	size_t i;
	int k;

	if (p->run->opt->ndns <= 0 || !run_ares(p->run) ||
	    !(nm = calloc(1, sizeof(*nm)))) {
		path_end(p);
		return;
	}
	nm->p = p;
	st->names = nm;
	json_array_foreach(json_object_get(p->details, "hops"), i, h)
		name_add(nm, json_string_value(json_object_get(h, "address")));
	json_array_foreach(json_object_get(p->details, "reference_hops"), i, h)
		name_add(nm, json_string_value(json_object_get(h, "address")));
	st->timer = loop_timer_add(p->run->loop, run_timeout_ms(p->run),
				   on_names_deadline, p);
	/* c-ares may answer at once (a cached or failed query): count them
	 * all as awaited first so no answer ends the probe early. */
	nm->waiting = 1;
	for (k = 0; k < nm->n && !probe_done(p); k++)
		name_query(p, nm, k);
	aresglue_kick(run_ares(p->run));
	if (!probe_done(p) && --nm->waiting == 0)
		path_end(p);
}

/* The summary of a cut walk that found no block: where time ran out. */
static void cut_summary(struct probe *p)
{
	struct path_state *st = p->state;

	st->status = PROBE_WARN;
	if (st->cur == &st->ref)
		str_printf(st->summary, sizeof(st->summary),
			   _("cut off when reach's --timeout ended, at hop %d of the walk to port %d: port %d not compared"),
			   st->ttl, st->ref.port, st->tgt.port);
	else
		str_printf(st->summary, sizeof(st->summary),
			   _("cut off when reach's --timeout ended, at hop %d of the walk to port %d: no hop so far stops it"),
			   st->ttl, st->tgt.port);
}

/* Compare the walks and finish. */
static void conclude(struct probe *p)
{
	struct path_state *st = p->state;
	struct walk *t = &st->tgt, *r = &st->ref;
	int last = t->last_answer;
	const char *after, *first;
	bool blocked = found_blocked(st), by_dest;

	record_walks(p, t, r);
	by_dest = json_is_true(json_object_get(p->details,
					       "rejected_by_destination"));
	after = json_string_value(json_object_get(p->details, "last_answered_address"));
	first = json_string_value(json_object_get(p->details, "first_silent_address"));
	probe_set_bool(p, "blocked", blocked);
	probe_set_bool(p, "cut", st->cut);
	if (!blocked && st->cut && (st->cur == r || ref_reached(r))) {
		cut_summary(p);
	} else if (!blocked) {
		st->status = ref_reached(r) ? PROBE_OK : PROBE_WARN;
		str_printf(st->summary, sizeof(st->summary), ref_reached(r) ?
			   _("the walk to port %d reaches the server like the one to port %d") :
			   _("no reference port reaches the server: no comparison (port %d walked, %d tried)"),
			   t->port, r->port);
	} else if (t->end == HOP_UNREACHABLE || t->end == HOP_RESET) {
		st->status = PROBE_FAIL;
		str_printf(st->summary, sizeof(st->summary),
			   _("port %d is rejected by %s at hop %d, while port %d reaches the server %d hops away"),
			   t->port, json_string_value(json_object_get(p->details, "rejected_by")),
			   t->end_ttl, r->port, r->end_ttl);
	} else {
		st->status = PROBE_FAIL;
		str_printf(st->summary, sizeof(st->summary),
			   _("port %d stops after hop %d (%s); hop %d (%s) answers for port %d but not for port %d"),
			   t->port, last, *after ? after : _("this host"), last + 1,
			   *first ? first : "?", r->port, t->port);
	}
	/* An ICMP from the server's own address is its host's firewall: the
	 * server's end, however few hops away it is. */
	if (blocked)
		probe_set_str(p, "near", by_dest || 2 * last + 1 > r->end_ttl ?
			      "server" : "client");
	names_start(p);
}

/* The walk in progress is over: the next reference, the port, or the end. */
static void walk_done(struct probe *p)
{
	struct path_state *st = p->state;

	if (st->cur == &st->ref && st->ref.end != HOP_REACHED &&
	    st->ref.end != HOP_RESET && ++st->iref < st->nrefs &&
	    trial_budget_left(p) > PATH_WAIT_MS * PATH_SILENT_END) {
		walk_begin(p, &st->ref, st->refs[st->iref]);
		return;
	}
	if (st->cur == &st->ref) {
		walk_begin(p, &st->tgt, p->run->target.port);
		return;
	}
	conclude(p);
}

/* The hop is settled (all answered or the deadline): record, go on. */
static void hop_end(struct probe *p)
{
	struct path_state *st = p->state;
	int i;

	loop_timer_cancel(p->run->loop, st->timer);
	st->timer = NULL;
	for (i = 0; i < PATH_PROBES; i++)
		path_hop_expire(&st->hop[i]);
	hop_record(p);
	if (walk_over(p) || trial_budget_left(p) < PATH_WAIT_MS) {
		walk_done(p);
		return;
	}
	st->ttl++;
	hop_begin(p);
}

/* The hop's deadline. */
static void on_deadline(void *arg)
{
	struct probe *p = arg;

	((struct path_state *)p->state)->timer = NULL;
	hop_end(p);
}

/* One SYN answered. */
static void on_hop(struct path_hop *h, void *arg)
{
	struct probe *p = arg;
	struct path_state *st = p->state;

	(void)h;
	if (--st->pending == 0)
		hop_end(p);
}

/* Send this hop's SYNs. */
static void hop_begin(struct probe *p)
{
	struct path_state *st = p->state;
	struct sockaddr_storage ss = dest(p, st->cur->port);
	int i;

	st->pending = 0;
	st->hop_t0 = loop_now(p->run->loop);
	for (i = 0; i < PATH_PROBES; i++)
		if (path_hop_start(&st->hop[i], p->run,
				   (struct sockaddr *)&ss, st->ttl, on_hop, p) == 0)
			st->pending++;
	if (!st->pending) {
		hop_end(p); /* every socket failed: recorded as errors */
		return;
	}
	st->timer = loop_timer_add(p->run->loop, PATH_WAIT_MS, on_deadline, p);
}

/* True when a SYN of the hop in flight got an answer already. */
static bool hop_answered(const struct path_state *st)
{
	int i;

	for (i = 0; i < PATH_PROBES; i++)
		if (st->hop[i].result != HOP_PENDING &&
		    st->hop[i].result != HOP_SILENT &&
		    st->hop[i].result != HOP_ERROR)
			return true;
	return false;
}

/* The end of reach's --timeout for a walk begun early: the walk ends
 * here with what it found.  The hop in flight counts when it got an
 * answer or waited PATH_CUT_MIN_MS; a walk that ends with it is whole. */
static void on_cut(void *arg)
{
	struct probe *p = arg;
	struct path_state *st = p->state;
	bool keep = hop_answered(st) ||
		    loop_now(p->run->loop) - st->hop_t0 >= PATH_CUT_MIN_MS;
	int i;

	st->cut_timer = NULL;
	if (st->names) { /* the walks are over, the names are late */
		path_end(p);
		return;
	}
	loop_timer_cancel(p->run->loop, st->timer);
	st->timer = NULL;
	for (i = 0; i < PATH_PROBES; i++)
		path_hop_expire(&st->hop[i]);
	if (keep)
		hop_record(p);
	st->cut = !(keep && st->cur == &st->tgt && walk_over(p));
	conclude(p);
}

/* Reach is done and the port is filtered or refused (applies() said
 * so).  On a filtered port a walk begun early ends at the end of
 * reach's --timeout (at once: reach waited it out), so the run ends with
 * reach; a refused one (a late RST) is walked to its end as ever. */
static bool path_confirm(struct probe *p)
{
	struct path_state *st = p->state;
	const char *r = reach_result(p->run);

	if (!probe_done(p) && st && !st->cut_timer && r &&
	    !strcmp(r, "filtered"))
		st->cut_timer = loop_timer_add(p->run->loop,
					       reach_wait_left_ms(p), on_cut, p);
	return true;
}

/* The walk may begin while reach waits (ops->early): once reach has been
 * quiet for a while, unless an address it heard from already answered
 * otherwise than filtered or refused (path_applies). */
static int path_early(struct probe *p)
{
	const char *r = reach_result(p->run);

	if (r && strcmp(r, "filtered") && strcmp(r, "refused"))
		return -1;
	return reach_wait_early(p);
}

/* Reference ports for the target's port and protocol. */
static int pick_refs(const struct run *run, int *refs)
{
	static const int smtp[] = { 587, 465, 443 }, other[] = { 443, 80, 22 };
	const int *list = run->target.proto == PROTO_SMTP ? smtp : other;
	int i, n = 0;

	for (i = 0; i < PATH_MAX_REFS; i++)
		if (list[i] != run->target.port)
			refs[n++] = list[i];
	return n;
}

/* Lay out the references and walk the first. */
static void path_start(struct probe *p)
{
	struct path_state *st = probe_state_new(p, sizeof(*st), path_free);
	int i;

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->p = p;
	for (i = 0; i < PATH_PROBES; i++)
		st->hop[i].fd = -1;
	st->nrefs = pick_refs(p->run, st->refs);
	st->tgt.port = p->run->target.port;
	st->tgt.hops = json_array();
	probe_set_int(p, "port", p->run->target.port);
	walk_begin(p, &st->ref, st->refs[0]);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail path_details[] = {
	{ "port", DT_INT, NULL, "the port walked to" },
	{ "reference_port", DT_INT, NULL, "the port compared with" },
	{ "reference_end", DT_STR, NULL,
	  "how the reference walk ended: reached|reset|unreachable|silent|"
	  "time_exceeded|error" },
	{ "end", DT_STR, NULL, "how the port's walk ended (same tokens)" },
	{ "hops", DT_ARRAY, NULL,
	  "the port's walk: [{ttl, address (\"\" silent), result, ms, name "
	  "(reverse DNS, only with --dns-server)}]" },
	{ "reference_hops", DT_ARRAY, NULL, "the reference walk, the same" },
	{ "path_length", DT_INT, "hops",
	  "hops to the server on the reference walk, 0 not reached" },
	{ "last_answered_ttl", DT_INT, NULL,
	  "last hop that answered for the port (0: none)" },
	{ "last_answered_address", DT_STR, NULL, "its address" },
	{ "first_silent_ttl", DT_INT, NULL,
	  "first hop that did not pass the port (or rejected it)" },
	{ "first_silent_address", DT_STR, NULL,
	  "its address from the reference walk, or the rejecting router" },
	{ "last_answered_name", DT_STR, NULL,
	  "its reverse name (only with --dns-server)" },
	{ "first_silent_name", DT_STR, NULL,
	  "its reverse name (only with --dns-server)" },
	{ "blocked", DT_BOOL, NULL,
	  "the reference reaches the server, the port does not" },
	{ "cut", DT_BOOL, NULL,
	  "the walk, begun while reach waited, was cut off when reach's "
	  "--timeout ended: the walks hold what it found by then" },
	{ "rejected_by", DT_STR, NULL,
	  "who rejected the port (ICMP unreachable or RST), when it was" },
	{ "near", DT_STR, NULL,
	  "client|server: which half of the path blocks" },
	{ "rejected_by_destination", DT_BOOL, NULL,
	  "true when the rejection (ICMP unreachable) came from the server's "
	  "own address: its host's firewall, not a router on the way" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_path = {
	.id = "path",
	.deps = { "reach" },
	.applies = path_applies,
	.start = path_start,
	.early = path_early,
	.confirm = path_confirm,
	.details = path_details,
	.tells_apart = N_("walks SYNs with a rising TTL to the port and to a "
		"port that works: the hop where the port is dropped or "
		"rejected, near the client or near the server"),
};
