/* ftp_refusals.h — the replies of one libcurl FTP session judged by the
 * RFCs (959, 2428, 4217), not by whether libcurl went on: every 4xx/5xx,
 * every reply that is not the one the RFC prescribes for a mode command
 * (a 229 to PASV, a 227 with numbers above 255), and every reply that
 * came after --timeout, appended to the probe's "refusals" (refusal.h). */
#ifndef SOCKDOC_FTP_REFUSALS_H
#define SOCKDOC_FTP_REFUSALS_H

#include <stdbool.h>

#include "ftp_session.h"

struct probe;

/* Why the reply CODE/TEXT to VERB breaks the RFC, or NULL.  Only the
 * commands with one prescribed success reply are judged: PASV 227, EPSV
 * 229, PORT/EPRT/PBSZ/PROT 200, AUTH 234 (RFC 4217); 4xx/5xx are
 * refusals, not malformed.  BUF (SIZE bytes) holds built texts. */
const char *ftp_malformed(const char *verb, int code, const char *text,
			  char *buf, size_t size);

/* Append the refusals of session S to P's details (no duplicates of an
 * entry already there: a retried attempt adds nothing new). */
void ftp_session_refusals(struct probe *p, const struct ftp_session *s);

/* The step name of refusal.h for log entry I of S: "greeting" for the
 * first unasked reply, "AUTH TLS" for AUTH, the command a transfer's end
 * reply belongs to for other unasked replies. */
const char *ftp_step_name(const struct ftp_session *s, int i);

#endif
