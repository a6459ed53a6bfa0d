/* tls_hs.h — one non-blocking OpenSSL client handshake on the loop, for
 * the probes that only need the handshake (tcp.tls, pmtu): a client
 * context and session on a connected non-blocking socket, SSL_connect
 * stepped on each readiness the loop reports (the watch re-armed for
 * what OpenSSL wants, SSL_ERROR_WANT_READ or _WANT_WRITE), bounded by a
 * deadline, one callback when it is done, failed or out of time, then
 * the teardown.  What the ending means (verified, "the flight arrived",
 * reset...) is the caller's: this file judges nothing.
 *
 * Use:
 *   tls_hs_ctx(&hs)                    SSL_CTX_new(TLS_client_method()),
 *                                      SSL_CTX_set_verify(SSL_VERIFY_NONE)
 *   ...caller configures hs.ctx (CAs, client certificate)...
 *   tls_hs_session(&hs, fd, sni)       SSL_new, SSL_set_fd, SNI
 *   ...caller configures hs.ssl (SSL_set1_host)...
 *   tls_hs_run(&hs, loop, ms, fn, arg) the deadline, the first step
 *   fn(&hs, end, arg)                  once, from inside the loop (or
 *                                      from tls_hs_run when the first step
 *                                      ends it); hs.ssl is still usable
 *   tls_hs_free(&hs)                   deadline, watch, SSL, SSL_CTX
 *
 * A zeroed struct tls_hs holds nothing; tls_hs_free() on it is a no-op.
 * The socket stays the caller's (SSL_set_fd does not close it). */
#ifndef SOCKDOC_TLS_HS_H
#define SOCKDOC_TLS_HS_H

#include <openssl/ssl.h>
#include <stdbool.h>
#include <stdint.h>

struct loop;
struct loop_timer;

/* How the handshake ended. */
enum tls_hs_end {
	TLS_HS_DONE,    /* SSL_connect returned 1 */
	TLS_HS_FAILED,  /* SSL_connect failed: ssl_error, sys_errno say how */
	TLS_HS_TIMEOUT  /* the deadline passed first */
};

struct tls_hs;

/* Called once when the handshake ends; ARG is tls_hs_run's.  It may call
 * tls_hs_free(HS) (and free the memory HS lives in): nothing in this
 * file touches HS after the call. */
typedef void (*tls_hs_fn)(struct tls_hs *hs, enum tls_hs_end end,
			  void *arg);

/* One handshake.  Fields are read-only for the caller except ctx and ssl,
 * which it may configure between the calls above. */
struct tls_hs {
	SSL_CTX *ctx;              /* client context, NULL before tls_hs_ctx */
	SSL *ssl;                  /* the session on fd, NULL before
				    * tls_hs_session */
	int fd;                    /* the connected non-blocking socket */
	struct loop *loop;         /* set by tls_hs_run: watch and deadline */
	struct loop_timer *timer;  /* the deadline, NULL once fired */
	tls_hs_fn fn;              /* the ending's callback */
	void *arg;                 /* its argument */
	int ssl_error;             /* TLS_HS_FAILED: SSL_get_error's code
				    * (SSL_ERROR_SSL, _SYSCALL,
				    * _ZERO_RETURN...) */
	int sys_errno;             /* TLS_HS_FAILED: errno after SSL_connect
				    * (0 none; ECONNRESET...) */
};

/* A client context (TLS_client_method) that enforces no verification
 * (SSL_VERIFY_NONE: a verify result can still be read afterwards).
 * Returns false when OpenSSL cannot make one (out of memory). */
bool tls_hs_ctx(struct tls_hs *hs);

/* The session from HS->ctx on FD (connected, non-blocking), sending SNI
 * (SSL_set_tlsext_host_name) unless it is NULL.  Returns false when
 * SSL_new or SSL_set_fd fails. */
bool tls_hs_session(struct tls_hs *hs, int fd, const char *sni);

/* Start the handshake on LOOP, TIMEOUT_MS milliseconds at the most; FN
 * tells the end (perhaps before this returns).  OpenSSL's error queue is
 * cleared before each SSL_connect and left as it failed for FN to read
 * (ERR_get_error). */
void tls_hs_run(struct tls_hs *hs, struct loop *loop, int64_t timeout_ms,
		tls_hs_fn fn, void *arg);

/* Cancel the deadline, stop watching the socket (when run), free the
 * session and the context; HS holds nothing afterwards. */
void tls_hs_free(struct tls_hs *hs);

#endif
