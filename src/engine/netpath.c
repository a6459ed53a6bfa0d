/* netpath.c — the run's path applied: raw connects through tcpconn (via
 * the proxy, from the chosen source), libcurl handles through the same
 * proxy and source, and the name/port the dns probe looks up. */
#include "config.h"

#include "netpath.h"

#include <errno.h>
#include <openssl/ssl.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "run.h"
#include "util.h"

bool netpath_proxied(const struct run *run)
{
	return run->path.kind != NP_DIRECT;
}

const char *netpath_no_proxy_reason(const struct run *run, char *buf,
				    size_t size)
{
	str_printf(buf, size, _("cannot go through the proxy %s: not tested, so as not to bypass it"),
		   run->path.proxy_shown);
	return buf;
}

/* Resolve the proxy's host once (numeric, or the system's resolver, as
 * curl does); false when it has no usable address. */
static bool proxy_address(struct netpath *np)
{
	struct addrinfo hints, *res = NULL;
	char port[8];

	if (np->proxy_sa.ss_family != AF_UNSPEC)
		return true;
	if (np->proxy_noaddr)
		return false; /* asked once already */
	if (addr_parse(np->proxy_host, np->proxy_port, &np->proxy_sa))
		return true;
	/* RFC 6761: .invalid never resolves; ask no resolver about it. */
	if (strlen(np->proxy_host) >= 8 &&
	    !strcasecmp(np->proxy_host + strlen(np->proxy_host) - 8, ".invalid")) {
		np->proxy_noaddr = true;
		return false;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_family = np->family == 4 ? AF_INET
			  : np->family == 6 ? AF_INET6 : AF_UNSPEC;
	str_printf(port, sizeof(port), "%d", np->proxy_port);
	if (getaddrinfo(np->proxy_host, port, &hints, &res) != 0 || !res) {
		np->proxy_noaddr = true;
		return false;
	}
	memcpy(&np->proxy_sa, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return true;
}

const struct sockaddr *netpath_proxy_sa(struct run *run)
{
	if (run->path.kind == NP_DIRECT || !proxy_address(&run->path))
		return NULL;
	return (const struct sockaddr *)&run->path.proxy_sa;
}

/* The name the proxy should resolve, or NULL to send the address:
 * remote-resolving kinds get the name the user's client would send (the
 * MX host for an e-mail target; --connect-to's HOST2), unless
 * --resolve/--connect-to pinned an address or the target is an address. */
static const char *proxy_name_mx(const struct netpath *np, const char *mx)
{
	struct sockaddr_storage ss;

	if (np->kind == NP_DIRECT || np->is_pinned || np->kind == NP_SOCKS4 ||
	    np->kind == NP_SOCKS5)
		return NULL;
	/* --connect-to's HOST2 is where to go (curl's rule), MX or not. */
	if (mx[0] && !(np->override_kind &&
		       !strcmp(np->override_kind, "connect_to")))
		return mx;
	if (!np->dest_host[0])
		return NULL;
	return addr_parse(np->dest_host, 0, &ss) ? NULL : np->dest_host;
}

/* proxy_name_mx with the MX host the path holds. */
static const char *proxy_name(const struct netpath *np)
{
	return proxy_name_mx(np, np->mx_host);
}

const char *netpath_remote_name(const struct run *run)
{
	return proxy_name_mx(&run->path, run->facts.host_used);
}

/* A connect that fails at once, reported from the loop (tcpconn never
 * calls back from inside the start call). */
static struct tcpconn *fail_soon(struct loop *loop, tcpconn_cb cb, void *arg)
{
	static const struct sockaddr_in nowhere = { .sin_family = AF_INET };
	struct tcpconn_via via = { .kind = TCPCONN_HTTP,
				   .proxy = (const struct sockaddr *)&nowhere };

	/* Port 0 on 0.0.0.0 is refused at once: the proxy is unusable. */
	return tcpconn_start_via(loop, (const struct sockaddr *)&nowhere,
				 &via, 1, cb, arg);
}

struct tcpconn *netpath_connect(struct run *run, const struct sockaddr *sa,
				int timeout_ms, tcpconn_cb cb, void *arg)
{
	str_copy(run->path.mx_host, run->facts.host_used,
		 sizeof(run->path.mx_host));
	return netpath_connect_np(run->loop, &run->path, sa, timeout_ms, cb,
				  arg);
}

struct tcpconn *netpath_connect_mss(struct run *run, const struct sockaddr *sa,
				    int mss, int timeout_ms, tcpconn_cb cb,
				    void *arg)
{
	struct tcpconn_via via;

	memset(&via, 0, sizeof(via));
	via.src = run->path.src_is_addr ?
		  (const struct sockaddr *)&run->path.src : NULL;
	via.dev = run->path.iface[0] ? run->path.iface : NULL;
	via.mss = mss;
	return tcpconn_start_via(run->loop, sa, &via, timeout_ms, cb, arg);
}

struct tcpconn *netpath_connect_np(struct loop *loop, struct netpath *np,
				   const struct sockaddr *sa, int timeout_ms,
				   tcpconn_cb cb, void *arg)
{
	struct tcpconn_via via;

	memset(&via, 0, sizeof(via));
	via.kind = (enum tcpconn_kind)np->kind;
	via.src = np->src_is_addr ? (const struct sockaddr *)&np->src : NULL;
	via.dev = np->iface[0] ? np->iface : NULL;
	if (np->kind != NP_DIRECT) {
		if (!proxy_address(np))
			return fail_soon(loop, cb, arg);
		via.proxy = (const struct sockaddr *)&np->proxy_sa;
		via.name = proxy_name(np);
		via.user = np->proxy_user;
		via.pass = np->proxy_pass;
		via.reply = np->last_reply;
		via.replylen = sizeof(np->last_reply);
	}
	return tcpconn_start_via(loop, sa, &via, timeout_ms, cb, arg);
}

int netpath_bind(const struct run *run, int fd, int family)
{
	const struct netpath *np = &run->path;

	if (np->iface[0] &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, np->iface,
		       (socklen_t)strlen(np->iface)) < 0)
		return -1;
	if (np->src_is_addr && np->src.ss_family == family) {
		struct sockaddr_storage ss = np->src;

		addr_set_port((struct sockaddr *)&ss, 0);
		return bind(fd, (struct sockaddr *)&ss,
			    addr_len((struct sockaddr *)&ss));
	}
	return 0;
}

/* Pin the target's name and port to the address reach found open, on
 * the port --connect-to chose (probes that pin again override it). */
static struct curl_slist *easy_pin(struct run *run)
{
	char pin[400], addr[300];
	const struct sockaddr *sa;
	const struct target *t = &run->target;

	if (!run->path.override_kind || run->open_addr < 0 ||
	    run->open_addr >= run->naddrs)
		return NULL;
	sa = (const struct sockaddr *)&run->addrs[run->open_addr].sa;
	/* The stand-in: --connect-to's HOST2 by name, the proxy resolves it. */
	netpath_url_host(run, sa, addr, sizeof(addr));
	str_printf(pin, sizeof(pin), "%s:%d:%s:%d", t->host, t->port, addr,
		   addr_port(sa));
	return curl_slist_append(NULL, pin);
}

/* The easy handle's proxy: ours or none (the environment was read once,
 * by netpath_setup, so curl must not read it again). */
static void easy_proxy(CURL *e, const struct netpath *np)
{
	if (np->kind == NP_DIRECT) {
		curl_easy_setopt(e, CURLOPT_PROXY, "");
		return;
	}
	curl_easy_setopt(e, CURLOPT_PROXY, np->proxy_curl);
	curl_easy_setopt(e, CURLOPT_NOPROXY, "");
	if (np->kind == NP_HTTP)
		curl_easy_setopt(e, CURLOPT_HTTPPROXYTUNNEL, 1L);
}

/* Source address or device for curl ("host!ADDR" / "if!NAME"). */
static void easy_source(CURL *e, const struct netpath *np)
{
	char buf[80], addr[64];

	if (np->src_is_addr) {
		str_printf(buf, sizeof(buf), "host!%s",
			   addr_to_str((const struct sockaddr *)&np->src, addr,
				       sizeof(addr)));
		curl_easy_setopt(e, CURLOPT_INTERFACE, buf);
	} else if (np->iface[0]) {
		str_printf(buf, sizeof(buf), "if!%s", np->iface);
		curl_easy_setopt(e, CURLOPT_INTERFACE, buf);
	}
}

CURL *netpath_easy_init(struct run *run)
{
	const struct netpath *np = &run->path;
	CURL *e = curl_easy_init();
	const char *pass = getenv("SOCKDOC_KEY_PASSWORD");

	if (!e)
		return NULL;
	easy_proxy(e, np);
	easy_source(e, np);
	if (np->family)
		curl_easy_setopt(e, CURLOPT_IPRESOLVE, np->family == 4
				 ? (long)CURL_IPRESOLVE_V4 : (long)CURL_IPRESOLVE_V6);
	if (np->cert) {
		curl_easy_setopt(e, CURLOPT_SSLCERT, np->cert);
		curl_easy_setopt(e, CURLOPT_SSLKEY, np->key ? np->key : np->cert);
		if (pass)
			curl_easy_setopt(e, CURLOPT_KEYPASSWD, pass);
	}
	if (!run->path_pin)
		run->path_pin = easy_pin(run);
	if (run->path_pin)
		curl_easy_setopt(e, CURLOPT_CONNECT_TO, run->path_pin);
	return e;
}

#define NP_TUNNELS 64 /* easy handles inside a CONNECT exchange at once */

/* The handles now inside a CONNECT exchange (one loop thread). */
static CURL *in_tunnel[NP_TUNNELS];

/* Mark or unmark H as inside a CONNECT exchange. */
static void tunnel_mark(CURL *h, bool on)
{
	int i, free_slot = -1;

	for (i = 0; i < NP_TUNNELS; i++) {
		if (in_tunnel[i] == h) {
			if (!on)
				in_tunnel[i] = NULL;
			return;
		}
		if (!in_tunnel[i] && free_slot < 0)
			free_slot = i;
	}
	if (on && free_slot >= 0)
		in_tunnel[free_slot] = h;
}

/* True when H is inside a CONNECT exchange. */
static bool tunnel_marked(CURL *h)
{
	int i;

	for (i = 0; i < NP_TUNNELS; i++)
		if (in_tunnel[i] == h)
			return true;
	return false;
}

/* True when the LEN bytes of S begin with PREFIX. */
static bool starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(s, prefix, n);
}

