/* ftp_data.c — the engine of the probes "ftp.passive" (EPSV, then PASV)
 * and "ftp.active" (EPRT, then PORT), whose ops tables are in
 * ftp_passive.c and ftp_active.c.  Each runs on its
 * own sessions, at the same time as the other, and each attempt does a
 * real LIST of the login directory, so the data connection is measured,
 * not assumed.  The LIST and RETR of a mode share one logged-in control
 * connection (the probe's own multi handle keeps it between transfers):
 * a mode costs one connect and login.  A new mode, or anything after a
 * failure, opens its own connection (libcurl keeps EPSV/EPRT use per
 * connection; a failed one is not trusted).  A PASV reply whose address is not the control
 * connection's is a finding; the attempt itself uses the control address
 * with the advertised port (CURLOPT_FTP_SKIP_PASV_IP), and the advertised
 * address is only tried with --allow-third-host.
 *
 * Details keys (both probes; ftp_passive_details[] and ftp_active_details[]
 * declare the top-level ones with their types, checked at probe_finish):
 *   tls            security of the sessions ("none" | "explicit" | "implicit")
 *   works          some attempt moved data
 *   modes_ok       names of the attempts that worked
 *   epsv, pasv | eprt, port   one object per attempt:
 *     reply, reply_text   the reply to EPSV/PASV/EPRT/PORT (0: none came)
 *     port                advertised data port (passive)
 *     address, address_class  advertised address and how it relates to
 *                         the control connection (PASV): same | zero |
 *                         loopback | private | other
 *     list_reply, list_text   the reply to LIST (425: no data connection)
 *     end_reply           the reply that ended the transfer (226, 426)
 *     data                "ok" | "refused" | "filtered" | "reset" |
 *                         "unreachable" | "rejected" (mode command refused) |
 *                         "no_reply" | "server_425" | "aborted" |
 *                         "list_rejected" | "no_session" | "tls" |
 *                         "tls_after_connect" (active: the server connected
 *                         back, the protected transfer failed) | "error"
 *     accepted            (active) the server's data connection arrived
 *     retr                after a good LIST, a file of at most 64 KiB from
 *                         it fetched on a new session in the same mode:
 *                         {file, size, bytes, reply, end_reply, ok, data, ms}
 *     first_try           when one mode failed and the other worked, the
 *                         failed one runs once more; this is how the first
 *                         try ended (the object shows the second)
 *     ok                  this mode listed the directory
 *     fallback            (epsv) libcurl fell back to PASV inside the attempt
 *     bytes, ms, curl_error, curl_message, errno, log
 *   control_address      the control connection's peer (ftp.passive)
 *   pasv_address, pasv_address_class   copied from the PASV attempt
 *   third_host_allowed   --allow-third-host was given
 *   advertised           (passive, when allowed and different) the attempt
 *                        that followed the advertised address
 *   local_address        our address the server must connect to (ftp.active)
 *   refusals             every 4xx/5xx reply, every reply to a mode
 *                        command that is not the one the RFC prescribes
 *                        (a 229 to PASV: malformed "229 in answer to
 *                        PASV"; a 227 with numbers above 255: "227
 *                        numbers out of range") and every late reply of
 *                        the attempts (refusal.h), the advertised-address
 *                        attempt excepted
 *
 * The attempts stay on libcurl, the reference client: its debug callback
 * shows every reply to EPSV/PASV/EPRT/PORT and LIST/RETR, and it stops at
 * a reply it cannot use (a 229 to PASV, a 227 out of range: "weird PASV
 * reply"), so judging the log strictly is enough.  Its EPSV->PASV
 * fallback inside the EPSV attempt is not hidden: the attempt counts as
 * failed ("fallback": true) and EPSV's own refusal is recorded.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "curlglue.h"
#include "ftp_data.h"
#include "ftp_refusals.h"
#include "ftp_reply.h"
#include "ftp_session.h"
#include "i18n.h"
#include "run.h"
#include "jsontext.h"
#include "util.h"


static const struct data_mode advertised_mode = {
	"advertised", "PASV", false, false, true
};

/* Probe state. */
struct data_state {
	struct ftp_session s;           /* the session in flight (first: see
					 * ftp_session_state_dtor) */
	const struct data_mode *modes;  /* attempts of this probe */
	int nmodes;                     /* how many */
	int cur;                        /* attempt running (index) */
	const struct data_mode *mode;   /* the mode running */
	enum ftp_sec sec;               /* security of the sessions */
	json_t *ok_modes;               /* names that worked (owned by details) */
	bool adv_differs;               /* PASV named another address */
	bool retried;                   /* the one failed mode ran again */
	bool fresh;                     /* next attempt: a new connection */
	struct curlglue *glue;          /* the probe's own multi handle */
	char retr_name[80];             /* small file picked from the LIST */
	long long retr_size;            /* its size in the listing */
};

