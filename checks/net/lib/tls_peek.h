/* tls_peek.h — what a server sent where the TLS handshake's first record
 * was due.  A client set to implicit TLS (smtps://, ftps://) that meets an
 * SSH or a plain-text server only hears OpenSSL's "wrong version number"
 * (or "packet length too long", "http request"); the bytes themselves
 * tell what listens.  libcurl hands them over twice: OpenSSL's record
 * header callback gives the first 5 bytes as they came (libcurl's
 * CURLINFO_SSL_DATA_IN before any handshake message), and OpenSSL reads
 * no further without read-ahead, so the rest waits in the socket, read
 * (peeked) when libcurl closes it (CURLOPT_CLOSESOCKETFUNCTION). */
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

/* libcurl's CURLINFO_SSL_DATA_IN (SIZE bytes of DATA): only the first
 * one, the first record header, is kept. */
void tls_peek_data_in(struct tls_peek *t, const void *data, size_t size);
/* libcurl closes socket FD: when the first header was no TLS record,
 * add what follows it in the socket (peeked, never waited for). */
void tls_peek_socket(struct tls_peek *t, int fd);
/* What the first bytes are when they are no TLS record (SNIFF_SSH,
 * SNIFF_REPLY...); SNIFF_EMPTY when nothing came or a TLS record did. */
enum sniff tls_peek_sniff(const struct tls_peek *t);
/* {"sniff": token, "raw": first bytes (sanitized)} when the server sent
 * no TLS record, else NULL (new reference). */
json_t *tls_peek_json(const struct tls_peek *t);

#endif
