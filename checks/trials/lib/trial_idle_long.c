/* trial_idle_long.c — the idle trial's long transfer: an FTP STOR into
 * --upload-dir, throttled with CURLOPT_MAX_SEND_SPEED_LARGE so the data
 * flows for longer than the measured idle limit (or 2 x --timeout when
 * none was found) while the control connection stays silent; then a DELE
 * in a separate session.  Size bounded by --max-upload, time by --budget.
 *
 * details: long_transfer {seconds, bytes, completed (all data sent),
 *          control_lost (data sent but no 226), reply, curl_error,
 *          hold_seconds, limit_seconds}
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "trial_idle_long.h"

#include "checks.h"
#include "run.h"
#include "trial_common.h"
#include "util.h"

#define LONG_MIN_BYTES 4096LL /* below this a throttled upload says little */

/* The long transfer that owns upload U. */
static struct idle_long *of_upl(struct upl *u)
{
	return (struct idle_long *)((char *)u - offsetof(struct idle_long, u));
}

/* The long transfer that owns clean-up D. */
static struct idle_long *of_del(struct upl_del *d)
{
	return (struct idle_long *)((char *)d - offsetof(struct idle_long, del));
}

/* Record the outcome of L's upload in the probe's details. */
static void record(struct idle_long *l)
{
	const struct upl *u = &l->u;
	bool sent = u->ulnow >= u->size;
	bool confirmed = u->rc == CURLE_OK && (u->code == 226 || u->code == 250);
	json_t *o = json_object();

	json_object_set_new(o, "seconds", json_real(u->ms / 1000.0));
	json_object_set_new(o, "bytes", json_integer(u->ulnow));
	json_object_set_new(o, "completed", json_boolean(sent));
	json_object_set_new(o, "control_lost", json_boolean(sent && !confirmed));
	json_object_set_new(o, "reply", json_integer(u->code));
	json_object_set_new(o, "curl_error", json_integer(u->rc));
	json_object_set_new(o, "hold_seconds", json_real(l->hold_ms / 1000.0));
	json_object_set_new(o, "limit_seconds", json_real(l->limit_ms / 1000.0));
	json_object_set_new(u->p->details, "long_transfer", o);
}

/* The DELE session ended: the trial is over either way. */
static void on_deleted(struct upl_del *d, int rc)
{
	struct idle_long *l = of_del(d);

	if (rc < 0)
		probe_set_str(d->p, "long_transfer_left", l->u.path);
	upl_del_free(d);
	l->done(d->p);
}

/* The upload ended: record it, then delete the file. */
static void on_upload(struct upl *u)
{
	struct idle_long *l = of_upl(u);

	record(l);
	if (upl_del_start(&l->del, u->p, u->path, on_deleted) < 0) {
		probe_set_str(u->p, "long_transfer_left", u->path);
		l->done(u->p);
	}
}

/* How long to hold the control connection silent: past the limit by a
 * margin, or 2 x --timeout; 0 when the budget cannot hold it. */
static int64_t hold_for(struct probe *p, int64_t limit_ms)
{
	int64_t to = run_timeout_ms(p->run);
	int64_t hold = limit_ms > 0 ? limit_ms * 2 : to * 2;
	int64_t left = trial_budget_left(p) - 2 * to;

	if (limit_ms > 0 && hold < limit_ms + 2000)
		hold = limit_ms + 2000;
	return hold <= left ? hold : 0;
}

int idle_long_start(struct idle_long *l, struct probe *p, int64_t limit_ms,
		    void (*done)(struct probe *p))
{
	const struct options *opt = p->run->opt;
	const char *dir = opt->upload_dir ? opt->upload_dir : "";
	long long size = opt->max_upload;

	memset(l, 0, sizeof(*l));
	l->done = done;
	l->limit_ms = limit_ms;
	l->hold_ms = hold_for(p, limit_ms);
	if (p->run->target.proto != PROTO_FTP || !l->hold_ms)
		return -1;
	if (size > 256 * 1024)
		size = 256 * 1024;
	if (size < LONG_MIN_BYTES)
		return -1;
	l->u.max_speed = size * 1000 / l->hold_ms;
	if (l->u.max_speed < 1)
		l->u.max_speed = 1;
	str_printf(l->u.path, sizeof(l->u.path), "%s%ssockdoc-idle-%ld.bin",
		   dir, *dir && dir[strlen(dir) - 1] != '/' ? "/" : "",
		   (long)getpid());
	return upl_start(&l->u, p, size, on_upload);
}

void idle_long_free(struct idle_long *l)
{
	upl_free(&l->u);
	upl_del_free(&l->del);
}
