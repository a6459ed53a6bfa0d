/* tls_peek.h — what a server sent where the TLS handshake's first record
 * was due.  A client set to implicit TLS (smtps://, ftps://) that meets an
 * SSH or a plain-text server only hears OpenSSL's "wrong version number"
 * (or "packet length too long", "http request"); the bytes themselves
 * tell what listens.  libcurl hands them over twice: OpenSSL's record
 * header callback gives the first 5 bytes as they came (libcurl's
 * CURLINFO_SSL_DATA_IN before any handshake message), and OpenSSL reads
 * no further without read-ahead, so the rest waits in the socket, read
 * (peeked) when libcurl closes it (CURLOPT_CLOSESOCKETFUNCTION).
 * The probes with their own OpenSSL session (mailrecv, tcp.tls) get the
 * same header from OpenSSL's message callback (tls_peek_watch) and peek
 * the socket when SSL_connect fails. */
#ifndef SOCKDOC_TLS_PEEK_H
#define SOCKDOC_TLS_PEEK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "reply.h"

#define TLS_PEEK_MAX 160 /* first bytes kept (a greeting line's worth) */

/* The first bytes of one TLS session's server side. */
struct tls_peek {
	unsigned char head[TLS_PEEK_MAX]; /* bytes as they came */
	size_t n;                         /* used in head */
	bool seen;                        /* the first record header came */
	bool done;                        /* the socket was read at close */
};

struct ssl_st; /* OpenSSL's SSL */

/* libcurl's CURLINFO_SSL_DATA_IN (SIZE bytes of DATA): only the first
 * one, the first record header, is kept. */
void tls_peek_data_in(struct tls_peek *t, const void *data, size_t size);
/* For a caller's own OpenSSL session SSL: keep the first record header
 * read into T (SSL_set_msg_callback, SSL3_RT_HEADER; the callback slot
 * is T's from now on).  T must live as long as SSL. */
void tls_peek_watch(struct tls_peek *t, struct ssl_st *ssl);
/* libcurl closes socket FD: when the first header was no TLS record,
 * add what follows it in the socket (peeked, never waited for). */
void tls_peek_socket(struct tls_peek *t, int fd);
/* What the first bytes are when they are no TLS record (SNIFF_SSH,
 * SNIFF_REPLY...); SNIFF_EMPTY when nothing came or a TLS record did. */
enum sniff tls_peek_sniff(const struct tls_peek *t);
/* {"sniff": token, "raw": first bytes (sanitized)} when the server sent
 * no TLS record, else NULL (new reference). */
json_t *tls_peek_json(const struct tls_peek *t);
/* The protocol the first bytes name ("SSH", "HTTP", "POP3", "IMAP";
 * sniff_protocol) when it is not OWN (the target's, same spelling: a
 * plain greeting of the target's own protocol is a security mode
 * mismatch, not another protocol); NULL otherwise. */
const char *tls_peek_foreign(const struct tls_peek *t, const char *own);
/* details "wrong_protocol" for a foreign protocol (tls_peek_foreign):
 * {"protocol", "sniff", "raw", "where": "tls"}, else NULL (new
 * reference). */
json_t *tls_peek_foreign_json(const struct tls_peek *t, const char *own);

#endif
