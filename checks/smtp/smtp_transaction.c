/* smtp_transaction.c — probe "smtp.transaction": the envelope of a mail
 * (--mail-from, --rcpt) the way the client sends it (plain text when the
 * client is set to no security, else the best TLS), on sockdoc's own
 * dialogue (smtp_dialog): EHLO, STARTTLS, AUTH when smtp.auth logged in,
 * MAIL FROM with SIZE, RCPT TO, then RSET — not a byte of a message is
 * sent, nothing is delivered.  libcurl cannot stop after RCPT, ask a
 * second RCPT, or show a reply that comes after its deadline; hence the
 * own dialogue here.  With --send-test, DATA and a small real message.
 *
 * With --mail-from and no --rcpt it asks the relay question instead:
 * RCPT TO the sender itself, then RCPT TO an address that can never be
 * delivered (a random name under .invalid, RFC 2606), without AUTH and —
 * when credentials work — with AUTH.  Relaying refused without AUTH and
 * accepted with it is the evidence for auth.required.
 *
 * Its details keys are listed in smtp_transaction_details[] below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"
#include "i18n.h"
#include "refusal.h"
#include "run.h"
#include "smtp_class.h"
#include "smtp_dialog.h"
#include "smtp_ehloname.h"
#include "smtp_probe.h"
#include "util.h"

/* The probe's state. */
struct tx_state {
	struct sdlg d[2];      /* [0] the envelope / relay without AUTH,
				  [1] the relay question with AUTH */
	bool used[2];          /* dialogue started */
	int pending;           /* dialogues still running */
	char ehlo[128];        /* the EHLO name */
	char relay[96];        /* the never-deliverable address */
	char mech[24];         /* the mechanism smtp.auth logged in with */
	char body[1024];       /* the --send-test message */
};

/* Runs when an envelope (or a sender alone) was given and the server
 * spoke SMTP. */
static bool tx_applies(struct probe *p, char *reason, size_t size)
{
	const struct options *o = p->run->opt;

	if (!smtp_probe_common_applies(p, reason, size))
		return false;
	if (!o->mail_from) {
		str_copy(reason, _("no --mail-from given"), size);
		return false;
	}
	if (strpbrk(o->mail_from, "\r\n<>") ||
	    (o->rcpt && strpbrk(o->rcpt, "\r\n<>"))) {
		str_copy(reason, _("the envelope addresses contain line "
				   "breaks or angle brackets"), size);
		return false;
	}
	if (!strcmp(smtp_probe_mode(p->run), "none")) {
		str_copy(reason, _("no SMTP session to send in"), size);
		return false;
	}
	return true;
}

/* Reply code to the first/last STEP, 0 when none. */
static int code_of(const struct sdlg *d, const char *step, bool last)
{
	const struct sdlg_exch *e = sdlg_find(d, step, last);

	return e ? e->code : 0;
}

/* The first refused step (any but RSET and QUIT), NULL when none;
 * SKIP_RCPT2 leaves out the second RCPT (the relay question's). */
static const struct sdlg_exch *first_refusal(const struct sdlg *d,
					     bool skip_rcpt2)
{
	int i, rcpts = 0;

	for (i = 0; i < d->nex; i++) {
		const struct sdlg_exch *e = &d->ex[i];

		rcpts += !strcmp(e->step, "RCPT");
		if (skip_rcpt2 && rcpts == 2 && !strcmp(e->step, "RCPT"))
			continue;
		if ((e->code >= 400 || (e->fail && (!strcmp(e->fail, "closed")
						    || !strcmp(e->fail,
							       "malformed"))))
		    && strcmp(e->step, "RSET"))
			return e;
	}
	return NULL;
}

/* The relay RCPT of dialogue D (the second RCPT), NULL when not sent. */
static const struct sdlg_exch *relay_rcpt(const struct sdlg *d)
{
	int i, n = 0;

	for (i = 0; i < d->nex; i++)
		if (!strcmp(d->ex[i].step, "RCPT") && ++n == 2)
			return &d->ex[i];
	return NULL;
}

/* {code, enhanced, text} of E, null when E is NULL. */
static json_t *reply_json(const struct sdlg_exch *e)
{
	if (!e)
		return json_null();
	return json_pack("{s:i,s:s,s:s}", "code", e->code, "enhanced", e->enh,
			 "text", e->text);
}

