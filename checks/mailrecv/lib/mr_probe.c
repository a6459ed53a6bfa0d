/* mr_probe.c — helpers shared by the POP3/IMAP probes. */
#include "config.h"

#include "mr_probe.h"

#include <string.h>

#include "i18n.h"
#include "probe.h"
#include "run.h"
#include "util.h"
#include "wrongproto.h"

void mr_probe_state_dtor(void *state)
{
	struct mr_sess *s = state;
	int i;

	for (i = 0; i < MR_PROBE_SESS; i++)
		if (s[i].probe)
			mr_sess_stop(&s[i]);
}

bool mr_probe_applies(struct probe *p, char *reason, size_t size)
{
	struct run *run = p->run;

	if (!proto_is_mailrecv(run->target.proto)) {
		str_copy(reason, _("not a POP3 or IMAP target"), size);
		return false;
	}
	if (run->open_addr < 0 || run->open_addr >= run->naddrs) {
		str_copy(reason, _("the server did not accept a TCP "
				   "connection"), size);
		return false;
	}
	return true;
}

bool mr_probe_applies_after(struct probe *p, char *reason, size_t size)
{
	/* A POP3/IMAP dialogue with an SSH or HTTP server can only fail
	 * or wait out --timeout: name what answers instead. */
	if (!mr_probe_applies(p, reason, size) ||
	    wrongproto_skip(p, reason, size))
		return false;
	return true;
}

enum mr_proto mr_probe_proto(const struct run *run)
{
	return run->target.proto == PROTO_IMAP ? MR_IMAP : MR_POP3;
}

const char *mr_probe_proto_upper(const struct run *run)
{
	return run->target.proto == PROTO_IMAP ? "IMAP" : "POP3";
}

void mr_probe_cfg(struct probe *p, struct mr_sess_cfg *cfg,
		  const char *label, enum mr_sec sec, enum mr_goal goal)
{
	struct run *run = p->run;
	int i = run->open_addr >= 0 ? run->open_addr : 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->label = label;
	cfg->proto = mr_probe_proto(run);
	cfg->host = run->target.host;
	cfg->sa = (const struct sockaddr *)&run->addrs[i].sa;
	cfg->sec = sec;
	cfg->cacert = run->opt->cacert;
	cfg->timeout_ms = run_timeout_ms(run);
	cfg->goal = goal;
	cfg->need_verified = true;
	if (goal >= MR_GOAL_LOGIN) {
		cfg->user = run->opt->user ? run->opt->user
			    : run->target.user[0] ? run->target.user : NULL;
		cfg->password = run->opt->password;
	}
}

const char *mr_probe_mode(const struct run *run)
{
	return run->facts.mr_mode[0] ? run->facts.mr_mode : "none";
}
