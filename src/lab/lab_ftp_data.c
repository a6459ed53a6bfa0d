/* ftp_data.c — FTP data connections of the lab, non-blocking on the loop:
 * the passive listener (or a port that refuses, for pasv-closed), active
 * connects back to the client's own address only (no FTP bounce), the
 * transfer itself, and the upload faults (reset, stall, size limit). */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lab_int.h"
#include "util.h"

#define LAB_RESET_RCVBUF 16384 /* bytes; the kernel doubles it */

#define CHUNK 16384

static void on_data_io(int fd, unsigned events, void *arg);

/* Close descriptor *FD on the loop (RST when asked). */
static void close_fd(struct lab_session *s, int *fd, bool rst)
{
	if (*fd < 0)
		return;
	loop_unwatch(lab_loop(s), *fd);
	if (rst) {
		lab_close_rst(*fd);
	} else {
		shutdown(*fd, SHUT_WR);
		close(*fd);
	}
	*fd = -1;
}

/* Forget the data channel: sockets, timer, buffer, mode. */
void lab_data_close(struct lab_session *s)
{
	struct lab_data *d = &s->ftp.data;

	loop_timer_cancel(lab_loop(s), d->timer);
	d->timer = NULL;
	close_fd(s, &d->pasv_fd, false);
	close_fd(s, &d->fd, d->running && d->xfer == XFER_STOR);
	if (d->owned || d->xfer == XFER_STOR)
		free(d->buf);
	d->buf = NULL;
	d->len = d->off = 0;
	d->owned = false;
	d->active = false;
	d->running = false;
	d->stalled = false;
	d->refused = false;
	d->received = 0;
	d->xfer = XFER_NONE;
}

/* The transfer ended: reply on the control connection (when it is still
 * there) and drop the data channel. */
static void data_end(struct lab_session *s, const char *reply, bool rst)
{
	struct lab_data *d = &s->ftp.data;

	close_fd(s, &d->fd, rst);
	lab_data_close(s);
	if (s->fd < 0)
		s->dead = true; /* idle-timeout took the control away */
	else
		lab_reply(s, "%s\r\n", reply);
}

/* 150 and start moving bytes. */
static void start_running(struct lab_session *s)
{
	struct lab_data *d = &s->ftp.data;
	bool out = d->xfer != XFER_STOR;

	loop_timer_cancel(lab_loop(s), d->timer);
	d->timer = NULL;
	d->running = true;
	if (d->xfer == XFER_LIST || d->xfer == XFER_NLST)
		lab_reply(s, "150 Here comes the directory listing.\r\n");
	else if (d->xfer == XFER_RETR)
		lab_reply(s, "150 Opening BINARY mode data connection for %s (%zu bytes).\r\n",
			  d->name, d->len);
	else
		lab_reply(s, "150 Ok to send data.\r\n");
	if (loop_watch(lab_loop(s), d->fd, out ? LOOP_OUT : LOOP_IN,
		       on_data_io, s) < 0)
		data_end(s, "425 Can't open data connection.", true);
}

/* Waited too long for the data connection (or a stalled upload). */
static void on_data_timeout(void *arg)
{
	struct lab_session *s = arg;
	struct lab_data *d = &s->ftp.data;

	d->timer = NULL;
	if (d->refused) {
		close_fd(s, &d->fd, true);
		lab_data_close(s);
		if (s->fd < 0)
			s->dead = true;
	} else if (d->stalled)
		data_end(s, "426 Connection closed; transfer aborted.", true);
	else
		data_end(s, "425 Can't open data connection.", true);
	lab_session_reap(s);
}

/* The client connected to our passive port. */
static void on_pasv_accept(int fd, unsigned events, void *arg)
{
	struct lab_session *s = arg;
	struct lab_data *d = &s->ftp.data;
	int c;

	(void)events;
	c = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (c < 0)
		return;
	lab_nodelay(c);
	close_fd(s, &d->pasv_fd, false);
	d->fd = c;
	if (d->xfer != XFER_NONE)
		start_running(s);
	lab_session_reap(s);
}

