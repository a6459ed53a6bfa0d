/* trial_upload.c — the `trial.upload` probe: uploads of growing size
 * (64 KB, 256 KB, 700 KB, 1 MB, 2 MB ... up to --max-upload) over FTP
 * (STOR into --upload-dir, then DELE in a separate session) or SMTP (DATA,
 * only with --send-test, --mail-from and --rcpt) or tcp:// (pattern bytes
 * up to --send-bytes to a service that reads and discards, only with
 * --sink-ok: checks/trials/lib/trial_sink.c).  It stops at the first
 * failure; a reset is repeated once at the same size to show the threshold
 * is stable.  The threshold is the byte count the server acknowledged
 * (TCP_INFO tcpi_bytes_acked on the data socket).  Each upload may use
 * the budget left minus the clean-up's share (a DELE session: two steps
 * of --timeout), so a file is always deleted, also when the budget ends
 * the trial; such an upload's result is "budget", never a stall.
 *
 * Its details keys are listed in trial_upload_details[] below.
 *
 * The uploads stay on libcurl (the reference client, and its progress
 * and socket callbacks give the acked-bytes measure); the server's answer
 * to STOR is read from its debug callback and, when libcurl gave up on a
 * broken transfer without reading the refusal, from the control socket
 * just before it is closed (lib/trial_upload_reply.c).  The SMTP
 * dialogue is paired the same way (lib/trial_upload_smtp.c): each step's
 * reply with its enhanced code and text, refused before the message (552
 * to MAIL FROM with SIZE=, RFC 1870) or after it (the end-of-data reply),
 * so the diagnosis quotes the server, and a policy or storage refusal is
 * not taken for a size limit.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"
#include "i18n.h"
#include "refusal.h"
#include "run.h"
#include "trial_common.h"
#include "trial_upload.h"
#include "curlglue.h"
#include "util.h"

#define UPL_MAX_SIZES 16

/* The probe's state. */
struct upload_state {
	struct upl u;                    /* the upload in flight */
	struct upl_del del;              /* the FTP clean-up session */
	long long sizes[UPL_MAX_SIZES];  /* the ladder */
	int nsizes;                      /* used entries */
	int idx;                         /* current step */
	bool repeat;                     /* this is the confirming repeat */
	long long first_acked;           /* acked bytes of the first reset */
	long long largest_ok;            /* biggest upload that worked */
	int64_t max_gap_ms;              /* longest pause in a good upload */
	json_t *last;                    /* record of the last upload */
};

static void next_upload(struct probe *p);
static long long taken(const struct upl *u);

/* FTP always; SMTP only when a real test message may be sent. */
static bool upload_applies(struct probe *p, char *reason, size_t size)
{
	const struct options *opt = p->run->opt;

	if (!trial_applies(p, reason, size))
		return false;
	if (p->run->target.proto == PROTO_TCP && !opt->sink_ok) {
		str_copy(reason, _("tcp:// uploads send arbitrary bytes: they need --sink-ok (the service reads and discards)"),
			 size);
		return false;
	}
	if (p->run->target.proto == PROTO_SMTP &&
	    (!opt->send_test || !opt->mail_from || !opt->rcpt)) {
		str_copy(reason, _("SMTP uploads send real mail: they need --send-test, --mail-from and --rcpt"),
			 size);
		return false;
	}
	return true;
}

/* The ladder of sizes up to MAX (always ending at MAX). */
static int make_sizes(long long *sizes, long long max)
{
	static const long long steps[] = { 64 << 10, 256 << 10, 700 << 10,
					   1 << 20, 2 << 20, 4 << 20, 8 << 20,
					   16 << 20, 32 << 20, 64 << 20,
					   128 << 20, 256 << 20, 512 << 20 };
	int n = 0;
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] < max && n < UPL_MAX_SIZES - 1)
			sizes[n++] = steps[i];
	sizes[n++] = max;
	return n;
}

