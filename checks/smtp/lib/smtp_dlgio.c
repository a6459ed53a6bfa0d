/* smtp_dlgio.c — the transport of sockdoc's own SMTP dialogue: TCP via
 * tcpconn, TLS via OpenSSL (non-blocking), bounded reads through the
 * reply parser, a deadline with one late window, and a failed handshake
 * told apart: no bytes at all, an alert, a reset, a version refusal. */
#include "config.h"

#include "smtp_dlgio.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <string.h>
#include <sys/socket.h>

#include "netpath.h"
#include "probe.h"
#include "run.h"
#include "util.h"

#define LATE_MAX_MS 15000

static void hs_end(struct sdlg_io *io, const char *result);

/* "[label] TEXT" into the transcript. */
static void io_log(struct sdlg_io *io, enum ts_dir dir, const char *text)
{
	char buf[640];
	size_t n = str_printf(buf, sizeof(buf), "[%s] %s",
			      io->d->cfg.label, text);

	probe_transcript(io->d->probe, dir, buf, n);
}

/* The deadline or the late window passed. */
static void on_deadline(void *arg)
{
	struct sdlg_io *io = arg;
	int ms = io->d->cfg.timeout_ms;

	io->timer = NULL;
	if (io->hs) {
		hs_end(io, io->d->tls.bytes_in ? "stalled" : "no_bytes");
		return;
	}
	if (io->late) {
		sdlg_event(io, DIO_TIMEOUT, NULL, ETIMEDOUT);
		return;
	}
	io->late = true;
	io->deadline_at = loop_now(io->loop);
	io->timer = loop_timer_add(io->loop, ms < LATE_MAX_MS ? ms
				   : LATE_MAX_MS, on_deadline, io);
	sdlg_event(io, DIO_LATE, NULL, 0);
}

void dlgio_deadline(struct sdlg_io *io)
{
	loop_timer_cancel(io->loop, io->timer);
	io->late = false;
	io->timer = loop_timer_add(io->loop, io->d->cfg.timeout_ms,
				   on_deadline, io);
}

/* Stop the deadline (a reply arrived). */
static void deadline_off(struct sdlg_io *io)
{
	loop_timer_cancel(io->loop, io->timer);
	io->timer = NULL;
}

/* Every reply line into the transcript. */
static void log_reply(struct sdlg_io *io, const struct reply *r)
{
	char line[600];
	const char *s = r->text, *nl;

	do {
		nl = strchr(s, '\n');
		str_printf(line, sizeof(line), "%d%c%.*s", r->code,
			   nl ? '-' : ' ', (int)(nl ? nl - s : (long)strlen(s)),
			   s);
		io_log(io, TS_RECV, line);
		s = nl ? nl + 1 : s;
	} while (nl);
}

/* Feed received bytes; replies go to the dialogue. */
static void feed(struct sdlg_io *io, const char *buf, size_t n)
{
	struct reply r;
	size_t used;

	while (n > 0 && !io->ended) {
		enum reply_status rs = reply_feed(&io->rp, buf, n, &used, &r);

		if (rs == REPLY_BAD) {
			deadline_off(io);
			if (io->cur >= 0) /* the offending line, as evidence */
				sanitize(io->rp.line, strlen(io->rp.line),
					 io->d->ex[io->cur].text,
					 sizeof(io->d->ex[io->cur].text), false);
			sdlg_event(io, DIO_MALFORMED, NULL, EPROTO);
			return;
		}
		buf += used;
		n -= used;
		if (rs != REPLY_DONE)
			break;
		deadline_off(io);
		log_reply(io, &r);
		sdlg_event(io, DIO_REPLY, &r, 0);
	}
}

/* The connection ended while reading. */
static void read_end(struct sdlg_io *io, int err)
{
	deadline_off(io);
	loop_unwatch(io->loop, io->fd);
	if (err == ECONNRESET)
		sdlg_event(io, DIO_RESET, NULL, err);
	else if (err)
		sdlg_event(io, DIO_ERROR, NULL, err);
	else
		sdlg_event(io, DIO_CLOSED, NULL, 0);
}

/* An alert right after the handshake (TLS 1.3: the server judges the
 * client certificate only then) means the server refused the session:
 * the handshake is judged "alert", not "ok". */
static void post_handshake_alert(struct sdlg_io *io)
{
	struct sdlg_tls *t = &io->d->tls;

	if (!t->alert[0] || !t->up)
		return;
	t->up = false;
	str_copy(t->result, "alert", sizeof(t->result));
}

/* Readable over TLS: drain what OpenSSL holds. */
static void read_tls(struct sdlg_io *io)
{
	char buf[4096];
	int n, e;

	while (!io->ended) {
		n = SSL_read(io->ssl, buf, sizeof(buf));
		if (n > 0) {
			feed(io, buf, (size_t)n);
			continue;
		}
		e = SSL_get_error(io->ssl, n);
		if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
			return;
		ERR_clear_error();
		post_handshake_alert(io);
		read_end(io, e == SSL_ERROR_ZERO_RETURN ? 0 :
			 errno == ECONNRESET ? ECONNRESET : 0);
		return;
	}
}

