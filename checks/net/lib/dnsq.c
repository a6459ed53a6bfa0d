/* dnsq.c — lookups with a lifetime the probe controls: every c-ares
 * callback lands in an op that outlives the probe when it must, so a probe
 * can stop at its deadline and c-ares may still answer later. */
#include "config.h"

#include "dnsq.h"

#include <arpa/nameser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* One outstanding lookup. */
struct dnsq_op {
	struct dnsq_set *set;      /* owner; NULL once orphaned */
	struct dnsq_op *next;      /* list of the set */
	struct dnsq_op *prev;
	int pending;               /* c-ares queries not yet answered */
	bool issuing;              /* inside dnsq_start: do not complete yet */
	bool cancelled;            /* c-ares cancelled a query: no callback */
	struct loop_timer *defer;  /* completion scheduled on the loop */
	dnsq_cb cb;                /* the owner's callback */
	void *arg;                 /* its argument */
	int64_t t0;                /* when it was asked */
	char name[256];            /* the name asked for */
	struct dnsq_result r;      /* collected answers */
};

void dnsq_set_init(struct dnsq_set *s, struct aresglue *glue,
		   struct loop *loop)
{
	s->glue = glue;
	s->loop = loop;
	s->ops = NULL;
}

/* Take OP out of its set's list. */
static void op_unlink(struct dnsq_op *op)
{
	if (!op->set)
		return;
	if (op->prev)
		op->prev->next = op->next;
	else
		op->set->ops = op->next;
	if (op->next)
		op->next->prev = op->prev;
	op->set = NULL;
}

/* The status of a name from its A and AAAA answers. */
static int combine_addrs(const struct dnsq_result *r)
{
	int a = r->status_a, b = r->status_aaaa;

	if (r->na + r->naaaa > 0)
		return ARES_SUCCESS;
	if (a == ARES_ENOTFOUND || b == ARES_ENOTFOUND)
		return ARES_ENOTFOUND;
	if (a == ARES_ENODATA && b == ARES_ENODATA)
		return ARES_ENODATA;
	if (a != ARES_ENODATA && a != ARES_SUCCESS)
		return a;
	return b != ARES_SUCCESS ? b : ARES_ENODATA;
}

/* Deliver OP's result to its owner (if any) and free it. */
static void op_complete(struct dnsq_op *op)
{
	struct dnsq_set *set = op->set;

	op_unlink(op);
	if (set && !op->cancelled) {
		op->r.ms = loop_clock_ms() - op->t0;
		if (op->r.kind == DNSQ_ADDRS)
			op->r.status = combine_addrs(&op->r);
		op->cb(&op->r, op->arg);
	}
	free(op);
}

/* Deferred completion: runs from the loop, never inside dnsq_start. */
static void op_deferred(void *arg)
{
	struct dnsq_op *op = arg;

	op->defer = NULL;
	op_complete(op);
}

/* One c-ares query of OP ended with STATUS. */
static void op_answered(struct dnsq_op *op, int status)
{
	if (status == ARES_ECANCELLED || status == ARES_EDESTRUCTION)
		op->cancelled = true;
	if (--op->pending > 0 || op->issuing)
		return;
	if (op->set && !op->cancelled) {
		op->defer = loop_timer_add(op->set->loop, 0, op_deferred, op);
		if (op->defer)
			return;
	}
	op_complete(op);
}

/* The CNAME records of the answer ABUF as owner/target pairs; returns
 * how many (at most MAX).  RFC 1035 4.1: header, questions, answers. */
static int answer_cnames(const unsigned char *abuf, int alen,
			 char (*own)[256], char (*tgt)[256], int max)
{
	const unsigned char *p = abuf + 12, *end = abuf + alen;
	int qd, an, i, n = 0;
	char *name;
	long len;

	if (alen < 12)
		return 0;
	qd = abuf[4] << 8 | abuf[5];
	an = abuf[6] << 8 | abuf[7];
	for (i = 0; i < qd; i++) {
		if (ares_expand_name(p, abuf, alen, &name, &len) != ARES_SUCCESS)
			return n;
		ares_free_string(name);
		p += len + 4;
		if (p > end)
			return n;
	}
	for (i = 0; i < an && n < max; i++) {
		int type, rdlen;

		if (ares_expand_name(p, abuf, alen, &name, &len) != ARES_SUCCESS)
			return n;
		p += len;
		if (p + 10 > end) {
			ares_free_string(name);
			return n;
		}
		type = p[0] << 8 | p[1];
		rdlen = p[8] << 8 | p[9];
		p += 10;
		if (p + rdlen > end) {
			ares_free_string(name);
			return n;
		}
		str_copy(own[n], name, 256);
		ares_free_string(name);
		if (type == ns_t_cname &&
		    ares_expand_name(p, abuf, alen, &name, &len) == ARES_SUCCESS) {
			str_copy(tgt[n++], name, 256);
			ares_free_string(name);
		}
		p += rdlen;
	}
	return n;
}

