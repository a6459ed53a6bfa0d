/* explain.h — `sockdoc explain CODE-OR-TEXT`: what an error code or a pasted
 * client error message means, which catalog causes produce it, which probes
 * tell them apart, and the sockdoc command that diagnoses exactly the
 * settings the message names.  The library part (parse, rank, command) is
 * what the TUI uses to pre-fill the wizard. */
#ifndef SOCKDOC_EXPLAIN_H
#define SOCKDOC_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "causes.h"
#include "explain_codes.h"
#include "target.h"

#define EXPLAIN_INPUT_MAX (64 * 1024) /* longest text read or parsed */
#define EXPLAIN_MAX_CODES 16          /* distinct codes kept per message */
#define EXPLAIN_MAX_REPLIES 8         /* reply codes kept per message */
#define EXPLAIN_MAX_CAUSES 24         /* ranked causes kept */
#define EXPLAIN_MAX_ARGS 12           /* words of the suggested command */

/* The client's security setting as the message states it. */
enum explain_ssl { EXPLAIN_SSL_UNKNOWN = 0, EXPLAIN_SSL_NO, EXPLAIN_SSL_YES };

/* What a pasted message says.  Every string is sanitized (safe to print). */
struct explain_msg {
	char client[16];        /* "outlook", "thunderbird", "filezilla", "" */
	char account[128];      /* Outlook account name, "" if none */
	char server[256];       /* server as written (not trimmed), "" if none */
	bool server_given;      /* the text had a server field, even empty */
	char protocol[8];       /* "smtp", "ftp", "pop3", "imap", "" unknown */
	int port;               /* 0 when unknown */
	enum explain_ssl ssl;   /* Outlook "Secure (SSL)" / "Защита (SSL)" */
	int socket_error;       /* Winsock code from "Socket Error:", 0 none */
	char error_number[16];  /* "0x800CCC0E", "" none */
	int replies[EXPLAIN_MAX_REPLIES]; /* SMTP/FTP reply codes seen */
	int nreplies;           /* used entries in replies */
	const struct code_def *codes[EXPLAIN_MAX_CODES]; /* every code and
					   client phrase recognised, in order */
	int ncodes;             /* used entries in codes */
	char pasv_host[64];     /* FileZilla: address a 227 reply advertised */
	char client_name[256];  /* the client's own name or address a server's
				   refusal quotes ("<name>: Helo command
				   rejected"), never taken as the server */
};

/* A cause that can produce the message, with its rank reason. */
struct explain_cause {
	const struct cause_def *def; /* catalog entry */
	int score;                   /* how many of the message's clues point
					here (higher ranks first) */
};

/* The suggested command, argv-style (argv[0] = "sockdoc"). */
struct explain_cmd {
	const char *argv[EXPLAIN_MAX_ARGS + 1]; /* NULL-terminated */
	int argc;                     /* used entries */
	bool placeholder;             /* the server is missing: the user must
					 fill in "<SERVER>" */
	char target[320];             /* storage for the target word */
	char port[8];                 /* storage for a --port value */
};

/* Parse TEXT (LEN bytes, at most EXPLAIN_INPUT_MAX used) into MSG.
 * Returns true when anything was recognised (a code, phrase or field). */
bool explain_parse(const char *text, size_t len, struct explain_msg *msg);

/* Rank the catalog causes for MSG into OUT (up to MAX); returns count. */
int explain_rank(const struct explain_msg *msg, struct explain_cause *out,
		 int max);

/* Build the sockdoc command that diagnoses MSG's settings (SMTP, FTP,
 * POP3 or IMAP).  Returns false when the message names a protocol sockdoc
 * does not test. */
bool explain_command(const struct explain_msg *msg, struct explain_cmd *cmd);

/* MSG's settings as the wizard's fields: the protocol (PROTO_UNKNOWN
 * when not known) and the security mode (TLS_AUTO when the message does not
 * say).  The host is msg->server, the port msg->port (0: default). */
void explain_settings(const struct explain_msg *msg, enum proto *proto,
		      enum tls_mode *tls);

/* CMD as one shell-safe line ("sockdoc --report ... 'smtp://x:25'"). */
void explain_command_line(const struct explain_cmd *cmd, char *buf,
			  size_t size);

/* A finding about the server field (empty, spaces, a URL...) as translated
 * prose, or NULL when the field looks sane or was not given. */
const char *explain_server_finding(const struct explain_msg *msg);

/* True when MSG's own fields show the textbook security mismatch: port
 * 465/993/995/990 (TLS from the first byte) with SSL off (Outlook's
 * Secure(SSL): Yes on 587 is STARTTLS as often as SSL, so not the reverse);
 * the evidence, translated, into BUF (SIZE bytes) unless BUF is NULL. */
bool explain_mode_mismatch(const struct explain_msg *msg, char *buf,
			   size_t size);

/* Opens the wizard with sockdoc's command-line arguments ARGV (argv[0]
 * "sockdoc", no --report); returns the exit code.  Given by main, so
 * explain does not depend on the wizard's library. */
typedef int (*explain_wizard_fn)(int argc, char **argv);

/* `sockdoc explain [--format text|json] [--wizard] CODE-OR-TEXT|-`;
 * argv[0] is "explain".  Exit 0 when explained, 2 when nothing was
 * recognised or on a usage error (an unknown option).  With --wizard
 * the wizard opens with the message's settings through WIZARD. */
int explain_main(int argc, char **argv, explain_wizard_fn wizard);

#endif
