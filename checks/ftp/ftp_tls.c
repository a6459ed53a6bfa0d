/* ftp_tls.c — probe "ftp.tls": explicit FTPS (AUTH TLS, PBSZ/PROT P) and
 * implicit FTPS, one session at a time, each on a slot of the run's FTP
 * session pool (ftp_pool.h) once the data probes leave one free, so the
 * TLS logins run beside them.  The attempts, in order:
 *   verify     the user's security mode with certificate checks on
 *   data       a LIST over a protected data channel (PROT P), with TLS
 *              session reuse on (as FileZilla and curl do)
 *   noreuse    the same with session reuse off: a server that requires
 *              the data channel to resume the control session (vsftpd
 *              require_ssl_reuse) refuses it, which breaks clients that
 *              cannot resume
 *   other      the other TLS mode (implicit on 990 when the user's mode is
 *              not implicit, else explicit on 21), login only
 *   implicit_990  implicit on 990, login only, after "other" when the
 *              user's implicit mode met a plain FTP greeting on the
 *              target port (ftp.login's plain_reply): then "other" is
 *              explicit on that port and "verify" does not run
 *
 * Its details keys are listed in ftp_tls_details[] below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "ftp_pool.h"
#include "ftp_refusals.h"
#include "ftp_reply.h"
#include "ftp_session.h"
#include "i18n.h"
#include "refusal.h"
#include "run.h"
#include "jsontext.h"
#include "util.h"
#include "wrongproto.h"
#include "tls_peek.h"

/* The attempts.  They run verify, other, then (after the data probes,
 * whose verdicts choose the data mode: probe_park) data, noreuse. */
enum tls_step { TS_VERIFY = 0, TS_DATA, TS_NOREUSE, TS_OTHER, TS_I990,
		TS_END };

static const char *const step_names[] = { "verify", "data", "noreuse",
					  "other", "implicit_990" };

/* The order they run in. */
static const enum tls_step step_order[] = { TS_VERIFY, TS_OTHER, TS_DATA,
					    TS_NOREUSE };

/* Probe state. */
struct tls_state {
	struct ftp_session s;    /* the session in flight */
	struct ftp_job job;      /* its place in the run's session pool */
	bool resumed;            /* the data probes are done: data mode set */
	enum tls_step step;      /* attempt running */
	enum ftp_sec sec;        /* the user's TLS mode (or explicit) */
	int port;                /* its port */
	enum ftp_sec other_sec;  /* the other mode */
	int other_port;          /* its port */
	bool active;             /* use active mode for data attempts */
	bool no_data;            /* no data mode usable: skip data attempts */
	bool retried[TS_END];    /* the step already ran a second time */
	bool same_port;          /* no greeting: the other mode is tried on
				  * the target port first, then on 990 */
	bool plain_port;         /* implicit mode met a plain FTP greeting:
				  * explicit on the port, then implicit on
				  * 990 (TS_I990) */
};

/* ftp.login's details (NULL when it did not run). */
static json_t *login_details(struct probe *p)
{
	struct probe *l = run_probe(p->run, "ftp.login");

	return l ? l->details : NULL;
}

/* True (REASON filled) when what answers on the port is no FTP server,
 * so no TLS question can be asked of it: the banner heard bytes that
 * are no greeting and no TLS record (binary, text), or the server does
 * not know USER (500/502: every FTP server knows it, RFC 959; an SMTP
 * server greets with 220 too). */
static bool not_ftp(struct probe *p, char *reason, size_t size)
{
	const struct run_facts *f = &p->run->facts;
	json_t *l = login_details(p);
	const char *cmd = json_string_value(json_object_get(l, "refusal_cmd"));
	long long code = json_integer_value(json_object_get(l,
							    "refusal_code"));

	if (!strcmp(f->banner_result, "other") && f->banner_sniff[0] &&
	    strcmp(f->banner_sniff, "tls")) {
		str_printf(reason, size, _("the port's first bytes are no FTP "
			   "greeting (banner: %s): no TLS to ask about"),
			   f->banner_sniff);
		return true;
	}
	if (cmd && !strcmp(cmd, "USER") && (code == 500 || code == 502)) {
		str_printf(reason, size, _("the server does not know USER "
			   "(%lld %s): it does not speak FTP, no TLS to ask "
			   "about"), code, json_string_value(json_object_get(
				   l, "refusal_text")) ?: "");
		return true;
	}
	return false;
}