static void hs_step(struct sdlg_io *io);

/* The socket is ready. */
static void on_io(int fd, unsigned events, void *arg)
{
	struct sdlg_io *io = arg;
	char buf[4096];
	ssize_t n;

	(void)events;
	if (io->hs) {
		hs_step(io);
		return;
	}
	if (io->ssl) {
		read_tls(io);
		return;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	if (n > 0)
		feed(io, buf, (size_t)n);
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		read_end(io, n == 0 ? 0 : errno);
}

/* The TCP handshake ended. */
static void on_connect(struct tcpconn *c, int err, void *arg)
{
	struct sdlg_io *io = arg;

	if (!err) {
		io->fd = tcpconn_fd(c);
		loop_watch(io->loop, io->fd, LOOP_IN, on_io, io);
	}
	sdlg_event(io, DIO_CONNECTED, NULL, err);
}

int dlgio_connect(struct sdlg_io *io)
{
	struct run *run = io->d->probe->run;
	const struct sdlg_cfg *c = &io->d->cfg;

	io->fd = -1;
	reply_parser_init(&io->rp);
	if (c->mss > 0) /* direct, from the run's source, with TCP_MAXSEG */
		io->conn = netpath_connect_mss(run, c->sa, c->mss,
					       c->timeout_ms, on_connect, io);
	else /* the run's path: direct or through its proxy */
		io->conn = netpath_connect(run, c->sa, c->timeout_ms,
					   on_connect, io);
	return io->conn ? 0 : -errno;
}

int dlgio_write(struct sdlg_io *io, const char *raw, size_t len)
{
	ssize_t n;

	if (io->fd < 0)
		return -ENOTCONN;
	if (io->ssl) {
		n = SSL_write(io->ssl, raw, (int)len);
		if (n <= 0) {
			ERR_clear_error();
			return -EIO;
		}
	} else {
		n = send(io->fd, raw, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0)
			return -errno;
	}
	/* Lines and the small test message fit a fresh socket buffer. */
	return (size_t)n == len ? 0 : -EAGAIN;
}

int dlgio_send(struct sdlg_io *io, const char *line, const char *log)
{
	char buf[600];
	size_t n = str_printf(buf, sizeof(buf), "%s\r\n", line);
	int rc;

	io_log(io, TS_SENT, log ? log : line);
	rc = dlgio_write(io, buf, n);
	OPENSSL_cleanse(buf, sizeof(buf));
	if (rc == 0)
		dlgio_deadline(io);
	return rc;
}

/* Alerts the server sends, in its words ("protocol version"). */
static void info_cb(const SSL *ssl, int where, int ret)
{
	struct sdlg_io *io = SSL_get_app_data(ssl);

	if ((where & SSL_CB_READ_ALERT) && io && !io->d->tls.alert[0])
		str_copy(io->d->tls.alert, SSL_alert_desc_string_long(ret),
			 sizeof(io->d->tls.alert));
}

/* Versions, ciphers and verification for the context. */
static int ctx_setup(struct sdlg_io *io)
{
	const struct sdlg_cfg *c = &io->d->cfg;

	io->ctx = SSL_CTX_new(TLS_client_method());
	if (!io->ctx || netpath_ssl_ctx(io->d->probe->run, io->ctx) < 0)
		return -1; /* --cert/--key as the client presents them */
	if (c->tls_min)
		SSL_CTX_set_min_proto_version(io->ctx, c->tls_min);
	if (c->seclevel0) {
		SSL_CTX_set_security_level(io->ctx, 0);
		SSL_CTX_set_cipher_list(io->ctx, "DEFAULT:@SECLEVEL=0");
	}
	if (c->verify) {
		SSL_CTX_set_verify(io->ctx, SSL_VERIFY_PEER, NULL);
		SSL_CTX_set_default_verify_paths(io->ctx);
		if (c->cacert)
			SSL_CTX_load_verify_locations(io->ctx, c->cacert, NULL);
	}
	return 0;
}

/* The session: SNI for a name, the name or address to verify. */
static int ssl_setup(struct sdlg_io *io)
{
	const struct sdlg_cfg *c = &io->d->cfg;
	unsigned char tmp[16];
	bool ip = inet_pton(AF_INET, c->host, tmp) == 1 ||
		  inet_pton(AF_INET6, c->host, tmp) == 1;

	io->ssl = SSL_new(io->ctx);
	if (!io->ssl || SSL_set_fd(io->ssl, io->fd) != 1)
		return -1;
	SSL_set_app_data(io->ssl, io);
	SSL_set_info_callback(io->ssl, info_cb);
	if (!ip)
		SSL_set_tlsext_host_name(io->ssl, c->host);
	if (c->verify && !ip)
		SSL_set1_host(io->ssl, c->host);
	else if (c->verify)
		X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(io->ssl),
					      c->host);
	return 0;
}

