/* mr_probe.h — what the POP3/IMAP probes (checks/mailrecv/) share: when
 * they apply, the session configuration they start from, and the state
 * destructor that stops their sessions. */
#ifndef SOCKDOC_MR_PROBE_H
#define SOCKDOC_MR_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "mr_sess.h"

struct probe;
struct run;

/* Sessions at the head of every mailrecv probe's state:
 * struct mr_sess s[MR_PROBE_SESS] as its first member, so one destructor
 * stops them all. */
#define MR_PROBE_SESS 6
/* The state destructor (probe_state_new) of those probes. */
void mr_probe_state_dtor(void *state);

/* True for a POP3/IMAP target whose server accepted a TCP connect; else
 * a translated reason in REASON. */
bool mr_probe_applies(struct probe *p, char *reason, size_t size);
/* mr_probe_applies, for the probes after mailrecv.caps: also false
 * when another protocol answers on the port (banner, or mailrecv.caps
 * where implicit TLS was due; wrongproto.h), REASON naming it. */
bool mr_probe_applies_after(struct probe *p, char *reason, size_t size);
/* The target's protocol as the session's enum. */
enum mr_proto mr_probe_proto(const struct run *run);
/* "POP3" or "IMAP" for summaries. */
const char *mr_probe_proto_upper(const struct run *run);
/* A configuration for the open address of P's run: LABEL, SEC, GOAL,
 * the target host for SNI, --timeout, --cacert, --user and the password
 * (sent only when GOAL reaches the login). */
void mr_probe_cfg(struct probe *p, struct mr_sess_cfg *cfg,
		  const char *label, enum mr_sec sec, enum mr_goal goal);
/* The mode mailrecv.caps measured ("plain", "implicit"), "none". */
const char *mr_probe_mode(const struct run *run);

#endif
