/* netpath.h — the connection path: how every probe reaches the server,
 * the way the user's client does (issue 15).  One place holds the path
 * options (curl's names: -x/--proxy, --noproxy, the proxy environment
 * variables, --resolve, --connect-to, --interface, -4/-6, --cert/--key)
 * and applies them to the raw connects (tcpconn) and to libcurl handles.
 * Probes touch it only where they open a connection. */
#ifndef SOCKDOC_NETPATH_H
#define SOCKDOC_NETPATH_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include <curl/curl.h>

#include "netpath_opts.h"
#include "tcpconn.h"

struct run;
struct options;
struct target;

/* Proxy kinds (curl's schemes). */
enum np_proxy {
	NP_DIRECT = TCPCONN_DIRECT,
	NP_SOCKS4 = TCPCONN_SOCKS4,
	NP_SOCKS4A = TCPCONN_SOCKS4A,
	NP_SOCKS5 = TCPCONN_SOCKS5,
	NP_SOCKS5H = TCPCONN_SOCKS5H,
	NP_HTTP = TCPCONN_HTTP
};


/* One --resolve HOST:PORT:ADDR or --connect-to HOST:PORT:HOST2:PORT2
 * entry; an empty host or port 0 matches any (curl's rule). */
struct np_override {
	char host[256];   /* name it applies to ("" any) */
	int port;         /* port it applies to (0 any) */
	char to[256];     /* ADDR (resolve) or HOST2 (connect-to, "" same) */
	int to_port;      /* PORT2 (0 same); resolve: the same port */
};

/* The effective path of one run. */
struct netpath {
	enum np_proxy kind;      /* proxy kind, NP_DIRECT for none */
	char proxy_host[256];    /* proxy host (no brackets) */
	int proxy_port;          /* proxy port (default 1080) */
	char proxy_user[128];    /* proxy credentials from the URL, "" */
	char proxy_pass[128];    /* never printed */
	char proxy_shown[300];   /* scheme://host:port, no credentials */
	char proxy_curl[700];    /* the URL for CURLOPT_PROXY, with them */
	char proxy_source[32];   /* "--proxy", "ALL_PROXY", "smtp_proxy" */
	struct sockaddr_storage proxy_sa; /* its address (numeric/localhost) */
	bool noproxy_hit;        /* a proxy was set but --noproxy/NO_PROXY
				    matched the host */
	char dest_host[256];     /* name to look up (connect-to HOST2) */
	char mx_host[256];       /* the MX host dns chose, "" (run facts) */
	int dest_port;           /* port to connect to (connect-to PORT2) */
	struct sockaddr_storage pinned; /* --resolve address, if pinned */
	bool is_pinned;          /* --resolve matched the target */
	char override[300];      /* the matching override as given, "" */
	const char *override_kind; /* "resolve", "connect_to" or NULL */
	char iface[64];          /* --interface device name, "" */
	struct sockaddr_storage src; /* --interface address, if an address */
	bool src_is_addr;        /* --interface was an address */
	int family;              /* 4, 6 or 0 */
	const char *cert, *key;  /* client certificate files, NULL */
	bool proxy_noaddr;       /* the proxy's own name did not resolve */
	/* Evidence of the last proxy handshake (sanitized). */
	char last_reply[160];    /* "SOCKS5 reply 2", "HTTP/1.1 403 ..." */
};

/* Compute the effective path for TARGET from O and the environment
 * (curl's rules: <scheme>_proxy lower case, ALL_PROXY, NO_PROXY).
 * Returns 0, or -1 with a translated message in ERR (a bad proxy URL in
 * the environment is a usage error too). */
int netpath_setup(struct netpath *np, const struct options *o,
		  const struct target *t, char *err, size_t errlen);

/* The dns probe moved TARGET (an RFC 6186 SRV record names another host
 * and port): the path follows it, unless --resolve/--connect-to set
 * the destination. */
void netpath_retarget(struct netpath *np, const struct target *t);

/* The report's target "path" object: kind, proxy (no credentials),
 * source, overrides, interface, family, client certificate. */
json_t *netpath_json(const struct netpath *np);

/* True when the run goes through a proxy (then a probe that cannot,
 * like ICMP, skips with netpath_no_proxy_reason()). */
