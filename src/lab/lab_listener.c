/* listener.c — the lab and its listening sockets: binding (loopback by
 * default), accepting under the session cap, the faults that act before
 * a session exists (refused, reset-on-connect), and restart-every, which
 * drops everything and comes back as a crashed server would. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "i18n.h"
#include "lab_int.h"
#include "util.h"

#define REOPEN_GAP_MS 500
#define REOPEN_TRIES 20

/* The event loop a session runs on. */
struct loop *lab_loop(struct lab_session *s)
{
	return s->ls->lab->loop;
}

/* Parse "ADDR:PORT" or "[V6]:PORT"; the port may be 0. */
bool lab_parse_listen(const char *text, struct sockaddr_storage *ss)
{
	char host[64];
	const char *colon;
	char *end;
	size_t hlen;
	long port;

	if (text[0] == '[') {
		const char *rb = strchr(text, ']');

		if (!rb || rb[1] != ':')
			return false;
		hlen = (size_t)(rb - text - 1);
		text++;
		colon = rb + 1;
	} else {
		colon = strrchr(text, ':');
		if (!colon)
			return false;
		hlen = (size_t)(colon - text);
	}
	if (hlen == 0 || hlen >= sizeof(host))
		return false;
	memcpy(host, text, hlen);
	host[hlen] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno || end == colon + 1 || *end || port < 0 || port > 65535)
		return false;
	return addr_parse(host, (int)port, ss);
}

/* A non-blocking socket bound to SS (port filled in); listening when
 * LISTEN_TOO, else only bound so the port refuses connections. */
int lab_listen_socket(struct sockaddr_storage *ss, bool listen_too)
{
	socklen_t len = sizeof(*ss);
	int one = 1, fd, err;

	fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ss->ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)ss, addr_len((struct sockaddr *)ss)) < 0 ||
	    (listen_too && listen(fd, 64) < 0) ||
	    getsockname(fd, (struct sockaddr *)ss, &len) < 0) {
		err = errno;
		close(fd);
		return -err;
	}
	return fd;
}

