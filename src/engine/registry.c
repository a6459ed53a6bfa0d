/* registry.c — every probe kind, in chain order.  The chain instantiates
 * all of them; each decides in applies() whether it is relevant. */
#include "config.h"

#include "checks.h"

const struct probe_ops *const probe_registry[] = {
	&probe_input,
	&probe_dns,
	&probe_reach,
	&probe_icmp,
	&probe_banner,
	&probe_tls,
	&probe_smtp_ehlo,
	&probe_smtp_ports,
	&probe_smtp_auth,
	&probe_smtp_transaction,
	&probe_ftp_login,
	&probe_ftp_passive,
	&probe_ftp_active,
	&probe_ftp_tls,
	&probe_trial_halfclose,
	&probe_trial_concurrency,
	&probe_trial_upload,
	&probe_trial_idle,
	&probe_local,
	NULL
};
