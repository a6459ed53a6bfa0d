/* dns.c — the `dns` probe: resolve the target through c-ares (the system's
 * servers or --dns-server), find the mail server of an e-mail domain (MX,
 * RFC 6186 submission SRV; for POP3/IMAP the receiving server's SRV or
 * the usual names, dns_recv.c), and when a name does not exist, look for the
 * near names that do.  Two phases, each bounded by --timeout: the name
 * itself (A, AAAA, MX, SRV at once), then the follow-ups (the best MX's
 * addresses, or the near names). */
#include "config.h"

#include "checks.h"
#include "dns_int.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "run.h"
#include "util.h"

static void phase_check(struct dns_state *s);

/* Keep the address part of R in SET. */
static void take_addrs(struct dns_addrset *set, const struct dnsq_result *r)
{
	set->done = true;
	set->status = r->status;
	memcpy(set->a, r->a, sizeof(set->a));
	set->na = r->na;
	memcpy(set->aaaa, r->aaaa, sizeof(set->aaaa));
	set->naaaa = r->naaaa;
	set->na_total = r->na_total > r->na ? r->na_total : r->na;
	set->naaaa_total = r->naaaa_total > r->naaaa ? r->naaaa_total
						     : r->naaaa;
	set->cname_loop = r->cname_loop;
	str_copy(set->cname_chain, r->cname_chain, sizeof(set->cname_chain));
	set->ms = r->ms;
}

/* Keep the records of R in SET. */
static void take_recs(struct dns_recset *set, const struct dnsq_result *r)
{
	set->done = true;
	set->status = r->status;
	memcpy(set->recs, r->recs, sizeof(set->recs));
	set->n = r->nrecs;
}

/* One transcript line per answer: what was asked, what came, how fast. */
static void log_result(struct dns_state *s, const struct dnsq_result *r)
{
	static const char *const kinds[] = { "A/AAAA", "MX", "SRV" };
	char buf[INET6_ADDRSTRLEN];
	const char *first = "";

	if (r->na)
		first = inet_ntop(AF_INET, &r->a[0], buf, sizeof(buf));
	else if (r->naaaa)
		first = inet_ntop(AF_INET6, &r->aaaa[0], buf, sizeof(buf));
	else if (r->nrecs)
		first = r->recs[0].host;
	probe_info(s->p, "%s %s: %s %s (%lld ms)", kinds[r->kind], r->name,
		   dnsq_status_token(r->status), first, (long long)r->ms);
}

void dns_take_addrs(struct dns_addrset *set, const struct dnsq_result *r)
{
	take_addrs(set, r);
}

void dns_take_recs(struct dns_recset *set, const struct dnsq_result *r)
{
	take_recs(set, r);
}

void dns_log_result(struct dns_state *s, const struct dnsq_result *r)
{
	log_result(s, r);
}

void dns_phase_check(struct dns_state *s)
{
	phase_check(s);
}

/* The target name's A/AAAA answer. */
static void on_host(const struct dnsq_result *r, void *arg)
{
	struct dns_state *s = arg;

	log_result(s, r);
	take_addrs(&s->host, r);
	phase_check(s);
}

/* The target name's MX answer. */
static void on_mx(const struct dnsq_result *r, void *arg)
{
	struct dns_state *s = arg;

	log_result(s, r);
	take_recs(&s->mx, r);
	if (s->mx.n > 0 && !strcmp(s->mx.recs[0].host, "")) {
		/* A "null MX" (RFC 7505): the domain takes no mail, and
		 * no sender falls back to its address (no implicit MX). */
		s->null_mx = true;
		s->mx.status = ARES_ENODATA;
		s->mx.n = 0;
	}
	phase_check(s);
}

/* The e-mail domain's submission SRV answer. */
static void on_srv(const struct dnsq_result *r, void *arg)
{
	struct dns_state *s = arg;

	log_result(s, r);
	take_recs(&s->srv, r);
	phase_check(s);
}

/* The best MX's addresses. */
static void on_mxaddr(const struct dnsq_result *r, void *arg)
{
	struct dns_state *s = arg;

	log_result(s, r);
	take_addrs(&s->mxaddr, r);
	phase_check(s);
}

