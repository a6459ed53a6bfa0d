/* ftp_active.c — probe "ftp.active": EPRT (RFC 2428), then PORT
 * (RFC 959): the server connects back to us; the work is in
 * lib/ftp_data.c, whose header comment lists the details keys. */
#include "config.h"

#include <curl/curl.h>

#include "checks.h"
#include "ftp_data.h"
#include "i18n.h"
#include "refusal.h"
#include "run.h"
#include "util.h"

static const struct data_mode active_modes[] = {
	{ "eprt", "EPRT", true, true, false },
	{ "port", "PORT", true, false, false },
};

/* ftp.active: as above, and not over TLS with a libcurl older than 8.0,
 * whose TLS handshake on an accepted data connection blocks (it would
 * stall every other probe on the loop). */
static bool active_applies(struct probe *p, char *reason, size_t size)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);

	if (!ftp_data_applies(p, reason, size))
		return false;
	if (netpath_proxied(p->run)) {
		netpath_no_proxy_reason(p->run, reason, size);
		return false;
	}
	if (ftp_login_sec(p->run) != FTP_SEC_NONE && v->version_num < 0x080000) {
		str_printf(reason, size, _("active mode over TLS is not "
			   "measured with libcurl %s (it would block)"),
			   v->version);
		return false;
	}
	return true;
}

/* Start: EPRT then PORT. */
static void active_start(struct probe *p)
{
	ftp_data_start(p, active_modes, (int)ARRAY_SIZE(active_modes));
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail ftp_active_details[] = {
	{ "tls", DT_STR, NULL,
	  "security of the sessions: none|explicit|implicit" },
	{ "works", DT_BOOL, NULL, "some attempt moved data" },
	{ "modes_ok", DT_ARRAY, NULL, "names of the attempts that worked" },
	{ "eprt", DT_OBJECT, NULL,
	  "the EPRT attempt (see lib/ftp_data.c: reply, data, list_reply,"
	  " retr, ok ...)" },
	{ "port", DT_OBJECT, NULL, "the PORT attempt (same fields)" },
	{ "local_address", DT_STR, NULL,
	  "our address the server must connect to" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_ftp_active = {
	.id = "ftp.active",
	.deps = { "ftp.login" },
	.applies = active_applies,
	.start = active_start,
	.details = ftp_active_details,
	.tells_apart = N_("PORT/EPRT: whether the server can connect back"),
};
