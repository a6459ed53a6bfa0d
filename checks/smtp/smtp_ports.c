/* smtp_ports.c — probe "smtp.ports": the same host's 25, 587 and 465 (and
 * the target's own port) probed at the same time, each in both security
 * modes, so the report can name the port + security pair that works.
 *
 * For every port two sessions run at once without certificate checks
 * (that is the tls probe's job): plain text with STARTTLS when offered,
 * and implicit TLS.  Whichever completes tells what the port speaks.
 *
 * Its details keys are listed in smtp_ports_details[] below.
 *
 * libcurl stays the client: the question per port is whether a
 * mainstream client completes a session there.
 *
 * On a dropped target port the probe does not wait for reach to wait
 * out --timeout (ops->early, reach_wait.h): once reach has heard nothing
 * for a while it asks the ports beside it.  Every port then has until
 * reach's --timeout ends to answer the SYN (the target port that long
 * in all), each reply the whole --timeout.  Should an address answer
 * reach after all, the chain starts the probe again, as it would have
 * started then.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "reach_wait.h"
#include "jsontext.h"
#include "ownload.h"
#include "run.h"
#include "smtp_probe.h"
#include "smtp_outcome_text.h"
#include "smtp_session.h"
#include "util.h"

#define PORTS_MAX 4

/* One port under test. */
struct port_test {
	int port;                    /* port number */
	struct sockaddr_storage sa;  /* the address with this port */
	char label[2][24];           /* transcript labels */
	struct smtp_sess s[2];       /* [0] plain/STARTTLS, [1] implicit */
	bool own_retry[2];           /* refused as a connection too many:
				      * its retry alone is due/ran */
	bool own_again[2];           /* that retry began */
};

/* The probe's state. */
struct ports_state {
	struct port_test t[PORTS_MAX]; /* ports */
	int n;                         /* used entries */
	int pending;                   /* sessions still running */
	int own_due;                   /* sessions to retry alone */
	struct ownload_wait wait;      /* until the others are done */
};

/* Runs for SMTP targets with at least one address. */
static bool ports_applies(struct probe *p, char *reason, size_t size)
{
	if (p->run->target.proto != PROTO_SMTP) {
		str_copy(reason, _("not an SMTP target"), size);
		return false;
	}
	if (p->run->naddrs < 1) {
		str_copy(reason, _("no address to probe"), size);
		return false;
	}
	return true;
}

/* Security a port completed a session with, "none" if neither. */
static const char *port_security(const struct port_test *t)
{
	const struct smtp_sess *pl = &t->s[0], *im = &t->s[1];

	if (pl->result == CURLE_OK && smtp_sess_greeted(pl))
		return pl->tls.up ? "starttls" : "plain";
	if (im->result == CURLE_OK && smtp_sess_greeted(im) && im->tls.up)
		return "implicit";
	return "none";
}

/* How much a pair is preferred for a mail client (RFC 8314 first). */
static int pair_score(int port, const char *sec)
{
	int s = !strcmp(sec, "implicit") ? 30 : !strcmp(sec, "starttls") ? 20
		: !strcmp(sec, "plain") ? 10 : 0;

	if (!s)
		return 0;
	return s + (port == 465 ? 3 : port == 587 ? 2 : port == 25 ? 1 : 0);
}

/* The session that tells about port T: the one a client uses there
 * (implicit TLS on 465, else plain), or the implicit one when it met
 * another protocol and the plain one was stopped for it. */
static const struct smtp_sess *telling(const struct port_test *t)
{
	return t->port == 465 || t->s[0].dropped ? &t->s[1] : &t->s[0];
}

/* The evidence of one port. */
static json_t *port_json(const struct port_test *t)
{
	const struct smtp_sess *usual = telling(t);
	const struct smtp_exch *g = smtp_sess_find(usual, "", false);
	const struct smtp_sess *tls = t->s[0].tls.up ? &t->s[0] : &t->s[1];

	return json_pack("{s:i,s:s,s:s,s:s,s:I,s:i,s:s,s:o,s:o}",
		"port", t->port, "security", port_security(t),
		"outcome", smtp_sess_outcome(usual),
		"errno", usual->os_errno ? errno_name((int)usual->os_errno) : "",
		"connect_ms", (json_int_t)(usual->connect_us / 1000),
		"greeting_code", g ? g->code : 0,
		"tls_version", tls->tls.up ? tls->tls.version : "",
		"plain", smtp_sess_json(&t->s[0]),
		"implicit", smtp_sess_json(&t->s[1]));
}

/* A client set to no TLS never sends STARTTLS: a refused STARTTLS is no
 * refusal that client meets (the mode mismatch comes first), so it stays
 * in the port's entry only. */