/* A near name's addresses. */
static void on_near(const struct dnsq_result *r, void *arg)
{
	struct dns_near *n = arg;

	log_result(n->s, r);
	take_addrs(&n->res, r);
	phase_check(n->s);
}

/* Ask for the addresses of near name I. */
static void start_near_lookup(struct dns_state *s, int i)
{
	struct dns_near *n = &s->near[i];

	n->s = s;
	n->score = dns_near_score(s->p->run->target.host, n->name, n->via_mx);
	if (dnsq_start(&s->q, DNSQ_ADDRS, n->name, on_near, n) < 0)
		n->name[0] = '\0';
}

/* The registered domain's MX: its best host becomes a candidate. */
static void on_basemx(const struct dnsq_result *r, void *arg)
{
	struct dns_state *s = arg;
	struct dns_near *slot = &s->near[s->near_mx];
	int i;

	log_result(s, r);
	take_recs(&s->basemx, r);
	if (r->status == ARES_SUCCESS) {
		for (i = 0; i < s->nnear; i++) {
			if (!strcasecmp(s->near[i].name, r->recs[0].host))
				break;
		}
		if (i < s->nnear) {
			/* Already a candidate: it is also the MX. */
			s->near[i].via_mx = true;
			s->near[i].score = dns_near_score(
				s->p->run->target.host, s->near[i].name, true);
		} else {
			str_copy(slot->name, r->recs[0].host, sizeof(slot->name));
			slot->via_mx = true;
			start_near_lookup(s, s->near_mx);
		}
	}
	phase_check(s);
}

/* NXDOMAIN: resolve the near names (and the domain's MX) at once. */
static int start_near(struct dns_state *s)
{
	const struct target *t = &s->p->run->target;
	char cand[DNS_MAX_NEAR][256];
	int i, n, max = DNS_MAX_NEAR - (s->want_mx ? 1 : 0);

	n = dns_near_names(t->host, t->proto, s->base, cand, max);
	for (i = 0; i < n; i++) {
		str_copy(s->near[i].name, cand[i], sizeof(s->near[i].name));
		start_near_lookup(s, i);
	}
	s->nnear = n;
	if (s->want_mx && s->base[0] && strcasecmp(s->base, t->host)) {
		s->near_mx = s->nnear++;
		s->near[s->near_mx].s = s;
		dnsq_start(&s->q, DNSQ_MX, s->base, on_basemx, s);
	}
	return dnsq_pending(&s->q);
}

/* After phase 1: what to ask next.  Returns the number of lookups. */
static int start_followups(struct dns_state *s)
{
	const struct target *t = &s->p->run->target;

	if (s->want_recv)
		return dns_recv_followups(s);
	s->use_mx = s->want_mx && s->mx.status == ARES_SUCCESS &&
		    (t->is_email || s->host.status != ARES_SUCCESS);
	if (s->use_mx) {
		dnsq_start(&s->q, DNSQ_ADDRS, s->mx.recs[0].host, on_mxaddr, s);
		return dnsq_pending(&s->q);
	}
	if (s->host.status == ARES_ENOTFOUND)
		return start_near(s);
	return 0;
}

/* Mark what a deadline left unanswered as timed out. */
static void mark_timeouts(struct dns_state *s)
{
	struct dns_addrset *sets[] = { &s->host, &s->mxaddr };
	struct dns_recset *recs[] = { &s->mx, &s->srv };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sets); i++) {
		if (!sets[i]->done) {
			sets[i]->status = ARES_ETIMEOUT;
			sets[i]->ms = s->timeout_ms;
		}
	}
	for (i = 0; i < ARRAY_SIZE(recs); i++)
		if (!recs[i]->done)
			recs[i]->status = ARES_ETIMEOUT;
	if (s->want_recv)
		dns_recv_timeouts(s);
}

static void finalize(struct dns_state *s);
static void phase_deadline(void *arg);

