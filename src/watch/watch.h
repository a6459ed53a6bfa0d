/* watch.h — `--watch SEC --count N`: the light chain every SEC seconds
 * (heavy trials off) and one connection held open across rounds, then a
 * timeline and a report with conn.intermittent / server.down_or_restarting
 * (interface.md).  SIGINT ends the watch after the current round. */
#ifndef SOCKDOC_WATCH_H
#define SOCKDOC_WATCH_H

#include <stdio.h>

#include "options.h"
#include "target.h"

/* Watch T as OPT says, writing the timeline (text) and the final report
 * to OUT.  Returns the process exit code of interface.md. */
int watch_run(struct options *opt, const struct target *t, FILE *out);

#endif
