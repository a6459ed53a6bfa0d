/* smtp_ehloname.c — choose the EHLO/HELO name: the user's --ehlo, or the
 * address literal of the local address the kernel picks for the server
 * (a UDP connect sends nothing; getsockname tells the source address). */
#include "config.h"

#include "smtp_ehloname.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "run.h"
#include "util.h"

/* The local address towards SA as a literal; "[127.0.0.1]" on failure. */
static void local_literal(const struct sockaddr *sa, char *buf, size_t size)
{
	struct sockaddr_storage me;
	socklen_t len = sizeof(me);
	char addr[64];
	int fd = socket(sa->sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	str_copy(buf, "[127.0.0.1]", size);
	if (fd < 0)
		return;
	if (connect(fd, sa, addr_len(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&me, &len) == 0 &&
	    addr_to_str((struct sockaddr *)&me, addr, sizeof(addr))) {
		if (me.ss_family == AF_INET6)
			str_printf(buf, size, "[IPv6:%s]", addr);
		else
			str_printf(buf, size, "[%s]", addr);
	}
	close(fd);
}

const char *smtp_ehlo_name(struct run *run, const struct sockaddr *sa,
			   char *buf, size_t size)
{
	if (run->opt->ehlo)
		str_copy(buf, run->opt->ehlo, size);
	else if (netpath_is_stand_in(run, sa) &&
		 run->path.proxy_sa.ss_family != AF_UNSPEC)
		/* No address of the server here: the way out is the proxy. */
		local_literal((const struct sockaddr *)&run->path.proxy_sa, buf,
			      size);
	else
		local_literal(sa, buf, size);
	return buf;
}

const char *smtp_ehlo_urlpath(const char *name, char *buf, size_t size)
{
	size_t n = 0;

	for (; *name && n + 4 < size; name++) {
		unsigned char c = (unsigned char)*name;

		if (isalnum(c) || c == '.' || c == '-')
			buf[n++] = (char)c;
		else
			n += (size_t)str_printf(buf + n, size - n, "%%%02X", c);
	}
	buf[n] = '\0';
	return buf;
}