/* End of a phase: start the follow-ups or conclude. */
static void phase_end(struct dns_state *s)
{
	loop_timer_cancel(s->p->run->loop, s->deadline);
	s->deadline = NULL;
	if (s->phase == 1 && !s->timed_out) {
		s->phase = 2;
		if (start_followups(s) > 0) {
			s->deadline = loop_timer_add(s->p->run->loop,
						     s->timeout_ms,
						     phase_deadline, s);
			return;
		}
	}
	finalize(s);
}

/* A phase ran out of time: stop waiting and conclude with what came. */
static void phase_deadline(void *arg)
{
	struct dns_state *s = arg;

	s->deadline = NULL;
	s->timed_out = true;
	dnsq_set_orphan(&s->q);
	mark_timeouts(s);
	probe_info(s->p, "no DNS answer within %d ms", s->timeout_ms);
	phase_end(s);
}

/* A lookup ended: the phase ends when none is outstanding. */
static void phase_check(struct dns_state *s)
{
	if (!probe_done(s->p) && dnsq_pending(&s->q) == 0)
		phase_end(s);
}

/* The summary of a failed lookup of NAME with STATUS. */
static void finish_failed(struct dns_state *s, const char *name, int status)
{
	char server[256];

	dns_facts_server(s, server, sizeof(server));
	switch (status) {
	case ARES_ENOTFOUND:
		probe_finish(s->p, PROBE_FAIL,
			     _("%s does not exist (NXDOMAIN from %s)"), name,
			     server);
		break;
	case ARES_ENODATA:
		if (s->host.cname_loop) {
			probe_set_bool(s->p, "cname_loop", true);
			probe_set_str(s->p, "cname_chain", s->host.cname_chain);
			probe_finish(s->p, PROBE_FAIL, _("%s: the CNAME records "
				     "form a loop (%s): the name never reaches "
				     "an address"), name, s->host.cname_chain);
			break;
		}
		probe_finish(s->p, PROBE_FAIL,
			     _("%s exists but has no IPv4 or IPv6 address"),
			     name);
		break;
	case ARES_ETIMEOUT:
		probe_finish(s->p, PROBE_FAIL,
			     _("no answer from the DNS server %s for %s in %d ms"),
			     server, name, s->timeout_ms);
		break;
	case ARES_ECONNREFUSED:
		probe_finish(s->p, PROBE_FAIL,
			     _("the DNS server %s is not answering: connection refused (nothing listens there)"),
			     server);
		break;
	default:
		probe_finish(s->p, PROBE_FAIL,
			     _("the DNS server %s failed to resolve %s (%s)"),
			     server, name, dnsq_status_token(status));
		break;
	}
}

/* Conclude when the name resolved (maybe overridden by the hosts file). */
static void finish_found(struct dns_state *s, const char *name,
			 const struct dns_addrset *set, bool override)
{
	const struct target *t = &s->p->run->target;
	int n = set->na + set->naaaa;

	if (override)
		probe_finish(s->p, PROBE_WARN,
			     _("%s: the hosts file overrides DNS (%d DNS address(es))"),
			     name, n);
	else if (s->use_mx && !t->is_email)
		probe_finish(s->p, PROBE_WARN,
			     _("%s has no address; its mail server %s has %d"),
			     t->host, name, n);
	else if (s->use_mx)
		probe_finish(s->p, PROBE_OK, _("%s: mail server %s, %d address(es)"),
			     t->host, name, n);
	else if (t->is_email && s->want_mx)
		probe_finish(s->p, PROBE_WARN,
			     _("%s has no MX record; mail goes to its own address (%d)"),
			     name, n);
	else if (set->na_total + set->naaaa_total > n)
		probe_finish(s->p, PROBE_OK,
			     _("%s: %d IPv4 and %d IPv6 addresses in DNS; "
			       "sockdoc tries the first %d"), name,
			     set->na_total, set->naaaa_total, n);
	else
		probe_finish(s->p, PROBE_OK,
			     _("%s: %d IPv4 and %d IPv6 address(es)"), name,
			     set->na, set->naaaa);
}

