/* diagnose_refusals.c — every server answer becomes a diagnosis (issue
 * 10): each refusal under a probe's details "refusals" (refusal.h) is
 * classified by its protocol's family (refusal_smtp.c, refusal_ftp.c);
 * what no family knows becomes server.refused_step.  Every cause quotes
 * the step, the code, the enhanced code and the text, says when the reply
 * came late or the server closed after it, and where the fix lies.  Last,
 * a failed probe that no rule explained still gets a cause. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "causes.h"
#include "diagnose_refusals.h"
#include "i18n.h"
#include "refusal.h"
#include "util.h"

/* String member KEY of O, "" when absent. */
static const char *ostr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* True when STEP only exists in FTP (RFC 959, 2228, 2428, 4217). */
static bool ftp_step(const char *step)
{
	static const char *const steps[] = {
		"USER", "PASS", "AUTH TLS", "AUTH SSL", "PBSZ", "PROT", "PASV",
		"EPSV", "PORT", "EPRT", "LIST", "NLST", "MLSD", "RETR", "STOR",
		"APPE", "DELE", "CWD", "MKD", "RMD", "TYPE", "SIZE", "FEAT",
		"OPTS", "REST", NULL
	};
	int i;

	for (i = 0; steps[i]; i++)
		if (!strcmp(step, steps[i]))
			return true;
	return false;
}

/* True when refusal R belongs to an FTP session: by its step, else by the
 * target's protocol, else by the probe's id. */
static bool is_ftp(struct diag *d, const struct rseen *r)
{
	const char *proto = ostr(diag_target(d), "protocol");

	if (ftp_step(r->step))
		return true;
	if (!strcmp(r->step, "EHLO") || !strcmp(r->step, "HELO") ||
	    !strcmp(r->step, "MAIL") || !strcmp(r->step, "RCPT") ||
	    !strcmp(r->step, "STARTTLS"))
		return false;
	if (*proto)
		return !strcmp(proto, "ftp") || !strcmp(proto, "ftps");
	return !strncmp(r->probe, "ftp.", 4);
}

/* "451 4.7.1 text" (the enhanced code only when the text lacks it). */
static const char *reply_words(const struct rseen *r, char *buf, size_t n)
{
	if (!r->code && *ostr(r->r, "status")) {
		str_printf(buf, n, "%s %s", ostr(r->r, "status"), r->text);
		return buf;
	}
	if (!r->code) {
		str_printf(buf, n, "%s", _("no reply"));
		return buf;
	}
	if (*r->enh && strncmp(r->text, r->enh, strlen(r->enh)))
		str_printf(buf, n, "%d %s %s", r->code, r->enh, r->text);
	else
		str_printf(buf, n, "%d %s", r->code, r->text);
	return buf;
}

/* The step as sent: "RCPT <bob@example.com>", "AUTH PLAIN", "greeting". */
static const char *step_words(const struct rseen *r, char *buf, size_t n)
{
	const char *mech = ostr(r->r, "mechanism");

	if (!strcmp(r->step, "greeting"))
		str_printf(buf, n, "%s", _("the greeting"));
	else if (*mech)
		str_printf(buf, n, "%s %s", r->step, mech);
	else if (*r->arg)
		str_printf(buf, n, "%s %s", r->step, r->arg);
	else
		str_printf(buf, n, "%s", r->step);
	return buf;
}

/* The sentence that says where the fix of a refusal lies. */
static const char *side_words(enum fix_side s)
{
	switch (s) {
	case SIDE_CLIENT:
		return _("the fix lies with the client: its settings or the "
			 "addresses it sends");
	case SIDE_PROVIDER:
		return _("the fix lies with the provider: its policy for this "
			 "client");
	case SIDE_NETWORK:
		return _("the fix lies with the network in between (a "
			 "firewall or NAT)");
	case SIDE_WAIT:
		return _("nothing needs fixing: the refusal is temporary; "
			 "retry later");
	default:
		return _("the fix lies with the server's administrator");
	}
}

/* Where the fix of a size limit lies: the client's message against the
 * server's limit (diagnose_trials.c says the same for the upload
 * trial's refusals). */
static const char *size_side_words(void)
{
	return _("the limit is the server's: the client can only send a "
		 "smaller message or file; raising the limit is up to the "
		 "server's administrator");
}

