/* diagnose_crossproto.c — service.wrong_protocol when the port speaks
 * the other protocol of the same reply grammar: SMTP (RFC 5321) and FTP
 * (RFC 959) both greet with "220 text", so the banner's sniff takes either
 * for a good greeting.  The greeting's words (an FTP server's name on an
 * SMTP target, "ESMTP" on an FTP target) and the first command answered
 * "500 unrecognized" (EHLO and HELO, which every SMTP server knows; USER,
 * which every FTP server knows) tell them apart.  The cause quotes the
 * greeting and the refused command (so the refusal rules do not also
 * call it a refused step). */
#include "config.h"

#include <regex.h>
#include <string.h>

#include "diagnose.h"
#include "i18n.h"
#include "util.h"

/* True when TEXT matches the extended regex RE, ignoring case. */
static bool matches(const char *text, const char *re)
{
	regex_t rx;
	bool m;

	if (!text || regcomp(&rx, re, REG_EXTENDED | REG_ICASE | REG_NOSUB))
		return false;
	m = regexec(&rx, text, 0, NULL, 0) == 0;
	regfree(&rx);
	return m;
}

/* An FTP server's words in a greeting (and no SMTP word, so that a mail
 * host named ftp.example.com is not taken for one). */
static bool ftp_words(const char *text)
{
	return matches(text, "(^|[^a-z.-])ftp([^a-z.-]|$)|ftpd|pyftpdlib|"
				"vsftpd|proftpd|pure-ftpd|filezilla|"
				"serv-u|wu-ftpd") &&
	       !matches(text, "smtp|mail");
}

/* An SMTP server's words in a greeting (and no FTP word). */
static bool smtp_words(const char *text)
{
	return matches(text, "e?smtp|postfix|exim|sendmail|"
				"mail service|mail server|mta") &&
	       !matches(text, "ftp");
}

/* The greeting's text: the banner's, else the protocol probe's. */
static const char *greeting(struct diag *d, const char *probe,
			    long long *code)
{
	const char *t = diag_str(d, "banner", "text");

	*code = diag_int(d, "banner", "code", 0);
	if (t && *code)
		return t;
	*code = diag_int(d, probe, "greeting_code", 0);
	t = diag_str(d, probe, "greeting");
	return t ? t : "";
}

/* True for "command unrecognized / not implemented" (RFC 5321 4.2.4,
 * RFC 959 4.2: 500, 502). */
static bool unknown_command(long long code)
{
	return code == 500 || code == 502;
}

/* The text of the reply to CMD in smtp.ehlo's plain session, "". */
static const char *smtp_reply_text(struct diag *d, const char *cmd)
{
	json_t *plain = json_object_get(diag_details(d, "smtp.ehlo"), "plain");
	json_t *r;
	size_t i;

	json_array_foreach(json_object_get(plain, "replies"), i, r) {
		const char *c = json_string_value(json_object_get(r, "cmd"));
		const char *t = json_string_value(json_object_get(r, "text"));

		if (c && t && !strcmp(c, cmd))
			return t;
	}
	return "";
}

/* The target's protocol token ("smtp", "ftp"...), "". */
static const char *target_proto(struct diag *d)
{
	const char *p = json_string_value(json_object_get(diag_target(d),
							  "protocol"));

	return p ? p : "";
}

/* An SMTP target where an FTP server answers. */
static void rule_ftp_on_smtp(struct diag *d)
{
	long long gcode, ehlo = diag_int(d, "smtp.ehlo", "ehlo_code", 0);
	long long helo = diag_int(d, "smtp.ehlo", "helo_code", 0);
	long long port = diag_int(d, "reach", "port", 0);
	const char *g = greeting(d, "smtp.ehlo", &gcode);
	bool words = gcode == 220 && ftp_words(g);
	bool refused = unknown_command(ehlo) &&
		       (!helo || unknown_command(helo));
	json_t *c;

	if (strcmp(target_proto(d), "smtp") || gcode != 220 ||
	    (!words && !(refused && helo)) || (!words && smtp_words(g)))
		return;
	c = diag_cause(d, "service.wrong_protocol",
		       words ? CONF_HIGH : CONF_MEDIUM);
	diag_evidence(c, _("port %lld greets with \"220 %s\"%s"), port, g,
		      words ? _(": an FTP server's greeting, not an SMTP "
				"server's") : "");
	if (ehlo)
		diag_evidence(c, _("at EHLO the server answered %lld %s"),
			      ehlo, smtp_reply_text(d, "EHLO"));
	if (helo)
		diag_evidence(c, _("at HELO the server answered %lld %s"),
			      helo, smtp_reply_text(d, "HELO"));
	if (refused)
		diag_evidence(c, "%s", _("every SMTP server knows EHLO or HELO "
				   "(RFC 5321): the program on this port does "
				   "not speak SMTP"));
	diag_fix_first(c, _("Port %lld is not an SMTP server (%s): use the "
			     "mail server's port (587 with STARTTLS, 465 with "
			     "TLS, 25 between servers), or ftp:// if an FTP "
			     "server was meant"), port,
		       words ? _("an FTP server answers there")
			     : _("it does not know EHLO or HELO"));
}

/* An FTP target where an SMTP server answers. */
static void rule_smtp_on_ftp(struct diag *d)
{
	long long gcode, port = diag_int(d, "reach", "port", 0);
	long long code = diag_int(d, "ftp.login", "refusal_code", 0);
	const char *cmd = diag_str(d, "ftp.login", "refusal_cmd");
	const char *text = diag_str(d, "ftp.login", "refusal_text");
	const char *g = greeting(d, "ftp.login", &gcode);
	bool words = gcode == 220 && smtp_words(g);
	bool refused = cmd && !strcmp(cmd, "USER") && unknown_command(code);
	json_t *c;

	if (strcmp(target_proto(d), "ftp") || gcode != 220 || !words)
		return;
	c = diag_cause(d, "service.wrong_protocol",
		       refused ? CONF_HIGH : CONF_MEDIUM);
	diag_evidence(c, _("port %lld greets with \"220 %s\": a mail (SMTP) "
			   "server's greeting, not an FTP server's"), port, g);
	if (refused) {
		diag_evidence(c, _("at USER the server answered %lld %s"),
			      code, text ? text : "");
		diag_evidence(c, "%s", _("every FTP server knows USER (RFC "
				   "959): the program on this port does not "
				   "speak FTP"));
	}
	diag_fix_first(c, _("Port %lld is a mail (SMTP) server: use the FTP "
			     "server's port (21, or 990 for implicit FTPS), or "
			     "smtp:// if the mail server was meant"), port);
}

const diag_rule diag_rules_crossproto[] = {
	rule_ftp_on_smtp,
	rule_smtp_on_ftp,
	NULL
};
