/* tls_hs.c — the non-blocking OpenSSL client handshake that tcp.tls and
 * pmtu share: SSL_connect stepped on the loop's readiness, bounded by a
 * deadline, one callback at the end (tls_hs.h). */
#include "config.h"

#include "tls_hs.h"

#include <errno.h>
#include <openssl/err.h>
#include <string.h>

#include "loop.h"

bool tls_hs_ctx(struct tls_hs *hs)
{
	hs->ctx = SSL_CTX_new(TLS_client_method());
	if (!hs->ctx)
		return false;
	SSL_CTX_set_verify(hs->ctx, SSL_VERIFY_NONE, NULL);
	return true;
}

bool tls_hs_session(struct tls_hs *hs, int fd, const char *sni)
{
	hs->fd = fd;
	hs->ssl = SSL_new(hs->ctx);
	if (!hs->ssl || SSL_set_fd(hs->ssl, fd) != 1)
		return false;
	if (sni)
		SSL_set_tlsext_host_name(hs->ssl, sni);
	return true;
}

static void tls_hs_io(int fd, unsigned events, void *arg);

/* One SSL_connect: the end to the callback, or the watch re-armed for
 * the direction OpenSSL waits on. */
static void tls_hs_step(struct tls_hs *hs)
{
	int rc, e;

	ERR_clear_error();
	errno = 0;
	rc = SSL_connect(hs->ssl);
	if (rc == 1) {
		hs->fn(hs, TLS_HS_DONE, hs->arg);
		return;
	}
	e = SSL_get_error(hs->ssl, rc);
	if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
		loop_watch(hs->loop, hs->fd, e == SSL_ERROR_WANT_READ ?
			   LOOP_IN : LOOP_OUT, tls_hs_io, hs);
		return;
	}
	hs->ssl_error = e;
	hs->sys_errno = errno;
	hs->fn(hs, TLS_HS_FAILED, hs->arg);
}

/* Readiness for the handshake: the next step. */
static void tls_hs_io(int fd, unsigned events, void *arg)
{
	(void)fd;
	(void)events;
	tls_hs_step(arg);
}

/* The deadline passed before the handshake ended. */
static void tls_hs_deadline(void *arg)
{
	struct tls_hs *hs = arg;

	hs->timer = NULL;
	hs->fn(hs, TLS_HS_TIMEOUT, hs->arg);
}

void tls_hs_run(struct tls_hs *hs, struct loop *loop, int64_t timeout_ms,
		tls_hs_fn fn, void *arg)
{
	hs->loop = loop;
	hs->fn = fn;
	hs->arg = arg;
	hs->timer = loop_timer_add(loop, timeout_ms, tls_hs_deadline, hs);
	tls_hs_step(hs);
}

void tls_hs_free(struct tls_hs *hs)
{
	if (hs->loop) {
		loop_timer_cancel(hs->loop, hs->timer);
		loop_unwatch(hs->loop, hs->fd);
	}
	SSL_free(hs->ssl);
	SSL_CTX_free(hs->ctx);
	memset(hs, 0, sizeof(*hs));
}