/* Say how many addresses the answer had beyond the ones kept. */
static void record_dropped(struct dns_state *s, const struct dns_addrset *set)
{
	int dropped = set->na_total + set->naaaa_total - set->na - set->naaaa;

	if (dropped <= 0)
		return;
	probe_set_int(s->p, "a_total", set->na_total);
	probe_set_int(s->p, "aaaa_total", set->naaaa_total);
	probe_set_int(s->p, "addresses_dropped", dropped);
	probe_info(s->p, "%d A and %d AAAA records: %d beyond the %d kept "
		   "per family were dropped", set->na_total, set->naaaa_total,
		   dropped, DNSQ_MAX_ADDRS);
}

/* The chain goes on with the mail server's name: TLS (SNI, certificate
 * name) and the SMTP probes must speak to it, not to the bare domain.
 * The name asked for stays in the details ("name") and target.email. */
static void use_mx_host(struct dns_state *s, const char *mx)
{
	struct target *t = &s->p->run->target;

	probe_info(s->p, "diagnosing the mail server %s for %s", mx, t->host);
	str_copy(t->host, mx, sizeof(t->host));
}

bool dns_finish_family_missing(struct dns_state *s, const char *name,
				  const struct dns_addrset *set)
{
	int fam = s->p->run->path.family;

	if (!fam || s->p->run->naddrs > 0 || set->na + set->naaaa == 0)
		return false;
	probe_set_str(s->p, "family_missing", fam == 6 ? "ipv6" : "ipv4");
	probe_finish(s->p, PROBE_FAIL, fam == 6
		     ? _("%s has no IPv6 address (AAAA record), and -6 asks for IPv6 only")
		     : _("%s has no IPv4 address (A record), and -4 asks for IPv4 only"),
		     name);
	return true;
}

/* What the local resolver said about a name, in a few words. */
static const char *status_words(int status)
{
	switch (status) {
	case ARES_ENOTFOUND:
		return "NXDOMAIN";
	case ARES_ENODATA:
		return _("no address");
	case ARES_ETIMEOUT:
		return _("no answer in time");
	case ARES_ECONNREFUSED:
		return _("connection refused");
	default:
		return dnsq_status_token(status);
	}
}

/* No address here, but the path's proxy resolves names itself (as the
 * user's client through it does): the run goes on with the stand-in
 * destination (netpath_set_stand_in), and dns says what it saw rather
 * than failing the path.  Returns false when the path sends addresses. */
static bool finish_by_proxy(struct dns_state *s, const char *name, int status)
{
	struct run *run = s->p->run;
	char server[256];

	if (!netpath_set_stand_in(run))
		return false;
	dns_facts_server(s, server, sizeof(server));
	probe_set_bool(s->p, "resolved_by_proxy", true);
	probe_info(s->p, "no local address for %s: the proxy %s is given the "
		   "name", name, run->path.proxy_shown);
	probe_finish(s->p, PROBE_WARN,
		     _("%s: %s from %s; the proxy %s resolves names itself, as your client does"),
		     name, status_words(status), server, run->path.proxy_shown);
	if (s->use_mx)
		use_mx_host(s, name);
	return true;
}

/* A mail address whose domain publishes a null MX (RFC 7505): no sender
 * delivers to it, not even to the domain's own address, so no address is
 * handed on and nothing is connected to. */
static void finish_null_mx(struct dns_state *s)
{
	const char *domain = s->p->run->target.host;

	probe_info(s->p, "%s: null MX (\".\"), no implicit MX", domain);
	probe_finish(s->p, PROBE_FAIL, _("%s publishes a null MX (RFC 7505): "
		     "the domain accepts no mail"), domain);
}

/* Record everything, hand the addresses on, and finish the probe. */
static void finalize(struct dns_state *s)
{
	const char *name = s->use_mx ? s->mx.recs[0].host : s->p->run->target.host;
	const struct dns_addrset *set = s->use_mx ? &s->mxaddr : &s->host;
	struct dns_addrset hosts;
	bool override;

	dnsq_set_orphan(&s->q);
	if (s->want_recv) {
		dns_recv_finalize(s);
		return;
	}
	override = dns_facts_hosts(s, name, set, &hosts);
	dns_facts_record(s);
	if (s->null_mx && s->p->run->target.is_email)
		finish_null_mx(s);
	else if (set->status == ARES_SUCCESS) {
		dns_facts_addrs(s, set);
		record_dropped(s, set);
		if (!dns_finish_family_missing(s, name, set))
			finish_found(s, name, set, override);
		if (s->use_mx)
			use_mx_host(s, name);
	} else if (hosts.na + hosts.naaaa > 0) {
		dns_facts_addrs(s, &hosts);
		if (!dns_finish_family_missing(s, name, &hosts))
			probe_finish(s->p, PROBE_WARN,
				     _("%s is not in DNS (%s); only the hosts file knows it"),
				     name, dnsq_status_token(set->status));
	} else if (!finish_by_proxy(s, name, set->status)) {
		finish_failed(s, name, set->status);
	}
}

