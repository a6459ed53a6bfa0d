/* netpath_standin.c — the destination "the name, resolved by the proxy":
 * when the proxy resolves names itself (socks5h://, socks4a://, http://
 * CONNECT) and the local resolver gives no address, the user's client
 * still connects (the proxy gets the name).  The run then holds one
 * stand-in address (run.h, struct run_addr): AF_INET 0.0.0.0 with the
 * port, flagged by_proxy_name.  Connections to it go through
 * netpath_connect, which hands the proxy the name; these helpers show it
 * by name and keep it out of URLs and curl pins. */
#include "config.h"

#include "netpath.h"

#include <netinet/in.h>
#include <string.h>

#include "i18n.h"
#include "run.h"
#include "util.h"

bool netpath_set_stand_in(struct run *run)
{
	struct run_addr *ra = &run->addrs[0];
	struct sockaddr_in *in = (struct sockaddr_in *)&ra->sa;

	if (!netpath_remote_name(run))
		return false;
	memset(ra, 0, sizeof(*ra));
	in->sin_family = AF_INET;
	in->sin_addr.s_addr = htonl(INADDR_ANY);
	addr_set_port((struct sockaddr *)&ra->sa, netpath_port(run));
	ra->by_proxy_name = true;
	run->naddrs = 1;
	return true;
}

bool netpath_is_stand_in(const struct run *run, const struct sockaddr *sa)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

	/* The flagged entry or a copy of it (smtp.ports moves the port); a
	 * 0.0.0.0 that a resolver answered (a blocklist) is not flagged. */
	return sa->sa_family == AF_INET &&
	       in->sin_addr.s_addr == htonl(INADDR_ANY) &&
	       run->naddrs == 1 && run->addrs[0].by_proxy_name &&
	       netpath_remote_name(run) != NULL;
}

const char *netpath_addr_shown(const struct run *run, const struct sockaddr *sa,
			       char *buf, size_t size)
{
	if (netpath_is_stand_in(run, sa)) {
		str_printf(buf, size, _("%s (resolved by the proxy)"),
			   netpath_remote_name(run));
		return buf;
	}
	return addr_to_str(sa, buf, size);
}

const char *netpath_addr_port_shown(const struct run *run,
				    const struct sockaddr *sa, char *buf,
				    size_t size)
{
	char host[300];

	if (netpath_is_stand_in(run, sa)) {
		str_printf(host, sizeof(host), "%s:%d", netpath_remote_name(run),
			   addr_port(sa));
		str_printf(buf, size, _("%s (resolved by the proxy)"), host);
		return buf;
	}
	return addr_port_to_str(sa, buf, size);
}

const char *netpath_url_host(const struct run *run, const struct sockaddr *sa,
			     char *buf, size_t size)
{
	char addr[64];

	if (netpath_is_stand_in(run, sa)) {
		str_copy(buf, netpath_remote_name(run), size);
		return buf;
	}
	addr_to_str(sa, addr, sizeof(addr));
	if (sa->sa_family == AF_INET6)
		str_printf(buf, size, "[%s]", addr);
	else
		str_copy(buf, addr, size);
	return buf;
}
