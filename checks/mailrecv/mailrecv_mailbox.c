/* mailrecv_mailbox.c — probe "mailrecv.mailbox": after a login that
 * worked, a read-only look at the mailbox with the same method and
 * security: POP3 STAT (RFC 1939 5; QUIT after it deletes nothing, since
 * nothing was marked) or IMAP EXAMINE INBOX (RFC 9051 6.3.3: the
 * read-only SELECT; no flag changes).  It tells a login that works from
 * a mailbox that cannot be opened (locked by another client, damaged,
 * over quota on the server's side).
 *
 * Its details keys are listed in mailbox_details[] below.
 */
#include "config.h"

#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "mr_probe.h"
#include "refusal.h"
#include "run.h"
#include "util.h"

/* The probe's state. */
struct mailbox_state {
	struct mr_sess s[MR_PROBE_SESS]; /* [0] the session */
};

/* Runs once mailrecv.login found a method that works. */
static bool mailbox_applies(struct probe *p, char *reason, size_t size)
{
	if (!mr_probe_applies_after(p, reason, size))
		return false;
	if (!p->run->facts.mr_login_method[0]) {
		str_copy(reason, _("no login worked"), size);
		return false;
	}
	return true;
}

/* The session ended: write the findings. */
static void mailbox_done(struct mr_sess *s, void *arg)
{
	struct probe *p = arg;
	const char *cmd = s->cfg.proto == MR_IMAP ? "EXAMINE INBOX" : "STAT";
	const struct mr_exch *e = mr_sess_find(s, s->cfg.proto == MR_IMAP ?
					       "EXAMINE" : "STAT", true);

	probe_set_str(p, "command", cmd);
	probe_set_str(p, "outcome", s->outcome);
	probe_set_int(p, "messages", s->messages);
	if (s->octets >= 0)
		probe_set_int(p, "octets", s->octets);
	probe_set_bool(p, "read_only", s->read_only);
	if (e) {
		probe_set_str(p, "status", e->status);
		probe_set_str(p, "code", e->code);
		probe_set_str(p, "text", e->text);
	}
	json_object_set_new(p->details, "session", mr_sess_json(s));
	mr_sess_refusals(p, s);
	if (!s->checked)
		probe_finish(p, PROBE_FAIL, _("%s failed: %s"), cmd,
			     e ? e->text : s->outcome);
	else if (s->octets >= 0)
		probe_finish(p, PROBE_OK, _("%s: %lld messages, %lld bytes"),
			     cmd, s->messages, s->octets);
	else
		probe_finish(p, PROBE_OK, _("%s: %lld messages (opened "
			     "read-only)"), cmd, s->messages);
}

/* One session with the method that worked. */
static void mailbox_start(struct probe *p)
{
	struct mailbox_state *st = probe_state_new(p, sizeof(*st),
						   mr_probe_state_dtor);
	const char *m = p->run->facts.mr_login_method;
	struct mr_sess_cfg cfg;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	mr_probe_cfg(p, &cfg, "mailbox",
		     (enum mr_sec)p->run->facts.mr_login_sec, MR_GOAL_CHECK);
	cfg.mech = !strncmp(m, "AUTH=", 5) ? m + 5 : NULL;
	cfg.need_verified = cfg.sec != MR_SEC_PLAIN;
	mr_sess_start(&st->s[0], p, &cfg, mailbox_done, p);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail mailbox_details[] = {
	{ "command", DT_STR, NULL, "\"STAT\" | \"EXAMINE INBOX\"" },
	{ "outcome", DT_STR, NULL, "session outcome token (mr_sess.h)" },
	{ "messages", DT_INT, NULL, "messages in the mailbox, -1 unknown" },
	{ "octets", DT_INT, "bytes", "POP3 STAT: the mailbox size" },
	{ "read_only", DT_BOOL, NULL, "IMAP: EXAMINE answered [READ-ONLY]" },
	{ "status", DT_STR, NULL, "+OK|-ERR|OK|NO|BAD of the command" },
	{ "code", DT_STR, NULL, "its response code (\"IN-USE\"), \"\"" },
	{ "text", DT_STR, NULL, "its text (sanitized)" },
	{ "session", DT_OBJECT, NULL, "the session (mr_sess_json)" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_mailrecv_mailbox = {
	.id = "mailrecv.mailbox",
	.deps = { "mailrecv.login" },
	.applies = mailbox_applies,
	.start = mailbox_start,
	.details = mailbox_details,
	.tells_apart = N_("opens the mailbox read-only (POP3 STAT, IMAP "
		"EXAMINE INBOX): a login that works but a mailbox that "
		"cannot be opened"),
};