/* For FTP targets that answered. */
static bool tls_applies(struct probe *p, char *reason, size_t size)
{
	if (p->run->target.proto != PROTO_FTP) {
		str_copy(reason, _("not an FTP target"), size);
		return false;
	}
	if (p->run->open_addr < 0) {
		str_copy(reason, _("the server was not reachable"), size);
		return false;
	}
	if (wrongproto_skip(p, reason, size) || not_ftp(p, reason, size))
		return false;
	if (p->run->target.tls == TLS_NONE) {
		str_copy(reason, _("TLS is off (--tls none)"), size);
		return false;
	}
	return true;
}

/* True when a data probe established that its mode does not work. */
static bool data_probe_failed(enum run_tri works)
{
	return works == RUN_NO;
}

/* Outcome token of a finished TLS attempt. */
static const char *tls_outcome(const struct ftp_session *s)
{
	const struct ftp_step *e = ftp_session_first_error(s);

	if (s->result == CURLE_OK)
		return "ok";
	if (s->result == CURLE_USE_SSL_FAILED)
		return "no_tls";
	if (e && (!strcmp(e->cmd, "USER") || !strcmp(e->cmd, "PASS")))
		return "login";
	if (e && (!strcmp(e->cmd, "LIST") || !strcmp(e->cmd, "PROT") ||
		  !strcmp(e->cmd, "PBSZ")))
		return "data";
	if (s->result == CURLE_PEER_FAILED_VERIFICATION ||
	    s->result == CURLE_SSL_CACERT_BADFILE)
		return "cert";
	if (s->result == CURLE_SSL_CONNECT_ERROR)
		return "tls";
	return ftp_session_conn_failure(s);
}

/* The finished attempt as a details object. */
static json_t *tls_attempt_json(const struct ftp_session *s)
{
	const struct ftp_step *e = ftp_session_first_error(s);
	const char *out = tls_outcome(s);
	json_t *o = json_object(), *peek;

	json_object_set_new(o, "ok", json_boolean(!strcmp(out, "ok")));
	if (s->sec == FTP_SEC_IMPLICIT && (peek = tls_peek_json(&s->peek)))
		json_object_set_new(o, "first_bytes", peek);
	json_object_set_new(o, "outcome", json_string(out));
	json_object_set_new(o, "curl_error", json_integer(s->result));
	json_object_set_new(o, "curl_message", json_string(
				    s->result ? s->errbuf : ""));
	json_object_set_new(o, "errno", json_string(s->os_errno ?
				errno_name((int)s->os_errno) : ""));
	json_object_set_new(o, "ms", json_integer(s->ms));
	if (e) {
		json_object_set_new(o, "refusal_cmd", json_text(e->cmd));
		json_object_set_new(o, "refusal_code", json_integer(e->code));
		json_object_set_new(o, "refusal_text", json_text(e->text));
	}
	json_object_set_new(o, "log", ftp_session_log_json(s));
	return o;
}

/* Configure the session for attempt STEP. */
static void tls_configure(struct tls_state *st, enum tls_step step)
{
	CURL *h = st->s.easy;

	if (step == TS_VERIFY) {
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	}
	if (step == TS_VERIFY || step == TS_OTHER || step == TS_I990) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
		return;
	}
	if (step == TS_NOREUSE)
		curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L);
	if (st->active)
		curl_easy_setopt(h, CURLOPT_FTPPORT, "-");
}

/* Start attempt STEP; false when it cannot start. */
static bool tls_start_step(struct probe *p, enum tls_step step);
static void tls_next(struct probe *p, enum tls_step after);

/* Outcome token of attempt NAME so far ("" when it did not run). */
static const char *outcome_of(struct probe *p, const char *name)
{
	const char *o = json_string_value(json_object_get(
		json_object_get(p->details, name), "outcome"));

	return o ? o : "";
}

