/* diagnose_rules.c — the families of rules, in the order they run. */
#include "config.h"

#include "diagnose.h"

/* Every family; diagnose() walks them all. */
const diag_rule *const diag_families[] = {
	diag_rules_dns,
	diag_rules_net,
	diag_rules_crossproto,
	diag_rules_path,
	diag_rules_mailrecv,
	diag_rules_smtp,
	diag_rules_ftp,
	diag_rules_trials,
	diag_rules_limits,
	diag_rules_tls_version,
	diag_rules_refusals,	/* last: it falls back when nothing else spoke */
	NULL
};