bool dnsq_cname_loop(const char *name, const unsigned char *abuf, int alen,
		     char *out, size_t size)
{
	static char own[16][256], tgt[16][256];
	const char *seen[17], *cur = name;
	char chain[1024];
	int n = answer_cnames(abuf, alen, own, tgt, 16), steps = 0, i, j;

	seen[0] = cur;
	str_copy(chain, cur, sizeof(chain));
	while (steps < 16) {
		for (i = 0; i < n && strcasecmp(own[i], cur); i++)
			;
		if (i == n)
			return false;
		cur = tgt[i];
		str_appendf(chain, sizeof(chain), " -> %s", cur);
		for (j = 0; j <= steps; j++)
			if (!strcasecmp(seen[j], cur)) {
				sanitize(chain, strlen(chain), out, size, false);
				return true;
			}
		seen[++steps] = cur;
	}
	return false;
}

/* Note on R whether its CNAME chain in ABUF loops. */
static void find_cname_loop(struct dnsq_result *r, const unsigned char *abuf,
			    int alen)
{
	r->cname_loop = dnsq_cname_loop(r->name, abuf, alen, r->cname_chain,
					sizeof(r->cname_chain));
}

/* A answer: keep the IPv4 addresses, count every one. */
static void on_a(void *arg, int status, int timeouts, unsigned char *abuf,
		 int alen)
{
	struct dnsq_op *op = arg;
	static struct ares_addrttl ttl[DNSQ_PARSE_ADDRS];
	int i, n = DNSQ_PARSE_ADDRS;

	(void)timeouts;
	if (status == ARES_SUCCESS)
		status = ares_parse_a_reply(abuf, alen, NULL, ttl, &n);
	if (status == ARES_SUCCESS) {
		op->r.na_total = n;
		if (n > DNSQ_MAX_ADDRS)
			n = DNSQ_MAX_ADDRS;
		for (i = 0; i < n; i++)
			op->r.a[i] = ttl[i].ipaddr;
		op->r.na = n;
		if (n == 0)
			status = ARES_ENODATA;
	}
	if (status == ARES_ENODATA && abuf)
		find_cname_loop(&op->r, abuf, alen);
	op->r.status_a = status;
	op_answered(op, status);
}

/* AAAA answer: keep the IPv6 addresses. */
static void on_aaaa(void *arg, int status, int timeouts, unsigned char *abuf,
		    int alen)
{
	struct dnsq_op *op = arg;
	static struct ares_addr6ttl ttl[DNSQ_PARSE_ADDRS];
	int i, n = DNSQ_PARSE_ADDRS;

	(void)timeouts;
	if (status == ARES_SUCCESS)
		status = ares_parse_aaaa_reply(abuf, alen, NULL, ttl, &n);
	if (status == ARES_SUCCESS) {
		op->r.naaaa_total = n;
		if (n > DNSQ_MAX_ADDRS)
			n = DNSQ_MAX_ADDRS;
		for (i = 0; i < n; i++)
			memcpy(&op->r.aaaa[i], &ttl[i].ip6addr,
			       sizeof(struct in6_addr));
		op->r.naaaa = n;
		if (n == 0)
			status = ARES_ENODATA;
	}
	op->r.status_aaaa = status;
	op_answered(op, status);
}

/* Insert REC into R's records, keeping the lowest preference first. */
static void add_rec(struct dnsq_result *r, const char *host, int pref,
		    int weight, int port)
{
	struct dnsq_rec *rec;
	int i;

	if (r->nrecs >= DNSQ_MAX_RECS)
		return;
	for (i = r->nrecs; i > 0 && r->recs[i - 1].preference > pref; i--)
		r->recs[i] = r->recs[i - 1];
	rec = &r->recs[i];
	sanitize(host, strlen(host), rec->host, sizeof(rec->host), false);
	rec->preference = pref;
	rec->weight = weight;
	rec->port = port;
	r->nrecs++;
}

