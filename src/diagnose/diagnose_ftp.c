/* diagnose_ftp.c — rules for the ftp family of causes (causes.md): login
 * refusals with FTP's codes, which data mode works and why the other does
 * not, the PASV address, EPSV, and TLS on the data channel.  They read
 * only the details of ftp.login, ftp.passive, ftp.active and ftp.tls
 * (documented at the top of checks/ftp_*.c). */
#include "config.h"

#include <string.h>

#include "diagnose.h"
#include "i18n.h"
#include "util.h"

/* Attempt NAME inside probe ID's details, NULL when it did not run. */
static json_t *attempt(struct diag *d, const char *id, const char *name)
{
	json_t *det = diag_details(d, id);

	return det ? json_object_get(det, name) : NULL;
}

/* String member KEY of object O ("" when absent). */
static const char *ostr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* Integer member KEY of object O (0 when absent). */
static long long oint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* Did the data attempt fail in a way that blames the network/server
 * (not a busy server or a missing file)? */
static bool blocked(json_t *a)
{
	static const char *const kinds[] = {
		"refused", "filtered", "reset", "unreachable", "server_425",
		"aborted", "no_reply", "rejected", NULL
	};
	const char *data = ostr(a, "data");
	int i;

	for (i = 0; kinds[i]; i++)
		if (!strcmp(data, kinds[i]))
			return true;
	return false;
}

/* Probe ID ran its attempts and none worked, with a blocking failure. */
static bool mode_blocked(struct diag *d, const char *id, const char *a1,
			 const char *a2)
{
	if (!diag_is(d, id, "fail"))
		return false;
	return blocked(attempt(d, id, a1)) || blocked(attempt(d, id, a2));
}

/* Probe ID ran and moved data. */
static bool mode_works(struct diag *d, const char *id)
{
	return diag_bool(d, id, "works");
}

/* One evidence line for a data attempt A (VERB = its command). */
static void attempt_evidence(json_t *c, json_t *a, const char *verb)
{
	const char *data = ostr(a, "data");
	long long reply = oint(a, "reply"), port = oint(a, "port");

	if (!a)
		return;
	if (!strcmp(data, "ok")) {
		diag_evidence(c, _("%s: the directory listing came through "
				   "(%lld bytes in %lld ms)"), verb,
			      oint(a, "bytes"), oint(a, "ms"));
	} else if (!strcmp(data, "filtered")) {
		diag_evidence(c, _("%s: the server answered %lld (data port "
				   "%lld); the data connection got no answer "
				   "within %lld ms (filtered)"), verb, reply,
			      port, oint(a, "ms"));
	} else if (!strcmp(data, "server_425") || !strcmp(data, "aborted")) {
		diag_evidence(c, _("%s: accepted (%lld), then LIST answered "
				   "%lld %s"), verb, reply,
			      oint(a, "list_reply"), ostr(a, "list_text"));
	} else if (!strcmp(data, "rejected")) {
		diag_evidence(c, _("%s: the server refused the command: %lld "
				   "%s"), verb, reply, ostr(a, "reply_text"));
	} else if (!strcmp(data, "no_reply")) {
		diag_evidence(c, _("%s: no reply from the server within "
				   "%lld ms"), verb, oint(a, "ms"));
	} else if (!strcmp(data, "refused")) {
		diag_evidence(c, _("%s: the server answered %lld (data port "
				   "%lld); the data connection failed: refused "
				   "(RST, %s)"), verb, reply, port,
			      ostr(a, "errno"));
	} else if (!strcmp(data, "reset")) {
		diag_evidence(c, _("%s: the server answered %lld (data port "
				   "%lld); the data connection failed: reset "
				   "(%s)"),
			      verb, reply, port, ostr(a, "errno"));
	} else {
		diag_evidence(c, _("%s: the server answered %lld (data port "
				   "%lld); the data connection failed: %s "
				   "(%s)"), verb, reply, port, data,
			      ostr(a, "errno"));
	}
}

