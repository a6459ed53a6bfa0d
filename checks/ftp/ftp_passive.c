/* ftp_passive.c — probe "ftp.passive": EPSV (RFC 2428), then PASV
 * (RFC 959), each on its own session with a real LIST and RETR; the work
 * is in lib/ftp_data.c, whose header comment lists the details keys. */
#include "config.h"

#include "checks.h"
#include "i18n.h"
#include "refusal.h"
#include "ftp_data.h"
#include "util.h"

static const struct data_mode passive_modes[] = {
	{ "epsv", "EPSV", false, true, false },
	{ "pasv", "PASV", false, false, false },
};

/* Start: EPSV then PASV. */
static void passive_start(struct probe *p)
{
	ftp_data_start(p, passive_modes, (int)ARRAY_SIZE(passive_modes));
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail ftp_passive_details[] = {
	{ "tls", DT_STR, NULL,
	  "security of the sessions: none|explicit|implicit" },
	{ "works", DT_BOOL, NULL, "some attempt moved data" },
	{ "modes_ok", DT_ARRAY, NULL, "names of the attempts that worked" },
	{ "epsv", DT_OBJECT, NULL,
	  "the EPSV attempt (see lib/ftp_data.c: reply, data, list_reply,"
	  " retr, ok ...)" },
	{ "pasv", DT_OBJECT, NULL, "the PASV attempt (same fields)" },
	{ "control_address", DT_STR, NULL, "the control connection's peer" },
	{ "pasv_address", DT_STR, NULL, "the address PASV advertised" },
	{ "pasv_address_class", DT_STR, NULL,
	  "how it relates to the control address: "
	  "same|zero|loopback|private|other" },
	{ "third_host_allowed", DT_BOOL, NULL, "--allow-third-host was given" },
	{ "advertised", DT_OBJECT, NULL,
	  "with --allow-third-host, when PASV names another address: the "
	  "attempt that followed it (same fields)" },
	PROBE_DETAIL_REFUSALS,
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_ftp_passive = {
	.id = "ftp.passive",
	.deps = { "ftp.login" },
	.applies = ftp_data_applies,
	.start = passive_start,
	.details = ftp_passive_details,
	.tells_apart = N_("PASV/EPSV and a listing: the advertised address "
		"and whether the data port answers"),
};
