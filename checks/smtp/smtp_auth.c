/* smtp_auth.c — probe "smtp.auth": log in with --user and the password,
 * before TLS (only when the client is set to no security: it sends the
 * password that way already) and over TLS (only when the certificate
 * verified: the password is never sent to an unverified server).  The
 * password goes to libcurl through CURLOPT_PASSWORD only; the session
 * helper replaces the AUTH exchange before anything is recorded.
 *
 * Its details keys are listed in smtp_auth_details[] below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks.h"
#include "i18n.h"
#include "run.h"
#include "smtp_caps.h"
#include "smtp_probe.h"
#include "smtp_session.h"
#include "util.h"

/* The probe's stages. */
struct auth_state {
	struct smtp_sess s[SMTP_PROBE_SESS]; /* [0] before TLS, [1] over TLS
					      * (first: the shared destructor
					      * stops them) */
	bool used[2];            /* stage started */
	const char *skip[2];     /* outcome token of a stage not run */
	int pending;             /* sessions still running */
};

/* Runs with a user and a password against a server that spoke SMTP. */
static bool auth_applies(struct probe *p, char *reason, size_t size)
{
	const struct options *o = p->run->opt;

	if (!smtp_probe_common_applies(p, reason, size))
		return false;
	if (!o->user) {
		str_copy(reason, _("no --user and password given"), size);
		return false;
	}
	if (!o->password || !*o->password) {
		str_printf(reason, size, _("no password given for %s: set "
			   "SOCKDOC_PASSWORD, --password-file or ~/.netrc"),
			   o->user);
		probe_set_str(p, "user", o->user);
		probe_set_str(p, "not_sent", "no_password");
		return false;
	}
	if (!strcmp(smtp_probe_mode(p->run), "none")) {
		str_copy(reason, _("no SMTP session to log in to"), size);
		return false;
	}
	return true;
}

/* Outcome of the AUTH reply E (NULL: AUTH never sent). */
static const char *auth_outcome(const struct smtp_exch *e)
{
	if (!e)
		return "not_offered";
	if (e->code == 235)
		return "ok";
	if (e->code == 538 || (e->code == 530 && strcasestr(e->text, "TLS")))
		return "requires_tls";
	if (e->code == 535 || e->code == 534 || e->code == 530)
		return "rejected";
	return "error";
}

/* The evidence of stage K. */
static json_t *stage_json(struct probe *p, struct auth_state *st, int k)
{
	static const char *const names[] = { "plain", "tls" };
	const struct smtp_sess *s = &st->s[k];
	const struct smtp_exch *a = smtp_sess_find(s, "AUTH", true);
	const struct smtp_exch *e = smtp_sess_find(s, "EHLO", true);
	struct smtp_caps caps;
	json_t *o, *cj;

	memset(&caps, 0, sizeof(caps));
	if (e && e->code == 250)
		smtp_caps_parse(e->text, &caps);
	cj = smtp_caps_json(&caps);
	o = json_pack("{s:s,s:b,s:o,s:s,s:i,s:s,s:s,s:s}",
		"stage", k ? smtp_sec_name(s->cfg.sec) : names[0],
		"offered", caps.nauth > 0,
		"mechanisms", json_incref(json_object_get(cj, "auth")),
		"mechanism", a ? a->cmd + 5 : "",
		"code", a ? a->code : 0, "enhanced", a ? a->enh : "",
		"text", a ? a->text : "",
		"outcome", st->used[k] ? auth_outcome(a) : st->skip[k]);
	(void)p;
	json_decref(cj);
	if (st->used[k])
		json_object_set_new(o, "session", smtp_sess_json(s));
	return o;
}

/* Every stage ended. */
static void auth_conclude(struct probe *p, struct auth_state *st)
{
	json_t *stages = json_array();
	bool ok = false, bad = false;
	int k;

	for (k = 0; k < 2; k++) {
		json_t *o;
		const char *out;

		if (!st->used[k] && !st->skip[k])
			continue;
		o = stage_json(p, st, k);
		out = json_string_value(json_object_get(o, "outcome"));
		ok |= !strcmp(out, "ok");
		bad |= !strcmp(out, "rejected") || !strcmp(out, "requires_tls");
		json_array_append_new(stages, o);
	}
	probe_set_str(p, "user", p->run->opt->user);
	probe_set_bool(p, "authenticated", ok);
	json_object_set_new(p->details, "stages", stages);
	if (ok)
		probe_finish(p, PROBE_OK, _("logged in as %s"),
			     p->run->opt->user);
	else
		probe_finish(p, bad ? PROBE_FAIL : PROBE_WARN,
			     _("login as %s did not succeed"),
			     p->run->opt->user);
}

/* A stage ended. */
static void auth_sess_done(struct smtp_sess *s, void *arg)
{
	struct probe *p = arg;
	struct auth_state *st = p->state;

	(void)s;
	if (--st->pending == 0)
		auth_conclude(p, st);
}

/* Start stage K with security SEC. */
static void start_stage(struct probe *p, struct auth_state *st, int k,
			enum smtp_sec sec)
{
	struct smtp_sess_cfg cfg;

	smtp_probe_cfg(p, &cfg, k ? "auth-tls" : "auth-plain", sec, k == 1);
	cfg.user = p->run->opt->user;
	cfg.password = p->run->opt->password;
	st->pending++;
	st->used[k] = true;
	if (smtp_sess_start(&st->s[k], p, &cfg, auth_sess_done, p) < 0) {
		st->pending--;
		st->used[k] = false;
		st->skip[k] = "error";
	}
}

/* Choose the stages the server and the client settings allow. */
static void auth_start(struct probe *p)
{
	struct auth_state *st = probe_state_new(p, sizeof(*st),
						smtp_probe_state_dtor);
	struct run *run = p->run;
	enum smtp_sec sec = smtp_probe_best_sec(run);
	struct probe *tls = run_probe(run, "tls");

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	st->pending = 1;
	if (!strcmp(smtp_probe_mode(run), "plain") &&
	    run->target.tls == TLS_NONE)
		start_stage(p, st, 0, SEC_PLAIN);
	if (sec != SEC_PLAIN && tls && tls->status == PROBE_OK &&
	    run->facts.tls_verified)
		start_stage(p, st, 1, sec);
	else if (sec != SEC_PLAIN)
		st->skip[1] = "not_sent_unverified";
	if (!st->used[0] && !st->used[1] && !st->skip[1])
		st->skip[0] = "not_sent_plaintext";
	if (--st->pending == 0)
		auth_conclude(p, st);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail smtp_auth_details[] = {
	{ "user", DT_STR, NULL, "the login name" },
	{ "authenticated", DT_BOOL, NULL, "a stage logged in" },
	{ "not_sent", DT_STR, NULL, "skipped: no_password (--user without "
	  "a password: AUTH not sent)" },
	{ "stages", DT_ARRAY, NULL,
	  "[{stage, offered, mechanisms[], mechanism, code, enhanced, "
	  "text, outcome (ok|rejected|requires_tls|not_offered|not_sent_u"
	  "nverified|not_sent_plaintext|error), session}]" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_smtp_auth = {
	.id = "smtp.auth",
	.deps = { "tls" },
	.applies = auth_applies,
	.start = auth_start,
	.details = smtp_auth_details,
	.tells_apart = N_("logs in (password from SOCKDOC_PASSWORD or "
		"--password-file): rejected vs. TLS required first"),
};
