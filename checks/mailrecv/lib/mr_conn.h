/* mr_conn.h — one raw text-line connection on the event loop for the
 * receiving-mail probes: a TCP connect (tcpconn), an optional OpenSSL
 * client handshake (implicit TLS from the first byte, or later after
 * STLS / STARTTLS, RFC 2595), bounded CRLF lines in, whole lines out.
 * Everything the server sends is hostile: lines are cut at MR_LINE_MAX
 * bytes and the whole session reads at most MR_READ_MAX bytes. */
#ifndef SOCKDOC_MR_CONN_H
#define SOCKDOC_MR_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "loop.h"
#include "tls_peek.h" /* struct tls_peek: bytes where TLS was due */

#define MR_LINE_MAX 1024       /* bytes kept of one line (rest dropped) */
#define MR_READ_MAX (256 * 1024) /* bytes read per connection at most */

struct mr_conn;

/* What happened on the connection. */
enum mr_event {
	MR_EV_CONNECTED = 0, /* TCP handshake done (err 0) */
	MR_EV_TLS_UP,        /* the TLS handshake completed */
	MR_EV_LINE,          /* c->line holds one line, no CRLF */
	MR_EV_FAIL           /* it ended: see c->fail and c->err */
};

/* Why the connection ended. */
enum mr_fail {
	MR_FAIL_NONE = 0,
	MR_FAIL_CONNECT,   /* connect failed: c->err is the errno */
	MR_FAIL_CLOSED,    /* the server closed (FIN) */
	MR_FAIL_RESET,     /* ECONNRESET or another read/write errno */
	MR_FAIL_TIMEOUT,   /* nothing came within the step's deadline */
	MR_FAIL_TLS,       /* the TLS handshake failed: c->tls_error */
	MR_FAIL_OVERLONG,  /* more than MR_READ_MAX bytes */
	MR_FAIL_LOCAL      /* no socket, no memory, no SSL context */
};

/* Called for every event; after MR_EV_FAIL nothing more comes. */
typedef void (*mr_conn_cb)(struct mr_conn *c, enum mr_event ev, void *arg);

/* A connection. */
struct run;

struct mr_conn {
	struct loop *loop;          /* the run's loop (not owned) */
	struct run *run;            /* its path: proxy, source, client
				       certificate (netpath.h) */
	struct tcpconn *tc;         /* the connect in progress or done */
	int fd;                     /* the socket once connected, else -1 */
	void *ssl_ctx;              /* SSL_CTX *, NULL without TLS */
	void *ssl;                  /* SSL *, NULL without TLS */
	bool handshaking;           /* SSL_connect not finished */
	char buf[MR_LINE_MAX + 1];  /* the line being assembled */
	size_t nbuf;                /* bytes in buf */
	bool cut;                   /* the current line is longer than kept */
	char line[MR_LINE_MAX + 1]; /* the last complete line (for the cb) */
	size_t total;               /* bytes read so far */
	int timeout_ms;             /* deadline of each step */
	struct loop_timer *timer;   /* the running deadline, NULL none */
	int64_t t0;                 /* loop ms at start */
	int64_t connect_ms;         /* TCP handshake time, -1 before */
	enum mr_fail fail;          /* why it ended */
	int err;                    /* errno of a connect/read failure */
	char tls_error[200];        /* OpenSSL's reason, sanitized */
	struct tls_peek peek;       /* the server's first bytes where the
				       first TLS record was due, kept when
				       the handshake failed (tls_peek.h) */
	bool closed;                /* ended; no more events */
	mr_conn_cb cb;              /* events go here */
	void *arg;                  /* its argument */
};

/* Connect C to SA on RUN's loop the run's way (netpath.h: direct or
 * through its proxy); every step waits at most TIMEOUT_MS.  Events go to
 * CB (never from inside this call).  Returns 0, -1 with errno. */
int mr_conn_start(struct mr_conn *c, struct run *run,
		  const struct sockaddr *sa, int timeout_ms, mr_conn_cb cb,
		  void *arg);
/* Start a TLS client handshake over the connection: SNI and the name
 * check use HOST, CACERT (NULL: none) is trusted besides the system's.
 * The chain is verified but not enforced (SSL_get_verify_result tells).
 * MR_EV_TLS_UP or MR_EV_FAIL follows.  Returns 0 or -1 (MR_FAIL_LOCAL). */
int mr_conn_starttls(struct mr_conn *c, const char *host, const char *cacert);
/* Send LINE plus CRLF (plain or over TLS) and arm the deadline; -1 when
 * the write failed (an MR_EV_FAIL follows from the loop). */
int mr_conn_send(struct mr_conn *c, const char *line);
/* The OpenSSL connection (SSL *) once TLS is up, else NULL. */
void *mr_conn_ssl(const struct mr_conn *c);
/* Stop everything and close the socket; no more events.  Safe twice. */
void mr_conn_close(struct mr_conn *c);
/* Stable token of a failure: "refused", "unreachable", "connect_timeout",
 * "closed", "reset", "timeout", "tls_handshake", "overlong", "local". */
const char *mr_fail_name(const struct mr_conn *c);

#endif
