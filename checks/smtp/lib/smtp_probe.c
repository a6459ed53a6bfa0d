/* smtp_probe.c — helpers shared by the SMTP probes. */
#include "config.h"

#include "smtp_probe.h"

#include <string.h>

#include "i18n.h"
#include "probe.h"
#include "run.h"
#include "util.h"

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
	return true;
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