/* FTP: the replies to STOR and at the end of the transfer into O. */
static void record_stor(json_t *o, const struct upl *u)
{
	json_object_set_new(o, "stor_reply", json_integer(u->rep.stor_code));
	json_object_set_new(o, "stor_text", json_string(u->rep.stor_text));
	json_object_set_new(o, "end_reply", json_integer(u->rep.end_code));
	json_object_set_new(o, "end_text", json_string(u->rep.end_text));
	if (u->rep.ctrl_closed)
		json_object_set_new(o, "closed", json_true());
}

/* SMTP: the dialogue's steps into O, the SIZE the server announces
 * into the details. */
static void record_smtp(struct probe *p, json_t *o, const struct upl *u)
{
	json_object_set_new(o, "smtp_steps", upl_smtp_json(u));
	if (u->smtp.size_offered)
		probe_set_int(p, "size_announced", u->smtp.size_limit);
	if (u->result == UPL_RESET)
		json_object_set_new(o, "reset_during_data",
				    json_boolean(u->smtp.in_data));
}

/* The server refused upload U (FTP): record it in the shape of
 * refusal.h (step STOR, the file written as the argument); true when it
 * did. */
static bool add_stor_refusal(struct probe *p, const struct upl *u)
{
	struct reply r;
	const char *text, *verb;
	json_t *o;

	memset(&r, 0, sizeof(r));
	text = upl_refusal(u, &r.code, &verb);
	if (!text)
		return false;
	str_copy(r.text, text, sizeof(r.text));
	o = probe_add_refusal(p, verb, &r, !strcmp(verb, "STOR") ? u->path :
			      NULL);
	if (o && u->rep.end_code >= 400)
		json_object_set_new(o, "after_bytes", json_integer(taken(u)));
	if (o && u->rep.ctrl_closed)
		json_object_set_new(o, "closed", json_true());
	probe_set_str(p, "refused_step", verb);
	probe_set_int(p, "stor_reply", r.code);
	probe_set_text(p, "stor_text", text, strlen(text));
	return true;
}

/* The words for when an SMTP refusal came (upl_smtp_when) into BUF. */
static const char *when_words(const char *when, long long bytes, char *buf,
			      size_t size)
{
	if (!strcmp(when, "before_data"))
		str_copy(buf, _("before the message was sent"), size);
	else if (!strcmp(when, "during_data"))
		str_printf(buf, size, _("while the message was sent, after "
			   "%lld KB"), bytes / 1024);
	else
		str_printf(buf, size, _("at the end of the message, after "
			   "%lld KB"), bytes / 1024);
	return buf;
}

/* The server refused SMTP upload U at some step: record it in the shape
 * of refusal.h (step MAIL, RCPT, DATA or DATA-END, with MAIL's and RCPT's
 * argument: the address and SIZE=) and in the refused_* details; true
 * when it did. */
static bool add_smtp_refusal(struct probe *p, const struct upl *u)
{
	const struct upl_sstep *s = upl_smtp_refusal(u);
	const char *when;
	json_t *o;

	if (!s)
		return false;
	when = upl_smtp_when(s);
	o = probe_add_refusal_parts(p, s->step, s->code, s->enh, s->text,
				    s->arg);
	if (o && strcmp(when, "before_data"))
		json_object_set_new(o, "after_bytes",
				    json_integer(s->data_bytes));
	if (o && u->rep.ctrl_closed)
		refusal_set_closed(o);
	probe_set_str(p, "refused_step", s->step);
	probe_set_str(p, "refused_when", when);
	probe_set_int(p, "refused_code", s->code);
	if (s->enh[0])
		probe_set_str(p, "refused_enhanced", s->enh);
	probe_set_text(p, "refused_text", s->text, strlen(s->text));
	if (s->arg[0])
		probe_set_text(p, "refused_arg", s->arg, strlen(s->arg));
	probe_set_int(p, "refused_after_bytes", s->data_bytes);
	return true;
}

/* SMTP: the server refused upload U (too large when SIZE_LIMIT): finish
 * with the step, when, and the reply quoted. */
