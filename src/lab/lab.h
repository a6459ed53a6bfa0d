/* lab.h — the fault lab: SMTP, FTP, POP3 and IMAP servers on the
 * program's own event loop, each listener with one injected fault, so
 * that help-desk staff, the demo and the tests can see every failure on
 * demand.  The lab serves loopback only unless the caller names another
 * address. */
#ifndef SOCKDOC_LAB_H
#define SOCKDOC_LAB_H

#include <stdbool.h>
#include <stddef.h>

#include "loop.h"
#include "target.h"

/* How a fault behaves, step by step (lab_int.h): the servers ask these
 * hooks and never which fault they serve. */
struct lab_hooks;

/* Protocol bits of lab_fault.protos. */
#define LAB_P_SMTP (1u << PROTO_SMTP)
#define LAB_P_FTP (1u << PROTO_FTP)
#define LAB_P_POP3 (1u << PROTO_POP3)
#define LAB_P_IMAP (1u << PROTO_IMAP)
#define LAB_P_TCP (1u << PROTO_TCP) /* a silent sink: reads, discards */

/* One entry of the fault table: documentation, behaviour, and what the
 * generated test (tests/integration/lab_faults.sh) expects. */
struct lab_fault {
	const char *name;   /* stable token ("reset-on-connect") */
	const struct lab_hooks *hooks; /* behaviour per protocol step */
	unsigned protos;    /* LAB_P_* bits it applies to */
	const char *arg;    /* parameter name ("SEC", "N", "MS") or NULL */
	long long def;      /* default parameter value */
	long long max;      /* largest parameter accepted */
	bool arg_size;      /* ARG is a size ("700K"), else a count >= 1 */
	const char *desc;   /* one line, N_() marked: translate on output */
	const char *cause;  /* expected cause id (causes.md), "" = healthy */
	const char *ftp_cause; /* FTP's expected cause when it differs, or NULL */
	const char *example; /* ARG the test and docs serve, NULL = default */
	const char *smtp_evidence; /* text in the SMTP report's evidence for
				      the cause; NULL: the plain report
				      cannot tell yet (no test) */
	const char *ftp_evidence;  /* the same for FTP */
	const char *pop3_evidence; /* the same for POP3 */
	const char *imap_evidence; /* the same for IMAP */
	const char *mail_args; /* extra --report options for POP3/IMAP */
	const char *tcp_evidence;  /* the same for tcp:// */
	const char *smtp_args; /* extra --report options for SMTP, or NULL */
	const char *tcp_args;  /* extra --report options for tcp://, or NULL */
	unsigned listed;    /* LAB_P_* where the cause is listed, not first */
	/* docs/lab-faults.md (English reference, generated) */
	const char *doc_does; /* what the lab does on the wire */
	const char *doc_sees; /* what a real client sees (tested) */
	const char *doc_by;   /* which probe names the cause ("now" = today) */
};

/* The evidence text F's report shows over PROTO, NULL when untested. */
const char *lab_fault_evidence(const struct lab_fault *f, enum proto proto);

/* Every fault, in the order `sockdoc lab --list` shows them. */
extern const struct lab_fault lab_faults[];
extern const int lab_nfaults;

/* The cause F should produce when served over PROTO. */
const char *lab_fault_cause(const struct lab_fault *f, enum proto proto);
/* Entry whose name is NAME (without ":ARG"), NULL when unknown. */
const struct lab_fault *lab_fault_find(const char *name);
/* Split SPEC "name[:arg]" into its fault and parameter (the default when
 * absent).  Returns NULL with a translated message in ERR when invalid. */
const struct lab_fault *lab_fault_parse(const char *spec, long long *arg,
					char *err, size_t errlen);

struct lab;

/* Extra --report options the generated test passes for F over PROTO. */
const char *lab_fault_args(const struct lab_fault *f, enum proto proto);

/* An empty lab serving on LOOP (not owned); NULL when out of memory. */
struct lab *lab_new(struct loop *loop);
/* Serve PROTO with the fault FAULT_SPEC on LISTEN ("ADDR:PORT", "[::1]:0";
 * NULL = 127.0.0.1:0).  Returns the bound port, or -1 with a translated
 * message in ERR. */
int lab_add(struct lab *lab, enum proto proto, const char *fault_spec,
	    const char *listen, char *err, size_t errlen);
/* Close every listener and session (with RST) and free the lab. */
void lab_free(struct lab *lab);

/* `sockdoc lab ...` (argv[0] == "lab"): serve until SIGINT/SIGTERM. */
int lab_main(int argc, char **argv);
/* `sockdoc demo [FAULT]` (argv[0] == "demo"): the lab diagnosed. */
int demo_main(int argc, char **argv);

#endif
