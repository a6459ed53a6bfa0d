/* diagnose_trials.c — rules for the trials family of causes (causes.md). */
#include "config.h"

#include "diagnose.h"

const diag_rule diag_rules_trials[] = {
	NULL
};
