/* local.c — the `local` probe: the client machine's own side, read
 * cheaply from /proc and the environment.  Sockets in TIME_WAIT or open
 * on ports of the local (ephemeral) range, against the range's size; and
 * proxy variables a client would use for this protocol.
 *
 * Its details keys are listed in local_details[] below.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks.h"
#include "i18n.h"
#include "run.h"
#include "util.h"

/* Socket counts from /proc/net/tcp{,6}. */
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
		if (lport < u->lo || lport > u->hi || st == 0x0A /* LISTEN */)
			continue;
		u->in_range++;
		u->time_wait += st == 0x06;
		u->to_target += rport == target_port;
	}
	fclose(f);
}

/* Ports of the local range in use. */
static void ports(struct probe *p)
{
	struct port_use u = { 0 };
	int size;

	if (!read_range(&u.lo, &u.hi)) {
		probe_set_str(p, "port_range", "unknown");
		return;
	}
	count_file("/proc/net/tcp", p->run->target.port, &u);
	count_file("/proc/net/tcp6", p->run->target.port, &u);
	size = u.hi - u.lo + 1;
	probe_set_int(p, "port_range_low", u.lo);
	probe_set_int(p, "port_range_high", u.hi);
	probe_set_int(p, "range_size", size);
	probe_set_int(p, "in_range", u.in_range);
	probe_set_int(p, "time_wait", u.time_wait);
	probe_set_int(p, "to_target", u.to_target);
	probe_set_real(p, "used_ratio", (double)u.in_range / size);
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

/* Read everything at once: no network. */
static void local_start(struct probe *p)
{
	double ratio;

	ports(p);
	proxies(p);
	ratio = json_real_value(json_object_get(p->details, "used_ratio"));
	if (ratio >= 0.5 || json_is_true(json_object_get(p->details, "proxy_applies")))
		probe_finish(p, PROBE_WARN, _("%.0f%% of the local port range in use; proxy for this protocol: %s"),
			     ratio * 100, json_is_true(json_object_get(p->details, "proxy_applies"))
			     ? _("yes") : _("no"));
	else
		probe_finish(p, PROBE_OK, _("%.1f%% of the local port range in use; no proxy for this protocol"),
			     ratio * 100);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail local_details[] = {
	{ "port_range", DT_STR, NULL, "net.ipv4.ip_local_port_range as read" },
	{ "port_range_low", DT_INT, NULL, "first port of the local range" },
	{ "port_range_high", DT_INT, NULL, "last port of the local range" },
	{ "range_size", DT_INT, NULL, "ports in the range" },
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
	.details = local_details,
	.tells_apart = N_("looks at this machine: proxy settings, ports in "
		"TIME_WAIT, the local port range"),
};
