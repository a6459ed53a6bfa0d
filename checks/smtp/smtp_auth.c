/* smtp_auth.c — probe "smtp.auth": log in with --user and the password,
 * before TLS (only when the client is set to no security: it sends the
 * password that way already) and over TLS (only when the certificate
 * verified: the password is never sent to an unverified server).
 *
 * Each mechanism the server advertises that sockdoc speaks (PLAIN, LOGIN,
 * CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256) is tried in turn on its own
 * dialogue (smtp_dialog), before
 * auth.rejected is concluded: libcurl picks one mechanism by itself and
 * would hide that another one fails — the one the user's client picks.
 * Others (SCRAM-*-PLUS, XOAUTH2, NTLM, GSSAPI) are recorded as not tried.
 * The password never reaches a record: the dialogue writes a marker.
 *
 * Its details keys are listed in smtp_auth_details[] below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks.h"
#include "i18n.h"
#include "refusal.h"
#include "run.h"
#include "smtp_caps.h"
#include "smtp_dialog.h"
#include "smtp_probe.h"
#include "util.h"

#define AUTH_MAX_MECH 8

/* One stage: the mechanisms tried one after another. */
struct auth_stage {
	enum smtp_sec sec;            /* plain, STARTTLS or implicit */
	bool used;                    /* the stage runs */
	const char *skip;             /* outcome token of a stage not run */
	char mech[AUTH_MAX_MECH][24]; /* advertised mechanisms */
	int nmech;                    /* used entries */
	int cur;                      /* index being tried */
	struct sdlg d;                /* the running dialogue */
	json_t *tried;                /* [{name, tried, ok, code...}] */
	json_t *session;              /* dialogue of the decisive attempt */
	char label[48];               /* transcript tag "auth-tls/LOGIN" */
	int code;                     /* decisive AUTH reply */
	char enh[16], text[512];      /* its enhanced code and text */
	char used_mech[24];           /* mechanism of the decisive reply */
	const char *outcome;          /* stage outcome token */
};

