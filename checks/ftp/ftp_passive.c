/* ftp_passive.c — probe "ftp.passive": EPSV (RFC 2428), then PASV
 * (RFC 959), each on its own session with a real LIST and RETR; the work
 * is in lib/ftp_data.c, whose header comment lists the details keys. */
#include "config.h"

#include "checks.h"
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

const struct probe_ops probe_ftp_passive = {
	.id = "ftp.passive",
	.deps = { "ftp.login" },
	.applies = ftp_data_applies,
	.start = passive_start,
};
