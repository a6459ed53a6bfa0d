/* smtp_session.h — one libcurl SMTP session on the event loop, observed
 * through the debug callback: every reply paired with the command it
 * answers, the TLS facts (version, cipher, peer certificate), and a
 * classified outcome.  Secrets (AUTH lines and their continuations) are
 * replaced before anything is recorded. */
#ifndef SOCKDOC_SMTP_SESSION_H
#define SOCKDOC_SMTP_SESSION_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "reply.h"     /* enum sniff: what a greeting line is */
#include "tls_facts.h" /* struct tls_facts: the TLS facts of a session */
#include "tls_peek.h"  /* struct tls_peek: bytes where TLS was due */

struct probe;
struct smtp_sess;

#define SMTP_SESS_MAX_EXCH 24
#define SMTP_SESS_TEXT 512
/* A multi-line reply longer than this never ends in practice (Postfix
 * sends about 12 EHLO lines): the session is ended and named
 * "endless_reply" instead of waiting for the timeout. */
#define SMTP_SESS_MAX_REPLY_LINES 1000
#define SMTP_SESS_MAX_REPLY_BYTES (256 * 1024)

/* Security of a session. */
enum smtp_sec {
	SEC_PLAIN = 0,    /* no TLS at all */
	SEC_STARTTLS_TRY, /* STARTTLS when offered, else plain */
	SEC_STARTTLS,     /* STARTTLS required */
	SEC_IMPLICIT      /* TLS from the first byte (smtps://, RFC 8314) */
};

/* One reply and the command it answers. */
struct smtp_exch {
	char cmd[24];               /* verb sent ("" = greeting, "AUTH PLAIN") */
	int code;                   /* reply code, 0 when none came */
	char enh[16];               /* enhanced status code ("5.7.1"), "" none */
	char text[SMTP_SESS_TEXT];  /* reply lines without codes, '\n' joined */
	bool malformed;             /* a line without a reply code (RFC 5321
				       4.2): code 0, the line in text */
};

/* Called once when the session ended (result in s->result). */
typedef void (*smtp_sess_cb)(struct smtp_sess *s, void *arg);

/* What to do; filled by the caller before smtp_sess_start. */
struct smtp_sess_cfg {
	const char *label;          /* transcript tag: "587/starttls" */
	const char *host;           /* name for SNI and the certificate check */
	const struct sockaddr *sa;  /* address to connect to (port set) */
	enum smtp_sec sec;          /* security */
	bool verify;                /* verify peer chain and host name */
	const char *cacert;         /* CA bundle, NULL for the system's */
	const char *command;        /* custom command ("NOOP", "HELP") */
	const char *user;           /* AUTH user, NULL for none */
	const char *password;       /* AUTH password (not copied, not logged) */
	const char *mail_from;      /* envelope: an upload when set */
	const char *rcpt;           /* envelope recipient */
	const char *body;           /* message for a real send, NULL: stop at
				       the body (nothing delivered) */
	long long size;             /* SIZE= to declare for the upload */
	int timeout_ms;             /* per step (connect, each reply) */
	int connect_timeout_ms;     /* the connect alone; 0: timeout_ms */
	const char *ehlo;           /* EHLO name, NULL: smtp_ehlo_name() */
};

