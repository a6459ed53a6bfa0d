/* mr_conn.c — a raw line connection with optional TLS on the loop: the
 * POP3/IMAP probes need every line and every response code, and to try
 * each SASL mechanism and USER/PASS on their own, which libcurl's POP3 and
 * IMAP do not let a caller choose. */
#include "config.h"

#include "mr_conn.h"

#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netpath.h"
#include "run.h"
#include "tcpconn.h"
#include "util.h"

static void on_io(int fd, unsigned events, void *arg);
static void read_lines(struct mr_conn *c);

/* The step deadline fired. */
static void on_timeout(void *arg)
{
	struct mr_conn *c = arg;

	c->timer = NULL;
	if (c->closed)
		return;
	c->fail = c->fail ? c->fail : MR_FAIL_TIMEOUT;
	mr_conn_close(c);
	c->cb(c, MR_EV_FAIL, c->arg);
}

/* (Re)start the step deadline of MS milliseconds. */
static void arm(struct mr_conn *c, int ms)
{
	loop_timer_cancel(c->loop, c->timer);
	c->timer = loop_timer_add(c->loop, ms, on_timeout, c);
}

/* End with WHY from inside a loop callback. */
static void fail_now(struct mr_conn *c, enum mr_fail why)
{
	if (c->closed)
		return;
	c->fail = why;
	mr_conn_close(c);
	c->cb(c, MR_EV_FAIL, c->arg);
}

/* End with WHY from a call the owner made: deliver it from the loop. */
static void fail_later(struct mr_conn *c, enum mr_fail why)
{
	c->fail = why;
	arm(c, 0);
}

/* The TCP handshake ended. */
static void on_connect(struct tcpconn *tc, int err, void *arg)
{
	struct mr_conn *c = arg;

	c->connect_ms = tcpconn_elapsed_us(tc) / 1000;
	if (err) {
		c->err = err;
		fail_now(c, err == ETIMEDOUT ? MR_FAIL_TIMEOUT
					     : MR_FAIL_CONNECT);
		return;
	}
	c->fd = tcpconn_fd(tc);
	loop_watch(c->loop, c->fd, LOOP_IN, on_io, c);
	arm(c, c->timeout_ms);
	c->cb(c, MR_EV_CONNECTED, c->arg);
}

int mr_conn_start(struct mr_conn *c, struct run *run,
		  const struct sockaddr *sa, int timeout_ms, mr_conn_cb cb,
		  void *arg)
{
	struct loop *loop = run->loop;

	memset(c, 0, sizeof(*c));
	c->loop = loop;
	c->run = run;
	c->fd = -1;
	c->timeout_ms = timeout_ms;
	c->cb = cb;
	c->arg = arg;
	c->connect_ms = -1;
	c->t0 = loop_now(loop);
	c->tc = netpath_connect(run, sa, timeout_ms, on_connect, c);
	if (!c->tc) {
		c->err = errno;
		c->fail = MR_FAIL_LOCAL;
		c->closed = true;
		return -1;
	}
	return 0;
}

/* OpenSSL's reason for the last failure into c->tls_error. */
static void tls_reason(struct mr_conn *c, int rc)
{
	unsigned long e = ERR_get_error();
	char raw[200];
	int why = SSL_get_error(c->ssl, rc);

	if (e)
		ERR_error_string_n(e, raw, sizeof(raw));
	else if (why == SSL_ERROR_SYSCALL && errno)
		str_copy(raw, strerror(errno), sizeof(raw));
	else
		str_copy(raw, "the server closed the connection during the "
			 "handshake", sizeof(raw));
	sanitize(raw, strlen(raw), c->tls_error, sizeof(c->tls_error), false);
	ERR_clear_error();
}