void lab_nodelay(int fd)
{
	int one = 1;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static void on_accept(int fd, unsigned events, void *arg);

/* Out of descriptors no longer (we hope): accept again. */
static void on_unpause(void *arg)
{
	struct lab_listener *ls = arg;

	ls->pause = NULL;
	if (ls->fd >= 0)
		loop_watch(ls->lab->loop, ls->fd, LOOP_IN, on_accept, ls);
}

/* accept() failed for lack of resources: mute the listener a moment
 * rather than spin on a connection that stays pending. */
static void pause_accept(struct lab_listener *ls)
{
	if (errno != EMFILE && errno != ENFILE && errno != ENOBUFS &&
	    errno != ENOMEM)
		return;
	loop_watch(ls->lab->loop, ls->fd, 0, on_accept, ls);
	if (!ls->pause)
		ls->pause = loop_timer_add(ls->lab->loop, 200, on_unpause, ls);
}

/* Accept every pending connection of a listener. */
static void on_accept(int fd, unsigned events, void *arg)
{
	struct lab_listener *ls = arg;
	int c, i;

	(void)events;
	for (i = 0; i < 64; i++) {
		c = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (c < 0) {
			pause_accept(ls);
			return;
		}
		ls->served++;
		lab_nodelay(c);
		if (ls->lab->nsessions >= LAB_SESSION_CAP) {
			lab_close_rst(c);
			continue;
		}
		lab_session_start(ls, c);
	}
}

/* Open LS's socket on its address (port kept after the first bind). */
static int listener_open(struct lab_listener *ls)
{
	bool listening = !ls->fault->hooks->no_listen;
	int fd = lab_listen_socket(&ls->addr, listening);

	if (fd < 0)
		return fd;
	ls->fd = fd;
	if (ls->proto == PROTO_TCP) {
		/* A small receive window (inherited by accepted sockets): the
		 * bytes a client sees acknowledged stay close to the bytes
		 * the sink read, so reset-after-bytes has a sharp edge. */
		int rcv = LAB_TCP_RCVBUF;

		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	}
	if (listening && loop_watch(ls->lab->loop, fd, LOOP_IN, on_accept, ls) < 0) {
		close(fd);
		ls->fd = -1;
		return -ENOMEM;
	}
	return 0;
}

/* Close LS's socket (not its sessions). */
static void listener_close_fd(struct lab_listener *ls)
{
	if (ls->fd < 0)
		return;
	loop_unwatch(ls->lab->loop, ls->fd);
	close(ls->fd);
	ls->fd = -1;
}

/* Reset every session of LS. */
static void listener_drop_sessions(struct lab_listener *ls)
{
	while (ls->sessions)
		lab_session_kill(ls->sessions);
}

static void on_restart(void *arg);

/* restart-every: the server comes back after the gap. */
static void on_reopen(void *arg)
{
	struct lab_listener *ls = arg;

	ls->restart = NULL;
	if (listener_open(ls) < 0 && ++ls->reopen_tries < REOPEN_TRIES) {
		ls->restart = loop_timer_add(ls->lab->loop, REOPEN_GAP_MS,
					     on_reopen, ls);
		return;
	}
	ls->reopen_tries = 0;
	ls->restart = loop_timer_add(ls->lab->loop, ls->arg * 1000,
				     on_restart, ls);
}

/* restart-every: the server "crashes": RST everything, stop listening. */
static void on_restart(void *arg)
{
	struct lab_listener *ls = arg;

	ls->restart = NULL;
	listener_close_fd(ls); /* first: nothing new slips in meanwhile */
	listener_drop_sessions(ls);
	ls->restart = loop_timer_add(ls->lab->loop, REOPEN_GAP_MS, on_reopen,
				     ls);
}

/* An empty lab on LOOP. */
struct lab *lab_new(struct loop *loop)
{
	struct lab *lab = calloc(1, sizeof(*lab));

	if (lab)
		lab->loop = loop;
	return lab;
}

/* Check that FAULT applies to PROTO and build the listener. */
static struct lab_listener *listener_new(struct lab *lab, enum proto proto,
					 const char *spec, char *err,
					 size_t errlen)
{
	const struct lab_fault *f;
	struct lab_listener *ls;
	long long arg;

	f = lab_fault_parse(spec, &arg, err, errlen);
	if (!f)
		return NULL;
	if (proto == PROTO_UNKNOWN) {
		str_printf(err, errlen, _("the lab serves smtp, ftp, pop3, "
					  "imap or tcp"));
		return NULL;
	}
	if (!(f->protos & (1u << proto))) {
		str_printf(err, errlen, _("fault '%s' does not apply to %s"),
			   f->name, proto_name(proto));
		return NULL;
	}
	ls = calloc(1, sizeof(*ls));
	if (!ls) {
		str_printf(err, errlen, "%s", strerror(ENOMEM));
		return NULL;
	}
	ls->lab = lab;
	ls->proto = proto;
	ls->fault = f;
	ls->arg = arg;
	ls->fd = -1;
	return ls;
}

/* One listener: parse the fault, bind, listen, schedule restarts. */
int lab_add(struct lab *lab, enum proto proto, const char *fault_spec,
	    const char *listen, char *err, size_t errlen)
{
	struct lab_listener *ls;
	int rc;

	ls = listener_new(lab, proto, fault_spec, err, errlen);
	if (!ls)
		return -1;
	if (!lab_parse_listen(listen ? listen : "127.0.0.1:0", &ls->addr)) {
		str_printf(err, errlen, _("bad listen address '%.64s' (ADDR:PORT)"),
			   listen);
		free(ls);
		return -1;
	}
	rc = listener_open(ls);
	if (rc < 0) {
		str_printf(err, errlen, _("cannot listen on %.64s: %s"),
			   listen ? listen : "127.0.0.1:0", strerror(-rc));
		free(ls);
		return -1;
	}
	if (proto == PROTO_FTP)
		lab_store_init(&ls->store);
	if (ls->fault->hooks->restarts)
		ls->restart = loop_timer_add(lab->loop, ls->arg * 1000,
					     on_restart, ls);
	ls->next = lab->listeners;
	lab->listeners = ls;
	return addr_port((struct sockaddr *)&ls->addr);
}

/* Every listener and session closed (sessions with RST). */
void lab_free(struct lab *lab)
{
	struct lab_listener *ls, *next;

	if (!lab)
		return;
	for (ls = lab->listeners; ls; ls = next) {
		next = ls->next;
		loop_timer_cancel(lab->loop, ls->restart);
		loop_timer_cancel(lab->loop, ls->pause);
		listener_drop_sessions(ls);
		listener_close_fd(ls);
		lab_store_free(&ls->store);
		free(ls);
	}
	free(lab);
}