/* The strings of array A joined by ", " into BUF, upper-cased. */
static const char *joined(json_t *a, char *buf, size_t size)
{
	size_t i, n = 0;
	json_t *v;

	buf[0] = '\0';
	json_array_foreach(a, i, v) {
		const char *s = json_string_value(v);

		for (; s && *s && n + 3 < size; s++)
			buf[n++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
		if (i + 1 < json_array_size(a) && n + 3 < size) {
			buf[n++] = ',';
			buf[n++] = ' ';
		}
		buf[n] = '\0';
	}
	return buf;
}

/* The server-side fix for passive mode, from the PASV attempt PV: the
 * firewall when a port was advertised, the server's setting when PASV
 * itself was refused (no port was advertised then). */
static void passive_fix(json_t *c, json_t *pv)
{
	long long port = oint(pv, "port"), reply = oint(pv, "reply");

	if (port > 0 || reply < 400) {
		diag_fix_instead(c, DIAG_GENERIC(0), port > 0 ?
			       _("Server: open the passive port range in the "
				 "server's firewall (the server advertised "
				 "port %lld), or set pasv_min_port/"
				 "pasv_max_port to a range that is open") :
			       _("Server: open the passive port range in the "
				 "server's firewall, or set pasv_min_port/"
				 "pasv_max_port to a range that is open"),
			       port);
		return;
	}
	diag_fix_instead(c, DIAG_GENERIC(0), _("Server: allow passive mode "
			    "(the server answered PASV with %lld %s; vsftpd: pasv_enable=YES; "
			    "ProFTPD: PassivePorts; FileZilla Server: passive "
			    "mode settings)"), reply, ostr(pv, "reply_text"));
}

/* Passive fails: say so, and what to set when active works. */
static void rule_passive_blocked(struct diag *d)
{
	json_t *c;
	bool active_ok = mode_works(d, "ftp.active");
	char buf[64];

	if (!mode_blocked(d, "ftp.passive", "epsv", "pasv"))
		return;
	c = diag_cause(d, "ftp.passive_blocked",
		       active_ok ? CONF_HIGH : CONF_MEDIUM);
	attempt_evidence(c, attempt(d, "ftp.passive", "epsv"), "EPSV");
	attempt_evidence(c, attempt(d, "ftp.passive", "pasv"), "PASV");
	passive_fix(c, attempt(d, "ftp.passive", "pasv"));
	if (!active_ok)
		return;
	diag_evidence(c, _("Active mode works: %s listed the directory"),
		      joined(json_object_get(diag_details(d, "ftp.active"),
					     "modes_ok"), buf, sizeof(buf)));
	diag_fix_instead(c, DIAG_GENERIC(1), _("Active works, passive does not: set the client "
			    "to active mode (FileZilla: Site Manager > "
			    "Transfer Settings > Transfer mode: Active; "
			    "WinSCP: Advanced > Connection > clear 'Passive "
			    "mode'; Windows Explorer: Internet Options > "
			    "Advanced > clear 'Use Passive FTP'; curl: -P -)"));
}

/* Active fails: keep passive when it works. */
static void rule_active_blocked(struct diag *d)
{
	json_t *c;
	bool passive_ok = mode_works(d, "ftp.passive");
	json_t *det = diag_details(d, "ftp.active");

	if (!mode_blocked(d, "ftp.active", "eprt", "port"))
		return;
	c = diag_cause(d, "ftp.active_blocked",
		       passive_ok ? CONF_HIGH : CONF_MEDIUM);
	attempt_evidence(c, attempt(d, "ftp.active", "eprt"), "EPRT");
	attempt_evidence(c, attempt(d, "ftp.active", "port"), "PORT");
	if (det && ostr(det, "local_address")[0])
		diag_evidence(c, _("the server had to connect back to %s"),
			      ostr(det, "local_address"));
	if (!passive_ok) {
		diag_fix_instead(c, DIAG_GENERIC(1), _("Open the client's firewall/NAT for the "
				    "server's connections back, or make "
				    "passive mode work on the server"));
		return;
	}
	diag_evidence(c, _("Passive mode works"));
	diag_fix_instead(c, DIAG_GENERIC(0), _("Passive works, active does not: keep passive "
			    "(FileZilla: Site Manager > Transfer Settings > "
			    "Transfer mode: Passive; WinSCP: Advanced > "
			    "Connection > 'Passive mode' on; Windows Explorer: "
			    "Internet Options > Advanced > 'Use Passive FTP' "
			    "on; curl: the default, --ftp-pasv)"));
}

/* EPSV fails while PASV works (a middlebox that only knows PASV). */
static void rule_epsv(struct diag *d)
{
	json_t *e = attempt(d, "ftp.passive", "epsv");
	json_t *pv = attempt(d, "ftp.passive", "pasv");
	const char *data = ostr(e, "data");
	enum confidence conf;
	json_t *c;

	if (!e || !pv || !json_is_true(json_object_get(pv, "ok")) ||
	    json_is_true(json_object_get(e, "ok")) || !blocked(e))
		return;
	/* A clean refusal makes clients fall back; a hang does not. */
	conf = !strcmp(data, "rejected") ? CONF_LOW : CONF_HIGH;
	c = diag_cause(d, "ftp.epsv_unsupported", conf);
	attempt_evidence(c, e, "EPSV");
	attempt_evidence(c, pv, "PASV");
	diag_fix_instead(c, DIAG_GENERIC(0), _("PASV works, EPSV does not: make the client use "
			    "PASV (curl: --disable-epsv; lftp: set "
			    "ftp:prefer-epsv no; FileZilla uses PASV over "
			    "IPv4), or fix the firewall that does not "
			    "understand EPSV"));
}

/* The PASV reply names another address than the control connection. */
static void rule_pasv_address(struct diag *d)
{
	json_t *det = diag_details(d, "ftp.passive");
	json_t *pv = attempt(d, "ftp.passive", "pasv");
	json_t *adv = attempt(d, "ftp.passive", "advertised");
	const char *cls = ostr(det, "pasv_address_class");
	json_t *c;

	if (!det || !cls[0] || !strcmp(cls, "same"))
		return;
	c = diag_cause(d, "ftp.pasv_address_private",
		       strcmp(cls, "other") ? CONF_HIGH : CONF_MEDIUM);
	diag_evidence(c, _("PASV answered %lld %s: it advertises %s (%s), "
			   "but the control connection goes to %s"),
		      oint(pv, "reply"), ostr(pv, "reply_text"),
		      ostr(det, "pasv_address"), cls,
		      ostr(det, "control_address"));
	diag_evidence(c, _("the control address with the advertised port "
			   "%lld: %s"), oint(pv, "port"),
		      json_is_true(json_object_get(pv, "ok")) ?
		      _("the listing works") : ostr(pv, "data"));
	if (adv)
		diag_evidence(c, _("the advertised address itself: %s"),
			      ostr(adv, "data"));
	else
		diag_evidence(c, _("the advertised address was not tried "
				   "(another host; --allow-third-host tries "
				   "it)"));
	if (json_is_true(json_object_get(pv, "ok")))
		diag_fix_instead(c, DIAG_GENERIC(1), _("Clients that ignore the PASV address "
				    "work (measured): FileZilla (default), "
				    "WinSCP, curl (default "
				    "--ftp-skip-pasv-ip); Windows Explorer "
				    "follows it and hangs"));
	diag_fix_instead(c, DIAG_GENERIC(0), _("Server: advertise the address clients connect "
			    "to, %s (vsftpd: pasv_address=%s; ProFTPD: "
			    "MasqueradeAddress; FileZilla Server: passive "
			    "mode settings > external IP)"),
		       ostr(det, "control_address"),
		       ostr(det, "control_address"));
}

/* True when an evidence line of C quotes TEXT (not empty). */
static bool quoted(json_t *c, const char *text)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(c, "evidence"), i, e)
		if (*text && strstr(json_string_value(e), text))
			return true;
	return false;
}

