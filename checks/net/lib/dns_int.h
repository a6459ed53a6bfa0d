/* dns_int.h — the dns probe's private state, shared by its files:
 * dns.c (the phases), dns_near.c (near names for NXDOMAIN) and
 * dns_facts.c (what goes into the details and run->addrs). */
#ifndef SOCKDOC_DNS_INT_H
#define SOCKDOC_DNS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "dnsq.h"
#include "probe.h"
#include "target.h"

#define DNS_MAX_NEAR 6

struct dns_state;

#define DNS_RECV_CAND 3 /* receiving-server names tried at once */

/* The addresses one name resolved to. */
struct dns_addrset {
	bool done;                /* an answer (or a deadline) came */
	int status;               /* combined ARES_* status */
	struct in_addr a[DNSQ_MAX_ADDRS];     /* IPv4 */
	int na;
	struct in6_addr aaaa[DNSQ_MAX_ADDRS]; /* IPv6 */
	int naaaa;
	int na_total;             /* A records in the answer (>= na) */
	int naaaa_total;          /* AAAA records in the answer (>= naaaa) */
	bool cname_loop;          /* the CNAME chain loops */
	char cname_chain[256];    /* that chain, sanitized */
	int64_t ms;               /* time to the answer */
};

/* MX or SRV records of a name. */
struct dns_recset {
	bool done;                /* answered (or gave up) */
	int status;               /* ARES_* status */
	struct dnsq_rec recs[DNSQ_MAX_RECS]; /* best first */
	int n;
};

/* A name near the one that does not exist, and what it resolved to. */
struct dns_near {
	struct dns_state *s;      /* back pointer for the lookup callback */
	char name[256];           /* candidate name */
	bool via_mx;              /* it is the registered domain's best MX */
	int score;                /* lower = shown first */
	struct dns_addrset res;   /* its addresses */
};

/* Everything the dns probe holds while it runs. */
struct dns_state {
	struct probe *p;          /* the probe */
	struct dnsq_set q;        /* outstanding lookups */
	struct loop_timer *deadline; /* end of the current phase */
	int phase;                /* 1: the name itself, 2: follow-ups */
	int timeout_ms;           /* per phase (--timeout) */
	bool want_mx;             /* SMTP or e-mail: ask for MX */
	struct dns_addrset host;  /* the target name */
	struct dns_recset mx;     /* its MX records */
	bool null_mx;             /* the MX answer was a null MX "." (RFC
				     7505): the domain takes no mail */
	struct dns_recset srv;    /* _submission._tcp SRV (e-mail only) */
	bool use_mx;              /* diagnose the best MX instead of the name */
	struct dns_addrset mxaddr;/* the best MX's addresses */
	char base[256];           /* registered-domain part for near names */
	struct dns_near near[DNS_MAX_NEAR]; /* NXDOMAIN candidates */
	int nnear;
	int near_mx;              /* index of the MX candidate, -1 none */
	struct dns_recset basemx; /* MX of base (for the MX candidate) */
	bool timed_out;           /* a phase hit its deadline */
	/* e-mail address with --protocol pop3|imap (dns_recv.c) */
	bool want_recv;           /* find the receiving server: RFC 6186 */
	struct dns_recset rsrv[2];/* [0] _pop3s/_imaps, [1] _pop3/_imap */
	char recv_name[DNS_RECV_CAND][256]; /* candidates, in order */
	struct dns_addrset recv_addr[DNS_RECV_CAND]; /* their addresses */
	struct dns_recv_slot {
		struct dns_state *s; /* back pointer for the callback */
		int i;               /* index in recv_name */
	} recv_slot[DNS_RECV_CAND];
	int nrecv;                /* candidates used */
	int recv_port;            /* the SRV record's port, 0 none */
	bool recv_implicit;       /* that record was the TLS service */
	const char *recv_source;  /* "srv", "fallback" */
};

/* Fill CAND with up to MAX names near HOST for PROTO (mail., smtp., ftp.
 * on the registered part, the part itself); BASE gets that part.
 * Returns the count.  Pure: unit-testable. */
int dns_near_names(const char *host, enum proto proto, char base[256],
		   char cand[][256], int max);
/* Ranking score of candidate NAME for the mistyped HOST (lower first). */
int dns_near_score(const char *host, const char *name, bool via_mx);

/* Write every detail of S into its probe's details. */
void dns_facts_record(struct dns_state *s);
/* Put SET's addresses into run->addrs (IPv4 first) with the target port. */
void dns_facts_addrs(struct dns_state *s, const struct dns_addrset *set);
/* Read NAME from the hosts file (c-ares, local, no network) into HOSTS
 * and compare with SET; records hosts_file and local_override.  Returns
 * true when the hosts file knows NAME with other addresses. */
bool dns_facts_hosts(struct dns_state *s, const char *name,
		     const struct dns_addrset *set, struct dns_addrset *hosts);
/* dns.c's helpers for the other files: keep R's addresses / records,
 * log an answer, end the phase when nothing is outstanding. */
void dns_take_addrs(struct dns_addrset *set, const struct dnsq_result *r);
void dns_take_recs(struct dns_recset *set, const struct dnsq_result *r);
void dns_log_result(struct dns_state *s, const struct dnsq_result *r);
void dns_phase_check(struct dns_state *s);

/* dns_recv.c: an e-mail address with --protocol pop3|imap.  Phase 1 asks
 * the RFC 6186 SRV records (_pop3s/_pop3, _imaps/_imap); phase 2 resolves
 * the SRV target, or the usual names (pop./imap., mail.) when there is
 * none; finalize picks the first that resolved, sets the target's host
 * (and the SRV's port and TLS mode when the user gave none) and finishes
 * the probe. */
void dns_recv_start(struct dns_state *s);
int dns_recv_followups(struct dns_state *s);
void dns_recv_timeouts(struct dns_state *s);
void dns_recv_finalize(struct dns_state *s);
/* -4/-6 kept none of the addresses NAME has (SET): the client set to
 * that family has nothing to connect to (a failure, not "OK, nothing
 * tried"); details "family_missing".  Returns true when it finished the
 * probe (dns.c). */
bool dns_finish_family_missing(struct dns_state *s, const char *name,
			       const struct dns_addrset *set);

/* The servers asked, "127.0.0.1:5353" style, into BUF. */
void dns_facts_server(struct dns_state *s, char *buf, size_t size);

#endif
