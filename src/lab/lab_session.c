/* session.c — one client connection of the lab: bounded line input,
 * a bounded output queue flushed without blocking, the ways a session
 * ends (FIN after the last reply, or RST), and the faults that act on the
 * connection itself (slow greeting, drip, garbage, reset after greeting,
 * idle timeout). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lab_int.h"
#include "util.h"

#define RESET_DELAY_MS 200   /* reset-after-greeting: RST unless a command came */
#define ACCEPT_RESET_MS 20   /* reset-on-connect: RST this long after accept */
#define GARBAGE_LINE (64 * 1024)

static void update_watch(struct lab_session *s);
static void on_io(int fd, unsigned events, void *arg);

/* SO_LINGER 0 then close: the kernel sends RST, not FIN. */
void lab_close_rst(int fd)
{
	struct linger lg = { 1, 0 };

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd);
}

/* Drop the control connection (RST or FIN) and forget its descriptor. */
static void drop_fd(struct lab_session *s, bool rst)
{
	if (s->fd < 0)
		return;
	loop_unwatch(lab_loop(s), s->fd);
	if (rst) {
		lab_close_rst(s->fd);
	} else {
		shutdown(s->fd, SHUT_WR);
		close(s->fd);
	}
	s->fd = -1;
}

/* End S with RST; the core frees it after the callback. */
void lab_session_reset(struct lab_session *s)
{
	drop_fd(s, true);
	s->dead = true;
}

/* All output is out and a close was asked for: send FIN and end. */
static void finish_close(struct lab_session *s)
{
	drop_fd(s, false);
	s->dead = true;
}