/* The relay question's findings; returns the refusal to report. */
static const struct sdlg_exch *record_relay(struct probe *p,
					    struct tx_state *st)
{
	const struct sdlg_exch *no = relay_rcpt(&st->d[0]);
	const struct sdlg_exch *yes = st->used[1] ? relay_rcpt(&st->d[1])
						  : NULL;

	json_object_set_new(p->details, "relay", json_pack(
		"{s:s,s:o,s:o,s:b}", "address", st->relay,
		"without_auth", reply_json(no), "with_auth", reply_json(yes),
		"open", no && no->code / 100 == 2));
	if (st->used[1])
		json_object_set_new(p->details, "session_auth",
				    sdlg_json(&st->d[1]));
	return no && no->code >= 400 ? no : NULL;
}

/* Outcome and summary from the refusal R of dialogue D. */
static void tx_finish(struct probe *p, const struct sdlg *d,
		      const struct sdlg_exch *r, bool auth)
{
	const char *out;
	int end = code_of(d, "DATA-END", true);

	probe_set_bool(p, "authenticated", auth);
	probe_set_str(p, "rejected_at", r ? r->step : "");
	probe_set_int(p, "code", r ? r->code : 0);
	probe_set_str(p, "enhanced", r ? r->enh : "");
	probe_set_str(p, "text", r ? r->text : "");
	if (r && r->code == 0)
		out = r->fail && !strcmp(r->fail, "malformed") ? "malformed"
							      : "closed";
	else if (r)
		out = smtp_reply_class(r->code, r->enh, r->text);
	else if (d->cfg.body && end == 250)
		out = "sent";
	else if (!strcmp(d->end, "ok"))
		out = "accepted";
	else
		out = "error";
	probe_set_str(p, "outcome", out);
	if (r && r->code)
		probe_finish(p, PROBE_FAIL, _("%s refused: %d %s"), r->step,
			     r->code, r->text);
	else if (r && !strcmp(out, "malformed"))
		probe_finish(p, PROBE_FAIL, _("the reply to %s has no reply "
			     "code: %s"), r->step, r->text);
	else if (r)
		probe_finish(p, PROBE_FAIL, _("the server closed the "
			     "connection after %s"), r->step);
	else if (!strcmp(out, "error"))
		probe_finish(p, PROBE_ERROR, _("the transaction did not "
			     "complete: %s"), d->end);
	else
		probe_finish(p, json_object_get(p->details, "refusals") ?
			     PROBE_WARN : PROBE_OK, "%s", !strcmp(out, "sent")
			     ? _("test message accepted for delivery")
			     : _("envelope accepted; stopped before the body "
				 "(RSET)"));
}

/* Every dialogue ended: record the envelope's fate. */
static void tx_conclude(struct probe *p, struct tx_state *st)
{
	const struct sdlg *d = &st->d[0];
	bool relay = !p->run->opt->rcpt;
	const struct sdlg_exch *r = first_refusal(d, relay);
	const struct sdlg_exch *rr = relay ? record_relay(p, st) : NULL;
	bool auth_tx = !relay && sdlg_find(d, "AUTH", false) != NULL;
	const struct sdlg_exch *ra = relay && st->used[1] ?
				     relay_rcpt(&st->d[1]) : NULL;

	probe_set_int(p, "mail_code", code_of(d, "MAIL", true));
	probe_set_int(p, "rcpt_code", code_of(d, "RCPT", false));
	probe_set_int(p, "data_code", code_of(d, "DATA", false));
	probe_set_int(p, "end_code", code_of(d, "DATA-END", true));
	json_object_set_new(p->details, "session", sdlg_json(d));
	sdlg_refusals(d, p);
	if (st->used[1])
		sdlg_refusals(&st->d[1], p);
	if (!r && rr && ra && ra->code >= 400) {
		/* refused after logging in too: not a matter of AUTH */
		rr = ra;
		auth_tx = true;
	}
	tx_finish(p, d, r ? r : rr, auth_tx);
}

/* A dialogue ended. */
static void tx_done(struct sdlg *d, void *arg)
{
	struct probe *p = arg;
	struct tx_state *st = p->state;

	(void)d;
	if (--st->pending == 0)
		tx_conclude(p, st);
}

