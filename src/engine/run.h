/* run.h — one diagnosis run: the target, the options, every probe of the
 * chain, and the shared facts probes hand to each other (resolved
 * addresses, the address that answered).  The chain starts a probe when
 * all its dependencies are done (or earlier, on a guess: ops->early), so
 * independent probes overlap. */
#ifndef SOCKDOC_RUN_H
#define SOCKDOC_RUN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "loop.h"
#include "netpath.h"
#include "options.h"
#include "probe.h"
#include "target.h"

#define RUN_MAX_PROBES 32
#define RUN_MAX_ADDRS 16

struct curlglue;
struct aresglue;
struct transcript;
struct capture;

/* Called when a probe changes state (for live progress in the TUI). */
typedef void (*run_progress_cb)(struct run *run, struct probe *p, void *arg);
/* Called once when every probe is done or the budget ran out. */
typedef void (*run_done_cb)(struct run *run, void *arg);

/* One resolved address and what reach saw there.  A path whose proxy
 * resolves the name itself (socks5h://, socks4a://, http:// CONNECT; not
 * pinned by --resolve/--connect-to, not an IP literal) gets ONE stand-in
 * entry when the local resolver gives no address: by_proxy_name is set,
 * sa is AF_INET 0.0.0.0 carrying the port (never connected to: every
 * connection goes through netpath_connect, which hands the proxy the name;
 * libcurl handles are not pinned to it).  Show it with netpath_addr_shown
 * ("NAME (resolved by the proxy)"), test a copy with netpath_is_stand_in. */
struct run_addr {
	struct sockaddr_storage sa; /* address with the target port set */
	bool by_proxy_name;         /* the stand-in above: the proxy resolves
				       the name, no address of our own */
	bool reachable;             /* reach completed a TCP handshake */
	int64_t connect_ms;         /* handshake time when reachable */
};

/* A yes/no fact that a probe may not have established. */
enum run_tri {
	RUN_UNKNOWN = 0, /* the producer did not run or did not get there */
	RUN_NO,          /* established false */
	RUN_YES          /* established true */
};

/* The SMTP capabilities the next probes act on (smtp.ehlo fills them from
 * checks/smtp/lib/smtp_caps.h's struct smtp_caps; the full set stays in
 * smtp.ehlo's details "caps"). */
struct run_smtp_caps {
	bool starttls; /* STARTTLS offered (RFC 3207) */
	bool size;     /* SIZE offered (RFC 1870) */
};

/* Facts one probe hands to the next, typed: the producer fills them next
 * to the same values in its details (which stay the report, unchanged);
 * consumers read these, never another probe's JSON.  All zero (empty
 * strings, RUN_UNKNOWN) until the producer recorded them.  Addresses are
 * in run->addrs / run->open_addr. */
struct run_facts {
	/* dns: details "host_used" */
	char host_used[256];      /* MX host used for an e-mail target, "" */

	/* banner: details "result", "sniff", "bytes", "nudged" */
	char banner_result[24];   /* greeting|reset|closed|...; "" none */
	char banner_sniff[24];    /* what the first bytes looked like */
	long long banner_bytes;   /* bytes the server sent */
	bool banner_nudged;       /* we sent QUIT to provoke a reply */

	/* smtp.ehlo, ftp.login: details "wrong_protocol" (banner's own is
	 * its result "other" and sniff above; checks/net/lib/wrongproto.h) */
	char wrong_protocol[8];   /* "SSH", "HTTP"...: a session met another
				   * protocol where SMTP/FTP or a TLS record
				   * was due; "" none */
	char wrong_protocol_by[24]; /* the probe that met it */

	/* smtp.ehlo: details "mode", "caps", "plain"/"implicit" "outcome" */
	char smtp_mode[12];       /* plain|implicit|none; "" before */
	struct run_smtp_caps smtp_caps; /* capabilities of the session used */
	char smtp_plain_outcome[32];    /* smtp_sess_outcome of smtp:// */
	/* smtp.ehlo: details "auth_plain" (space separated) */
	char smtp_auth_plain[160];      /* AUTH mechanisms of the plain EHLO */
	char smtp_implicit_outcome[32]; /* the same for smtps:// */

	/* tls (SMTP): details "verified" */
	bool tls_verified;        /* the certificate passed the check */
	/* tls (SMTP): details "caps_after_tls" "auth" (space separated) */
	char tls_auth[160];       /* AUTH mechanisms offered over TLS */

	/* smtp.auth: details "mechanism" */
	char auth_mechanism[24];  /* the mechanism that logged in, "" none */

	/* ftp.login: details "login_ok", "tls", "ms", "greeting_code" */
	bool ftp_login_ok;        /* the login worked (maybe over TLS) */
	int ftp_login_sec;        /* enum ftp_sec (checks/ftp/lib/
				   * ftp_session.h): 0 none, 1 explicit,
				   * 2 implicit */
	long long ftp_login_ms;   /* the login session's duration, ms */
	int ftp_greeting_code;    /* the greeting's reply code, 0 none */

	/* ftp.passive / ftp.active: details "works" */
	enum run_tri ftp_passive_works; /* a passive listing came through */
	enum run_tri ftp_active_works;  /* an active listing came through */

