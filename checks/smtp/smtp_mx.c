/* smtp_mx.c — the `smtp.mx` probe: when the target is a mail domain with
 * more than one MX host, resolve every MX host (the run's c-ares channel,
 * so --dns-server applies) and connect to each on the target port at the
 * same time (the run's path: proxy, source address; a remote-resolving
 * proxy gets each host's own name), reading each
 * greeting (bounded, sanitized).  Not on the submission ports (587, 465):
 * a client there uses the one host it is given; MTAs on port 25 (or the
 * port given) fall back along the MX list (RFC 5321 5.1).
 * The domain is judged by preference: a
 * refused primary with a working secondary is smtp.mx_partial, not
 * "nothing listens" (diagnose_limits.c reads details "mx").
 *
 * Its details keys are listed in mx_details[] below.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "checks.h"
#include "dnsq.h"
#include "i18n.h"
#include "reply.h"
#include "run.h"
#include "tcpconn.h"
#include "util.h"

#define MX_MAX_BYTES 8192 /* greeting bytes read per host at most */

struct mx_state;

/* One MX host and what happened to it. */
struct mx_host {
	struct probe *p;              /* the probe */
	char name[256];               /* MX host name (from the dns probe) */
	int pref;                     /* its MX preference */
	struct sockaddr_storage sa;   /* the address tried, target port set */
	char addr[80];                /* that address as text, "" none */
	struct netpath path;          /* the run's path with this host as
				         the name a remote-resolving proxy
				         gets (socks5h/socks4a/HTTP) */
	struct tcpconn *conn;         /* the connection, NULL none */
	bool watching;                /* its fd is watched on the loop */
	struct reply_parser rp;       /* the greeting so far */
	size_t bytes;                 /* greeting bytes read */
	char result[16];              /* ok|refused|filtered|reset|... or the
				         greeting code ("554"); "" running */
	int code;                     /* greeting code, 0 none */
	char text[256];               /* greeting text (sanitized) */
	double connect_ms;            /* TCP handshake time, -1 not tried */
};

/* The probe's state. */
struct mx_state {
	struct dnsq_set q;                  /* address lookups */
	struct mx_host h[DNSQ_MAX_RECS];    /* the hosts, best first */
	int n;                              /* used entries in h */
	int pending;                        /* hosts without a result */
	struct loop_timer *timer;           /* overall deadline */
};

/* The dns probe's MX list, NULL when the run did not use MX. */
static json_t *dns_mx(struct run *run)
{
	struct probe *d = run_probe(run, "dns");

	if (!d || !json_string_value(json_object_get(d->details, "mx_host")))
		return NULL;
	return json_object_get(d->details, "mx");
}

/* Run for a mail domain with more than one MX host. */
static bool mx_applies(struct probe *p, char *reason, size_t size)
{
	json_t *mx = dns_mx(p->run);

	if (p->run->target.proto != PROTO_SMTP || !json_is_array(mx)) {
		str_copy(reason, _("the target is not a mail domain with MX hosts"),
			 size);
		return false;
	}
	if (p->run->target.port == 587 || p->run->target.port == 465) {
		/* RFC 6409: a submission client uses the one host it is
		 * given; only MTAs (port 25) fall back along the MX list. */
		str_printf(reason, size, _("port %d is a submission port: "
			   "clients use the host they are given, not the MX "
			   "list"), p->run->target.port);
		return false;
	}
	if (json_array_size(mx) < 2) {
		str_copy(reason, _("one MX host: reach and banner cover it"),
			 size);
		return false;
	}
	return true;
}

/* Count the hosts that answered with a 2xx greeting. */
static int hosts_ok(const struct mx_state *st)
{
	int i, n = 0;

	for (i = 0; i < st->n; i++)
		n += !strcmp(st->h[i].result, "ok");
	return n;
}

/* Write the per-host array into the details. */
static void record_hosts(struct probe *p, struct mx_state *st)
{
	json_t *arr = json_array(), *o;
	int i;

	for (i = 0; i < st->n; i++) {
		struct mx_host *h = &st->h[i];

		o = json_pack("{s:s, s:i, s:s, s:s}", "host", h->name,
			      "preference", h->pref, "address", h->addr,
			      "result", h->result[0] ? h->result : "timeout");
		if (h->code)
			json_object_set_new(o, "code", json_integer(h->code));
		if (h->code)
			json_object_set_new(o, "text", json_string(h->text));
		if (h->connect_ms >= 0)
			json_object_set_new(o, "connect_ms",
					    json_real(h->connect_ms));
		json_array_append_new(arr, o);
	}
	json_object_set_new(p->details, "mx", arr);
	probe_set_int(p, "port", p->run->target.port);
	probe_set_int(p, "hosts_ok", hosts_ok(st));
}