/* The --send-test message. */
static void make_body(struct tx_state *st, const struct options *o)
{
	char date[32];

	iso_time_now(date, sizeof(date));
	str_printf(st->body, sizeof(st->body),
		   "From: <%s>\r\nTo: <%s>\r\nSubject: sockdoc test message\r\n"
		   "X-Mailer: sockdoc\r\n\r\nTest message sent by sockdoc "
		   "--send-test at %s.\r\n", o->mail_from, o->rcpt, date);
}

/* The client's own setting when the port speaks it (a client without
 * TLS on a plain port meets what such a client meets), else the best. */
static enum smtp_sec tx_security(struct run *run)
{
	if (run->target.tls == TLS_NONE &&
	    !strcmp(smtp_probe_mode(run), "plain"))
		return SEC_PLAIN;
	return smtp_probe_best_sec(run);
}

/* The common part of a plan: security, EHLO, STARTTLS, AUTH (MECH). */
static void plan_head(struct probe *p, struct tx_state *st,
		      struct sdlg_cfg *c, enum smtp_sec sec, const char *mech)
{
	const struct options *o = p->run->opt;

	smtp_probe_dlg_cfg(p, c, mech ? "transaction-auth" : "transaction",
			   sec);
	c->ehlo = st->ehlo;
	sdlg_plan(c, SD_EHLO, NULL);
	if (sec == SEC_STARTTLS)
		sdlg_plan(c, SD_STARTTLS, NULL);
	if (mech) {
		c->verify = true;
		c->user = o->user;
		c->password = o->password;
		sdlg_plan(c, SD_AUTH, mech);
	}
	sdlg_plan(c, SD_MAIL, o->mail_from);
}

/* Start dialogue K with plan CFG. */
static void tx_launch(struct probe *p, struct tx_state *st, int k,
		      const struct sdlg_cfg *cfg)
{
	st->pending++;
	st->used[k] = true;
	if (sdlg_start(&st->d[k], p, cfg, tx_done, p) < 0) {
		st->pending--;
		st->used[k] = false;
	}
}

/* A random address that can never be delivered (RFC 2606 .invalid). */
static void relay_address(struct tx_state *st)
{
	unsigned long r = (unsigned long)loop_clock_ms() * 2654435761UL ^
			  (unsigned long)getpid();

	str_printf(st->relay, sizeof(st->relay),
		   "sockdoc-relay-test@r%08lx.invalid", r & 0xffffffffUL);
}

/* The relay question: without AUTH, and with it when it works. */
static void start_relay(struct probe *p, struct tx_state *st,
			enum smtp_sec sec)
{
	const struct options *o = p->run->opt;
	struct sdlg_cfg cfg;
	int k;

	relay_address(st);
	for (k = 0; k < 2; k++) {
		if (k == 1 && !st->mech[0])
			break;
		plan_head(p, st, &cfg, sec, k ? st->mech : NULL);
		sdlg_plan(&cfg, SD_RCPT, o->mail_from);
		sdlg_plan(&cfg, SD_RCPT, st->relay);
		sdlg_plan(&cfg, SD_RSET, NULL);
		sdlg_plan(&cfg, SD_QUIT, NULL);
		tx_launch(p, st, k, &cfg);
	}
}

/* The envelope of --mail-from and --rcpt (and the message). */
static void start_envelope(struct probe *p, struct tx_state *st,
			   enum smtp_sec sec)
{
	const struct options *o = p->run->opt;
	struct sdlg_cfg cfg;

	plan_head(p, st, &cfg, sec, st->mech[0] ? st->mech : NULL);
	sdlg_plan(&cfg, SD_RCPT, o->rcpt);
	if (o->send_test) {
		make_body(st, o);
		cfg.body = st->body;
		sdlg_plan(&cfg, SD_DATA, NULL);
	} else {
		sdlg_plan(&cfg, SD_RSET, NULL);
	}
	sdlg_plan(&cfg, SD_QUIT, NULL);
	cfg.size = o->send_test ? (long long)strlen(st->body) : o->max_upload;
	probe_set_int(p, "size_declared",
		      smtp_probe_caps(p->run).size ? cfg.size : 0);
	tx_launch(p, st, 0, &cfg);
}

