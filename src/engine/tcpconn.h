/* tcpconn.h — a non-blocking TCP connect on the loop with a deadline, and
 * what no library tells: refused (RST) vs filtered (silence) vs
 * unreachable (ICMP), the handshake time, how many SYNs went out. */
#ifndef SOCKDOC_TCPCONN_H
#define SOCKDOC_TCPCONN_H

#include <stdint.h>
#include <sys/socket.h>

#include "loop.h"

struct tcpconn;

/* Called once: ERR is 0 when connected, ETIMEDOUT at the deadline, or
 * the errno the kernel reported (ECONNREFUSED, EHOSTUNREACH...). */
typedef void (*tcpconn_cb)(struct tcpconn *c, int err, void *arg);

/* Start connecting to SA; CB runs from the loop (never from inside this
 * call).  Returns NULL with errno set when no socket could be made. */
struct tcpconn *tcpconn_start(struct loop *loop, const struct sockaddr *sa,
			      int timeout_ms, tcpconn_cb cb, void *arg);
/* The socket (still owned by C). */
int tcpconn_fd(const struct tcpconn *c);
/* Microseconds from start to the outcome. */
int64_t tcpconn_elapsed_us(const struct tcpconn *c);
/* SYNs sent (1 + retransmissions, from TCP_INFO), 0 when unknown. */
int tcpconn_syns(const struct tcpconn *c);
/* Take the socket out of C (the caller closes it). */
int tcpconn_detach(struct tcpconn *c);
/* Cancel and free; closes the socket unless detached. */
void tcpconn_free(struct tcpconn *c);

/* Result token of an errno from tcpconn: "connected", "refused",
 * "filtered", "unreachable", "reset", "error". */
const char *tcpconn_result(int err);

#endif