/* reset-after-bytes: a small receive buffer on the data connection, so
 * the bytes our kernel acknowledges stay close to the bytes the fault
 * counted (as on a middlebox that cuts the stream): a client reading
 * TCP_INFO finds the threshold, at any speed.  Before listen/connect, so
 * the window is small from the SYN on. */
static void small_rcvbuf(struct lab_session *s, int fd)
{
	int sz = LAB_RESET_RCVBUF;

	if (lab_hooks(s)->upload_reset)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
}

/* PASV/EPSV: listen (or only bind, for pasv-closed) on our address. */
int lab_data_passive(struct lab_session *s)
{
	struct lab_data *d = &s->ftp.data;
	struct sockaddr_storage ss = s->local;
	bool listening = !lab_hooks(s)->pasv_no_listen;
	int fd;

	lab_data_close(s);
	addr_set_port((struct sockaddr *)&ss, 0);
	fd = lab_listen_socket(&ss, listening);
	if (fd < 0)
		return -1;
	small_rcvbuf(s, fd);
	d->pasv_fd = fd;
	if (listening &&
	    loop_watch(lab_loop(s), fd, LOOP_IN, on_pasv_accept, s) < 0) {
		close_fd(s, &d->pasv_fd, false);
		return -1;
	}
	return addr_port((struct sockaddr *)&ss);
}

/* True when A and B hold the same host address (ports aside). */
static bool same_host(const struct sockaddr_storage *a,
		      const struct sockaddr_storage *b)
{
	const struct sockaddr_in *a4 = (const void *)a, *b4 = (const void *)b;
	const struct sockaddr_in6 *a6 = (const void *)a, *b6 = (const void *)b;

	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET)
		return a4->sin_addr.s_addr == b4->sin_addr.s_addr;
	return a->ss_family == AF_INET6 &&
	       !memcmp(&a6->sin6_addr, &b6->sin6_addr, sizeof(a6->sin6_addr));
}

/* PORT/EPRT: connect back later, to the client's own host only. */
bool lab_data_active(struct lab_session *s, const struct sockaddr_storage *ss)
{
	struct lab_data *d = &s->ftp.data;

	if (!same_host(ss, &s->peer))
		return false; /* no FTP bounce: only back to the client */
	lab_data_close(s);
	d->peer = *ss;
	d->active = true;
	return true;
}

/* Active mode: the connect back finished (or failed). */
static void on_connected(int fd, unsigned events, void *arg)
{
	struct lab_session *s = arg;
	int err = 0;
	socklen_t len = sizeof(err);

	(void)events;
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	if (err)
		data_end(s, "425 Can't open data connection.", false);
	else
		start_running(s);
	lab_session_reap(s);
}

/* Active mode: connect to the address PORT/EPRT gave. */
static void connect_back(struct lab_session *s)
{
	struct lab_data *d = &s->ftp.data;
	int fd = socket(d->peer.ss_family,
			SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		data_end(s, "425 Can't open data connection.", false);
		return;
	}
	d->fd = fd;
	lab_nodelay(fd);
	small_rcvbuf(s, fd);
	if ((connect(fd, (struct sockaddr *)&d->peer,
		     addr_len((struct sockaddr *)&d->peer)) < 0 &&
	     errno != EINPROGRESS) ||
	    loop_watch(lab_loop(s), fd, LOOP_OUT, on_connected, s) < 0)
		data_end(s, "425 Can't open data connection.", false);
}

/* LIST/NLST/RETR/STOR: wait for or open the data connection. */
void lab_data_transfer(struct lab_session *s, enum ftp_xfer x,
		       const char *name, char *buf, size_t len, bool owned)
{
	struct lab_data *d = &s->ftp.data;

	if (d->xfer != XFER_NONE) {
		if (owned)
			free(buf);
		lab_reply(s, "425 A transfer is already in progress.\r\n");
		return;
	}
	if (d->pasv_fd < 0 && d->fd < 0 && !d->active) {
		if (owned)
			free(buf);
		lab_reply(s, "425 Use PORT or PASV first.\r\n");
		return;
	}
	if (d->active && lab_hooks(s)->active_refused) {
		if (owned)
			free(buf);
		lab_data_close(s);
		lab_reply(s, "425 Can't open data connection.\r\n");
		return;
	}
	d->xfer = x;
	str_copy(d->name, name, sizeof(d->name));
	d->buf = buf;
	d->len = len;
	d->off = 0;
	d->owned = owned;
	d->timer = loop_timer_add(lab_loop(s), LAB_DATA_WAIT_MS,
				  on_data_timeout, s);
	if (d->active)
		connect_back(s);
	else if (d->fd >= 0)
		start_running(s);
}