/* Security the login found working. */
enum ftp_sec ftp_login_sec(struct run *run)
{
	return (enum ftp_sec)run->facts.ftp_login_sec;
}

/* Only for FTP targets whose login worked. */
bool ftp_data_applies(struct probe *p, char *reason, size_t size)
{
	if (p->run->target.proto != PROTO_FTP) {
		str_copy(reason, _("not an FTP target"), size);
		return false;
	}
	if (p->run->open_addr < 0) {
		str_copy(reason, _("the server was not reachable"), size);
		return false;
	}
	if (!p->run->facts.ftp_login_ok) {
		str_copy(reason, _("the login failed"), size);
		return false;
	}
	return true;
}


/* Fill O with the advertised PASV/EPSV address and port. */
static void record_advert(struct probe *p, struct data_state *st,
			  const struct ftp_step *v, json_t *o)
{
	struct sockaddr_storage adv, ctrl;
	char buf[64];
	int port;

	if (!v || (v->code != 227 && v->code != 229))
		return;
	if (v->code == 229) {
		port = ftp_parse_229(v->text);
		if (port > 0)
			json_object_set_new(o, "port", json_integer(port));
		return;
	}
	if (!ftp_parse_227(v->text, &adv) || !ftp_session_peer(&st->s, &ctrl))
		return;
	enum ftp_addr_class c = ftp_classify_addr(
		(struct sockaddr *)&adv, (struct sockaddr *)&ctrl);
	json_object_set_new(o, "port", json_integer(addr_port(
		(struct sockaddr *)&adv)));
	json_object_set_new(o, "address", json_string(addr_to_str(
		(struct sockaddr *)&adv, buf, sizeof(buf))));
	json_object_set_new(o, "address_class",
			    json_string(ftp_addr_class_name(c)));
	if (st->mode->follow_adv)
		return;
	probe_set_str(p, "pasv_address", buf);
	probe_set_str(p, "pasv_address_class", ftp_addr_class_name(c));
	probe_set_str(p, "control_address", addr_to_str(
		(struct sockaddr *)&ctrl, buf, sizeof(buf)));
	st->adv_differs = c != FTP_ADDR_SAME;
}

/* Did the session get through login?  (greeting 421, USER/PASS refused) */
static bool session_logged_in(const struct ftp_session *s)
{
	const struct ftp_step *g = ftp_session_next_unasked(s, NULL);
	const struct ftp_step *e = ftp_session_first_error(s);

	if (s->reused)
		return true;
	if (!g || g->code >= 400)
		return false;
	return !e || (strcmp(e->cmd, "USER") && strcmp(e->cmd, "PASS") &&
		      strcmp(e->cmd, "AUTH") && e != g);
}

/* The outcome token of a finished attempt (see the header comment). */
static const char *attempt_outcome(const struct data_state *st,
				   const struct ftp_step *v,
				   const struct ftp_step *list)
{
	const struct ftp_session *s = &st->s;
	bool epsv_failed = st->mode->extended && !st->mode->active &&
			   (s->epsv_fallback || ftp_session_find(s, "PASV"));

	if (s->result == CURLE_OK && !epsv_failed)
		return "ok";
	if (!session_logged_in(s))
		return "no_session";
	if (!v)
		return ftp_session_conn_failure(s);
	if (v->code == 0)
		return "no_reply";
	if (v->code >= 400)
		return "rejected";
	if (list && list->code == 425)
		return "server_425";
	if (list && list->code == 426)
		return "aborted";
	if (list && list->code >= 400)
		return "list_rejected";
	/* The server did connect back: active mode reaches us; what failed
	 * is the protected transfer on top (libcurl before 8.0 cannot do
	 * TLS on an accepted data connection). */
	if (st->mode->active && s->accepted && st->sec != FTP_SEC_NONE)
		return "tls_after_connect";
	return ftp_session_conn_failure(s);
}