/* An IP literal needs no lookup: it is the address. */
static void finish_literal(struct probe *p)
{
	struct run *run = p->run;
	struct run_addr *ra = &run->addrs[0];
	char buf[64];

	memset(ra, 0, sizeof(*ra));
	if (run->path.is_pinned)
		memcpy(&ra->sa, &run->path.pinned, sizeof(ra->sa));
	else if (!addr_parse(run->target.host, netpath_port(run), &ra->sa)) {
		probe_finish(p, PROBE_ERROR, _("%s is not a valid address"),
			     run->target.host);
		return;
	}
	run->naddrs = 1;
	addr_to_str((struct sockaddr *)&ra->sa, buf, sizeof(buf));
	json_object_set_new(p->details, "addresses", json_pack("[s]", buf));
	json_object_set_new(p->details,
			    ra->sa.ss_family == AF_INET6 ? "aaaa" : "a",
			    json_pack("[s]", buf));
	probe_set_bool(p, "literal", true);
	probe_finish(p, PROBE_OK, _("no lookup needed"));
}

/* Phase 1: the name's addresses, and for mail its MX and submission SRV. */
static void start_lookups(struct dns_state *s)
{
	const struct target *t = &s->p->run->target;
	char srv[300];

	dnsq_start(&s->q, DNSQ_ADDRS, netpath_lookup_host(s->p->run), on_host,
		   s);
	if (s->want_mx)
		dnsq_start(&s->q, DNSQ_MX, t->host, on_mx, s);
	if (s->want_recv)
		dns_recv_start(s);
	else if (t->is_email) {
		str_printf(srv, sizeof(srv), "_submission._tcp.%s", t->host);
		dnsq_start(&s->q, DNSQ_SRV, srv, on_srv, s);
	}
	s->deadline = loop_timer_add(s->p->run->loop, s->timeout_ms,
				     phase_deadline, s);
}

/* Probe entry: literal, or the two lookup phases. */
static void dns_start(struct probe *p)
{
	struct run *run = p->run;
	struct aresglue *glue;
	struct dns_state *s;

	if (run->target.host_is_ip || run->path.is_pinned) {
		finish_literal(p);
		return;
	}
	glue = run_ares(run);
	s = probe_state_new(p, sizeof(*s), NULL);
	if (!glue || !s) {
		probe_finish(p, PROBE_ERROR,
			     _("cannot set up the DNS resolver (check --dns-server)"));
		return;
	}
	s->p = p;
	s->phase = 1;
	s->near_mx = -1;
	s->timeout_ms = run_timeout_ms(run);
	s->want_recv = run->target.is_email &&
		       proto_is_mailrecv(run->target.proto);
	s->want_mx = !s->want_recv && (run->target.is_email ||
				       run->target.proto == PROTO_SMTP);
	dnsq_set_init(&s->q, glue, run->loop);
	start_lookups(s);
}

/* Orphan the queries (c-ares callbacks still to come find orphaned ops)
 * and stop the deadline; the chain frees the state. */
static void dns_cleanup(struct probe *p)
{
	struct dns_state *s = p->state;

	if (!s)
		return;
	dnsq_set_orphan(&s->q);
	loop_timer_cancel(p->run->loop, s->deadline);
}