/* RETR/LIST/NLST: send the next chunk. */
static void send_more(struct lab_session *s)
{
	struct lab_data *d = &s->ftp.data;
	size_t n = d->len - d->off;
	ssize_t w;

	if (n > CHUNK)
		n = CHUNK;
	w = n ? send(d->fd, d->buf + d->off, n, MSG_NOSIGNAL | MSG_DONTWAIT)
	      : 0;
	if (w < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (w < 0) {
		data_end(s, "426 Connection closed; transfer aborted.", true);
		return;
	}
	d->off += (size_t)w;
	if (d->off == d->len)
		data_end(s, "226 Transfer complete.", false);
}

/* Stop reading the upload; the data timer ends it after MS. */
static void pause_upload(struct lab_session *s, int64_t ms)
{
	struct lab_data *d = &s->ftp.data;

	loop_watch(lab_loop(s), d->fd, 0, on_data_io, s);
	loop_timer_cancel(lab_loop(s), d->timer);
	d->timer = loop_timer_add(lab_loop(s), ms, on_data_timeout, s);
}

/* The upload faults; true when they ended or paused the transfer. */
static bool upload_fault(struct lab_session *s)
{
	struct lab_data *d = &s->ftp.data;
	long long arg = s->ls->arg;

	if (lab_hooks(s)->upload_reset && d->received >= arg) {
		data_end(s, "426 Connection closed; transfer aborted.", true);
		return true;
	}
	if ((lab_hooks(s)->size_limit && d->received > arg) ||
	    d->received > LAB_FILE_MAX) {
		/* the reply first, so the client reads why; then the close */
		lab_reply(s, "552 Requested file action aborted. Exceeded storage allocation.\r\n");
		d->refused = true;
		pause_upload(s, LAB_REFUSE_MS);
		return true;
	}
	if (lab_hooks(s)->upload_stall && d->received >= arg) {
		d->stalled = true;
		pause_upload(s, LAB_STALL_MS);
		return true;
	}
	return false;
}

/* The most an upload may read now (stops exactly at fault thresholds). */
static size_t upload_room(struct lab_session *s)
{
	struct lab_data *d = &s->ftp.data;
	long long room = CHUNK;

	if (lab_hooks(s)->upload_reset || lab_hooks(s)->upload_stall)
		room = s->ls->arg - d->received;
	if (room > CHUNK)
		room = CHUNK;
	return room > 0 ? (size_t)room : 1;
}

/* STOR: take the next bytes, keep them in the upload buffer. */
static void recv_more(struct lab_session *s)
{
	struct lab_data *d = &s->ftp.data;
	char buf[CHUNK], *p;
	ssize_t n = recv(d->fd, buf, upload_room(s), MSG_DONTWAIT);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0) {
		data_end(s, "426 Connection closed; transfer aborted.", true);
		return;
	}
	if (n == 0) {
		bool stored = lab_store_put(&s->ls->store, d->name, d->buf,
					    d->len);

		if (stored)
			d->buf = NULL;
		data_end(s, stored ? "226 Transfer complete." : "452 Too many files.",
			 false);
		return;
	}
	d->received += n;
	if (upload_fault(s))
		return;
	p = realloc(d->buf, d->len + (size_t)n);
	if (!p) {
		data_end(s, "451 Local error: out of memory.", true);
		return;
	}
	memcpy(p + d->len, buf, (size_t)n);
	d->buf = p;
	d->len += (size_t)n;
}

/* Readiness of the data connection. */
static void on_data_io(int fd, unsigned events, void *arg)
{
	struct lab_session *s = arg;

	(void)fd;
	(void)events;
	if (s->ftp.data.xfer == XFER_STOR)
		recv_more(s);
	else
		send_more(s);
	lab_session_reap(s);
}
