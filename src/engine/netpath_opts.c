/* netpath_opts.c — the path options checked and turned into the run's
 * effective path: the proxy from -x or curl's environment variables,
 * --noproxy/NO_PROXY, --resolve and --connect-to for the target,
 * --interface, -4/-6, --cert/--key. */
#include "config.h"

#include "netpath.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "options.h"
#include "target.h"
#include "util.h"

/* Proxy schemes curl knows that we can speak. */
static const struct {
	const char *scheme;
	enum np_proxy kind;
} schemes[] = {
	{ "socks4", NP_SOCKS4 }, { "socks4a", NP_SOCKS4A },
	{ "socks5", NP_SOCKS5 }, { "socks5h", NP_SOCKS5H },
	{ "http", NP_HTTP },
};

/* Decode %XX escapes of a URL's user or password (RFC 3986). */
static void pct_decode(const char *s, size_t n, char *out, size_t size)
{
	size_t o = 0, i;

	for (i = 0; i < n && o + 1 < size; i++) {
		unsigned v;

		if (s[i] == '%' && i + 2 < n && sscanf(s + i + 1, "%2x", &v) == 1) {
			out[o++] = (char)v;
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
}

/* Parse a port 1..65535 of LEN digits at S; -1 when bad. */
static int parse_port(const char *s, size_t len)
{
	int v = 0;
	size_t i;

	if (len == 0 || len > 5)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v >= 1 && v <= 65535 ? v : -1;
}

/* Split "host[:port]" or "[v6][:port]" into HOST and *PORT (0 when
 * absent); false when malformed. */
static bool split_hostport(const char *s, char *host, size_t hsize, int *port)
{
	const char *colon, *end = s + strlen(s);
	size_t n;

	*port = 0;
	if (*s == '[') {
		const char *close = strchr(s, ']');

		if (!close || (close[1] && close[1] != ':'))
			return false;
		n = (size_t)(close - s - 1);
		colon = close[1] ? close + 1 : NULL;
		s++;
	} else {
		colon = strrchr(s, ':');
		n = colon ? (size_t)(colon - s) : strlen(s);
	}
	if (n == 0 || n >= hsize)
		return false;
	memcpy(host, s, n);
	host[n] = '\0';
	if (colon && (*port = parse_port(colon + 1, (size_t)(end - colon - 1))) < 0)
		return false;
	return strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789.-_:%") == strlen(host);
}

/* Parse proxy URL into NP; false when it is not one we can use. */
static bool parse_proxy(const char *url, struct netpath *np)
{
	const char *sep = strstr(url, "://"), *rest = url, *at, *slash;
	char scheme[16] = "http", hp[300];
	size_t i, n;

	if (sep) {
		n = (size_t)(sep - url);
		if (n >= sizeof(scheme))
			return false;
		memcpy(scheme, url, n);
		scheme[n] = '\0';
		rest = sep + 3;
	}
	np->kind = NP_DIRECT;
	for (i = 0; i < ARRAY_SIZE(schemes); i++)
		if (!strcasecmp(scheme, schemes[i].scheme))
			np->kind = schemes[i].kind;
	if (np->kind == NP_DIRECT)
		return false;
	slash = strchr(rest, '/');
	if (slash && slash[1])
		return false;
	n = slash ? (size_t)(slash - rest) : strlen(rest);
	at = memrchr(rest, '@', n);
	if (at) {
		const char *colon = memchr(rest, ':', (size_t)(at - rest));
		size_t ul = colon ? (size_t)(colon - rest) : (size_t)(at - rest);

		pct_decode(rest, ul, np->proxy_user, sizeof(np->proxy_user));
		if (colon)
			pct_decode(colon + 1, (size_t)(at - colon - 1),
				   np->proxy_pass, sizeof(np->proxy_pass));
		n -= (size_t)(at + 1 - rest);
		rest = at + 1;
	}
	if (n >= sizeof(hp))
		return false;
	memcpy(hp, rest, n);
	hp[n] = '\0';
	if (!split_hostport(hp, np->proxy_host, sizeof(np->proxy_host),
			    &np->proxy_port))
		return false;
	if (!np->proxy_port)
		np->proxy_port = 1080;
	for (i = 0; i < ARRAY_SIZE(schemes); i++)
		if (schemes[i].kind == np->kind)
			str_copy(scheme, schemes[i].scheme, sizeof(scheme));
	str_printf(np->proxy_shown, sizeof(np->proxy_shown), "%s://%s%s%s:%d",
		   scheme, strchr(np->proxy_host, ':') ? "[" : "",
		   np->proxy_host, strchr(np->proxy_host, ':') ? "]" : "",
		   np->proxy_port);
	return true;
}

/* Parse "HOST:PORT:REST" of --resolve/--connect-to into E; REST is the
 * address (resolve) or "HOST2:PORT2" (connect-to). */
static bool parse_override(const char *s, bool connect_to,
			   struct np_override *e)
{
	const char *c1 = strchr(s, ':'), *c2;
	char to[300];
	int port = 0;

	memset(e, 0, sizeof(*e));
	if (!c1 || (size_t)(c1 - s) >= sizeof(e->host))
		return false;
	memcpy(e->host, s, (size_t)(c1 - s));
	c2 = strchr(c1 + 1, ':');
	if (!c2 || (c2 > c1 + 1 && (e->port = parse_port(c1 + 1,
					(size_t)(c2 - c1 - 1))) < 0))
		return false;
	if (!connect_to && (!e->host[0] || !e->port))
		return false;
	str_copy(to, c2 + 1, sizeof(to));
	if (!connect_to) {
		struct sockaddr_storage ss;
		size_t n = strlen(to);

		if (to[0] == '[' && n > 2 && to[n - 1] == ']') {
			memmove(to, to + 1, n - 2);
			to[n - 2] = '\0';
		}
		str_copy(e->to, to, sizeof(e->to));
		return addr_parse(e->to, 0, &ss);
	}
	if (!to[0] || !strcmp(to, ":"))
		return false;
	if (to[0] == ':') {
		e->to_port = parse_port(to + 1, strlen(to + 1));
		return e->to_port > 0;
	}
	if (!split_hostport(to, e->to, sizeof(e->to), &port))
		return false;
	e->to_port = port;
	return true;
}

/* True when ARG names an interface of this machine, or an address one of
 * its interfaces holds (a socket can bind to it). */
static bool iface_ok(const char *arg)
{
	struct sockaddr_storage ss;
	int fd, rc;

	if (!addr_parse(arg, 0, &ss))
		return strlen(arg) < IF_NAMESIZE && if_nametoindex(arg) != 0;
	fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	rc = bind(fd, (struct sockaddr *)&ss, addr_len((struct sockaddr *)&ss));
	close(fd);
	return rc == 0;
}

/* URL with any "user:password@" shown as "***@" (for messages). */
static const char *masked(const char *url, char *buf, size_t size)
{
	const char *host = strstr(url, "://"), *at;

	host = host ? host + 3 : url;
	at = strchr(host, '@');
	if (!at) {
		str_copy(buf, url, size);
		return buf;
	}
	str_printf(buf, size, "%.*s***%s", (int)(host - url), url, at);
	return buf;
}

const char *netpath_check(const char *opt, const char *arg)
{
	static char msg[400];
	char shown[300];
	struct netpath np;
	struct np_override e;

	memset(&np, 0, sizeof(np));
	if (!strcmp(opt, "--proxy") && arg[0] && !parse_proxy(arg, &np))
		str_printf(msg, sizeof(msg), _("--proxy wants socks4://, socks4a://, socks5://, socks5h:// or http://[user:password@]HOST[:PORT], not '%s'"),
			   masked(arg, shown, sizeof(shown)));
	else if (!strcmp(opt, "--resolve") && !parse_override(arg, false, &e))
		str_printf(msg, sizeof(msg), _("--resolve wants HOST:PORT:ADDRESS (mail.example.com:587:192.0.2.7), not '%s'"), arg);
	else if (!strcmp(opt, "--connect-to") && !parse_override(arg, true, &e))
		str_printf(msg, sizeof(msg), _("--connect-to wants HOST:PORT:HOST2:PORT2 (mail.example.com:25:backup.example.com:2525), not '%s'"), arg);
	else if (!strcmp(opt, "--interface") && !iface_ok(arg))
		str_printf(msg, sizeof(msg), _("--interface wants a network interface of this machine or one of its addresses, not '%s'"), arg);
	else if ((!strcmp(opt, "--cert") || !strcmp(opt, "--key")) &&
		 access(arg, R_OK) != 0)
		str_printf(msg, sizeof(msg), _("%s: cannot read '%s': %s"), opt,
			   arg, strerror(errno));
	else if (!strcmp(opt, "--noproxy") && strpbrk(arg, " \t\r\n") &&
		 !strchr(arg, ','))
		str_printf(msg, sizeof(msg), _("--noproxy wants a comma-separated list of names or addresses, not '%s'"), arg);
	else
		return NULL;
	explicit_bzero(&np, sizeof(np));
	return msg;
}

/* True when HOST matches one entry of the NO_PROXY-style LIST (curl:
 * "*" matches all, an entry matches the name or a name ending in
 * ".entry", a leading dot is ignored). */
static bool noproxy_match(const char *list, const char *host)
{
	char item[256];
	const char *p = list;
	struct sockaddr_storage ss;
	bool literal = addr_parse(host, 0, &ss); /* addresses match whole */

	while (*p) {
		size_t n = strcspn(p, ", "), hl = strlen(host), il;
		const char *it = item;

		if (n && n < sizeof(item)) {
			memcpy(item, p, n);
			item[n] = '\0';
			if (!strcmp(item, "*"))
				return true;
			if (*it == '.')
				it++;
			il = strlen(it);
			if (il && hl >= il && !strcasecmp(host + hl - il, it) &&
			    (hl == il || (!literal && host[hl - il - 1] == '.')))
				return true;
		}
		p += n;
		p += strspn(p, ", ");
	}
	return false;
}

/* The environment's proxy for SCHEME the way curl reads it: the lower
 * case <scheme>_proxy, then upper case, then all_proxy/ALL_PROXY. */
static const char *env_proxy(const char *scheme, char *name, size_t size)
{
	static const char *const fmts[] = { "%s_proxy", "%s_PROXY" };
	char upper[16];
	const char *v;
	size_t i;

	for (i = 0; scheme[i] && i + 1 < sizeof(upper); i++)
		upper[i] = (char)(scheme[i] & ~0x20);
	upper[i] = '\0';
	for (i = 0; i < 2; i++) {
		str_printf(name, size, fmts[i], i ? upper : scheme);
		if ((v = getenv(name)) && *v)
			return v;
	}
	str_copy(name, "all_proxy", size);
	if ((v = getenv(name)) && *v)
		return v;
	str_copy(name, "ALL_PROXY", size);
	return (v = getenv(name)) && *v ? v : NULL;
}

/* The proxy of NP from -x or the environment, unless NO_PROXY says no. */
static int setup_proxy(struct netpath *np, const struct options *o,
		       const struct target *t, char *err, size_t errlen)
{
	const struct netpath_opts *po = &o->path;
	char scheme[8];
	const char *url = po->proxy, *noproxy = po->noproxy;

	str_printf(scheme, sizeof(scheme), "%s%s", proto_name(t->proto),
		   t->tls == TLS_IMPLICIT ? "s" : "");
	if (url)
		str_copy(np->proxy_source, "--proxy", sizeof(np->proxy_source));
	else
		url = env_proxy(scheme, np->proxy_source, sizeof(np->proxy_source));
	if (!url || !*url)
		return 0;
	if (!noproxy)
		noproxy = getenv("no_proxy") ? getenv("no_proxy") : getenv("NO_PROXY");
	if (!parse_proxy(url, np)) {
		str_printf(err, errlen, _("the proxy in %s is not a socks4://, socks4a://, socks5://, socks5h:// or http://HOST[:PORT] URL"),
			   np->proxy_source);
		np->kind = NP_DIRECT;
		return -1;
	}
	str_copy(np->proxy_curl, url, sizeof(np->proxy_curl));
	if (noproxy && noproxy_match(noproxy, t->host)) {
		np->noproxy_hit = true;
		np->kind = NP_DIRECT;
	}
	return 0;
}

/* The first --resolve/--connect-to entry that matches the target. */
static void setup_overrides(struct netpath *np, const struct options *o,
			    const struct target *t)
{
	const struct netpath_opts *po = &o->path;
	struct np_override e;
	int i;

	for (i = 0; i < po->nresolve && !np->override_kind; i++)
		if (parse_override(po->resolve[i], false, &e) &&
		    !strcasecmp(e.host, t->host) && e.port == t->port &&
		    addr_parse(e.to, t->port, &np->pinned)) {
			np->is_pinned = true;
			np->override_kind = "resolve";
			str_copy(np->override, po->resolve[i], sizeof(np->override));
		}
	for (i = 0; i < po->nconnect_to && !np->override_kind; i++)
		if (parse_override(po->connect_to[i], true, &e) &&
		    (!e.host[0] || !strcasecmp(e.host, t->host)) &&
		    (!e.port || e.port == t->port)) {
			np->override_kind = "connect_to";
			str_copy(np->override, po->connect_to[i], sizeof(np->override));
			if (e.to[0])
				str_copy(np->dest_host, e.to, sizeof(np->dest_host));
			if (e.to_port)
				np->dest_port = e.to_port;
			np->is_pinned = addr_parse(np->dest_host, np->dest_port,
						   &np->pinned);
		}
}

void netpath_retarget(struct netpath *np, const struct target *t)
{
	if (np->override_kind)
		return;
	str_copy(np->dest_host, t->host, sizeof(np->dest_host));
	np->dest_port = t->port;
}

int netpath_setup(struct netpath *np, const struct options *o,
		  const struct target *t, char *err, size_t errlen)
{
	memset(np, 0, sizeof(*np));
	str_copy(np->dest_host, t->host, sizeof(np->dest_host));
	np->dest_port = t->port;
	np->family = o->family;
	np->cert = o->path.cert;
	np->key = o->path.key;
	if (o->path.iface) {
		if (addr_parse(o->path.iface, 0, &np->src))
			np->src_is_addr = true;
		else
			str_copy(np->iface, o->path.iface, sizeof(np->iface));
	}
	/* A source address of one family connects to that family only
	 * (unless a proxy carries the connection). */
	setup_overrides(np, o, t);
	if (setup_proxy(np, o, t, err, errlen) < 0)
		return -1;
	if (!np->family && np->src_is_addr && np->kind == NP_DIRECT)
		np->family = np->src.ss_family == AF_INET6 ? 6 : 4;
	return 0;
}

json_t *netpath_json(const struct netpath *np)
{
	json_t *j = json_object();

	json_object_set_new(j, "kind", json_string(np->kind == NP_DIRECT
						   ? "direct" : "proxy"));
	if (np->kind != NP_DIRECT) {
		json_object_set_new(j, "proxy", json_string(np->proxy_shown));
		json_object_set_new(j, "proxy_source",
				    json_string(np->proxy_source));
		if (np->proxy_noaddr)
			json_object_set_new(j, "proxy_unresolved", json_true());
		if (np->last_reply[0])
			json_object_set_new(j, "proxy_reply",
					    json_string(np->last_reply));
	}
	if (np->noproxy_hit)
		json_object_set_new(j, "noproxy_matched", json_true());
	if (np->override_kind) {
		char addr[64];

		json_object_set_new(j, "override", json_string(np->override_kind));
		json_object_set_new(j, "override_given", json_string(np->override));
		json_object_set_new(j, "connect_host", json_string(np->is_pinned
			? addr_to_str((const struct sockaddr *)&np->pinned, addr,
				      sizeof(addr)) : np->dest_host));
		json_object_set_new(j, "connect_port", json_integer(np->dest_port));
	}
	if (np->src_is_addr || np->iface[0]) {
		char buf[64];

		json_object_set_new(j, "interface", json_string(np->src_is_addr
			? addr_to_str((const struct sockaddr *)&np->src, buf,
				      sizeof(buf)) : np->iface));
	}
	if (np->family)
		json_object_set_new(j, "family", json_integer(np->family));
	if (np->cert)
		json_object_set_new(j, "client_cert", json_string(np->cert));
	return j;
}
