/* watch_held_raw.c — the held connection of a tcp:// watch: no protocol
 * to NOOP with, so the connection is held silent and watched.  What the
 * service sends is read and dropped (bounded per wake-up); a FIN or a
 * reset ends this life with its time.  TCP keep-alive probes (idle 5 s,
 * every 2 s, 3 unanswered = dead) make a server that lost the connection
 * without a word (a host rebooted, a NAT entry dropped) answer with RST,
 * as the seed's client saw 10054 on its old connection after the server
 * process was restarted. */
#include "config.h"

#include "watch_held.h"

#include <errno.h>
#include <stdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "netpath.h"
#include "tcpconn.h"

#define RAW_KEEPIDLE_S 5  /* first keep-alive probe after this idle time */
#define RAW_KEEPINTVL_S 2 /* then one every this many seconds */
#define RAW_KEEPCNT 3     /* unanswered probes before the kernel gives up */

/* Turn TCP keep-alive on for FD with the short timers above. */
static void keepalive_on(int fd)
{
	int on = 1, idle = RAW_KEEPIDLE_S, intvl = RAW_KEEPINTVL_S,
	    cnt = RAW_KEEPCNT;

	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof(intvl));
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof(cnt));
}

/* The held socket is readable: data (dropped), a FIN, or an error. */
static void raw_io(int fd, unsigned events, void *arg)
{
	struct held *h = arg;
	char buf[4096];
	ssize_t n;

	(void)events;
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR)))
		return;
	if (n == 0)
		held_lost(h, "closed");
	else
		held_lost(h, errno == ECONNRESET ? "reset" :
			  errno == ETIMEDOUT ? "timeout" : "error");
}

/* The handshake of a new life ended. */
static void raw_connected(struct tcpconn *c, int err, void *arg)
{
	struct held *h = arg;

	h->pending = false;
	if (err) {
		/* Not a held connection at all: the round's chain tells why. */
		h->state = "none";
		held_raw_close(h);
		return;
	}
	h->raw_up = true;
	keepalive_on(tcpconn_fd(c));
	loop_watch(h->loop, tcpconn_fd(c), LOOP_IN, raw_io, h);
}

void held_raw_round(struct held *h)
{
	if (h->conn && h->pending) {
		h->state = "wait";
		return;
	}
	if (h->conn) {
		h->state = "ok";
		return;
	}
	h->state = "new";
	h->raw_up = false;
	h->pending = true;
	h->opened_ms = loop_clock_ms() - h->t0;
	h->conn = netpath_connect_np(h->loop, &h->path,
				     (struct sockaddr *)&h->sa, h->timeout_ms,
				     raw_connected, h);
	if (!h->conn)
		h->pending = false;
}

/* An integer from the sysctl file PATH, -1 when unreadable. */
static long sysctl_long(const char *path)
{
	FILE *f = fopen(path, "re");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

json_t *held_raw_keepalive_json(void)
{
	return json_pack("{s:i,s:i,s:i,s:I,s:I,s:I}", "idle_s",
		RAW_KEEPIDLE_S, "interval_s", RAW_KEEPINTVL_S, "probes",
		RAW_KEEPCNT, "os_idle_s",
		(json_int_t)sysctl_long("/proc/sys/net/ipv4/tcp_keepalive_time"),
		"os_interval_s",
		(json_int_t)sysctl_long("/proc/sys/net/ipv4/tcp_keepalive_intvl"),
		"os_probes",
		(json_int_t)sysctl_long("/proc/sys/net/ipv4/tcp_keepalive_probes"));
}

void held_raw_close(struct held *h)
{
	tcpconn_free(h->conn); /* unwatches and closes the socket */
	h->conn = NULL;
	h->raw_up = false;
}