/* Drive the handshake one step (events follow when it ends). */
static void handshake_step(struct mr_conn *c)
{
	int rc = SSL_connect(c->ssl);

	if (rc == 1) {
		c->handshaking = false;
		loop_watch(c->loop, c->fd, LOOP_IN, on_io, c);
		arm(c, c->timeout_ms);
		c->cb(c, MR_EV_TLS_UP, c->arg);
		/* Records OpenSSL already holds raise no epoll event. */
		if (!c->closed && c->ssl && SSL_pending(c->ssl) > 0)
			read_lines(c);
		return;
	}
	switch (SSL_get_error(c->ssl, rc)) {
	case SSL_ERROR_WANT_READ:
		loop_watch(c->loop, c->fd, LOOP_IN, on_io, c);
		return;
	case SSL_ERROR_WANT_WRITE:
		loop_watch(c->loop, c->fd, LOOP_IN | LOOP_OUT, on_io, c);
		return;
	default:
		c->err = errno == ECONNRESET ? ECONNRESET : 0;
		tls_reason(c, rc);
		/* No TLS record came: what follows its first 5 bytes waits
		 * in the socket (an SSH banner, an HTTP answer). */
		tls_peek_socket(&c->peek, c->fd);
		fail_now(c, MR_FAIL_TLS);
	}
}

/* Trust, SNI and the name to check on a new SSL for HOST. */
static int tls_setup(struct mr_conn *c, const char *host, const char *cacert)
{
	struct sockaddr_storage ss;
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	c->ssl_ctx = ctx;
	if (!ctx)
		return -1;
	SSL_CTX_set_default_verify_paths(ctx);
	if (cacert)
		SSL_CTX_load_verify_locations(ctx, cacert, NULL);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	if (netpath_ssl_ctx(c->run, ctx) < 0)
		return -1;
	c->ssl = SSL_new(ctx);
	if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1)
		return -1;
	memset(&c->peek, 0, sizeof(c->peek));
	tls_peek_watch(&c->peek, c->ssl);
	if (addr_parse(host, 0, &ss)) {
		X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl), host);
	} else {
		SSL_set_tlsext_host_name(c->ssl, host);
		SSL_set1_host(c->ssl, host);
	}
	return 0;
}

int mr_conn_starttls(struct mr_conn *c, const char *host, const char *cacert)
{
	if (c->closed || c->fd < 0 || c->ssl)
		return -1;
	if (tls_setup(c, host, cacert) < 0) {
		str_copy(c->tls_error, "no TLS context", sizeof(c->tls_error));
		fail_later(c, MR_FAIL_LOCAL);
		return -1;
	}
	c->handshaking = true;
	c->nbuf = 0;
	arm(c, c->timeout_ms);
	loop_watch(c->loop, c->fd, LOOP_IN | LOOP_OUT, on_io, c);
	return 0;
}

/* Hand the line in c->buf to the owner. */
static void line_done(struct mr_conn *c)
{
	size_t n = c->nbuf;

	if (n && c->buf[n - 1] == '\r')
		n--;
	memcpy(c->line, c->buf, n);
	c->line[n] = '\0';
	c->nbuf = 0;
	c->cut = false;
	c->cb(c, MR_EV_LINE, c->arg);
}

/* Split N received bytes into lines; stops when the owner closed the
 * connection or began TLS (bytes after STLS's answer are never trusted). */
static void feed(struct mr_conn *c, const char *data, size_t n)
{
	size_t i;
	void *ssl = c->ssl;

	for (i = 0; i < n; i++) {
		if (data[i] == '\n') {
			line_done(c);
			if (c->closed || c->handshaking || c->ssl != ssl)
				return;
		} else if (c->nbuf < MR_LINE_MAX) {
			c->buf[c->nbuf++] = data[i];
		} else {
			c->cut = true;
		}
	}
}

