/* aresglue.c — a c-ares channel on the event loop.  c-ares tells us which
 * sockets to watch through its socket-state callback; readiness is fed back
 * with ares_process_fd, and one loop timer follows ares_timeout() so that
 * retries and per-try deadlines happen without anyone blocking. */
#include "config.h"

#include "aresglue.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "i18n.h"
#include "util.h"

/* A channel and what it holds on the loop. */
struct aresglue {
	struct loop *loop;        /* the loop the sockets live on (not owned) */
	ares_channel channel;     /* the c-ares channel */
	struct loop_timer *timer; /* armed at ares_timeout(), NULL when idle */
	bool freeing;             /* aresglue_free is tearing the channel down */
};

/* Initialise the c-ares library once per process. */
static int library_init(void)
{
	static bool done;
	static int status = ARES_SUCCESS;

	if (!done) {
		status = ares_library_init(ARES_LIB_INIT_ALL);
		done = true;
	}
	return status;
}

/* The loop saw FD ready: let c-ares read or write it, then re-arm. */
static void on_io(int fd, unsigned events, void *arg)
{
	struct aresglue *g = arg;
	ares_socket_t rfd = ARES_SOCKET_BAD, wfd = ARES_SOCKET_BAD;

	if (events & (LOOP_IN | LOOP_ERR))
		rfd = fd;
	if (events & LOOP_OUT)
		wfd = fd;
	ares_process_fd(g->channel, rfd, wfd);
	aresglue_kick(g);
}

/* c-ares opens, changes or closes a socket: mirror it on the loop. */
static void on_sock_state(void *data, ares_socket_t fd, int readable,
			  int writable)
{
	struct aresglue *g = data;
	unsigned ev = (readable ? LOOP_IN : 0) | (writable ? LOOP_OUT : 0);

	if (ev)
		loop_watch(g->loop, fd, ev, on_io, g);
	else
		loop_unwatch(g->loop, fd);
}

/* c-ares' next deadline passed: let it time out tries, then re-arm. */
static void on_timer(void *arg)
{
	struct aresglue *g = arg;

	g->timer = NULL;
	ares_process_fd(g->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	aresglue_kick(g);
}

void aresglue_kick(struct aresglue *g)
{
	struct timeval tv, *next;
	int64_t ms;

	if (!g || g->freeing)
		return;
	loop_timer_cancel(g->loop, g->timer);
	g->timer = NULL;
	next = ares_timeout(g->channel, NULL, &tv);
	if (!next)
		return; /* nothing pending: nothing keeps the loop busy */
	ms = (int64_t)next->tv_sec * 1000 + (next->tv_usec + 999) / 1000;
	g->timer = loop_timer_add(g->loop, ms, on_timer, g);
}

/* Append one "addr[:port]" to CSV: c-ares 1.18 wants an IPv6 address
 * in brackets and, when bracketed, a port. */
static bool append_server(char *csv, size_t size, const char *s)
{
	const char *colon = strchr(s, ':');
	bool bare6 = colon && strchr(colon + 1, ':') && s[0] != '[';
	size_t n = strlen(s);
	bool noport = bare6 || (s[0] == '[' && n && s[n - 1] == ']');

	if (!*s || strchr(s, ',') || strchr(s, ' '))
		return false;
	str_appendf(csv, size, "%s%s%s%s%s", csv[0] ? "," : "",
		    bare6 ? "[" : "", s, bare6 ? "]" : "",
		    noport ? ":53" : "");
	return strlen(csv) + 1 < size;
}

/* Replace the system's servers with SERVERS; 0 or an ARES_* status. */
static int set_servers(ares_channel ch, const char *const *servers, int n,
		       const char **bad)
{
	char csv[1024] = "";
	int i, st;

	for (i = 0; i < n; i++) {
		if (!append_server(csv, sizeof(csv), servers[i])) {
			*bad = servers[i];
			return ARES_EBADSTR;
		}
	}
	st = ares_set_servers_ports_csv(ch, csv);
	if (st != ARES_SUCCESS)
		*bad = n == 1 ? servers[0] : csv;
	return st;
}

/* Create the channel with our timeout, tries and socket callback. */
static int channel_init(struct aresglue *g, int timeout_ms)
{
	struct ares_options o;

	memset(&o, 0, sizeof(o));
	o.timeout = timeout_ms > 0 ? timeout_ms : 5000;
	o.tries = 2;
	/* Report SERVFAIL/REFUSED as such instead of retrying them into a
	 * generic "connection refused": the rcode is the evidence. */
	o.flags = ARES_FLAG_NOCHECKRESP;
	o.sock_state_cb = on_sock_state;
	o.sock_state_cb_data = g;
	return ares_init_options(&g->channel, &o,
				 ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
					 ARES_OPT_FLAGS | ARES_OPT_SOCK_STATE_CB);
}

struct aresglue *aresglue_new(struct loop *loop, const char *const *servers,
			      int nservers, int timeout_ms, char *err,
			      size_t errlen)
{
	struct aresglue *g;
	const char *bad = "";
	int st;

	if ((st = library_init()) != ARES_SUCCESS) {
		str_printf(err, errlen, _("c-ares: %s"), ares_strerror(st));
		return NULL;
	}
	g = calloc(1, sizeof(*g));
	if (!g) {
		str_copy(err, _("out of memory"), errlen);
		return NULL;
	}
	g->loop = loop;
	if ((st = channel_init(g, timeout_ms)) != ARES_SUCCESS) {
		str_printf(err, errlen, _("c-ares: %s"), ares_strerror(st));
		free(g);
		return NULL;
	}
	if (nservers > 0 &&
	    (st = set_servers(g->channel, servers, nservers, &bad))) {
		str_printf(err, errlen, _("bad DNS server \"%s\": %s"), bad,
			   ares_strerror(st));
		ares_destroy(g->channel);
		free(g);
		return NULL;
	}
	return g;
}

ares_channel aresglue_channel(struct aresglue *g)
{
	return g->channel;
}

void aresglue_free(struct aresglue *g)
{
	if (!g)
		return;
	loop_timer_cancel(g->loop, g->timer);
	g->timer = NULL;
	g->freeing = true;
	ares_cancel(g->channel);
	ares_destroy(g->channel); /* closes sockets: on_sock_state unwatches */
	free(g);
}
