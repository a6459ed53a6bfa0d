/* smtp_dialog.h — sockdoc's own SMTP client dialogue on the event loop,
 * for what libcurl cannot show or do: stop with RSET after RCPT (no byte
 * of a message sent), try each AUTH mechanism in turn (RFC 4954), ask a
 * second RCPT (the relay question), see a reply that arrives after the
 * deadline, and tell how a TLS handshake fails (no bytes, alert, reset,
 * version).  TCP through tcpconn, TLS through OpenSSL directly (STARTTLS,
 * RFC 3207, or implicit TLS, RFC 8314), replies through the bounded
 * reply parser (RFC 5321 4.2).  Secrets (the AUTH blobs) are never
 * recorded: the transcript gets a fixed marker instead. */
#ifndef SOCKDOC_SMTP_DIALOG_H
#define SOCKDOC_SMTP_DIALOG_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "reply.h"

struct probe;
struct sdlg;

#define SDLG_MAX_STEPS 12
#define SDLG_MAX_EXCH 16

/* What a step sends. */
enum sdlg_kind {
	SD_EHLO = 0,  /* EHLO name (falls back to HELO when refused) */
	SD_HELO,      /* HELO name */
	SD_STARTTLS,  /* STARTTLS, the handshake, then EHLO again */
	SD_AUTH,      /* AUTH mechanism (PLAIN, LOGIN, CRAM-MD5,
			 SCRAM-SHA-1, SCRAM-SHA-256) */
	SD_MAIL,      /* MAIL FROM:<arg> [SIZE=n] */
	SD_RCPT,      /* RCPT TO:<arg>; a refusal does not end the dialogue */
	SD_DATA,      /* DATA, the body on 354, the reply after "." */
	SD_RSET,      /* RSET: the transaction is abandoned */
	SD_QUIT       /* QUIT (the reply is not waited for) */
};

/* One step of the plan. */
struct sdlg_step {
	enum sdlg_kind kind;  /* what to send */
	const char *arg;      /* address, name or mechanism (not copied) */
};

/* One reply and the step it answers. */
struct sdlg_exch {
	char step[16];        /* "greeting", "EHLO", "AUTH", "DATA-END"... */
	char arg[128];        /* the argument sent (never a secret) */
	char mech[24];        /* AUTH mechanism */
	int code;             /* reply code, 0 when none came */
	char enh[16];         /* enhanced status code, "" none */
	char text[512];       /* the reply's lines joined by ' ', sanitized */
	int64_t late_ms;      /* the reply came this long after the deadline */
	bool closed;          /* the server closed after it (or instead) */
	const char *fail;     /* NULL, or "timeout", "closed", "reset",
				 "malformed", "error" when no good reply;
				 "bad_server_proof": SCRAM's server
				 signature did not verify */
};

/* How the TLS handshake went. */
struct sdlg_tls {
	bool tried;           /* a handshake started */
	bool up;              /* it completed */
	char result[16];      /* "ok", "no_bytes", "stalled", "alert",
				 "reset", "closed", "version", "verify",
				 "error" */
	char version[16];     /* negotiated ("TLSv1.2") */
	char cipher[64];      /* negotiated cipher */
	char alert[64];       /* alert the server sent ("protocol version") */
	char error[160];      /* OpenSSL's first error, sanitized */
	long bytes_in;        /* bytes the server sent during the handshake */
	int64_t ms;           /* how long it took */
	int mss;              /* the MSS the connection sent with at the
				 handshake's end (TCP_INFO tcpi_snd_mss),
				 0 unknown */
};

/* Called once at the end; the dialogue is still readable then. */
typedef void (*sdlg_cb)(struct sdlg *d, void *arg);

/* What to do; filled by the caller (strings not copied, must outlive
 * the dialogue). */
struct sdlg_cfg {
	const char *label;            /* transcript tag ("auth-tls/LOGIN") */
	const char *host;             /* SNI and certificate name */
	const struct sockaddr *sa;    /* address and port */
	bool implicit;                /* TLS from the first byte */
	bool verify;                  /* verify chain and name (required
					 before AUTH is sent over TLS) */
	const char *cacert;           /* extra CA bundle, NULL none */
	int tls_min;                  /* lowest version (TLS1_VERSION...), 0:
					 OpenSSL's default */
	bool seclevel0;               /* allow old ciphers (measurement only) */
	bool stop_after_tls;          /* end once the handshake is judged */
	int mss;                      /* >0: TCP_MAXSEG (bytes) before the
					 connect, direct path only (the pmtu
					 probe's small-MSS retry) */
	const char *ehlo;             /* the EHLO/HELO name */
	const char *user;             /* AUTH user */
	const char *password;         /* AUTH password (never recorded) */
	long long size;               /* SIZE= at MAIL, 0: none */
	const char *body;             /* message for SD_DATA */
	int timeout_ms;               /* per step; a late reply gets as long
					 again once */
	struct sdlg_step steps[SDLG_MAX_STEPS]; /* the plan, in order */
	int nsteps;                   /* used entries */
};

/* A dialogue (opaque parts inside). */
struct sdlg {
	struct probe *probe;          /* owner: transcript lines */
	struct sdlg_cfg cfg;          /* copy of the configuration */
	struct sdlg_exch ex[SDLG_MAX_EXCH]; /* replies in order */
	int nex;                      /* used entries */
	struct sdlg_tls tls;          /* the handshake, when one ran */
	char ehlo_text[REPLY_TEXT_MAX]; /* the last 250 EHLO reply, '\n' */
	char ehlo[128];               /* the EHLO name sent (cfg.ehlo or
					 smtp_ehlo_name()) */
	const char *end;              /* "ok", "refused", "timeout", "closed",
					 "reset", "connect_failed", "tls",
					 "malformed", "error" */
	int conn_err;                 /* errno of a failed connect */
	int64_t ms;                   /* whole dialogue */
	bool finished;                /* the callback ran */
	struct sdlg_io *io;           /* sockets, parser, timers */
};

/* Start D for probe P; CB runs once at the end (never from inside this
 * call).  Returns 0, or -1 when no socket could be made (D->end set). */
int sdlg_start(struct sdlg *d, struct probe *p, const struct sdlg_cfg *cfg,
	       sdlg_cb cb, void *arg);
/* Stop a running dialogue without its callback; frees what it holds. */
void sdlg_stop(struct sdlg *d);

/* Append a step to CFG's plan (ignored when full). */
void sdlg_plan(struct sdlg_cfg *cfg, enum sdlg_kind kind, const char *arg);
/* The first exchange of STEP (the last when LAST), NULL when none. */
const struct sdlg_exch *sdlg_find(const struct sdlg *d, const char *step,
				  bool last);
/* Every 4xx/5xx, malformed, late or cut-off reply of D into P's
 * "refusals" (probe_add_refusal), with mechanism/late_ms/closed. */
void sdlg_refusals(const struct sdlg *d, struct probe *p);
/* D as JSON: label, security, end, ms, replies[], tls{}. */
json_t *sdlg_json(const struct sdlg *d);

#endif
