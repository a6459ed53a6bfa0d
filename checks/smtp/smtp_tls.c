/* tls.c — probe "tls": the TLS the SMTP port offers, checked the way a
 * careful client does and then looked at without the checks.
 *
 * The session uses the mode smtp.ehlo measured (implicit TLS, or STARTTLS
 * when offered).  The first attempt verifies the chain and the host name;
 * when that fails with a verification error, the error is kept and a
 * second attempt without verification shows the server's TLS and its
 * certificate anyway, so a certificate problem is told apart from a
 * handshake that cannot complete at all.
 *
 * Its details keys are listed in tls_details[] below.
 *
 * libcurl stays the reference client here (does a mainstream client get
 * a verified session?); the own dialogue (smtp_dialog) only looks closer
 * when that fails, since libcurl's error text cannot tell the kinds
 * apart, and measures the server's highest version once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "refusal.h"
#include "run.h"
#include "smtp_caps.h"
#include "smtp_dialog.h"
#include "smtp_probe.h"
#include "smtp_session.h"
#include "smtp_tlsfacts.h"
#include "util.h"

#include <openssl/ssl.h>

/* The probe's attempts. */
struct tls_state {
	struct smtp_sess s[SMTP_PROBE_SESS]; /* verified, then unverified
					      * (first: the shared destructor
					      * stops them) */
	int attempt;             /* index of the running attempt */
	enum smtp_sec sec;       /* STARTTLS or implicit */
	struct sdlg raw[2];      /* own dialogue: as is, then old versions */
	int nraw;                /* raw dialogues started */
};

/* smtp.ehlo found no session, but the port is silent to plain text and
 * its TLS handshake fails: a TLS port whose handshake this probe shows. */
static bool tls_port_failing(struct run *run)
{
	return !strcmp(run->facts.smtp_plain_outcome, "no_greeting") &&
	       !strcmp(run->facts.smtp_implicit_outcome, "tls_handshake");
}

/* Runs when smtp.ehlo found implicit TLS or STARTTLS. */
static bool tls_applies(struct probe *p, char *reason, size_t size)
{
	const char *mode;

	if (!smtp_probe_common_applies(p, reason, size))
		return false;
	mode = smtp_probe_mode(p->run);
	if (!strcmp(mode, "none") && tls_port_failing(p->run))
		return true;
	if (!strcmp(mode, "none")) {
		str_copy(reason, _("no SMTP session to secure"), size);
		return false;
	}
	if (!strcmp(mode, "plain") && !smtp_probe_caps(p->run).starttls) {
		str_copy(reason, _("the server offers no TLS on this port "
				   "(no STARTTLS after EHLO)"), size);
		return false;
	}
	return true;
}

/* Why verification failed, as a token. */
static const char *verify_reason(const struct smtp_sess *first,
				 const struct smtp_sess *seen)
{
	if (first->result != CURLE_PEER_FAILED_VERIFICATION)
		return "ok";
	if (strstr(first->errbuf, "subject name") ||
	    strstr(first->errbuf, "host name"))
		return "name_mismatch";
	if (first->verify_result != 0)
		return tls_verify_token(first->verify_result);
	return seen->tls.name_match == 0 ? "name_mismatch" : "other";
}

/* Certificate and TLS facts of the session that completed a handshake. */
static void record_tls(struct probe *p, const struct smtp_sess *s)
{
	const struct smtp_exch *e = smtp_sess_find(s, "EHLO", true);
	json_t *facts = tls_facts_json(&s->tls);
	struct smtp_caps caps;

	json_object_update(p->details, facts);
	json_decref(facts);
	memset(&caps, 0, sizeof(caps));
	if (e && e->code == 250)
		smtp_caps_parse(e->text, &caps);
	str_copy(p->run->facts.tls_auth, caps.auth,
		 sizeof(p->run->facts.tls_auth));
	json_object_set_new(p->details, "caps_after_tls",
			    smtp_caps_json(&caps));
}

/* Verification failed but the server's TLS works. */
static void finish_cert(struct probe *p, const char *reason,
			const struct smtp_sess *s)
{
	probe_finish(p, PROBE_FAIL, _("%s handshake ok (%s), but the "
		     "certificate does not verify: %s"),
		     smtp_sec_name(s->cfg.sec), s->tls.version, reason);
}

/* True when S's STARTTLS got a 4xx/5xx reply (RFC 3207: 454). */
static bool starttls_refused(const struct smtp_sess *s)
{
	const struct smtp_exch *e = smtp_sess_find(s, "STARTTLS", true);

	return e && e->code >= 400;
}