/* Is REASON (ERR_GET_REASON) a protocol version refusal? */
static bool version_reason(int reason)
{
	return reason == SSL_R_UNSUPPORTED_PROTOCOL ||
	       reason == SSL_R_NO_PROTOCOLS_AVAILABLE ||
	       reason == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION ||
	       reason == SSL_R_WRONG_SSL_VERSION ||
	       reason == SSL_R_VERSION_TOO_LOW ||
	       reason == SSL_R_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED;
}

/* How a handshake failed: SSL_get_error's E, the errno saved. */
static const char *hs_failure(struct sdlg_io *io, int e, int err)
{
	struct sdlg_tls *t = &io->d->tls;
	unsigned long code = ERR_peek_error();
	char buf[160];

	if (code) {
		ERR_error_string_n(code, buf, sizeof(buf));
		sanitize(buf, strlen(buf), t->error, sizeof(t->error), false);
	}
	ERR_clear_error();
	/* The ServerHello named a version below TLS 1.2: whatever failed
	 * next (signature algorithms, ciphers) follows from it. */
	if (t->bytes_in && SSL_version(io->ssl) > 0 &&
	    SSL_version(io->ssl) < TLS1_2_VERSION)
		return "version";
	if (strstr(t->alert, "protocol version") ||
	    (code && version_reason(ERR_GET_REASON(code))))
		return "version";
	if (t->alert[0])
		return "alert";
	if (e == SSL_ERROR_SYSCALL && err == ECONNRESET)
		return "reset";
	if (e == SSL_ERROR_SYSCALL || e == SSL_ERROR_ZERO_RETURN)
		return t->bytes_in ? "closed" : "no_bytes";
	if (code && ERR_GET_REASON(code) == SSL_R_CERTIFICATE_VERIFY_FAILED)
		return "verify";
	return "error";
}

/* The MSS socket FD sends with (TCP_INFO tcpi_snd_mss), 0 unknown. */
static int snd_mss(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (fd < 0 || getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return 0;
	return (int)ti.tcpi_snd_mss;
}

/* The handshake ended with RESULT. */
static void hs_end(struct sdlg_io *io, const char *result)
{
	struct sdlg_tls *t = &io->d->tls;

	io->hs = false;
	deadline_off(io);
	t->ms = loop_now(io->loop) - io->hs_t0;
	t->mss = snd_mss(io->fd);
	str_copy(t->result, result, sizeof(t->result));
	t->up = !strcmp(result, "ok");
	if (t->up) {
		str_copy(t->version, SSL_get_version(io->ssl),
			 sizeof(t->version));
		str_copy(t->cipher, SSL_get_cipher_name(io->ssl),
			 sizeof(t->cipher));
		loop_watch(io->loop, io->fd, LOOP_IN, on_io, io);
	}
	io_log(io, TS_INFO, t->up ? t->version : result);
	sdlg_event(io, DIO_TLS_DONE, NULL, 0);
}

/* One step of the non-blocking handshake. */
static void hs_step(struct sdlg_io *io)
{
	int r = SSL_connect(io->ssl), e, err;

	io->d->tls.bytes_in = (long)BIO_number_read(SSL_get_rbio(io->ssl));
	if (r == 1) {
		hs_end(io, "ok");
		return;
	}
	err = errno;
	e = SSL_get_error(io->ssl, r);
	if (e == SSL_ERROR_WANT_READ) {
		loop_watch(io->loop, io->fd, LOOP_IN, on_io, io);
		return;
	}
	if (e == SSL_ERROR_WANT_WRITE) {
		loop_watch(io->loop, io->fd, LOOP_IN | LOOP_OUT, on_io, io);
		return;
	}
	hs_end(io, hs_failure(io, e, err));
}

void dlgio_tls_begin(struct sdlg_io *io)
{
	io->d->tls.tried = true;
	io->hs_t0 = loop_now(io->loop);
	reply_parser_init(&io->rp); /* nothing sent before TLS counts */
	if (ctx_setup(io) < 0 || ssl_setup(io) < 0) {
		hs_end(io, "error");
		return;
	}
	io->hs = true;
	loop_timer_cancel(io->loop, io->timer);
	io->timer = loop_timer_add(io->loop, io->d->cfg.timeout_ms,
				   on_deadline, io);
	hs_step(io);
}

void dlgio_close(struct sdlg_io *io)
{
	loop_timer_cancel(io->loop, io->timer);
	io->timer = NULL;
	if (io->fd >= 0)
		loop_unwatch(io->loop, io->fd);
	if (io->ssl)
		SSL_free(io->ssl);
	if (io->ctx)
		SSL_CTX_free(io->ctx);
	io->ssl = NULL;
	io->ctx = NULL;
	tcpconn_free(io->conn);
	io->conn = NULL;
	io->fd = -1;
}
