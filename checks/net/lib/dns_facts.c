/* dns_facts.c — what the dns probe saw, written as typed evidence: the
 * details the diagnosis reads, the addresses reach connects to, and the
 * hosts file's view of the same name (read by c-ares, locally). */
#include "config.h"

#include "dns_int.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>

#include "run.h"
#include "util.h"

/* Append "addr:port" of one server to BUF. */
static void append_server(char *buf, size_t size,
			  const struct ares_addr_port_node *n)
{
	char a[INET6_ADDRSTRLEN];
	int port = n->udp_port ? n->udp_port : 53;

	inet_ntop(n->family, &n->addr, a, sizeof(a));
	str_appendf(buf, size, n->family == AF_INET6 ? "%s[%s]:%d" : "%s%s:%d",
		    buf[0] ? ", " : "", a, port);
}

void dns_facts_server(struct dns_state *s, char *buf, size_t size)
{
	struct ares_addr_port_node *list = NULL, *n;

	buf[0] = '\0';
	if (ares_get_servers_ports(aresglue_channel(s->q.glue), &list) ==
	    ARES_SUCCESS) {
		for (n = list; n; n = n->next)
			append_server(buf, size, n);
		ares_free_data(list);
	}
	if (!buf[0])
		str_copy(buf, "?", size);
}

/* JSON strings of SET's IPv4 (V4) or IPv6 addresses. */
static json_t *family_json(const struct dns_addrset *set, bool v4)
{
	json_t *arr = json_array();
	char buf[INET6_ADDRSTRLEN];
	int i;

	for (i = 0; v4 && i < set->na; i++)
		json_array_append_new(arr, json_string(inet_ntop(
			AF_INET, &set->a[i], buf, sizeof(buf))));
	for (i = 0; !v4 && i < set->naaaa; i++)
		json_array_append_new(arr, json_string(inet_ntop(
			AF_INET6, &set->aaaa[i], buf, sizeof(buf))));
	return arr;
}

/* Every address of SET, IPv4 first. */
static json_t *addrs_json(const struct dns_addrset *set)
{
	json_t *arr = family_json(set, true), *v6 = family_json(set, false);

	json_array_extend(arr, v6);
	json_decref(v6);
	return arr;
}

/* MX or SRV records as [{"host","preference"...}]. */
static json_t *recs_json(const struct dns_recset *set, bool srv)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < set->n; i++) {
		const struct dnsq_rec *r = &set->recs[i];

		if (srv)
			json_array_append_new(arr, json_pack(
				"{s:s, s:i, s:i, s:i}", "host", r->host, "port",
				r->port, "priority", r->preference, "weight",
				r->weight));
		else
			json_array_append_new(arr, json_pack(
				"{s:s, s:i}", "host", r->host, "preference",
				r->preference));
	}
	return arr;
}

/* Resolving near names, best score first. */
static json_t *suggestions_json(const struct dns_state *s)
{
	json_t *arr = json_array();
	bool used[DNS_MAX_NEAR] = { false };
	int k, i, best;

	for (k = 0; k < s->nnear; k++) {
		best = -1;
		for (i = 0; i < s->nnear; i++) {
			const struct dns_near *n = &s->near[i];

			if (used[i] || !n->name[0] || !n->res.done ||
			    n->res.status != ARES_SUCCESS)
				continue;
			if (best < 0 || n->score < s->near[best].score)
				best = i;
		}
		if (best < 0)
			break;
		used[best] = true;
		json_array_append_new(arr, json_pack(
			"{s:s, s:o, s:b}", "name", s->near[best].name,
			"addresses", addrs_json(&s->near[best].res), "via_mx",
			s->near[best].via_mx));
	}
	return arr;
}

/* The MX part: records, the chosen host and how it resolved. */
static void record_mail(struct dns_state *s)
{
	struct probe *p = s->p;

	json_object_set_new(p->details, "mx", recs_json(&s->mx, false));
	probe_set_str(p, "mx_status", dnsq_status_token(s->mx.status));
	if (s->null_mx)
		probe_set_bool(p, "null_mx", true);
	if (s->use_mx) {
		probe_set_str(p, "mx_host", s->mx.recs[0].host);
		probe_set_str(p, "mx_host_status",
			      dnsq_status_token(s->mxaddr.status));
		probe_set_int(p, "mx_query_ms", s->mxaddr.ms);
	}
	if (!p->run->target.is_email)
		return;
	probe_set_str(p, "email_domain", p->run->target.host);
	probe_set_bool(p, "implicit_mx", !s->use_mx && !s->null_mx &&
		       s->mx.status != ARES_SUCCESS &&
		       s->host.status == ARES_SUCCESS);
	probe_set_str(p, "submission_status", dnsq_status_token(s->srv.status));
	if (s->srv.status == ARES_SUCCESS)
		json_object_set_new(p->details, "submission",
				    recs_json(&s->srv, true));
}