/* A session. */
struct smtp_sess {
	struct probe *probe;        /* owner, for transcript lines */
	struct smtp_sess_cfg cfg;   /* copy of the configuration */
	CURL *easy;                 /* NULL once finished and cleaned */
	struct curl_slist *rcpts;   /* recipient list for libcurl */
	struct curl_slist *connect_to; /* CONNECT_TO mapping */
	char url[512];              /* smtp(s)://host:port/EHLO-NAME */
	char ehlo[128];             /* the EHLO name sent (URL path) */
	char errbuf[CURL_ERROR_SIZE]; /* libcurl's error text */
	size_t body_off;            /* bytes of body handed to libcurl */
	/* observations */
	struct smtp_exch ex[SMTP_SESS_MAX_EXCH]; /* replies in order */
	int nex;                    /* used entries */
	char cur_cmd[24];           /* verb of the last command sent */
	bool in_reply;              /* a multi-line reply is in progress (at
				       the end: it never got its last line) */
	int reply_lines;            /* lines of the reply in progress */
	size_t reply_bytes;         /* its bytes */
	bool endless;               /* it passed a SMTP_SESS_MAX_REPLY_* cap:
				       the session was aborted */
	char endless_cmd[24];       /* the command it answered */
	enum sniff foreign;         /* the greeting's first line (or, with
				       implicit TLS, the bytes where the
				       handshake was due) named another
				       protocol (SNIFF_SSH...): the session
				       was ended; SNIFF_EMPTY none */
	bool foreign_tls;           /* it came where TLS was due */
	char foreign_raw[SMTP_SESS_TEXT]; /* those bytes, sanitized */
	struct tls_peek peek;       /* implicit TLS: the server's first
				       bytes (tls_peek.h) */
	bool in_auth;               /* AUTH exchange: redact what we send */
	bool tls_pending;           /* STARTTLS accepted, handshake next */
	struct tls_facts tls;        /* TLS facts */
	bool hs_done;               /* libcurl reported the handshake done */
	bool cert_requested;        /* the server asked for a client cert */
	char alert[96];             /* last TLS alert received, sanitized */
	bool running;               /* handed to libcurl, not finished */
	bool dropped;               /* stopped by smtp_sess_drop */
	bool finished;              /* the done callback ran */
	CURLcode result;            /* libcurl's result */
	long os_errno;              /* CURLINFO_OS_ERRNO */
	int64_t connect_us;         /* CURLINFO_CONNECT_TIME_T, 0: no TCP */
	long verify_result;         /* CURLINFO_SSL_VERIFYRESULT (X509 code) */
	int64_t total_ms;           /* whole session */
	/* Step times on CLOCK_MONOTONIC in microseconds since the session
	 * started, -1 until seen (smtp_sess_step_ms reads them). */
	int64_t t0_us;              /* the session's start (absolute) */
	int64_t greeting_us;        /* the greeting reply complete */
	int64_t ehlo_sent_us;       /* the first EHLO sent */
	int64_t ehlo_us;            /* its reply complete */
	int64_t tls_start_us;       /* 220 to STARTTLS (implicit: connect) */
	int64_t tls_done_us;        /* libcurl reported the handshake done */
	smtp_sess_cb cb;            /* completion */
	void *cb_arg;               /* its argument */
};

/* Start S with CFG for probe P; CB runs once at the end (maybe before
 * this returns when libcurl refuses at once).  Returns 0 or -1. */
int smtp_sess_start(struct smtp_sess *s, struct probe *p,
		    const struct smtp_sess_cfg *cfg, smtp_sess_cb cb,
		    void *arg);
/* Abort a running session without its callback and free its handle. */
void smtp_sess_stop(struct smtp_sess *s);
/* Stop a running session whose answer is no longer needed (the other
 * session of a probe settled the question): its outcome becomes
 * "not_needed"; no callback. */
void smtp_sess_drop(struct smtp_sess *s);

/* The first reply answering a command whose verb starts with CMD ("" is
 * the greeting), the last such reply when LAST; NULL when none. */
const struct smtp_exch *smtp_sess_find(const struct smtp_sess *s,
				       const char *cmd, bool last);
/* True when a greeting with code 220 arrived. */
bool smtp_sess_greeted(const struct smtp_sess *s);
/* Stable token for how the session ended: "ok", "refused",
 * "connect_timeout", "unreachable", "reset", "no_greeting",
 * "tls_handshake", "tls_verify", "login_denied", "rejected", "timeout",
 * "closed", "error", "endless_reply" (a multi-line reply that passed
 * SMTP_SESS_MAX_REPLY_LINES/BYTES), "wrong_protocol" (the greeting was
 * another protocol's: s->foreign), "not_needed" (smtp_sess_drop). */
const char *smtp_sess_outcome(const struct smtp_sess *s);
/* A JSON object with the outcome, errno, error text, timing, TLS facts
 * and the replies: the evidence of one session. */
json_t *smtp_sess_json(const struct smtp_sess *s);
/* Milliseconds (fractional) of one step of S: "greeting" (TCP connected,
 * or with implicit TLS the handshake done, to the end of the greeting), "ehlo" (EHLO sent to its reply) or
 * "handshake" (the TLS handshake); -1 when the step was not seen. */
double smtp_sess_step_ms(const struct smtp_sess *s, const char *step);
/* Token for a security mode ("plain", "starttls", "implicit"). */
const char *smtp_sec_name(enum smtp_sec sec);

/* Split an enhanced status code ("5.7.1 ...") off the reply TEXT into ENH
 * (16 bytes); returns true when there was one. */
bool smtp_enhanced_code(const char *text, char *enh);

#endif