/* 421/530/534 at greeting or login, decoded. */
static void rule_login(struct diag *d)
{
	const char *r = diag_str(d, "ftp.login", "refusal");
	json_t *det = diag_details(d, "ftp.login");
	const char *id = NULL;
	bool anon;
	json_t *c;

	if (!r || !det)
		return;
	anon = strcmp(r, "busy") && (!strcmp(ostr(det, "refusal_cmd"), "USER") ||
				     !strcmp(ostr(det, "refusal_cmd"), "PASS")) &&
	       ftp_anonymous_refused(d,
		(int)oint(det, "refusal_code"), ostr(det, "refusal_text"));
	if (anon)	/* no anonymous login: a named account is wanted */
		id = "auth.rejected";
	else if (!strcmp(r, "busy"))
		id = "server.busy";
	else if (!strcmp(r, "not_allowed"))
		id = "server.rejects_client";
	else if (!strcmp(r, "bad_credentials"))
		id = "auth.rejected";
	else if (!strcmp(r, "tls_required"))
		id = "auth.requires_tls";
	if (!id)
		return;
	c = diag_cause(d, id, anon ? CONF_MEDIUM : CONF_HIGH);
	/* a greeting refusal is quoted once (banner's "greets with") */
	if (ostr(det, "refusal_cmd")[0] ||
	    !quoted(c, ostr(det, "refusal_text")))
		diag_evidence(c, _("FTP %s answered %lld %s"),
			      ostr(det, "refusal_cmd")[0] ?
			      ostr(det, "refusal_cmd") : _("greeting"),
			      oint(det, "refusal_code"),
			      ostr(det, "refusal_text"));
	if (!strcmp(id, "server.busy"))
		diag_fix_first(c, _("Limit the client's simultaneous "
				    "connections to this server (FileZilla: "
				    "Site Manager > Transfer Settings > Limit "
				    "number of simultaneous connections: 1), "
				    "or raise the server's limit (vsftpd "
				    "max_clients / max_per_ip)"));
	if (!strcmp(id, "auth.rejected"))
		diag_evidence(c, _("user: %s"), ostr(det, "user"));
	if (anon)
		ftp_anonymous_advice(c);
	if (!strcmp(id, "auth.requires_tls") &&
	    json_is_true(json_object_get(det, "tls_retry_ok")))
		diag_fix_first(c, _("The login over AUTH TLS works (measured): "
				    "FileZilla: Site Manager > Encryption: "
				    "'Require explicit FTP over TLS'; WinSCP: "
				    "Encryption: TLS/SSL Explicit encryption; "
				    "curl: --ssl-reqd"));
}

