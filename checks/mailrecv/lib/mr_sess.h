/* mr_sess.h — one POP3 (RFC 1939, 2449, 2595, 5034) or IMAP (RFC 9051,
 * 3501, 2595) dialogue on a raw connection (mr_conn.h): greeting, the
 * capability list, STLS/STARTTLS or implicit TLS, one login method, a
 * read-only look at the mailbox (POP3 STAT, IMAP EXAMINE INBOX: nothing
 * is changed), then QUIT/LOGOUT.  Every answer is recorded with the step
 * it answers, its status (+OK/-ERR, OK/NO/BAD/BYE) and its bracketed
 * response code.  The password is sent only inside the login commands and
 * never recorded: the transcript shows a fixed marker instead. */
#ifndef SOCKDOC_MR_SESS_H
#define SOCKDOC_MR_SESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "mr_caps.h"
#include "mr_conn.h"
#include "tls_facts.h" /* struct tls_facts: the TLS facts, shared */

struct probe;
struct mr_sess;

#define MR_MAX_EXCH 20
/* The least a login answer (and STAT/EXAMINE) is waited for, whatever
 * --timeout says: servers delay refusals on purpose (Dovecot's auth
 * penalty grows to 15 s) and wait for a mailbox lock (Dovecot's POP3
 * session lock: about 12 s before "-ERR [IN-USE]"); a mail client waits
 * that long too (Outlook's server timeout starts at one minute). */
#define MR_LOGIN_WAIT_MS 16000
#define MR_TEXT 400

/* The receiving protocol. */
enum mr_proto { MR_POP3 = 0, MR_IMAP };

/* Security of a session. */
enum mr_sec {
	MR_SEC_PLAIN = 0,     /* no TLS */
	MR_SEC_STARTTLS_TRY,  /* STLS/STARTTLS when offered, else plain */
	MR_SEC_STARTTLS,      /* STLS/STARTTLS required */
	MR_SEC_IMPLICIT       /* TLS from the first byte (RFC 8314) */
};

/* How far to go. */
enum mr_goal {
	MR_GOAL_CAPS = 0, /* greeting, capabilities, TLS, capabilities */
	MR_GOAL_LOGIN,    /* ... and log in */
	MR_GOAL_CHECK     /* ... and STAT / EXAMINE INBOX */
};

/* One answer and the command it answers. */
struct mr_exch {
	char step[16];     /* "greeting", "CAPA", "STLS", "USER", "PASS",
			      "AUTH", "CAPABILITY", "STARTTLS", "LOGIN",
			      "AUTHENTICATE", "STAT", "EXAMINE", "QUIT",
			      "LOGOUT" */
	char mech[24];     /* SASL mechanism of AUTH/AUTHENTICATE, "" */
	char arg[64];      /* non-secret argument ("INBOX", the user), "" */
	char status[12];   /* "+OK", "-ERR", "OK", "NO", "BAD", "BYE",
			      "PREAUTH"; "" when no answer came */
	char code[32];     /* response code atom ("IN-USE",
			      "AUTHENTICATIONFAILED"), "" none */
	char text[MR_TEXT];/* the answer's text after the status, sanitized */
};

/* Called once when the session ended (outcome in s->outcome). */
typedef void (*mr_sess_cb)(struct mr_sess *s, void *arg);

/* What to do; filled by the caller before mr_sess_start. */
struct mr_sess_cfg {
	const char *label;         /* transcript tag: "995/implicit" */
	enum mr_proto proto;       /* POP3 or IMAP */
	const char *host;          /* SNI and certificate name */
	const struct sockaddr *sa; /* address with the port set */
	enum mr_sec sec;           /* security */
	const char *cacert;        /* extra CA bundle, NULL none */
	int timeout_ms;            /* per step */
	enum mr_goal goal;         /* how far */
	const char *mech;          /* SASL mechanism ("PLAIN", "LOGIN");
				      NULL: USER/PASS (POP3), LOGIN (IMAP) */
	const char *user;          /* login name */
	const char *password;      /* secret (not copied, never recorded) */
	bool need_verified;        /* over TLS, send no credentials unless
				      the certificate verified */
};

