/* ftp_session.h — what the ftp.* probes share: one libcurl FTP session
 * (an easy handle on the run's loop through curlglue) with the options
 * every probe needs, and the command/reply log its debug callback builds,
 * so a probe can say which command got which reply. */
#ifndef SOCKDOC_FTP_SESSION_H
#define SOCKDOC_FTP_SESSION_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "reply.h"
#include "tls_peek.h"

struct probe;
struct loop_timer;
struct curlglue;

#define FTP_MAX_STEPS 48
#define FTP_STEP_TEXT 512
#define FTP_BODY_KEEP 4096
#define FTP_CLOSE_WAIT_MS 500  /* after a refusal: wait this long at most
				* for the server to close the connection */

/* One command and the reply it got (or a reply that came unasked: the
 * greeting, the end of a transfer). */
struct ftp_step {
	char cmd[12];              /* verb sent, "" for an unasked reply */
	char arg[128];             /* its argument when not secret (CWD dir,
				    * STOR/RETR/DELE file), else "" */
	int code;                  /* reply code, 0 when none came */
	char text[FTP_STEP_TEXT];  /* reply text, sanitized, lines joined */
	int64_t sent_us;           /* command sent, CLOCK_MONOTONIC µs */
	int64_t done_us;           /* reply complete, same clock (0: none) */
	int64_t late_ms;           /* the reply came this many ms after the
				    * step deadline (--timeout), 0 in time */
};

/* Security of the control connection. */
enum ftp_sec {
	FTP_SEC_NONE = 0,   /* plain FTP */
	FTP_SEC_EXPLICIT,   /* AUTH TLS on the plain port */
	FTP_SEC_IMPLICIT    /* TLS from the first byte (990) */
};

/* Called when the session's transfer ended. */
struct ftp_session;
typedef void (*ftp_session_cb)(struct ftp_session *s, void *arg);

/* A session; one transfer at a time. */
struct ftp_session {
	struct probe *p;                /* owner (transcript, run) */
	CURL *easy;                     /* the handle, NULL once freed */
	struct curlglue *glue;          /* multi handle it runs on: a probe's
					 * own (ftp_session_keep_alive), or
					 * NULL for the run's */
	struct curl_slist *resolve;     /* host:port:address pin */
	struct curl_slist *quote;       /* commands after login */
	char url[640];                  /* ftp://host:port/path */
	char errbuf[CURL_ERROR_SIZE];   /* curl's last error text */
	struct ftp_step steps[FTP_MAX_STEPS]; /* command/reply log */
	int nsteps;                     /* used entries */
	struct reply_parser rp;         /* assembles replies from the stream */
	struct tls_peek peek;           /* implicit TLS: the server's first
					 * bytes (tls_peek.h) */
	bool endless;                   /* a multi-line reply never ended: it
					   passed REPLY_ENDLESS_LINES/BYTES,
					   or libcurl's header cap; aborted */
	char endless_cmd[12];           /* the command it answered */
	int endless_lines;              /* lines of it we read */
	long long endless_bytes;        /* its bytes (libcurl's count when
					   libcurl stopped it) */
	bool epsv_fallback;             /* curl gave up EPSV's data connection */
	enum ftp_sec sec;               /* security of the control connection */
	int ctrl_fd;                    /* control socket (first one), -1 */
	bool server_closed;             /* the server closed the control
					 * connection after its last reply
					 * (FIN seen before libcurl closed it,
					 * or within FTP_CLOSE_WAIT_MS) */
	int wait_fd;                    /* a dup of the control socket kept
					 * after a refusal to see whether the
					 * server closes it, -1 */
	bool waiting;                   /* wait_fd is on the loop */
	struct loop_timer *wait_timer;  /* bound of that wait */
	bool accepted;                  /* the server connected back (active) */
	bool running;                   /* a transfer is on the multi handle */
	bool reused;                    /* it ran on a control connection an
					 * earlier transfer opened and logged
					 * in (CURLINFO_NUM_CONNECTS 0, or a
					 * log that begins with a command) */
	CURLcode result;                /* result of the last transfer */
	long os_errno;                  /* CURLINFO_OS_ERRNO of it */
	int64_t started;                /* loop ms when it started */
	int64_t ms;                     /* its duration */
	long long body_bytes;           /* bytes received on the data channel */
	char body[FTP_BODY_KEEP + 1];   /* their first bytes */
	size_t body_len;                /* bytes kept in body */
	ftp_session_cb done;            /* completion callback */
	void *arg;                      /* its argument */
	/* Optional, set after ftp_session_init: called with each reply as
	 * it is logged (STEP: its log entry), during the transfer. */
	void (*on_reply)(struct ftp_session *s, const struct ftp_step *step);
	bool no_close_wait;             /* done at once after a reply that
					 * ends the session (a session whose
					 * log nobody judges) */
};

