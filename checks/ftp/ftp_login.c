/* ftp_login.c — probe "ftp.login": greeting, USER/PASS (anonymous unless
 * a user is given), SYST, FEAT, PWD over libcurl, and what a 421/530/534
 * refusal means.  With --tls auto, a login refused for want of TLS is
 * tried again over AUTH TLS, so the data probes use what works.
 *
 * Its details keys are listed in ftp_login_details[] below.
 *
 * It stays on libcurl, the reference client: the debug callback shows
 * every reply of the login dialogue, and libcurl stops at the first
 * refusal, so nothing the server says is hidden; a reply after --timeout
 * is waited for once more (ftp_session.c) and recorded with late_ms.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "ftp_pool.h"
#include "ftp_refusals.h"
#include "ftp_reply.h"
#include "ftp_session.h"
#include "ownload.h"
#include "i18n.h"
#include "refusal.h"
#include "run.h"
#include "jsontext.h"
#include "util.h"
#include "wrongproto.h"
#include "tls_peek.h"

/* Probe state. */
struct login_state {
	struct ftp_session s;  /* the session in flight */
	struct ftp_job job;    /* its place in the run's session pool */
	bool retried;          /* the TLS retry is running/ran */
	/* sockdoc's own probes running beside this session when it began
	 * (ownload.h): a "too many" refusal then may be sockdoc's load */
	char beside[128];
	int nbeside;
	bool own_retried;      /* the retry alone is running/ran */
	enum ftp_sec own_sec;  /* its security */
	struct ownload_wait wait; /* until the others are done */
};

/* The login name: the target's, --user, else anonymous. */
static const char *login_user(const struct run *run)
{
	return run->target.user[0] ? run->target.user :
	       run->opt && run->opt->user ? run->opt->user : "anonymous";
}

/* True when a named (not anonymous) user has no password: the login is
 * not tried (an empty PASS would only earn a 530 "check the password"). */
static bool password_missing(const struct run *run)
{
	const char *user = login_user(run);

	return strcmp(user, "anonymous") && strcmp(user, "ftp") &&
	       (!run->opt || !run->opt->password || !*run->opt->password);
}

/* Only for FTP targets that reach found open. */
static bool login_applies(struct probe *p, char *reason, size_t size)
{
	const char *why = "";

	if (p->run->target.proto != PROTO_FTP) {
		str_copy(reason, _("not an FTP target"), size);
		return false;
	}
	if (p->run->open_addr < 0) {
		str_copy(reason, _("the server was not reachable"), size);
		return false;
	}
	if (wrongproto_skip(p, reason, size))
		return false;
	if (ftp_no_greeting(p, &why)) {
		str_printf(reason, size, _("no FTP greeting on this port "
			   "(banner: %s)"), why);
		return false;
	}
	if (password_missing(p->run)) {
		str_printf(reason, size, _("no password given for %s: set "
			   "SOCKDOC_PASSWORD, --password-file or ~/.netrc"),
			   login_user(p->run));
		probe_set_str(p, "user", login_user(p->run));
		probe_set_str(p, "not_sent", "no_password");
		return false;
	}
	return true;
}

/* Begin beside banner instead of after it (probe.h, ops->early): the
 * login's connect and the server's greeting overlap banner's wait for
 * its own, a round trip less on every FTP run.  Two sessions at once
 * (banner's, which reach opened, and this one), as the pool allows
 * later (ftp_pool.h).  What only banner can tell (no FTP greeting on
 * the port) undoes the login when banner ends: login_applies runs then.
 * Never without the password the login would send, nor through a
 * proxy (banner's tunnel and ours would be two proxy sessions). */
static int login_early(struct probe *p)
{
	const struct run *run = p->run;

	if (run->target.proto != PROTO_FTP || run->open_addr < 0 ||
	    password_missing(run) || netpath_proxied(run))
		return -1;
	return 0;
}

/* Security the user's client is set to, for the first session. */
static enum ftp_sec first_sec(const struct run *run)
{
	switch (run->target.tls) {
	case TLS_IMPLICIT:
		return FTP_SEC_IMPLICIT;
	case TLS_STARTTLS:
		return FTP_SEC_EXPLICIT;
	default:
		return FTP_SEC_NONE;
	}
}

