/* path_hop.h — one TTL-limited SYN for the TCP traceroute (probe `path`):
 * a non-blocking TCP socket with IP_TTL / IPV6_UNICAST_HOPS set and
 * IP_RECVERR / IPV6_RECVERR on, so the ICMP time-exceeded (RFC 792 type
 * 11, RFC 4443 type 3) a router sends for the expired SYN is read from
 * the socket's error queue with the router's address (SO_EE_OFFENDER);
 * no raw socket is needed. */
#ifndef SOCKDOC_PATH_HOP_H
#define SOCKDOC_PATH_HOP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "loop.h"

struct run;

/* How one SYN ended. */
enum hop_result {
	HOP_PENDING = 0,    /* no answer yet */
	HOP_TIME_EXCEEDED,  /* a router on the way: its address in from */
	HOP_UNREACHABLE,    /* an ICMP unreachable (a router's or the
			     * destination's REJECT): its address in from */
	HOP_REACHED,        /* the destination answered SYN-ACK */
	HOP_RESET,          /* an RST (the destination, or a middlebox
			     * resetting on its behalf) */
	HOP_SILENT,         /* nothing until the deadline */
	HOP_ERROR           /* a local error (errno in err) */
};

struct path_hop;
/* Called once when the SYN's fate is known (from the loop). */
typedef void (*path_hop_cb)(struct path_hop *h, void *arg);

/* One SYN in flight and its outcome. */
struct path_hop {
	struct loop *loop;           /* the run's loop */
	int fd;                      /* the socket, -1 once closed */
	int ttl;                     /* hop limit of the SYN */
	enum hop_result result;      /* the outcome */
	struct sockaddr_storage from;/* who answered (ICMP offender) */
	bool have_from;              /* from is set */
	int err;                     /* errno of HOP_ERROR / the ICMP error */
	int64_t t0;                  /* sent (monotonic ms) */
	int64_t ms;                  /* time to the answer */
	path_hop_cb cb;              /* completion */
	void *arg;                   /* for cb */
};

/* Send a SYN to SA with hop limit TTL from RUN's source (--interface);
 * CB runs once with the outcome.  Returns 0, or -errno (H->result
 * HOP_ERROR, no callback). */
int path_hop_start(struct path_hop *h, const struct run *run,
		   const struct sockaddr *sa, int ttl, path_hop_cb cb,
		   void *arg);
/* The deadline passed: HOP_SILENT if still pending; closes the socket.
 * No callback. */
void path_hop_expire(struct path_hop *h);
/* Close the socket (with RST when it connected); safe twice. */
void path_hop_close(struct path_hop *h);
/* Token of a result ("time_exceeded", "reached"...). */
const char *path_hop_result_name(enum hop_result r);

#endif