/* The user's mode got through the handshake (the certificate may still
 * have failed the check). */
static bool first_mode_ok(struct probe *p)
{
	const char *o = outcome_of(p, "verify");

	return !strcmp(o, "ok") || !strcmp(o, "cert");
}

/* Is attempt STEP worth running after what came before? */
static bool tls_wanted(struct probe *p, enum tls_step step)
{
	bool login_ok = p->run->facts.ftp_login_ok;

	switch (step) {
	case TS_DATA:
		return login_ok && first_mode_ok(p) &&
		       !((struct tls_state *)p->state)->no_data;
	case TS_NOREUSE:
		return !strcmp(outcome_of(p, "data"), "ok");
	default:
		return true;
	}
}

/* Attempt NAME worked. */
static bool attempt_ok(struct probe *p, const char *name)
{
	return json_is_true(json_object_get(json_object_get(p->details, name),
					    "ok"));
}

/* What attempt A saw, in words, into BUF: the reply to AUTH TLS, the
 * connection's fate, the bytes where TLS was due. */
static const char *attempt_words(json_t *a, char *buf, size_t size)
{
	const char *out = json_string_value(json_object_get(a, "outcome"));
	const char *cmd = json_string_value(json_object_get(a, "refusal_cmd"));
	const char *msg = json_string_value(json_object_get(a,
							    "curl_message"));
	json_t *fb = json_object_get(a, "first_bytes");

	if (!a || !out)
		str_copy(buf, _("not tried"), size);
	else if (cmd && !strcmp(cmd, "AUTH"))
		str_printf(buf, size, _("AUTH TLS answered %lld %s"),
			   json_integer_value(json_object_get(a,
							      "refusal_code")),
			   json_string_value(json_object_get(a,
							     "refusal_text")));
	else if (fb)
		str_printf(buf, size, _("plain text where TLS was due: \"%s\""),
			   json_string_value(json_object_get(fb, "raw")));
	else if (!strcmp(out, "refused"))
		str_copy(buf, _("connection refused"), size);
	else if (!strcmp(out, "reset"))
		str_copy(buf, _("connection reset"), size);
	else if (!strcmp(out, "filtered"))
		str_copy(buf, _("no answer in time"), size);
	else
		str_printf(buf, size, "%s", msg && *msg ? msg : out);
	return buf;
}

/* Implicit attempt A shows nothing speaks implicit TLS on its port:
 * refused, or plain text came where the handshake was due. */
static bool implicit_absent(json_t *a)
{
	const char *out = json_string_value(json_object_get(a, "outcome"));

	return a && ((out && !strcmp(out, "refused")) ||
		     json_object_get(a, "first_bytes"));
}

/* Explicit attempt A was refused by the server: AUTH TLS answered 5xx
 * (RFC 2228: 500/502/504 unknown or unsupported, 534 denied). */
static bool explicit_refused(json_t *a)
{
	const char *cmd = json_string_value(json_object_get(a, "refusal_cmd"));

	return cmd && !strcmp(cmd, "AUTH") &&
	       json_integer_value(json_object_get(a, "refusal_code")) >= 500;
}

/* No attempt worked: say what each saw, and that the server offers no
 * TLS only when both modes said so (AUTH TLS refused, nothing speaks
 * implicit TLS); a reset, a timeout or an untried mode leave it open. */
