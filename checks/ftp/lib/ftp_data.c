/* ftp_data.c — the engine of the probes "ftp.passive" (EPSV, then PASV)
 * and "ftp.active" (EPRT, then PORT), whose ops tables are in
 * ftp_passive.c and ftp_active.c.  The two run at the same time, and
 * each attempt does a real LIST of the login directory, so the data
 * connection is measured, not assumed.  The attempts run on the run's
 * FTP session pool (ftp_pool.h): EPSV and EPRT on the connection
 * ftp.login opened and kept logged in, PASV and PORT on a second one it
 * opened once its login went through (libcurl keeps EPSV/EPRT use per
 * connection and decides passive or active per transfer); each
 * connection runs one transfer at a time, in the order asked: EPSV's
 * LIST, EPRT's LIST, EPSV's RETR, EPRT's RETR.  So the four modes need
 * no connect and login of their own, and the server never sees more than
 * two sessions from them.  After a failure the next transfer on that
 * connection opens a new one (a failed connection is not trusted); the
 * retry of a failed mode and the advertised address open their own too.
 * The two modes of a probe run at the same time; their refusals are
 * judged in mode order once both ended, so the report does not depend on
 * which finished first.  A PASV reply whose address is not the control
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
#include <unistd.h>

#include "checks.h"
#include "ftp_data.h"
#include "ftp_pool.h"
#include "ftp_refusals.h"
#include "ftp_reply.h"
#include "ftp_session.h"
#include "i18n.h"
#include "run.h"
#include "jsontext.h"
#include "util.h"
#include "wrongproto.h"


#define DATA_LANES 2  /* modes of one probe */
#define LANE_LOGS 2   /* sessions of a mode's first try: LIST, RETR */

static const struct data_mode advertised_mode = {
	"advertised", "PASV", false, false, true
};

/* What a lane runs once its connection is free. */
enum lane_job { JOB_LIST, JOB_RETR };

/* One mode of a probe: its transfers, in turn with the other probe's on
 * the pool's connection of its kind. */
struct data_lane {
	struct ftp_session s;           /* the session in flight */
	struct ftp_job jobs[2];         /* its places in the pool, by kind: a
					 * RETR queues while its LIST still
					 * holds the connection */
	struct probe *p;                /* the owner */
	const struct data_mode *mode;   /* the mode it runs */
	enum lane_job kind;             /* what runs when the slot is free */
	bool running;                   /* a job is queued or on the wire */
	bool ok;                        /* its LIST worked (first try) */
	char retr_name[80];             /* small file picked from the LIST */
	long long retr_size;            /* its size in the listing */
	struct ftp_session *logs[LANE_LOGS]; /* finished sessions of the first
					 * try, judged for refusals in mode
					 * order when both modes ended */
	int nlogs;                      /* used entries */
};

/* Probe state. */
struct data_state {
	struct data_lane lanes[DATA_LANES]; /* one per mode */
	const struct data_mode *modes;  /* attempts of this probe */
	int nmodes;                     /* how many (DATA_LANES) */
	enum ftp_sec sec;               /* security of the sessions */
	json_t *ok_modes;               /* names that worked (owned by details) */
	bool serial;                    /* both modes ended: what follows runs
					 * one session at a time */
	bool adv_differs;               /* PASV named another address */
	bool retried;                   /* the one failed mode ran again */
	bool adv_ran;                   /* the advertised attempt ran */
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
	if (wrongproto_skip(p, reason, size))
		return false;
	if (!p->run->facts.ftp_login_ok) {
		/* A login never tried (no password) did not fail. */
		str_copy(reason, run_probe_status(p->run, "ftp.login") ==
			 PROBE_SKIPPED ? _("the login was not tried (no "
			 "password given): passive and active need it")
			 : _("the login failed"), size);
		return false;
	}
	return true;
}


/* Fill O with the advertised PASV/EPSV address and port. */
static void record_advert(struct probe *p, struct data_state *st,
			  struct data_lane *l, const struct ftp_step *v,
			  json_t *o)
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
	if (!ftp_parse_227(v->text, &adv) || !ftp_session_peer(&l->s, &ctrl))
		return;
	enum ftp_addr_class c = ftp_classify_addr(
		(struct sockaddr *)&adv, (struct sockaddr *)&ctrl);
	json_object_set_new(o, "port", json_integer(addr_port(
		(struct sockaddr *)&adv)));
	json_object_set_new(o, "address", json_string(addr_to_str(
		(struct sockaddr *)&adv, buf, sizeof(buf))));
	json_object_set_new(o, "address_class",
			    json_string(ftp_addr_class_name(c)));
	if (l->mode->follow_adv)
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
				   const struct data_lane *l,
				   const struct ftp_step *v,
				   const struct ftp_step *list)
{
	const struct ftp_session *s = &l->s;
	bool epsv_failed = l->mode->extended && !l->mode->active &&
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
	if (l->mode->active && s->accepted && st->sec != FTP_SEC_NONE)
		return "tls_after_connect";
	return ftp_session_conn_failure(s);
}

