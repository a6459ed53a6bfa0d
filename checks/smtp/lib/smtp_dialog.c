/* smtp_dialog.c — sockdoc's own SMTP dialogue (RFC 5321): greeting, the
 * planned steps in order, each reply recorded with the step it answers;
 * EHLO falls back to HELO on a 5xx; STARTTLS is followed by the handshake
 * and a new EHLO (RFC 3207); AUTH speaks PLAIN, LOGIN and CRAM-MD5 (RFC
 * 4954, 4616, 2195) with the secrets kept out of every record; a refused
 * MAIL ends the dialogue, a refused RCPT does not (the next RCPT may ask
 * another question); QUIT is sent but never waited for. */
#include "config.h"

#include "smtp_dialog.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "probe.h"
#include "refusal.h"
#include "run.h"
#include "smtp_dlgio.h"
#include "smtp_ehloname.h"
#include "smtp_sasl.h"
#include "util.h"

static const char secret_marker[] = "<secret not recorded>";

void sdlg_plan(struct sdlg_cfg *cfg, enum sdlg_kind kind, const char *arg)
{
	if (cfg->nsteps >= SDLG_MAX_STEPS)
		return;
	cfg->steps[cfg->nsteps].kind = kind;
	cfg->steps[cfg->nsteps].arg = arg;
	cfg->nsteps++;
}

/* The deferred end: free the transport, then tell the owner. */
static void on_finish(void *arg)
{
	struct sdlg_io *io = arg;
	struct sdlg *d = io->d;
	sdlg_cb cb = io->cb;
	void *cb_arg = io->cb_arg;

	io->finish = NULL;
	dlgio_close(io);
	free(io);
	d->io = NULL;
	d->finished = true;
	d->ms = loop_now(d->probe->run->loop) - d->ms;
	if (cb)
		cb(d, cb_arg);
}

/* End the dialogue with END: a polite QUIT when the line is up, then
 * the callback from the loop. */
static void finish(struct sdlg_io *io, const char *end)
{
	struct sdlg *d = io->d;

	if (io->ended)
		return;
	io->ended = true;
	d->end = end;
	if (io->fd >= 0 && !io->hs && strcmp(end, "closed") &&
	    strcmp(end, "reset") && strcmp(end, "tls") &&
	    dlgio_write(io, "QUIT\r\n", 6) == 0)
		probe_info(d->probe, "[%s] QUIT (reply not awaited)",
			   d->cfg.label);
	dlgio_close(io);
	io->finish = loop_timer_add(io->loop, 0, on_finish, io);
}

/* A new exchange waiting for the reply to STEP. */
static struct sdlg_exch *new_exch(struct sdlg_io *io, const char *step,
				  const char *arg, const char *mech)
{
	struct sdlg *d = io->d;
	struct sdlg_exch *e;

	if (d->nex < SDLG_MAX_EXCH)
		d->nex++;
	e = &d->ex[d->nex - 1];
	memset(e, 0, sizeof(*e));
	str_copy(e->step, step, sizeof(e->step));
	if (arg)
		sanitize(arg, strlen(arg), e->arg, sizeof(e->arg), false);
	if (mech)
		str_copy(e->mech, mech, sizeof(e->mech));
	io->cur = d->nex - 1;
	return e;
}

/* Send LINE (LOG for the transcript) for STEP and wait for its reply. */
static void command(struct sdlg_io *io, const char *step, const char *arg,
		    const char *mech, const char *line, const char *log)
{
	struct sdlg_exch *e = new_exch(io, step, arg, mech);

	if (dlgio_send(io, line, log) < 0) {
		e->fail = "error";
		finish(io, "error");
	}
}

/* Send a secret continuation line (base64 already). */
static void send_secret(struct sdlg_io *io, const char *line)
{
	if (dlgio_send(io, line, secret_marker) < 0) {
		io->d->ex[io->cur].fail = "error";
		finish(io, "error");
	}
}

