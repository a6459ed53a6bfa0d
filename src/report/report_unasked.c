/* report_unasked.c — which questions a run did not ask, and what would
 * answer them.  A run with no --user never tests the login and one with
 * no --mail-from never tests the envelope (the relay question): "no
 * problem found" must not read as "every test passed" then.  Also which
 * skipped probes are noise to a person (the other protocol's probes, the
 * trials nobody ticked). */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "report.h"
#include "run.h"
#include "util.h"

/* A question a probe answers when the user gives it some input. */
struct unasked {
	const char *probe;    /* probe id (interface.md) */
	const char *question; /* N_() the question, as a person asks it */
	const char *answer;   /* N_() what would answer it, in CLI terms */
	/* True when OPT lacks the input the probe needs. */
	bool (*missing)(const struct options *opt);
};

/* No login and password given. */
static bool no_login(const struct options *o)
{
	return !o->user || !o->password;
}

/* A user name but no password (SOCKDOC_PASSWORD, --password-file,
 * ~/.netrc): the login the user asked for is not tried. */
static bool no_password(const struct options *o)
{
	return o->user && !o->password;
}

/* No sender address given. */
static bool no_sender(const struct options *o)
{
	return !o->mail_from;
}

static const struct unasked unasked_table[] = {
	{ "smtp.transaction", N_("Does the server take mail from the "
	  "sender's address, and relay it to other domains without a "
	  "login?"), N_("give the address the mail client sends from "
	  "(--mail-from ADDRESS); no message is sent"), no_sender },
	{ "smtp.auth", N_("Do the login and password work?"),
	  N_("give the login and password (--user NAME; the password in "
	  "SOCKDOC_PASSWORD or --password-file FILE)"), no_login },
	{ "ftp.login", N_("Do the login and password work, and do passive "
	  "and active data connections (which need the login) work?"),
	  N_("give the password (SOCKDOC_PASSWORD, --password-file FILE or "
	  "~/.netrc)"), no_password },
	{ "mailrecv.login", N_("Do the login and password work, and can "
	  "the mailbox be opened?"), N_("give the password "
	  "(SOCKDOC_PASSWORD, --password-file FILE or ~/.netrc)"),
	  no_password },
};

/* The skipped probes that need probe ID (ftp.passive after ftp.login). */
static json_t *skipped_dependents(struct run *run, const char *id)
{
	json_t *ids = json_array();
	const struct probe *p;
	int i, k;

	for (i = 0; i < run->nprobes; i++) {
		p = &run->probes[i];
		if (p->status != PROBE_SKIPPED)
			continue;
		for (k = 0; k < (int)ARRAY_SIZE(p->ops->deps) && p->ops->deps[k]; k++)
			if (!strcmp(p->ops->deps[k], id))
				json_array_append_new(ids, json_string(p->ops->id));
	}
	return ids;
}

/* One not_asked entry for probe P of table row U; a named user with no
 * password gets the reason ("no_password"), the user's name in the
 * answer and the probes that needed the login. */
static json_t *unasked_entry(struct run *run, const struct probe *p,
			     const struct unasked *u)
{
	char answer[512];
	json_t *e;

	if (!no_password(run->opt))
		return json_pack("{s:s,s:s,s:s}", "probe", p->ops->id,
				 "question", _(u->question), "answer",
				 _(u->answer));
	str_printf(answer, sizeof(answer), _("give the password for %s "
		   "(SOCKDOC_PASSWORD, --password-file FILE or ~/.netrc): "
		   "without it the login is not tried"), run->opt->user);
	e = json_pack("{s:s,s:s,s:s,s:s}", "probe", p->ops->id, "question",
		      _(u->question), "answer", answer, "reason", "no_password");
	json_object_set_new(e, "depends", skipped_dependents(run, p->ops->id));
	return e;
}

/* Protocol a probe belongs to ("smtp", "ftp"), NULL for both: the ids
 * of interface.md carry it, except SMTP's "tls" (FTP has ftp.tls). */
const char *report_probe_proto(const char *id)
{
	if (!strncmp(id, "smtp.", 5) || !strcmp(id, "tls"))
		return "smtp";
	if (!strncmp(id, "ftp.", 4))
		return "ftp";
	if (!strncmp(id, "mailrecv.", 9))
		return "pop3/imap";
	if (!strncmp(id, "tcp.", 4))
		return "tcp";
	return NULL;
}

