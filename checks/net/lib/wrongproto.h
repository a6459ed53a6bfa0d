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

struct run;

/* The protocol banner heard instead of the target's ("SSH", "HTTP",
 * "POP3", "IMAP": banner's result "other" and its sniff, run->facts);
 * NULL when banner did not run or heard none. */
const char *wrongproto_heard(const struct run *run);
/* For a protocol probe's applies(): true when banner heard another
 * protocol; REASON (SIZE bytes, translated) then reads "the port speaks
 * SSH, not FTP (banner)". */
bool wrongproto_skip(const struct run *run, char *reason, size_t size);
/* The target's protocol as people write it ("FTP", "SMTP"...). */
const char *wrongproto_target_name(const struct run *run);

#endif
