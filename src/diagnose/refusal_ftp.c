/* refusal_ftp.c — the FTP reply taxonomy (RFC 959 4.2, RFC 2428, RFC 4217)
 * with vsftpd's, ProFTPD's and Pure-FTPd's usual wording, mapped to causes:
 * 500 OOPS, permission denied, storage full, PASV broken while EPSV works,
 * malformed replies, AUTH TLS refused, login refusals (the anonymous
 * login sockdoc tries without --user, refused for no stated policy, is a
 * server that wants a named account: auth.rejected, not a block). */
#include "config.h"

#include <string.h>

#include "diagnose_refusals.h"
#include "i18n.h"

/* Fill OUT and return true. */
static bool set(struct rclass *out, const char *id, enum confidence conf,
		enum fix_side side, const char *supersede)
{
	out->id = id;
	out->conf = conf;
	out->side = side;
	out->supersede = supersede;
	return true;
}

/* True when STEP is one of the file and directory commands. */
static bool file_step(const char *step)
{
	static const char *const steps[] = {
		"STOR", "RETR", "CWD", "DELE", "APPE", "MKD", "RMD", "LIST",
		"NLST", "MLSD", "RNFR", "RNTO", "SIZE", NULL
	};
	int i;

	for (i = 0; steps[i]; i++)
		if (!strcmp(step, steps[i]))
			return true;
	return false;
}

/* EPSV moved data in the same run (ftp.passive's "epsv" attempt). */
static bool epsv_works(struct diag *d)
{
	json_t *e = json_object_get(diag_details(d, "ftp.passive"), "epsv");

	return json_is_true(json_object_get(e, "ok")) ||
	       diag_bool(d, "ftp.passive", "epsv_ok");
}

/* A file refusal: permission (550/553) or storage (452/552). */
static bool file_class(const struct rseen *r, struct rclass *out)
{
	bool store = !strcmp(r->step, "STOR") || !strcmp(r->step, "APPE");

	if (store && (r->code == 452 || r->code == 552))
		return set(out, "server.storage_full",
			   says(r->text, "full") || says(r->text, "quota") ||
			   says(r->text, "space") || says(r->text, "storage") ?
			   CONF_HIGH : CONF_MEDIUM, SIDE_SERVER,
			   says(r->text, "full") || says(r->text, "quota") ?
			   "transfer.size_limit" : NULL);
	if ((r->code == 550 || r->code == 553 || r->code == 450) &&
	    (says(r->text, "permission") || says(r->text, "denied") ||
	     says(r->text, "not allowed") || says(r->text, "access")))
		return set(out, "ftp.permission_denied", CONF_HIGH,
			   SIDE_SERVER, NULL);
	if (store && (r->code == 550 || r->code == 553))
		return set(out, "ftp.permission_denied", CONF_MEDIUM,
			   SIDE_SERVER, NULL);
	return false;
}

/* True when TEXT names a policy against this client rather than the
 * missing account: "Login from your address is not allowed by policy". */
static bool names_policy(const char *text)
{
	static const char *const words[] = {
		"address", "policy", " IP", "host", "banned", "blocked",
		"denied for", "from your", "country", "black", NULL
	};
	int i;

	for (i = 0; words[i]; i++)
		if (says(text, words[i]))
			return true;
	return false;
}

/* See diagnose.h. */
bool ftp_anonymous_refused(struct diag *d, int code, const char *text)
{
	if (code != 530 || !diag_bool(d, "ftp.login", "anonymous"))
		return false;
	if (!text)
		text = "";
	return !says(text, "TLS") && !says(text, "SSL") &&
	       !says(text, "encrypt") && !says(text, "secure") &&
	       !names_policy(text);
}

/* See diagnose.h. */
void ftp_anonymous_advice(json_t *cause)
{
	const char *fix = _("This server needs a user name and password: "
			    "enter your login (FileZilla: Site Manager, Logon "
			    "Type \"Normal\"; sockdoc --user NAME)");
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(cause, "fixes"), i, v)
		if (!strcmp(json_string_value(v), fix))
			return;
	diag_evidence(cause, _("sockdoc tried the anonymous login (its "
			       "default without --user): the server has no "
			       "anonymous login, it takes named accounts"));
	diag_fix_instead(cause, DIAG_GENERIC(0) | DIAG_GENERIC(1), "%s", fix);
}

/* Login refusals (USER/PASS 530), the TLS demands and AUTH TLS. */
static bool login_class(struct diag *d, const struct rseen *r,
			struct rclass *out)
{
	bool login = !strcmp(r->step, "USER") || !strcmp(r->step, "PASS");

	if (!strcmp(r->step, "AUTH TLS") || !strcmp(r->step, "AUTH SSL")) {
		if (r->code >= 400 && r->code < 500)
			return set(out, "tls.starttls_unavailable", CONF_HIGH,
				   SIDE_SERVER, NULL);
		return false;
	}
	if (login && (r->code == 530 || r->code == 534 || r->code == 550) &&
	    (says(r->text, "TLS") || says(r->text, "SSL") ||
	     says(r->text, "encrypt") || says(r->text, "secure")))
		return set(out, "auth.requires_tls", CONF_HIGH, SIDE_CLIENT,
			   NULL);
	if (login && !strcmp(r->probe, "ftp.login") &&
	    ftp_anonymous_refused(d, r->code, r->text))
		return set(out, "auth.rejected", CONF_MEDIUM, SIDE_CLIENT,
			   NULL);
	if (login && r->code == 530 && (says(r->text, "not allowed") ||
					says(r->text, "denied for")))
		return set(out, "server.rejects_client", CONF_HIGH,
			   SIDE_PROVIDER, NULL);
	if (!strcmp(r->step, "PASS") && (r->code == 530 || r->code == 430))
		return set(out, "auth.rejected", CONF_HIGH, SIDE_CLIENT, NULL);
	return false;
}

bool refusal_class_ftp(struct diag *d, const struct rseen *r,
		       struct rclass *out)
{
	bool pasv = !strcmp(r->step, "PASV");

	/* vsftpd on an implicit-TLS port meeting plain text: "500 OOPS:
	 * SSL_accept ... wrong version number" is the client's mode */
	if ((!strncmp(r->text, "OOPS", 4) || says(r->text, "500 OOPS")) &&
	    (says(r->text, "wrong version number") ||
	     says(r->text, "SSL_accept") || says(r->text, "ssl")))
		return set(out, "tls.mode_mismatch", CONF_MEDIUM, SIDE_CLIENT,
			   "server.rejects_client");
	if (!strncmp(r->text, "OOPS", 4) || says(r->text, "500 OOPS"))
		return set(out, "ftp.server_error", CONF_HIGH, SIDE_SERVER,
			   "server.rejects_client");
	if (pasv && r->code != 227 && epsv_works(d))
		return set(out, "ftp.pasv_broken", CONF_HIGH, SIDE_SERVER,
			   "ftp.passive_blocked");
	if (json_object_get(r->r, "malformed"))
		return set(out, "server.malformed_reply", CONF_HIGH,
			   SIDE_SERVER, "ftp.passive_blocked");
	if (r->code < 400)
		return false;
	if (r->code == 421)
		return says(r->text, "timeout") || says(r->text, "idle") ?
		       set(out, "transfer.control_idle_timeout", CONF_MEDIUM,
			   SIDE_CLIENT, NULL) :
		       set(out, "server.busy", CONF_HIGH, SIDE_SERVER, NULL);
	if (file_step(r->step) && file_class(r, out))
		return true;
	return login_class(d, r, out);
}