/* A session. */
struct mr_sess {
	struct probe *probe;       /* owner, for transcript lines */
	struct mr_sess_cfg cfg;    /* copy of the configuration */
	struct mr_conn conn;       /* the connection */
	int state;                 /* private: where the dialogue is */
	int tag;                   /* IMAP tag counter */
	int auth_turn;             /* SASL continuations answered */
	struct mr_exch cur;        /* the answer being read */
	bool multi;                /* POP3 multi-line answer in progress */
	struct mr_exch ex[MR_MAX_EXCH]; /* answers in order */
	int nex;                   /* used entries */
	struct mr_caps caps;       /* the list before TLS (or implicit) */
	struct mr_caps caps_tls;   /* the list after STLS/STARTTLS */
	bool greeted;              /* +OK / * OK / * PREAUTH came */
	bool preauth;              /* IMAP PREAUTH: logged in already */
	struct tls_facts tls;       /* TLS facts (tls.up once a handshake) */
	bool tls_started;          /* a handshake was begun */
	bool logged_in;            /* the login succeeded */
	bool checked;              /* STAT / EXAMINE succeeded */
	long long messages;        /* STAT count / EXISTS, -1 unknown */
	long long octets;          /* STAT size, -1 unknown */
	bool read_only;            /* EXAMINE answered [READ-ONLY] */
	char alert[MR_TEXT];       /* last IMAP [ALERT] text, "" none */
	char outcome[24];          /* see mr_sess_outcome_doc */
	char fail_step[16];        /* step whose answer ended it, "" */
	int64_t t0;                /* loop ms at start */
	int64_t total_ms;          /* whole session */
	bool running;              /* started, not finished */
	struct loop_timer *defer;  /* pending report of a failed start */
	mr_sess_cb cb;             /* completion */
	void *cb_arg;              /* its argument */
};

/* Outcome tokens: "ok", "refused", "unreachable", "connect_timeout",
 * "connect_failed", "reset", "closed", "timeout", "overlong", "local",
 * "no_greeting", "greeting_refused", "wrong_protocol", "tls_handshake",
 * "starttls_unavailable", "starttls_refused", "tls_unverified",
 * "login_disabled", "mech_unavailable", "login_denied", "requires_tls",
 * "in_use", "login_delay", "unavailable", "check_failed",
 * "protocol_error", "no_credentials"; a probe that stops a session it
 * no longer needs marks it "not_needed".  "wrong_protocol" is another
 * protocol's greeting line, or (implicit TLS) another protocol's bytes
 * where the first TLS record was due (mr_sess_foreign). */

/* Start S with CFG for probe P; CB runs once at the end (never from
 * inside this call).  Returns 0, or -1 when no socket could be made (CB
 * still runs, outcome "local"). */
int mr_sess_start(struct mr_sess *s, struct probe *p,
		  const struct mr_sess_cfg *cfg, mr_sess_cb cb, void *arg);
/* Stop a running session without its callback. */
void mr_sess_stop(struct mr_sess *s);
/* The answer to STEP (the last one when LAST), NULL when none. */
const struct mr_exch *mr_sess_find(const struct mr_sess *s, const char *step,
				   bool last);
/* The capability list that applies last (after TLS when there was). */
const struct mr_caps *mr_sess_caps(const struct mr_sess *s);
/* The evidence of one session as JSON: label, security, outcome,
 * timing, greeting, capabilities, TLS facts, every answer, and
 * "wrong_protocol" (mr_sess_foreign_json) when implicit TLS met another
 * protocol. */
json_t *mr_sess_json(const struct mr_sess *s);
/* Append every refusal of S (-ERR, NO, BAD, BYE; not a -ERR to CAPA,
 * which an RFC 1939 server may give) to P's details' "refusals"
 * (refusal.h), with "status", "resp_code" and "protocol" besides. */
void mr_sess_refusals(struct probe *p, const struct mr_sess *s);
/* Implicit TLS that met another protocol where the server's first TLS
 * record was due (an SSH banner, an HTTP answer; tls_peek.h): its name
 * ("SSH", "HTTP"; "IMAP" on a POP3 session), NULL otherwise (a greeting
 * of the session's own protocol is a security mode mismatch). */
const char *mr_sess_foreign(const struct mr_sess *s);
/* {"protocol", "sniff", "raw", "where": "tls"} of mr_sess_foreign, NULL
 * when none (new reference). */
json_t *mr_sess_foreign_json(const struct mr_sess *s);
/* Token for a security mode ("plain", "starttls", "implicit"). */
const char *mr_sec_name(enum mr_sec sec);
/* Token for the protocol ("pop3", "imap"). */
const char *mr_proto_name(enum mr_proto proto);

#endif