/* PROT P data channel fails, or needs TLS session reuse. */
static void rule_data_tls(struct diag *d)
{
	json_t *det = diag_details(d, "ftp.tls");
	json_t *data = attempt(d, "ftp.tls", "data");
	json_t *nore = attempt(d, "ftp.tls", "noreuse");
	json_t *c;

	if (!det || !data)
		return;
	if (!json_is_true(json_object_get(data, "ok"))) {
		c = diag_cause(d, "ftp.data_tls", CONF_HIGH);
		diag_evidence(c, _("over TLS the login works, but the "
				   "protected listing failed: %s %lld %s (%s)"),
			      ostr(data, "refusal_cmd"),
			      oint(data, "refusal_code"),
			      ostr(data, "refusal_text"),
			      ostr(data, "curl_message"));
		return;
	}
	if (!diag_bool(d, "ftp.tls", "reuse_required"))
		return;
	c = diag_cause(d, "ftp.data_tls", CONF_MEDIUM);
	diag_evidence(c, _("with TLS session reuse the protected listing "
			   "works; without it: %s %lld %s"),
		      ostr(nore, "refusal_cmd"), oint(nore, "refusal_code"),
		      ostr(nore, "refusal_text"));
	diag_fix_first(c, _("The server requires the data connection to "
			    "resume the control connection's TLS session: use "
			    "a client that does (FileZilla, WinSCP, curl — "
			    "measured: works), or set require_ssl_reuse=NO "
			    "(vsftpd) for clients that cannot"));
}