/* Evaluate the finished attempt of lane L into a details object. */
static json_t *attempt_json(struct probe *p, struct data_state *st,
			    struct data_lane *l, const char **outcome)
{
	const struct ftp_session *s = &l->s;
	const struct ftp_step *v = ftp_session_find(s, l->mode->verb);
	const struct ftp_step *list = ftp_session_find(s, "LIST");
	const struct ftp_step *end = list ? ftp_session_next_unasked(s, list) :
				     NULL;
	json_t *o = json_object();

	json_object_set_new(o, "reply", json_integer(v ? v->code : 0));
	json_object_set_new(o, "reply_text", json_text(v ? v->text : ""));
	record_advert(p, st, l, v, o);
	json_object_set_new(o, "list_reply", json_integer(list ? list->code : 0));
	json_object_set_new(o, "list_text", json_text(list ? list->text : ""));
	json_object_set_new(o, "end_reply", json_integer(end ? end->code : 0));
	*outcome = attempt_outcome(st, l, v, list);
	json_object_set_new(o, "data", json_string(*outcome));
	json_object_set_new(o, "ok", json_boolean(!strcmp(*outcome, "ok")));
	if (l->mode->extended && !l->mode->active)
		json_object_set_new(o, "fallback", json_boolean(
			s->epsv_fallback || ftp_session_find(s, "PASV")));
	if (l->mode->active)
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

static void lane_end(struct data_lane *l);
static void lane_submit(struct data_lane *l, enum lane_job kind,
			bool new_conn);

/* On a retry, note in O how the first try of the same mode ended. */
static void keep_first_try(struct probe *p, const struct data_state *st,
			   const struct data_lane *l, json_t *o)
{
	json_t *prev = json_object_get(p->details, l->mode->name);

	if (!st->retried || !prev)
		return;
	json_object_set(o, "first_try", json_object_get(prev, "data"));
}

/* The session of lane L ended: judge its refusals now (one mode at a
 * time), or keep its log to judge in mode order when both modes ended;
 * then free it. */
static void lane_judge(struct data_lane *l)
{
	struct data_state *st = l->p->state;
	struct ftp_session *copy;

	ftp_session_free(&l->s);
	if (st->serial || l->nlogs >= LANE_LOGS ||
	    !(copy = malloc(sizeof(*copy)))) {
		ftp_session_refusals(l->p, &l->s);
		return;
	}
	memcpy(copy, &l->s, sizeof(*copy));
	l->logs[l->nlogs++] = copy;
}

/* An attempt ended: record it; true when its connection may serve the
 * next transfer.  Then a file is fetched, or the lane ends. */
static bool on_attempt_done(struct data_lane *l)
{
	struct ftp_session *s = &l->s;
	struct probe *p = l->p;
	struct data_state *st = p->state;
	const char *outcome;
	json_t *o = attempt_json(p, st, l, &outcome);
	char *local = NULL;

	json_object_set_new(o, "log", ftp_session_log_json(s));
	if (l->mode->active && !curl_easy_getinfo(s->easy,
				CURLINFO_LOCAL_IP, &local) && local)
		probe_set_str(p, "local_address", local);
	l->ok = !strcmp(outcome, "ok") && !l->mode->follow_adv;
	if (l->ok && st->serial)
		json_array_append_new(st->ok_modes, json_string(l->mode->name));
	keep_first_try(p, st, l, o);
	json_object_set_new(p->details, l->mode->name, o);
	return !strcmp(outcome, "ok");
}

/* After the attempt: queue the RETR of a file from the listing; false
 * when there is none (the lane ends). */
static bool after_attempt(struct data_lane *l)
{
	if (l->mode->follow_adv)
		ftp_session_free(&l->s);
	else
		lane_judge(l);
	if (l->ok && ftp_pick_small_file(l->s.body, 65536, l->retr_name,
					 sizeof(l->retr_name),
					 &l->retr_size)) {
		lane_submit(l, JOB_RETR, false);
		return true;
	}
	return false;
}

/* Set up lane L's session for PATH on the pool's SLOT. */
static bool mode_session(struct data_lane *l, struct ftp_slot *slot,
			 const char *path)
{
	struct probe *p = l->p;
	struct data_state *st = p->state;
	struct ftp_session *s = &l->s;
	const struct data_mode *mode = l->mode;

	if (ftp_session_init(s, p, st->sec, p->run->target.port, path) < 0 ||
	    !ftp_slot_attach(slot, s, &l->jobs[l->kind]))
		return false;
	ftp_session_allow_setup(s, ftp_login_ms(p));
	/* Both: a new connection takes its EPSV and EPRT use from the
	 * transfer that opens it, whichever probe's that is. */
	curl_easy_setopt(s->easy, CURLOPT_FTP_USE_EPRT,
			 mode->extended ? 1L : 0L);
	curl_easy_setopt(s->easy, CURLOPT_FTP_USE_EPSV,
			 mode->extended ? 1L : 0L);
	if (mode->active)
		curl_easy_setopt(s->easy, CURLOPT_FTPPORT, "-");
	else
		curl_easy_setopt(s->easy, CURLOPT_FTP_SKIP_PASV_IP,
				 mode->follow_adv ? 0L : 1L);
	return true;
}

/* The RETR session ended: record it inside the mode's object; true
 * when it worked. */
static bool on_retr_done(struct data_lane *l)
{
	struct ftp_session *s = &l->s;
	struct probe *p = l->p;
	json_t *o = json_object(), *a = json_object_get(p->details,
							l->mode->name);
	const struct ftp_step *r = ftp_session_find(s, "RETR");
	const struct ftp_step *end = r ? ftp_session_next_unasked(s, r) : NULL;

	json_object_set_new(o, "file", json_text(l->retr_name));
	json_object_set_new(o, "size", json_integer(l->retr_size));
	json_object_set_new(o, "bytes", json_integer(s->body_bytes));
	json_object_set_new(o, "reply", json_integer(r ? r->code : 0));
	json_object_set_new(o, "end_reply", json_integer(end ? end->code : 0));
	json_object_set_new(o, "ok", json_boolean(s->result == CURLE_OK &&
				s->body_bytes == l->retr_size));
	json_object_set_new(o, "data", json_string(ftp_session_conn_failure(s)));
	json_object_set_new(o, "ms", json_integer(s->ms));
	json_object_set_new(a, "retr", o);
	return s->result == CURLE_OK;
}

/* The transfer of lane L ended: record it, queue its RETR before the
 * slot goes to the next job (so no other probe's new connection takes
 * the logged-in one in between), free the slot (kept for the next
 * transfer when it worked), go on. */
static void on_lane_done(struct ftp_session *s, void *arg)
{
	struct data_lane *l = arg;
	bool trust, more;

	if (l->kind == JOB_LIST) {
		trust = on_attempt_done(l);
		more = after_attempt(l);
		ftp_pool_done(&l->jobs[JOB_LIST], s, trust);
		if (!more)
			lane_end(l);
		return;
	}
	trust = on_retr_done(l);
	ftp_pool_done(&l->jobs[JOB_RETR], s, trust);
	lane_judge(l);
	lane_end(l);
}

/* ftp_job.run: start lane L's transfer on SLOT. */
static bool lane_run(struct ftp_job *job, struct ftp_slot *slot)
{
	struct data_lane *l = job->arg;
	char path[96] = "/";

	l->kind = job == &l->jobs[JOB_RETR] ? JOB_RETR : JOB_LIST;
	if (l->kind == JOB_RETR)
		str_printf(path, sizeof(path), "/%s", l->retr_name);
	if (!mode_session(l, slot, path))
		return false;
	if (l->kind == JOB_RETR) {
		curl_easy_setopt(l->s.easy, CURLOPT_MAXFILESIZE_LARGE,
				 (curl_off_t)65536);
		probe_info(l->p, "%s: RETR of a %lld-byte file", l->mode->name,
			   l->retr_size);
	} else {
		probe_info(l->p, "%s: LIST over %s", l->mode->name,
			   l->mode->verb);
	}
	return ftp_session_start(&l->s, on_lane_done, l) == 0;
}

/* ftp_job.failed: the transfer could not start. */
static void lane_failed(struct ftp_job *job)
{
	struct data_lane *l = job->arg;

	l->running = false;
	probe_finish(l->p, PROBE_ERROR, _("could not start an FTP session"));
}

/* Queue KIND of lane L on the pool's connection of its kind (NEW_CONN:
 * on a new one). */
static void lane_submit(struct data_lane *l, enum lane_job kind,
			bool new_conn)
{
	struct ftp_job *j = &l->jobs[kind];

	l->running = true;
	j->run = lane_run;
	j->failed = lane_failed;
	j->arg = l;
	j->slot = l->mode->extended ? FTP_SLOT_EXTENDED : FTP_SLOT_CLASSIC;
	j->new_conn = new_conn;
	ftp_pool_submit(l->p, j);
}

/* Queue an attempt of lane L in MODE. */
static void start_attempt(struct data_lane *l, const struct data_mode *mode,
			  bool new_conn)
{
	l->mode = mode;
	lane_submit(l, JOB_LIST, new_conn);
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

/* The lane of this probe whose mode is not in ok_modes (of two). */
static struct data_lane *failed_lane(struct data_state *st)
{
	const char *ok = json_string_value(json_array_get(st->ok_modes, 0));

	return strcmp(st->modes[0].name, ok ? ok : "") ? &st->lanes[0] :
							 &st->lanes[1];
}

/* Both modes ended: what they did, in mode order (the order of one at a
 * time): the mode objects, the modes that worked, the refusals. */
static void lanes_settle(struct probe *p, struct data_state *st)
{
	int i, j;

	st->serial = true;
	for (i = 0; i < st->nmodes; i++) {
		struct data_lane *l = &st->lanes[i];
		json_t *o = json_object_get(p->details, l->mode->name);

		if (o) {
			json_incref(o);
			json_object_del(p->details, l->mode->name);
			json_object_set_new(p->details, l->mode->name, o);
		}
		if (l->ok)
			json_array_append_new(st->ok_modes,
					      json_string(l->mode->name));
		for (j = 0; j < l->nlogs; j++) {
			ftp_session_refusals(p, l->logs[j]);
			free(l->logs[j]);
			l->logs[j] = NULL;
		}
		l->nlogs = 0;
	}
}

/* The lane of this probe on the PASV/PORT connection (the advertised
 * attempt is a PASV one). */
static struct data_lane *classic_lane(struct data_state *st)
{
	return st->modes[0].extended ? &st->lanes[1] : &st->lanes[0];
}

/* After both modes: the retry of the failed one, the advertised
 * address, one at a time; or the finish. */
static void data_next(struct probe *p)
{
	struct data_state *st = p->state;
	const struct options *opt = p->run->opt;

	/* One mode worked and the other did not: run the failed one once
	 * more, so a single lost packet is not reported as a blocked mode. */
	if (!st->retried && json_array_size(st->ok_modes) == 1) {
		st->retried = true;
		start_attempt(failed_lane(st), failed_lane(st)->mode, true);
		return;
	}
	if (st->adv_differs && !st->modes[0].active && opt &&
	    opt->allow_third_host && !st->adv_ran) {
		st->adv_ran = true;
		start_attempt(classic_lane(st), &advertised_mode, true);
		return;
	}
	data_finish(p);
}

/* Lane L has nothing more to run: once both modes ended, go on. */
static void lane_end(struct data_lane *l)
{
	struct probe *p = l->p;
	struct data_state *st = p->state;
	int i;

	l->running = false;
	if (!st->serial) {
		for (i = 0; i < st->nmodes; i++)
			if (st->lanes[i].running)
				return;
		lanes_settle(p, st);
	}
	data_next(p);
}

/* The state's destructor: each lane's session in flight, then its
 * place in the pool; the logs not judged. */
static void data_state_dtor(void *state)
{
	struct data_state *st = state;
	int i, j;

	for (i = 0; i < st->nmodes; i++) {
		struct data_lane *l = &st->lanes[i];

		ftp_session_free(&l->s);
		ftp_pool_cancel(&l->jobs[JOB_LIST]);
		ftp_pool_cancel(&l->jobs[JOB_RETR]);
		for (j = 0; j < l->nlogs; j++)
			free(l->logs[j]);
		l->nlogs = 0;
	}
	if (st->lanes[0].p)
		ftp_pool_leave(st->lanes[0].p);
}

/* Begin: both modes at once, each queued on the connection of its kind. */
void ftp_data_start(struct probe *p, const struct data_mode *modes, int n)
{
	struct data_state *st = probe_state_new(p, sizeof(*st),
						data_state_dtor);
	int i;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	st->modes = modes;
	st->nmodes = n < DATA_LANES ? n : DATA_LANES;
	st->sec = ftp_login_sec(p->run);
	st->ok_modes = json_array();
	json_object_set_new(p->details, "modes_ok", st->ok_modes);
	probe_set_str(p, "tls", st->sec == FTP_SEC_NONE ? "none" :
		      st->sec == FTP_SEC_EXPLICIT ? "explicit" : "implicit");
	if (!modes[0].active)
		probe_set_bool(p, "third_host_allowed",
			       p->run->opt && p->run->opt->allow_third_host);
	for (i = 0; i < st->nmodes; i++) {
		st->lanes[i].p = p;
		st->lanes[i].s.ctrl_fd = st->lanes[i].s.wait_fd = -1;
	}
	for (i = 0; i < st->nmodes && p->status == PROBE_RUNNING; i++)
		start_attempt(&st->lanes[i], &modes[i], false);
}
