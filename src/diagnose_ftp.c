/* diagnose_ftp.c — rules for the ftp family of causes (causes.md). */
#include "config.h"

#include "diagnose.h"

const diag_rule diag_rules_ftp[] = {
	NULL
};