static void finish_none(struct probe *p)
{
	struct tls_state *st = p->state;
	json_t *d = p->details;
	json_t *ex = json_object_get(d, st->sec == FTP_SEC_EXPLICIT ?
				     "verify" : "other");
	json_t *im = json_object_get(d, st->plain_port ? "implicit_990" :
				     st->sec == FTP_SEC_IMPLICIT ? "verify" :
				     "other");
	json_t *same = json_object_get(d, "same_port");
	int im_port = st->plain_port ? 990 : st->sec == FTP_SEC_IMPLICIT ?
		      st->port : st->other_port;
	char e[400], i[400], sp[400];

	if (st->same_port || json_object_get(d, "skipped_explicit"))
		str_printf(e, sizeof(e), _("not tried (no FTP greeting: %s)"),
			   json_string_value(json_object_get(
				   d, "skipped_explicit")) ?: "");
	else
		attempt_words(ex, e, sizeof(e));
	attempt_words(im, i, sizeof(i));
	if (same) {	/* the target port first, then 990 */
		attempt_words(same, sp, sizeof(sp));
		str_printf(sp + strlen(sp), sizeof(sp) - strlen(sp),
			   _("; on port %d: %s"), im_port, i);
		str_copy(i, sp, sizeof(i));
		im_port = st->port;
	}
	if (explicit_refused(ex) && implicit_absent(im) &&
	    (!same || implicit_absent(same))) {
		probe_set_bool(p, "tls_offered", false);
		probe_finish(p, PROBE_WARN, _("the server offers no TLS: %s; "
			     "implicit FTPS on port %d: %s"), e, im_port, i);
		return;
	}
	probe_finish(p, PROBE_WARN, _("no TLS session came about (whether "
		     "the server offers TLS is not known): explicit (AUTH TLS) "
		     "on port %d: %s; implicit FTPS on port %d: %s"),
		     st->plain_port || st->sec == FTP_SEC_EXPLICIT ? st->port :
		     st->other_port, e, im_port, i);
}

/* Summary and status once every attempt ran. */
static void tls_finish(struct probe *p)
{
	bool first_ok, data_ok, reuse, other_ok, cert_ok, i990_ok;
	struct tls_state *st = p->state;
	json_t *d = p->details;

	first_ok = first_mode_ok(p);
	data_ok = attempt_ok(p, "data");
	reuse = json_is_true(json_object_get(d, "reuse_required"));
	other_ok = attempt_ok(p, "other");
	i990_ok = attempt_ok(p, "implicit_990");
	cert_ok = json_is_true(json_object_get(d, "cert_ok"));
	if (!first_ok && !other_ok && !i990_ok) {
		finish_none(p);
		return;
	}
	probe_set_bool(p, "tls_offered", true);
	if (st->plain_port) {
		probe_finish(p, PROBE_WARN, other_ok ? _("port %d speaks plain "
			     "FTP, not implicit TLS; explicit TLS (AUTH TLS) "
			     "on it works") : _("port %d speaks plain FTP, not "
			     "implicit TLS; implicit FTPS on port 990 works"),
			     st->port);
		return;
	}
	if (json_object_get(d, "data") && !data_ok) {
		probe_finish(p, PROBE_FAIL, _("TLS login works, but the "
			     "protected data channel (PROT P) fails"));
		return;
	}
	if (reuse || (first_ok && !cert_ok)) {
		probe_finish(p, PROBE_WARN, reuse ? _("the server requires TLS "
			     "session reuse on the data channel") :
			     _("TLS works, but the certificate does not "
			       "verify"));
		return;
	}
	probe_finish(p, PROBE_OK, _("TLS works (%s)"),
		     first_ok ? json_string_value(json_object_get(d, "mode")) :
		     json_string_value(json_object_get(d, "other_mode")));
}

/* The certificate's validity end, from the first attempt that saw it. */
static void record_expiry(struct probe *p, const struct ftp_session *s)
{
	char not_after[64];
	long long left;

	if (json_object_get(p->details, "expires_in_s") ||
	    !ftp_session_cert_expiry(s, &left, not_after, sizeof(not_after)))
		return;
	probe_set_str(p, "not_after", not_after);
	probe_set_int(p, "expires_in_s", left);
}

