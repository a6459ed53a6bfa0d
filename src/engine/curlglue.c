/* curlglue.c — libcurl's multi socket API on our loop: curl tells us which
 * sockets to watch and when to call it back; we tell it what happened.
 *
 * Timers: libcurl calls CURLMOPT_TIMERFUNCTION only when its soonest
 * deadline changes.  A loop timer that fires a fraction of a millisecond
 * early (our clock has millisecond steps, curl's microsecond ones) makes
 * curl_multi_socket_action(CURL_SOCKET_TIMEOUT) find nothing due, and
 * curl would never ask again.  So after every action the timer is
 * re-armed from curl_multi_timeout(), rounded up; a timeout of 0 runs the
 * action from the loop at once.  And libcurl 7.88 parks some transfers
 * with no timer due at all (kick_setup below: 200 ms per FTP session). */
#include "config.h"

#include "curlglue.h"

#include <stdlib.h>
#include <string.h>

/* One transfer in flight. */
struct transfer {
	CURL *easy;              /* the handle */
	curlglue_done_cb done;   /* completion callback */
	void *arg;               /* its argument */
	struct transfer *next;   /* list of transfers */
};

struct curlglue {
	struct loop *loop;          /* the event loop */
	CURLM *multi;               /* the multi handle */
	struct loop_timer *timer;   /* curl's requested timeout */
	int64_t timer_due;          /* when it fires (loop_clock_ms) */
	struct transfer *transfers; /* in flight */
	int running;                /* as reported by curl */
	struct loop_timer *reaper;  /* deferred completion check */
	struct loop_timer *kicker;  /* next kick_setup (see there) */
	int kick_ms;                /* delay of the last kick, 0 after I/O */
};

#define CURLGLUE_KICK_MAX_MS 128

static void check_done(struct curlglue *g);
static void on_timer(void *arg);

/* Arm the one loop timer for curl's next deadline, MS from now (-1: none).
 * Loop timers have millisecond steps: one more keeps curl from finding
 * its deadline not yet due when we call it.  A timer already due no later
 * is kept (firing early only re-arms), so a busy transfer does not
 * replace it at every event. */
static void arm(struct curlglue *g, long ms)
{
	int64_t due;

	if (ms < 0) {
		loop_timer_cancel(g->loop, g->timer);
		g->timer = NULL;
		return;
	}
	if (ms > 0)
		ms++;
	due = loop_clock_ms() + ms;
	if (g->timer && g->timer_due <= due)
		return;
	loop_timer_cancel(g->loop, g->timer);
	g->timer = loop_timer_add(g->loop, ms, on_timer, g);
	g->timer_due = due;
}

/* Run curl's socket action, collect finished transfers, and re-arm the
 * timer from what curl now waits for (no deadline is ever left unrun). */
static void act(struct curlglue *g, curl_socket_t s, int mask)
{
	long ms = -1;

	curl_multi_socket_action(g->multi, s, mask, &g->running);
	check_done(g);
	if (curl_multi_timeout(g->multi, &ms) == CURLM_OK)
		arm(g, ms);
}

/* libcurl 7.88 may park a transfer whose DO phase ended with more to do
 * (FTP after EPSV/PASV/EPRT/PORT: the data connection) without a socket
 * or timer to wake it, until some later deadline of its own (the 200 ms
 * happy-eyeballs one).  So after I/O, each transfer still before its
 * transfer phase is asked to run now (a pause and resume: libcurl's own
 * way to expire a handle at once), again after 1, 2, 4 ... 128 ms while
 * one is still setting up; new I/O starts the series over.  Transfers
 * moving data are left alone.  Returns true when one was kicked (DRY:
 * would have been, none is). */
static bool kick_setup(struct curlglue *g, bool dry)
{
	struct transfer *t;
	bool any = false;

	for (t = g->transfers; t; t = t->next) {
		curl_off_t pre = 0;

		if (curl_easy_getinfo(t->easy, CURLINFO_PRETRANSFER_TIME_T,
				      &pre) != CURLE_OK || pre > 0)
			continue;
		any = true;
		if (dry)
			return true;
		curl_easy_pause(t->easy, CURLPAUSE_ALL);
		curl_easy_pause(t->easy, CURLPAUSE_CONT);
	}
	return any;
}

/* A kick is due: run the transfers setting up, schedule the next one. */
static void on_kick(void *arg)
{
	struct curlglue *g = arg;

	g->kicker = NULL;
	if (!kick_setup(g, false))
		return;
	act(g, CURL_SOCKET_TIMEOUT, 0);
	if (g->kick_ms < CURLGLUE_KICK_MAX_MS && !g->kicker) {
		g->kick_ms = g->kick_ms ? 2 * g->kick_ms : 1;
		g->kicker = loop_timer_add(g->loop, g->kick_ms, on_kick, g);
	}
}

/* I/O happened: start the kick series over, when a transfer sets up. */
static void kick_soon(struct curlglue *g)
{
	if (!kick_setup(g, true))
		return;
	loop_timer_cancel(g->loop, g->kicker);
	g->kick_ms = 0;
	g->kicker = loop_timer_add(g->loop, 0, on_kick, g);
}

