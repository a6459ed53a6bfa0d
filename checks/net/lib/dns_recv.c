/* dns_recv.c — the receiving mail server of an e-mail domain, for
 * alice@example.com with --protocol pop3|imap: the RFC 6186 SRV records
 * (_pop3s._tcp / _pop3._tcp, _imaps._tcp / _imap._tcp; the TLS service
 * first, as RFC 8314 5.1 advises), else the names providers use (pop. or
 * imap., then mail.).  A SRV target of "." says the service is not
 * offered (RFC 6186 3.4).  The chain then diagnoses the host found,
 * on the SRV's port and security unless the user set them. */
#include "config.h"

#include "dns_int.h"

#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "probe.h"
#include "run.h"
#include "util.h"

/* "imap" or "pop3" for the target. */
static const char *service(const struct dns_state *s)
{
	return s->p->run->target.proto == PROTO_IMAP ? "imap" : "pop3";
}

/* One SRV answer (slot 0: the TLS service, 1: the plain one). */
static void on_srv(const struct dnsq_result *r, void *arg, int k)
{
	struct dns_state *s = arg;

	dns_log_result(s, r);
	dns_take_recs(&s->rsrv[k], r);
	dns_phase_check(s);
}

/* The TLS service's SRV answer. */
static void on_srv_tls(const struct dnsq_result *r, void *arg)
{
	on_srv(r, arg, 0);
}

/* The plain service's SRV answer. */
static void on_srv_plain(const struct dnsq_result *r, void *arg)
{
	on_srv(r, arg, 1);
}

void dns_recv_start(struct dns_state *s)
{
	const char *dom = s->p->run->target.host;
	char name[300];

	str_printf(name, sizeof(name), "_%ss._tcp.%s", service(s), dom);
	dnsq_start(&s->q, DNSQ_SRV, name, on_srv_tls, s);
	str_printf(name, sizeof(name), "_%s._tcp.%s", service(s), dom);
	dnsq_start(&s->q, DNSQ_SRV, name, on_srv_plain, s);
}

/* A candidate's addresses. */
static void on_cand(const struct dnsq_result *r, void *arg)
{
	struct dns_recv_slot *slot = arg;

	dns_log_result(slot->s, r);
	dns_take_addrs(&slot->s->recv_addr[slot->i], r);
	dns_phase_check(slot->s);
}

/* Add candidate NAME (once). */
static void add_cand(struct dns_state *s, const char *name)
{
	int i;

	if (!name[0] || s->nrecv >= DNS_RECV_CAND)
		return;
	for (i = 0; i < s->nrecv; i++)
		if (!strcasecmp(s->recv_name[i], name))
			return;
	str_copy(s->recv_name[s->nrecv++], name, sizeof(s->recv_name[0]));
}

/* The best usable SRV record into the candidates; true when one was. */
static bool take_srv(struct dns_state *s)
{
	int k;

	for (k = 0; k < 2; k++) {
		const struct dns_recset *set = &s->rsrv[k];

		if (set->status != ARES_SUCCESS || set->n < 1 ||
		    !strcmp(set->recs[0].host, "") ||
		    !strcmp(set->recs[0].host, "."))
			continue;
		add_cand(s, set->recs[0].host);
		s->recv_port = set->recs[0].port;
		s->recv_implicit = k == 0;
		s->recv_source = "srv";
		return true;
	}
	return false;
}

int dns_recv_followups(struct dns_state *s)
{
	const char *dom = s->p->run->target.host;
	char name[300];
	int i;

	if (!take_srv(s)) {
		s->recv_source = "fallback";
		str_printf(name, sizeof(name), "%s.%s",
			   s->p->run->target.proto == PROTO_IMAP ? "imap"
								  : "pop", dom);
		add_cand(s, name);
		str_printf(name, sizeof(name), "mail.%s", dom);
		add_cand(s, name);
	}
	for (i = 0; i < s->nrecv; i++) {
		s->recv_slot[i].s = s;
		s->recv_slot[i].i = i;
		dnsq_start(&s->q, DNSQ_ADDRS, s->recv_name[i], on_cand,
			   &s->recv_slot[i]);
	}
	return dnsq_pending(&s->q);
}