/* Record the derived facts after attempt STEP. */
static void tls_derive(struct probe *p, enum tls_step step,
		       const struct ftp_session *s)
{
	json_t *d = p->details;

	record_expiry(p, s);
	if (step == TS_VERIFY) {
		const char *o = tls_outcome(s);

		/* The handshake and its check passed when the session got
		 * as far as the login or the listing. */
		if (!strcmp(o, "ok") || !strcmp(o, "login") ||
		    !strcmp(o, "data") || !strcmp(o, "cert"))
			probe_set_bool(p, "cert_ok", strcmp(o, "cert") != 0);
		if (!strcmp(o, "cert"))
			probe_set_str(p, "cert_error", s->errbuf);
	}
	if (step == TS_DATA)
		probe_set_bool(p, "data_tls_ok", s->result == CURLE_OK);
	if (step == TS_NOREUSE) {
		const struct ftp_step *e = ftp_session_first_error(s);

		/* Only the server's refusal of the data channel counts, not
		 * a timeout: with reuse it worked, without it the server
		 * said no (vsftpd: 522 ... session reuse required). */
		bool refused = e && (ftp_text_says_reuse(e->text) ||
				     e->code == 522 || e->code == 425 ||
				     e->code == 450);

		probe_set_bool(p, "reuse_required", s->result != CURLE_OK &&
			       refused && json_is_true(json_object_get(
				       json_object_get(d, "data"), "ok")));
		if (e)
			probe_set_bool(p, "reuse_said", ftp_text_says_reuse(
				       e->text));
	}
}

/* An attempt ended: record, then the next wanted one. */
static void on_tls_done(struct ftp_session *s, void *arg)
{
	struct probe *p = arg;
	struct tls_state *st = p->state;
	enum tls_step step = st->step;
	bool timed_out = !strcmp(tls_outcome(s), "filtered");

	ftp_pool_done(&st->job, NULL, false);
	json_object_set_new(p->details, step_names[step],
			    tls_attempt_json(s));
	/* The user's own mode is the client's path: its refusals count.
	 * The other mode and the no-reuse run are explorations. */
	if (p->run->target.tls != TLS_AUTO &&
	    (step == TS_VERIFY || step == TS_DATA))
		ftp_session_refusals(p, s);
	tls_derive(p, step, s);
	ftp_session_free(s);
	/* No greeting on the port: implicit TLS on it failed too; try the
	 * implicit port 990 as well before saying no TLS is offered. */
	if (step == TS_OTHER && st->same_port && s->result != CURLE_OK &&
	    st->other_port != 990) {
		/* keep what the target port said: the 990 attempt takes
		 * "other" */
		json_object_set(p->details, "same_port", json_object_get(
					p->details, "other"));
		st->same_port = false;
		st->other_port = 990;
		probe_set_int(p, "other_port", 990);
		if (tls_start_step(p, TS_OTHER))
			return;
	}
	/* Plain FTP on the port (implicit mode): after explicit TLS on it,
	 * implicit FTPS on its usual port, 990, which the fix may name. */
	if (step == TS_OTHER && st->plain_port && st->port != 990 &&
	    tls_start_step(p, TS_I990))
		return;
	if (step == TS_I990)
		step = TS_OTHER;
	/* A data attempt that only ran out of time (a loaded server, a lost
	 * packet) runs once more before it counts. */
	if (timed_out && (step == TS_DATA || step == TS_NOREUSE) &&
	    !st->retried[step]) {
		st->retried[step] = true;
		probe_set_bool(p, "retried", true);
		if (tls_start_step(p, step))
			return;
	}
	tls_next(p, step);
}

/* Start the next wanted attempt after AFTER (in step_order), or finish.
 * The data attempts wait for the data probes (probe_park: tls_resume). */
static void tls_next(struct probe *p, enum tls_step after)
{
	struct tls_state *st = p->state;
	size_t i = 0;

	while (i < ARRAY_SIZE(step_order) && step_order[i] != after)
		i++;
	for (i++; i < ARRAY_SIZE(step_order); i++) {
		enum tls_step step = step_order[i];

		if ((step == TS_DATA || step == TS_NOREUSE) && !st->resumed) {
			st->step = step_order[i - 1];
			probe_park(p);
			return;
		}
		if (tls_wanted(p, step) && tls_start_step(p, step))
			return;
	}
	tls_finish(p);
}

/* ftp_job.run: the attempt's session, on its own connection. */
static bool tls_run(struct ftp_job *job, struct ftp_slot *slot)
{
	struct tls_state *st = job->p->state;

	(void)slot;
	return ftp_session_start(&st->s, on_tls_done, job->p) == 0;
}

