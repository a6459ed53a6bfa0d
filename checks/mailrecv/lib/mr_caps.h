/* mr_caps.h — what a POP3 server lists in answer to CAPA (RFC 2449) and
 * an IMAP server in its CAPABILITY (RFC 9051 7.2.2, RFC 3501 7.2.1), and
 * the bracketed response codes of both (RFC 2449 8, RFC 3206; RFC 5530,
 * RFC 9051 7.1). */
#ifndef SOCKDOC_MR_CAPS_H
#define SOCKDOC_MR_CAPS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define MR_MAX_MECHS 8

/* A capability list. */
struct mr_caps {
	bool seen;           /* a list came (CAPA +OK, or CAPABILITY) */
	bool stls;           /* STLS (POP3, RFC 2595 4) / STARTTLS (IMAP) */
	bool user;           /* POP3 USER: USER/PASS allowed */
	bool logindisabled;  /* IMAP LOGINDISABLED: LOGIN refused (RFC 9051
			      * 6.2.3) */
	bool resp_codes;     /* POP3 RESP-CODES */
	bool auth_resp_code; /* POP3 AUTH-RESP-CODE (RFC 3206) */
	bool sasl_ir;        /* IMAP SASL-IR */
	int login_delay;     /* POP3 LOGIN-DELAY seconds, -1 none */
	char mechs[MR_MAX_MECHS][24]; /* SASL mechanisms, upper case */
	int nmechs;          /* used entries */
	char raw[512];       /* the list as sent, sanitized, ' ' joined */
};

/* Reset C to "nothing seen". */
void mr_caps_init(struct mr_caps *c);
/* Add one POP3 CAPA line ("SASL PLAIN LOGIN", "STLS", "USER"). */
void mr_caps_pop3_line(struct mr_caps *c, const char *line);
/* Add the words of an IMAP capability list ("IMAP4rev1 STARTTLS
 * AUTH=PLAIN LOGINDISABLED"). */
void mr_caps_imap_list(struct mr_caps *c, const char *list);
/* True when mechanism MECH (any case) is offered. */
bool mr_caps_has_mech(const struct mr_caps *c, const char *mech);
/* C as {"seen","stls","user","logindisabled","sasl":[...],"raw",...}. */
json_t *mr_caps_json(const struct mr_caps *c);

/* The response code at the start of TEXT ("[IN-USE] Mailbox locked"):
 * its atom, upper case, into CODE (SIZE bytes, "" when none), and a
 * pointer to the text after it.  "[SYS/TEMP]" gives "SYS/TEMP",
 * "[CAPABILITY IMAP4rev1 ...]" gives "CAPABILITY". */
const char *mr_resp_code(const char *text, char *code, size_t size);

#endif