/* What the own dialogues saw of the handshake. */
static void record_raw(struct probe *p, struct tls_state *st)
{
	const struct sdlg_tls *t = &st->raw[0].tls, *old = &st->raw[1].tls;
	json_t *a = json_array();
	int i;

	for (i = 0; i < st->nraw; i++)
		json_array_append_new(a, sdlg_json(&st->raw[i]));
	json_object_set_new(p->details, "raw", a);
	probe_set_str(p, "handshake_kind", st->nraw && t->tried ? t->result
								: "");
	probe_set_str(p, "handshake_alert", st->nraw ? t->alert : "");
	probe_set_int(p, "handshake_bytes", st->nraw ? t->bytes_in : 0);
	probe_set_int(p, "handshake_mss", st->nraw ? t->mss : 0);
	probe_set_str(p, "server_max_version", st->nraw > 1 && old->up
		      ? old->version : "");
	if (st->nraw)
		sdlg_refusals(&st->raw[0], p);
}

/* Both attempts are known: write the findings and finish. */
static void tls_conclude(struct probe *p, struct tls_state *st)
{
	struct smtp_sess *first = &st->s[0], *last = &st->s[st->attempt];
	const char *reason = verify_reason(first, last);
	bool ok = last->tls.up;
	char err[CURL_ERROR_SIZE];
	json_t *a = json_array();
	int i;

	for (i = 0; i <= st->attempt; i++)
		json_array_append_new(a, smtp_sess_json(&st->s[i]));
	json_object_set_new(p->details, "attempts", a);
	probe_set_str(p, "mode", smtp_sec_name(st->sec));
	probe_set_str(p, "host", smtp_probe_host(p->run));
	probe_set_str(p, "outcome", smtp_sess_outcome(last));
	probe_set_str(p, "handshake", ok ? "ok" : starttls_refused(last)
		      ? "starttls_refused" : "failed");
	/* A client set to no TLS never sends STARTTLS: its refusal is
	 * evidence here (handshake "starttls_refused"), the mode mismatch
	 * is the client's first problem, so no refusal is recorded then. */
	if (p->run->target.tls != TLS_NONE || !starttls_refused(first))
		smtp_probe_sess_refusals(p, first, 0);
	record_raw(p, st);
	sanitize(last->errbuf, strlen(last->errbuf), err, sizeof(err), false);
	probe_set_str(p, "handshake_error", ok ? "" : err);
	p->run->facts.tls_verified = first->result == CURLE_OK ||
				     (ok && !strcmp(reason, "ok"));
	probe_set_bool(p, "verified", p->run->facts.tls_verified);
	sanitize(first->errbuf, strlen(first->errbuf), err, sizeof(err), false);
	probe_set_str(p, "verify_error", strcmp(reason, "ok") ? err : "");
	probe_set_int(p, "verify_code", first->verify_result);
	probe_set_str(p, "verify_reason", reason);
	if (ok)
		record_tls(p, last);
	if (ok && smtp_sess_step_ms(last, "handshake") >= 0)
		probe_set_real(p, "handshake_ms",
			       smtp_sess_step_ms(last, "handshake"));
	if (!ok && starttls_refused(last))
		probe_finish(p, PROBE_FAIL, _("STARTTLS refused: %d %s"),
			     smtp_sess_find(last, "STARTTLS", true)->code,
			     smtp_sess_find(last, "STARTTLS", true)->text);
	else if (!ok)
		probe_finish(p, PROBE_FAIL, _("%s handshake failed: %s"),
			     smtp_sec_name(st->sec), err);
	else if (strcmp(reason, "ok"))
		finish_cert(p, reason, last);
	else
		probe_finish(p, PROBE_OK, _("%s: %s, %s, certificate valid "
			     "until %s"), smtp_sec_name(st->sec),
			     last->tls.version, last->tls.cipher,
			     last->tls.not_after);
}

static void tls_sess_done(struct smtp_sess *s, void *arg);

/* Start attempt N (0: verifying, 1: not verifying). */
static void tls_attempt(struct probe *p, struct tls_state *st, int n)
{
	struct smtp_sess_cfg cfg;

	st->attempt = n;
	smtp_probe_cfg(p, &cfg, n ? "tls-unverified" : "tls-verified",
		       st->sec, n == 0);
	if (smtp_sess_start(&st->s[n], p, &cfg, tls_sess_done, p) < 0)
		probe_finish(p, PROBE_ERROR, _("libcurl could not start"));
}

static void raw_done(struct sdlg *d, void *arg);

/* Own dialogue K: to the end of the handshake; K 1 allows TLS 1.0 at
 * security level 0, only to measure the server's highest version. */
static bool raw_attempt(struct probe *p, struct tls_state *st, int k)
{
	struct sdlg_cfg cfg;

	smtp_probe_dlg_cfg(p, &cfg, k ? "tls-oldversions" : "tls-raw",
			   st->sec);
	/* The first goes on to the reply after TLS: a server that refuses
	 * the session with an alert after a TLS 1.3 handshake shows it. */
	cfg.stop_after_tls = k == 1;
	if (k) {
		cfg.tls_min = TLS1_VERSION;
		cfg.seclevel0 = true;
	}
	if (st->sec != SEC_IMPLICIT) {
		sdlg_plan(&cfg, SD_EHLO, NULL);
		sdlg_plan(&cfg, SD_STARTTLS, NULL);
	}
	if (sdlg_start(&st->raw[k], p, &cfg, raw_done, p) < 0)
		return false;
	st->nraw = k + 1;
	return true;
}

