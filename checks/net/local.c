/* local.c — the `local` probe: the client machine's own side, read
 * cheaply from the kernel and the environment.  Sockets in TIME_WAIT or
 * open on ports of the local (ephemeral) range, against the range's size
 * (a NETLINK_SOCK_DIAG dump, sock_diag(7): binary and fast; /proc/net/tcp
 * text, which the kernel formats for some 7 us a socket, only when the
 * netlink family is not there); and proxy variables a client would use
 * for this protocol.
 *
 * Its details keys are listed in local_details[] below.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "checks.h"
#include "i18n.h"
#include "run.h"
#include "util.h"

#define DIAG_TCP_LISTEN 10     /* TCP_LISTEN, as in /proc/net/tcp */
#define DIAG_TCP_TIME_WAIT 6   /* TCP_TIME_WAIT */
#define DIAG_MAX_RECVS 100000  /* bound on one dump's reads */

/* Socket counts from the kernel. */
struct port_use {
	int lo, hi;      /* the ephemeral range */
	long in_range;   /* sockets on a port of the range */
	long time_wait;  /* of those, in TIME_WAIT */
	long to_target;  /* of those, to the target's port */
};

/* Read the ephemeral port range; false when unknown. */
static bool read_range(int *lo, int *hi)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
	bool ok;

	if (!f)
		return false;
	ok = fscanf(f, "%d %d", lo, hi) == 2 && *lo > 0 && *hi >= *lo;
	fclose(f);
	return ok;
}

/* Count one socket: local port LPORT, remote RPORT, TCP state ST. */
static void count_one(struct port_use *u, long lport, long rport,
		      unsigned st, int target_port)
{
	if (lport < u->lo || lport > u->hi || st == DIAG_TCP_LISTEN)
		return;
	u->in_range++;
	u->time_wait += st == DIAG_TCP_TIME_WAIT;
	u->to_target += rport == target_port;
}

/* Count the messages of one netlink reply of N bytes; 1 at the end of the
 * dump, -1 on an error message, 0 for more to come. */
static int count_reply(const char *buf, ssize_t n, int target_port,
		       struct port_use *u)
{
	const struct nlmsghdr *h;

	for (h = (const void *)buf; NLMSG_OK(h, (size_t)n);
	     h = NLMSG_NEXT(h, n)) {
		const struct inet_diag_msg *m = NLMSG_DATA(h);

		if (h->nlmsg_type == NLMSG_DONE)
			return 1;
		if (h->nlmsg_type == NLMSG_ERROR ||
		    h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
			return -1;
		count_one(u, ntohs(m->id.idiag_sport),
			  ntohs(m->id.idiag_dport), m->idiag_state,
			  target_port);
	}
	return 0;
}

/* Start a NETLINK_SOCK_DIAG dump of the TCP sockets of both families
 * (all states but LISTEN) on a non-blocking socket; the fd, or -1 when
 * the kernel offers none.  The TCPDIAG_GETSOCK request walks the
 * kernel's connection table once for IPv4 and IPv6 together (a request
 * per family walks it twice: the walk is most of the cost).  The kernel
 * fills each batch as we read it, so the dump runs on the loop beside the
 * network probes instead of holding them. */
static int diag_open(void)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req r;
	} req;
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			NETLINK_SOCK_DIAG);

	if (fd < 0)
		return -1;
	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = TCPDIAG_GETSOCK;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.r.idiag_states = 0xfff & ~(1u << DIAG_TCP_LISTEN);
	if (send(fd, &req, sizeof(req), 0) != (ssize_t)sizeof(req)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* An upper bound on the TCP sockets of this network namespace, from
 * /proc/net/sockstat and sockstat6 (proc(5)): max(alloc, inuse + inuse6)
 * + tw.  -1 when unknown.  Reading it costs a few microseconds whatever
 * the number of sockets, while the dump costs the kernel about a
 * microsecond a socket: when even the bound is under half the range the
 * range cannot be short of ports, and the dump is not needed. */
static long sockstat_bound(void)
{
	static const char *const files[] = { "/proc/net/sockstat",
					     "/proc/net/sockstat6" };
	long inuse = 0, alloc = 0, tw = 0, v, a, t;
	char line[256];
	bool seen = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		FILE *f = fopen(files[i], "r");

		while (f && fgets(line, sizeof(line), f)) {
			if (sscanf(line, "TCP: inuse %ld orphan %*d tw %ld alloc %ld",
				   &v, &t, &a) == 3) {
				inuse += v;
				tw = t;
				alloc = a;
				seen = true;
			} else if (sscanf(line, "TCP6: inuse %ld", &v) == 1) {
				inuse += v;
			}
		}
		if (f)
			fclose(f);
	}
	if (!seen)
		return -1;
	return (alloc > inuse ? alloc : inuse) + tw;
}