/* The mechanism smtp.auth logged in with over TLS, "" when none. */
static void auth_mech(struct probe *p, struct tx_state *st,
		      enum smtp_sec sec)
{
	bool ok = run_probe_status(p->run, "smtp.auth") == PROBE_OK;

	str_copy(st->mech, ok && sec != SEC_PLAIN ?
		 p->run->facts.auth_mechanism : "", sizeof(st->mech));
}

/* The state's destructor: stop both dialogues. */
static void tx_state_dtor(void *state)
{
	struct tx_state *st = state;

	sdlg_stop(&st->d[0]);
	sdlg_stop(&st->d[1]);
}

/* Start the dialogues in the client's security. */
static void tx_start(struct probe *p)
{
	struct tx_state *st = probe_state_new(p, sizeof(*st), tx_state_dtor);
	const struct options *o = p->run->opt;
	enum smtp_sec sec = tx_security(p->run);
	int i = p->run->open_addr >= 0 ? p->run->open_addr : 0;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	smtp_ehlo_name(p->run, (struct sockaddr *)&p->run->addrs[i].sa,
		       st->ehlo, sizeof(st->ehlo));
	auth_mech(p, st, sec);
	probe_set_str(p, "security", smtp_sec_name(sec));
	probe_set_str(p, "ehlo_name", st->ehlo);
	probe_set_bool(p, "send_test", o->send_test && o->rcpt);
	probe_set_int(p, "size_declared", 0);
	st->pending = 1;
	if (o->rcpt)
		start_envelope(p, st, sec);
	else
		start_relay(p, st, sec);
	if (!st->used[0])
		probe_finish(p, PROBE_ERROR, _("no socket for the SMTP "
			     "dialogue"));
	else if (--st->pending == 0)
		tx_conclude(p, st);
}


/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail smtp_transaction_details[] = {
	{ "security", DT_STR, NULL, "\"plain\" | \"starttls\" | \"implicit\"" },
	{ "authenticated", DT_BOOL, NULL,
	  "logged in first (smtp.auth succeeded over TLS)" },
	{ "size_declared", DT_INT, "bytes",
	  "SIZE= sent at MAIL FROM (0: server has no SIZE)" },
	{ "send_test", DT_BOOL, NULL, "a real message was to be sent" },
	{ "mail_code", DT_INT, NULL, "reply to MAIL FROM (0: none)" },
	{ "rcpt_code", DT_INT, NULL, "reply to RCPT TO (0: none)" },
	{ "data_code", DT_INT, NULL, "reply to DATA (0: none)" },
	{ "end_code", DT_INT, NULL, "reply to the end of data (0: none)" },
	{ "outcome", DT_STR, NULL,
	  "\"accepted\" | \"sent\" | a rejection class (smtp_reply_class) | "
	  "\"closed\" | \"malformed\" | \"error\"" },
	{ "rejected_at", DT_STR, NULL,
	  "the step refused (\"MAIL\", \"RCPT\", \"DATA\", \"DATA-END\", "
	  "\"EHLO\", \"STARTTLS\", \"AUTH\", \"greeting\"), \"\" none" },
	{ "code", DT_INT, NULL, "the rejecting reply's code" },
	{ "enhanced", DT_STR, NULL, "its enhanced status code" },
	{ "text", DT_STR, NULL, "its text" },
	{ "session", DT_OBJECT, NULL, "the own dialogue (sdlg_json)" },
	{ "session_auth", DT_OBJECT, NULL,
	  "the relay question's dialogue after AUTH (sdlg_json)" },
	{ "ehlo_name", DT_STR, NULL, "the EHLO name sent" },
	{ "relay", DT_OBJECT, NULL,
	  "relay question (--mail-from without --rcpt): {address, "
	  "without_auth: {code, enhanced, text}, with_auth: {...}|null, open}" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_smtp_transaction = {
	.id = "smtp.transaction",
	.deps = { "smtp.auth" },
	.applies = tx_applies,
	.start = tx_start,
	.details = smtp_transaction_details,
	.tells_apart = N_("MAIL FROM/RCPT TO without sending (RSET): relaying"
		" denied without login"),
};