static void drop_starttls(const struct probe *p, json_t *list)
{
	size_t i = json_array_size(list);

	if (p->run->target.tls != TLS_NONE)
		return;
	while (i-- > 0) {
		const char *step = json_string_value(json_object_get(
			json_array_get(list, i), "step"));

		if (step && !strcmp(step, "STARTTLS"))
			json_array_remove(list, i);
	}
}

/* The refusals of port test T go into its ENTRY; those of the target's
 * own port also into the probe's "refusals" (another port refusing is
 * evidence about that port, not a failure of the client's setting). */
static void port_refusals(struct probe *p, const struct port_test *t,
			  json_t *entry)
{
	json_t *keep = json_incref(json_object_get(p->details, "refusals"));
	json_t *mine, *top;

	json_object_del(p->details, "refusals");
	smtp_probe_sess_refusals(p, &t->s[0], t->port);
	if (t->s[1].tls.up)
		smtp_probe_sess_refusals(p, &t->s[1], t->port);
	mine = json_incref(json_object_get(p->details, "refusals"));
	json_object_del(p->details, "refusals");
	if (keep)
		json_object_set_new(p->details, "refusals", keep);
	if (!mine)
		return;
	json_object_set_new(entry, "refusals", json_deep_copy(mine));
	if (t->port == p->run->target.port) {
		drop_starttls(p, mine);
		top = json_object_get(p->details, "refusals");
		if (top)
			json_array_extend(top, mine);
		else if (json_array_size(mine))
			json_object_set(p->details, "refusals", mine);
	}
	json_decref(mine);
}

/* Each "own_load" entry gets "retry_greeted": whether its session,
 * tried again alone, was greeted with 220. */
static void own_results(struct probe *p, struct ports_state *st)
{
	json_t *arr = json_object_get(p->details, "own_load"), *e;
	size_t n;
	int i, k;

	json_array_foreach(arr, n, e)
		for (i = 0; i < st->n; i++)
			for (k = 0; k < 2; k++)
				if (!strcmp(st->t[i].label[k], json_string_value(
					json_object_get(e, "session")) ?: ""))
					json_object_set_new(e, "retry_greeted",
						json_boolean(smtp_sess_greeted(
							&st->t[i].s[k])));
}

/* Every session ended: write the table and the recommendation. */
static void ports_conclude(struct probe *p, struct ports_state *st)
{
	json_t *ports = json_array(), *working = json_array();
	char line[256] = "";
	int i, best = -1, best_score = 0;

	own_results(p, st);
	for (i = 0; i < st->n; i++) {
		const char *sec = port_security(&st->t[i]);
		int sc = pair_score(st->t[i].port, sec);

		json_array_append_new(ports, port_json(&st->t[i]));
		port_refusals(p, &st->t[i], json_array_get(ports, i));
		if (sc)
			json_array_append_new(working, json_pack("{s:i,s:s}",
				"port", st->t[i].port, "security", sec));
		if (sc > best_score) {
			best_score = sc;
			best = i;
		}
		str_appendf(line, sizeof(line), "%s%d: %s", i ? ", " : "",
			    st->t[i].port, sc ? smtp_security_text(sec) :
			    smtp_outcome_text(smtp_sess_outcome(
				    st->t[i].s[0].dropped ? &st->t[i].s[1]
							  : &st->t[i].s[0])));
	}
	json_object_set_new(p->details, "ports", ports);
	json_object_set_new(p->details, "working", working);
	json_object_set_new(p->details, "recommended", best < 0 ? json_null()
		: json_pack("{s:i,s:s}", "port", st->t[best].port,
			    "security", port_security(&st->t[best])));
	probe_finish(p, best < 0 ? PROBE_FAIL : PROBE_OK, "%s", line);
}

/* Session S ended with implicit TLS and met another protocol there (an
 * HTTP server's answer to the ClientHello): no SMTP greeting can come in
 * plain text on that port either; stop its plain session, which a silent
 * protocol would hold to --timeout. */
static void drop_plain_of(struct ports_state *st, const struct smtp_sess *s)
{
	int i;

	if (!s->foreign)
		return;
	for (i = 0; i < st->n; i++)
		if (s == &st->t[i].s[1] && st->t[i].s[0].running &&
		    !st->t[i].s[0].nex) {
			smtp_sess_drop(&st->t[i].s[0]);
			st->pending--;
		}
}

static void ports_sess_done(struct smtp_sess *s, void *arg);
static void own_go(struct probe *p);

/* No session runs: the retries alone first (ownload.h), then the end. */
static void ports_settle(struct probe *p, struct ports_state *st)
{
	if (st->own_due > 0)
		ownload_wait(&st->wait, p, run_timeout_ms(p->run), own_go);
	else
		ports_conclude(p, st);
}

