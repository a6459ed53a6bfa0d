/* causes_ftp.c — the FTP wording of the catalog's fixes (causes.c) where
 * those speak of mail: an FTP cause never advises port 587, a mail
 * scanner or "the full e-mail address" (wave 3 review).  Each row keeps
 * the catalog's number and order of fixes, so a rule's DIAG_GENERIC(k)
 * drops the same fix in either wording. */
#include "config.h"

#include "causes.h"

#include <string.h>

#include "i18n.h"

/* One cause's FTP fixes. */
struct ftp_fixes {
	const char *id;                      /* catalog id */
	const char *fixes[CAUSE_MAX_FIXES];  /* N_() marked, NULL-ended */
};

static const struct ftp_fixes ftp_rows[] = {
	{ "net.path_blocked",
	  { N_("Near the client: ask your network administrator or ISP to allow this port outbound, or use another port the server offers (990 for implicit FTPS)"),
	    N_("Near the server: ask the server's administrator or hosting provider to open the port in their firewall") } },
	{ "server.rejects_client",
	  { N_("Ask the provider to allow or delist your address"),
	    N_("Try from another network: if the login works there, the server refuses your address") } },
	{ "tls.mode_mismatch",
	  { N_("Use the port and security pair that was measured to work"),
	    N_("FileZilla: 990 = \"Require implicit FTP over TLS\", 21 = \"Require explicit FTP over TLS\" or \"Only use plain FTP\"") } },
	{ "auth.rejected",
	  { N_("Check the user name and the password (FileZilla: Site Manager, Logon Type \"Normal\")"),
	    N_("Check that the account is enabled and allowed to use FTP") } },
	{ "auth.requires_tls",
	  { N_("Turn on encryption in the client (FileZilla: Encryption \"Require explicit FTP over TLS\"; sockdoc --tls starttls)") } },
	{ "proxy.destination_refused",
	  { N_("Ask the proxy's administrator to allow this port (HTTP proxies often allow CONNECT only to 443)"),
	    N_("Use a port the proxy allows, or connect without the proxy") } },
	{ "local.proxy",
	  { N_("Bypass or configure the proxy or antivirus FTP scanner for this server") } },
};

/* See causes.h. */
const char *const *cause_ftp_fixes(const char *id)
{
	size_t i;

	for (i = 0; id && i < sizeof(ftp_rows) / sizeof(ftp_rows[0]); i++)
		if (!strcmp(ftp_rows[i].id, id))
			return ftp_rows[i].fixes;
	return NULL;
}
