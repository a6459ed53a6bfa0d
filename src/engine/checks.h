/* checks.h — the probe kinds.  Each is defined in its own file here and
 * listed once in src/registry.c; nothing else switches on probe kind. */
#ifndef SOCKDOC_CHECKS_H
#define SOCKDOC_CHECKS_H

#include "probe.h"

extern const struct probe_ops probe_input;   /* input.c */
extern const struct probe_ops probe_dns;     /* dns.c */
extern const struct probe_ops probe_reach;   /* reach.c */
extern const struct probe_ops probe_icmp;    /* icmp.c */
extern const struct probe_ops probe_banner;  /* banner.c */
extern const struct probe_ops probe_tls;     /* tls.c */
extern const struct probe_ops probe_smtp_ehlo; /* smtp_ehlo.c */
extern const struct probe_ops probe_smtp_ports; /* smtp_ports.c */
extern const struct probe_ops probe_smtp_auth; /* smtp_auth.c */
extern const struct probe_ops probe_smtp_transaction; /* smtp_transaction.c */
extern const struct probe_ops probe_ftp_login, probe_ftp_passive,
	probe_ftp_active, probe_ftp_tls; /* ftp_login.c ftp_data.c ftp_tls.c */
extern const struct probe_ops probe_trial_halfclose;   /* trial_halfclose.c */
extern const struct probe_ops probe_trial_concurrency; /* trial_concurrency.c */
extern const struct probe_ops probe_trial_upload;      /* trial_upload.c */
extern const struct probe_ops probe_trial_idle;        /* trial_idle.c */
extern const struct probe_ops probe_local;             /* local.c */

#endif
