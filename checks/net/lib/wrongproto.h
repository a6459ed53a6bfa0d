/* wrongproto.h — "another protocol listens on this port", as banner
 * heard it, for the protocol probes: an FTP or SMTP dialogue with an SSH
 * or HTTP server can only wait out --timeout and then misname the fault
 * (no TLS offered, a malformed reply), so those probes skip instead,
 * naming what answers.  Only a protocol the first bytes name counts (see
 * sniff_protocol in reply.h): silence, a slow or dripping greeting, a
 * TLS record (an implicit-TLS port: the TLS probes try it) and garbage
 * keep the probes running as before. */
#ifndef SOCKDOC_WRONGPROTO_H
#define SOCKDOC_WRONGPROTO_H

#include <stdbool.h>
#include <stddef.h>

struct probe;
struct run;

/* The protocol heard on the port instead of the target's ("SSH",
 * "HTTP", "POP3", "IMAP"): banner's result "other" and its sniff, else
 * what a session met (wrongproto_set; implicit TLS, where banner does
 * not run); NULL when none.  *BY (when BY) is set to the probe id that
 * heard it. */
const char *wrongproto_heard(const struct run *run, const char **by);
/* A session of probe BY met protocol HEARD ("SSH") where SMTP/FTP or
 * a TLS record was due: the probes after it skip (run->facts). */
void wrongproto_set(struct run *run, const char *heard, const char *by);
/* For protocol probe P's applies(): true when another protocol was
 * heard (by banner or by a probe other than P); REASON (SIZE bytes,
 * translated) then reads "the port speaks SSH, not FTP (banner)". */
bool wrongproto_skip(const struct probe *p, char *reason, size_t size);
/* The target's protocol as people write it ("FTP", "SMTP"...). */
const char *wrongproto_target_name(const struct run *run);

#endif
