/* smtp_probe.h — what the SMTP probes share: when they apply, the session
 * configuration they start from, and reading smtp.ehlo's findings. */
#ifndef SOCKDOC_SMTP_PROBE_H
#define SOCKDOC_SMTP_PROBE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "run.h"
#include "smtp_dialog.h"
#include "smtp_session.h"

struct probe;
struct run;

/* Sessions at the head of an SMTP probe's state (smtp.ehlo, tls,
 * smtp.auth, smtp.transaction): struct smtp_sess s[SMTP_PROBE_SESS] as
 * its first member, so one destructor stops them all. */
#define SMTP_PROBE_SESS 2
/* The state destructor (probe_state_new) of those probes: stops the
 * sessions at the head of STATE (a zeroed one is a no-op). */
void smtp_probe_state_dtor(void *state);

/* True for an SMTP target whose server answered a TCP connect and did
 * not answer in another protocol (banner: wrongproto.h); else a
 * translated reason in REASON. */
bool smtp_probe_common_applies(struct probe *p, char *reason, size_t size);
/* The server's name: the MX host the dns probe used for an e-mail
 * target, else the target host (for SNI and the certificate check). */
const char *smtp_probe_host(struct run *run);
/* A session configuration for the open address of P's run: LABEL, SEC,
 * VERIFY, the target host for SNI, --timeout, --cacert, "NOOP". */
void smtp_probe_cfg(struct probe *p, struct smtp_sess_cfg *cfg,
		    const char *label, enum smtp_sec sec, bool verify);
/* A dialogue configuration (smtp_dialog) for the open address of P's
 * run: LABEL, implicit TLS when SEC says so, the target host for SNI,
 * --timeout, --cacert; no steps, no verification, default EHLO name. */
void smtp_probe_dlg_cfg(struct probe *p, struct sdlg_cfg *cfg,
			const char *label, enum smtp_sec sec);
/* The 4xx/5xx replies of libcurl session S (greeting, EHLO, HELO,
 * STARTTLS, AUTH, MAIL, RCPT, DATA; not sockdoc's own HELP/NOOP) into P's
 * "refusals"; PORT > 0 adds "port" (smtp.ports). */
void smtp_probe_sess_refusals(struct probe *p, const struct smtp_sess *s,
			      int port);
/* True when smtp.ehlo found an SMTP server (ended ok or warn). */
bool smtp_probe_ehlo_found(struct run *run);
/* The mode smtp.ehlo measured ("plain", "implicit"), "none" without
 * (run->facts.smtp_mode). */
const char *smtp_probe_mode(struct run *run);
/* The capabilities smtp.ehlo saw (run->facts.smtp_caps), all false when
 * it found no server. */
struct run_smtp_caps smtp_probe_caps(struct run *run);
/* The security to use for a session that wants TLS: implicit when the
 * port speaks it, STARTTLS when offered, plain otherwise. */
enum smtp_sec smtp_probe_best_sec(struct run *run);

#endif