void dns_facts_record(struct dns_state *s)
{
	struct probe *p = s->p;
	const struct dns_addrset *used = s->use_mx ? &s->mxaddr : &s->host;
	char server[512];

	dns_facts_server(s, server, sizeof(server));
	probe_set_str(p, "name", p->run->target.host);
	probe_set_str(p, "server", server);
	probe_set_str(p, "server_source",
		      p->run->opt->ndns > 0 ? "dns-server" : "system");
	probe_set_int(p, "timeout_ms", s->timeout_ms);
	probe_set_int(p, "query_ms", s->host.ms);
	probe_set_str(p, "rcode", dnsq_status_token(s->host.status));
	if (s->host.status != ARES_SUCCESS)
		probe_set_str(p, "error", dnsq_status_token(s->host.status));
	probe_set_bool(p, "timed_out", s->timed_out);
	probe_set_str(p, "host_used",
		      s->use_mx ? s->mx.recs[0].host : p->run->target.host);
	str_copy(p->run->facts.host_used,
		 s->use_mx ? s->mx.recs[0].host : p->run->target.host,
		 sizeof(p->run->facts.host_used));
	json_object_set_new(p->details, "addresses", addrs_json(used));
	json_object_set_new(p->details, "a", family_json(used, true));
	json_object_set_new(p->details, "aaaa", family_json(used, false));
	if (s->want_mx)
		record_mail(s);
	if (s->nnear > 0) {
		probe_set_str(p, "near_base", s->base);
		json_object_set_new(p->details, "suggestions",
				    suggestions_json(s));
	}
}

void dns_facts_addrs(struct dns_state *s, const struct dns_addrset *set)
{
	struct run *run = s->p->run;
	int i;

	run->naddrs = 0;
	for (i = 0; i < set->na + set->naaaa && run->naddrs < RUN_MAX_ADDRS;
	     i++) {
		struct run_addr *ra = &run->addrs[run->naddrs];
		struct sockaddr_in *in = (struct sockaddr_in *)&ra->sa;
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ra->sa;

		/* -4/-6, or a source address of one family: only that one. */
		if (run->path.family == (i < set->na ? 6 : 4))
			continue;
		run->naddrs++;
		memset(ra, 0, sizeof(*ra));
		if (i < set->na) {
			in->sin_family = AF_INET;
			in->sin_addr = set->a[i];
		} else {
			in6->sin6_family = AF_INET6;
			in6->sin6_addr = set->aaaa[i - set->na];
		}
		addr_set_port((struct sockaddr *)&ra->sa, netpath_port(run));
	}
}

/* Add the addresses of hosts-file entry HE to SET (mapped v4 unmapped). */
static void add_hostent(struct dns_addrset *set, const struct hostent *he)
{
	char **a;

	for (a = he->h_addr_list; a && *a; a++) {
		const struct in6_addr *v6 = (const struct in6_addr *)*a;

		if (he->h_addrtype == AF_INET && set->na < DNSQ_MAX_ADDRS)
			memcpy(&set->a[set->na++], *a, sizeof(struct in_addr));
		else if (he->h_addrtype == AF_INET6 && IN6_IS_ADDR_V4MAPPED(v6) &&
			 set->na < DNSQ_MAX_ADDRS)
			memcpy(&set->a[set->na++], &v6->s6_addr[12], 4);
		else if (he->h_addrtype == AF_INET6 &&
			 set->naaaa < DNSQ_MAX_ADDRS)
			memcpy(&set->aaaa[set->naaaa++], v6, sizeof(*v6));
	}
}

/* True when X and Y hold the same addresses (in any order). */
static bool same_addrs(const struct dns_addrset *x, const struct dns_addrset *y)
{
	int i, j;

	if (x->na != y->na || x->naaaa != y->naaaa)
		return false;
	for (i = 0; i < x->na; i++) {
		for (j = 0; j < y->na && memcmp(&x->a[i], &y->a[j], 4); j++)
			;
		if (j == y->na)
			return false;
	}
	for (i = 0; i < x->naaaa; i++) {
		for (j = 0; j < y->naaaa && memcmp(&x->aaaa[i], &y->aaaa[j], 16);
		     j++)
			;
		if (j == y->naaaa)
			return false;
	}
	return true;
}

bool dns_facts_hosts(struct dns_state *s, const char *name,
		     const struct dns_addrset *set, struct dns_addrset *hosts)
{
	ares_channel ch = aresglue_channel(s->q.glue);
	const int fams[] = { AF_INET, AF_INET6 };
	struct hostent *he;
	bool differ;
	size_t i;

	memset(hosts, 0, sizeof(*hosts));
	for (i = 0; i < ARRAY_SIZE(fams); i++) {
		he = NULL;
		if (ares_gethostbyname_file(ch, name, fams[i], &he) ==
			    ARES_SUCCESS && he) {
			add_hostent(hosts, he);
			ares_free_hostent(he);
		}
	}
	if (hosts->na + hosts->naaaa == 0)
		return false;
	hosts->done = true;
	hosts->status = ARES_SUCCESS;
	differ = set->status != ARES_SUCCESS || !same_addrs(hosts, set);
	json_object_set_new(s->p->details, "hosts_file", addrs_json(hosts));
	probe_set_bool(s->p, "local_override", differ);
	return differ;
}
