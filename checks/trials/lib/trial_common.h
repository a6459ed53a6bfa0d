/* trial_common.h — what the trials share: when a trial applies, where it
 * connects, and how much of the run's budget is left. */
#ifndef SOCKDOC_TRIAL_COMMON_H
#define SOCKDOC_TRIAL_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "probe.h"

/* True when P's trial was asked for (--trials, its registry bit) and the
 * server answered; otherwise writes the translated reason. */
bool trial_applies(struct probe *p, char *reason, size_t size);
/* The address reach found open (port set). */
const struct sockaddr *trial_addr(struct probe *p);
/* Milliseconds left of the run's budget, minus a safety margin. */
int64_t trial_budget_left(struct probe *p);
/* The errno name when ERR is a local limit, not the server's doing:
 * EMFILE/ENFILE (descriptors), ENOBUFS/ENOMEM (kernel memory),
 * EADDRNOTAVAIL (no local port or address); NULL otherwise. */
const char *trial_local_error(int err);
/* Record ERR as P's details "local_error" when it is local (see above);
 * true when it was. */
bool trial_note_local(struct probe *p, int err);

#endif
