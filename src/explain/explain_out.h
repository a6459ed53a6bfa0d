/* out.h — explain's writers and the prose they share (internal). */
#ifndef SOCKDOC_EXPLAIN_OUT_H
#define SOCKDOC_EXPLAIN_OUT_H

#include <stdio.h>

#include "explain.h"

/* Everything one explanation shows, computed once for both writers. */
struct explain_result {
	const char *input;        /* the raw input (sanitized when shown) */
	size_t input_len;         /* its length */
	struct explain_msg msg;   /* what the input says */
	struct explain_cause causes[EXPLAIN_MAX_CAUSES]; /* ranked */
	int ncauses;              /* used entries */
	struct explain_cmd cmd;   /* the suggested command */
	bool has_cmd;             /* false for POP3/IMAP messages */
	bool bare_code;           /* the input was one code, no message */
};

/* Parse R->input (R->input_len bytes), rank the causes and build the
 * command into R: the one reading `sockdoc explain` and the wizard's
 * paste step share.  False when nothing was recognised. */
bool explain_analyse(struct explain_result *r);

/* Background for programmers behind code C (TCP has no message
 * boundaries, hard close, 10053 vs 10054...): NULL-terminated N_() texts,
 * or NULL when there is none. */
const char *const *explain_notes(const struct code_def *c);

/* Probe ids named in a catalog probes field ("reach, banner") into IDS
 * (up to MAX, static strings); returns the count. */
int explain_probe_list(const char *probes, const char **ids, int max);
/* What probe ID observes (translated), "" when unknown. */
const char *explain_probe_what(const char *id);
/* Option that turns probe ID on ("--trials upload"), NULL if it always runs. */
const char *explain_probe_option(const char *id);

/* Text report, grouped: what it means, causes, probes, what to run. */
int explain_write_text(const struct explain_result *r, FILE *out);
/* JSON object for the TUI and scripts. */
int explain_write_json(const struct explain_result *r, FILE *out);

#endif
