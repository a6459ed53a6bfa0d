/* diagnose_smtp.c — rules for the smtp family of causes (causes.md). */
#include "config.h"

#include "diagnose.h"

const diag_rule diag_rules_smtp[] = {
	NULL
};
