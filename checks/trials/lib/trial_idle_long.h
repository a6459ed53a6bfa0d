/* trial_idle_long.h — after the idle trial: one FTP upload throttled to
 * outlast the idle limit, to see whether the control connection (silent
 * while the data flows) survives to the server's final 226. */
#ifndef SOCKDOC_TRIAL_IDLE_LONG_H
#define SOCKDOC_TRIAL_IDLE_LONG_H

#include <stdint.h>

#include "trial_upload.h"

struct probe;

/* The long transfer and its clean-up. */
struct idle_long {
	struct upl u;                /* the throttled upload */
	struct upl_del del;          /* DELE of what it wrote */
	int64_t hold_ms;             /* how long the upload is meant to last */
	int64_t limit_ms;            /* the idle limit measured, 0 none */
	void (*done)(struct probe *p); /* called once when all is over */
};

/* Start the long transfer outlasting LIMIT_MS (0: none measured); DONE
 * runs at the end.  Returns -1 when it does not apply or cannot start. */
int idle_long_start(struct idle_long *l, struct probe *p, int64_t limit_ms,
		    void (*done)(struct probe *p));
/* Abort (no callback) and release. */
void idle_long_free(struct idle_long *l);

#endif