/* Evaluate the finished attempt into a details object. */
static json_t *attempt_json(struct probe *p, struct data_state *st,
			    const char **outcome)
{
	const struct ftp_session *s = &st->s;
	const struct ftp_step *v = ftp_session_find(s, st->mode->verb);
	const struct ftp_step *list = ftp_session_find(s, "LIST");
	const struct ftp_step *end = list ? ftp_session_next_unasked(s, list) :
				     NULL;
	json_t *o = json_object();

	json_object_set_new(o, "reply", json_integer(v ? v->code : 0));
	json_object_set_new(o, "reply_text", json_text(v ? v->text : ""));
	record_advert(p, st, v, o);
	json_object_set_new(o, "list_reply", json_integer(list ? list->code : 0));
	json_object_set_new(o, "list_text", json_text(list ? list->text : ""));
	json_object_set_new(o, "end_reply", json_integer(end ? end->code : 0));
	*outcome = attempt_outcome(st, v, list);
	json_object_set_new(o, "data", json_string(*outcome));
	json_object_set_new(o, "ok", json_boolean(!strcmp(*outcome, "ok")));
	if (st->mode->extended && !st->mode->active)
		json_object_set_new(o, "fallback", json_boolean(
			s->epsv_fallback || ftp_session_find(s, "PASV")));
	if (st->mode->active)
		json_object_set_new(o, "accepted", json_boolean(s->accepted));
	json_object_set_new(o, "bytes", json_integer(s->body_bytes));
	json_object_set_new(o, "ms", json_integer(s->ms));
	json_object_set_new(o, "curl_error", json_integer(s->result));
	json_object_set_new(o, "curl_message", json_string(
				    s->result ? s->errbuf : ""));
	json_object_set_new(o, "errno", json_string(s->os_errno ?
				errno_name((int)s->os_errno) : ""));
	return o;
}

static void data_next(struct probe *p);
static bool start_retr(struct probe *p, const char *listing);

/* On a retry, note in O how the first try of the same mode ended. */
static void keep_first_try(struct probe *p, const struct data_state *st,
			   json_t *o)
{
	json_t *prev = json_object_get(p->details, st->mode->name);

	if (!st->retried || !prev)
		return;
	json_object_set(o, "first_try", json_object_get(prev, "data"));
}

/* An attempt ended: record it, start the next one or finish. */
static void on_attempt_done(struct ftp_session *s, void *arg)
{
	struct probe *p = arg;
	struct data_state *st = p->state;
	const char *outcome;
	json_t *o = attempt_json(p, st, &outcome);
	char *local = NULL;
	char body[FTP_BODY_KEEP + 1];

	json_object_set_new(o, "log", ftp_session_log_json(s));
	if (!st->mode->follow_adv)
		ftp_session_refusals(p, s);
	if (st->mode->active && !curl_easy_getinfo(s->easy,
				CURLINFO_LOCAL_IP, &local) && local)
		probe_set_str(p, "local_address", local);
	if (!strcmp(outcome, "ok") && !st->mode->follow_adv)
		json_array_append_new(st->ok_modes, json_string(st->mode->name));
	keep_first_try(p, st, o);
	json_object_set_new(p->details, st->mode->name, o);
	st->fresh = strcmp(outcome, "ok") != 0;
	memcpy(body, s->body, s->body_len + 1);
	ftp_session_free(s);
	if (!strcmp(outcome, "ok") && !st->mode->follow_adv &&
	    start_retr(p, body))
		return;
	data_next(p);
}