/* ftp_job.failed: the attempt could not start: the next one. */
static void tls_run_failed(struct ftp_job *job)
{
	struct tls_state *st = job->p->state;

	ftp_session_free(&st->s);
	tls_next(job->p, st->step);
}

static bool tls_start_step(struct probe *p, enum tls_step step)
{
	struct tls_state *st = p->state;
	bool other = step == TS_OTHER, i990 = step == TS_I990;

	st->step = step;
	if (ftp_session_init(&st->s, p, i990 ? FTP_SEC_IMPLICIT : other ?
			     st->other_sec : st->sec, i990 ? 990 : other ?
			     st->other_port : st->port, "/") < 0)
		return false;
	ftp_session_allow_setup(&st->s, ftp_login_ms(p));
	tls_configure(st, step);
	probe_info(p, "tls %s", step_names[step]);
	/* A slot of the pool: no more sessions at once than before. */
	st->job.run = tls_run;
	st->job.failed = tls_run_failed;
	st->job.slot = FTP_SLOT_ANY;
	st->job.new_conn = true;
	ftp_pool_submit(p, &st->job);
	return true;
}

/* Which modes and ports to measure. */
static void tls_plan(struct probe *p, struct tls_state *st)
{
	const struct target *t = &p->run->target;

	if (t->tls == TLS_IMPLICIT) {
		st->sec = FTP_SEC_IMPLICIT;
		st->port = t->port;
		st->other_sec = FTP_SEC_EXPLICIT;
		st->other_port = 21;
	} else {
		st->sec = FTP_SEC_EXPLICIT;
		st->port = t->port;
		st->other_sec = FTP_SEC_IMPLICIT;
		st->other_port = 990;
	}
	probe_set_str(p, "mode", st->sec == FTP_SEC_IMPLICIT ? "implicit" :
		      "explicit");
	probe_set_int(p, "port", st->port);
	probe_set_str(p, "other_mode", st->other_sec == FTP_SEC_IMPLICIT ?
		      "implicit" : "explicit");
	probe_set_int(p, "other_port", st->other_port);
}

/* The data mode for the protected listing, from the data probes. */
static void tls_plan_data(struct probe *p, struct tls_state *st)
{
	/* Passive unless only active works; active over TLS blocks with a
	 * libcurl older than 8.0, so then the data channel is not tried. */
	st->active = data_probe_failed(p->run->facts.ftp_passive_works) &&
		     !data_probe_failed(p->run->facts.ftp_active_works) &&
		     run_probe_status(p->run, "ftp.active") != PROBE_SKIPPED;
	st->no_data = data_probe_failed(p->run->facts.ftp_passive_works) &&
		      (!st->active || curl_version_info(
			      CURLVERSION_NOW)->version_num < 0x080000);
	probe_set_str(p, "data_mode", st->no_data ? "none" :
		      st->active ? "active" : "passive");
}

/* The data probes are done: the data mode, then the data attempts. */
static void tls_resume(struct probe *p)
{
	struct tls_state *st = p->state;

	st->resumed = true;
	tls_plan_data(p, st);
	tls_next(p, st->step);
}

/* The state's destructor: the session in flight, then its slot. */
static void tls_state_dtor(void *state)
{
	struct tls_state *st = state;

	ftp_session_free(&st->s);
	ftp_pool_cancel(&st->job);
	ftp_pool_leave(st->job.p);
}