/* "name (preference, result)" of the hosts that failed, into BUF. */
static const char *failing(const struct mx_state *st, char *buf, size_t size)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < st->n; i++)
		if (strcmp(st->h[i].result, "ok"))
			str_appendf(buf, size, "%s%s (%d, %s)", buf[0] ? ", " :
				    "", st->h[i].name, st->h[i].pref,
				    st->h[i].result[0] ? st->h[i].result :
				    "timeout");
	return buf;
}

/* Every host has a result (or the deadline came): judge the domain. */
static void mx_finish(struct probe *p)
{
	struct mx_state *st = p->state;
	int ok = hosts_ok(st);
	char bad[512];

	record_hosts(p, st);
	failing(st, bad, sizeof(bad));
	if (ok == st->n)
		probe_finish(p, PROBE_OK, _("all %d MX hosts greet"), st->n);
	else if (ok)
		probe_finish(p, PROBE_WARN, _("%d of %d MX hosts greet; "
			     "failing: %s"), ok, st->n, bad);
	else
		probe_finish(p, PROBE_FAIL, _("none of the %d MX hosts "
			     "greets: %s"), st->n, bad);
}

/* Stop watching H's connection (closed at cleanup: tcpconn is not
 * freed from inside its own callback). */
static void host_unwatch(struct mx_host *h)
{
	if (h->conn && h->watching)
		loop_unwatch(h->p->run->loop, tcpconn_fd(h->conn));
	h->watching = false;
}

/* H ends with RESULT (a token); finish the probe after the last host. */
static void host_done(struct mx_host *h, const char *result)
{
	struct probe *p = h->p;
	struct mx_state *st = p->state;

	if (h->result[0] || probe_done(p))
		return;
	str_copy(h->result, result, sizeof(h->result));
	probe_info(p, "MX %s (%d) %s: %s", h->name, h->pref, h->addr, result);
	host_unwatch(h);
	if (--st->pending == 0)
		mx_finish(p);
}

/* A whole greeting from H: "ok" for 2xx, else its code. */
static void host_greeting(struct mx_host *h, const struct reply *r)
{
	char code[16];

	h->code = r->code;
	sanitize(r->text, strnlen(r->text, sizeof(r->text)), h->text,
		 sizeof(h->text), false);
	str_printf(code, sizeof(code), "%d", r->code);
	host_done(h, r->code / 100 == 2 ? "ok" : code);
}

/* H's connection has data, an EOF or an error. */
static void on_read(int fd, unsigned events, void *arg)
{
	struct mx_host *h = arg;
	char buf[2048];
	struct reply r;
	size_t used;
	enum reply_status rs;
	ssize_t n;

	(void)events;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		host_done(h, n == 0 ? "closed" : errno == ECONNRESET ?
			  "reset" : "error");
		return;
	}
	probe_transcript(h->p, TS_RECV, buf, (size_t)n);
	h->bytes += (size_t)n;
	rs = reply_feed(&h->rp, buf, (size_t)n, &used, &r);
	if (rs == REPLY_DONE)
		host_greeting(h, &r);
	else if (rs == REPLY_BAD)
		host_done(h, "other");
	else if (rs == REPLY_ENDLESS || h->bytes >= MX_MAX_BYTES)
		host_done(h, "overlong");
}

/* H's handshake ended: read the greeting, or record why it failed. */
static void on_connect(struct tcpconn *c, int err, void *arg)
{
	struct mx_host *h = arg;

	h->connect_ms = tcpconn_elapsed_us(c) / 1000.0;
	if (err) {
		host_done(h, tcpconn_result(err));
		return;
	}
	if (loop_watch(h->p->run->loop, tcpconn_fd(c), LOOP_IN, on_read, h) <
	    0) {
		host_done(h, "error");
		return;
	}
	h->watching = true;
}

