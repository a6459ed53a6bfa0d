/* aresglue.h — a c-ares channel driven by the event loop through its
 * socket-state callback and ares_process_fd, with its timeouts as loop
 * timers.  --dns-server replaces the system's servers. */
#ifndef SOCKDOC_ARESGLUE_H
#define SOCKDOC_ARESGLUE_H

#include <ares.h>
#include "loop.h"

struct aresglue;

/* Create a channel on LOOP; SERVERS (NSERVERS of "addr[:port]") replace the
 * system resolver when NSERVERS > 0; TIMEOUT_MS bounds each try.
 * Returns NULL and writes a message into ERR on failure. */
struct aresglue *aresglue_new(struct loop *loop, const char *const *servers,
			      int nservers, int timeout_ms, char *err,
			      size_t errlen);
/* The channel, for ares_* query calls. */
ares_channel aresglue_channel(struct aresglue *g);
/* Re-arm the timeout timer after issuing queries (call after every
 * ares_* request so the loop knows c-ares' next deadline). */
void aresglue_kick(struct aresglue *g);
/* Cancel outstanding queries (their callbacks see ARES_ECANCELLED) and free. */
void aresglue_free(struct aresglue *g);

#endif
