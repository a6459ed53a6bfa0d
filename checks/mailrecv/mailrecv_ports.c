/* mailrecv_ports.c — probe "mailrecv.ports": the same host's POP3 ports
 * 110 and 995 (IMAP: 143 and 993), and the target's own port, probed at
 * the same time, each in both security modes, so the report can name the
 * port + security pair that works (as smtp.ports does for SMTP).
 *
 * Per port two sessions run at once, capabilities only, no login:
 * plain text with STLS/STARTTLS when offered, and implicit TLS.
 *
 * Its details keys are listed in mrports_details[] below.
 */
#include "config.h"

#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "mr_probe.h"
#include "run.h"
#include "util.h"

#define MRPORTS_MAX 3

/* The probe's state: sessions first (mr_probe_state_dtor). */
struct mrports_state {
	struct mr_sess s[MR_PROBE_SESS]; /* [2i] plain/STLS, [2i+1] implicit */
	int port[MRPORTS_MAX];           /* ports under test */
	struct sockaddr_storage sa[MRPORTS_MAX]; /* the address per port */
	char label[MR_PROBE_SESS][24];   /* transcript labels */
	int n;                           /* ports used */
	int pending;                     /* sessions still running */
};

/* Runs for POP3/IMAP targets with at least one address. */
static bool mrports_applies(struct probe *p, char *reason, size_t size)
{
	if (!proto_is_mailrecv(p->run->target.proto)) {
		str_copy(reason, _("not a POP3 or IMAP target"), size);
		return false;
	}
	if (p->run->naddrs < 1) {
		str_copy(reason, _("no address to probe"), size);
		return false;
	}
	return true;
}

/* Security port I completed a session with, "none" if neither. */
static const char *port_security(const struct mrports_state *st, int i)
{
	const struct mr_sess *pl = &st->s[2 * i], *im = &st->s[2 * i + 1];

	if (!strcmp(pl->outcome, "ok") && pl->greeted)
		return pl->tls.up ? "starttls" : "plain";
	if (!strcmp(im->outcome, "ok") && im->greeted && im->tls.up)
		return "implicit";
	return "none";
}

/* How much a pair is preferred (RFC 8314: implicit TLS first). */
static int pair_score(int port, const char *sec)
{
	int s = !strcmp(sec, "implicit") ? 30 : !strcmp(sec, "starttls") ? 20
		: !strcmp(sec, "plain") ? 10 : 0;

	if (!s)
		return 0;
	return s + (port == 995 || port == 993 ? 2 :
		    port == 110 || port == 143 ? 1 : 0);
}

/* The evidence of port I. */
static json_t *port_json(const struct mrports_state *st, int i)
{
	const struct mr_sess *pl = &st->s[2 * i], *im = &st->s[2 * i + 1];
	const struct mr_sess *usual = st->port[i] == 995 ||
				      st->port[i] == 993 ? im : pl;
	const struct mr_sess *tls = pl->tls.up ? pl : im;

	return json_pack("{s:i,s:s,s:s,s:I,s:s,s:o,s:o}",
		"port", st->port[i], "security", port_security(st, i),
		"outcome", usual->outcome,
		"connect_ms", (json_int_t)usual->conn.connect_ms,
		"tls_version", tls->tls.up ? tls->tls.version : "",
		"plain", mr_sess_json(pl), "implicit", mr_sess_json(im));
}

/* Every session ended: the table and the recommendation. */
static void mrports_conclude(struct probe *p, struct mrports_state *st)
{
	json_t *ports = json_array(), *working = json_array();
	char line[256] = "";
	int i, best = -1, best_score = 0;

	for (i = 0; i < st->n; i++) {
		const char *sec = port_security(st, i);
		int sc = pair_score(st->port[i], sec);

		json_array_append_new(ports, port_json(st, i));
		if (sc)
			json_array_append_new(working, json_pack("{s:i,s:s}",
				"port", st->port[i], "security", sec));
		if (sc > best_score) {
			best_score = sc;
			best = i;
		}
		str_appendf(line, sizeof(line), "%s%d: %s", i ? ", " : "",
			    st->port[i], sc ? sec : st->s[2 * i].outcome);
	}
	json_object_set_new(p->details, "ports", ports);
	json_object_set_new(p->details, "working", working);
	json_object_set_new(p->details, "recommended", best < 0 ? json_null()
		: json_pack("{s:i,s:s}", "port", st->port[best],
			    "security", port_security(st, best)));
	probe_finish(p, best < 0 ? PROBE_FAIL : PROBE_OK, "%s", line);
}