/* Guess the side from the codes when no family decided (RFC 3463 3.x
 * subjects: 1 addressing, 2 mailbox, 3 mail system, 4 network, 5 protocol,
 * 6 content, 7 security/policy). */
static enum fix_side guess_side(const struct rseen *r, bool ftp)
{
	if (r->code == 0 && *ostr(r->r, "status"))
		return SIDE_SERVER;	/* a POP3/IMAP answer without a code */
	if (r->code == 0)
		return SIDE_NETWORK;
	if (r->code >= 400 && r->code < 500 && r->code != 421)
		return SIDE_WAIT;
	if (*r->enh && r->enh[1] == '.') {
		switch (r->enh[2]) {
		case '1': case '5': case '6':
			return SIDE_CLIENT;
		case '4':
			return SIDE_NETWORK;
		case '7':
			return SIDE_PROVIDER;
		default:
			return SIDE_SERVER;
		}
	}
	if (r->code == 530 || r->code == 535 || r->code == 553)
		return SIDE_CLIENT;
	if (!ftp && r->code >= 500 && r->code <= 504 && r->code != 502)
		return SIDE_CLIENT;
	return SIDE_SERVER;
}

/* True when some evidence line of C already quotes TEXT. */
static bool quoted(json_t *c, const char *text)
{
	json_t *e;
	size_t i;

	if (!*text)
		return false;
	json_array_foreach(json_object_get(c, "evidence"), i, e)
		if (strstr(json_string_value(e), text))
			return true;
	return false;
}

/* True when one evidence line of C quotes both STEP and TEXT. */
static bool quoted2(json_t *c, const char *step, const char *text)
{
	json_t *e;
	size_t i;

	if (!*text)
		return false;
	json_array_foreach(json_object_get(c, "evidence"), i, e)
		if (strstr(json_string_value(e), text) &&
		    strstr(json_string_value(e), step))
			return true;
	return false;
}

/* Add LINE to C's evidence unless it is there already (two refusals of
 * the same kind share their side and their close). */
static void evidence_once(json_t *c, const char *line)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(c, "evidence"), i, e)
		if (!strcmp(json_string_value(e), line))
			return;
	diag_evidence(c, "%s", line);
}

/* The evidence of R in C: the quote, lateness, the close, malformation. */
static void quote_refusal(json_t *c, const struct rseen *r)
{
	char step[320], reply[700];
	json_t *late = json_object_get(r->r, "late_ms");

	step_words(r, step, sizeof(step));
	if (quoted2(c, step, r->text) && !json_is_integer(late))
		return;
	/* the greeting's words quoted already (banner: "greets with") */
	if (strcmp(r->step, "greeting") || !quoted2(c, "", r->text) ||
	    json_is_integer(late))
		diag_evidence(c, _("at %s the server answered %s"), step,
			      reply_words(r, reply, sizeof(reply)));
	if (*ostr(r->r, "malformed"))
		diag_evidence(c, _("the reply breaks the protocol: %s"),
			      ostr(r->r, "malformed"));
	if (json_is_integer(late))
		diag_evidence(c, _("the reply came %lld ms after the timeout "
			      "ran out: a client with that timeout gives up "
			      "before it arrives"), json_integer_value(late));
	if (json_is_true(json_object_get(r->r, "closed")))
		evidence_once(c, _("then the server closed the connection"));
}

/* Remove cause ID from D when every evidence line of it quotes TEXT: a
 * more specific cause was concluded from the same reply. */
static void supersede(struct diag *d, const char *id, const char *text)
{
	json_t *c, *e;
	size_t i, k;
	bool all;

	json_array_foreach(d->causes, i, c) {
		if (strcmp(ostr(c, "id"), id))
			continue;
		all = *text != '\0';
		json_array_foreach(json_object_get(c, "evidence"), k, e)
			all = all && strstr(json_string_value(e), text);
		if (all)
			json_array_remove(d->causes, i);
		return;
	}
}

/* True when some cause quotes R's step and text in one evidence line. */
static bool already_quoted(struct diag *d, const struct rseen *r)
{
	json_t *c;
	size_t i;

	json_array_foreach(d->causes, i, c)
		if (quoted2(c, r->step, r->text))
			return true;
	return false;
}

