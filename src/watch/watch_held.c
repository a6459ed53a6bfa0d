/* watch_held.c — one long-lived session across the watch's rounds, to see
 * what a client that keeps its connection sees: a server that restarted
 * does not know the old connection any more. */
#include "config.h"

#include "watch_held.h"

#include <string.h>

#include "trial_sess.h"

void held_lost(struct held *h, const char *event)
{
	int64_t now = loop_clock_ms() - h->t0;

	json_array_append_new(h->lost, json_pack("{s:i,s:I,s:s,s:I}",
		"round", h->round, "at_ms", (json_int_t)now,
		"event", event,
		"held_ms", (json_int_t)(now - h->opened_ms)));
	h->nlost++;
	while (json_array_size(h->lost) > HELD_LOST_KEPT)
		json_array_remove(h->lost, 0);
	h->state = event;
	h->pending = false;
	tsess_free(h->s);
	h->s = NULL;
	held_raw_close(h);
}

/* Record the loss of the held session with EV. */
static void lost(struct held *h, enum tsess_event ev)
{
	held_lost(h, tsess_event_name(ev));
}

/* Session events: greeting, NOOP replies, or the end. */
static void on_sess(struct tsess *s, enum tsess_event ev,
		    const struct reply *r, int err, void *arg)
{
	struct held *h = arg;

	(void)s;
	(void)err;
	if (ev == TSESS_REPLY && r->code / 100 != 4 && r->code / 100 != 5) {
		h->greeted = true;
		h->pending = false;
		return;
	}
	if (ev == TSESS_REPLY && !h->greeted) {
		/* Refused at the greeting: not a held connection at all. */
		h->state = "error";
		h->pending = false;
		tsess_free(h->s);
		h->s = NULL;
		return;
	}
	if (ev == TSESS_REPLY) {
		h->pending = false; /* 4xx/5xx to NOOP (FTP 530): still connected */
		return;
	}
	if (ev == TSESS_CONNFAIL) {
		h->state = "none";
		h->pending = false;
		tsess_free(h->s);
		h->s = NULL;
		return;
	}
	lost(h, ev);
}

void held_init(struct held *h, struct loop *loop, int timeout_ms, int64_t t0)
{
	memset(h, 0, sizeof(*h));
	h->loop = loop;
	h->timeout_ms = timeout_ms;
	h->t0 = t0;
	h->state = "none";
	h->lost = json_array();
}

void held_round(struct held *h, int round)
{
	h->round = round;
	if (!h->have_addr)
		return;
	if (h->raw) {
		held_raw_round(h);
		return;
	}
	if (h->s && (!h->greeted || h->pending)) {
		h->state = "wait"; /* no NOOP before the greeting (RFC 5321 4.3.1) */
		return;
	}
	if (h->s) {
		h->state = "ok";
		h->pending = true;
		if (tsess_send(h->s, "NOOP", h->timeout_ms) < 0)
			lost(h, TSESS_RESET);
		return;
	}
	h->state = "new";
	h->greeted = false;
	h->pending = true;
	h->opened_ms = loop_clock_ms() - h->t0;
	h->s = tsess_open_np(h->loop, &h->path, (struct sockaddr *)&h->sa,
			     h->timeout_ms, on_sess, h);
	if (!h->s)
		h->pending = false;
}

bool held_busy(const struct held *h)
{
	return (h->s || h->conn) && h->pending;
}

void held_free(struct held *h)
{
	if (h->s && tsess_alive(h->s))
		tsess_send(h->s, "QUIT", 0);
	tsess_free(h->s);
	h->s = NULL;
	held_raw_close(h);
	json_decref(h->lost);
	h->lost = NULL;
}