/* See report.h: OWN (report_probe_proto) serves protocol PROTO. */
bool report_proto_serves(const char *own, const char *proto)
{
	if (!own || !proto)
		return true;
	if (!strcmp(own, "pop3/imap"))
		return !strcmp(proto, "pop3") || !strcmp(proto, "imap");
	return !strcmp(own, proto);
}

/* True when REPORT's not_asked lists trial ID as not asked for. */
static bool trial_unasked(json_t *report, const char *id)
{
	json_t *e, *t;
	size_t i, k;

	json_array_foreach(json_object_get(report, "not_asked"), i, e)
		json_array_foreach(json_object_get(e, "trials"), k, t)
			if (!strcmp(json_string_value(t), id))
				return true;
	return false;
}

/* See report.h: hide the other protocol's and unticked trials' skips. */
bool report_probe_shown(json_t *report, json_t *probe)
{
	const char *id = json_string_value(json_object_get(probe, "id"));
	const char *st = json_string_value(json_object_get(probe, "status"));
	const char *proto = json_string_value(json_object_get(
		json_object_get(report, "target"), "protocol"));
	const char *own;

	if (!id || !st || strcmp(st, "skipped"))
		return true;
	if (!strncmp(id, "trial.", 6))
		return !trial_unasked(report, id); /* listed under not_asked */
	own = report_probe_proto(id);
	return report_proto_serves(own, proto);
}

/* What runs the trials on RUN's target: an SMTP upload sends a real
 * message, so "all" needs --send-test and its addresses (else a usage
 * error, cli.c, as tcp:// without --sink-ok). */
static const char *trials_answer(struct run *run)
{
	if (run->target.proto == PROTO_SMTP)
		return _("run the trials (--trials all --send-test --mail-from "
			 "ADDRESS --rcpt ADDRESS: the upload sends a real "
			 "message; without it --trials "
			 "halfclose,concurrency,idle); they put real load on "
			 "the server");
	return _("run the trials (--trials all); they put real load on the "
		 "server");
}

/* The entry for the trials nobody asked for, when any was skipped; its
 * "trials" lists their ids. */
static json_t *unasked_trials(struct run *run)
{
	json_t *ids = json_array();
	const struct probe *p;
	int i;

	for (i = 0; i < run->nprobes; i++) {
		p = &run->probes[i];
		if (p->ops->trial && p->status == PROBE_SKIPPED &&
		    !(run->opt->trials & registry_trial_bit(p->ops)))
			json_array_append_new(ids, json_string(p->ops->id));
	}
	if (!json_array_size(ids)) {
		json_decref(ids);
		return NULL;
	}
	return json_pack("{s:s,s:s,s:s,s:o}", "probe", "trials", "question",
		_("How does the server take load (uploads, idle sessions, "
		  "many connections)?"), "answer", trials_answer(run),
		"trials", ids);
}

/* See report.h: the table's questions whose input is missing. */
json_t *report_not_asked(struct run *run)
{
	json_t *out = json_array(), *trials;
	const struct probe *p;
	size_t k;
	int i;

	for (k = 0; k < ARRAY_SIZE(unasked_table); k++) {
		for (i = 0; i < run->nprobes; i++) {
			p = &run->probes[i];
			if (strcmp(p->ops->id, unasked_table[k].probe) ||
			    p->status != PROBE_SKIPPED ||
			    !report_proto_serves(report_probe_proto(p->ops->id),
						 proto_name(run->target.proto)) ||
			    !unasked_table[k].missing(run->opt))
				continue;
			json_array_append_new(out, unasked_entry(run, p,
							 &unasked_table[k]));
		}
	}
	/* Trials load SMTP and FTP servers; POP3/IMAP runs have none. */
	trials = run->target.proto == PROTO_SMTP ||
		 run->target.proto == PROTO_FTP ? unasked_trials(run) : NULL;
	if (trials)
		json_array_append_new(out, trials);
	return out;
}

/* See report.h: a not_asked entry says a login was not tried for
 * want of a password; its probe id in *PROBE. */
bool report_password_missing(json_t *report, const char **probe)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(report, "not_asked"), i, e) {
		const char *r = json_string_value(json_object_get(e, "reason"));

		if (r && !strcmp(r, "no_password")) {
			if (probe)
				*probe = json_string_value(json_object_get(e, "probe"));
			return true;
		}
	}
	return false;
}

/* See report.h: not_asked entries other than the trials. */
size_t report_questions_unasked(json_t *report)
{
	json_t *a = json_object_get(report, "not_asked"), *e;
	size_t i, n = 0;

	json_array_foreach(a, i, e)
		if (strcmp(json_string_value(json_object_get(e, "probe")),
			   "trials"))
			n++;
	return n;
}
