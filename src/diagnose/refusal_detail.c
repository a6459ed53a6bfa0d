/* refusal_detail.c — the names a specific refusal cause needs in its
 * evidence and first fix: the HELO name the client sent and the one it
 * must send (RFC 5321 4.1.4), the greylisting delay, the AUTH mechanism to
 * pick (RFC 4954), the FTP directory refused, the vsftpd option. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diagnose_refusals.h"
#include "i18n.h"
#include "util.h"

/* String member KEY of O, "" when absent. */
static const char *ostr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* The first string under KEY in any probe's details, "" when none. */
static const char *any_detail(struct diag *d, const char *key)
{
	json_t *probes = json_object_get(d->findings, "probes"), *p;
	size_t i;

	json_array_foreach(probes, i, p) {
		const char *s = ostr(json_object_get(p, "details"), key);

		if (*s)
			return s;
	}
	return "";
}

/* The HELO/EHLO name the client sent: the refusal's argument at EHLO or
 * HELO, "<name>:" before "Helo command rejected", or the probe's
 * "ehlo_name"; into NAME (SIZE bytes). */
static const char *helo_name(struct diag *d, const struct rseen *r,
			     char *name, size_t size)
{
	const char *lt = strchr(r->text, '<'), *gt;

	if ((!strcmp(r->step, "EHLO") || !strcmp(r->step, "HELO")) && *r->arg)
		return str_copy(name, r->arg, size), name;
	if (lt && (gt = strchr(lt, '>')) && says(gt, "helo") &&
	    (size_t)(gt - lt) < size) {
		memcpy(name, lt + 1, (size_t)(gt - lt - 1));
		name[gt - lt - 1] = '\0';
		return name;
	}
	str_copy(name, ostr(diag_details(d, r->probe), "ehlo_name"), size);
	if (!*name)
		str_copy(name, any_detail(d, "ehlo_name"), size);
	return name;
}

/* smtp.helo_rejected: name the client's name and what it must send. */
static void helo_detail(struct diag *d, json_t *c, const struct rseen *r)
{
	char name[256], lit[80];
	const char *local = any_detail(d, "local_address");

	helo_name(d, r, name, sizeof(name));
	if (*local && strchr(local, ':'))
		str_printf(lit, sizeof(lit), "[IPv6:%s]", local);
	else if (*local)
		str_printf(lit, sizeof(lit), "[%s]", local);
	else
		str_printf(lit, sizeof(lit), "%s", _("of its own address (e.g. "
			   "[192.0.2.1])"));
	if (*name)
		diag_evidence(c, _("'%s' is the name the client introduced "
			      "itself with (HELO/EHLO), not the server's: %s"),
			      name, strchr(name, '.') ? _("the server does "
			      "not accept it as its host name") : _("it is "
			      "not a fully qualified domain name"));
	diag_fix_first(c, _("Make the client send a fully qualified domain "
			    "name that resolves (host.example.com) or the "
			    "address literal %s in HELO/EHLO (RFC 5321 "
			    "4.1.4); with sockdoc, test it with --ehlo"), lit);
}

/* smtp.greylisted: the delay the server asks for, when it says one. */
static void grey_detail(json_t *c, const struct rseen *r)
{
	const char *s = r->text;
	long v = 0, n;
	char *end;

	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || (s > r->text &&
		    (isdigit((unsigned char)s[-1]) || s[-1] == '.')))
			continue;
		n = strtol(s, &end, 10);
		while (*end == ' ')
			end++;
		if (!strncasecmp(end, "sec", 3) ||
		    (*end == 's' && !isalpha((unsigned char)end[1]))) {
			v = (n + 59) / 60;
			break;
		}
		if (!strncasecmp(end, "min", 3)) {
			v = n;
			break;
		}
	}
	diag_evidence(c, _("a 4xx reply is temporary: the server defers "
		      "mail from a sender it does not know yet and accepts "
		      "the same mail when it is retried later"));
	if (v > 0 && v < 24 * 60)
		diag_fix_first(c, _("Nothing is broken: retry after %ld "
				    "minutes (a mail server retries by "
				    "itself)"), v);
	else
		diag_fix_first(c, _("Nothing is broken: retry after a few "
				    "minutes (usually 1 to 15; a mail server "
				    "retries by itself)"));
}

/* The mechanism the probe of R logged in with, "" when unknown. */
static const char *working_mech(struct diag *d, const struct rseen *r)
{
	json_t *det = diag_details(d, r->probe);
	const char *m = ostr(det, "mechanism");

	if (*m && strcasecmp(m, ostr(r->r, "mechanism")))
		return m;
	m = json_string_value(json_array_get(json_object_get(det,
						"mechanisms_ok"), 0));
	return m ? m : "";
}

/* auth.mechanism_rejected: which mechanism to pick. */
static void mech_detail(struct diag *d, json_t *c, const struct rseen *r)
{
	const char *ok = working_mech(d, r);

	diag_evidence(c, _("AUTH %s works with the same user name and "
		      "password"), ok);
	diag_fix_first(c, _("Set the client's authentication method to %s, "
			    "not %s (Thunderbird: Authentication method: "
			    "\"Normal password\" is PLAIN/LOGIN, \"Encrypted "
			    "password\" is CRAM-MD5; Outlook: Secure Password "
			    "Authentication off for PLAIN/LOGIN)"), ok,
		       ostr(r->r, "mechanism"));
}

