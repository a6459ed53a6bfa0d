/* mailrecv_caps.c — probe "mailrecv.caps": the POP3/IMAP greeting and
 * capability list, and what the port speaks.  Two sessions run at once on
 * the target port: plain text (POP3 "+OK" / IMAP "* OK" first) and
 * implicit TLS (RFC 8314); whichever greets tells the port's mode, so a
 * client set to the other mode is told apart from a dead server.  The
 * implicit session is skipped when the banner probe already read a plain
 * greeting.  Each session stops after CAPA / CAPABILITY: no login.
 *
 * Its details keys are listed in caps_details[] below.
 */
#include "config.h"

#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "mr_probe.h"
#include "refusal.h"
#include "run.h"
#include "util.h"
#include "wrongproto.h"

/* The probe's state. */
struct caps_state {
	struct mr_sess s[MR_PROBE_SESS]; /* [0] plain, [1] implicit */
	int pending;                     /* sessions still running */
	bool implicit_run;               /* [1] was started */
};

/* The session that greeted, NULL when neither did. */
static const struct mr_sess *greeted(const struct caps_state *st)
{
	if (st->s[0].greeted)
		return &st->s[0];
	if (st->implicit_run && st->s[1].greeted)
		return &st->s[1];
	return NULL;
}

/* The session whose failure tells most: one that got an answer. */
static const struct mr_sess *telling(const struct caps_state *st)
{
	const struct mr_sess *g = greeted(st);

	if (g)
		return g;
	if (st->implicit_run && mr_sess_foreign(&st->s[1]))
		return &st->s[1]; /* it names what answers */
	if (st->s[0].nex || !st->implicit_run)
		return &st->s[0];
	return st->s[1].nex ? &st->s[1] : &st->s[0];
}

/* Hand the capabilities to the next probes (run->facts). */
static void record_facts(struct probe *p, const struct mr_sess *s)
{
	struct run_facts *f = &p->run->facts;
	const struct mr_caps *c = &s->caps;
	int i;

	f->mr_stls = c->stls;
	f->mr_user_cmd = c->user || !c->seen;
	f->mr_logindisabled = c->logindisabled;
	f->mr_sasl[0] = '\0';
	for (i = 0; i < c->nmechs; i++)
		str_appendf(f->mr_sasl, sizeof(f->mr_sasl), "%s%s",
			    i ? " " : "", c->mechs[i]);
}

/* A one-line view of the capabilities for the summary. */
static void caps_line(const struct mr_sess *s, char *buf, size_t size)
{
	const struct mr_caps *c = &s->caps;
	const char *stls = s->cfg.proto == MR_IMAP ? "STARTTLS" : "STLS";
	const char *sasl = s->probe->run->facts.mr_sasl;

	if (!c->seen) {
		str_copy(buf, _("no capability list"), size);
		return;
	}
	str_printf(buf, size, "%s%s%s, SASL: %s", c->stls ? stls : "",
		   c->stls ? "" : _("no TLS upgrade"),
		   c->logindisabled ? ", LOGINDISABLED" : "",
		   *sasl ? sasl : _("none"));
}

/* Neither session greeted and the implicit one met another protocol
 * where the TLS handshake was due (an SSH banner, an HTTP answer;
 * mr_sess_foreign): name it, hand it to the next probes (wrongproto.h)
 * and finish.  False otherwise. */
static bool caps_foreign(struct probe *p, const struct caps_state *st)
{
	const struct mr_sess *s = &st->s[1];
	const char *name = st->implicit_run ? mr_sess_foreign(s) : NULL;

	if (!name)
		return false;
	json_object_set_new(p->details, "wrong_protocol",
			    mr_sess_foreign_json(s));
	wrongproto_set(p->run, name, p->ops->id);
	if (p->run->target.tls == TLS_IMPLICIT)
		probe_finish(p, PROBE_FAIL, _("no %s greeting: the port "
			     "speaks %s (its first bytes came where the TLS "
			     "handshake was due)"),
			     mr_probe_proto_upper(p->run), name);
	else
		probe_finish(p, PROBE_FAIL, _("no %s greeting: the port "
			     "speaks %s"), mr_probe_proto_upper(p->run), name);
	return true;
}