/* What TLS attempt A of ftp.tls saw, one evidence line on C: WHAT names
 * the mode and port ("explicit FTPS (AUTH TLS) on port 21"). */
static void tls_attempt_evidence(json_t *c, json_t *a, const char *what)
{
	const char *cmd = ostr(a, "refusal_cmd");

	if (!a)
		diag_evidence(c, _("%s: not tried"), what);
	else if (json_is_true(json_object_get(a, "ok")))
		diag_evidence(c, _("%s works (measured)"), what);
	else if (!strcmp(cmd, "AUTH"))
		diag_evidence(c, _("%s: the server refuses it: AUTH TLS was "
				   "answered %lld %s"), what,
			      oint(a, "refusal_code"), ostr(a, "refusal_text"));
	else if (!strcmp(ostr(a, "outcome"), "refused"))
		diag_evidence(c, _("%s: connection refused (nothing listens)"),
			      what);
	else
		diag_evidence(c, _("%s: %s"), what, ostr(a, "curl_message")[0] ?
			      ostr(a, "curl_message") : ostr(a, "outcome"));
}

/* An FTP cause names no mail client's codes: the catalog's Outlook codes
 * of the shared cause C (tls.mode_mismatch) go. */
static void no_mail_codes(json_t *c)
{
	json_array_clear(json_object_get(json_object_get(c, "client_errors"),
					 "outlook"));
}

/* Neither TLS mode works: the plain-FTP fix in FileZilla's words, with
 * its price, and the server-side fix (PORT: the plain FTP port). */
static void no_tls_fix(json_t *c, long long port)
{
	diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
			 _("Ask the server's administrator to enable FTP over "
			   "TLS (vsftpd: ssl_enable=YES; ProFTPD: TLSEngine "
			   "on; FileZilla Server: FTP over TLS settings)"));
	diag_fix_first(c, _("The server offers no encryption: only if you "
			    "accept that the password and the files cross "
			    "the network in clear text, set FileZilla to "
			    "Encryption: 'Only use plain FTP (insecure)' on "
			    "port %lld (WinSCP: Encryption: No encryption; "
			    "curl: ftp:// without --ssl-reqd)"), port);
}

/* The fix for the pair measured to work: explicit FTPS on PORT when
 * EXPLICIT_OK, else implicit FTPS on IPORT when IMPLICIT_OK, else none
 * (no_tls_fix).  The catalog's generic fixes (one of them names mail
 * clients) give way. */
static void ftps_fix(json_t *c, bool explicit_ok, long long port,
		     bool implicit_ok, long long iport)
{
	if (implicit_ok && explicit_ok)
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
				 _("Or implicit FTPS on port %lld (FileZilla: "
				   "Encryption: 'Require implicit FTP over "
				   "TLS'; WinSCP: TLS/SSL Implicit encryption; "
				   "curl: ftps://)"), iport);
	if (explicit_ok)
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
				 _("Set the client to explicit FTPS on port "
				   "%lld (FileZilla: Encryption: 'Require "
				   "explicit FTP over TLS', or 'Use explicit "
				   "FTP over TLS if available'; WinSCP: TLS/SSL "
				   "Explicit encryption; curl: --ssl-reqd "
				   "ftp://)"), port);
	else if (implicit_ok)
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
				 _("Set the client to implicit FTPS on port "
				   "%lld (FileZilla: Encryption: 'Require "
				   "implicit FTP over TLS'; WinSCP: TLS/SSL "
				   "Implicit encryption; curl: ftps://)"),
				 iport);
	else
		no_tls_fix(c, port);
}

/* Implicit FTPS on a plain FTP port (FileZilla's "Require implicit FTP
 * over TLS" on 21): where the handshake was due, a "220" greeting came
 * (ftp.login's plain_reply).  Which TLS the server offers: explicit on
 * the port (ftp.tls "other"), implicit on 990 ("implicit_990"). */