/* Whether session S was greeted with a refusal that means "too many
 * connections" (421 4.3.2 ...): sockdoc's own sessions run side by side
 * (all ports at once, banner and smtp.ehlo beside), so it may be ours. */
static bool own_refused(const struct smtp_sess *s)
{
	const struct smtp_exch *g = smtp_sess_find(s, "", false);

	return g && g->code >= 400 && ownload_says_too_many(g->code, g->text);
}

/* Record the refusal of sockdoc's own extra session S in "own_load". */
static void own_note(struct probe *p, const struct port_test *t,
		     const struct smtp_sess *s)
{
	const struct smtp_exch *g = smtp_sess_find(s, "", false);
	char beside[128];
	json_t *arr = json_object_get(p->details, "own_load");

	ownload_beside(p, beside, sizeof(beside));
	if (!arr) {
		arr = json_array();
		json_object_set_new(p->details, "own_load", arr);
	}
	json_array_append_new(arr, json_pack("{s:i,s:s,s:i,s:o,s:o,s:o}",
		"port", t->port, "session", s->cfg.label, "code", g->code,
		"enhanced", json_text(g->enh), "text", json_text(g->text),
		"beside", json_text(beside)));
}

/* Restart one session that waits for its retry alone; false: none. */
static bool own_restart_one(struct probe *p, struct ports_state *st)
{
	struct smtp_sess_cfg cfg;
	int i, k;

	for (i = 0; i < st->n; i++)
		for (k = 0; k < 2; k++) {
			struct smtp_sess *s = &st->t[i].s[k];

			if (!st->t[i].own_retry[k] || st->t[i].own_again[k] ||
			    s->running)
				continue;
			st->t[i].own_again[k] = true;
			cfg = s->cfg;
			cfg.ehlo = NULL;
			st->own_due--;
			st->pending++;
			probe_info(p, "[%s] once more, alone: the refusal may "
				   "have been for sockdoc's own connections",
				   cfg.label);
			if (smtp_sess_start(s, p, &cfg, ports_sess_done, p) < 0)
				st->pending--;
			else
				return true;
		}
	return false;
}

/* The others are done (or the wait ran out): the next retry, else the
 * conclusion. */
static void own_go(struct probe *p)
{
	struct ports_state *st = p->state;

	if (!own_restart_one(p, st) && st->pending == 0) {
		st->own_due = 0;
		ports_conclude(p, st);
	}
}

/* A session ended: a refusal of ours waits for a retry alone (once per
 * session), which begins once every other session is done. */
static void ports_sess_done(struct smtp_sess *s, void *arg)
{
	struct probe *p = arg;
	struct ports_state *st = p->state;
	int i, k;

	drop_plain_of(st, s);
	for (i = 0; i < st->n; i++)
		for (k = 0; k < 2; k++)
			if (s == &st->t[i].s[k] && !st->t[i].own_retry[k] &&
			    own_refused(s)) {
				st->t[i].own_retry[k] = true;
				st->own_due++;
				own_note(p, &st->t[i], s);
			}
	if (--st->pending == 0)
		ports_settle(p, st);
}

/* Add PORT once. */
static void add_port(struct ports_state *st, int port)
{
	int i;

	for (i = 0; i < st->n; i++)
		if (st->t[i].port == port)
			return;
	if (st->n < PORTS_MAX && port > 0)
		st->t[st->n++].port = port;
}

/* The address to probe: the one reach found answering, else the first
 * (not whichever DNS happened to list first). */
static int ports_addr(const struct run *run)
{
	return run->open_addr >= 0 && run->open_addr < run->naddrs
	       ? run->open_addr : 0;
}

/* The step limit for PORT.  When reach has already waited the whole
 * --timeout on the target port without an answer (filtered: no address
 * open), asking it again for as long only doubles the run; a tenth of it
 * re-confirms the silence while 25/587/465 answer beside it.  Begun
 * early (reach still waiting on it), the target port is asked until
 * reach's --timeout ends. */
static int port_timeout_ms(struct probe *p, int port)
{
	const struct run *run = p->run;
	int ms = run_timeout_ms(run);

	if (run->open_addr >= 0 || port != netpath_port(run))
		return ms;
	if (p->early)
		return reach_wait_left_ms(p) < ms ? reach_wait_left_ms(p) : ms;
	return ms / 10 > 200 ? ms / 10 : ms;
}

/* The connect limit, 0 for the step limit.  Begun early, every port
 * gets until reach's --timeout ends to answer the SYN (a port silent
 * then is silent; TCP's SYN retries come at 1 and 3 s, RFC 6298),
 * then the whole --timeout for each reply as usual. */