/* The generic cause for R: server.refused_step with the side and a fix. */
static void generic(struct diag *d, const struct rseen *r, bool ftp)
{
	json_t *c = diag_cause(d, "server.refused_step",
			       r->code || *ostr(r->r, "status") ? CONF_HIGH :
			       CONF_MEDIUM);
	enum fix_side side = guess_side(r, ftp);
	char step[320];

	quote_refusal(c, r);
	evidence_once(c, side_words(side));
	step_words(r, step, sizeof(step));
	if (side == SIDE_CLIENT)
		diag_fix_first(c, _("Change what the client sends at %s: the "
				    "reply names what the server does not "
				    "accept"), step);
	else if (side == SIDE_WAIT)
		diag_fix_first(c, _("Retry later: the server refused %s only "
				    "for now (a 4xx reply is temporary)"), step);
	else if (side == SIDE_PROVIDER)
		diag_fix_first(c, _("Ask the provider why it refuses %s: its "
				    "policy, quoted above, decides"), step);
	else if (side == SIDE_NETWORK)
		diag_fix_first(c, _("Check the network on the way: the server "
				    "did not answer %s"), step);
	else
		diag_fix_first(c, _("Ask the server's administrator about the "
				    "reply to %s: the server's own setup "
				    "refuses it"), step);
}

/* True when R refuses a probing command clients send and get past by
 * design (FTP SIZE/MDTM of a file not there yet, FEAT, OPTS, SYST; RFC
 * 3659, 2389): a refusal there blocks no client, unless it is malformed
 * or the server closed after it. */
static bool benign(const struct rseen *r)
{
	static const char *const steps[] = {
		"SIZE", "MDTM", "FEAT", "OPTS", "SYST", "QUIT", NULL
	};
	int i;

	if (json_object_get(r->r, "malformed") ||
	    json_is_true(json_object_get(r->r, "closed")) ||
	    !strncmp(r->text, "OOPS", 4))
		return false;
	for (i = 0; steps[i]; i++)
		if (!strcmp(r->step, steps[i]))
			return true;
	return false;
}

/* True when R is a POP3/IMAP refusal (mailrecv probes: a "status" word
 * instead of a code); the mailrecv rules classify those. */
static bool mailrecv_refusal(struct diag *d, const struct rseen *r)
{
	const char *proto = ostr(r->r, "protocol");

	if (!*proto)
		proto = ostr(diag_target(d), "protocol");
	return *ostr(r->r, "status") || !strcmp(proto, "pop3") ||
	       !strcmp(proto, "imap");
}

/* True when some cause already quotes TEXT in its evidence. */
static bool text_quoted(struct diag *d, const char *text)
{
	json_t *c;
	size_t i;

	json_array_foreach(d->causes, i, c)
		if (quoted(c, text))
			return true;
	return false;
}

/* Conclude the cause of one refusal R. */
static void conclude(struct diag *d, const struct rseen *r)
{
	struct rclass k = { NULL, CONF_HIGH, SIDE_NONE, NULL };
	bool ftp = is_ftp(d, r), existed;
	json_t *c;

	if (benign(r))
		return;
	if (mailrecv_refusal(d, r)) {
		/* explained by the mailrecv rules, else quoted generically */
		if (!text_quoted(d, r->text))
			generic(d, r, false);
		return;
	}
	if (r->code > 0 && r->code < 400 &&
	    !json_object_get(r->r, "malformed") && strcmp(r->step, "PASV")) {
		/* a positive reply that came late: the answer is fine, the
		 * wait is what a client with a short timeout fails on */
		if (json_object_get(r->r, "late_ms"))
			quote_refusal(diag_cause(d, "transfer.stall_timeout",
						 CONF_MEDIUM), r);
		return;
	}
	if (!(ftp ? refusal_class_ftp(d, r, &k) : refusal_class_smtp(d, r, &k))) {
		/* a rule of a family already quoted this reply: explained */
		if (!already_quoted(d, r))
			generic(d, r, ftp);
		return;
	}
	existed = diag_has(d, k.id);
	c = diag_cause(d, k.id, k.conf);
	quote_refusal(c, r);
	if (!existed)	/* a family rule named the specifics already */
		refusal_detail(d, c, r);
	if (!strcmp(k.id, "transfer.size_limit"))
		evidence_once(c, size_side_words());
	else if (k.side != SIDE_NONE)
		evidence_once(c, side_words(k.side));
	if (k.supersede)
		supersede(d, k.supersede, r->text);
	if (json_object_get(r->r, "malformed") &&
	    strcmp(k.id, "server.malformed_reply"))
		quote_refusal(diag_cause(d, "server.malformed_reply",
					 CONF_MEDIUM), r);
}

