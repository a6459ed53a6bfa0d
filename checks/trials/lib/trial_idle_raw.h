/* trial_idle_raw.h — trial.idle on a tcp:// target: two silent
 * connections, one bare and one with TCP keep-alive, held until the
 * first is lost or the budget ends.  The bare one gives the idle limit;
 * the one with keep-alive tells a middlebox that forgets idle flows
 * (keep-alive keeps it alive) from a service that closes idle
 * connections itself (both are lost). */
#ifndef SOCKDOC_TRIAL_IDLE_RAW_H
#define SOCKDOC_TRIAL_IDLE_RAW_H

#include "probe.h"

/* Start the raw variant on P (its state has its own destructor: the
 * probe's cleanup must leave it alone).  Details: result
 * (closed|reset|survived|error), idle_limit_ms, lower_ms, waited_ms,
 * keepalive_s, keepalive_result (alive|closed|reset|timeout|error),
 * keepalive_survived. */
void idle_raw_start(struct probe *p);

#endif
