/* diagnose_session.c — what happens at the first command after a good
 * greeting: a reset there (a scanner or per-client block that lets the
 * greeting through), or a silent close (FIN) that leaves a client still
 * writing into a dead connection (the 10053 case). */
#include "config.h"

#include <string.h>

#include "diagnose.h"
#include "i18n.h"

/* How the first session ended after the greeting: "reset", "closed" or
 * NULL; *CMD gets the command that met it. */
static const char *first_command_end(struct diag *d, const char **cmd)
{
	json_t *plain = json_object_get(diag_details(d, "smtp.ehlo"), "plain");
	json_t *log = json_object_get(diag_details(d, "ftp.login"), "log");
	const char *outcome = json_string_value(json_object_get(plain, "outcome"));
	const char *err;

	if (outcome && !strcmp(outcome, "endless_reply"))
		return NULL; /* diag_rule_endless_reply's case */
	if (json_object_get(diag_details(d, "ftp.login"), "endless_reply"))
		return NULL;
	if (plain && json_is_true(json_object_get(plain, "greeted")) && outcome) {
		*cmd = "EHLO";
		if (!strcmp(outcome, "reset"))
			return "reset";
		return json_integer_value(json_object_get(plain, "curl_code")) == 56
			       ? "closed" : NULL;
	}
	if (!diag_is(d, "ftp.login", "fail") ||
	    diag_int(d, "ftp.login", "curl_error", 0) != 56)
		return NULL;
	*cmd = json_string_value(json_object_get(
		json_array_get(log, json_array_size(log) - 1), "cmd"));
	err = diag_str(d, "ftp.login", "errno");
	return err && !strcmp(err, "ECONNRESET") ? "reset" : "closed";
}

/* A reset or a silent close right after a good greeting. */
void diag_rule_first_command(struct diag *d)
{
	long long code = diag_int(d, "banner", "code", 0);
	const char *cmd = NULL, *end;
	json_t *c;

	if (!diag_is(d, "banner", "ok") || code / 100 != 2)
		return;
	end = first_command_end(d, &cmd);
	if (!end)
		return;
	if (!cmd || !*cmd)
		cmd = "?";
	if (!strcmp(end, "reset")) {
		c = diag_cause(d, "tcp.reset_on_connect", CONF_MEDIUM);
		diag_evidence(c, _("the server greeted with %lld, then reset the connection (RST) at the first command (%s)"),
			      code, cmd);
		diag_evidence(c, _("a scanner or filter that lets the greeting pass and kills the session, or a per-client block, does this"));
	} else {
		c = diag_cause(d, "conn.graceful_then_reset", CONF_MEDIUM);
		diag_evidence(c, _("the server greeted with %lld, then closed the connection (FIN) without answering %s"),
			      code, cmd);
		diag_evidence(c, _("a client that goes on writing meets a reset: Windows reports 10053"));
	}
}

/* The SMTP session of smtp.ehlo whose reply never ended, or NULL. */
static json_t *endless_smtp(struct diag *d)
{
	static const char *const keys[] = { "plain", "implicit" };
	json_t *e = diag_details(d, "smtp.ehlo"), *s;
	size_t i;

	for (i = 0; i < 2; i++) {
		s = json_object_get(e, keys[i]);
		if (json_object_get(s, "endless_lines"))
			return s;
	}
	return NULL;
}

/* server.endless_reply: a multi-line reply (EHLO 250-..., FTP 230-...)
 * that passed the line/byte cap without its last line. */
void diag_rule_endless_reply(struct diag *d)
{
	json_t *s = endless_smtp(d);
	json_t *f = json_object_get(diag_details(d, "ftp.login"),
				    "endless_reply");
	json_t *c;

	if (!s && !f)
		return;
	c = diag_cause(d, "server.endless_reply", CONF_HIGH);
	if (s)
		diag_evidence(c, _("the reply to %s went on for %lld bytes "
			      "(%lld lines read) without its last line; "
			      "sockdoc stopped reading"),
			      json_string_value(json_object_get(s, "endless_cmd")),
			      (long long)json_integer_value(json_object_get(s, "endless_bytes")),
			      (long long)json_integer_value(json_object_get(s, "endless_lines")));
	if (f)
		diag_evidence(c, _("the reply to %s went on for %lld bytes "
			      "(%lld lines read) without its last line; "
			      "sockdoc stopped reading"),
			      json_string_value(json_object_get(f, "cmd")),
			      (long long)json_integer_value(json_object_get(f, "bytes")),
			      (long long)json_integer_value(json_object_get(f, "lines")));
	diag_evidence(c, _("a mail or FTP client waits for that last line until its timeout, then reports a timeout or a lost connection"));
}

/* transfer.stall_timeout: a multi-line reply that stopped half-way
 * (EHLO "250-" lines, then silence until the timeout). */
void diag_rule_stalled_reply(struct diag *d)
{
	json_t *s = json_object_get(diag_details(d, "smtp.ehlo"), "plain");
	json_t *f = json_object_get(diag_details(d, "ftp.login"),
				    "stalled_reply");
	const char *cmd = NULL;
	long long lines = 0;
	json_t *c;

	if (json_object_get(s, "stalled_lines")) {
		cmd = json_string_value(json_object_get(s, "stalled_cmd"));
		lines = json_integer_value(json_object_get(s, "stalled_lines"));
	} else if (f) {
		cmd = json_string_value(json_object_get(f, "cmd"));
		lines = json_integer_value(json_object_get(f, "lines"));
	}
	if (!cmd)
		return;
	c = diag_cause(d, "transfer.stall_timeout", CONF_MEDIUM);
	diag_evidence(c, _("the reply to %s stopped after %lld lines without "
		      "its last line, and nothing more came within the step "
		      "timeout (%lld ms)"), cmd, lines,
		      diag_int(d, "reach", "timeout_ms", 0));
}
