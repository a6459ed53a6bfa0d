/* explain_priors.h — how often each cause produces a code: the prior
 * that ranks the causes sharing one code (10060 is a filtered port far
 * more often than a broken IPv6 route).  explain_rank() adds it to the
 * clue score; the message's settings adjust it after. */
#ifndef SOCKDOC_EXPLAIN_PRIORS_H
#define SOCKDOC_EXPLAIN_PRIORS_H

#include "explain_codes.h"

/* Prior of cause ID for code C: 0 (rare or unknown) to 6 (the usual
 * reason); a code linked to a Winsock error shares that error's row. */
int explain_prior(const struct code_def *c, const char *id);

#endif