bool netpath_proxied(const struct run *run);
/* The proxy's address, resolved now if it was not yet (numeric, or the
 * system's resolver, once, as curl does); NULL when the run has no proxy
 * or its proxy has no usable address.  --pcap filters on it before the
 * first connection is made. */
const struct sockaddr *netpath_proxy_sa(struct run *run);
/* Translated reason a probe that cannot use a proxy was skipped. */
const char *netpath_no_proxy_reason(const struct run *run, char *buf,
				    size_t size);

/* Connect to SA the run's way (direct, or through its proxy; from its
 * source address); a drop-in for tcpconn_start. */
struct tcpconn *netpath_connect(struct run *run, const struct sockaddr *sa,
				int timeout_ms, tcpconn_cb cb, void *arg);
/* Connect to SA directly (never through the proxy), from the run's
 * source address and --interface, offering MSS bytes (TCP_MAXSEG before
 * connect, so the SYN asks for segments that small): the path MTU
 * retries of pmtu and the SMTP dialogue. */
struct tcpconn *netpath_connect_mss(struct run *run, const struct sockaddr *sa,
				    int mss, int timeout_ms, tcpconn_cb cb,
				    void *arg);
/* The same for a path outside a run (watch's held connection). */
struct tcpconn *netpath_connect_np(struct loop *loop, struct netpath *np,
				   const struct sockaddr *sa, int timeout_ms,
				   tcpconn_cb cb, void *arg);
/* Bind a socket FD of FAMILY to the run's --interface (ICMP).  Returns 0
 * or -1 with errno. */
int netpath_bind(const struct run *run, int fd, int family);

/* curl_easy_init() with the run's path applied (proxy or none, noproxy,
 * interface, IP family, client certificate, connect-to pin). */
CURL *netpath_easy_init(struct run *run);

/* Give an OpenSSL client context SSL_CTX (void * keeps OpenSSL out of
 * this header) the run's client certificate and key (--cert/--key, the
 * passphrase from SOCKDOC_KEY_PASSWORD), for the probes that speak TLS
 * themselves.  Returns 0 (also with no certificate), -1 when the files
 * cannot be used. */
int netpath_ssl_ctx(const struct run *run, void *ssl_ctx);

/* The name and port the dns probe looks up for TARGET (--connect-to
 * moves them); the port every address gets. */
const char *netpath_lookup_host(const struct run *run);
/* True for a libcurl debug record (TYPE, DATA, SIZE) on H that belongs to
 * an HTTP proxy's CONNECT exchange (each connection of H has one: FTP
 * data connections too), which the protocol parsers must not take for
 * the server's words.  libcurl's own notes mark its start and end. */
bool netpath_curl_proxy_talk(const struct run *run, CURL *h, int type,
			     const char *data, size_t size);
int netpath_port(const struct run *run);

/* The name the proxy resolves for this run (socks5h://, socks4a://,
 * http:// CONNECT, not pinned, not an IP literal: the MX host or the
 * target's host), NULL when the path sends an address. */
const char *netpath_remote_name(const struct run *run);
/* Make run->addrs the one stand-in destination "the name, resolved by the
 * proxy" (run.h, struct run_addr) on netpath_port().  Returns false (and
 * changes nothing) when the path does not resolve remotely. */
bool netpath_set_stand_in(struct run *run);
/* True when SA (maybe a copy with another port) is that stand-in. */
bool netpath_is_stand_in(const struct run *run, const struct sockaddr *sa);
/* SA as people read it: the numeric address, or for the stand-in
 * "NAME (resolved by the proxy)" (translated). */
const char *netpath_addr_shown(const struct run *run, const struct sockaddr *sa,
			       char *buf, size_t size);
/* The same with the port: "ADDR:PORT", "[V6]:PORT" or
 * "NAME:PORT (resolved by the proxy)". */
const char *netpath_addr_port_shown(const struct run *run,
				    const struct sockaddr *sa, char *buf,
				    size_t size);
/* The host to put in a URL or a curl pin for SA: the numeric address
 * (IPv6 in brackets), or the proxy-resolved name for the stand-in. */
const char *netpath_url_host(const struct run *run, const struct sockaddr *sa,
			     char *buf, size_t size);

#endif
