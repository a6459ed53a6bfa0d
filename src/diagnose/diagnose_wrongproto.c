/* diagnose_wrongproto.c — service.wrong_protocol from what the sessions
 * met themselves, and the words and the fix for the protocol on the
 * port.  Banner reads the greeting of a plain port (diagnose_net.c,
 * rule_wrong_protocol); with implicit TLS banner does not run, and the
 * SMTP/FTP sessions see the server's first bytes where the TLS
 * handshake's first record was due (checks/net/lib/tls_peek.h): an SSH
 * banner there is the same fault as on a plain port, not a TLS failure
 * nor a malformed reply.  Those probes record it in their details
 * "wrong_protocol" {protocol, sniff, raw, where}: smtp.ehlo, ftp.login,
 * mailrecv.caps (POP3S/IMAPS, its own OpenSSL session) and tcp.tls. */
#include "config.h"

#include <string.h>

#include "diagnose.h"
#include "i18n.h"
#include "util.h"

const char *diag_sniff_words(const char *sniff)
{
	if (!strcmp(sniff, "http"))
		return _("a web (HTTP) server");
	if (!strcmp(sniff, "ssh"))
		return _("an SSH server");
	if (!strcmp(sniff, "tls"))
		return _("a TLS record: the port expects an encrypted (implicit TLS) connection");
	if (!strcmp(sniff, "pop3"))
		return _("a POP3 server (mail reading, not sending)");
	if (!strcmp(sniff, "imap"))
		return _("an IMAP server (mail reading, not sending)");
	if (!strcmp(sniff, "binary"))
		return _("binary data or terminal escape codes");
	return _("text that is not an SMTP/FTP reply");
}

/* The target's protocol token ("ftp", "smtp"...), "". */
static const char *target_proto(struct diag *d)
{
	const char *p = json_string_value(json_object_get(diag_target(d),
							  "protocol"));

	return p ? p : "";
}

void diag_wrongproto_fix(struct diag *d, json_t *c, const char *sniff)
{
	/* The commonest FTP mistake: an FTP client pointed at an SFTP
	 * (SSH) server, port 22.  SFTP is another protocol, not FTP over
	 * TLS; the client must be told to speak it. */
	const char *proto = target_proto(d);

	if (!sniff || strcmp(sniff, "ssh"))
		return;
	if (!strcmp(proto, "ftp"))
		diag_fix_first(c, "%s", _("This port speaks SSH: use an SFTP "
				       "client (FileZilla: sftp://, port 22) "
				       "or the FTP port"));
	/* A mail client pointed at port 22: a shell or file transfer
	 * needs an SSH client, mail the POP3S/IMAPS port. */
	else if (!strcmp(proto, "pop3"))
		diag_fix_first(c, "%s", _("This port speaks SSH: use an "
				       "SFTP/SSH client, or the POP3S port "
				       "(995) for mail"));
	else if (!strcmp(proto, "imap"))
		diag_fix_first(c, "%s", _("This port speaks SSH: use an "
				       "SFTP/SSH client, or the IMAPS port "
				       "(993) for mail"));
}

/* The session-found protocol of probe ID: its details "wrong_protocol",
 * NULL when none. */
static json_t *found_by(struct diag *d, const char *id)
{
	json_t *o = json_object_get(diag_details(d, id), "wrong_protocol");

	return json_is_object(o) ? o : NULL;
}

/* service.wrong_protocol when a session met another protocol where
 * banner did not look (implicit TLS): the first such probe tells. */
void diag_rule_wrong_protocol_session(struct diag *d)
{
	static const char *const ids[] = { "smtp.ehlo", "ftp.login",
					   "mailrecv.caps", "tcp.tls", NULL };
	const char *result = diag_str(d, "banner", "result");
	long long port = diag_int(d, "reach", "port", 0);
	const char *sniff, *raw, *where;
	json_t *o = NULL, *c;
	char cut[121]; /* "%.120s" cuts bytes: cut on a character */
	int i;

	if (result && !strcmp(result, "other"))
		return; /* banner's rule said it */
	for (i = 0; ids[i] && !o; i++)
		o = found_by(d, ids[i]);
	if (!o)
		return;
	sniff = json_string_value(json_object_get(o, "sniff"));
	raw = json_string_value(json_object_get(o, "raw"));
	where = json_string_value(json_object_get(o, "where"));
	c = diag_cause(d, "service.wrong_protocol", CONF_HIGH);
	if (where && !strcmp(where, "tls"))
		diag_evidence(c, _("port %lld answered with %s where the TLS "
				   "handshake was due (implicit TLS): it "
				   "speaks neither TLS nor the protocol asked "
				   "for"), port, diag_sniff_words(sniff ? sniff
								   : ""));
	else
		diag_evidence(c, _("port %lld answered with %s"), port,
			      diag_sniff_words(sniff ? sniff : ""));
	if (raw && *raw) {
		str_copy(cut, raw, sizeof(cut));
		diag_evidence(c, _("first bytes: \"%.120s\""), cut);
	}
	diag_wrongproto_fix(d, c, sniff);
}
