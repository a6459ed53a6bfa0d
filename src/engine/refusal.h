/* refusal.h — the shared record of a server's refusal (issue 10): every
 * probe that gets a 4xx/5xx reply, a malformed reply or a late reply to a
 * protocol step appends one object to its details' "refusals" array, and
 * the diagnosis (src/diagnose/diagnose_refusals.c) turns each into a cause.
 *
 * One refusal object:
 *   step      the command as sent, upper case, no argument ("greeting",
 *             "EHLO", "RCPT", "DATA-END", "STOR", "PASV", ...)
 *   code      the reply code (RFC 5321 4.2 / RFC 959 4.2), 0 when none came
 *   enhanced  "x.y.z" (RFC 3463, RFC 2034) when present, else absent
 *   text      the reply text, sanitized and bounded, lines joined by " "
 *   arg       the argument sent when not secret (address, EHLO name,
 *             directory, file name); never a password or an AUTH blob
 *   mechanism (AUTH) the SASL mechanism
 *   malformed why the reply breaks the RFC ("227 numbers out of range")
 *   late_ms   the reply came this many ms after --timeout expired
 *   closed    true: the server closed the connection after it */
#ifndef SOCKDOC_REFUSAL_H
#define SOCKDOC_REFUSAL_H

#include <jansson.h>
#include <stdbool.h>

#include "probe.h"
#include "reply.h"

/* The declaration of the "refusals" key for a probe's details table
 * (struct probe_detail, probe.h): put it in the table of every probe that
 * calls probe_add_refusal(). */
#define PROBE_DETAIL_REFUSALS \
	{ "refusals", DT_ARRAY, NULL, \
	  "server refusals: [{step, code, enhanced, text, arg, mechanism, " \
	  "malformed, late_ms, closed}] (refusal.h)" }

#define REFUSAL_TEXT_MAX 512  /* bytes kept of a reply's text */
#define REFUSAL_MAX 32        /* refusals kept per probe; later ones dropped */

/* Append the refusal of STEP answered by R (NULL: no reply came, code 0)
 * with the non-secret argument ARG (NULL: none) to P's details; the
 * enhanced code is read from the start of R's text.  Returns the new object
 * (borrowed, for refusal_set_*), NULL when REFUSAL_MAX are kept already. */
json_t *probe_add_refusal(struct probe *p, const char *step,
			  const struct reply *r, const char *arg);

/* The same from parts: CODE (0 none), ENHANCED ("x.y.z", NULL or "" to
 * parse it from TEXT), TEXT (untrusted, any length; NULL none). */
json_t *probe_add_refusal_parts(struct probe *p, const char *step, int code,
				const char *enhanced, const char *text,
				const char *arg);

/* Mark refusal R: the reply breaks the RFC because of WHY. */
void refusal_set_malformed(json_t *r, const char *why);
/* Mark refusal R: the reply came MS after the timeout expired. */
void refusal_set_late(json_t *r, long long ms);
/* Mark refusal R: the server closed the connection after it. */
void refusal_set_closed(json_t *r);
/* Set the SASL mechanism of an AUTH refusal R. */
void refusal_set_mechanism(json_t *r, const char *mech);

/* Read an RFC 3463 enhanced status code "class.subject.detail" (class 2, 4
 * or 5; subject and detail up to 3 digits, then a blank or the end) at the
 * start of TEXT (after blanks; NULL: none) into BUF (SIZE bytes, "" when
 * none); true when there is one. */
bool refusal_enhanced_n(const char *text, char *buf, size_t size);
/* refusal_enhanced(TEXT, BUF, SIZE), or (TEXT, BUF) with BUF of 16 bytes:
 * both forms the probe branches call compile (chosen by argument count). */
#define REFUSAL_ENH_PICK(a, b, c, name, ...) name
#define refusal_enhanced(...) \
	REFUSAL_ENH_PICK(__VA_ARGS__, refusal_enhanced_n, \
			 REFUSAL_ENH_16, -)(__VA_ARGS__)
#define REFUSAL_ENH_16(text, buf) refusal_enhanced_n((text), (buf), 16)

#endif
