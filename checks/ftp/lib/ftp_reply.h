/* ftp_reply.h — pure decoders for what an FTP server says, shared by the
 * ftp.* probes and unit-tested without a network: the 227 (PASV) and 229
 * (EPSV) replies, how an advertised data address relates to the control
 * connection's, and what a 421/530/534 reply means. */
#ifndef SOCKDOC_FTP_REPLY_H
#define SOCKDOC_FTP_REPLY_H

#include <stdbool.h>
#include <sys/socket.h>

/* Parse "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)" (the parentheses
 * are optional, RFC 1123 4.1.2.6): the first six comma-separated numbers
 * 0..255.  Fills SS (IPv4) with address and port; false on junk. */
bool ftp_parse_227(const char *text, struct sockaddr_storage *ss);

/* Why a 227 reply breaks RFC 959 4.1.2 / RFC 1123 4.1.2.6: "227 numbers
 * out of range" (a number above 255), "227 advertises port 0", "227
 * without h1,h2,h3,h4,p1,p2"; NULL when it is well-formed. */
const char *ftp_check_227(const char *text);
/* Why a 229 reply breaks RFC 2428 section 3, or NULL when well-formed. */
const char *ftp_check_229(const char *text);

/* Parse "229 Entering Extended Passive Mode (|||port|)" (RFC 2428): the
 * delimiter is any printable character.  Returns the port 1..65535, or -1. */
int ftp_parse_229(const char *text);

/* How an address advertised in 227 relates to the control connection. */
enum ftp_addr_class {
	FTP_ADDR_SAME = 0,  /* the control connection's address */
	FTP_ADDR_ZERO,      /* 0.0.0.0: the server did not know its address */
	FTP_ADDR_LOOPBACK,  /* 127.0.0.0/8 while the control peer is not */
	FTP_ADDR_PRIVATE,   /* RFC 1918 / CGNAT / link-local: behind NAT */
	FTP_ADDR_OTHER      /* some other host */
};

/* Classify ADV (the advertised address) against CTRL (the control
 * connection's peer).  Ports are ignored. */
enum ftp_addr_class ftp_classify_addr(const struct sockaddr *adv,
				      const struct sockaddr *ctrl);
/* Token for a class ("same", "zero", "loopback", "private", "other"). */
const char *ftp_addr_class_name(enum ftp_addr_class c);

/* Why a greeting or login was refused, decoded from code and text. */
enum ftp_refusal {
	FTP_REFUSAL_NONE = 0,
	FTP_REFUSAL_BUSY,         /* 421 too many users/connections, try later */
	FTP_REFUSAL_NOT_ALLOWED,  /* 421/530 policy: host or account not allowed */
	FTP_REFUSAL_TLS_REQUIRED, /* 530/534/550 encryption required */
	FTP_REFUSAL_BAD_LOGIN,    /* 530 login incorrect */
	FTP_REFUSAL_OTHER         /* some other 4xx/5xx */
};

/* Decode a refusal reply CODE with TEXT (may be NULL). */
enum ftp_refusal ftp_decode_refusal(int code, const char *text);
/* Token for a refusal ("busy", "not_allowed", "tls_required"...). */
const char *ftp_refusal_name(enum ftp_refusal r);

/* Whether TEXT (a reply) says the data channel TLS session must be
 * resumed (vsftpd "522 SSL connection failed: session reuse required",
 * pure-ftpd/proftpd wording about resumption). */
bool ftp_text_says_reuse(const char *text);

/* Pick a regular file of at most MAX bytes from a Unix-style LIST
 * LISTING ("-rw-r--r-- 1 0 0 33 Nov 24 04:36 hello.txt"), whose name is
 * plain ([A-Za-z0-9._-], so it needs no quoting).  Fills NAME (SIZE
 * bytes) and *BYTES; false when there is none. */
bool ftp_pick_small_file(const char *listing, long long max, char *name,
			 size_t size, long long *bytes);

#endif