static void rule_implicit_on_plain(struct diag *d)
{
	json_t *pr = json_object_get(diag_details(d, "ftp.login"),
				     "plain_reply");
	json_t *ex = attempt(d, "ftp.tls", "other");
	json_t *im = attempt(d, "ftp.tls", "implicit_990");
	long long port = oint(diag_target(d), "port");
	char what[160];
	json_t *c;

	if (!pr || strcmp(ostr(diag_target(d), "tls"), "implicit"))
		return;
	c = diag_cause(d, "tls.mode_mismatch", CONF_HIGH);
	no_mail_codes(c);
	diag_evidence(c, _("the client is set to implicit FTPS (TLS from the "
			   "first byte), but port %lld speaks plain FTP: "
			   "where the TLS handshake was due, the server sent "
			   "\"%s\""), port, ostr(pr, "line"));
	diag_evidence(c, _("the client's error, \"%s\", is that plain text "
			   "read as TLS"),
		      diag_str(d, "ftp.login", "curl_message") ?: "");
	if (!diag_bool(d, "ftp.tls", "plain_port"))
		ex = im = NULL;	/* ftp.tls did not run its attempts */
	str_printf(what, sizeof(what), _("explicit FTPS (AUTH TLS) on port "
		   "%lld"), port);
	if (ex)
		tls_attempt_evidence(c, ex, what);
	if (im || (ex && port != 990))
		tls_attempt_evidence(c, im, _("implicit FTPS on port 990"));
	if (!ex) {
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1),
				 _("Set the client to explicit FTPS on port "
				   "%lld (FileZilla: Encryption: 'Use explicit "
				   "FTP over TLS if available' or 'Require "
				   "explicit FTP over TLS'), or to implicit "
				   "FTPS on port 990 if the server offers it"),
				 port);
		return;
	}
	ftps_fix(c, json_is_true(json_object_get(ex, "ok")), port,
		 json_is_true(json_object_get(im, "ok")), 990);
}

/* Explicit FTPS required (--tls starttls; FileZilla's "Require explicit
 * FTP over TLS") on a server that refuses AUTH TLS with 5xx (RFC 2228:
 * 500/502/504 not known or not supported, 534 denied): the server offers
 * no explicit TLS here; the client's mode does not fit (a 4xx is
 * tls.starttls_unavailable, the refusal rules'). */
static void rule_auth_tls_refused(struct diag *d)
{
	json_t *det = diag_details(d, "ftp.login");
	json_t *other = attempt(d, "ftp.tls", "other");
	long long port = oint(diag_target(d), "port");
	long long code = oint(det, "refusal_code");
	long long iport = diag_int(d, "ftp.tls", "other_port", 990);
	char what[160];
	json_t *c;

	if (!det || strcmp(ostr(diag_target(d), "tls"), "starttls") ||
	    strcmp(ostr(det, "refusal_cmd"), "AUTH") || code < 500)
		return;
	c = diag_cause(d, "tls.mode_mismatch", CONF_HIGH);
	no_mail_codes(c);
	diag_evidence(c, _("the client is set to explicit FTPS (AUTH TLS "
			   "required), but the server does not offer it on "
			   "port %lld: AUTH TLS was answered %lld %s"), port,
		      code, ostr(det, "refusal_text"));
	if (strcmp(diag_str(d, "ftp.tls", "other_mode") ?: "", "implicit"))
		other = NULL;
	str_printf(what, sizeof(what), _("implicit FTPS on port %lld"), iport);
	if (other)
		tls_attempt_evidence(c, other, what);
	ftps_fix(c, false, port, json_is_true(json_object_get(other, "ok")),
		 iport);
}

