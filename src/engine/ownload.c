/* ownload.c — which of sockdoc's own probes run beside a session, and a
 * bounded wait until they are done (ownload.h). */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "loop.h"
#include "ownload.h"
#include "probe.h"
#include "run.h"
#include "util.h"

#define OWNLOAD_POLL_MS 50   /* how often the wait looks again */
#define OWNLOAD_GRACE_MS 200 /* for the server to notice the closes */

/* Whether probe ID never holds a connection to the server's port. */
static bool connectionless(const char *id)
{
	static const char *const none[] = { "input", "dns", "icmp", "local",
					    "path", "pmtu", "smtp.mx", NULL };
	int i;

	for (i = 0; none[i]; i++)
		if (!strcmp(id, none[i]))
			return true;
	return false;
}

/* Whether O, running, holds a connection now or retries before P: a
 * waiting probe holds none, and the earliest waiter goes first. */
static bool goes_before(const struct probe *o, const struct probe *p)
{
	if (!o->own_wait_since)
		return true;
	if (!p->own_wait_since)
		return false;
	return o->own_wait_since < p->own_wait_since ||
	       (o->own_wait_since == p->own_wait_since && o < p);
}

/* The running probes beside P that may hold a connection (ownload.h). */
int ownload_beside(const struct probe *p, char *buf, size_t size)
{
	const struct run *run = p->run;
	size_t len = 0;
	int i, n = 0;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < run->nprobes; i++) {
		const struct probe *o = &run->probes[i];

		if (o == p || o->status != PROBE_RUNNING ||
		    connectionless(o->ops->id) || !goes_before(o, p))
			continue;
		if (size > len + 1)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						n ? ", " : "", o->ops->id);
		if (len >= size)
			len = size - 1;
		n++;
	}
	return n;
}

/* The timer of a wait: others still beside P and time left: look
 * again; alone (or out of time): a grace for the server, then done. */
static void on_look(void *arg)
{
	struct ownload_wait *w = arg;
	struct loop *loop = w->p->run->loop;
	int64_t left = w->deadline_ms - loop_now(loop);
	char ids[8];

	w->timer = NULL;
	if (!w->graced && left > 0 &&
	    ownload_beside(w->p, ids, sizeof(ids)) > 0) {
		w->timer = loop_timer_add(loop, OWNLOAD_POLL_MS, on_look, w);
		return;
	}
	if (!w->graced) {
		w->graced = true;
		w->timer = loop_timer_add(loop, left < OWNLOAD_GRACE_MS ?
					  (left > 0 ? left : 0) :
					  OWNLOAD_GRACE_MS, on_look, w);
		return;
	}
	w->p->own_wait_since = 0;
	w->done(w->p);
}

/* Begin the bounded wait: the first look on the next loop turn. */
void ownload_wait(struct ownload_wait *w, struct probe *p, int max_ms,
		  void (*done)(struct probe *p))
{
	struct loop *loop = p->run->loop;

	w->p = p;
	w->done = done;
	w->graced = false;
	p->own_wait_since = loop_now(loop) + 1;
	w->deadline_ms = loop_now(loop) + (max_ms > 0 ? max_ms : 0);
	w->timer = loop_timer_add(loop, 0, on_look, w);
}

/* Stop the wait's timer; P no longer counts as waiting. */
void ownload_cancel(struct ownload_wait *w)
{
	if (w && w->timer && w->p) {
		loop_timer_cancel(w->p->run->loop, w->timer);
		w->p->own_wait_since = 0;
	}
	if (w)
		w->timer = NULL;
}

/* "Too many connections" in the words servers use (vsftpd, Postfix,
 * Exim, pure-ftpd, proftpd); not "too many errors". */
bool ownload_says_too_many(int code, const char *text)
{
	static const char *const words[] = { "too many", "connection limit",
					     "maximum number", "max connections",
					     "concurrent", NULL };
	int i;

	if ((code != 421 && code != 530 && code != 554) ||
	    (text && strcasestr(text, "error")))
		return false;	/* "421 Too many errors": our own fault */
	for (i = 0; text && words[i]; i++)
		if (strcasestr(text, words[i]))
			return true;
	return code == 421 && (!text || !*text);
}