static void finish_smtp_refusal(struct probe *p, const struct upl *u,
				bool size_limit)
{
	struct upload_state *st = p->state;
	const struct upl_sstep *s = upl_smtp_refusal(u);
	char when[128];

	when_words(upl_smtp_when(s), s->data_bytes, when, sizeof(when));
	probe_set_int(p, "failed_size", u->size);
	if (size_limit)
		probe_finish(p, PROBE_FAIL, _("the server refused an upload "
			     "of %lld KB as too large at %s, %s: %d %s; %lld "
			     "KB went through"), u->size / 1024, s->step,
			     when, s->code, s->text, st->largest_ok / 1024);
	else
		probe_finish(p, PROBE_FAIL, _("the server refused an upload "
			     "of %lld KB at %s, %s: %d %s"), u->size / 1024,
			     s->step, when, s->code, s->text);
}

/* Record one upload in the details.  kbps: KiB sent per second of the
 * upload's duration in µs (a whole FTP upload: start to the 226, as curl
 * -T's speed_upload; see took_us in lib/trial_upload_xfer.c). */
static json_t *record(struct probe *p, const struct upl *u, bool repeat)
{
	json_t *o = json_pack("{s:I,s:s,s:I,s:I,s:I,s:f,s:i,s:s,s:I,s:b}",
			      "size", (json_int_t)u->size,
			      "result", upl_result_name(u->result),
			      "bytes_sent", (json_int_t)u->ulnow,
			      "bytes_acked", (json_int_t)u->acked,
			      "ms", (json_int_t)u->ms,
			      "kbps", u->us > 0 ? u->ulnow / 1024.0 * 1e6 / u->us : 0.0,
			      "code", (int)u->code,
			      "curl_error", curl_easy_strerror(u->rc),
			      "max_gap_ms", (json_int_t)u->max_gap_ms,
			      "repeat", repeat);

	if (u->os_errno)
		json_object_set_new(o, "errno", json_string(errno_name((int)u->os_errno)));
	if (p->run->target.proto == PROTO_FTP)
		record_stor(o, u);
	if (p->run->target.proto == PROTO_SMTP)
		record_smtp(p, o, u);
	json_array_append_new(json_object_get(p->details, "uploads"), o);
	probe_info(p, "upload %lld bytes: %s after %lld bytes acked, %lld ms",
		   u->size, upl_result_name(u->result), u->acked,
		   (long long)u->ms);
	return o;
}

/* Best measure of what the server took: acked bytes, else curl's count. */
static long long taken(const struct upl *u)
{
	return u->acked >= 0 ? u->acked : u->ulnow;
}

/* Finish after a reset (both tries) at SIZE. */
static void finish_reset(struct probe *p, const struct upl *u)
{
	struct upload_state *st = p->state;

	probe_set_int(p, "threshold_bytes", st->first_acked);
	probe_set_int(p, "threshold_repeat_bytes", taken(u));
	probe_set_int(p, "failed_size", u->size);
	probe_finish(p, PROBE_FAIL,
		     _("uploads of %lld bytes were reset after %lld KB, then again after %lld KB"),
		     u->size, st->first_acked / 1024, taken(u) / 1024);
}

