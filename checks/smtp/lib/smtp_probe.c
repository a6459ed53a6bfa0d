/* smtp_probe.c — helpers shared by the SMTP probes. */
#include "config.h"

#include "smtp_probe.h"

#include <string.h>

#include "i18n.h"
#include "probe.h"
#include "refusal.h"
#include "reply.h"
#include "run.h"
#include "util.h"
#include "wrongproto.h"

bool smtp_probe_common_applies(struct probe *p, char *reason, size_t size)
{
	struct run *run = p->run;

	if (run->target.proto != PROTO_SMTP) {
		str_copy(reason, _("not an SMTP target"), size);
		return false;
	}
	if (run->open_addr < 0 || run->open_addr >= run->naddrs) {
		str_copy(reason, _("the server did not accept a TCP "
				   "connection"), size);
		return false;
	}
	/* An SMTP dialogue with an SSH or HTTP server only waits out
	 * --timeout (wrongproto.h). */
	return !wrongproto_skip(p, reason, size);
}

void smtp_probe_state_dtor(void *state)
{
	struct smtp_sess *s = state;
	int i;

	for (i = 0; i < SMTP_PROBE_SESS; i++)
		smtp_sess_stop(&s[i]);
}

const char *smtp_probe_host(struct run *run)
{
	const char *h = run->facts.host_used;

	return *h ? h : run->target.host;
}

void smtp_probe_cfg(struct probe *p, struct smtp_sess_cfg *cfg,
		    const char *label, enum smtp_sec sec, bool verify)
{
	struct run *run = p->run;
	int i = run->open_addr >= 0 ? run->open_addr : 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->label = label;
	cfg->host = smtp_probe_host(run);
	cfg->sa = (const struct sockaddr *)&run->addrs[i].sa;
	cfg->sec = sec;
	cfg->verify = verify;
	cfg->cacert = run->opt->cacert;
	cfg->command = "NOOP";
	cfg->timeout_ms = run_timeout_ms(run);
}

void smtp_probe_dlg_cfg(struct probe *p, struct sdlg_cfg *cfg,
			const char *label, enum smtp_sec sec)
{
	struct run *run = p->run;
	int i = run->open_addr >= 0 ? run->open_addr : 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->label = label;
	cfg->host = smtp_probe_host(run);
	cfg->sa = (const struct sockaddr *)&run->addrs[i].sa;
	cfg->implicit = sec == SEC_IMPLICIT;
	cfg->cacert = run->opt->cacert;
	cfg->timeout_ms = run_timeout_ms(run);
}

/* The refusal step for a libcurl command CMD ("" greeting, "AUTH X"),
 * NULL for sockdoc's own probing commands. */
static const char *sess_step(const char *cmd, int nth_data)
{
	static const char *const keep[] = { "EHLO", "HELO", "STARTTLS",
		"MAIL", "RCPT", "RSET", NULL };
	int i;

	if (!cmd[0])
		return "greeting";
	if (!strncmp(cmd, "AUTH", 4))
		return "AUTH";
	if (!strcmp(cmd, "DATA"))
		return nth_data > 1 ? "DATA-END" : "DATA";
	for (i = 0; keep[i]; i++)
		if (!strcmp(cmd, keep[i]))
			return keep[i];
	return NULL;
}

void smtp_probe_sess_refusals(struct probe *p, const struct smtp_sess *s,
			      int port)
{
	struct reply r;
	int i, ndata = 0;

	for (i = 0; i < s->nex; i++) {
		const struct smtp_exch *e = &s->ex[i];
		const char *step;
		json_t *o;

		ndata += !strcmp(e->cmd, "DATA");
		step = sess_step(e->cmd, ndata);
		if (!step || (e->code < 400 && !e->malformed))
			continue;
		memset(&r, 0, sizeof(r));
		r.code = e->code;
		str_copy(r.text, e->text, sizeof(r.text));
		o = probe_add_refusal(p, step, &r, !strcmp(step, "EHLO") ||
				      !strcmp(step, "HELO") ? s->ehlo : NULL);
		if (o && e->malformed)
			refusal_set_malformed(o, "no reply code");
		if (o && !strcmp(step, "AUTH"))
			refusal_set_mechanism(o, e->cmd + 5);
		if (o && port > 0)
			json_object_set_new(o, "port", json_integer(port));
	}
}

bool smtp_probe_ehlo_found(struct run *run)
{
	struct probe *e = run_probe(run, "smtp.ehlo");

	return e && (e->status == PROBE_OK || e->status == PROBE_WARN);
}

const char *smtp_probe_mode(struct run *run)
{
	const char *m = run->facts.smtp_mode;

	return smtp_probe_ehlo_found(run) && *m ? m : "none";
}

struct run_smtp_caps smtp_probe_caps(struct run *run)
{
	static const struct run_smtp_caps none;

	return smtp_probe_ehlo_found(run) ? run->facts.smtp_caps : none;
}

enum smtp_sec smtp_probe_best_sec(struct run *run)
{
	if (!strcmp(smtp_probe_mode(run), "implicit"))
		return SEC_IMPLICIT;
	if (smtp_probe_caps(run).starttls)
		return SEC_STARTTLS;
	return SEC_PLAIN;
}
