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
