/* diagnose_refusals.h — the rules that turn every server refusal recorded
 * under a probe's details "refusals" (src/engine/refusal.h) into a cause:
 * a family classifier per protocol picks the specific cause, and what no
 * family knows falls to server.refused_step, quoting step, code, enhanced
 * code and text with the side the fix lies on. */
#ifndef SOCKDOC_DIAGNOSE_REFUSALS_H
#define SOCKDOC_DIAGNOSE_REFUSALS_H

#include <jansson.h>
#include <stdbool.h>

#include "diagnose.h"

/* Where the fix of a refusal lies. */
enum fix_side {
	SIDE_NONE = 0,   /* not decided: the generic rule guesses from codes */
	SIDE_CLIENT,     /* the user's client: its settings or addresses */
	SIDE_SERVER,     /* the server's administrator */
	SIDE_PROVIDER,   /* the mail/hosting provider (policy, accounts) */
	SIDE_NETWORK,    /* something on the way (firewall, NAT) */
	SIDE_WAIT        /* nobody: a temporary state, retry later */
};

/* What a classifier concluded from one refusal. */
struct rclass {
	const char *id;        /* cause id, NULL: not this family's */
	enum confidence conf;  /* how sure */
	enum fix_side side;    /* where the fix lies */
	const char *supersede; /* a cause this one replaces when concluded
				* from the same reply text, NULL none */
};

/* One refusal seen in the findings, with where it was found. */
struct rseen {
	const char *probe;     /* probe id that recorded it */
	json_t *r;             /* the refusal object (borrowed) */
	const char *step;      /* r.step, "" when absent */
	int code;              /* r.code */
	const char *enh;       /* r.enhanced, "" when absent */
	const char *text;      /* r.text, "" when absent */
	const char *arg;       /* r.arg, "" when absent */
};

/* Classify R (an SMTP session's refusal) into OUT; false when no SMTP
 * family applies (refusal_smtp.c). */
bool refusal_class_smtp(struct diag *d, const struct rseen *r,
			struct rclass *out);
/* Classify R (an FTP session's refusal) into OUT; false when no FTP family
 * applies (refusal_ftp.c). */
bool refusal_class_ftp(struct diag *d, const struct rseen *r,
		       struct rclass *out);
/* Specific evidence and fixes for the cause C concluded from R (the names:
 * HELO name, mechanism, directory, retry delay), refusal_detail.c. */
void refusal_detail(struct diag *d, json_t *c, const struct rseen *r);

/* True when TEXT holds WORD, any case. */
bool says(const char *text, const char *word);
/* True when the enhanced code ENH equals CODE ("5.7.1") or, when CODE
 * ends in ".", starts with it ("5.7."). */
bool enh_is(const char *enh, const char *code);

#endif
