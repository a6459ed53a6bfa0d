/* tls_peek.c — the first bytes a server sent where a TLS record was due
 * (see tls_peek.h). */
#include "config.h"

#include <openssl/ssl.h>
#include <string.h>
#include <sys/socket.h>

#include "jsontext.h"
#include "tls_peek.h"
#include "util.h"

void tls_peek_data_in(struct tls_peek *t, const void *data, size_t size)
{
	if (t->seen || !size)
		return;
	t->seen = true;
	t->n = size < sizeof(t->head) ? size : sizeof(t->head);
	memcpy(t->head, data, t->n);
}

/* OpenSSL's message callback: only what the server sent, and of that
 * only a record header (SSL3_RT_HEADER, the 5 bytes as they came). */
static void peek_msg(int write_p, int version, int content_type,
		     const void *buf, size_t len, SSL *ssl, void *arg)
{
	(void)version;
	(void)ssl;
	if (!write_p && content_type == SSL3_RT_HEADER)
		tls_peek_data_in(arg, buf, len);
}

void tls_peek_watch(struct tls_peek *t, struct ssl_st *ssl)
{
	SSL_set_msg_callback(ssl, peek_msg);
	SSL_set_msg_callback_arg(ssl, t);
}

/* True when the kept bytes begin a TLS record: content type 20..24
 * (RFC 8446 5.1) and major version 3. */
static bool is_record(const struct tls_peek *t)
{
	return t->n >= 2 && t->head[0] >= 20 && t->head[0] <= 24 &&
	       t->head[1] == 3;
}

void tls_peek_socket(struct tls_peek *t, int fd)
{
	unsigned char buf[TLS_PEEK_MAX];
	ssize_t got;
	size_t room = sizeof(t->head) - t->n;

	if (t->done || !t->seen || is_record(t) || fd < 0)
		return;
	t->done = true;
	got = recv(fd, buf, room, MSG_PEEK | MSG_DONTWAIT);
	if (got > 0) {
		memcpy(t->head + t->n, buf, (size_t)got);
		t->n += (size_t)got;
	}
}

enum sniff tls_peek_sniff(const struct tls_peek *t)
{
	if (!t->seen || !t->n || is_record(t))
		return SNIFF_EMPTY;
	return reply_sniff(t->head, t->n);
}

json_t *tls_peek_json(const struct tls_peek *t)
{
	enum sniff s = tls_peek_sniff(t);
	char raw[TLS_PEEK_MAX * 4 + 8];

	if (s == SNIFF_EMPTY)
		return NULL;
	sanitize((const char *)t->head, t->n, raw, sizeof(raw), false);
	return json_pack("{s:s,s:o}", "sniff", sniff_name(s), "raw",
			 json_text(raw));
}

const char *tls_peek_foreign(const struct tls_peek *t, const char *own)
{
	const char *name = sniff_protocol(tls_peek_sniff(t));

	if (!name || (own && !strcmp(name, own)))
		return NULL;
	return name;
}

json_t *tls_peek_foreign_json(const struct tls_peek *t, const char *own)
{
	const char *name = tls_peek_foreign(t, own);
	json_t *o = name ? tls_peek_json(t) : NULL;

	if (!o)
		return NULL;
	json_object_set_new(o, "protocol", json_string(name));
	json_object_set_new(o, "where", json_string("tls"));
	return o;
}