/* Both sessions ended: write the findings. */
static void caps_conclude(struct probe *p, struct caps_state *st)
{
	const struct mr_sess *g = greeted(st), *t = telling(st);
	const char *mode = g ? (g == &st->s[0] ? "plain" : "implicit") : "none";
	const char *proto = mr_probe_proto_upper(p->run);
	const struct mr_exch *ge = mr_sess_find(t, "greeting", false);
	char line[300];

	str_copy(p->run->facts.mr_mode, mode, sizeof(p->run->facts.mr_mode));
	probe_set_str(p, "protocol", mr_proto_name(t->cfg.proto));
	probe_set_str(p, "mode", mode);
	json_object_set_new(p->details, "plain", mr_sess_json(&st->s[0]));
	if (st->implicit_run)
		json_object_set_new(p->details, "implicit",
				    mr_sess_json(&st->s[1]));
	probe_set_str(p, "outcome", t->outcome);
	if (ge) {
		probe_set_str(p, "greeting_status", ge->status);
		probe_set_str(p, "greeting", ge->text);
	}
	mr_sess_refusals(p, t);
	if (!g && caps_foreign(p, st))
		return;
	if (!g) {
		probe_finish(p, PROBE_FAIL, _("no %s greeting: %s"), proto,
			     ge ? ge->text : t->outcome);
		return;
	}
	record_facts(p, g);
	json_object_set_new(p->details, "caps", mr_caps_json(&g->caps));
	caps_line(g, line, sizeof(line));
	probe_finish(p, PROBE_OK, _("%s greeting (%s) %s; %s"), proto, mode,
		     ge ? ge->status : "", line);
}

/* A session ended. */
static void caps_sess_done(struct mr_sess *s, void *arg)
{
	struct probe *p = arg;
	struct caps_state *st = p->state;

	if (s == &st->s[1] && (s->greeted || mr_sess_foreign(s)) &&
	    st->s[0].running && p->run->target.tls == TLS_IMPLICIT) {
		/* The client's own mode works, or the port speaks another
		 * protocol (a silent one, HTTP, would not answer the plain
		 * session): it would only wait out --timeout for a greeting
		 * that cannot come. */
		mr_sess_stop(&st->s[0]);
		str_copy(st->s[0].outcome, "not_needed",
			 sizeof(st->s[0].outcome));
		st->pending--;
	}
	if (--st->pending == 0)
		caps_conclude(p, st);
}

/* Start the plain session, and the implicit one unless banner greeted. */
static void caps_start(struct probe *p)
{
	struct caps_state *st = probe_state_new(p, sizeof(*st),
						mr_probe_state_dtor);
	struct mr_sess_cfg cfg;
	const char *br = p->run->facts.banner_result;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	st->pending = 1; /* held until both are started */
	mr_probe_cfg(p, &cfg, "plain", MR_SEC_PLAIN, MR_GOAL_CAPS);
	st->pending++;
	mr_sess_start(&st->s[0], p, &cfg, caps_sess_done, p);
	if (strcmp(br, "greeting") || p->run->target.tls == TLS_IMPLICIT) {
		mr_probe_cfg(p, &cfg, "implicit", MR_SEC_IMPLICIT,
			     MR_GOAL_CAPS);
		st->implicit_run = true;
		st->pending++;
		mr_sess_start(&st->s[1], p, &cfg, caps_sess_done, p);
	}
	if (--st->pending == 0)
		caps_conclude(p, st);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail caps_details[] = {
	{ "protocol", DT_STR, NULL, "\"pop3\" | \"imap\"" },
	{ "mode", DT_STR, NULL,
	  "what the port speaks: plain|implicit|none (neither greeted)" },
	{ "outcome", DT_STR, NULL,
	  "outcome token of the telling session (mr_sess.h)" },
	{ "greeting_status", DT_STR, NULL,
	  "+OK|-ERR (POP3), OK|PREAUTH|BYE (IMAP)" },
	{ "greeting", DT_STR, NULL, "greeting text (sanitized)" },
	{ "caps", DT_OBJECT, NULL,
	  "capabilities of the greeting session (mr_caps_json)" },
	{ "plain", DT_OBJECT, NULL, "the plain session (mr_sess_json)" },
	{ "implicit", DT_OBJECT, NULL,
	  "the implicit-TLS session (mr_sess_json), when run" },
	{ "wrong_protocol", DT_OBJECT, NULL,
	  "another protocol where implicit TLS was due: {protocol (\"SSH\"), "
	  "sniff, raw (first bytes, sanitized), where: \"tls\"} "
	  "(tls_peek.h)" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_mailrecv_caps = {
	.id = "mailrecv.caps",
	.deps = { "banner" },
	.applies = mr_probe_applies,
	.start = caps_start,
	.details = caps_details,
	.tells_apart = N_("reads the POP3/IMAP greeting and capabilities in "
		"plain text and with implicit TLS: what the port speaks, "
		"STLS/STARTTLS, SASL mechanisms, LOGINDISABLED"),
};