/* Fill SEEN from refusal object R of probe PROBE. */
static void seen_of(struct rseen *seen, const char *probe, json_t *r)
{
	seen->probe = probe;
	seen->r = r;
	seen->step = ostr(r, "step");
	seen->code = (int)json_integer_value(json_object_get(r, "code"));
	seen->enh = ostr(r, "enhanced");
	seen->text = ostr(r, "text");
	seen->arg = ostr(r, "arg");
}

/* Every refusal of every probe, in the order the probes ran. */
static void rule_refusals(struct diag *d)
{
	json_t *probes = json_object_get(d->findings, "probes"), *p, *r;
	struct rseen seen;
	size_t i, k;

	json_array_foreach(probes, i, p) {
		json_t *list = json_object_get(json_object_get(p, "details"),
					       "refusals");

		json_array_foreach(list, k, r) {
			if (!json_is_object(r))
				continue;
			seen_of(&seen, ostr(p, "id"), r);
			conclude(d, &seen);
		}
	}
}

/* The first reply code >= 400 that probe details DET recorded in the
 * keys of before the "refusals" array, as a refusal object (new
 * reference), NULL when none. */
static json_t *legacy_refusal(json_t *det)
{
	static const char *const keys[][4] = {
		{ "refusal_code", "refusal_text", "refusal_cmd", "" },
		{ "code", "text", "rejected_at", "enhanced" },
		{ "reply_code", "reply_text", "step", "" },
		{ "after_ehlo_code", "after_ehlo_text", "", "" },
	};
	char enh[16];
	size_t i;

	/* the banner's nudge: its reply answers our QUIT on a port that gave
	 * no greeting, which the mode rules explain */
	if (json_is_true(json_object_get(det, "nudged")))
		return NULL;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		long long code = json_integer_value(json_object_get(det,
								    keys[i][0]));
		const char *step = ostr(det, keys[i][2]);
		const char *text = ostr(det, keys[i][1]);

		if (code < 400 || code >= 600)
			continue;
		if (*keys[i][3] && *ostr(det, keys[i][3]))
			str_copy(enh, ostr(det, keys[i][3]), sizeof(enh));
		else
			refusal_enhanced(text, enh);
		return json_pack("{s:s,s:i,s:s,s:s}", "step", *step ? step :
				 !strcmp(keys[i][0], "after_ehlo_code") ?
				 "EHLO" : "greeting", "code", (int)code,
				 "text", text, "enhanced", enh);
	}
	return NULL;
}

/* A failed or stopped probe P (or a warning one when nothing was
 * concluded: NONE) that recorded no refusals: a server reply in its
 * older keys that no cause quotes is classified like a refusal; a failure
 * with nothing concluded at all gets check.unexplained, quoting the
 * probe's summary. */
static void unexplained(struct diag *d, json_t *p, bool none)
{
	json_t *o = legacy_refusal(json_object_get(p, "details")), *c;
	bool fail = !strcmp(ostr(p, "status"), "fail") ||
		    !strcmp(ostr(p, "status"), "error");
	struct rseen r;

	if (o && (fail || none) && !text_quoted(d, ostr(o, "text"))) {
		seen_of(&r, ostr(p, "id"), o);
		conclude(d, &r);
	} else if (!o && none && !strcmp(ostr(p, "status"), "fail")) {
		c = diag_cause(d, "check.unexplained", CONF_LOW);
		diag_evidence(c, _("check %s failed: %s"), ostr(p, "id"),
			      ostr(p, "summary"));
	}
	json_decref(o);
}

/* The verdict rule: a probe that failed, or warned with a server's
 * refusal, is never "no problem found". */
static void rule_no_silent_failure(struct diag *d)
{
	json_t *probes = json_object_get(d->findings, "probes"), *p;
	bool none = json_array_size(d->causes) == 0;
	size_t i;

	json_array_foreach(probes, i, p) {
		const char *st = ostr(p, "status");

		if ((!strcmp(st, "fail") || !strcmp(st, "warn") ||
		     !strcmp(st, "error")) &&
		    !json_array_size(json_object_get(json_object_get(p,
						"details"), "refusals")))
			unexplained(d, p, none);
	}
}

const diag_rule diag_rules_refusals[] = {
	rule_refusals,
	rule_no_silent_failure,
	NULL
};