/* End the trial after upload U failed or the ladder is done. */
static void conclude(struct probe *p, const struct upl *u)
{
	struct upload_state *st = p->state;
	bool smtp = p->run->target.proto == PROTO_SMTP;
	bool refused = u && (smtp ? add_smtp_refusal(p, u) :
			     add_stor_refusal(p, u));

	probe_set_int(p, "largest_ok", st->largest_ok);
	probe_set_int(p, "max_gap_ms", st->max_gap_ms);
	probe_set_str(p, "result", u ? upl_result_name(u->result) : "ok");
	if (!u) {
		probe_finish(p, PROBE_OK, _("uploads up to %lld KB went through"),
			     st->largest_ok / 1024);
	} else if (u->result == UPL_RESET) {
		if (smtp)
			probe_set_bool(p, "reset_during_data",
				       u->smtp.in_data);
		finish_reset(p, u);
	} else if (smtp && refused && (u->result == UPL_SIZE_LIMIT ||
				       u->result == UPL_ERROR)) {
		finish_smtp_refusal(p, u, u->result == UPL_SIZE_LIMIT);
	} else if (u->result == UPL_SIZE_LIMIT) {
		probe_set_int(p, "failed_size", u->size);
		probe_finish(p, PROBE_FAIL, _("an upload of %lld KB was refused with %ld (size limit); %lld KB went through"),
			     u->size / 1024, u->code, st->largest_ok / 1024);
	} else if (u->result == UPL_BUDGET) {
		probe_set_bool(p, "budget_exhausted", true);
		probe_finish(p, PROBE_WARN, _("the budget ended the trial after %lld bytes of a %lld KB upload; uploads up to %lld KB went through"),
			     taken(u), u->size / 1024, st->largest_ok / 1024);
	} else if (u->result == UPL_STALL) {
		probe_set_int(p, "failed_size", u->size);
		probe_set_int(p, "stall_after_bytes", taken(u));
		probe_set_int(p, "stall_ms", loop_clock_ms() - u->t_change);
		probe_finish(p, PROBE_FAIL, _("an upload of %lld KB stalled after %lld KB"),
			     u->size / 1024, taken(u) / 1024);
	} else if (refused) {
		probe_set_int(p, "failed_size", u->size);
		probe_finish(p, PROBE_FAIL, _("the server refused an upload of "
			     "%lld KB: %s answered %d %s"), u->size / 1024,
			     json_string_value(json_object_get(p->details,
			     "refused_step")),
			     (int)json_integer_value(json_object_get(p->details,
			     "stor_reply")), json_string_value(json_object_get(
			     p->details, "stor_text")));
	} else {
		probe_set_int(p, "failed_size", u->size);
		trial_note_local(p, (int)u->os_errno);
		probe_finish(p, PROBE_ERROR, _("an upload of %lld KB failed: %s"),
			     u->size / 1024, curl_easy_strerror(u->rc));
	}
}

/* Decide what comes after upload U. */
static void decide(struct probe *p)
{
	struct upload_state *st = p->state;
	struct upl *u = &st->u;

	if (u->result == UPL_OK) {
		st->largest_ok = u->size;
		if (u->max_gap_ms > st->max_gap_ms)
			st->max_gap_ms = u->max_gap_ms;
		if (st->repeat) {
			/* Reset once, fine the second time: not a threshold. */
			probe_set_bool(p, "reset_not_repeated", true);
			st->repeat = false;
		}
		if (++st->idx >= st->nsizes) {
			conclude(p, NULL);
			return;
		}
	} else if (u->result == UPL_RESET && !st->repeat) {
		st->repeat = true;
		st->first_acked = taken(u);
	} else {
		conclude(p, u);
		return;
	}
	next_upload(p);
}

/* Add one to the integer detail KEY; returns the new value. */
static long long count_up(struct probe *p, const char *key)
{
	json_t *v = json_object_get(p->details, key);

	return (json_is_integer(v) ? json_integer_value(v) : 0) + 1;
}

/* The clean-up DELE ended. */
static void on_deleted(struct upl_del *d, int rc)
{
	struct probe *p = d->p;
	struct upload_state *st = p->state;
	const char *key = rc == 0 ? "deleted" : rc == 1 ? "absent" : "delete_failed";

	probe_set_int(p, key, count_up(p, key));
	if (rc < 0)
		json_array_append_new(json_object_get(p->details, "left"),
				      json_string(st->u.path));
	decide(p);
}

/* One upload ended: record it, clean up on FTP, then go on. */
static void on_upload(struct upl *u)
{
	struct probe *p = u->p;
	struct upload_state *st = p->state;

	st->last = record(p, u, st->repeat);
	if (u->easy) {
		curlglue_remove(run_curl(p->run), u->easy);
		curl_easy_cleanup(u->easy);
		u->easy = NULL;
	}
	if (p->run->target.proto == PROTO_FTP &&
	    upl_del_start(&st->del, p, u->path, on_deleted) == 0)
		return;
	decide(p);
}

