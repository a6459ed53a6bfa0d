/* trial_sess.h — a raw line-protocol session for the trials: connect with
 * a deadline, read SMTP/FTP replies, send command lines, and tell a clean
 * close (FIN) from a reset (RST).  The concurrency, half-close and idle
 * trials and the watch mode's held connection are built on it. */
#ifndef SOCKDOC_TRIAL_SESS_H
#define SOCKDOC_TRIAL_SESS_H

#include <stdint.h>
#include <sys/socket.h>

#include "loop.h"
#include "reply.h"

struct tsess;

/* What happened on a session. */
enum tsess_event {
	TSESS_REPLY = 0,   /* a complete reply arrived (R is set) */
	TSESS_CLOSED,      /* the server closed (recv returned 0: FIN) */
	TSESS_RESET,       /* the connection was reset (ECONNRESET) */
	TSESS_ERROR,       /* another socket error (ERR is set) */
	TSESS_TIMEOUT,     /* no reply within the armed deadline */
	TSESS_CONNFAIL     /* the connect failed (ERR is set) */
};

/* Called for each event; the callback may free the session. */
typedef void (*tsess_cb)(struct tsess *s, enum tsess_event ev,
			 const struct reply *r, int err, void *arg);

/* Connect to SA the run's way (netpath.h: direct or via its proxy); the greeting arrives as the first TSESS_REPLY, with a
 * deadline of TIMEOUT_MS armed for it.  NULL with errno when no socket. */
struct run;
struct netpath;
struct tsess *tsess_open(struct run *run, const struct sockaddr *sa,
			 int timeout_ms, tsess_cb cb, void *arg);
/* The same on LOOP through the path NP (watch's held connection). */
struct tsess *tsess_open_np(struct loop *loop, struct netpath *np,
			    const struct sockaddr *sa, int timeout_ms,
			    tsess_cb cb, void *arg);
/* Send LINE plus CRLF and arm a reply deadline of TIMEOUT_MS (0: none).
 * Returns 0 or -errno (EPIPE / ECONNRESET after the peer went away). */
int tsess_send(struct tsess *s, const char *line, int timeout_ms);
/* Arm (TIMEOUT_MS > 0) or disarm (0) the reply deadline. */
void tsess_deadline(struct tsess *s, int timeout_ms);
/* The socket, -1 before the connection is up. */
int tsess_fd(const struct tsess *s);
/* Milliseconds since the last command was sent (or since the greeting). */
int64_t tsess_idle_ms(const struct tsess *s);
/* Milliseconds since tsess_open. */
int64_t tsess_age_ms(const struct tsess *s);
/* True while the connection is up and not closed by the server. */
int tsess_alive(const struct tsess *s);
/* Close and free (safe from inside the callback; NULL allowed). */
void tsess_free(struct tsess *s);

/* Token for an event ("reply", "closed", "reset"...). */
const char *tsess_event_name(enum tsess_event ev);

#endif
