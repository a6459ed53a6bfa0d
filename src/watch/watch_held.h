/* watch_held.h — the connection the watch keeps open across rounds: a
 * NOOP each round; a close or reset is recorded with its time, and a
 * fresh connection is opened at the next round. */
#ifndef SOCKDOC_WATCH_HELD_H
#define SOCKDOC_WATCH_HELD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "loop.h"
#include "netpath.h"

struct tsess;
struct tcpconn;

#define HELD_LOST_KEPT 64 /* losses kept in full (bounded memory) */

/* The held connection's state. */
struct held {
	struct loop *loop;            /* the watch's loop */
	struct sockaddr_storage sa;   /* where it connects */
	struct netpath path;          /* how (proxy, source): netpath.h */
	bool have_addr;               /* sa is set */
	int timeout_ms;               /* per step */
	struct tsess *s;              /* the session, NULL between lives */
	bool raw;                     /* tcp://: no protocol, no NOOP: the
				       * connection is held silent, with TCP
				       * keep-alive (watch_held_raw.c) */
	struct tcpconn *conn;         /* raw: the held connection, NULL
				       * between lives */
	bool raw_up;                  /* raw: the handshake completed */
	bool greeted;                 /* the greeting arrived */
	bool pending;                 /* a NOOP awaits its reply */
	int round;                    /* current round (1-based) */
	int64_t t0;                   /* watch start (monotonic ms) */
	int64_t opened_ms;            /* when this life began (since t0) */
	const char *state;            /* this round: ok|new|wait|reset|closed|timeout|error|none */
	json_t *lost;                 /* [{round, at_ms, event, held_ms}], the
				       * last HELD_LOST_KEPT */
	long long nlost;              /* losses in all, kept or not */
};

/* Prepare H (no connection yet). */
void held_init(struct held *h, struct loop *loop, int timeout_ms, int64_t t0);
/* Begin round ROUND: NOOP on the live connection or open a new one.
 * Never a NOOP while the greeting or the last NOOP is awaited (state
 * "wait"): the caller waits for held_busy to clear first. */
void held_round(struct held *h, int round);
/* True while a NOOP or the greeting is awaited. */
bool held_busy(const struct held *h);
/* Close everything and free the record. */
void held_free(struct held *h);
/* Record the loss of the held connection with the event token EVENT
 * ("reset", "closed"...) and close it. */
void held_lost(struct held *h, const char *event);

/* watch_held_raw.c: the same for tcp:// (H->raw). */
/* Begin a round: "ok" while the connection stands, else open it. */
void held_raw_round(struct held *h);
/* Close the raw connection (no record). */
void held_raw_close(struct held *h);
/* The keep-alive the held connection uses and the one this OS gives a
 * socket that turns it on without timers (/proc/sys/net/ipv4/
 * tcp_keepalive_time, _intvl, _probes; -1 unreadable): {idle_s,
 * interval_s, probes, os_idle_s, os_interval_s, os_probes}.  A client
 * with the OS default notices a server that lost its connection only
 * after os_idle_s + os_interval_s * os_probes seconds of silence. */
json_t *held_raw_keepalive_json(void);

#endif