bool netpath_curl_proxy_talk(const struct run *run, CURL *h, int type,
			     const char *data, size_t size)
{
	if (run->path.kind != NP_HTTP)
		return false;
	if (type == CURLINFO_TEXT) {
		/* libcurl 7.x/8.x notes around the CONNECT exchange. */
		if (starts(data, size, "Establish HTTP proxy tunnel"))
			tunnel_mark(h, true);
		else if (starts(data, size, "CONNECT phase completed") ||
			 starts(data, size, "CONNECT tunnel established") ||
			 starts(data, size, "CONNECT tunnel failed") ||
			 starts(data, size, "Proxy CONNECT aborted") ||
			 starts(data, size, "  Trying") ||
			 starts(data, size, "Trying"))
			tunnel_mark(h, false);
		return false;
	}
	return (type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT) &&
	       tunnel_marked(h);
}

/* OpenSSL's passphrase callback: the key's passphrase from the
 * environment (never argv). */
static int key_pass(char *buf, int size, int rwflag, void *arg)
{
	const char *pass = getenv("SOCKDOC_KEY_PASSWORD");

	(void)rwflag;
	(void)arg;
	if (!pass || size <= 0)
		return 0;
	str_copy(buf, pass, (size_t)size);
	return (int)strlen(buf);
}

int netpath_ssl_ctx(const struct run *run, void *ssl_ctx)
{
	const struct netpath *np = &run->path;
	SSL_CTX *ctx = ssl_ctx;

	if (!np->cert)
		return 0;
	SSL_CTX_set_default_passwd_cb(ctx, key_pass);
	if (SSL_CTX_use_certificate_chain_file(ctx, np->cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, np->key ? np->key : np->cert,
					SSL_FILETYPE_PEM) != 1)
		return -1;
	return 0;
}

const char *netpath_lookup_host(const struct run *run)
{
	return run->path.dest_host[0] ? run->path.dest_host : run->target.host;
}

int netpath_port(const struct run *run)
{
	return run->path.dest_port ? run->path.dest_port : run->target.port;
}
