/* codes.h — the error codes explain knows: Winsock, errno, Outlook/Windows
 * Mail 0x800CCCxx, SMTP and FTP replies, curl exit codes, and the phrases
 * mail/FTP clients print instead of a code.  Each entry says what it means
 * and how it reaches the cause catalog (causes.h): through the Winsock and
 * Outlook codes the catalog lists, plus cause ids for families the catalog
 * has no column for (replies, curl, client phrases). */
#ifndef SOCKDOC_EXPLAIN_CODES_H
#define SOCKDOC_EXPLAIN_CODES_H

#include <stdbool.h>
#include <stddef.h>

/* Where a code comes from. */
enum code_family {
	CODE_WINSOCK = 0, /* WSAGetLastError(): 10004..11004 */
	CODE_ERRNO,       /* POSIX errno names (Linux values) */
	CODE_OUTLOOK,     /* Outlook/Windows Mail IXP_E_* 0x800CCCxx */
	CODE_SMTP,        /* SMTP reply code (RFC 5321) */
	CODE_FTP,         /* FTP reply code (RFC 959) */
	CODE_CURL,        /* curl exit code / CURLE_* */
	CODE_PHRASE,      /* a sentence a client prints (Thunderbird, FileZilla)
			     or a server's usual reply words (client "server") */
	CODE_ENHANCED     /* RFC 3463 enhanced status code "5.7.1" (SMTP) */
};

#define CODE_MAX_LINKS 4

/* One known code. */
struct code_def {
	enum code_family family;
	long number;              /* the value; 0 for phrases */
	const char *symbol;       /* "WSAECONNRESET", "IXP_E_FAILED_TO_CONNECT";
				     for phrases the matched text; may be NULL */
	const char *meaning;      /* N_() prose: what it says */
	int winsock[CODE_MAX_LINKS];   /* Winsock errors whose catalog causes
					  apply too (0-terminated) */
	const char *outlook[CODE_MAX_LINKS]; /* same for Outlook codes */
	const char *causes[CODE_MAX_LINKS];  /* cause ids the catalog cannot
						reach by code (NULL-terminated) */
	const char *client;       /* phrases: "thunderbird", "filezilla"; else NULL */
};

/* The tables, each terminated by an entry with meaning == NULL. */
extern const struct code_def codes_winsock[];
extern const struct code_def codes_errno[];
extern const struct code_def codes_outlook[];
extern const struct code_def codes_smtp[];
extern const struct code_def codes_ftp[];
extern const struct code_def codes_curl[];
extern const struct code_def codes_phrase[];
extern const struct code_def codes_enhanced[];

/* The enhanced status code at S ("5.7.1": class 4 or 5, subject and detail
 * up to 3 digits, nothing else after it): its entry, or the entry of its
 * class ("5.x.x") when the exact code is not in the table; NULL when S is
 * no enhanced code.  LEN receives the characters it spans (may be NULL). */
const struct code_def *code_enhanced_parse(const char *s, size_t *len);

/* Stable token of a family ("winsock", "outlook", "smtp"...). */
const char *code_family_name(enum code_family f);

/* Entry of FAMILY with NUMBER, NULL when unknown. */
const struct code_def *code_by_number(enum code_family f, long number);
/* Entry whose symbol is NAME (case-insensitive; "WSAECONNRESET",
 * "ECONNRESET", "CURLE_COULDNT_CONNECT", "IXP_E_..."), NULL if none. */
const struct code_def *code_by_symbol(const char *name);
/* Outlook code from "0x800CCC0E" / "800ccc0e", NULL if not one we know. */
const struct code_def *code_outlook_parse(const char *s);

/* Every entry a single token can mean ("421" is SMTP and FTP, "7" is a curl
 * exit code, "10054" Winsock...).  Fills OUT (up to MAX), returns count. */
int code_lookup(const char *token, const struct code_def **out, int max);

/* Display form of an entry's code: "10054", "0x800CCC0E", "421"; a
 * phrase's text (SIZE 160 holds every entry whole). */
void code_format(const struct code_def *c, char *buf, unsigned size);

/* The receiving protocol of Outlook code N: "pop3" for IXP_E_POP3_*
 * (0x800CCC90..9F) and the newer "incoming (POP3) server" errors, "imap"
 * for IXP_E_IMAP_* (0x800CCCD0..DF); NULL for any other. */
const char *code_outlook_protocol(long n);

#endif