/* Set up S for probe P: security SEC, control PORT, remote PATH ("/"
 * lists the login directory).  Credentials come from the target and the
 * options (anonymous by default), never in the URL; the server address is
 * the one reach found open.  Returns 0 or -1. */
int ftp_session_init(struct ftp_session *s, struct probe *p, enum ftp_sec sec,
		     int port, const char *path);
/* libcurl measures a data connection's connect deadline from the start
 * of the session, so a slow login eats into it: give the session
 * SETUP_MS more (the login time ftp.login measured, at most one step). */
void ftp_session_allow_setup(struct ftp_session *s, long long setup_ms);
/* Run S on the probe's own multi handle GLUE (its connection cache holds
 * one idle connection) and let the control connection outlive this
 * transfer, logged in, for the probe's next transfer (no QUIT, no second
 * connect and login).  FRESH: this transfer opens its own connection
 * anyway (a new data mode: libcurl keeps EPSV/EPRT use per connection;
 * or after a failure, whose connection is not trusted). */
void ftp_session_keep_alive(struct ftp_session *s, struct curlglue *glue,
			    bool fresh);
/* What S does when libcurl closes socket FD of the transfer running:
 * for its control socket, read the replies libcurl left unread and note
 * whether the server closed first; then close FD.  Its own connections
 * call it (CURLOPT_CLOSESOCKETFUNCTION); a connection that several
 * sessions share in turn (ftp_data.c) calls it for the one running,
 * since libcurl keeps the callback of the session that opened it. */
int ftp_session_close_socket(struct ftp_session *s, curl_socket_t fd);
/* Start the transfer; DONE(S, ARG) is called when it ends. */
int ftp_session_start(struct ftp_session *s, ftp_session_cb done, void *arg);
/* Forget the log and results so the handle can run another transfer. */
void ftp_session_reset_log(struct ftp_session *s);
/* Abort a running transfer and free everything (idempotent). */
void ftp_session_free(struct ftp_session *s);
/* The state destructor (probe_state_new) of the ftp.* probes, whose state
 * begins with its struct ftp_session: frees that session. */
void ftp_session_state_dtor(void *state);

/* First step that sent verb CMD, or NULL. */
const struct ftp_step *ftp_session_find(const struct ftp_session *s,
					const char *cmd);
/* The unasked reply right after the step AFTER (end of a transfer), or
 * NULL. */
const struct ftp_step *ftp_session_next_unasked(const struct ftp_session *s,
						const struct ftp_step *after);
/* The first refusal (code >= 400) in the log, or NULL. */
const struct ftp_step *ftp_session_first_error(const struct ftp_session *s);

/* The control connection's peer address (after a transfer started). */
bool ftp_session_peer(const struct ftp_session *s,
		      struct sockaddr_storage *ss);

/* Token for how a (data) connection failed, from the session's result and
 * errno: "ok", "refused", "reset", "unreachable", "filtered" (no answer in
 * time), "tls", "error". */
const char *ftp_session_conn_failure(const struct ftp_session *s);

/* Milliseconds (fractional) of a step of S's log: "login" (USER sent to
 * the reply that ended the login, 230) or "handshake" (the 234 to AUTH
 * TLS to the next command, which libcurl sends once TLS is up); -1 when
 * the log does not show it. */
double ftp_session_step_ms(const struct ftp_session *s, const char *step);
/* The peer certificate's validity end from libcurl's CURLINFO_CERTINFO
 * (collected during the handshake, readable until the session is freed):
 * seconds from now into *EXPIRES_IN_S (negative: expired), the date text
 * into NOT_AFTER.  False when the session had no TLS or no such field. */
bool ftp_session_cert_expiry(const struct ftp_session *s,
			     long long *expires_in_s, char *not_after,
			     size_t size);
/* The log as a JSON array of {"cmd", "code", "text"} (new reference). */
json_t *ftp_session_log_json(const struct ftp_session *s);

/* Per-step deadline in ms for P's run. */
int ftp_step_ms(const struct probe *p);
/* True when the banner probe saw no FTP greeting at all on the target
 * port (silence, a reset, another protocol) and the client is not set to
 * implicit TLS: then a login cannot work, and only the TLS modes are
 * worth trying.  Fills WHY with the banner's result token.  Reads the
 * banner's run->facts. */
bool ftp_no_greeting(struct probe *p, const char **why);
/* How long ftp.login's session took in P's run (0 when unknown;
 * run->facts.ftp_login_ms). */
long long ftp_login_ms(struct probe *p);

#endif
