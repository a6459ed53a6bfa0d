/* smtp_transaction.c — probe "smtp.transaction": the envelope of a mail
 * (--mail-from, --rcpt) the way the client sends it (plain text when the
 * client is set to no security, else the best TLS): MAIL FROM with SIZE,
 * RCPT TO, DATA.  Without --send-test the session stops when the server
 * asks for the body (354): not a byte of a message is sent, nothing is
 * delivered (libcurl has no "RSET after RCPT"; dropping the connection
 * before the body is RFC 5321's abandoned transaction).  With --send-test
 * a small real message goes out.  SIZE= declares --max-upload, so a size
 * limit shows at MAIL FROM without sending that much.
 *
 * Its details keys are listed in smtp_transaction_details[] below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "run.h"
#include "smtp_class.h"
#include "smtp_probe.h"
#include "smtp_session.h"
#include "util.h"

/* The probe's state. */
struct tx_state {
	struct smtp_sess s[SMTP_PROBE_SESS]; /* [0] the session, [1] unused
					      * (first: the shared destructor
					      * stops them) */
	char body[1024];      /* the --send-test message */
};

/* Runs when an envelope was given and the server spoke SMTP. */
static bool tx_applies(struct probe *p, char *reason, size_t size)
{
	const struct options *o = p->run->opt;

	if (!smtp_probe_common_applies(p, reason, size))
		return false;
	if (!o->mail_from || !o->rcpt) {
		str_copy(reason, _("no --mail-from and --rcpt given"), size);
		return false;
	}
	if (strpbrk(o->mail_from, "\r\n") || strpbrk(o->rcpt, "\r\n")) {
		str_copy(reason, _("the envelope addresses contain line "
				   "breaks"), size);
		return false;
	}
	if (!strcmp(smtp_probe_mode(p->run), "none")) {
		str_copy(reason, _("no SMTP session to send in"), size);
		return false;
	}
	return true;
}

/* Reply code to the first/last command VERB, 0 when none. */
static int code_of(const struct smtp_sess *s, const char *verb, bool last)
{
	const struct smtp_exch *e = smtp_sess_find(s, verb, last);

	return e ? e->code : 0;
}

/* The first refusal of MAIL, RCPT or DATA, NULL when none. */
static const struct smtp_exch *refusal(const struct smtp_sess *s)
{
	int i;

	for (i = 0; i < s->nex; i++) {
		const struct smtp_exch *e = &s->ex[i];

		if (e->code >= 400 && (!strcmp(e->cmd, "MAIL") ||
				       !strcmp(e->cmd, "RCPT") ||
				       !strcmp(e->cmd, "DATA")))
			return e;
	}
	return NULL;
}

/* The session ended: record the envelope's fate. */
static void tx_done(struct smtp_sess *s, void *arg)
{
	struct probe *p = arg;
	const struct smtp_exch *r = refusal(s);
	int data = code_of(s, "DATA", false), end = code_of(s, "DATA", true);
	const char *out;

	probe_set_int(p, "mail_code", code_of(s, "MAIL", true));
	probe_set_int(p, "rcpt_code", code_of(s, "RCPT", true));
	probe_set_int(p, "data_code", data);
	probe_set_int(p, "end_code", end != data ? end : 0);
	probe_set_str(p, "rejected_at", r ? r->cmd : "");
	probe_set_int(p, "code", r ? r->code : 0);
	probe_set_str(p, "enhanced", r ? r->enh : "");
	probe_set_str(p, "text", r ? r->text : "");
	json_object_set_new(p->details, "session", smtp_sess_json(s));
	if (r)
		out = smtp_reply_class(r->code, r->enh, r->text);
	else if (s->cfg.body && end == 250 && end != data)
		out = "sent";
	else if (!s->cfg.body && data == 354)
		out = "accepted";
	else
		out = "error";
	probe_set_str(p, "outcome", out);
	if (r)
		probe_finish(p, PROBE_FAIL, _("%s refused: %d %s"), r->cmd,
			     r->code, r->text);
	else if (!strcmp(out, "error"))
		probe_finish(p, PROBE_ERROR, _("the transaction did not "
			     "complete: %s"), smtp_sess_outcome(s));
	else
		probe_finish(p, PROBE_OK, "%s", !strcmp(out, "sent")
			     ? _("test message accepted for delivery")
			     : _("envelope accepted; stopped before the body"));
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

/* Start the session in the client's security, logged in when possible
 * (over TLS only). */
static void tx_start(struct probe *p)
{
	struct tx_state *st = probe_state_new(p, sizeof(*st),
						smtp_probe_state_dtor);
	const struct options *o = p->run->opt;
	struct probe *auth = run_probe(p->run, "smtp.auth");
	struct smtp_sess_cfg cfg;
	enum smtp_sec sec = tx_security(p->run);
	bool logged = auth && auth->status == PROBE_OK && sec != SEC_PLAIN;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	smtp_probe_cfg(p, &cfg, "transaction", sec, logged);
	cfg.mail_from = o->mail_from;
	cfg.rcpt = o->rcpt;
	if (logged) {
		cfg.user = o->user;
		cfg.password = o->password;
	}
	if (o->send_test) {
		make_body(st, o);
		cfg.body = st->body;
	}
	cfg.size = o->send_test ? (long long)strlen(st->body) : o->max_upload;
	probe_set_str(p, "security", smtp_sec_name(sec));
	probe_set_bool(p, "authenticated", logged);
	probe_set_bool(p, "send_test", o->send_test);
	probe_set_int(p, "size_declared",
		      smtp_probe_caps(p->run).size ? cfg.size : 0);
	if (smtp_sess_start(&st->s[0], p, &cfg, tx_done, p) < 0)
		probe_finish(p, PROBE_ERROR, _("libcurl could not start"));
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
	  "\"error\"" },
	{ "rejected_at", DT_STR, NULL,
	  "\"MAIL\" | \"RCPT\" | \"DATA\" | \"\" (none)" },
	{ "code", DT_INT, NULL, "the rejecting reply's code" },
	{ "enhanced", DT_STR, NULL, "its enhanced status code" },
	{ "text", DT_STR, NULL, "its text" },
	{ "session", DT_OBJECT, NULL, "the session (smtp_sess_json)" },
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