/* The user's TLS mode does not match the port; the other mode works. */
static void rule_tls_mode(struct diag *d)
{
	json_t *t = diag_target(d), *other = attempt(d, "ftp.tls", "other");
	const char *mode = ostr(t, "tls");
	const char *om = diag_str(d, "ftp.tls", "other_mode");
	json_t *c;

	if (!other || !om || diag_bool(d, "ftp.login", "login_ok") ||
	    !json_is_true(json_object_get(other, "ok")) ||
	    diag_bool(d, "ftp.tls", "plain_port"))
		return;
	c = diag_cause(d, "tls.mode_mismatch", CONF_HIGH);
	no_mail_codes(c);
	if (diag_str(d, "ftp.tls", "skipped_explicit"))
		diag_evidence(c, _("in the client's mode (%s, port %lld) no "
				   "FTP greeting came (banner: %s)"),
			      mode[0] ? mode : "auto", oint(t, "port"),
			      diag_str(d, "ftp.tls", "skipped_explicit"));
	else
		diag_evidence(c, _("the login in the client's mode (%s, port "
				   "%lld) failed: %s"), mode[0] ? mode : "auto",
			      oint(t, "port"), diag_str(d, "ftp.login",
							"curl_message") ?: "");
	diag_evidence(c, _("%s FTPS on port %lld works"), om,
		      diag_int(d, "ftp.tls", "other_port", 0));
	if (!strcmp(om, "implicit"))
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1), _("Set the client to implicit FTPS on port "
				    "%lld (FileZilla: Encryption: 'Require "
				    "implicit FTP over TLS'; WinSCP: TLS/SSL "
				    "Implicit encryption; curl: ftps://)"),
			       diag_int(d, "ftp.tls", "other_port", 0));
	else
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1), _("Set the client to explicit FTPS on port "
				    "%lld (FileZilla: Encryption: 'Require "
				    "explicit FTP over TLS'; WinSCP: TLS/SSL "
				    "Explicit encryption; curl: --ssl-reqd "
				    "ftp://)"),
			       diag_int(d, "ftp.tls", "other_port", 0));
}

/* The FTPS certificate does not verify. */
static void rule_ftp_cert(struct diag *d)
{
	const char *err = diag_str(d, "ftp.tls", "cert_error");
	json_t *c;

	if (!err || !err[0])
		return;
	c = diag_cause(d, "tls.certificate", CONF_MEDIUM);
	diag_evidence(c, _("FTPS (%s): %s"),
		      diag_str(d, "ftp.tls", "mode") ?: "", err);
}

/* server.connection_limit: ftp.login was refused as one session too
 * many while sockdoc's own probes held a session (banner), and logged in
 * once they were done: the server takes one session per client, it is
 * not busy (ownload.h). */
static void rule_own_load(struct diag *d)
{
	json_t *det = diag_details(d, "ftp.login");
	json_t *o = det ? json_object_get(det, "own_load") : NULL;
	json_t *c;

	if (!o || !diag_bool(d, "ftp.login", "own_load_retry_ok"))
		return;
	c = diag_cause(d, "server.connection_limit", CONF_LOW);
	diag_evidence(c, _("the server refused sockdoc's second simultaneous "
			   "connection (%s answered %lld %s) while sockdoc's "
			   "own %s held one; alone, the login works"),
		      !strcmp(ostr(o, "step"), "greeting") ? _("greeting") :
		      ostr(o, "step"), oint(o, "code"), ostr(o, "text"),
		      ostr(o, "beside"));
	if (!strchr(ostr(o, "beside"), ','))	/* one of ours was open */
		diag_evidence(c, _("the server allows 1 connection per client: "
				   "not busy, but a client that opens two at "
				   "once is refused"));
	else
		diag_evidence(c, _("the server limits simultaneous connections "
				   "per client: not busy, but a client that "
				   "opens several at once is refused"));
	diag_fix_instead(c, DIAG_GENERIC(0), _("FileZilla's default of 2 "
			 "simultaneous transfers would be refused: Site "
			 "Manager > Transfer Settings > Limit number of "
			 "simultaneous connections: 1"));
}

const diag_rule diag_rules_ftp[] = {
	rule_own_load,
	rule_login,
	rule_passive_blocked,
	rule_active_blocked,
	rule_epsv,
	rule_pasv_address,
	rule_data_tls,
	rule_implicit_on_plain,
	rule_auth_tls_refused,
	rule_tls_mode,
	rule_ftp_cert,
	NULL
};
