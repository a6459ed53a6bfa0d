/* mailrecv_login.c — probe "mailrecv.login": log in with --user and the
 * password, once per method the server offers, one after the other (two
 * POP3 logins at once would lock each other out, RFC 1939 8): POP3
 * USER/PASS and IMAP LOGIN (not sent when LOGINDISABLED is listed), then
 * each offered SASL mechanism sockdoc speaks (PLAIN, LOGIN).  After a
 * refusal no other method can change (wrong password, mailbox in use,
 * login too soon) it stops: more attempts only feed the lockout.
 *
 * Where the password goes, as for SMTP: without TLS only when the client
 * is set to no security (it sends the password that way already); over
 * TLS only when the certificate verified.  The password is never
 * recorded: the session helper shows a fixed marker instead.
 *
 * Its details keys are listed in login_details[] below.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "mr_probe.h"
#include "refusal.h"
#include "run.h"
#include "util.h"

#define LOGIN_METHODS 4

/* The probe's state. */
struct login_state {
	struct mr_sess s[MR_PROBE_SESS]; /* one per method, in order */
	char method[LOGIN_METHODS][24];  /* "USER", "LOGIN", "AUTH=PLAIN" */
	char label[LOGIN_METHODS][32];   /* transcript labels */
	int n;                           /* methods to try */
	int cur;                         /* the running one */
	enum mr_sec sec;                 /* security of every session */
};

/* The security a login may use, or -1 with a reason (and the details
 * "not_sent": no_tls or unverified). */
static int login_sec(struct probe *p, char *reason, size_t size)
{
	struct run *run = p->run;
	bool implicit = !strcmp(mr_probe_mode(run), "implicit");

	if (run->target.tls == TLS_NONE && !implicit)
		return MR_SEC_PLAIN;
	if (!implicit && !run->facts.mr_stls) {
		str_copy(reason, _("the server offers no TLS and the client is "
				   "not set to send the password unencrypted "
				   "(--tls none tests that)"), size);
		probe_set_str(p, "not_sent", "no_tls");
		return -1;
	}
	if (!run->facts.mr_tls_verified) {
		str_copy(reason, _("the certificate did not verify: the "
				   "password is not sent (see mailrecv.tls; "
				   "--cacert adds a trusted CA)"), size);
		probe_set_str(p, "not_sent", "unverified");
		return -1;
	}
	return implicit ? MR_SEC_IMPLICIT : MR_SEC_STARTTLS;
}

/* Runs with a user and a password against a server that greeted. */
static bool login_applies(struct probe *p, char *reason, size_t size)
{
	const struct options *o = p->run->opt;

	if (!mr_probe_applies_after(p, reason, size))
		return false;
	if (!(o->user || p->run->target.user[0])) {
		str_copy(reason, _("no --user and password given"), size);
		return false;
	}
	if (!o->password || !*o->password) {
		str_printf(reason, size, _("no password given for %s: set "
			   "SOCKDOC_PASSWORD, --password-file or ~/.netrc"),
			   o->user ? o->user : p->run->target.user);
		probe_set_str(p, "not_sent", "no_password");
		return false;
	}
	if (!strcmp(mr_probe_mode(p->run), "none")) {
		str_copy(reason, _("no POP3/IMAP session to log in to"), size);
		return false;
	}
	return true;	/* a login the security forbids is skipped at start */
}

/* True when the word MECH is in the ' ' joined LIST. */
static bool in_list(const char *list, const char *mech)
{
	char pad[160], word[32];

	str_printf(pad, sizeof(pad), " %s ", list);
	str_printf(word, sizeof(word), " %s ", mech);
	return strstr(pad, word) != NULL;
}

/* The methods to try, in order. */
static void pick_methods(struct probe *p, struct login_state *st)
{
	struct run_facts *f = &p->run->facts;
	bool tls = st->sec != MR_SEC_PLAIN;
	const char *sasl = tls && f->mr_tls_ok == RUN_YES ? f->mr_sasl_tls
							  : f->mr_sasl;
	static const char *const mechs[] = { "PLAIN", "LOGIN" };
	size_t i;

	if (p->run->target.proto == PROTO_IMAP)
		str_copy(st->method[st->n++], "LOGIN", sizeof(st->method[0]));
	else if (f->mr_user_cmd || !sasl[0])
		str_copy(st->method[st->n++], "USER", sizeof(st->method[0]));
	for (i = 0; i < 2; i++)
		if (in_list(sasl, mechs[i]) && st->n < LOGIN_METHODS)
			str_printf(st->method[st->n++], sizeof(st->method[0]),
				   "AUTH=%s", mechs[i]);
}

/* Outcomes that tell more than a plain "denied", most telling first. */
static int outcome_rank(const char *o)
{
	static const char *const order[] = { "in_use", "login_delay",
		"unavailable", "requires_tls", "login_disabled",
		"login_denied" };
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (!strcmp(o, order[i]))
			return (int)i;
	return 99;
}

