/* lab_tcp.c — the lab's generic TCP service for tcp:// targets: a silent
 * sink, as many client/server applications are (the client speaks
 * first).  It reads and discards what arrives; the faults act on the
 * connection (restart-every, reset-on-connect) or on the byte count
 * (reset-after-bytes: the seed's upload reset after about 700 KB). */
#include "config.h"

#include "lab_int.h"

/* No greeting: the service waits for the client. */
void lab_tcp_greet(struct lab_session *s)
{
	(void)s;
}

/* Take LEN bytes and drop them; reset-after-bytes resets at ARG bytes.
 * Returns the bytes consumed (all of them). */
size_t lab_tcp_feed(struct lab_session *s, const char *buf, size_t len)
{
	(void)buf;
	s->tcp_received += (long long)len;
	if (lab_hooks(s)->upload_reset && s->tcp_received >= s->ls->arg)
		lab_session_reset(s);
	return len;
}