/* Set up a session in the current mode for PATH. */
static bool mode_session(struct probe *p, const char *path)
{
	struct data_state *st = p->state;
	struct ftp_session *s = &st->s;
	const struct data_mode *mode = st->mode;

	if (ftp_session_init(s, p, st->sec, p->run->target.port, path) < 0)
		return false;
	if (!st->glue) {
		st->glue = curlglue_new(p->run->loop);
		if (st->glue)
			curlglue_keep_connections(st->glue, 1);
	}
	ftp_session_keep_alive(s, st->glue, st->fresh);
	ftp_session_allow_setup(s, ftp_login_ms(p));
	if (mode->active) {
		curl_easy_setopt(s->easy, CURLOPT_FTPPORT, "-");
		curl_easy_setopt(s->easy, CURLOPT_FTP_USE_EPRT,
				 mode->extended ? 1L : 0L);
	} else {
		curl_easy_setopt(s->easy, CURLOPT_FTP_USE_EPSV,
				 mode->extended ? 1L : 0L);
		curl_easy_setopt(s->easy, CURLOPT_FTP_SKIP_PASV_IP,
				 mode->follow_adv ? 0L : 1L);
	}
	return true;
}

/* The RETR session ended: record it inside the mode's object. */
static void on_retr_done(struct ftp_session *s, void *arg)
{
	struct probe *p = arg;
	struct data_state *st = p->state;
	json_t *o = json_object(), *a = json_object_get(p->details,
							st->mode->name);
	const struct ftp_step *r = ftp_session_find(s, "RETR");
	const struct ftp_step *end = r ? ftp_session_next_unasked(s, r) : NULL;

	json_object_set_new(o, "file", json_text(st->retr_name));
	json_object_set_new(o, "size", json_integer(st->retr_size));
	json_object_set_new(o, "bytes", json_integer(s->body_bytes));
	json_object_set_new(o, "reply", json_integer(r ? r->code : 0));
	json_object_set_new(o, "end_reply", json_integer(end ? end->code : 0));
	json_object_set_new(o, "ok", json_boolean(s->result == CURLE_OK &&
				s->body_bytes == st->retr_size));
	json_object_set_new(o, "data", json_string(ftp_session_conn_failure(s)));
	json_object_set_new(o, "ms", json_integer(s->ms));
	json_object_set_new(a, "retr", o);
	ftp_session_refusals(p, s);
	st->fresh = s->result != CURLE_OK;
	ftp_session_free(s);
	data_next(p);
}

/* After a good LIST: fetch a small file from it on a new session in the
 * same mode; false when the listing has none (or it cannot start). */
static bool start_retr(struct probe *p, const char *listing)
{
	struct data_state *st = p->state;
	char path[96];

	if (!ftp_pick_small_file(listing, 65536, st->retr_name,
				 sizeof(st->retr_name), &st->retr_size))
		return false;
	str_printf(path, sizeof(path), "/%s", st->retr_name);
	if (!mode_session(p, path))
		return false;
	curl_easy_setopt(st->s.easy, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)65536);
	probe_info(p, "%s: RETR of a %lld-byte file", st->mode->name,
		   st->retr_size);
	return ftp_session_start(&st->s, on_retr_done, p) == 0;
}

/* Start one attempt in MODE on a fresh session. */
static bool start_attempt(struct probe *p, const struct data_mode *mode)
{
	struct data_state *st = p->state;

	if (st->mode != mode)
		st->fresh = true;
	st->mode = mode;
	if (!mode_session(p, "/"))
		return false;
	probe_info(p, "%s: LIST over %s", mode->name, mode->verb);
	return ftp_session_start(&st->s, on_attempt_done, p) == 0;
}

/* Every attempt reached the server's connection back and failed only in
 * the TLS layer on top. */
static bool all_tls_after_connect(struct probe *p, const struct data_state *st)
{
	int i;

	for (i = 0; i < st->nmodes; i++) {
		json_t *a = json_object_get(p->details, st->modes[i].name);

		if (strcmp(json_string_value(json_object_get(a, "data")) ?: "",
			   "tls_after_connect"))
			return false;
	}
	return true;
}

