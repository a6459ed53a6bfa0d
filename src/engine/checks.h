/* checks.h — what a probe file in checks/ includes: the ops table it
 * exports (probe.h).  Each kind is declared and listed once, in
 * src/engine/registry.c; nothing else switches on probe kind. */
#ifndef SOCKDOC_CHECKS_H
#define SOCKDOC_CHECKS_H

#include "probe.h"

#endif
