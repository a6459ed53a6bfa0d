/* lab.h — the fault lab: SMTP and FTP servers on the program's own event
 * loop, each listener with one injected fault, so that help-desk staff,
 * the demo and the tests can see every failure on demand.  The lab serves
 * loopback only unless the caller names another address. */
#ifndef SOCKDOC_LAB_H
#define SOCKDOC_LAB_H

#include <stdbool.h>
#include <stddef.h>

#include "loop.h"
#include "target.h"

/* What a listener does wrong (one per fault in lab_faults[]). */
enum lab_kind {
	LAB_NONE = 0,            /* healthy */
	LAB_REFUSED,             /* port bound but not listening: RST to SYN */
	LAB_RESET_ON_CONNECT,    /* SO_LINGER 0 close right after accept */
	LAB_RESET_AFTER_GREETING,/* greeting, then RST */
	LAB_CLOSE_AFTER_COMMAND, /* FIN with no reply to the first command */
	LAB_BUSY,                /* 421 too many users at greeting */
	LAB_POLICY_REJECT,       /* 554 (SMTP) / 530 at login (FTP) */
	LAB_SLOW_GREETING,       /* greeting after ARG seconds */
	LAB_DRIP,                /* every reply one byte per ARG ms */
	LAB_GARBAGE,             /* binary, escapes, no CRLF, a huge line */
	LAB_RESET_AFTER_BYTES,   /* upload reset after ARG bytes */
	LAB_STALL_AFTER_BYTES,   /* upload stops being read after ARG bytes */
	LAB_SIZE_LIMIT,          /* SIZE ARG announced and enforced, FTP 552 */
	LAB_MAX_SESSIONS,        /* session ARG+1 gets 421 */
	LAB_IDLE_TIMEOUT,        /* control reset after ARG s without command */
	LAB_PASV_PRIVATE,        /* 227 with a private address, EPSV refused */
	LAB_PASV_CLOSED,         /* PASV/EPSV port refuses connections */
	LAB_ACTIVE_REFUSED,      /* PORT/EPRT accepted, transfers get 425 */
	LAB_EPSV_HANG,           /* EPSV is never answered */
	LAB_STARTTLS_REQUIRED,   /* TLS demanded before MAIL / login */
	LAB_AUTH_REQUIRED,       /* authentication demanded before MAIL */
	LAB_RESTART_EVERY        /* drops everything every ARG s, comes back */
};

/* Protocol bits of lab_fault.protos. */
#define LAB_P_SMTP (1u << PROTO_SMTP)
#define LAB_P_FTP (1u << PROTO_FTP)

/* One entry of the fault table: documentation and behaviour selector. */
struct lab_fault {
	const char *name;   /* stable token ("reset-on-connect") */
	enum lab_kind kind; /* behaviour */
	unsigned protos;    /* LAB_P_* bits it applies to */
	const char *arg;    /* parameter name ("SEC", "N", "MS") or NULL */
	long long def;      /* default parameter value */
	const char *desc;   /* one line, N_() marked: translate on output */
	const char *cause;  /* expected cause id (causes.md), "" = healthy */
	const char *ftp_cause; /* FTP's expected cause when it differs, or NULL */
	unsigned diagnosed; /* LAB_P_* bits: where today's chain already
			       names the cause (docs/lab-faults.md) */
};

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
