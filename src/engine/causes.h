/* causes.h — the cause catalog (docs/causes.md): for each stable id
 * its title, the fixes, and the client errors it produces.  The diagnosis
 * picks causes from here; explain reads it to answer "what can 10054 be". */
#ifndef SOCKDOC_CAUSES_H
#define SOCKDOC_CAUSES_H

#include <stdbool.h>

#define CAUSE_MAX_FIXES 4
#define CAUSE_MAX_CODES 6
#define CAUSE_MAX_REFINES 5

/* One catalog entry.  Strings are N_() marked: translate on output. */
struct cause_def {
	const char *id;                        /* stable id */
	const char *title;                     /* one line */
	const char *fixes[CAUSE_MAX_FIXES];    /* NULL-terminated */
	int winsock[CAUSE_MAX_CODES];          /* 0-terminated */
	const char *outlook[CAUSE_MAX_CODES];  /* NULL-terminated */
	const char *probes;                    /* probes that tell it apart */
	/* What FileZilla prints for it (English, untranslated), NULL-ended. */
	const char *filezilla[CAUSE_MAX_CODES];
	/* Ids this cause is a more specific case of: when both are concluded
	 * it ranks before them (smtp.port25_blocked refines tcp.filtered). */
	const char *refines[CAUSE_MAX_REFINES];
	/* Not a fault: the server asks the client to come back later and a
	 * normal client succeeds then (greylisting).  Monitoring reports it
	 * as WARNING at most, whatever the confidence. */
	bool transient;
};

/* Every cause, catalog order (also the tie-break of the ranking). */
extern const struct cause_def cause_catalog[];
extern const int cause_catalog_size;

/* Entry for ID, NULL when unknown. */
const struct cause_def *cause_find(const char *id);
/* Position of ID in the catalog (for ranking), large when unknown. */
int cause_rank(const char *id);
/* True when cause ID is declared a more specific case of OTHER (every
 * specific cause refines the generic server.refused_step and
 * check.unexplained). */
bool cause_refines(const char *id, const char *other);
/* The fixes of DEF for a target of protocol PROTO ("ftp", "smtp"...;
 * NULL or "" when unknown): the FTP wording (causes_ftp.c) when DEF has
 * one and PROTO is FTP, else DEF's own.  NULL-terminated, at most
 * CAUSE_MAX_FIXES. */
const char *const *cause_fixes(const struct cause_def *def, const char *proto);
/* The FTP wording of cause ID's fixes, where the catalog's speak of mail
 * ports or mail clients (causes_ftp.c); NULL when the catalog's fit FTP.
 * Same length and order as the catalog's (DIAG_GENERIC bits apply). */
const char *const *cause_ftp_fixes(const char *id);
/* True when PROTO names FTP ("ftp", "ftps"). */
bool cause_proto_ftp(const char *proto);
/* True when PROTO names a mail protocol (SMTP, POP3, IMAP and their TLS
 * forms): Outlook's codes apply only there, FileZilla's only to FTP. */
bool cause_proto_mail(const char *proto);

#endif