/* Write as much queued output as the socket takes. */
static void flush(struct lab_session *s)
{
	ssize_t n;

	while (s->fd >= 0 && s->outoff < s->outlen) {
		n = send(s->fd, s->out + s->outoff, s->outlen - s->outoff,
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			s->outoff += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			break;
		lab_session_reset(s);
		return;
	}
	if (s->outoff == s->outlen) {
		s->outoff = s->outlen = 0;
		if (s->close_after_flush) {
			finish_close(s);
			return;
		}
	}
	update_watch(s);
}

/* drip: send one byte, come back after the interval. */
static void on_drip(void *arg)
{
	struct lab_session *s = arg;
	ssize_t n;

	s->timer = NULL;
	if (s->fd >= 0 && s->outoff < s->outlen) {
		n = send(s->fd, s->out + s->outoff, 1,
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n == 1)
			s->outoff++;
		else if (n < 0 && errno != EAGAIN && errno != EINTR)
			lab_session_reset(s);
	}
	if (!s->dead && s->outoff < s->outlen)
		s->timer = loop_timer_add(lab_loop(s), s->ls->arg, on_drip, s);
	else if (!s->dead)
		flush(s);
	lab_session_reap(s);
}

/* Watch for input unless muted, and for writability while output waits. */
static void update_watch(struct lab_session *s)
{
	unsigned ev = s->muted ? 0 : LOOP_IN;
	bool drip = lab_hooks(s)->drip;

	if (s->fd < 0)
		return;
	if (s->outoff < s->outlen && !drip)
		ev |= LOOP_OUT;
	if (loop_watch(lab_loop(s), s->fd, ev, on_io, s) < 0)
		lab_session_reset(s);
}

/* Queue bytes (bounded) and send what the socket takes now. */
void lab_send_raw(struct lab_session *s, const char *buf, size_t len)
{
	char *p;

	if (s->dead || s->fd < 0 || s->close_after_flush)
		return;
	if (s->outlen + len > LAB_OUT_MAX) {
		lab_session_reset(s); /* the client does not read: bounded */
		return;
	}
	p = realloc(s->out, s->outlen + len);
	if (!p) {
		lab_session_reset(s);
		return;
	}
	s->out = p;
	memcpy(s->out + s->outlen, buf, len);
	s->outlen += len;
	if (!lab_hooks(s)->drip)
		flush(s);
	else if (!s->timer)
		s->timer = loop_timer_add(lab_loop(s), s->ls->arg, on_drip, s);
}

/* printf into the output queue. */
void lab_reply(struct lab_session *s, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	lab_send_raw(s, buf, (size_t)n);
}

/* FIN once the queued replies are out. */
void lab_session_close(struct lab_session *s)
{
	if (s->dead)
		return;
	s->close_after_flush = true;
	if (s->outoff == s->outlen)
		finish_close(s);
}

/* Stop or resume reading the control connection. */
void lab_session_mute(struct lab_session *s, bool muted)
{
	s->muted = muted;
	update_watch(s);
}

/* Assemble a command line; over-long lines are flagged, not kept. */
bool lab_take_line(struct lab_session *s, const char *buf, size_t len,
		   size_t *used, bool *toolong)
{
	const char *lf = memchr(buf, '\n', len);
	size_t take = lf ? (size_t)(lf - buf) : len;

	*toolong = false;
	*used = lf ? take + 1 : len;
	if (s->linelen + take > LAB_LINE_MAX)
		s->overlong = true;
	else {
		memcpy(s->line + s->linelen, buf, take);
		s->linelen += take;
	}
	if (!lf)
		return false;
	if (s->linelen && s->line[s->linelen - 1] == '\r')
		s->linelen--;
	s->line[s->linelen] = '\0';
	if (s->overlong) {
		*toolong = true;
		s->line[0] = '\0';
	}
	s->linelen = 0;
	s->overlong = false;
	s->commands++;
	return true;
}

/* Count an error; too many end the session with 421. */
bool lab_bad_command(struct lab_session *s)
{
	if (++s->errors < LAB_MAX_ERRORS)
		return false;
	if (s->ls->proto == PROTO_SMTP)
		lab_reply(s, "421 4.7.0 %s Too many errors, closing connection\r\n",
			  LAB_HOSTNAME);
	else if (s->ls->proto == PROTO_POP3)
		lab_reply(s, "-ERR Too many errors, closing connection\r\n");
	else if (s->ls->proto == PROTO_IMAP)
		lab_reply(s, "* BYE Too many errors, closing connection\r\n");
	else
		lab_reply(s, "421 Too many errors, closing control connection.\r\n");
	lab_session_close(s);
	return true;
}

/* idle-timeout: a NAT box forgets the control connection. */
static void on_idle(void *arg)
{
	struct lab_session *s = arg;

	s->idle = NULL;
	drop_fd(s, true);
	if (!(s->ls->proto == PROTO_FTP && s->ftp.data.running))
		s->dead = true;
	lab_session_reap(s);
}

/* idle-timeout: restart the countdown at each command. */
void lab_idle_touch(struct lab_session *s)
{
	if (!lab_hooks(s)->idle_reset || s->fd < 0)
		return;
	loop_timer_cancel(lab_loop(s), s->idle);
	s->idle = loop_timer_add(lab_loop(s), s->ls->arg * 1000, on_idle, s);
}

/* Read what the client sent and hand it to the protocol. */
static void read_some(struct lab_session *s)
{
	char buf[16384];
	size_t off = 0, used;
	ssize_t n;

	n = recv(s->fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0 && lab_hooks(s)->reset_after_greet) {
		lab_session_reset(s); /* the first command meets the RST */
		return;
	}
	if (n == 0 && s->ls->proto == PROTO_TCP) {
		finish_close(s); /* the client's FIN: close our side too */
		return;
	}
	if (n <= 0) {
		if (n < 0 || s->ls->proto == PROTO_SMTP || !s->ftp.data.running)
			lab_session_reset(s);
		else
			drop_fd(s, false);
		return;
	}
	while (off < (size_t)n && !s->dead && !s->muted &&
	       !s->close_after_flush && s->fd >= 0) {
		if (s->ls->proto == PROTO_SMTP)
			used = lab_smtp_feed(s, buf + off, (size_t)n - off);
		else if (proto_is_mailrecv(s->ls->proto))
			used = lab_mail_feed(s, buf + off, (size_t)n - off);
		else if (s->ls->proto == PROTO_TCP)
			used = lab_tcp_feed(s, buf + off, (size_t)n - off);
		else
			used = lab_ftp_feed(s, buf + off, (size_t)n - off);
		if (!used)
			break;
		off += used;
	}
}

/* Readiness of the control connection. */
static void on_io(int fd, unsigned events, void *arg)
{
	struct lab_session *s = arg;

	(void)fd;
	if ((events & LOOP_OUT) && !s->dead)
		flush(s);
	if ((events & (LOOP_IN | LOOP_ERR)) && !s->dead && s->fd >= 0 &&
	    !s->muted)
		read_some(s);
	lab_session_reap(s);
}

/* reset-on-connect / reset-after-greeting: now the RST. */
static void on_reset_later(void *arg)
{
	struct lab_session *s = arg;

	s->timer = NULL;
	lab_session_reset(s);
	lab_session_reap(s);
}

/* Send the protocol's greeting (and the faults bound to it). */
static void greet(struct lab_session *s)
{
	s->greeted = true;
	if (s->ls->proto == PROTO_SMTP)
		lab_smtp_greet(s);
	else if (proto_is_mailrecv(s->ls->proto))
		lab_mail_greet(s);
	else if (s->ls->proto == PROTO_TCP)
		lab_tcp_greet(s);
	else
		lab_ftp_greet(s);
	if (lab_hooks(s)->reset_after_greet && !s->dead)
		s->timer = loop_timer_add(lab_loop(s), RESET_DELAY_MS,
					  on_reset_later, s);
}

/* slow-greeting: the delay is over. */
static void on_slow_greeting(void *arg)
{
	struct lab_session *s = arg;

	s->timer = NULL;
	lab_session_mute(s, false);
	if (!s->dead)
		greet(s);
	lab_session_reap(s);
}

/* garbage: what a confused or hostile port sends instead of a greeting. */
void lab_accept_garbage(struct lab_session *s)
{
	static const char head[] =
		"\x1b[2J\x1b[H\x1b[31;1mWELCOME\x1b[0m\x07\x00\x01\x02\xff\xfe"
		"\x9b\x1b]0;title\x07 \xc3\x28 not a reply ";
	char *big = malloc(GARBAGE_LINE);

	lab_send_raw(s, head, sizeof(head) - 1);
	if (big) {
		memset(big, '#', GARBAGE_LINE);
		lab_send_raw(s, big, GARBAGE_LINE);
		free(big);
	}
	lab_session_close(s);
}

/* reset-on-connect: a moment later, as TCP wrappers or a scanner would. */
void lab_accept_reset(struct lab_session *s)
{
	lab_session_mute(s, true);
	s->timer = loop_timer_add(lab_loop(s), ACCEPT_RESET_MS,
				  on_reset_later, s);
}

/* slow-greeting: silence (input unread) for ARG seconds, then greet. */
void lab_accept_slow(struct lab_session *s)
{
	lab_session_mute(s, true);
	s->timer = loop_timer_add(lab_loop(s), s->ls->arg * 1000,
				  on_slow_greeting, s);
}

/* The fault's hooks: what S's listener does at each step. */
const struct lab_hooks *lab_hooks(const struct lab_session *s)
{
	return s->ls->fault->hooks;
}

/* Put S on LS's list and count it. */
static void link_session(struct lab_listener *ls, struct lab_session *s)
{
	s->next = ls->sessions;
	if (ls->sessions)
		ls->sessions->prev = s;
	ls->sessions = s;
	ls->nsessions++;
	ls->lab->nsessions++;
}

/* A new connection: register, then greet as the fault says. */
void lab_session_start(struct lab_listener *ls, int fd)
{
	struct lab_session *s = calloc(1, sizeof(*s));
	socklen_t len = sizeof(s->peer);

	if (!s) {
		lab_close_rst(fd);
		return;
	}
	s->ls = ls;
	s->fd = fd;
	s->ftp.data.fd = s->ftp.data.pasv_fd = -1;
	getpeername(fd, (struct sockaddr *)&s->peer, &len);
	len = sizeof(s->local);
	getsockname(fd, (struct sockaddr *)&s->local, &len);
	link_session(ls, s);
	if (loop_watch(lab_loop(s), fd, LOOP_IN, on_io, s) < 0) {
		lab_session_reset(s);
		lab_session_reap(s);
		return;
	}
	lab_idle_touch(s);
	if (lab_hooks(s)->on_accept)
		lab_hooks(s)->on_accept(s);
	else
		greet(s);
	lab_session_reap(s);
}

/* Release S: timers, data channel, control socket, list entry. */
void lab_session_free(struct lab_session *s)
{
	struct lab_listener *ls = s->ls;
	struct loop *loop = lab_loop(s);

	loop_timer_cancel(loop, s->timer);
	loop_timer_cancel(loop, s->idle);
	if (ls->proto == PROTO_FTP)
		lab_data_close(s);
	drop_fd(s, false);
	free(s->out);
	if (s->prev)
		s->prev->next = s->next;
	else
		ls->sessions = s->next;
	if (s->next)
		s->next->prev = s->prev;
	ls->nsessions--;
	ls->lab->nsessions--;
	free(s);
}

/* RST and free at once (restart, lab_free). */
void lab_session_kill(struct lab_session *s)
{
	drop_fd(s, true);
	lab_session_free(s);
}

/* Free S when a callback marked it dead. */
void lab_session_reap(struct lab_session *s)
{
	if (s && s->dead)
		lab_session_free(s);
}
