/* ownload.h — sockdoc's own load on the server.  A refusal that means
 * "too many connections" (FTP/SMTP 421 at the greeting, 530 too many)
 * may be answered to sockdoc's own second connection: its probes run
 * side by side (banner beside ftp.login, smtp.ports beside smtp.ehlo).
 * A probe notes which other probes ran beside its session
 * (ownload_beside), and when refused so, waits until they are done
 * (ownload_wait) and tries that step once more: a success then means the
 * server limits connections per client, not that it is busy. */
#ifndef SOCKDOC_OWNLOAD_H
#define SOCKDOC_OWNLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct probe;
struct loop_timer;

/* One bounded wait for the other probes to end. */
struct ownload_wait {
	struct probe *p;                 /* the waiting probe */
	struct loop_timer *timer;        /* next look, NULL when idle */
	int64_t deadline_ms;             /* loop time to give up waiting */
	void (*done)(struct probe *p);   /* called once: alone, or deadline */
	bool graced;                     /* the grace after the others began */
};

/* Ids of the other probes of P's run that run now and may hold a
 * connection to the server (the name, path and ICMP probes do not),
 * comma-separated into BUF ("" for none); returns how many. */
int ownload_beside(const struct probe *p, char *buf, size_t size);
/* Call W->done(P) from the loop once no other probe runs beside P (a
 * grace of ~200 ms for the server to notice the closes), or after at
 * most MAX_MS.  W must stay valid until then or ownload_cancel(W). */
void ownload_wait(struct ownload_wait *w, struct probe *p, int max_ms,
		  void (*done)(struct probe *p));
/* Stop a wait in progress (safe when none). */
void ownload_cancel(struct ownload_wait *w);
/* Whether the reply CODE TEXT says "too many connections/users" (421,
 * or 530 naming too many), the refusal sockdoc's own load can cause. */
bool ownload_says_too_many(int code, const char *text);

#endif