/* CRAM-MD5 (RFC 2195): answer the challenge, or cancel ("*"). */
static void cram_answer(struct sdlg_io *io, const char *chal_b64)
{
	const struct sdlg_cfg *c = &io->d->cfg;
	char out[600];

	if (sasl_cram_md5(c->user, c->password, chal_b64, out,
			  sizeof(out)) < 0)
		send_secret(io, "*");
	else
		send_secret(io, out);
	OPENSSL_cleanse(out, sizeof(out));
}

/* SCRAM (RFC 5802): the proof for the server-first message, then the
 * check of the server's signature (an empty line when it proves it knows
 * the password, else "*": a server that cannot is not the real one). */
static void scram_continue(struct sdlg_io *io, const struct reply *r)
{
	char out[600];

	if (io->phase == 1 && sasl_scram_final(&io->scram, io->d->cfg.password,
					       r->text, out, sizeof(out)) == 0)
		send_secret(io, out);
	else if (io->phase == 2 && sasl_scram_verify(&io->scram,
						     r->text) == 0)
		send_secret(io, "");
	else {
		if (io->phase == 2)
			io->d->ex[io->cur].fail = "bad_server_proof";
		send_secret(io, "*");
	}
	OPENSSL_cleanse(out, sizeof(out));
	if (io->phase >= 2)
		sasl_scram_clear(&io->scram);
}

/* A 334 during AUTH: the next continuation for the mechanism. */
static void auth_continue(struct sdlg_io *io, const struct reply *r)
{
	const struct sdlg_cfg *c = &io->d->cfg;
	const char *mech = io->d->ex[io->cur].mech;
	char out[600];

	io->phase++;
	if (!strcasecmp(mech, "CRAM-MD5") && io->phase == 1) {
		cram_answer(io, r->text);
		return;
	}
	if (!strncasecmp(mech, "SCRAM-", 6)) {
		scram_continue(io, r);
		return;
	}
	if (strcasecmp(mech, "LOGIN") || io->phase > 2) {
		send_secret(io, "*"); /* cancel (RFC 4954 4) */
		return;
	}
	if (io->phase == 1)
		sasl_b64(c->user, strlen(c->user), out, sizeof(out));
	else
		sasl_b64(c->password, strlen(c->password), out, sizeof(out));
	send_secret(io, out);
	OPENSSL_cleanse(out, sizeof(out));
}

/* Start AUTH MECH; PLAIN carries its initial response (RFC 4616). */
static void auth_begin(struct sdlg_io *io, const char *mech)
{
	const struct sdlg_cfg *c = &io->d->cfg;
	char enc[820], line[840], log[80];

	io->phase = 0;
	str_printf(log, sizeof(log), "AUTH %s %s", mech, secret_marker);
	if (!c->user || !c->password) {
		new_exch(io, "AUTH", NULL, mech)->fail = "error";
		finish(io, "error");
		return;
	}
	if (!strncasecmp(mech, "SCRAM-", 6) &&
	    sasl_scram_first(&io->scram, mech, c->user, NULL, enc,
			     sizeof(enc)) == 0) {
		str_printf(line, sizeof(line), "AUTH %s %s", mech, enc);
		command(io, "AUTH", NULL, mech, line, log);
		return;
	}
	if (strcasecmp(mech, "PLAIN") ||
	    sasl_plain(c->user, c->password, enc, sizeof(enc)) < 0) {
		str_printf(line, sizeof(line), "AUTH %s", mech);
		command(io, "AUTH", NULL, mech, line, line);
		return;
	}
	str_printf(line, sizeof(line), "AUTH PLAIN %s", enc);
	command(io, "AUTH", NULL, mech, line, log);
	OPENSSL_cleanse(enc, sizeof(enc));
	OPENSSL_cleanse(line, sizeof(line));
}

/* MAIL FROM with SIZE= when the server offers SIZE (RFC 1870). */
static void mail_begin(struct sdlg_io *io, const char *from)
{
	const struct sdlg_cfg *c = &io->d->cfg;
	char line[400];

	str_printf(line, sizeof(line), "MAIL FROM:<%s>", from ? from : "");
	if (c->size > 0 && strcasestr(io->d->ehlo_text, "SIZE"))
		str_appendf(line, sizeof(line), " SIZE=%lld", c->size);
	command(io, "MAIL", from, NULL, line, NULL);
}