/* The FTP path of an upload of SIZE bytes: --upload-dir/sockdoc-...bin. */
static void upload_path(struct probe *p, long long size, char *buf,
			size_t len)
{
	const char *dir = p->run->opt->upload_dir;
	struct upload_state *st = p->state;

	if (p->run->target.proto != PROTO_FTP) {
		buf[0] = '\0';
		return;
	}
	str_printf(buf, len, "%s%ssockdoc-trial-%ld-%lld%s.bin",
		   dir ? dir : "", dir && *dir && dir[strlen(dir) - 1] != '/' ? "/" : "",
		   (long)getpid(), size, st->repeat ? "-again" : "");
}

/* Budget kept back for the clean-up after an upload: a DELE session of
 * two --timeout steps over FTP, nothing for SMTP. */
static int64_t cleanup_reserve_ms(struct probe *p)
{
	return p->run->target.proto == PROTO_FTP ?
	       2 * (int64_t)run_timeout_ms(p->run) : 0;
}

/* Start the next upload of the ladder, if the budget allows. */
static void next_upload(struct probe *p)
{
	struct upload_state *st = p->state;
	struct upl *u = &st->u;
	long long size = st->sizes[st->idx];
	int64_t left = trial_budget_left(p) - cleanup_reserve_ms(p);

	upl_free(u);
	memset(u, 0, sizeof(*u));
	u->deadline = loop_clock_ms() + left;
	u->hold_last = true;
	if (left < run_timeout_ms(p->run)) {
		probe_set_bool(p, "budget_exhausted", true);
		probe_set_int(p, "largest_ok", st->largest_ok);
		probe_finish(p, PROBE_WARN, _("the budget ran out; uploads up to %lld KB went through"),
			     st->largest_ok / 1024);
		return;
	}
	upload_path(p, size, u->path, sizeof(u->path));
	if (p->run->target.proto == PROTO_TCP) {
		if (sink_start(u, p, size, on_upload) < 0)
			probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
				     strerror(errno));
		return;
	}
	if (upl_start(u, p, size, on_upload) < 0)
		probe_finish(p, PROBE_ERROR, "%s", _("cannot start a libcurl transfer"));
}

/* The largest upload: --send-bytes for a tcp:// sink, else --max-upload. */
static long long upload_max(const struct probe *p)
{
	const struct options *o = p->run->opt;

	return p->run->target.proto == PROTO_TCP && o->send_bytes ?
	       o->send_bytes : o->max_upload;
}

/* Lay out the ladder and start the first upload. */
static void upload_start(struct probe *p)
{
	struct upload_state *st = probe_state_new(p, sizeof(*st), NULL);

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->nsizes = make_sizes(st->sizes, upload_max(p));
	probe_set_str(p, "protocol", proto_name(p->run->target.proto));
	probe_set_int(p, "max_upload", upload_max(p));
	probe_set_int(p, "timeout_ms", run_timeout_ms(p->run));
	probe_set_str(p, "measure", "tcpi_bytes_acked");
	json_object_set_new(p->details, "uploads", json_array());
	json_object_set_new(p->details, "left", json_array());
	next_upload(p);
}

/* Abort whatever is in flight. */
static void upload_cleanup(struct probe *p)
{
	struct upload_state *st = p->state;

	if (!st)
		return;
	upl_free(&st->u);
	upl_del_free(&st->del);
}

