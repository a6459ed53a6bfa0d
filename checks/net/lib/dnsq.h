/* dnsq.h — DNS lookups for the dns probe on top of the c-ares glue: one
 * "op" asks for a name's A and AAAA records, its MX records or its SRV
 * records and reports one combined result.  Ops belong to a set; when the
 * probe gives up (deadline, cleanup) it orphans the set, and c-ares'
 * later callbacks then free the ops without touching the probe. */
#ifndef SOCKDOC_DNSQ_H
#define SOCKDOC_DNSQ_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aresglue.h"
#include "loop.h"

#define DNSQ_MAX_ADDRS 16    /* addresses kept per family */
#define DNSQ_PARSE_ADDRS 256 /* addresses counted per family (the rest of
				an answer past DNSQ_MAX_ADDRS is reported
				as dropped, not silently lost) */
#define DNSQ_MAX_RECS 8

/* What an op asks for. */
enum dnsq_kind {
	DNSQ_ADDRS, /* A and AAAA */
	DNSQ_MX,    /* MX */
	DNSQ_SRV    /* SRV */
};

/* One MX or SRV record. */
struct dnsq_rec {
	char host[256];   /* exchange / target, sanitized */
	int preference;   /* MX preference or SRV priority */
	int weight;       /* SRV weight (0 for MX) */
	int port;         /* SRV port (0 for MX) */
};

/* The outcome of one op, valid during the callback only. */
struct dnsq_result {
	enum dnsq_kind kind;      /* what was asked */
	const char *name;         /* the name asked for */
	int status;               /* combined ARES_* status */
	int status_a;             /* ADDRS: status of the A query */
	int status_aaaa;          /* ADDRS: status of the AAAA query */
	struct in_addr a[DNSQ_MAX_ADDRS];     /* ADDRS: IPv4 answers */
	int na;                               /* used entries in a */
	struct in6_addr aaaa[DNSQ_MAX_ADDRS]; /* ADDRS: IPv6 answers */
	int naaaa;                            /* used entries in aaaa */
	int na_total;             /* ADDRS: A records in the answer (may
				     exceed na; at most DNSQ_PARSE_ADDRS) */
	int naaaa_total;          /* ADDRS: AAAA records in the answer */
	bool cname_loop;          /* ADDRS: the CNAME chain comes back to a
				     name already in it */
	char cname_chain[256];    /* that chain, "a.test -> b.test -> a.test",
				     sanitized */
	struct dnsq_rec recs[DNSQ_MAX_RECS];  /* MX/SRV: sorted best first */
	int nrecs;                            /* used entries in recs */
	int64_t ms;               /* time from asking to the last answer */
};

/* Called once per op unless the set was orphaned first. */
typedef void (*dnsq_cb)(const struct dnsq_result *r, void *arg);

struct dnsq_op;

/* The ops of one probe. */
struct dnsq_set {
	struct aresglue *glue; /* channel to ask through (not owned) */
	struct loop *loop;     /* for deferred completions */
	struct dnsq_op *ops;   /* outstanding ops */
};

/* Start an empty set on GLUE. */
void dnsq_set_init(struct dnsq_set *s, struct aresglue *glue,
		   struct loop *loop);
/* Ask for NAME (KIND); CB runs later from the loop, never from inside this
 * call.  Returns 0, or -1 when out of memory. */
int dnsq_start(struct dnsq_set *s, enum dnsq_kind kind, const char *name,
	       dnsq_cb cb, void *arg);
/* Number of outstanding ops. */
int dnsq_pending(const struct dnsq_set *s);
/* Forget every outstanding op: no callback will reach the owner again. */
void dnsq_set_orphan(struct dnsq_set *s);

/* Follow the CNAME chain of NAME through the DNS answer ABUF (ALEN bytes,
 * RFC 1035 4.1, names read with ares_expand_name); true when it comes back
 * to a name already in it, the chain ("a -> b -> a", sanitized) in OUT. */
bool dnsq_cname_loop(const char *name, const unsigned char *abuf, int alen,
		     char *out, size_t size);

/* Stable token for an ARES_* status: "ok", "nxdomain", "nodata",
 * "servfail", "refused", "timeout", "no_answer", "bad_response", "error". */
const char *dnsq_status_token(int status);

#endif