/* Nagios perfdata: how long the probe took. */
static const struct probe_perf dns_perf[] = {
	{ "dns", NULL, "s", 0, 0, "the dns probe" },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail dns_details[] = {
	{ "name", DT_STR, NULL, "the name looked up" },
	{ "literal", DT_BOOL, NULL, "the target was an IP address: no lookup" },
	{ "server", DT_STR, NULL, "the DNS server asked" },
	{ "server_source", DT_STR, NULL,
	  "where that server came from (--dns-server or the system)" },
	{ "timeout_ms", DT_INT, "ms", "deadline of each phase" },
	{ "query_ms", DT_INT, "ms", "time of the name's own query" },
	{ "rcode", DT_STR, NULL, "status token of the name's query" },
	{ "error", DT_STR, NULL, "the same token, when the query failed" },
	{ "timed_out", DT_BOOL, NULL, "a query ran out of time" },
	{ "host_used", DT_STR, NULL,
	  "the host connected to (the best MX for a mail address)" },
	{ "addresses", DT_ARRAY, NULL, "addresses used, in connect order" },
	{ "a", DT_ARRAY, NULL, "IPv4 addresses of the host used" },
	{ "aaaa", DT_ARRAY, NULL, "IPv6 addresses of the host used" },
	{ "mx", DT_ARRAY, NULL,
	  "MX records of a mail domain [{host, preference}]" },
	{ "mx_status", DT_STR, NULL, "status token of the MX query" },
	{ "mx_host", DT_STR, NULL, "the best MX host" },
	{ "mx_host_status", DT_STR, NULL,
	  "status token of the MX host's address query" },
	{ "mx_query_ms", DT_INT, "ms", "time of that address query" },
	{ "email_domain", DT_STR, NULL, "domain of the mail address" },
	{ "null_mx", DT_BOOL, NULL,
	  "the domain's MX is a null MX \".\" (RFC 7505): it takes no mail" },
	{ "implicit_mx", DT_BOOL, NULL,
	  "no MX: the domain itself is the mail host (RFC 5321 5.1)" },
	{ "submission_status", DT_STR, NULL,
	  "status token of the RFC 6186 _submission SRV query" },
	{ "submission", DT_ARRAY, NULL, "the SRV records found" },
	{ "near_base", DT_STR, NULL,
	  "the name whose near names were tried (no such name)" },
	{ "suggestions", DT_ARRAY, NULL, "near names that exist" },
	{ "hosts_file", DT_ARRAY, NULL,
	  "addresses the hosts file gives the name" },
	{ "local_override", DT_BOOL, NULL, "the hosts file differs from DNS" },
	{ "a_total", DT_INT, NULL,
	  "A records in the answer, when more than the 16 kept" },
	{ "aaaa_total", DT_INT, NULL,
	  "AAAA records in the answer, when more than the 16 kept" },
	{ "addresses_dropped", DT_INT, NULL,
	  "addresses of the answer not kept (beyond 16 per family)" },
	{ "cname_loop", DT_BOOL, NULL,
	  "the name's CNAME chain comes back to itself: no address" },
	{ "cname_chain", DT_STR, NULL, "that chain, \"a -> b -> a\"" },
	{ "family_missing", DT_STR, NULL,
	  "\"ipv6\" (-6) or \"ipv4\" (-4): the name has addresses, none "
	  "of the family asked for" },
	{ "recv_srv", DT_ARRAY, NULL,
	  "POP3/IMAP e-mail: the RFC 6186 SRV queries [{service, status, "
	  "records}]" },
	{ "resolved_by_proxy", DT_BOOL, NULL,
	  "the local resolver gave no address, and the proxy "
	  "(socks5h://, socks4a://, http://) is given the name to resolve, "
	  "as the user's client does: the run goes on through it" },
	{ "recv_candidates", DT_ARRAY, NULL,
	  "the receiving-server names tried [{name, status}], in order" },
	{ "recv_host", DT_STR, NULL, "the receiving server chosen, \"\"" },
	{ "recv_source", DT_STR, NULL,
	  "\"srv\" (RFC 6186) or \"fallback\" (pop./imap., mail.)" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_dns = {
	.id = "dns",
	.deps = { "input" },
	.applies = NULL,
	.start = dns_start,
	.cleanup = dns_cleanup,
	.perf = dns_perf,
	.details = dns_details,
	.tells_apart = N_("resolves the name: no such name vs. no address vs."
		" a resolver that fails, and compares with the "
		"hosts file"),
};
