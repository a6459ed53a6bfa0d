/* mailrecv_tls.c — probe "mailrecv.tls": the TLS of the POP3/IMAP port,
 * the way mailrecv.caps measured it: implicit TLS (995/993), or STLS /
 * STARTTLS (RFC 2595) when offered in plain text.  One handshake shows
 * the version, the cipher and the certificate; the chain and the host
 * name are verified but not enforced, so a certificate problem is told
 * apart from a handshake that cannot complete.  Then the capabilities are
 * read again over TLS (LOGINDISABLED usually goes, mechanisms come).
 *
 * Its details keys are listed in mrtls_details[] below (the same facts
 * the SMTP tls probe records).
 */
#include "config.h"

#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "mr_probe.h"
#include "refusal.h"
#include "run.h"
#include "tls_facts.h"
#include "util.h"

/* The probe's state. */
struct mrtls_state {
	struct mr_sess s[MR_PROBE_SESS]; /* [0] the TLS session */
};

/* Runs when the port speaks implicit TLS or offers STLS/STARTTLS. */
static bool mrtls_applies(struct probe *p, char *reason, size_t size)
{
	const char *mode;

	if (!mr_probe_applies_after(p, reason, size))
		return false;
	mode = mr_probe_mode(p->run);
	if (!strcmp(mode, "none")) {
		str_copy(reason, _("no POP3/IMAP session to secure"), size);
		return false;
	}
	if (!strcmp(mode, "plain") && !p->run->facts.mr_stls) {
		str_copy(reason, _("the server offers no TLS on this port "
				   "(no STLS/STARTTLS capability)"), size);
		return false;
	}
	return true;
}

/* Hand the facts to the login probe. */
static void record_facts(struct probe *p, const struct mr_sess *s)
{
	struct run_facts *f = &p->run->facts;
	const struct mr_caps *c = mr_sess_caps(s);
	int i;

	f->mr_tls_ok = s->tls.up ? RUN_YES : RUN_NO;
	f->mr_tls_verified = s->tls.up && s->tls.verify_code == 0;
	f->mr_logindisabled_tls = c->logindisabled;
	f->mr_sasl_tls[0] = '\0';
	for (i = 0; i < c->nmechs; i++)
		str_appendf(f->mr_sasl_tls, sizeof(f->mr_sasl_tls), "%s%s",
			    i ? " " : "", c->mechs[i]);
}

/* The certificate and TLS facts of a completed handshake. */
static void record_tls(struct probe *p, const struct mr_sess *s)
{
	json_t *facts = tls_facts_json(&s->tls);

	json_object_update(p->details, facts);
	json_decref(facts);
	probe_set_int(p, "verify_code", s->tls.verify_code);
	probe_set_str(p, "verify_reason",
		      tls_verify_token(s->tls.verify_code));
	probe_set_str(p, "verify_error", s->tls.verify_code ?
		      s->tls.verify_text : "");
	if (s->caps_tls.seen)
		json_object_set_new(p->details, "caps_after_tls",
				    mr_caps_json(&s->caps_tls));
}

/* The session ended: write the findings. */
static void mrtls_done(struct mr_sess *s, void *arg)
{
	struct probe *p = arg;
	bool up = s->tls.up;
	const char *sec = mr_sec_name(s->cfg.sec);

	probe_set_str(p, "mode", sec);
	probe_set_str(p, "host", s->cfg.host);
	probe_set_str(p, "outcome", s->outcome);
	probe_set_str(p, "handshake", up ? "ok" : s->tls_started ? "failed"
							     : "not_started");
	probe_set_str(p, "handshake_error", up ? "" : s->conn.tls_error);
	probe_set_bool(p, "verified", up && s->tls.verify_code == 0);
	json_object_set_new(p->details, "session", mr_sess_json(s));
	mr_sess_refusals(p, s);
	record_facts(p, s);
	if (up)
		record_tls(p, s);
	if (!up && !strcmp(s->outcome, "starttls_refused"))
		probe_finish(p, PROBE_FAIL, _("the server refused %s"),
			     s->cfg.proto == MR_IMAP ? "STARTTLS" : "STLS");
	else if (!up)
		probe_finish(p, PROBE_FAIL, _("%s handshake failed: %s"), sec,
			     s->conn.tls_error[0] ? s->conn.tls_error
						  : s->outcome);
	else if (s->tls.verify_code)
		probe_finish(p, PROBE_FAIL, _("%s handshake ok (%s), but the "
			     "certificate does not verify: %s"), sec,
			     s->tls.version,
			     tls_verify_token(s->tls.verify_code));
	else
		probe_finish(p, PROBE_OK, _("%s: %s, %s, certificate valid "
			     "until %s"), sec, s->tls.version, s->tls.cipher,
			     s->tls.not_after);
}

/* One session in the measured mode, capabilities only. */
static void mrtls_start(struct probe *p)
{
	struct mrtls_state *st = probe_state_new(p, sizeof(*st),
						 mr_probe_state_dtor);
	struct mr_sess_cfg cfg;
	bool implicit = !strcmp(mr_probe_mode(p->run), "implicit");

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	mr_probe_cfg(p, &cfg, implicit ? "tls-implicit" : "tls-starttls",
		     implicit ? MR_SEC_IMPLICIT : MR_SEC_STARTTLS,
		     MR_GOAL_CAPS);
	mr_sess_start(&st->s[0], p, &cfg, mrtls_done, p);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail mrtls_details[] = {
	{ "mode", DT_STR, NULL, "\"starttls\" | \"implicit\"" },
	{ "host", DT_STR, NULL, "host name checked" },
	{ "handshake", DT_STR, NULL, "\"ok\" | \"failed\" | \"not_started\" "
	  "(STLS/STARTTLS refused or not reached)" },
	{ "handshake_error", DT_STR, NULL,
	  "OpenSSL's reason for a failed handshake" },
	{ "outcome", DT_STR, NULL, "session outcome token (mr_sess.h)" },
	TLS_FACTS_DETAILS,
	{ "verified", DT_BOOL, NULL, "the chain and the name verified" },
	{ "verify_code", DT_INT, NULL, "OpenSSL X509 verify result" },
	{ "verify_reason", DT_STR, NULL, TLS_VERIFY_TOKENS },
	{ "verify_error", DT_STR, NULL, "OpenSSL's text for the verify "
	  "result, \"\" when verified" },
	{ "caps_after_tls", DT_OBJECT, NULL,
	  "capabilities over TLS (mr_caps_json)" },
	{ "session", DT_OBJECT, NULL, "the session (mr_sess_json)" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_mailrecv_tls = {
	.id = "mailrecv.tls",
	.deps = { "mailrecv.caps" },
	.applies = mrtls_applies,
	.start = mrtls_start,
	.details = mrtls_details,
	.tells_apart = N_("tries the POP3/IMAP TLS (STLS/STARTTLS or "
		"implicit): version, cipher, the certificate and who issued "
		"it"),
};