/* Count sockets of one /proc/net file into U. */
static void count_file(const char *path, int target_port, struct port_use *u)
{
	FILE *f = fopen(path, "r");
	char line[512], local[64], remote[64];
	unsigned st;
	int n = 0;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && n++ < 1000000) {
		char *lp, *rp;
		long lport, rport;

		if (sscanf(line, " %*d: %63s %63s %x", local, remote, &st) != 3)
			continue;
		lp = strrchr(local, ':');
		rp = strrchr(remote, ':');
		if (!lp || !rp)
			continue;
		lport = strtol(lp + 1, NULL, 16);
		rport = strtol(rp + 1, NULL, 16);
		count_one(u, lport, rport, st, target_port);
	}
	fclose(f);
}

/* The probe's state while the dumps run. */
struct local_state {
	struct port_use u;  /* counts so far */
	int fd;             /* the dump's netlink socket, -1 none */
	int reads;          /* recv calls so far (bounded) */
	long bound;         /* sockstat_bound() when it made the dump
			       needless, else -1 */
};

/* Record the counts of the local range in the details. */
static void record_ports(struct probe *p, const struct port_use *u)
{
	int size = u->hi - u->lo + 1;

	probe_set_int(p, "port_range_low", u->lo);
	probe_set_int(p, "port_range_high", u->hi);
	probe_set_int(p, "range_size", size);
	probe_set_int(p, "in_range", u->in_range);
	probe_set_int(p, "time_wait", u->time_wait);
	probe_set_int(p, "to_target", u->to_target);
	probe_set_real(p, "used_ratio", (double)u->in_range / size);
}

/* Record the range and the sockstat bound that made counting needless. */
static void record_bound(struct probe *p, const struct port_use *u,
			 long bound)
{
	probe_set_int(p, "port_range_low", u->lo);
	probe_set_int(p, "port_range_high", u->hi);
	probe_set_int(p, "range_size", u->hi - u->lo + 1);
	probe_set_int(p, "tcp_sockets_at_most", bound);
}

static void conclude(struct probe *p);

/* Count from /proc instead (no netlink, or a dump that failed midway:
 * its partial counts are dropped). */
static void count_proc(struct probe *p)
{
	struct local_state *st = p->state;

	st->u.in_range = st->u.time_wait = st->u.to_target = 0;
	count_file("/proc/net/tcp", p->run->target.port, &st->u);
	count_file("/proc/net/tcp6", p->run->target.port, &st->u);
}

/* Close the dump and conclude, from /proc when it failed. */
static void end_dump(struct probe *p, bool ok)
{
	struct local_state *st = p->state;

	loop_unwatch(p->run->loop, st->fd);
	close(st->fd);
	st->fd = -1;
	if (!ok)
		count_proc(p);
	conclude(p);
}

/* A batch of the dump is ready: count a few, then let the loop go on. */
static void on_diag(int fd, unsigned events, void *arg)
{
	struct probe *p = arg;
	struct local_state *st = p->state;
	char buf[16384];
	int i, r = 0;

	(void)events;
	for (i = 0; i < 4 && r == 0; i++) {
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (++st->reads > DIAG_MAX_RECVS)
			n = -1;
		r = n > 0 ? count_reply(buf, n, p->run->target.port, &st->u)
			  : -1;
	}
	if (r != 0)
		end_dump(p, r > 0);
}

/* True when HOST is covered by the NO_PROXY list VAL. */
static bool no_proxy_covers(const char *val, const char *host)
{
	char buf[1024], *tok, *save = NULL;
	size_t hl = strlen(host);

	str_copy(buf, val, sizeof(buf));
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		size_t tl;

		if (*tok == '.')
			tok++;
		tl = strlen(tok);
		if (!strcmp(tok, "*") || !strcasecmp(tok, host) ||
		    (hl > tl && host[hl - tl - 1] == '.' &&
		     !strcasecmp(host + hl - tl, tok)))
			return true;
	}
	return false;
}

/* Host[:port] of a proxy URL, without any user:password@. */
static void proxy_host(const char *url, char *out, size_t size)
{
	const char *s = strstr(url, "://"), *at, *end;
	char tmp[256];

	s = s ? s + 3 : url;
	end = s + strcspn(s, "/");
	at = memchr(s, '@', (size_t)(end - s));
	if (at)
		s = at + 1;
	str_printf(tmp, sizeof(tmp), "%.*s", (int)(end - s), s);
	sanitize(tmp, strlen(tmp), out, size, false);
}