/* The next step of the plan (QUIT ends it). */
static void run_step(struct sdlg_io *io)
{
	const struct sdlg_cfg *c = &io->d->cfg;
	const struct sdlg_step *s;
	char line[400];

	if (++io->step >= c->nsteps) {
		finish(io, "ok");
		return;
	}
	s = &c->steps[io->step];
	switch (s->kind) {
	case SD_EHLO:
	case SD_HELO:
		str_printf(line, sizeof(line), "%s %s",
			   s->kind == SD_EHLO ? "EHLO" : "HELO", c->ehlo);
		command(io, s->kind == SD_EHLO ? "EHLO" : "HELO", c->ehlo,
			NULL, line, NULL);
		break;
	case SD_STARTTLS:
		command(io, "STARTTLS", NULL, NULL, "STARTTLS", NULL);
		break;
	case SD_AUTH:
		auth_begin(io, s->arg);
		break;
	case SD_MAIL:
		mail_begin(io, s->arg);
		break;
	case SD_RCPT:
		str_printf(line, sizeof(line), "RCPT TO:<%s>", s->arg);
		command(io, "RCPT", s->arg, NULL, line, NULL);
		break;
	case SD_DATA:
		command(io, "DATA", NULL, NULL, "DATA", NULL);
		break;
	case SD_RSET:
		command(io, "RSET", NULL, NULL, "RSET", NULL);
		break;
	case SD_QUIT:
		finish(io, io->stopped ? "refused" : "ok");
		break;
	}
}

/* Stop on a refusal: QUIT and end. */
static void refused(struct sdlg_io *io)
{
	io->stopped = true;
	finish(io, "refused");
}

/* The 354 came: the body, the final ".", then the reply to it. */
static void data_body(struct sdlg_io *io)
{
	const char *body = io->d->cfg.body ? io->d->cfg.body : "";

	new_exch(io, "DATA-END", NULL, NULL);
	probe_info(io->d->probe, "[%s] (message body, %zu bytes)",
		   io->d->cfg.label, strlen(body));
	if (dlgio_write(io, body, strlen(body)) < 0 ||
	    dlgio_send(io, ".", NULL) < 0) {
		io->d->ex[io->cur].fail = "error";
		finish(io, "error");
	}
}

/* Reply to EHLO/HELO: 250 goes on, a 5xx EHLO is retried as HELO. */
static void ehlo_reply(struct sdlg_io *io, const struct reply *r,
		       bool ehlo)
{
	const struct sdlg_cfg *c = &io->d->cfg;
	char line[300];

	if (r->code == 250) {
		str_copy(io->d->ehlo_text, ehlo ? r->text : "",
			 sizeof(io->d->ehlo_text));
		io->phase = 0;
		run_step(io);
		return;
	}
	if (!ehlo || r->code < 500 || io->helo_tried) {
		refused(io);
		return;
	}
	io->helo_tried = true;
	str_printf(line, sizeof(line), "HELO %s", c->ehlo);
	command(io, "HELO", c->ehlo, NULL, line, NULL);
}

/* A reply to the exchange in progress. */
static void on_reply(struct sdlg_io *io, const struct reply *r)
{
	struct sdlg_exch *e = &io->d->ex[io->cur];
	const char *st = e->step;
	size_t i;

	e->code = r->code;
	str_copy(e->text, r->text, sizeof(e->text));
	for (i = 0; e->text[i]; i++)
		if (e->text[i] == '\n')
			e->text[i] = ' ';
	refusal_enhanced(e->text, e->enh);
	if (io->late)
		e->late_ms = loop_now(io->loop) - io->deadline_at;
	io->late = false;
	if (!strcmp(st, "AUTH") && r->code == 334) {
		auth_continue(io, r);
		return;
	}
	io->cur = -1;
	if (!strcmp(st, "greeting"))
		r->code == 220 ? run_step(io) : refused(io);
	else if (!strcmp(st, "EHLO") || !strcmp(st, "HELO"))
		ehlo_reply(io, r, !strcmp(st, "EHLO"));
	else if (!strcmp(st, "STARTTLS"))
		r->code == 220 ? dlgio_tls_begin(io) : refused(io);
	else if (!strcmp(st, "DATA"))
		r->code == 354 ? data_body(io) : refused(io);
	else if (!strcmp(st, "AUTH") || !strcmp(st, "MAIL"))
		r->code / 100 == 2 ? run_step(io) : refused(io);
	else
		run_step(io);
}