/* The loop saw FD ready: pass the readiness to curl. */
static void on_io(int fd, unsigned events, void *arg)
{
	int mask = 0;

	if (events & LOOP_IN)
		mask |= CURL_CSELECT_IN;
	if (events & LOOP_OUT)
		mask |= CURL_CSELECT_OUT;
	if (events & LOOP_ERR)
		mask |= CURL_CSELECT_ERR;
	act(arg, fd, mask);
	kick_soon(arg);
}

/* curl's timer fired.  What curl does then may read a reply too (the
 * first action of a transfer on a kept FTP connection sends EPSV and may
 * read the 229 at once): a kick series starts when none runs (not over:
 * a kick makes curl ask for a timer at once, which would start it over
 * and over). */
static void on_timer(void *arg)
{
	struct curlglue *g = arg;

	g->timer = NULL;
	act(g, CURL_SOCKET_TIMEOUT, 0);
	if (!g->kicker)
		kick_soon(g);
}

/* CURLMOPT_SOCKETFUNCTION: watch or forget a socket as curl asks. */
static int socket_cb(CURL *easy, curl_socket_t s, int what, void *userp,
		     void *socketp)
{
	struct curlglue *g = userp;
	unsigned ev = 0;

	(void)easy;
	(void)socketp;
	if (what == CURL_POLL_REMOVE) {
		loop_unwatch(g->loop, s);
		return 0;
	}
	if (what & CURL_POLL_IN)
		ev |= LOOP_IN;
	if (what & CURL_POLL_OUT)
		ev |= LOOP_OUT;
	loop_watch(g->loop, s, ev, on_io, g);
	return 0;
}

/* CURLMOPT_TIMERFUNCTION: arm (or disarm, -1) the one curl timer; 0
 * means "now", which the loop runs on its next turn (never from inside
 * this callback, which libcurl forbids). */
static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	(void)multi;
	arm(userp, timeout_ms);
	return 0;
}

struct curlglue *curlglue_new(struct loop *loop)
{
	static bool initialised;
	struct curlglue *g;

	if (!initialised) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		initialised = true;
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->loop = loop;
	g->multi = curl_multi_init();
	if (!g->multi) {
		free(g);
		return NULL;
	}
	curl_multi_setopt(g->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
	curl_multi_setopt(g->multi, CURLMOPT_SOCKETDATA, g);
	curl_multi_setopt(g->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(g->multi, CURLMOPT_TIMERDATA, g);
	return g;
}

void curlglue_keep_connections(struct curlglue *g, long n)
{
	curl_multi_setopt(g->multi, CURLMOPT_MAXCONNECTS, n);
}

/* Take the transfer of EASY out of the list; NULL if unknown. */
static struct transfer *unlink_transfer(struct curlglue *g, CURL *easy)
{
	struct transfer **pp, *t;

	for (pp = &g->transfers; (t = *pp); pp = &t->next)
		if (t->easy == easy) {
			*pp = t->next;
			return t;
		}
	return NULL;
}

/* Deliver every finished transfer to its owner. */
static void check_done(struct curlglue *g)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(g->multi, &left))) {
		struct transfer *t;
		CURL *easy = msg->easy_handle;
		CURLcode rc = msg->data.result;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_multi_remove_handle(g->multi, easy);
		t = unlink_transfer(g, easy);
		if (t) {
			t->done(easy, rc, t->arg);
			free(t);
		}
	}
}

/* Deferred first kick, so curl_multi_add_handle's own timer starts it. */
static void reap(void *arg)
{
	struct curlglue *g = arg;

	g->reaper = NULL;
	check_done(g);
}

int curlglue_add(struct curlglue *g, CURL *easy, curlglue_done_cb done,
		 void *arg)
{
	struct transfer *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	t->easy = easy;
	t->done = done;
	t->arg = arg;
	t->next = g->transfers;
	g->transfers = t;
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	if (curl_multi_add_handle(g->multi, easy) != CURLM_OK) {
		unlink_transfer(g, easy);
		free(t);
		return -1;
	}
	if (!g->reaper)
		g->reaper = loop_timer_add(g->loop, 0, reap, g);
	return 0;
}

void curlglue_remove(struct curlglue *g, CURL *easy)
{
	struct transfer *t = unlink_transfer(g, easy);

	if (!t)
		return;
	curl_multi_remove_handle(g->multi, easy);
	free(t);
}

void curlglue_free(struct curlglue *g)
{
	struct transfer *t;

	if (!g)
		return;
	while ((t = g->transfers)) {
		g->transfers = t->next;
		curl_multi_remove_handle(g->multi, t->easy);
		free(t);
	}
	loop_timer_cancel(g->loop, g->timer);
	loop_timer_cancel(g->loop, g->reaper);
	loop_timer_cancel(g->loop, g->kicker);
	curl_multi_cleanup(g->multi);
	free(g);
}