/* The probe's stages. */
struct auth_state {
	struct auth_stage st[2];      /* [0] before TLS, [1] over TLS */
	struct probe *p;              /* owner */
	int pending;                  /* stages still running */
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

/* Outcome of an AUTH reply CODE/TEXT (0: AUTH never answered). */
static const char *auth_outcome(int code, const char *text)
{
	if (code == 235)
		return "ok";
	if (code == 538 || (code == 530 && strcasestr(text, "TLS")))
		return "requires_tls";
	if (code == 535 || code == 534 || code == 530 || code == 504 ||
	    code == 454)
		return "rejected";
	return "error";
}

/* True for a mechanism the dialogue speaks. */
static bool spoken(const char *m)
{
	return !strcasecmp(m, "PLAIN") || !strcasecmp(m, "LOGIN") ||
	       !strcasecmp(m, "CRAM-MD5") || !strcasecmp(m, "SCRAM-SHA-1") ||
	       !strcasecmp(m, "SCRAM-SHA-256");
}

/* Rank for the order of trying: PLAIN, LOGIN, CRAM-MD5, SCRAM, the
 * rest (not spoken: recorded as not tried). */
static int rank(const char *m)
{
	return !strcasecmp(m, "PLAIN") ? 0 : !strcasecmp(m, "LOGIN") ? 1
	       : !strcasecmp(m, "CRAM-MD5") ? 2 : spoken(m) ? 3 : 4;
}

/* The advertised mechanisms (LIST, space separated, as the EHLO reply
 * gave them) in trying order. */
static void read_mechs(struct auth_stage *s, const char *list)
{
	char m[24];
	const char *p;
	int r, k, n;

	for (r = 0; r < 5; r++)
		for (p = list; sscanf(p, "%23s%n", m, &n) == 1; p += n) {
			if (rank(m) != r || s->nmech >= AUTH_MAX_MECH)
				continue;
			for (k = 0; k < s->nmech; k++)
				if (!strcasecmp(s->mech[k], m))
					break;
			if (k == s->nmech)
				str_copy(s->mech[s->nmech++], m, 24);
		}
}

static void stage_next(struct auth_state *a, struct auth_stage *s);

/* Weight of an outcome: the decisive attempt of a stage is the first
 * success, else the last refusal. */
static int prio(const char *out)
{
	return !strcmp(out, "ok") ? 4 : !strcmp(out, "rejected") ? 3
	       : !strcmp(out, "requires_tls") ? 2 : 1;
}

/* Record the result of the mechanism just tried on dialogue D. */
static void record_try(struct auth_state *a, struct auth_stage *s,
		       const struct sdlg *d)
{
	const struct sdlg_exch *e = sdlg_find(d, "AUTH", true);
	const char *out = e ? auth_outcome(e->code, e->text) : "error";

	sdlg_refusals(d, a->p);
	json_array_append_new(s->tried, json_pack(
		"{s:s,s:s,s:b,s:b,s:i,s:s,s:s}", "name", s->mech[s->cur],
		"stage", s->sec == SEC_PLAIN ? "plain" : smtp_sec_name(s->sec),
		"tried", e != NULL, "ok", !strcmp(out, "ok"),
		"code", e ? e->code : 0, "enhanced", e ? e->enh : "",
		"text", e ? e->text : d->end));
	if (!s->outcome || prio(out) > prio(s->outcome) ||
	    (prio(out) == prio(s->outcome) && strcmp(out, "ok"))) {
		s->outcome = out;
		s->code = e ? e->code : 0;
		str_copy(s->enh, e ? e->enh : "", sizeof(s->enh));
		str_copy(s->text, e ? e->text : "", sizeof(s->text));
		str_copy(s->used_mech, s->mech[s->cur], sizeof(s->used_mech));
		json_decref(s->session);
		s->session = sdlg_json(d);
	}
}

/* A mechanism's dialogue ended. */
static void try_done(struct sdlg *d, void *arg)
{
	struct auth_state *a = arg;
	struct auth_stage *s = d == &a->st[0].d ? &a->st[0] : &a->st[1];

	record_try(a, s, d);
	s->cur++;
	stage_next(a, s);
}

/* The evidence of stage S. */
static json_t *stage_json(struct auth_stage *s, int k, json_t *mechs)
{
	json_t *o;

	o = json_pack("{s:s,s:b,s:O,s:s,s:i,s:s,s:s,s:s,s:o}",
		"stage", k ? smtp_sec_name(s->sec) : "plain",
		"offered", s->nmech > 0, "mechanisms", mechs,
		"mechanism", s->used_mech, "code", s->code, "enhanced", s->enh,
		"text", s->text, "outcome", s->used ? (s->outcome ? s->outcome
			: "not_offered") : s->skip,
		"tried", s->tried ? json_incref(s->tried) : json_array());
	if (s->session)
		json_object_set(o, "session", s->session);
	return o;
}

/* Every stage ended: write the findings and finish. */
static void auth_conclude(struct probe *p, struct auth_state *a)
{
	json_t *stages = json_array(), *all = json_array();
	const char *mech = "";
	bool ok = false, bad = false;
	int k;

	for (k = 0; k < 2; k++) {
		struct auth_stage *s = &a->st[k];
		json_t *names;
		const char *out;
		int i;

		if (!s->used && !s->skip)
			continue;
		names = json_array();
		for (i = 0; i < s->nmech; i++)
			json_array_append_new(names, json_string(s->mech[i]));
		json_array_append_new(stages, stage_json(s, k, names));
		json_decref(names);
		if (s->tried)
			json_array_extend(all, s->tried);
		out = s->used ? (s->outcome ? s->outcome : "not_offered")
			      : s->skip;
		if (!strcmp(out, "ok") && !*mech)
			mech = s->used_mech;
		ok |= !strcmp(out, "ok");
		bad |= !strcmp(out, "rejected") || !strcmp(out, "requires_tls");
	}
	probe_set_str(p, "user", p->run->opt->user);
	probe_set_bool(p, "authenticated", ok);
	probe_set_str(p, "mechanism", mech);
	str_copy(p->run->facts.auth_mechanism, mech,
		 sizeof(p->run->facts.auth_mechanism));
	json_object_set_new(p->details, "mechanisms", all);
	json_object_set_new(p->details, "stages", stages);
	if (ok)
		probe_finish(p, PROBE_OK, _("logged in as %s (%s)"),
			     p->run->opt->user, mech);
	else
		probe_finish(p, bad ? PROBE_FAIL : PROBE_WARN,
			     _("login as %s did not succeed"),
			     p->run->opt->user);
}

/* Try the next mechanism of S, or end the stage. */
static void stage_next(struct auth_state *a, struct auth_stage *s)
{
	struct probe *p = a->p;
	struct sdlg_cfg cfg;

	while (s->cur < s->nmech && !spoken(s->mech[s->cur])) {
		json_array_append_new(s->tried, json_pack(
			"{s:s,s:s,s:b,s:b,s:i,s:s,s:s}", "name",
			s->mech[s->cur], "stage", s == &a->st[0] ? "plain"
			: smtp_sec_name(s->sec), "tried", 0, "ok", 0,
			"code", 0, "enhanced", "", "text", "not tried"));
		s->cur++;
	}
	if (s->cur >= s->nmech) {
		if (--a->pending == 0)
			auth_conclude(p, a);
		return;
	}
	str_printf(s->label, sizeof(s->label), "auth-%s/%s", s == &a->st[0]
		   ? "plain" : "tls", s->mech[s->cur]);
	smtp_probe_dlg_cfg(p, &cfg, s->label, s->sec);
	cfg.verify = s->sec != SEC_PLAIN;
	cfg.user = p->run->opt->user;
	cfg.password = p->run->opt->password;
	sdlg_plan(&cfg, SD_EHLO, NULL);
	if (s->sec == SEC_STARTTLS)
		sdlg_plan(&cfg, SD_STARTTLS, NULL);
	sdlg_plan(&cfg, SD_AUTH, s->mech[s->cur]);
	sdlg_plan(&cfg, SD_QUIT, NULL);
	if (sdlg_start(&s->d, p, &cfg, try_done, a) < 0) {
		s->outcome = "error";
		s->cur = s->nmech;
		stage_next(a, s);
	}
}

/* Start stage K with security SEC and the mechanisms in MECHS (space
 * separated). */
static void start_stage(struct auth_state *a, int k, enum smtp_sec sec,
			const char *mechs)
{
	struct auth_stage *s = &a->st[k];

	s->sec = sec;
	s->used = true;
	s->tried = json_array();
	read_mechs(s, mechs);
	a->pending++;
	stage_next(a, s);
}

/* The state's destructor: the dialogues and the JSON it holds. */
static void auth_state_dtor(void *state)
{
	struct auth_state *a = state;
	int k;

	for (k = 0; k < 2; k++) {
		sdlg_stop(&a->st[k].d);
		json_decref(a->st[k].tried);
		json_decref(a->st[k].session);
	}
}

/* Choose the stages the server and the client settings allow. */
static void auth_start(struct probe *p)
{
	struct auth_state *a = probe_state_new(p, sizeof(*a),
					       auth_state_dtor);
	struct run *run = p->run;
	enum smtp_sec sec = smtp_probe_best_sec(run);
	struct probe *tls = run_probe(run, "tls");

	if (!a) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	a->p = p;
	a->pending = 1;
	if (!strcmp(smtp_probe_mode(run), "plain") &&
	    run->target.tls == TLS_NONE)
		start_stage(a, 0, SEC_PLAIN, run->facts.smtp_auth_plain);
	if (sec != SEC_PLAIN && tls && tls->status == PROBE_OK &&
	    run->facts.tls_verified)
		start_stage(a, 1, sec, run->facts.tls_auth);
	else if (sec != SEC_PLAIN)
		a->st[1].skip = "not_sent_unverified";
	if (!a->st[0].used && !a->st[1].used && !a->st[1].skip)
		a->st[0].skip = "not_sent_plaintext";
	if (--a->pending == 0)
		auth_conclude(p, a);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail smtp_auth_details[] = {
	{ "user", DT_STR, NULL, "the login name" },
	{ "authenticated", DT_BOOL, NULL, "a stage logged in" },
	{ "not_sent", DT_STR, NULL, "skipped: no_password (--user without "
	  "a password: AUTH not sent)" },
	{ "mechanism", DT_STR, NULL,
	  "the mechanism that logged in (\"\" none)" },
	{ "mechanisms", DT_ARRAY, NULL,
	  "[{name, stage, tried, ok, code, enhanced, text}] every advertised "
	  "mechanism; not spoken ones (XOAUTH2, NTLM, SCRAM-*-PLUS...) "
	  "tried false, \"not tried\"" },
	PROBE_DETAIL_REFUSALS,
	{ "stages", DT_ARRAY, NULL,
	  "[{stage, offered, mechanisms[], mechanism (the one that worked, "
	  "else the last tried), code, enhanced, text, outcome (ok|rejected|"
	  "requires_tls|not_offered|not_sent_unverified|not_sent_plaintext|"
	  "error), tried[], session (own dialogue, sdlg_json)}]" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_smtp_auth = {
	.id = "smtp.auth",
	.deps = { "tls" },
	.applies = auth_applies,
	.start = auth_start,
	.details = smtp_auth_details,
	.tells_apart = N_("logs in (password from SOCKDOC_PASSWORD or "
		"--password-file) with each advertised mechanism: rejected vs. "
		"TLS required first vs. one mechanism refused"),
};