/* Proxy variables, and whether the one for this protocol applies. */
static void proxies(struct probe *p)
{
	static const char *const names[] = { "http_proxy", "https_proxy",
		"all_proxy", "ftp_proxy", "HTTP_PROXY", "HTTPS_PROXY",
		"ALL_PROXY", "FTP_PROXY", "no_proxy", "NO_PROXY" };
	static const char *const ftp_use[] = { "ftp_proxy", "FTP_PROXY",
					       "all_proxy", "ALL_PROXY" };
	bool ftp = p->run->target.proto == PROTO_FTP;
	const char *np = getenv("no_proxy") ? getenv("no_proxy") : getenv("NO_PROXY");
	json_t *set = json_array();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (getenv(names[i]) && *getenv(names[i]))
			json_array_append_new(set, json_string(names[i]));
	json_object_set_new(p->details, "proxy_vars", set);
	probe_set_bool(p, "proxy_applies", false);
	for (i = ftp ? 0 : 2; i < ARRAY_SIZE(ftp_use); i++) {
		const char *v = getenv(ftp_use[i]);
		char host[256];

		if (!v || !*v || (np && no_proxy_covers(np, p->run->target.host)))
			continue;
		proxy_host(v, host, sizeof(host));
		probe_set_bool(p, "proxy_applies", true);
		probe_set_str(p, "proxy_var", ftp_use[i]);
		probe_set_str(p, "proxy_host", host);
		break;
	}
}

/* The counts are in: the summary. */
static void conclude(struct probe *p)
{
	struct local_state *st = p->state;
	bool proxy = json_is_true(json_object_get(p->details, "proxy_applies"));
	double ratio;

	if (st->u.hi > 0 && st->bound < 0)
		record_ports(p, &st->u);
	ratio = json_real_value(json_object_get(p->details, "used_ratio"));
	if (st->bound >= 0) {
		probe_finish(p, proxy ? PROBE_WARN : PROBE_OK,
			     _("at most %ld TCP sockets on this machine, under half of the local port range (%d ports); proxy for this protocol: %s"),
			     st->bound, st->u.hi - st->u.lo + 1,
			     proxy ? _("yes") : _("no"));
		return;
	}
	if (ratio >= 0.5 || proxy)
		probe_finish(p, PROBE_WARN, _("%.0f%% of the local port range in use; proxy for this protocol: %s"),
			     ratio * 100, proxy ? _("yes") : _("no"));
	else
		probe_finish(p, PROBE_OK, _("%.1f%% of the local port range in use; no proxy for this protocol"),
			     ratio * 100);
}

/* Proxies at once; the ports through dumps on the loop. */
static void local_start(struct probe *p)
{
	struct local_state *st = probe_state_new(p, sizeof(*st), NULL);

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->fd = -1;
	st->bound = -1;
	proxies(p);
	if (!read_range(&st->u.lo, &st->u.hi)) {
		st->u.lo = st->u.hi = 0;
		probe_set_str(p, "port_range", "unknown");
		conclude(p);
		return;
	}
	st->bound = sockstat_bound();
	if (st->bound >= 0 && 2 * st->bound < st->u.hi - st->u.lo + 1) {
		record_bound(p, &st->u, st->bound);
		conclude(p);
		return;
	}
	st->bound = -1;
	st->fd = diag_open();
	if (st->fd >= 0 &&
	    loop_watch(p->run->loop, st->fd, LOOP_IN, on_diag, p) == 0)
		return;
	if (st->fd >= 0)
		close(st->fd);
	st->fd = -1;
	count_proc(p);
	conclude(p);
}

/* Close a dump still running. */
static void local_cleanup(struct probe *p)
{
	struct local_state *st = p->state;

	if (!st)
		return;
	if (st->fd >= 0) {
		loop_unwatch(p->run->loop, st->fd);
		close(st->fd);
	}
	st->fd = -1;
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail local_details[] = {
	{ "port_range", DT_STR, NULL, "net.ipv4.ip_local_port_range as read" },
	{ "port_range_low", DT_INT, NULL, "first port of the local range" },
	{ "port_range_high", DT_INT, NULL, "last port of the local range" },
	{ "range_size", DT_INT, NULL, "ports in the range" },
	{ "tcp_sockets_at_most", DT_INT, NULL,
	  "upper bound on this namespace's TCP sockets (/proc/net/sockstat: "
	  "alloc or inuse, plus tw); set instead of the counts below when "
	  "under half the range, where no count could matter" },
	{ "in_range", DT_INT, NULL, "sockets bound to a port of the range" },
	{ "time_wait", DT_INT, NULL, "of those, in TIME_WAIT" },
	{ "to_target", DT_INT, NULL,
	  "of those, to the target's address and port" },
	{ "used_ratio", DT_REAL, NULL, "in_range / range_size" },
	{ "proxy_vars", DT_ARRAY, NULL, "names of the proxy variables set" },
	{ "proxy_applies", DT_BOOL, NULL,
	  "the variable a libcurl-style client uses for this protocol is "
	  "set and the host is not in NO_PROXY" },
	{ "proxy_var", DT_STR, NULL, "that variable" },
	{ "proxy_host", DT_STR, NULL, "its host (no user info)" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_local = {
	.id = "local",
	.deps = { "input" },
	.start = local_start,
	.cleanup = local_cleanup,
	.details = local_details,
	.tells_apart = N_("looks at this machine: proxy settings, ports in "
		"TIME_WAIT, the local port range"),
};