/* An own dialogue ended: measure the version once, then conclude. */
static void raw_done(struct sdlg *d, void *arg)
{
	struct probe *p = arg;
	struct tls_state *st = p->state;

	if (d == &st->raw[0] && !strcmp(d->tls.result, "version") &&
	    raw_attempt(p, st, 1))
		return;
	tls_conclude(p, st);
}

/* An attempt ended: retry without verification, look closer at a failed
 * handshake, or conclude. */
static void tls_sess_done(struct smtp_sess *s, void *arg)
{
	struct probe *p = arg;
	struct tls_state *st = p->state;

	if (st->attempt == 0 && s->result == CURLE_PEER_FAILED_VERIFICATION)
		tls_attempt(p, st, 1);
	else if (!s->tls.up && !starttls_refused(s) && raw_attempt(p, st, 0))
		return;
	else
		tls_conclude(p, st);
}

/* The state's destructor: the libcurl attempts and the own dialogues. */
static void tls_state_dtor(void *state)
{
	struct tls_state *st = state;

	smtp_probe_state_dtor(state);
	sdlg_stop(&st->raw[0]);
	sdlg_stop(&st->raw[1]);
}

/* Begin with the verifying attempt in the measured mode. */
static void tls_start(struct probe *p)
{
	struct tls_state *st = probe_state_new(p, sizeof(*st),
					       tls_state_dtor);

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	st->sec = tls_port_failing(p->run) ? SEC_IMPLICIT
					   : smtp_probe_best_sec(p->run);
	tls_attempt(p, st, 0);
}

/* Monitoring figures: the handshake time, and the days the certificate
 * has left (compared with check_smtp's -D). */
static const struct probe_perf tls_perf[] = {
	{ "tls_handshake", "handshake_ms", "s", 0.001, PERF_STEP,
	  "TLS handshake" },
	{ "cert_days", "expires_in_s", "", 1.0 / 86400, PERF_CERT_DAYS,
	  "days until the server certificate expires" },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail tls_details[] = {
	{ "mode", DT_STR, NULL, "\"starttls\" | \"implicit\"" },
	{ "host", DT_STR, NULL, "host name checked" },
	{ "handshake", DT_STR, NULL, "\"ok\" | \"failed\"" },
	{ "handshake_error", DT_STR, NULL,
	  "libcurl/OpenSSL error text of a failed handshake" },
	{ "handshake_ms", DT_REAL, "ms",
	  "TLS handshake time (220 to STARTTLS, or the TCP connect for "
	  "implicit TLS, to the handshake's end)" },
	{ "outcome", DT_STR, NULL,
	  "session outcome token (smtp_sess_outcome)" },
	TLS_FACTS_DETAILS,
	{ "verified", DT_BOOL, NULL, "the chain and the name verified" },
	{ "verify_error", DT_STR, NULL,
	  "libcurl's text for the failed verification" },
	{ "verify_code", DT_INT, NULL,
	  "OpenSSL X509 verify result of the first attempt" },
	{ "verify_reason", DT_STR, NULL, TLS_VERIFY_TOKENS },
	{ "caps_after_tls", DT_OBJECT, NULL,
	  "EHLO capabilities over TLS (smtp_caps_json)" },
	{ "attempts", DT_ARRAY, NULL, "the sessions (smtp_sess_json)" },
	{ "handshake_kind", DT_STR, NULL,
	  "how a failed handshake failed (own dialogue): no_bytes|stalled|"
	  "alert|reset|closed|version|verify|error, \"\" not looked at" },
	{ "handshake_alert", DT_STR, NULL, "the alert the server sent" },
	{ "handshake_bytes", DT_INT, "bytes",
	  "bytes the server sent during the failed handshake" },
	{ "handshake_mss", DT_INT, "bytes",
	  "MSS of the own dialogue's connection at the handshake's end "
	  "(TCP_INFO), 0 unknown" },
	{ "server_max_version", DT_STR, NULL,
	  "highest version the server speaks when it refused ours "
	  "(\"TLSv1\"), measured once with TLS 1.0 allowed at OpenSSL "
	  "security level 0; \"\" unknown" },
	{ "raw", DT_ARRAY, NULL, "the own dialogues (sdlg_json)" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_tls = {
	.id = "tls",
	.deps = { "smtp.ehlo" },
	.applies = tls_applies,
	.start = tls_start,
	.perf = tls_perf,
	.details = tls_details,
	.tells_apart = N_("tries the TLS handshake the way the client is set:"
		" versions, alerts, the certificate"),
};