/* The handshake ended: on to the greeting (implicit) or EHLO again. */
static void tls_done(struct sdlg_io *io)
{
	char line[300];

	if (!io->d->tls.up) {
		finish(io, "tls");
		return;
	}
	if (io->d->cfg.stop_after_tls) {
		finish(io, "ok");
		return;
	}
	if (io->d->cfg.implicit) {
		new_exch(io, "greeting", NULL, NULL);
		dlgio_deadline(io);
		return;
	}
	io->phase = 1;
	str_printf(line, sizeof(line), "EHLO %s", io->d->cfg.ehlo);
	command(io, "EHLO", io->d->cfg.ehlo, NULL, line, NULL);
}

/* The connection ended without a reply to the exchange in progress. */
static void cut_off(struct sdlg_io *io, const char *why, const char *end)
{
	struct sdlg *d = io->d;

	if (io->cur >= 0) {
		d->ex[io->cur].fail = why;
		d->ex[io->cur].closed = !strcmp(why, "closed");
	} else if (d->nex > 0 && !strcmp(why, "closed")) {
		d->ex[d->nex - 1].closed = true;
	}
	finish(io, end);
}

void sdlg_event(struct sdlg_io *io, enum dlgio_ev ev, const struct reply *r,
		int err)
{
	if (io->ended)
		return;
	switch (ev) {
	case DIO_CONNECTED:
		io->d->conn_err = err;
		if (err)
			finish(io, "connect_failed");
		else if (io->d->cfg.implicit)
			dlgio_tls_begin(io);
		else {
			new_exch(io, "greeting", NULL, NULL);
			dlgio_deadline(io);
		}
		break;
	case DIO_REPLY:
		if (io->cur >= 0)
			on_reply(io, r);
		break;
	case DIO_LATE:
		probe_info(io->d->probe, "[%s] no reply within --timeout; "
			   "waiting once more", io->d->cfg.label);
		break;
	case DIO_TIMEOUT:
		cut_off(io, "timeout", "timeout");
		break;
	case DIO_CLOSED:
		cut_off(io, "closed", "closed");
		break;
	case DIO_RESET:
		cut_off(io, "reset", "reset");
		break;
	case DIO_MALFORMED:
		cut_off(io, "malformed", "malformed");
		break;
	case DIO_TLS_DONE:
		tls_done(io);
		break;
	case DIO_ERROR:
		cut_off(io, "error", "error");
		break;
	}
}

int sdlg_start(struct sdlg *d, struct probe *p, const struct sdlg_cfg *cfg,
	       sdlg_cb cb, void *arg)
{
	struct sdlg_io *io = calloc(1, sizeof(*io));

	memset(d, 0, sizeof(*d));
	d->probe = p;
	d->cfg = *cfg;
	d->ms = loop_now(p->run->loop);
	d->end = "error";
	if (cfg->ehlo)
		str_copy(d->ehlo, cfg->ehlo, sizeof(d->ehlo));
	else
		smtp_ehlo_name(p->run, cfg->sa, d->ehlo, sizeof(d->ehlo));
	d->cfg.ehlo = d->ehlo;
	if (!io)
		return -1;
	io->loop = p->run->loop;
	io->d = d;
	io->step = -1;
	io->cur = -1;
	io->cb = cb;
	io->cb_arg = arg;
	d->io = io;
	probe_info(p, "[%s] own SMTP dialogue (%s)", cfg->label,
		   cfg->implicit ? "implicit TLS" : "plain text");
	if (dlgio_connect(io) < 0) {
		d->end = "connect_failed";
		free(io);
		d->io = NULL;
		return -1;
	}
	return 0;
}

