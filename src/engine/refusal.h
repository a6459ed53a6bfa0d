/* refusal.h — the shared finding shape of issue 10: every 4xx/5xx,
 * malformed or late reply a probe gets at any protocol step is appended
 * to its details under "refusals", an array of objects:
 *   step      the command as sent, upper case, no argument ("greeting",
 *             "EHLO", "RCPT", "PASS", "AUTH TLS", "PASV", "STOR"...)
 *   code      the reply code (int), 0 when none came
 *   enhanced  "x.y.z" (RFC 3463 / RFC 2034) when the text starts with one
 *   text      the reply text, sanitized, bounded, lines joined by " "
 *   arg       the argument sent when it is not secret (never a password)
 *   mechanism, malformed, late_ms, closed   optional, set by the caller on
 *             the returned object
 * The diagnosis (src/diagnose) maps these to causes. */
#ifndef SOCKDOC_REFUSAL_H
#define SOCKDOC_REFUSAL_H

#include <jansson.h>

#include "reply.h"

struct probe;

/* Append one refusal for STEP to P's details "refusals"; R may be NULL
 * (no reply: code 0), ARG may be NULL (not recorded).  The text is
 * sanitized here.  Returns the new object (borrowed: owned by the
 * details) so the caller can add "malformed", "late_ms", "closed",
 * "mechanism"; NULL when out of memory. */
json_t *probe_add_refusal(struct probe *p, const char *step,
			  const struct reply *r, const char *arg);

/* The enhanced status code "x.y.z" at the start of TEXT into BUF (SIZE
 * bytes, at least 12); false when the text does not start with one. */
bool refusal_enhanced(const char *text, char *buf, size_t size);

#endif
