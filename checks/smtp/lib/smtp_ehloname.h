/* smtp_ehloname.h — the name sockdoc gives in EHLO/HELO: --ehlo when set,
 * else an address literal of the local address towards the server
 * ("[192.0.2.1]", "[IPv6:2001:db8::1]", RFC 5321 4.1.3/4.1.4), never the
 * bare host name a strict server refuses. */
#ifndef SOCKDOC_SMTP_EHLONAME_H
#define SOCKDOC_SMTP_EHLONAME_H

#include <stddef.h>
#include <sys/socket.h>

struct run;

/* The EHLO name for a session of RUN to SA into BUF (SIZE >= 64). */
const char *smtp_ehlo_name(struct run *run, const struct sockaddr *sa,
			   char *buf, size_t size);
/* NAME percent-encoded for a URL path (libcurl takes the EHLO name from
 * the path of smtp://host/NAME) into BUF. */
const char *smtp_ehlo_urlpath(const char *name, char *buf, size_t size);

#endif