/* MX answer: keep the exchanges, best first. */
static void on_mx(void *arg, int status, int timeouts, unsigned char *abuf,
		  int alen)
{
	struct dnsq_op *op = arg;
	struct ares_mx_reply *mx = NULL, *m;

	(void)timeouts;
	if (status == ARES_SUCCESS)
		status = ares_parse_mx_reply(abuf, alen, &mx);
	for (m = mx; status == ARES_SUCCESS && m; m = m->next)
		add_rec(&op->r, m->host, m->priority, 0, 0);
	if (mx)
		ares_free_data(mx);
	if (status == ARES_SUCCESS && op->r.nrecs == 0)
		status = ARES_ENODATA;
	op->r.status = status;
	op_answered(op, status);
}

/* SRV answer: keep the targets, best priority first. */
static void on_srv(void *arg, int status, int timeouts, unsigned char *abuf,
		   int alen)
{
	struct dnsq_op *op = arg;
	struct ares_srv_reply *srv = NULL, *s;

	(void)timeouts;
	if (status == ARES_SUCCESS)
		status = ares_parse_srv_reply(abuf, alen, &srv);
	for (s = srv; status == ARES_SUCCESS && s; s = s->next)
		add_rec(&op->r, s->host, s->priority, s->weight, s->port);
	if (srv)
		ares_free_data(srv);
	if (status == ARES_SUCCESS && op->r.nrecs == 0)
		status = ARES_ENODATA;
	op->r.status = status;
	op_answered(op, status);
}

/* Send OP's c-ares queries; callbacks may run inside ares_query. */
static void op_issue(struct dnsq_op *op, ares_channel ch)
{
	switch (op->r.kind) {
	case DNSQ_ADDRS:
		op->pending = 2;
		if (strchr(op->name, '.')) {
			ares_query(ch, op->name, C_IN, T_A, on_a, op);
			ares_query(ch, op->name, C_IN, T_AAAA, on_aaaa, op);
		} else {
			/* A single label: the system's search domains apply,
			 * as they do for the user's client. */
			ares_search(ch, op->name, C_IN, T_A, on_a, op);
			ares_search(ch, op->name, C_IN, T_AAAA, on_aaaa, op);
		}
		break;
	case DNSQ_MX:
		op->pending = 1;
		ares_query(ch, op->name, C_IN, T_MX, on_mx, op);
		break;
	case DNSQ_SRV:
		op->pending = 1;
		ares_query(ch, op->name, C_IN, T_SRV, on_srv, op);
		break;
	}
}

int dnsq_start(struct dnsq_set *s, enum dnsq_kind kind, const char *name,
	       dnsq_cb cb, void *arg)
{
	struct dnsq_op *op = calloc(1, sizeof(*op));

	if (!op)
		return -1;
	op->set = s;
	op->next = s->ops;
	if (s->ops)
		s->ops->prev = op;
	s->ops = op;
	op->cb = cb;
	op->arg = arg;
	op->t0 = loop_clock_ms();
	str_copy(op->name, name, sizeof(op->name));
	op->r.kind = kind;
	op->r.name = op->name;
	op->issuing = true;
	op_issue(op, aresglue_channel(s->glue));
	op->issuing = false;
	if (op->pending == 0) {
		op->pending = 1; /* every answer came at once: finish later */
		op_answered(op, op->cancelled ? ARES_ECANCELLED : ARES_SUCCESS);
	}
	aresglue_kick(s->glue);
	return 0;
}

int dnsq_pending(const struct dnsq_set *s)
{
	const struct dnsq_op *op;
	int n = 0;

	for (op = s->ops; op; op = op->next)
		n++;
	return n;
}

void dnsq_set_orphan(struct dnsq_set *s)
{
	struct dnsq_op *op, *next;

	for (op = s->ops; op; op = next) {
		next = op->next;
		op->set = NULL;
		op->next = op->prev = NULL;
		if (op->defer) {
			/* c-ares is done with it: only our timer holds it. */
			loop_timer_cancel(s->loop, op->defer);
			free(op);
		}
	}
	s->ops = NULL;
}

const char *dnsq_status_token(int status)
{
	switch (status) {
	case ARES_SUCCESS:
		return "ok";
	case ARES_ENOTFOUND:
		return "nxdomain";
	case ARES_ENODATA:
		return "nodata";
	case ARES_ESERVFAIL:
		return "servfail";
	case ARES_EREFUSED:
		return "refused";
	case ARES_ETIMEOUT:
		return "timeout";
	case ARES_ECONNREFUSED:
		return "no_answer";
	case ARES_EBADRESP:
	case ARES_EFORMERR:
		return "bad_response";
	default:
		return "error";
	}
}
