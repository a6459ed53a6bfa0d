/* trial_halfclose_raw.h — trial.halfclose on a tcp:// target: our FIN
 * first (no command can be sent), then how the service closes. */
#ifndef SOCKDOC_TRIAL_HALFCLOSE_RAW_H
#define SOCKDOC_TRIAL_HALFCLOSE_RAW_H

#include "probe.h"

/* Start the raw variant on P (its state has its own destructor, so the
 * probe's cleanup must leave it alone).  Details: closed_after
 * ("our_fin"), result peer_fin|peer_reset|no_fin|error, fin_ms, bytes,
 * errno. */
void hc_raw_start(struct probe *p);

#endif