	/* mailrecv.caps (POP3/IMAP): details "mode", "caps" */
	char mr_mode[12];         /* plain|implicit|none; "" before */
	bool mr_stls;             /* STLS/STARTTLS offered in plain text */
	bool mr_user_cmd;         /* POP3 USER offered (or no CAPA at all) */
	bool mr_logindisabled;    /* IMAP LOGINDISABLED before TLS */
	char mr_sasl[128];        /* SASL mechanisms, ' ' joined */
	/* mailrecv.tls: details "handshake", "verified", "caps_after_tls" */
	enum run_tri mr_tls_ok;   /* the handshake completed */
	bool mr_tls_verified;     /* the certificate verified */
	char mr_sasl_tls[128];    /* SASL mechanisms over TLS, ' ' joined */
	bool mr_logindisabled_tls; /* LOGINDISABLED even over TLS */
	/* mailrecv.login: details "security", "method_ok" */
	int mr_login_sec;         /* enum mr_sec (checks/mailrecv/lib/
				   * mr_sess.h) of the login sessions */
	char mr_login_method[24]; /* the method that worked ("USER",
				   * "LOGIN", "PLAIN"; SASL as "AUTH=X"),
				   * "" none */
};

/* A run. */
struct run {
	struct loop *loop;               /* the one event loop (not owned) */
	const struct options *opt;       /* what the user asked (not owned) */
	struct target target;            /* parsed target */
	struct probe probes[RUN_MAX_PROBES]; /* the chain, registry order */
	int nprobes;                     /* used entries */
	struct run_addr addrs[RUN_MAX_ADDRS]; /* filled by dns */
	int naddrs;                      /* used entries */
	int open_addr;                   /* index reach found open, -1 none */
	struct tcpconn *handover;        /* reach's connection to open_addr,
					    left open for banner to read the
					    greeting on (one connection and
					    one round trip less); NULL once
					    banner took it, or none.  The
					    chain frees one left at the end */
	int64_t handover_us;             /* when its handshake ended
					    (loop_clock_us) */
	struct run_facts facts;          /* typed hand-over between probes */
	struct netpath path;             /* how to connect (netpath.h) */
	struct curl_slist *path_pin;     /* its curl CONNECT_TO pin, lazy */
	struct curlglue *curl;           /* libcurl multi on the loop (lazy) */
	struct aresglue *ares;           /* c-ares channel on the loop (lazy) */
	struct transcript *transcript;   /* protocol exchange, redacted */
	struct capture *capture;         /* --pcap (capture.h), NULL without */
	void *shared;                    /* what probes share past their own
					  * states (checks/ftp/lib/ftp_pool.c:
					  * the FTP sessions), NULL none */
	void (*shared_free)(void *shared); /* frees it when the run is freed,
					  * after the probes' states */
	int64_t t0;                      /* monotonic start */
	char started[32];                /* ISO 8601 UTC start time */
	int64_t duration_ms;             /* set when done */
	struct loop_timer *budget;       /* the whole-run deadline */
	struct loop_timer *advance_timer;/* pending chain step, NULL if none */
	bool finished;                   /* every probe is done */
	bool budget_expired;             /* the budget stopped the run */
	int interrupted;                 /* signal number that stopped the run
					    (SIGINT, SIGTERM), 0 if none */
	run_progress_cb on_progress;     /* optional */
	run_done_cb on_done;             /* optional */
	void *cb_arg;                    /* passed to both callbacks */
};

/* Prepare RUN for TARGET (already parsed) on LOOP; no traffic yet. */
int run_init(struct run *run, struct loop *loop, const struct options *opt,
	     const struct target *target);
/* Start the chain; returns at once, the loop does the work. */
void run_start(struct run *run);
/* Stop every probe still running (marked error) and finish the run. */
void run_abort(struct run *run, const char *why);
/* Release everything the run holds. */
void run_free(struct run *run);

/* Find a probe by id, NULL if the chain has none. */
struct probe *run_probe(struct run *run, const char *id);
/* Status of probe ID, PROBE_SKIPPED when it is not in the chain. */
enum probe_status run_probe_status(struct run *run, const char *id);

/* Lazily created shared engines. */
struct curlglue *run_curl(struct run *run);
struct aresglue *run_ares(struct run *run);

/* Per-step deadline in ms (--timeout). */
int run_timeout_ms(const struct run *run);

/* Run the whole chain for TARGET to completion on a private loop and
 * return the report (caller frees).  Used by --report and tests. */
json_t *run_to_report(const struct options *opt, const struct target *t);
/* The same on an existing LOOP that may carry other work (the lab serving
 * in the same process for the demo): iterates LOOP until the run is done,
 * leaving the other watchers in place. */
json_t *run_report_on(struct loop *loop, const struct options *opt,
		      const struct target *t);
/* run_report_on that also stops when *SIGNO becomes nonzero (a watcher
 * on LOOP sets it from a signalfd): the probes still running end as
 * errors "interrupted", the report holds what finished, its verdict is
 * "interrupted" and its "signal" the number (exit code 128 + signal). */
json_t *run_report_until(struct loop *loop, const struct options *opt,
			 const struct target *t, const int *signo);

#endif