/* Every method was tried: write the findings. */
static void login_conclude(struct probe *p, struct login_state *st)
{
	json_t *attempts = json_array(), *sessions = json_array();
	const char *best = NULL, *ok = NULL;
	int i, nok = 0;

	for (i = 0; i < st->n; i++) {
		const struct mr_sess *s = &st->s[i];
		const struct mr_exch *e = s->fail_step[0] ?
			mr_sess_find(s, s->fail_step, true) : NULL;

		json_array_append_new(attempts, json_pack(
			"{s:s,s:s,s:s,s:s,s:s,s:s}", "method", st->method[i],
			"outcome", s->outcome, "step", s->fail_step,
			"status", e ? e->status : "", "code", e ? e->code : "",
			"text", e ? e->text : ""));
		json_array_append_new(sessions, mr_sess_json(s));
		mr_sess_refusals(p, s);
		if (s->logged_in) {
			nok++;
			ok = ok ? ok : st->method[i];
		} else if (!best || outcome_rank(s->outcome) <
				    outcome_rank(best)) {
			best = s->outcome;
		}
	}
	json_object_set_new(p->details, "attempts", attempts);
	json_object_set_new(p->details, "sessions", sessions);
	probe_set_str(p, "security", mr_sec_name(st->sec));
	probe_set_str(p, "method_ok", ok ? ok : "");
	probe_set_str(p, "outcome", ok ? "ok" : best ? best : "error");
	p->run->facts.mr_login_sec = (int)st->sec;
	str_copy(p->run->facts.mr_login_method, ok ? ok : "",
		 sizeof(p->run->facts.mr_login_method));
	if (ok && nok == st->n)
		probe_finish(p, PROBE_OK, _("login works (%s, %s)"), ok,
			     mr_sec_name(st->sec));
	else if (ok)
		probe_finish(p, PROBE_WARN, _("login works with %s, but not "
			     "with every offered method"), ok);
	else
		probe_finish(p, PROBE_FAIL, _("login failed: %s"), best);
}

static void login_next(struct probe *p, struct login_state *st);

/* True for a refusal no other method changes: wrong credentials, a
 * locked mailbox, a login too soon. */
static bool final_refusal(const char *outcome)
{
	return !strcmp(outcome, "login_denied") || !strcmp(outcome, "in_use") ||
	       !strcmp(outcome, "login_delay") ||
	       !strcmp(outcome, "unavailable");
}

/* One method's session ended: the next one, or conclude. */
static void login_sess_done(struct mr_sess *s, void *arg)
{
	struct probe *p = arg;
	struct login_state *st = p->state;

	st->cur++;
	if (final_refusal(s->outcome) && st->cur < st->n) {
		/* The same password with another method would only count
		 * toward the server's lockout (Dovecot's auth penalty,
		 * fail2ban): the answer is already clear. */
		probe_set_int(p, "not_tried", st->n - st->cur);
		st->n = st->cur;
	}
	login_next(p, st);
}

/* Start the session of the current method. */
static void login_next(struct probe *p, struct login_state *st)
{
	struct mr_sess_cfg cfg;
	const char *m;

	if (st->cur >= st->n) {
		login_conclude(p, st);
		return;
	}
	m = st->method[st->cur];
	str_printf(st->label[st->cur], sizeof(st->label[0]), "login-%s",
		   m);
	mr_probe_cfg(p, &cfg, st->label[st->cur], st->sec, MR_GOAL_LOGIN);
	cfg.mech = !strncmp(m, "AUTH=", 5) ? m + 5 : NULL;
	cfg.need_verified = st->sec != MR_SEC_PLAIN;
	mr_sess_start(&st->s[st->cur], p, &cfg, login_sess_done, p);
}

/* Choose the security and the methods, then try them in turn. */
static void login_start(struct probe *p)
{
	struct login_state *st = probe_state_new(p, sizeof(*st),
						 mr_probe_state_dtor);
	char reason[256];
	int sec;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	if ((sec = login_sec(p, reason, sizeof(reason))) < 0) {
		/* skipped with the reason in the details: the question the
		 * user asked (can I log in?) stays open, the diagnosis says */
		probe_finish(p, PROBE_SKIPPED, "%s", reason);
		return;
	}
	st->sec = (enum mr_sec)sec;
	pick_methods(p, st);
	login_next(p, st);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail login_details[] = {
	{ "security", DT_STR, NULL, "plain|starttls|implicit: how the "
	  "password went" },
	{ "attempts", DT_ARRAY, NULL,
	  "[{method (USER, LOGIN, AUTH=PLAIN, AUTH=LOGIN), outcome, step, "
	  "status, code, text}] one per method" },
	{ "sessions", DT_ARRAY, NULL, "the sessions (mr_sess_json)" },
	{ "method_ok", DT_STR, NULL, "the first method that worked, \"\"" },
	{ "not_tried", DT_INT, NULL, "methods left untried after a refusal "
	  "no method changes (wrong password, mailbox in use)" },
	{ "outcome", DT_STR, NULL,
	  "ok, or the most telling failure: in_use|login_delay|unavailable|"
	  "requires_tls|login_disabled|login_denied|..." },
	{ "not_sent", DT_STR, NULL, "skipped: the password was not sent: "
	  "no_tls (no TLS offered, the client not set to none), "
	  "unverified (the certificate did not verify) or no_password "
	  "(a user without a password)" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_mailrecv_login = {
	.id = "mailrecv.login",
	.deps = { "mailrecv.caps", "mailrecv.tls" },
	.applies = login_applies,
	.start = login_start,
	.details = login_details,
	.tells_apart = N_("logs in to POP3/IMAP with each offered method "
		"(USER/PASS, LOGIN, SASL PLAIN/LOGIN): wrong password, "
		"plaintext login disabled, mailbox in use, login too soon"),
};
