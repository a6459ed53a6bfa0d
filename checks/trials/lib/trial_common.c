/* trial_common.c — helpers every trial uses. */
#include "config.h"

#include <errno.h>

#include "trial_common.h"

#include "i18n.h"
#include "loop.h"
#include "run.h"
#include "util.h"

#define TRIAL_BUDGET_MARGIN_MS 1500 /* left for the report and cleanup */

bool trial_applies(struct probe *p, char *reason, size_t size)
{
	if (!(p->run->opt->trials & registry_trial_bit(p->ops))) {
		str_copy(reason, _("not asked for (--trials)"), size);
		return false;
	}
	if (p->run->open_addr < 0) {
		str_copy(reason, _("the server did not accept a connection"),
			 size);
		return false;
	}
	if (proto_is_mailrecv(p->run->target.proto)) {
		str_copy(reason, _("the trials speak SMTP and FTP, not POP3 or "
				   "IMAP"), size);
		return false;
	}
	return true;
}

const struct sockaddr *trial_addr(struct probe *p)
{
	return (const struct sockaddr *)&p->run->addrs[p->run->open_addr].sa;
}


int64_t trial_budget_left(struct probe *p)
{
	const struct run *run = p->run;
	int64_t left = run->opt->budget_ms - (loop_clock_ms() - run->t0);

	left -= TRIAL_BUDGET_MARGIN_MS;
	return left > 0 ? left : 0;
}

const char *trial_local_error(int err)
{
	switch (err) {
	case EMFILE:
	case ENFILE:
	case ENOBUFS:
	case ENOMEM:
	case EADDRNOTAVAIL:
		return errno_name(err);
	default:
		return NULL;
	}
}

bool trial_note_local(struct probe *p, int err)
{
	const char *name = trial_local_error(err);

	if (!name)
		return false;
	probe_set_str(p, "local_error", name);
	return true;
}
