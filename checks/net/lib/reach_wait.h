/* reach_wait.h — for the probes that may begin while reach still waits
 * (the speculative start of probe.h, ops->early).  On a port whose SYNs
 * are dropped reach waits out the whole --timeout; a probe that matters
 * only when no address answers (path; smtp.ports' other ports) can do
 * its work during that wait instead of after it.  The guess starts once
 * reach has heard nothing for REACH_QUIET_MAX_MS or a fifth of --timeout,
 * whichever is shorter: longer than a handshake takes on any usual path,
 * and by then TCP itself retransmits the SYN (1 s initial RTO, RFC 6298
 * section 2.1). */
#ifndef SOCKDOC_REACH_WAIT_H
#define SOCKDOC_REACH_WAIT_H

#include "probe.h"

#define REACH_QUIET_MAX_MS 1000 /* longest wait for an answer to reach */

/* The ops->early answer for P: -1 (never) when an address already
 * answered reach or the connection goes through a proxy; otherwise the
 * milliseconds until reach has been quiet long enough (0: now). */
int reach_wait_early(struct probe *p);

/* Milliseconds until reach's --timeout runs out (at least 1; the whole
 * --timeout when reach has not started). */
int reach_wait_left_ms(struct probe *p);

#endif