/* Begin with the verify attempt. */
static void tls_start(struct probe *p)
{
	struct tls_state *st = probe_state_new(p, sizeof(*st),
						tls_state_dtor);
	const char *why = "";

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	tls_plan(p, st);
	/* The login in implicit mode met a plain FTP greeting: implicit TLS
	 * on this port is known not to work; explicit TLS on it can. */
	if (st->sec == FTP_SEC_IMPLICIT &&
	    json_object_get(login_details(p), "plain_reply")) {
		st->plain_port = true;
		st->other_port = st->port;
		probe_set_bool(p, "plain_port", true);
		probe_set_int(p, "other_port", st->other_port);
		if (!tls_start_step(p, TS_OTHER))
			probe_finish(p, PROBE_ERROR,
				     _("could not start an FTP session"));
		return;
	}
	/* No greeting on the port: explicit TLS cannot start there; only
	 * the other mode (implicit) can tell what the port speaks. */
	if (ftp_no_greeting(p, &why)) {
		probe_set_str(p, "skipped_explicit", why);
		/* A port that does not greet in plain text may speak TLS from
		 * the first byte (vsftpd implicit_ssl on 21): try it there. */
		st->other_sec = FTP_SEC_IMPLICIT;
		st->other_port = p->run->target.port;
		st->same_port = true;
		probe_set_str(p, "other_mode", "implicit");
		probe_set_int(p, "other_port", st->other_port);
		if (!tls_start_step(p, TS_OTHER))
			probe_finish(p, PROBE_ERROR,
				     _("could not start an FTP session"));
		return;
	}
	if (!tls_start_step(p, TS_VERIFY))
		probe_finish(p, PROBE_ERROR, _("could not start an FTP session"));
}

/* Monitoring figures: the days the certificate has left (-D). */
static const struct probe_perf ftp_tls_perf[] = {
	{ "cert_days", "expires_in_s", "", 1.0 / 86400, PERF_CERT_DAYS,
	  "days until the server certificate expires" },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail ftp_tls_details[] = {
	{ "mode", DT_STR, NULL,
	  "the mode measured first: \"explicit\" | \"implicit\"" },
	{ "port", DT_INT, NULL, "its port" },
	{ "other_mode", DT_STR, NULL, "the other TLS mode" },
	{ "other_port", DT_INT, NULL, "its port" },
	{ "verify", DT_OBJECT, NULL,
	  "attempt: the user's mode with certificate checks on" },
	{ "data", DT_OBJECT, NULL,
	  "attempt: a LIST over PROT P with session reuse on" },
	{ "noreuse", DT_OBJECT, NULL,
	  "attempt: the same with session reuse off" },
	{ "other", DT_OBJECT, NULL, "attempt: the other TLS mode, login only" },
	{ "implicit_990", DT_OBJECT, NULL,
	  "attempt: implicit FTPS on 990, login only (plain_port)" },
	{ "same_port", DT_OBJECT, NULL,
	  "attempt: implicit TLS on the target port (no greeting there), "
	  "before \"other\" tried it on 990" },
	{ "plain_port", DT_BOOL, NULL,
	  "the implicit login met a plain FTP greeting (ftp.login "
	  "plain_reply): no verify attempt; \"other\" is explicit TLS on "
	  "the target port" },
	{ "cert_ok", DT_BOOL, NULL,
	  "the certificate verified (verify attempt)" },
	{ "cert_error", DT_STR, NULL, "curl's verdict when it did not" },
	{ "not_after", DT_STR, NULL,
	  "the server certificate's validity end (CURLINFO_CERTINFO)" },
	{ "expires_in_s", DT_INT, "s",
	  "seconds until not_after (negative: expired)" },
	{ "tls_offered", DT_BOOL, NULL,
	  "some TLS mode completed a handshake and login; false only when "
	  "AUTH TLS was refused and nothing speaks implicit TLS; absent "
	  "when not known" },
	{ "data_tls_ok", DT_BOOL, NULL,
	  "PROT P data channel worked with session reuse" },
	{ "reuse_required", DT_BOOL, NULL,
	  "without reuse the server refused the data channel" },
	{ "reuse_said", DT_BOOL, NULL,
	  "that refusal's text mentions reuse/resumption" },
	{ "retried", DT_BOOL, NULL,
	  "a data attempt timed out and ran once more" },
	{ "skipped_explicit", DT_STR, NULL,
	  "the banner's result when the port gave no greeting" },
	{ "data_mode", DT_STR, NULL,
	  "\"passive\" | \"active\" | \"none\": the data mode used" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_ftp_tls = {
	.id = "ftp.tls",
	.deps = { "ftp.login" },
	.resume_after = { "ftp.passive", "ftp.active" },
	.applies = tls_applies,
	.start = tls_start,
	.resume = tls_resume,
	.perf = ftp_tls_perf,
	.details = ftp_tls_details,
	.tells_apart = N_("AUTH TLS, PROT P and data-channel session reuse"),
};