/* The --trials token and the wizard check box. */
static const struct probe_trial upload_trial = {
	.token = "upload",
	.label = N_("Trial: upload"),
	.does = N_("uploads test data up to a size limit, deletes it"),
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail trial_upload_details[] = {
	{ "protocol", DT_STR, NULL, "\"ftp\" | \"smtp\" | \"tcp\"" },
	{ "max_upload", DT_INT, "bytes", "--max-upload (tcp://: --send-bytes)" },
	{ "measure", DT_STR, NULL,
	  "tcpi_bytes_acked | libcurl_upload_counter" },
	{ "uploads", DT_ARRAY, NULL,
	  "[{size, result (ok|reset|size_limit|stall|error|budget), "
	  "bytes_sent, "
	  "bytes_acked, ms, kbps, code, curl_error, errno, max_gap_ms, "
	  "repeat; FTP: stor_reply, stor_text (reply to STOR), end_reply, "
	  "end_text (reply that ended the transfer), closed; SMTP: "
	  "smtp_steps [{step, arg, code, enhanced, text, data_bytes, "
	  "during_data}], reset_during_data}]" },
	{ "result", DT_STR, NULL, "result of the last upload" },
	{ "largest_ok", DT_INT, "bytes", "largest upload that worked" },
	{ "failed_size", DT_INT, "bytes", "size of the upload that failed" },
	{ "threshold_bytes", DT_INT, "bytes",
	  "bytes acknowledged when the reset came" },
	{ "threshold_repeat_bytes", DT_INT, "bytes", "the same on the repeat" },
	{ "reset_not_repeated", DT_BOOL, NULL, "the repeat did not reset" },
	{ "stall_after_bytes", DT_INT, "bytes",
	  "bytes sent when the upload stalled" },
	{ "stall_ms", DT_INT, "ms", "how long it stalled" },
	{ "max_gap_ms", DT_INT, "ms", "longest pause in a successful upload" },
	{ "timeout_ms", DT_INT, "ms", "deadline of each upload" },
	{ "budget_exhausted", DT_BOOL, NULL,
	  "the run's budget ended the ramp (result \"budget\": mid-upload)" },
	{ "deleted", DT_INT, NULL, "uploads removed by DELE" },
	{ "absent", DT_INT, NULL, "uploads already gone at DELE" },
	{ "delete_failed", DT_INT, NULL, "uploads a DELE could not remove" },
	{ "left", DT_ARRAY, NULL, "paths a DELE could not remove" },
	PROBE_DETAIL_REFUSALS,
	{ "refused_step", DT_STR, NULL,
	  "FTP: the step the server refused (STOR, or another of the "
	  "upload session); SMTP: MAIL, RCPT, DATA or DATA-END (the reply "
	  "to the message)" },
	{ "refused_when", DT_STR, NULL,
	  "SMTP: before_data (MAIL with SIZE= over the limit, RFC 1870; "
	  "RCPT; DATA) | during_data | after_data (end of the message)" },
	{ "refused_code", DT_INT, NULL, "SMTP: the refusal's reply code" },
	{ "refused_enhanced", DT_STR, NULL,
	  "SMTP: its enhanced status code (RFC 3463)" },
	{ "refused_text", DT_STR, NULL, "SMTP: its text, sanitized" },
	{ "refused_arg", DT_STR, NULL,
	  "SMTP: the refused command's argument: the address, and "
	  "MAIL's parameters (\"a@b SIZE=n\")" },
	{ "refused_after_bytes", DT_INT, "bytes",
	  "SMTP: message bytes sent when the refusal came (0 before DATA)" },
	{ "size_announced", DT_INT, "bytes",
	  "SMTP: the SIZE limit EHLO announces (RFC 1870), 0 none given" },
	{ "reset_during_data", DT_BOOL, NULL,
	  "SMTP: the reset came after DATA's 354, with no reply" },
	{ "stor_reply", DT_INT, NULL, "FTP: that refusal's code" },
	{ "stor_text", DT_STR, NULL, "FTP: its text" },
	{ "local_error", DT_STR, NULL,
	  "errno name when a local limit failed the upload" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_trial_upload = {
	.id = "trial.upload",
	.deps = { "reach" },
	.after = { "trial.concurrency", "smtp.auth", "smtp.ports", "tls" },
	.applies = upload_applies,
	.start = upload_start,
	.cleanup = upload_cleanup,
	.trial = &upload_trial,
	.details = trial_upload_details,
	.tells_apart = N_("uploads growing sizes: a reset after about the "
		"same number of bytes, a size limit, or a stall"),
};
