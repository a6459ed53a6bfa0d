/* smtp_dlgio.h — the transport under smtp_dialog: a TCP connect on the
 * loop, plain or TLS (OpenSSL, non-blocking) reads into the reply parser,
 * one deadline with one late window, and a handshake judged by how it
 * failed (no bytes, alert, reset, version).  Internal to the dialogue. */
#ifndef SOCKDOC_SMTP_DLGIO_H
#define SOCKDOC_SMTP_DLGIO_H

#include <openssl/ssl.h>
#include <stdbool.h>
#include <stdint.h>

#include "loop.h"
#include "reply.h"
#include "smtp_dialog.h"
#include "smtp_sasl.h"
#include "tcpconn.h"

/* What the transport tells the dialogue. */
enum dlgio_ev {
	DIO_CONNECTED = 0, /* TCP is up (err 0) or failed (err = errno) */
	DIO_REPLY,         /* a complete reply (r) */
	DIO_LATE,          /* the deadline passed; waiting once more */
	DIO_TIMEOUT,       /* the late window passed too */
	DIO_CLOSED,        /* the server closed (FIN / TLS close) */
	DIO_RESET,         /* ECONNRESET */
	DIO_MALFORMED,     /* bytes that are not an SMTP reply */
	DIO_TLS_DONE,      /* the handshake ended; see d->tls */
	DIO_ERROR          /* another socket error (err) */
};

/* The transport state of one dialogue. */
struct sdlg_io {
	struct loop *loop;         /* the run's loop */
	struct sdlg *d;            /* the dialogue it serves */
	struct tcpconn *conn;      /* owns the socket */
	int fd;                    /* the socket once connected, else -1 */
	SSL_CTX *ctx;              /* TLS context, NULL before TLS */
	SSL *ssl;                  /* TLS session, NULL before TLS */
	bool hs;                   /* a handshake is in progress */
	int64_t hs_t0;             /* loop_now when it started */
	struct reply_parser rp;    /* reply being assembled */
	struct loop_timer *timer;  /* the deadline */
	struct loop_timer *finish; /* the deferred end (callback) */
	bool late;                 /* in the late window */
	int64_t deadline_at;       /* loop_now when the deadline passed */
	bool ended;                /* no more events */
	/* dialogue state (smtp_dialog.c) */
	int step;                  /* index in the plan, -1: greeting */
	int cur;                   /* exchange waiting for a reply, -1 none */
	int phase;                 /* AUTH continuation / post-TLS EHLO */
	bool helo_tried;           /* EHLO refused, HELO sent */
	struct sasl_scram scram;   /* a SCRAM exchange in progress */
	bool stopped;              /* ended early on a refusal */
	sdlg_cb cb;                /* owner's callback */
	void *cb_arg;              /* its argument */
};

/* The dialogue's event handler (smtp_dialog.c). */
void sdlg_event(struct sdlg_io *io, enum dlgio_ev ev, const struct reply *r,
		int err);

/* Connect to the configured address; events follow. 0 or -errno. */
int dlgio_connect(struct sdlg_io *io);
/* Send LINE + CRLF; LOG (NULL: LINE) goes to the transcript.  Arms the
 * reply deadline.  0 or -errno. */
int dlgio_send(struct sdlg_io *io, const char *line, const char *log);
/* Send RAW bytes as they are (the message body), no deadline. */
int dlgio_write(struct sdlg_io *io, const char *raw, size_t len);
/* Start the TLS handshake on the connected socket (DIO_TLS_DONE later). */
void dlgio_tls_begin(struct sdlg_io *io);
/* Arm the reply deadline (--timeout, then once more late). */
void dlgio_deadline(struct sdlg_io *io);
/* Stop every watch and timer, close the socket, free TLS. */
void dlgio_close(struct sdlg_io *io);

#endif