/* Read once: bytes, 0 at EOF, -1 with errno (EAGAIN: nothing more). */
static ssize_t read_some(struct mr_conn *c, char *buf, size_t size)
{
	int rc, why;

	if (!c->ssl)
		return recv(c->fd, buf, size, 0);
	rc = SSL_read(c->ssl, buf, (int)size);
	if (rc > 0)
		return rc;
	why = SSL_get_error(c->ssl, rc);
	if (why == SSL_ERROR_WANT_READ || why == SSL_ERROR_WANT_WRITE) {
		errno = EAGAIN;
		return -1;
	}
	if (why == SSL_ERROR_ZERO_RETURN)
		return 0;
	ERR_clear_error();
	if (!errno || errno == EAGAIN)
		errno = ECONNRESET;
	return -1;
}

/* Read until the socket is drained (bounded) and hand out lines. */
static void read_lines(struct mr_conn *c)
{
	char buf[4096];
	ssize_t n;
	void *ssl = c->ssl;

	while (!c->closed && !c->handshaking && c->ssl == ssl) {
		n = read_some(c, buf, sizeof(buf));
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			c->err = n < 0 ? errno : 0;
			fail_now(c, n == 0 ? MR_FAIL_CLOSED : MR_FAIL_RESET);
			return;
		}
		c->total += (size_t)n;
		if (c->total > MR_READ_MAX) {
			fail_now(c, MR_FAIL_OVERLONG);
			return;
		}
		arm(c, c->timeout_ms);
		feed(c, buf, (size_t)n);
	}
}

/* The socket is ready: handshake or read. */
static void on_io(int fd, unsigned events, void *arg)
{
	struct mr_conn *c = arg;

	(void)fd;
	(void)events;
	if (c->closed)
		return;
	if (c->handshaking)
		handshake_step(c);
	else
		read_lines(c);
}

int mr_conn_send(struct mr_conn *c, const char *line)
{
	char out[MR_LINE_MAX + 3];
	size_t n = str_printf(out, sizeof(out), "%s\r\n", line);
	ssize_t w;

	if (c->closed || c->fd < 0)
		return -1;
	if (c->ssl)
		w = SSL_write(c->ssl, out, (int)n);
	else
		w = send(c->fd, out, n, MSG_NOSIGNAL);
	if (w != (ssize_t)n) {
		/* A command line is far below any socket buffer: a short
		 * write means the connection is gone. */
		c->err = w < 0 ? errno : EPIPE;
		ERR_clear_error();
		fail_later(c, MR_FAIL_RESET);
		return -1;
	}
	arm(c, c->timeout_ms);
	return 0;
}

void *mr_conn_ssl(const struct mr_conn *c)
{
	return c->ssl && !c->handshaking ? c->ssl : NULL;
}

void mr_conn_close(struct mr_conn *c)
{
	if (!c->loop)
		return;
	c->closed = true;
	loop_timer_cancel(c->loop, c->timer);
	c->timer = NULL;
	if (c->fd >= 0)
		loop_unwatch(c->loop, c->fd);
	if (c->ssl)
		SSL_free(c->ssl);
	if (c->ssl_ctx)
		SSL_CTX_free(c->ssl_ctx);
	c->ssl = c->ssl_ctx = NULL;
	if (c->tc)
		tcpconn_free(c->tc); /* closes the socket */
	c->tc = NULL;
	c->fd = -1;
}

const char *mr_fail_name(const struct mr_conn *c)
{
	switch (c->fail) {
	case MR_FAIL_CONNECT:
		if (c->err == ECONNREFUSED)
			return "refused";
		if (c->err == EHOSTUNREACH || c->err == ENETUNREACH)
			return "unreachable";
		return "connect_failed";
	case MR_FAIL_CLOSED:	return "closed";
	case MR_FAIL_RESET:	return "reset";
	case MR_FAIL_TIMEOUT:
		return c->connect_ms < 0 ? "connect_timeout" : "timeout";
	case MR_FAIL_TLS:	return "tls_handshake";
	case MR_FAIL_OVERLONG:	return "overlong";
	case MR_FAIL_LOCAL:	return "local";
	default:		return "ok";
	}
}