static int port_connect_ms(struct probe *p)
{
	int left = reach_wait_left_ms(p);

	return p->early && left < run_timeout_ms(p->run) ? left : 0;
}

/* Start both sessions of port test T. */
static void start_port(struct probe *p, struct ports_state *st,
		       struct port_test *t)
{
	static const enum smtp_sec secs[2] = { SEC_STARTTLS_TRY, SEC_IMPLICIT };
	struct smtp_sess_cfg cfg;
	int k;

	memcpy(&t->sa, &p->run->addrs[ports_addr(p->run)].sa, sizeof(t->sa));
	addr_set_port((struct sockaddr *)&t->sa, t->port);
	for (k = 0; k < 2; k++) {
		memset(&cfg, 0, sizeof(cfg));
		str_printf(t->label[k], sizeof(t->label[k]), "%d/%s", t->port,
			   k ? "implicit" : "plain");
		cfg.label = t->label[k];
		cfg.host = smtp_probe_host(p->run);
		cfg.sa = (const struct sockaddr *)&t->sa;
		cfg.sec = secs[k];
		cfg.command = "NOOP";
		cfg.timeout_ms = port_timeout_ms(p, t->port);
		cfg.connect_timeout_ms = port_connect_ms(p);
		st->pending++;
		if (smtp_sess_start(&t->s[k], p, &cfg, ports_sess_done, p) < 0)
			st->pending--;
	}
}

/* Probe every port at once. */
static void ports_start(struct probe *p)
{
	struct ports_state *st = probe_state_new(p, sizeof(*st), NULL);
	char addr[320];
	int i;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	add_port(st, 25);
	add_port(st, 587);
	add_port(st, 465);
	add_port(st, netpath_port(p->run));
	probe_set_str(p, "address",
		      netpath_addr_shown(p->run, (struct sockaddr *)
					 &p->run->addrs[ports_addr(p->run)].sa,
					 addr, sizeof(addr)));
	st->pending = 1; /* held until every session is started */
	for (i = 0; i < st->n; i++)
		start_port(p, st, &st->t[i]);
	if (--st->pending == 0)
		ports_settle(p, st);
}

/* The ports may be asked while reach waits (ops->early), once it has
 * been quiet for a while: an SMTP target with an address. */
static int ports_early(struct probe *p)
{
	char reason[128];

	if (!ports_applies(p, reason, sizeof(reason)))
		return -1;
	return reach_wait_early(p);
}

/* Reach is done: what began early stands when no address answered
 * (the address and the limits were those of a start now); otherwise
 * the chain starts the probe again. */
static bool ports_confirm(struct probe *p)
{
	return p->run->open_addr < 0;
}

/* Stop every session (the chain frees the state). */
static void ports_cleanup(struct probe *p)
{
	struct ports_state *st = p->state;
	int i;

	if (!st)
		return;
	ownload_cancel(&st->wait);
	for (i = 0; i < st->n; i++) {
		smtp_sess_stop(&st->t[i].s[0]);
		smtp_sess_stop(&st->t[i].s[1]);
	}
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail smtp_ports_details[] = {
	{ "own_load", DT_ARRAY, NULL,
	  "[{port, session, code, enhanced, text, beside, retry_greeted}]: "
	  "a session greeted with \"too many connections\" while sockdoc's "
	  "own sessions ran beside it (beside: other probes' ids), tried "
	  "once more alone once they were done (ownload.h)" },
	{ "address", DT_STR, NULL,
	  "the address probed (the one reach found answering, else the first resolved)" },
	{ "ports", DT_ARRAY, NULL,
	  "[{port, security, outcome, errno, connect_ms, greeting_code, "
	  "tls_version, plain, implicit, refusals (that port's refused "
	  "replies, each with \"port\")}]" },
	{ "working", DT_ARRAY, NULL,
	  "[{port, security}] every pair that completed a session" },
	{ "recommended", DT_JSON, NULL,
	  "{port, security}: the pair to put in the client, or null" },
	{ "refusals", DT_ARRAY, NULL,
	  "refused greeting/EHLO/STARTTLS of the target's own port, with "
	  "\"port\" (probe_add_refusal); other ports' in their entry" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_smtp_ports = {
	.id = "smtp.ports",
	.deps = { "dns", "reach" },
	.applies = ports_applies,
	.start = ports_start,
	.cleanup = ports_cleanup,
	.early = ports_early,
	.confirm = ports_confirm,
	.details = smtp_ports_details,
	.tells_apart = N_("tries 25, 587 and 465 on the same host with each "
		"security mode: which pair works"),
};