/* The directory of the file PATH into DIR ("/pub" for "/pub/a.bin", "/"
 * for "/a.bin"); "" when PATH names no directory. */
static const char *dir_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	dir[0] = '\0';
	if (!slash || n + 1 >= size)
		return dir;
	memcpy(dir, path, n ? n : 1);
	dir[n ? n : 1] = '\0';
	return dir;
}

/* ftp.permission_denied and server.storage_full over FTP: the path, and
 * for an upload the directory it went to. */
static void ftp_file_detail(json_t *c, const struct rseen *r, bool full)
{
	const char *what = *r->arg ? r->arg : _("this path");
	char dir[256];

	if (full) {
		diag_fix_first(c, _("Server: free disk space or raise the "
				    "account's quota; the upload of %s was "
				    "refused for lack of room"),
			       *r->arg ? r->arg : _("the file"));
		return;
	}
	if ((!strcmp(r->step, "STOR") || !strcmp(r->step, "APPE")) &&
	    *dir_of(r->arg, dir, sizeof(dir))) {
		diag_evidence(c, _("the account may not write %s into the "
			      "directory %s"), what, dir);
		what = dir;
	} else if (!strcmp(r->step, "STOR") || !strcmp(r->step, "APPE"))
		diag_evidence(c, _("the account may not write to %s"), what);
	else if (!strcmp(r->step, "DELE"))
		diag_evidence(c, _("the account may not delete %s"), what);
	else if (!strcmp(r->step, "CWD"))
		diag_evidence(c, _("the account may not enter %s"), what);
	else
		diag_evidence(c, _("the account may not read %s"), what);
	diag_fix_first(c, _("Server: grant the account the right on %s "
			    "(file system permissions; vsftpd: "
			    "write_enable=YES for uploads), or use a "
			    "directory it may write to"),
		       *r->arg ? what : _("the directory"));
}

/* ftp.server_error: the vsftpd option named by the usual OOPS texts. */
static void oops_detail(json_t *c, const struct rseen *r)
{
	if (says(r->text, "writable root inside chroot") ||
	    says(r->text, "writeable root inside chroot"))
		diag_fix_first(c, _("Server: vsftpd refuses a writable home "
				    "directory as the chroot: remove write "
				    "permission from it (chmod a-w) and upload "
				    "into a subdirectory, or set "
				    "allow_writeable_chroot=YES"));
	else
		diag_fix_first(c, _("Server: fix what the server's error "
				    "names: \"%s\""), r->text);
	diag_evidence(c, _("\"500 OOPS\" is vsftpd failing on its own "
		      "configuration: every client gets it, whatever its "
		      "settings"));
}

/* ftp.pasv_broken: EPSV works, PASV does not. */
static void pasv_detail(json_t *c)
{
	diag_evidence(c, _("EPSV works on the same server: clients that use "
		      "EPSV (curl, lftp) list and transfer; clients that use "
		      "PASV (FileZilla and Windows Explorer over IPv4) fail"));
	diag_fix_first(c, _("Server: answer PASV with \"227 Entering Passive "
			    "Mode (h1,h2,h3,h4,p1,p2)\" as RFC 959 requires "
			    "(check the server's passive settings and any "
			    "firewall FTP helper that rewrites the reply); "
			    "until then use a client that sends EPSV, or "
			    "active mode"));
}

void refusal_detail(struct diag *d, json_t *c, const struct rseen *r)
{
	const char *id = json_string_value(json_object_get(c, "id"));

	if (!strcmp(id, "smtp.helo_rejected"))
		helo_detail(d, c, r);
	else if (!strcmp(id, "smtp.greylisted"))
		grey_detail(c, r);
	else if (!strcmp(id, "auth.mechanism_rejected"))
		mech_detail(d, c, r);
	else if (!strcmp(id, "ftp.permission_denied"))
		ftp_file_detail(c, r, false);
	else if (!strcmp(id, "server.storage_full") && !strcmp(r->step, "STOR"))
		ftp_file_detail(c, r, true);
	else if (!strcmp(id, "ftp.server_error"))
		oops_detail(c, r);
	else if (!strcmp(id, "ftp.pasv_broken"))
		pasv_detail(c);
	else if (!strcmp(id, "auth.rejected") &&
		 !strcmp(r->probe, "ftp.login") &&
		 ftp_anonymous_refused(d, r->code, r->text))
		ftp_anonymous_advice(c);
	else if (!strcmp(id, "smtp.recipient_rejected") && *r->arg)
		diag_fix_first(c, _("Check the recipient address %s"), r->arg);
	else if (!strcmp(id, "smtp.sender_rejected") && *r->arg)
		diag_fix_first(c, _("Send as an address of the account you "
				    "log in with, not %s"), r->arg);
}
