/* refusal.h — the shared finding of issue 10: every 4xx/5xx, malformed or
 * late reply to a protocol step (SMTP RFC 5321, FTP RFC 959) is appended
 * to the probe's details under "refusals", so the diagnosis can quote the
 * step, the code, the enhanced code (RFC 3463) and the sanitized text. */
#ifndef SOCKDOC_REFUSAL_H
#define SOCKDOC_REFUSAL_H

#include <jansson.h>

struct probe;
struct reply;

/* Append {step, code, enhanced?, text, arg?} to P's "refusals" array.
 * STEP is the command as sent, upper case, no argument ("RCPT",
 * "greeting"); R the reply (NULL: none came, code 0); ARG the argument
 * when it is not secret (NULL: none).  The text is sanitized and bounded
 * here.  Returns the new object (owned by P's details) so the caller can
 * add "mechanism", "malformed", "late_ms" or "closed"; NULL on no memory. */
json_t *probe_add_refusal(struct probe *p, const char *step,
			  const struct reply *r, const char *arg);

/* Copy the RFC 3463 enhanced status code at the start of TEXT ("5.7.1")
 * into ENH (16 bytes, "" when none); returns 1 when found, else 0. */
int refusal_enhanced(const char *text, char *enh);

#endif