/* Put the first address of R (IPv4 first) with the target port into H. */
static bool pick_addr(struct mx_host *h, const struct dnsq_result *r,
		      int port)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)&h->sa;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&h->sa;

	memset(&h->sa, 0, sizeof(h->sa));
	if (r->na > 0) {
		v4->sin_family = AF_INET;
		v4->sin_addr = r->a[0];
		v4->sin_port = htons((uint16_t)port);
	} else if (r->naaaa > 0) {
		v6->sin6_family = AF_INET6;
		v6->sin6_addr = r->aaaa[0];
		v6->sin6_port = htons((uint16_t)port);
	} else {
		return false;
	}
	addr_port_to_str((struct sockaddr *)&h->sa, h->addr, sizeof(h->addr));
	return true;
}

/* H's addresses arrived: connect to the first one. */
static void on_addrs(const struct dnsq_result *r, void *arg)
{
	struct mx_host *h = arg;
	struct run *run = h->p->run;

	if (r->status != 0 || !pick_addr(h, r, run->target.port)) {
		host_done(h, "unresolved");
		return;
	}
	h->path = run->path;
	str_copy(h->path.mx_host, h->name, sizeof(h->path.mx_host));
	h->conn = netpath_connect_np(run->loop, &h->path,
				     (struct sockaddr *)&h->sa,
				     run_timeout_ms(run), on_connect, h);
	if (!h->conn)
		host_done(h, errno == EMFILE || errno == ENFILE ? "local_error"
							       : "error");
}

/* The overall deadline: hosts still silent time out. */
static void on_deadline(void *arg)
{
	struct probe *p = arg;
	struct mx_state *st = p->state;
	int i;

	st->timer = NULL;
	for (i = 0; i < st->n && !probe_done(p); i++)
		if (!st->h[i].result[0])
			host_done(&st->h[i], st->h[i].watching ?
				  "no_greeting" : "timeout");
}

/* Copy the dns probe's MX list (best first) into the hosts. */
static void load_hosts(struct probe *p, struct mx_state *st)
{
	json_t *mx = dns_mx(p->run), *e;
	size_t i;

	json_array_foreach(mx, i, e) {
		struct mx_host *h;
		const char *name = json_string_value(json_object_get(e, "host"));

		if (st->n >= DNSQ_MAX_RECS || !name || !*name)
			continue;
		h = &st->h[st->n++];
		h->p = p;
		str_copy(h->name, name, sizeof(h->name));
		h->pref = (int)json_integer_value(json_object_get(e,
							"preference"));
		h->connect_ms = -1;
		reply_parser_init(&h->rp);
	}
}

/* Resolve every MX host at once; each connects when its address comes. */
static void mx_start(struct probe *p)
{
	struct mx_state *st = probe_state_new(p, sizeof(*st), NULL);
	int i;

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	dnsq_set_init(&st->q, run_ares(p->run), p->run->loop);
	load_hosts(p, st);
	st->pending = st->n;
	st->timer = loop_timer_add(p->run->loop, 2 * run_timeout_ms(p->run) +
				   1000, on_deadline, p);
	for (i = 0; i < st->n; i++)
		if (dnsq_start(&st->q, DNSQ_ADDRS, st->h[i].name, on_addrs,
			       &st->h[i]) < 0)
			host_done(&st->h[i], "error");
}

/* Stop the timer, the lookups and every connection. */
static void mx_cleanup(struct probe *p)
{
	struct mx_state *st = p->state;
	int i;

	if (!st)
		return;
	loop_timer_cancel(p->run->loop, st->timer);
	st->timer = NULL;
	dnsq_set_orphan(&st->q);
	for (i = 0; i < st->n; i++) {
		host_unwatch(&st->h[i]);
		if (st->h[i].conn)
			tcpconn_free(st->h[i].conn);
		st->h[i].conn = NULL;
	}
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail mx_details[] = {
	{ "mx", DT_ARRAY, NULL,
	  "per MX host, best first: {host, preference, address (addr:port, "
	  "\"\" unresolved), result (ok|refused|filtered|unreachable|reset|"
	  "closed|timeout|unresolved|other|overlong|error|proxy_*|the "
	  "greeting code of a non-2xx greeting), code, text (greeting, "
	  "sanitized), connect_ms (ms)}" },
	{ "port", DT_INT, NULL, "the port tried on every host" },
	{ "hosts_ok", DT_INT, NULL, "hosts that sent a 2xx greeting" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_smtp_mx = {
	.id = "smtp.mx",
	.deps = { "dns" },
	.applies = mx_applies,
	.start = mx_start,
	.cleanup = mx_cleanup,
	.details = mx_details,
	.tells_apart = N_("tries every MX host of a mail domain at once: a "
		"failing primary with a working secondary (mail is delayed, "
		"not lost) versus a domain where no MX host answers"),
};
