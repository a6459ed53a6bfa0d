/* icmp_int.h — the icmp probe's private state, shared by icmp.c (sockets
 * and timers) and icmp_report.c (details and the conclusion). */
#ifndef SOCKDOC_ICMP_INT_H
#define SOCKDOC_ICMP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "icmp_pkt.h"
#include "loop.h"
#include "probe.h"

#define ICMP_MAX_TARGETS 4
#define ICMP_ECHOES 3
#define ICMP_SPACING_MS 20
/* Grace after the first echo when the port already answered: this many
 * times the slowest TCP handshake of reach, plus ICMP_GRACE_MIN_US. */
#define ICMP_GRACE_RTTS 2
#define ICMP_GRACE_MIN_US 1000
#define ICMP_READS_PER_EVENT 16

struct icmp_state;

/* One address being pinged. */
struct icmp_target {
	struct icmp_state *st;        /* back pointer for callbacks */
	int fd;                       /* its socket, -1 when none */
	struct icmp_sock_kind kind;   /* family, raw or dgram, echo id */
	char addr[64];                /* address as text */
	int sent;                     /* requests sent */
	int received;                 /* replies matched */
	int64_t sent_us[ICMP_ECHOES]; /* when each request left */
	bool got[ICMP_ECHOES];        /* reply seen per request */
	double rtt_min, rtt_max, rtt_sum; /* ms */
	bool unreach;                 /* destination unreachable seen */
	int unreach_code;             /* its ICMP code */
	bool unreach_exact;           /* code read from the ICMP message, not
				       * guessed from a socket errno */
	int err;                      /* errno of socket/send/recv, 0 none */
};

/* The probe's state. */
struct icmp_state {
	struct probe *p;                         /* the probe */
	struct icmp_target t[ICMP_MAX_TARGETS];  /* the addresses */
	int n;                                   /* used entries */
	const char *method;                      /* "dgram" or "raw" */
	int round;                               /* requests sent per target */
	struct loop_timer *send_timer;           /* next round */
	struct loop_timer *deadline;             /* --timeout */
	struct loop_timer *grace;                /* settle: last wait */
	bool settled;    /* concluded early: the port answered, no reply yet */
};

/* Record every target's counts into the details, finish the probe.
 * Details: method, count, interval_ms, replied (addresses), received
 * (replies in all), unreachable_addresses, settled, targets[]. */
void icmp_conclude(struct icmp_state *st);

#endif