void sdlg_stop(struct sdlg *d)
{
	struct sdlg_io *io = d->io;

	if (!io)
		return;
	loop_timer_cancel(io->loop, io->finish);
	dlgio_close(io);
	free(io);
	d->io = NULL;
}

const struct sdlg_exch *sdlg_find(const struct sdlg *d, const char *step,
				  bool last)
{
	const struct sdlg_exch *found = NULL;
	int i;

	for (i = 0; i < d->nex; i++)
		if (!strcmp(d->ex[i].step, step)) {
			found = &d->ex[i];
			if (!last)
				break;
		}
	return found;
}

/* True when exchange E belongs in "refusals". */
static bool is_refusal(const struct sdlg_exch *e)
{
	if (e->code >= 400 || e->late_ms > 0)
		return true;
	return e->code == 0 && e->fail &&
	       (!strcmp(e->fail, "closed") || !strcmp(e->fail, "malformed"));
}

void sdlg_refusals(const struct sdlg *d, struct probe *p)
{
	struct reply r;
	int i;

	for (i = 0; i < d->nex; i++) {
		const struct sdlg_exch *e = &d->ex[i];
		json_t *o;

		if (!is_refusal(e))
			continue;
		memset(&r, 0, sizeof(r));
		r.code = e->code;
		str_copy(r.text, e->text, sizeof(r.text));
		o = probe_add_refusal(p, e->step, &r, e->arg);
		if (!o)
			continue;
		if (e->mech[0])
			refusal_set_mechanism(o, e->mech);
		if (e->late_ms > 0)
			refusal_set_late(o, e->late_ms);
		if (e->closed)
			refusal_set_closed(o);
		if (e->fail && !strcmp(e->fail, "malformed"))
			refusal_set_malformed(o, "no reply code");
	}
}

/* One exchange as JSON. */
static json_t *exch_json(const struct sdlg_exch *e)
{
	json_t *o = json_pack("{s:s,s:i,s:s,s:s}", "step", e->step,
			      "code", e->code, "enhanced", e->enh,
			      "text", e->text);

	if (e->arg[0])
		json_object_set_new(o, "arg", json_string(e->arg));
	if (e->mech[0])
		json_object_set_new(o, "mechanism", json_string(e->mech));
	if (e->late_ms > 0)
		json_object_set_new(o, "late_ms", json_integer(e->late_ms));
	if (e->closed)
		json_object_set_new(o, "closed", json_true());
	if (e->fail)
		json_object_set_new(o, "fail", json_string(e->fail));
	return o;
}

/* The handshake as JSON. */
static json_t *tls_json(const struct sdlg_tls *t)
{
	return json_pack("{s:b,s:s,s:s,s:s,s:s,s:s,s:I,s:I}", "up", t->up,
			 "result", t->result, "version", t->version,
			 "cipher", t->cipher, "alert", t->alert,
			 "error", t->error, "bytes_in", (json_int_t)t->bytes_in,
			 "ms", (json_int_t)t->ms);
}

json_t *sdlg_json(const struct sdlg *d)
{
	json_t *a = json_array(), *o;
	bool starttls = false;
	int i;

	for (i = 0; i < d->cfg.nsteps; i++)
		starttls |= d->cfg.steps[i].kind == SD_STARTTLS;
	for (i = 0; i < d->nex; i++)
		json_array_append_new(a, exch_json(&d->ex[i]));
	o = json_pack("{s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:o}",
		"label", d->cfg.label, "client", "sockdoc",
		"security", d->cfg.implicit ? "implicit"
			    : starttls ? "starttls" : "plain",
		"end", d->end ? d->end : "error", "ms", (json_int_t)d->ms,
		"errno", d->conn_err ? errno_name(d->conn_err) : "",
		"ehlo_name", d->ehlo,
		"replies", a);
	if (d->tls.tried)
		json_object_set_new(o, "tls", tls_json(&d->tls));
	return o;
}