void dns_recv_timeouts(struct dns_state *s)
{
	int i;

	for (i = 0; i < 2; i++)
		if (!s->rsrv[i].done)
			s->rsrv[i].status = ARES_ETIMEOUT;
	for (i = 0; i < s->nrecv; i++)
		if (!s->recv_addr[i].done) {
			s->recv_addr[i].status = ARES_ETIMEOUT;
			s->recv_addr[i].ms = s->timeout_ms;
		}
}

/* The SRV queries and the candidates as details. */
static void record_recv(struct dns_state *s, int used)
{
	json_t *srv = json_array(), *cand = json_array(), *recs;
	const char *svc = service(s);
	char name[64];
	int k, i;

	for (k = 0; k < 2; k++) {
		recs = json_array();
		for (i = 0; i < s->rsrv[k].n; i++)
			json_array_append_new(recs, json_pack("{s:s,s:i,s:i,s:i}",
				"host", s->rsrv[k].recs[i].host,
				"port", s->rsrv[k].recs[i].port,
				"priority", s->rsrv[k].recs[i].preference,
				"weight", s->rsrv[k].recs[i].weight));
		str_printf(name, sizeof(name), "_%s%s._tcp", svc, k ? "" : "s");
		json_array_append_new(srv, json_pack("{s:s,s:s,s:o}",
			"service", name,
			"status", dnsq_status_token(s->rsrv[k].status),
			"records", recs));
	}
	for (i = 0; i < s->nrecv; i++)
		json_array_append_new(cand, json_pack("{s:s,s:s}",
			"name", s->recv_name[i],
			"status", dnsq_status_token(s->recv_addr[i].status)));
	json_object_set_new(s->p->details, "recv_srv", srv);
	json_object_set_new(s->p->details, "recv_candidates", cand);
	probe_set_str(s->p, "recv_source", s->recv_source ? s->recv_source
							  : "");
	probe_set_str(s->p, "recv_host", used >= 0 ? s->recv_name[used] : "");
	probe_set_str(s->p, "email_domain", s->p->run->target.host);
}

/* The SRV's port and security for the target, unless the user set them. */
static void apply_srv(struct dns_state *s)
{
	struct target *t = &s->p->run->target;

	if (strcmp(s->recv_source, "srv"))
		return;
	if (!t->port_given && s->recv_port > 0) {
		t->port = s->recv_port;
		if (t->tls == TLS_AUTO && s->recv_implicit)
			t->tls = TLS_IMPLICIT;
	}
}

/* Nothing found: say which names were tried. */
static void finish_none(struct dns_state *s)
{
	char names[600] = "";
	int i;

	for (i = 0; i < s->nrecv; i++)
		str_appendf(names, sizeof(names), "%s%s", i ? ", " : "",
			    s->recv_name[i]);
	probe_finish(s->p, PROBE_FAIL, _("%s: no %s server found (no SRV "
		     "record, and no address for %s)"), s->p->run->target.host,
		     s->p->run->target.proto == PROTO_IMAP ? "IMAP" : "POP3",
		     names[0] ? names : "-");
}

void dns_recv_finalize(struct dns_state *s)
{
	struct target *t = &s->p->run->target;
	int i, used = -1;

	for (i = 0; i < s->nrecv && used < 0; i++)
		if (s->recv_addr[i].status == ARES_SUCCESS &&
		    s->recv_addr[i].na + s->recv_addr[i].naaaa > 0)
			used = i;
	record_recv(s, used);
	if (used < 0) {
		dns_facts_record(s);
		finish_none(s);
		return;
	}
	probe_info(s->p, "diagnosing the %s server %s for %s", service(s),
		   s->recv_name[used], t->host);
	str_copy(t->host, s->recv_name[used], sizeof(t->host));
	s->host = s->recv_addr[used]; /* the set the facts describe */
	apply_srv(s);
	netpath_retarget(&s->p->run->path, t);
	dns_facts_record(s);
	dns_facts_addrs(s, &s->host);
	if (dns_finish_family_missing(s, t->host, &s->host))
		return;
	probe_finish(s->p, PROBE_OK, _("%s server %s (%s), port %d, %d "
		     "address(es)"), t->proto == PROTO_IMAP ? "IMAP" : "POP3",
		     t->host, !strcmp(s->recv_source, "srv") ?
		     _("RFC 6186 SRV record") : _("the usual name"), t->port,
		     s->host.na + s->host.naaaa);
}
