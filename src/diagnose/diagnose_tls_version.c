/* diagnose_tls_version.c — a failed TLS handshake against a server that
 * tops out at an old version (SSLv3, TLS 1.0, 1.1: RFC 8996) is the
 * server's to fix: the evidence names the version (the tls probe's details
 * "server_max_version", measured once with old versions allowed) and the
 * client fixes give way to the server's.  Runs after the SMTP rules and
 * adds nothing when a rule already named the version. */
#include "config.h"

#include <string.h>

#include "diagnose.h"
#include "i18n.h"

/* True when VER ("TLSv1", "TLSv1.1", "SSLv3") is older than TLS 1.2. */
static bool old_tls(const char *ver)
{
	return !strcmp(ver, "SSLv3") || !strcmp(ver, "TLSv1") ||
	       !strcmp(ver, "TLSv1.0") || !strcmp(ver, "TLSv1.1");
}

/* True when a fix of C names VER already (a rule gave the server's fix:
 * the catalog's fixes never name a version token like "TLSv1"). */
static bool names(json_t *c, const char *ver)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(c, "fixes"), i, f)
		if (strstr(json_string_value(f), ver))
			return true;
	return false;
}

/* tls.handshake_failed with an old server: name it, the fix is the
 * server's. */
static void rule_old_server_tls(struct diag *d)
{
	const char *max = diag_str(d, "tls", "server_max_version");
	json_t *c;

	if (!max || !old_tls(max) || !diag_has(d, "tls.handshake_failed"))
		return;
	c = diag_cause(d, "tls.handshake_failed", CONF_HIGH);
	if (names(c, max))
		return;
	diag_evidence(c, _("the server speaks at most %s; current clients "
		      "(and sockdoc) require TLS 1.2 or newer"), max);
	json_array_clear(json_object_get(c, "fixes"));
	diag_fix_first(c, _("Server: enable TLS 1.2 and 1.3 (the server "
			    "offers only %s, which current clients refuse); "
			    "downgrading the client is no fix"), max);
}

const diag_rule diag_rules_tls_version[] = {
	rule_old_server_tls,
	NULL
};
