/* diagnose.h — rules that read findings (probe statuses and details, as
 * JSON) and conclude causes with evidence.  Pure: no network, so tests feed
 * hand-made findings and check the causes that come out. */
#ifndef SOCKDOC_DIAGNOSE_H
#define SOCKDOC_DIAGNOSE_H

#include <jansson.h>
#include <stdbool.h>

/* How sure a cause is. */
enum confidence { CONF_LOW = 1, CONF_MEDIUM = 2, CONF_HIGH = 3 };

/* The rules' working state. */
struct diag {
	json_t *findings;  /* {"target": {...}, "probes": [{id,status,details}]} */
	json_t *causes;    /* array being built */
};

/* A rule: reads d->findings, adds causes with diag_cause(). */
typedef void (*diag_rule)(struct diag *d);

/* Run every rule over FINDINGS (borrowed); returns the ranked causes array
 * (new reference) in the report's format. */
json_t *diagnose(json_t *findings);

/* The verdict of a run from its PROBES and ranked CAUSES: "problems" when
 * any cause was concluded (a failed probe always yields one, see
 * diagnose_refusals.c), "inconclusive" only when nothing was concluded and
 * a probe could not do its job (error: budget, local resources), else
 * "ok". */
const char *diag_verdict(json_t *probes, json_t *causes);

/* Details object of probe ID, NULL when absent or not run. */
json_t *diag_details(struct diag *d, const char *probe_id);
/* Status token of probe ID ("ok", "fail"...), "absent" when missing. */
const char *diag_status(struct diag *d, const char *probe_id);
/* True when probe ID has status TOKEN. */
bool diag_is(struct diag *d, const char *probe_id, const char *token);
/* The target object of the findings. */
json_t *diag_target(struct diag *d);

/* Integer / string / bool member of probe ID's details (DEF when absent). */
long long diag_int(struct diag *d, const char *probe_id, const char *key,
		   long long def);
const char *diag_str(struct diag *d, const char *probe_id, const char *key);
bool diag_bool(struct diag *d, const char *probe_id, const char *key);

/* Add (or strengthen) cause ID with CONF; returns the cause object so
 * evidence and extra fixes can be added.  Title, catalog fixes and client
 * errors are filled from the catalog. */
json_t *diag_cause(struct diag *d, const char *id, enum confidence conf);
/* True when cause ID is already concluded. */
bool diag_has(struct diag *d, const char *id);
/* Append a formatted (already translated) evidence line to CAUSE. */
void diag_evidence(json_t *cause, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Put a measured, specific fix first in CAUSE's fixes. */
void diag_fix_first(json_t *cause, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Catalog fix K of a cause (causes.c), as a bit for diag_fix_instead. */
#define DIAG_GENERIC(k) (1u << (k))
/* Like diag_fix_first, and drop the catalog's generic fixes in the mask
 * DROP (DIAG_GENERIC bits) that the measured fix says better, so a fix
 * is not given twice ("open the passive range" generic and measured). */
void diag_fix_instead(json_t *cause, unsigned drop, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Drop the catalog's generic fixes in the mask DROP (DIAG_GENERIC bits)
 * from CAUSE without adding one: a fix that does not apply to this run
 * ("use one of the suggested names" when none was found). */
void diag_fix_drop(json_t *cause, unsigned drop);

/* Ranking classes (diagnose.c): a cause concluded from the whole watch
 * timeline outranks a single round's failure; input corrections rank below
 * any fault the corrected value still shows.  Kept under RANK_KEY in the
 * cause object until the ranking, then removed. */
#define RANK_KEY "_rank_class"
enum { RANK_TIMELINE = 0, RANK_PLAIN = 1, RANK_INPUT = 2 };
/* Mark CAUSE as concluded from the whole watch timeline. */
void diag_timeline(json_t *cause);

/* Token for a confidence ("high"...). */
const char *confidence_name(enum confidence c);

/* Rule tables, one per family of causes, each NULL-terminated; the
 * families are listed in diagnose_rules.c. */
extern const diag_rule diag_rules_dns[];    /* name resolution, ipv6 */
extern const diag_rule diag_rules_net[];    /* input, dns, tcp, greeting */
extern const diag_rule diag_rules_crossproto[]; /* SMTP vs FTP on a port */
extern const diag_rule diag_rules_path[];   /* proxy, client certificate */
extern const diag_rule diag_rules_smtp[];   /* tls, auth, smtp */
extern const diag_rule diag_rules_ftp[];    /* ftp data, ftp tls */
extern const diag_rule diag_rules_mailrecv[]; /* POP3, IMAP */
extern const diag_rule diag_rules_trials[]; /* transfers, load, watch, local */
extern const diag_rule diag_rules_refusals[]; /* every server refusal */
extern const diag_rule diag_rules_limits[]; /* local.resource, MTU, MX */
extern const diag_rule diag_rules_tls_version[]; /* an old server TLS */
/* The first command after a good greeting (diagnose_session.c). */
void diag_rule_first_command(struct diag *d);
/* diagnose_session.c: server.endless_reply (EHLO/FTP reply never ends). */
void diag_rule_endless_reply(struct diag *d);
/* diagnose_session.c: transfer.stall_timeout for a reply stopped
 * half-way (EHLO 250- lines, then silence). */
void diag_rule_stalled_reply(struct diag *d);
/* diagnose_wrongproto.c: service.wrong_protocol from a session that met
 * another protocol (details "wrong_protocol": implicit TLS). */
void diag_rule_wrong_protocol_session(struct diag *d);
/* The words for what a port sent instead of a greeting, by the banner's
 * sniff token ("ssh": "an SSH server"). */
const char *diag_sniff_words(const char *sniff);
/* The measured fix for protocol SNIFF on the port, first in CAUSE (an
 * SFTP client for SSH on an FTP target); none for the others. */
void diag_wrongproto_fix(struct diag *d, json_t *cause, const char *sniff);
/* All families, NULL-terminated (diagnose_rules.c). */
/* refusal_ftp.c: true when the FTP login sockdoc tried was the
 * anonymous one (ftp.login details "anonymous") and the server refused it
 * with CODE 530 and TEXT naming no policy (address, host, ban): a server
 * without anonymous login that wants a named account, not a block. */
bool ftp_anonymous_refused(struct diag *d, int code, const char *text);
/* refusal_ftp.c: on CAUSE (auth.rejected), say so and give the one fix
 * that applies: enter a user name and password (once per cause). */
void ftp_anonymous_advice(json_t *cause);
extern const diag_rule *const diag_families[];

#endif
