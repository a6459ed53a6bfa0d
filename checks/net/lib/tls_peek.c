/* tls_peek.c — the first bytes a server sent where a TLS record was due
 * (see tls_peek.h). */
#include "config.h"

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