/* Token for a security mode. */
static const char *sec_name(enum ftp_sec sec)
{
	return sec == FTP_SEC_EXPLICIT ? "explicit" :
	       sec == FTP_SEC_IMPLICIT ? "implicit" : "none";
}

/* "logged in anonymously, without TLS" for the summary, into BUF. */
static const char *login_ok_text(struct probe *p, char *buf, size_t size)
{
	const char *tls = json_string_value(json_object_get(p->details,
							    "tls"));
	const char *how = !tls || !strcmp(tls, "none") ? _("without TLS") :
			  !strcmp(tls, "explicit") ? _("over explicit TLS "
			  "(AUTH TLS)") : _("over implicit TLS (FTPS)");

	if (json_is_true(json_object_get(p->details, "anonymous")))
		str_printf(buf, size, _("logged in anonymously, %s"), how);
	else
		str_printf(buf, size, _("logged in as %s, %s"),
			   json_string_value(json_object_get(p->details,
							     "user")), how);
	return buf;
}

/* The FEAT reply's feature lines as a JSON array (bounded). */
static json_t *features_of(const struct ftp_step *st)
{
	json_t *arr = json_array();
	const char *p = st ? st->text : "";
	char line[64];
	int n = 0;

	while (st && st->code == 211 && *p && n < 40) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		/* Feature lines start with a space (RFC 2389); the first and
		 * last lines are the reply's own text. */
		if (len > 1 && p[0] == ' ' && len < sizeof(line)) {
			memcpy(line, p + 1, len - 1);
			line[len - 1] = '\0';
			json_array_append_new(arr, json_text(line));
			n++;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return arr;
}

/* Start a login session with security SEC; false when it cannot start. */
static bool login_start_session(struct probe *p, enum ftp_sec sec);

/* Record the first refusal of the session; returns its meaning. */
static enum ftp_refusal record_refusal(struct probe *p,
				       const struct ftp_session *s)
{
	const struct ftp_step *err = ftp_session_first_error(s);
	enum ftp_refusal r = FTP_REFUSAL_NONE;

	if (err) {
		r = ftp_decode_refusal(err->code, err->text);
		probe_set_str(p, "refusal_cmd", err->cmd);
		probe_set_int(p, "refusal_code", err->code);
		probe_set_str(p, "refusal_text", err->text);
	}
	probe_set_str(p, "refusal", ftp_refusal_name(r));
	return r;
}

/* Record what every session shows: greeting, SYST, FEAT, entry path. */
static void record_session(struct probe *p, const struct ftp_session *s)
{
	const struct ftp_step *g = ftp_session_next_unasked(s, NULL);
	const struct ftp_step *syst = ftp_session_find(s, "SYST");
	char *entry = NULL;

	if (g && s->nsteps > 0 && g == &s->steps[0]) {
		probe_set_int(p, "greeting_code", g->code);
		p->run->facts.ftp_greeting_code = g->code;
		probe_set_str(p, "greeting", g->text);
	} else if (!json_object_get(p->details, "greeting_code")) {
		probe_set_int(p, "greeting_code", 0);
	}
	if (syst && syst->code == 215)
		probe_set_str(p, "syst", syst->text);
	json_object_set_new(p->details, "features",
			    features_of(ftp_session_find(s, "FEAT")));
	curl_easy_getinfo(s->easy, CURLINFO_FTP_ENTRY_PATH, &entry);
	if (entry)
		probe_set_text(p, "entry_path", entry, strlen(entry));
	probe_set_int(p, "curl_error", s->result);
	probe_set_str(p, "curl_message", s->result ? s->errbuf : "");
	probe_set_str(p, "errno", s->os_errno ? errno_name((int)s->os_errno) :
		      "");
	probe_set_int(p, "ms", s->ms);
	if (ftp_session_step_ms(s, "login") >= 0)
		probe_set_real(p, "login_ms", ftp_session_step_ms(s, "login"));
	if (ftp_session_step_ms(s, "handshake") >= 0)
		probe_set_real(p, "handshake_ms",
			       ftp_session_step_ms(s, "handshake"));
	p->run->facts.ftp_login_ms = s->ms;
}

/* The TLS retry ended. */
static void finish_retry(struct probe *p, struct ftp_session *s)
{
	bool ok = s->result == CURLE_OK;

	json_object_set_new(p->details, "tls_log", ftp_session_log_json(s));
	probe_set_bool(p, "tls_retry_ok", ok);
	probe_set_bool(p, "login_ok", ok);
	probe_set_str(p, "tls", "explicit");
	p->run->facts.ftp_login_ok = ok;
	p->run->facts.ftp_login_sec = FTP_SEC_EXPLICIT;
	if (ok) {
		record_session(p, s);
		probe_finish(p, PROBE_WARN, _("login works only over TLS "
			     "(AUTH TLS); the plain login was refused"));
		return;
	}
	probe_set_int(p, "curl_error", s->result);
	probe_set_str(p, "curl_message", s->errbuf);
	probe_finish(p, PROBE_FAIL, _("login refused: TLS is required, and "
		     "the login over AUTH TLS failed too (%s)"), s->errbuf);
}

/* Summary for a refused plain login. */
static void finish_refused(struct probe *p, const struct ftp_session *s)
{
	const struct ftp_step *err = ftp_session_first_error(s);

	if (err) {
		probe_finish(p, PROBE_FAIL, _("login failed: %s answered %d %s"),
			     err->cmd[0] ? err->cmd : _("greeting"), err->code,
			     err->text);
		return;
	}
	probe_finish(p, PROBE_FAIL, _("login failed: %s"),
		     s->errbuf[0] ? s->errbuf : curl_easy_strerror(s->result));
}

/* A reply that never ended (230- forever): bounded, and named. */
static void finish_endless(struct probe *p, const struct ftp_session *s)
{
	const char *cmd = s->endless_cmd[0] ? s->endless_cmd : _("greeting");

	probe_set_bool(p, "login_ok", false);
	json_object_set_new(p->details, "endless_reply", json_pack(
		"{s:o,s:i,s:I}", "cmd", json_text(cmd), "lines",
		s->endless_lines, "bytes", (json_int_t)s->endless_bytes));
	probe_finish(p, PROBE_FAIL, _("the reply to %s did not end: %lld "
		     "bytes (%d lines read) without its last line: a broken "
		     "server, or something else on the port"), cmd,
		     s->endless_bytes, s->endless_lines);
}

/* A multi-line reply that stopped coming half-way (230-, then silence
 * until the timeout): a stall, named with what had arrived. */
static void finish_stalled(struct probe *p, const struct ftp_session *s)
{
	const char *cmd = s->nsteps > 0 && s->steps[s->nsteps - 1].code == 0 &&
			  s->steps[s->nsteps - 1].cmd[0]
				  ? s->steps[s->nsteps - 1].cmd : _("greeting");

	probe_set_bool(p, "login_ok", false);
	json_object_set_new(p->details, "stalled_reply", json_pack(
		"{s:o,s:i,s:I}", "cmd", json_text(cmd), "lines",
		s->rp.cur.nlines, "bytes", (json_int_t)s->rp.cur.bytes));
	probe_finish(p, PROBE_FAIL, _("the reply to %s stopped after %d lines "
		     "without its last line (%s): the server stalled "
		     "mid-reply"), cmd, s->rp.cur.nlines,
		     s->errbuf[0] ? s->errbuf : curl_easy_strerror(s->result));
}

/* Implicit TLS met another protocol's bytes where the server's first
 * TLS record was due (an SSH banner; tls_peek.h): name it, hand it to
 * the next probes (wrongproto.h) and finish.  False otherwise. */
static bool finish_foreign(struct probe *p, const struct ftp_session *s)
{
	const char *name = sniff_protocol(tls_peek_sniff(&s->peek));
	json_t *o;

	if (s->sec != FTP_SEC_IMPLICIT || s->result == CURLE_OK || !name ||
	    !(o = tls_peek_json(&s->peek)))
		return false;
	json_object_set_new(o, "protocol", json_string(name));
	json_object_set_new(o, "where", json_string("tls"));
	json_object_set_new(p->details, "wrong_protocol", o);
	wrongproto_set(p->run, name, p->ops->id);
	probe_set_bool(p, "login_ok", false);
	probe_finish(p, PROBE_FAIL, _("no FTP greeting: the port speaks %s "
		     "(its first bytes came where the TLS handshake was due)"),
		     name);
	return true;
}

/* The others are done (or the wait ran out): the session once more. */
static void own_load_again(struct probe *p)
{
	struct login_state *st = p->state;

	if (!login_start_session(p, st->own_sec))
		probe_finish(p, PROBE_ERROR, _("could not start an FTP "
			     "session"));
}

/* A "too many connections" refusal while sockdoc's own probes held
 * connections beside this session: record it, wait until they are done
 * and log in once more (ownload.h).  False when it does not apply. */
static bool own_load_retry(struct probe *p, struct ftp_session *s)
{
	struct login_state *st = p->state;
	const struct ftp_step *err = ftp_session_first_error(s);

	if (st->own_retried || st->retried || s->result == CURLE_OK ||
	    !err || st->nbeside == 0 ||
	    !ownload_says_too_many(err->code, err->text))
		return false;
	json_object_set_new(p->details, "own_load", json_pack(
		"{s:o,s:i,s:o,s:o}", "step", json_text(err->cmd[0] ? err->cmd :
		"greeting"), "code", err->code, "text", json_text(err->text),
		"beside", json_text(st->beside)));
	st->own_retried = true;
	st->own_sec = s->sec;
	ftp_session_free(s);
	ownload_wait(&st->wait, p, ftp_step_ms(p), own_load_again);
	return true;
}

/* Implicit TLS met a plain-text reply where the server's first TLS record
 * was due (a "220" greeting: the port speaks FTP without implicit TLS,
 * the client's mode does not fit; tls_peek.h): keep the bytes and say
 * so, instead of OpenSSL's "wrong version number".  False otherwise. */
static bool finish_plain_reply(struct probe *p, const struct ftp_session *s)
{
	const struct tls_peek *t = &s->peek;
	char line[TLS_PEEK_MAX * 4 + 8];
	size_t n = 0;
	json_t *o;

	if (s->sec != FTP_SEC_IMPLICIT || s->result == CURLE_OK ||
	    tls_peek_sniff(t) != SNIFF_REPLY || !(o = tls_peek_json(t)))
		return false;
	/* The first line: the greeting (the rest answers our ClientHello). */
	while (n < t->n && t->head[n] != '\r' && t->head[n] != '\n')
		n++;
	sanitize((const char *)t->head, n, line, sizeof(line), false);
	json_object_set_new(o, "line", json_text(line));
	json_object_set_new(p->details, "plain_reply", o);
	probe_set_bool(p, "login_ok", false);
	probe_finish(p, PROBE_FAIL, _("no implicit TLS on port %d: where the "
		     "TLS handshake was due, the server sent plain text "
		     "\"%s\" (an FTP greeting without TLS)"),
		     p->run->target.port, line);
	return true;
}

/* The first session ended: decode, maybe retry over TLS, finish.  A
 * session that logged in stays open for the data probes (ftp_pool.h). */
static void on_login_done(struct ftp_session *s, void *arg)
{
	struct probe *p = arg;
	struct login_state *st = p->state;
	enum ftp_refusal r;
	char buf[320];

	ftp_pool_done(&st->job, s, s->result == CURLE_OK);
	if (own_load_retry(p, s))
		return;
	if (st->own_retried)
		probe_set_bool(p, "own_load_retry_ok", s->result == CURLE_OK);
	ftp_session_refusals(p, s);
	if (st->retried) {
		finish_retry(p, s);
		return;
	}
	json_object_set_new(p->details, "log", ftp_session_log_json(s));
	record_session(p, s);
	if (finish_foreign(p, s) || finish_plain_reply(p, s))
		return;
	if (s->endless) {
		finish_endless(p, s);
		return;
	}
	if (s->result != CURLE_OK && s->rp.code && s->rp.cur.nlines > 0) {
		finish_stalled(p, s);
		return;
	}
	r = record_refusal(p, s);
	probe_set_bool(p, "login_ok", s->result == CURLE_OK);
	p->run->facts.ftp_login_ok = s->result == CURLE_OK;
	if (s->result == CURLE_OK) {
		probe_finish(p, PROBE_OK, "%s", login_ok_text(p, buf,
							   sizeof(buf)));
		return;
	}
	if (r == FTP_REFUSAL_TLS_REQUIRED && p->run->target.tls == TLS_AUTO) {
		st->retried = true;
		ftp_session_free(s);
		if (login_start_session(p, FTP_SEC_EXPLICIT))
			return;
	}
	finish_refused(p, s);
}

/* ftp_session.on_reply: once the login went through (230), the pool
 * opens the data probes' second connection beside the rest of this
 * session (ftp_pool_warm).  Not before: a login that fails is tried once,
 * alone, as a client would (a second refused login could lock an account
 * or change what a fragile server answers). */
static void login_on_reply(struct ftp_session *s, const struct ftp_step *st)
{
	if (st->code == 230 && (!strcmp(st->cmd, "USER") ||
				!strcmp(st->cmd, "PASS")))
		ftp_pool_warm(s->p, s->sec);
}

/* ftp_job.run: the login session on the pool's first slot, on a new
 * connection that the slot keeps, logged in, for EPSV and EPRT. */
static bool login_run(struct ftp_job *job, struct ftp_slot *slot)
{
	struct probe *p = job->p;
	struct login_state *st = p->state;

	if (!ftp_slot_attach(slot, &st->s, job))
		return false;
	if (!st->own_retried)
		st->nbeside = ownload_beside(p, st->beside,
					     sizeof(st->beside));
	st->s.on_reply = login_on_reply;
	return ftp_session_start(&st->s, on_login_done, p) == 0;
}

/* ftp_job.failed: the session could not start. */
static void login_failed(struct ftp_job *job)
{
	probe_finish(job->p, PROBE_ERROR, _("could not start an FTP session"));
}

static bool login_start_session(struct probe *p, enum ftp_sec sec)
{
	struct login_state *st = p->state;
	struct ftp_session *s = &st->s;

	if (ftp_session_init(s, p, sec, p->run->target.port, "/") < 0)
		return false;
	s->quote = curl_slist_append(NULL, "*SYST");
	s->quote = curl_slist_append(s->quote, "*FEAT");
	curl_easy_setopt(s->easy, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(s->easy, CURLOPT_QUOTE, s->quote);
	/* libcurl counts the login into the connect phase: let a reply
	 * come once more after --timeout (no data connection here). */
	curl_easy_setopt(s->easy, CURLOPT_CONNECTTIMEOUT_MS,
			 (long)(2 * ftp_step_ms(p)));
	probe_set_str(p, "tls", sec_name(sec));
	p->run->facts.ftp_login_sec = sec;
	st->job.run = login_run;
	st->job.failed = login_failed;
	st->job.slot = FTP_SLOT_EXTENDED;
	st->job.new_conn = true;
	ftp_pool_submit(p, &st->job);
	return true;
}

/* The state's destructor: the session in flight, then its slot. */
static void login_state_dtor(void *state)
{
	struct login_state *st = state;

	ownload_cancel(&st->wait);
	ftp_session_free(&st->s);
	ftp_pool_cancel(&st->job);
	ftp_pool_leave(st->job.p);
}

/* Begin: note who logs in, then the first session. */
static void login_start(struct probe *p)
{
	const struct run *run = p->run;
	const char *user = login_user(run);

	if (!probe_state_new(p, sizeof(struct login_state),
			     login_state_dtor)) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	probe_set_str(p, "user", user);
	probe_set_bool(p, "anonymous", !strcmp(user, "anonymous") ||
		       !strcmp(user, "ftp"));
	if (!login_start_session(p, first_sec(run)))
		probe_finish(p, PROBE_ERROR, _("could not start an FTP session"));
}

/* Monitoring figures: the TLS handshake and the login round trips. */
static const struct probe_perf ftp_login_perf[] = {
	{ "tls_handshake", "handshake_ms", "s", 0.001, PERF_STEP,
	  "TLS handshake" },
	{ "login", "login_ms", "s", 0.001, PERF_STEP, "USER/PASS login" },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail ftp_login_details[] = {
	{ "user", DT_STR, NULL, "login name used (never the password)" },
	{ "anonymous", DT_BOOL, NULL, "true for the anonymous login" },
	{ "not_sent", DT_STR, NULL, "skipped: no_password (a named user "
	  "without a password: USER/PASS not sent)" },
	{ "greeting_code", DT_INT, NULL,
	  "code of the greeting (0: none came)" },
	{ "greeting", DT_STR, NULL, "its text" },
	{ "login_ok", DT_BOOL, NULL, "the session logged in" },
	{ "tls", DT_STR, NULL,
	  "security of the session that logged in (or was tried last): "
	  "none|explicit|implicit" },
	{ "refusal", DT_STR, NULL,
	  "why the plain session failed: "
	  "none|busy|not_allowed|tls_required|bad_credentials|other" },
	{ "refusal_cmd", DT_STR, NULL,
	  "the command refused (\"\" = the greeting)" },
	{ "refusal_code", DT_INT, NULL, "its reply code" },
	{ "refusal_text", DT_STR, NULL, "its reply text" },
	{ "tls_retry_ok", DT_BOOL, NULL,
	  "present when the login was retried over AUTH TLS: whether that"
	  " worked" },
	{ "syst", DT_STR, NULL, "reply to SYST" },
	{ "entry_path", DT_STR, NULL, "reply to PWD" },
	{ "features", DT_ARRAY, NULL, "FEAT lines" },
	{ "curl_error", DT_INT, NULL, "CURLcode of the (last) session" },
	{ "curl_message", DT_STR, NULL, "its text" },
	{ "errno", DT_STR, NULL, "errno name of the (last) session" },
	{ "ms", DT_INT, "ms", "duration of the (last) session" },
	{ "login_ms", DT_REAL, "ms",
	  "USER sent to the 230 that ended the login (the session that "
	  "logged in)" },
	{ "handshake_ms", DT_REAL, "ms",
	  "TLS handshake of the login session (234 to AUTH TLS to the next "
	  "command)" },
	{ "log", DT_ARRAY, NULL, "[{cmd, code, text}] of the first session" },
	{ "tls_log", DT_ARRAY, NULL, "the same for the TLS retry" },
	PROBE_DETAIL_REFUSALS,
	{ "own_load", DT_OBJECT, NULL,
	  "{step, code, text, beside}: a \"too many connections\" refusal "
	  "while sockdoc's own probes (beside: their ids) held connections "
	  "to the server; the login was tried once more alone (ownload.h)" },
	{ "own_load_retry_ok", DT_BOOL, NULL,
	  "that retry alone logged in: the server limits connections per "
	  "client, it is not busy" },
	{ "stalled_reply", DT_OBJECT, NULL,
	  "{cmd, lines, bytes}: a multi-line reply that stopped coming "
	  "half-way (the session timed out inside it)" },
	{ "endless_reply", DT_OBJECT, NULL,
	  "{cmd, lines, bytes}: a multi-line reply that never ended (230- "
	  "forever): cut at REPLY_ENDLESS_LINES/BYTES or libcurl's cap" },
	{ "wrong_protocol", DT_OBJECT, NULL,
	  "implicit TLS met another protocol: {protocol (\"SSH\"...), sniff, "
	  "raw (first bytes, sanitized), where: \"tls\"} (tls_peek.h)" },
	{ "plain_reply", DT_OBJECT, NULL,
	  "implicit TLS met a plain-text reply (an FTP greeting) where the "
	  "TLS handshake was due: {sniff: \"reply\", raw (first bytes, "
	  "sanitized), line (the first line of them)} (tls_peek.h)" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_ftp_login = {
	.id = "ftp.login",
	.deps = { "reach", "banner" },
	.applies = login_applies,
	.early = login_early,
	.start = login_start,
	.perf = ftp_login_perf,
	.details = ftp_login_details,
	.tells_apart = N_("USER/PASS: rejected, not allowed, or encryption "
		"required"),
};