/* A session ended. */
static void mrports_sess_done(struct mr_sess *s, void *arg)
{
	struct probe *p = arg;
	struct mrports_state *st = p->state;
	int k = (int)(s - st->s);
	struct mr_sess *other = &st->s[k ^ 1];

	if (s->greeted && other->running) {
		/* A port speaks one mode: the other session would only wait
		 * out --timeout for a greeting that cannot come. */
		mr_sess_stop(other);
		str_copy(other->outcome, "not_needed", sizeof(other->outcome));
		st->pending--;
	}
	if (--st->pending == 0)
		mrports_conclude(p, st);
}

/* Add PORT once. */
static void add_port(struct mrports_state *st, int port)
{
	int i;

	for (i = 0; i < st->n; i++)
		if (st->port[i] == port)
			return;
	if (st->n < MRPORTS_MAX && port > 0)
		st->port[st->n++] = port;
}

/* Start both sessions of port I. */
static void start_port(struct probe *p, struct mrports_state *st, int i)
{
	static const enum mr_sec secs[2] = { MR_SEC_STARTTLS_TRY,
					     MR_SEC_IMPLICIT };
	struct mr_sess_cfg cfg;
	int k;

	memcpy(&st->sa[i], &p->run->addrs[0].sa, sizeof(st->sa[i]));
	addr_set_port((struct sockaddr *)&st->sa[i], st->port[i]);
	for (k = 0; k < 2; k++) {
		str_printf(st->label[2 * i + k], sizeof(st->label[0]),
			   "%d/%s", st->port[i], k ? "implicit" : "plain");
		mr_probe_cfg(p, &cfg, st->label[2 * i + k], secs[k],
			     MR_GOAL_CAPS);
		cfg.sa = (const struct sockaddr *)&st->sa[i];
		st->pending++;
		mr_sess_start(&st->s[2 * i + k], p, &cfg, mrports_sess_done,
			      p);
	}
}

/* Probe every port at once. */
static void mrports_start(struct probe *p)
{
	struct mrports_state *st = probe_state_new(p, sizeof(*st),
						   mr_probe_state_dtor);
	bool imap = p->run->target.proto == PROTO_IMAP;
	char addr[320];
	int i;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	add_port(st, imap ? 143 : 110);
	add_port(st, imap ? 993 : 995);
	add_port(st, netpath_port(p->run));
	probe_set_str(p, "address",
		      netpath_addr_shown(p->run,
					 (struct sockaddr *)&p->run->addrs[0].sa,
					 addr, sizeof(addr)));
	st->pending = 1; /* held until every session is started */
	for (i = 0; i < st->n; i++)
		start_port(p, st, i);
	if (--st->pending == 0)
		mrports_conclude(p, st);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail mrports_details[] = {
	{ "address", DT_STR, NULL,
	  "the address probed (the first resolved one)" },
	{ "ports", DT_ARRAY, NULL,
	  "[{port, security, outcome, connect_ms, tls_version, plain, "
	  "implicit}]" },
	{ "working", DT_ARRAY, NULL,
	  "[{port, security}] every pair that completed a session" },
	{ "recommended", DT_JSON, NULL,
	  "{port, security}: the pair to put in the client, or null" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_mailrecv_ports = {
	.id = "mailrecv.ports",
	.deps = { "dns" },
	.applies = mrports_applies,
	.start = mrports_start,
	.details = mrports_details,
	.tells_apart = N_("tries 110/995 (POP3) or 143/993 (IMAP) on the same "
		"host with each security mode: which pair works"),
};