/* Summary and status once every attempt ran. */
static void data_finish(struct probe *p)
{
	struct data_state *st = p->state;
	size_t nok = json_array_size(st->ok_modes);
	const char *kind = st->modes[0].active ? _("active") : _("passive");

	probe_set_bool(p, "works", nok > 0);
	*(st->modes[0].active ? &p->run->facts.ftp_active_works
			      : &p->run->facts.ftp_passive_works) =
		nok > 0 ? RUN_YES : RUN_NO;
	if (nok == 0 && all_tls_after_connect(p, st)) {
		probe_finish(p, PROBE_WARN, _("%s mode: the server connects "
			     "back, but the protected transfer did not finish "
			     "(a TLS limitation of this client, not counted)"),
			     kind);
		return;
	}
	if (nok == 0) {
		probe_finish(p, PROBE_FAIL, _("%s mode fails: no directory "
			     "listing came through (%s: %s, %s: %s)"), kind,
			     st->modes[0].verb, json_string_value(json_object_get(
			     json_object_get(p->details, st->modes[0].name),
			     "data")), st->modes[1].verb,
			     json_string_value(json_object_get(json_object_get(
			     p->details, st->modes[1].name), "data")));
		return;
	}
	if (nok < (size_t)st->nmodes) {
		probe_finish(p, PROBE_WARN, _("%s mode works with %s only"),
			     kind, json_string_value(json_array_get(
			     st->ok_modes, 0)));
		return;
	}
	if (st->adv_differs) {
		probe_finish(p, PROBE_WARN, _("%s mode works, but PASV names "
			     "another address (%s)"), kind, json_string_value(
			     json_object_get(p->details, "pasv_address")));
		return;
	}
	probe_finish(p, PROBE_OK, _("%s mode works (%s and %s)"), kind,
		     st->modes[0].verb, st->modes[1].verb);
}

/* The mode of this probe that is not in ok_modes (of two). */
static const struct data_mode *failed_mode(const struct data_state *st)
{
	const char *ok = json_string_value(json_array_get(st->ok_modes, 0));

	return strcmp(st->modes[0].name, ok ? ok : "") ? &st->modes[0] :
							 &st->modes[1];
}

/* Run the next attempt, the advertised-address one when allowed, or
 * finish. */
static void data_next(struct probe *p)
{
	struct data_state *st = p->state;
	const struct options *opt = p->run->opt;

	if (st->cur < st->nmodes) {
		if (!start_attempt(p, &st->modes[st->cur++]))
			probe_finish(p, PROBE_ERROR,
				     _("could not start an FTP session"));
		return;
	}
	/* One mode worked and the other did not: run the failed one once
	 * more, so a single lost packet is not reported as a blocked mode. */
	if (!st->retried && json_array_size(st->ok_modes) == 1) {
		st->retried = true;
		st->fresh = true;
		if (start_attempt(p, failed_mode(st)))
			return;
	}
	if (st->adv_differs && !st->modes[0].active && opt &&
	    opt->allow_third_host && st->mode != &advertised_mode) {
		if (start_attempt(p, &advertised_mode))
			return;
	}
	data_finish(p);
}

/* The state's destructor: the session in flight, then the probe's own
 * multi handle (which closes the connection it kept). */
static void data_state_dtor(void *state)
{
	struct data_state *st = state;

	ftp_session_free(&st->s);
	curlglue_free(st->glue);
	st->glue = NULL;
}

/* Begin with the probe's modes. */
void ftp_data_start(struct probe *p, const struct data_mode *modes, int n)
{
	struct data_state *st = probe_state_new(p, sizeof(*st),
						data_state_dtor);

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	st->modes = modes;
	st->nmodes = n;
	st->sec = ftp_login_sec(p->run);
	st->ok_modes = json_array();
	json_object_set_new(p->details, "modes_ok", st->ok_modes);
	probe_set_str(p, "tls", st->sec == FTP_SEC_NONE ? "none" :
		      st->sec == FTP_SEC_EXPLICIT ? "explicit" : "implicit");
	if (!modes[0].active)
		probe_set_bool(p, "third_host_allowed",
			       p->run->opt && p->run->opt->allow_third_host);
	data_next(p);
}

