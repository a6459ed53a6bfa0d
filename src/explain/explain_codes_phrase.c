/* codes_phrase.c — sentences Thunderbird and FileZilla print instead of a
 * code (English and Russian), each tied to the code or causes it means.
 * Matched as case-insensitive substrings of the pasted text; "…" stands
 * for words the client fills in (the server's name).  Client "system":
 * an operating system's error text, which names no client. */
#include "config.h"

#include "explain_codes.h"
#include "i18n.h"

#define PH(client, text, ws1, ws2, c1, c2, meaning) \
	{ CODE_PHRASE, 0, text, meaning, {ws1, ws2, 0}, {NULL}, \
	  {c1, c2, NULL}, client }
/* "Could not connect": the client says so after a refusal, a timeout or a
 * reset before the greeting alike, so it names those three causes. */
#define PC(client, text, meaning) \
	{ CODE_PHRASE, 0, text, meaning, {0}, {NULL}, \
	  {"tcp.refused", "tcp.filtered", "tcp.reset_on_connect", NULL}, client }

/* The usual words of a server's refusal (Postfix, Exim, Sendmail,
 * postgrey, vsftpd); client "server": they say nothing about the client. */
#define PS(text, c1, c2, meaning) \
	{ CODE_PHRASE, 0, text, meaning, {0}, {NULL}, {c1, c2, NULL}, \
	  "server" }

const struct code_def codes_phrase[] = {
	/* servers' refusals */
	PS("Greylist", "smtp.greylisted", NULL, N_("The server greylists: it defers mail from an unknown sender and accepts it when retried a few minutes later. Nothing is broken.")),
	PS("Graylist", "smtp.greylisted", NULL, N_("The server greylists: it defers mail from an unknown sender and accepts it when retried a few minutes later. Nothing is broken.")),
	PS("try again later", "smtp.greylisted", "server.busy", N_("A temporary refusal: retry later (with a 4.7.1 or 4.2.0 code at RCPT, usually greylisting).")),
	PS("Helo command rejected", "smtp.helo_rejected", NULL, N_("The server refuses the name the client introduced itself with (HELO/EHLO); the host name quoted in the line is the client's, not the server's.")),
	PS("need fully-qualified hostname", "smtp.helo_rejected", NULL, N_("The client's HELO/EHLO name is not a fully qualified domain name: it must send host.example.com or an address literal [192.0.2.1].")),
	PS("Relay access denied", "auth.required", NULL, N_("The server does not relay for an unauthenticated client: turn on authentication for the outgoing server.")),
	PS("Relaying denied", "auth.required", NULL, N_("The server does not relay for an unauthenticated client: turn on authentication for the outgoing server.")),
	PS("not permitted to relay", "auth.required", NULL, N_("The server does not relay for an unauthenticated client: turn on authentication for the outgoing server.")),
	PS("Sender address rejected", "smtp.sender_rejected", NULL, N_("The server refuses the sender address (MAIL FROM).")),
	PS("User unknown", "smtp.recipient_rejected", NULL, N_("The recipient does not exist on that server.")),
	PS("Recipient address rejected", "smtp.recipient_rejected", NULL, N_("The server refuses the recipient address; the words after it say why.")),
	PS("Mailbox full", "server.storage_full", NULL, N_("The recipient's mailbox is full.")),
	PS("over quota", "server.storage_full", NULL, N_("The mailbox or account is over its quota.")),
	PS("Disk full", "server.storage_full", NULL, N_("The server's disk is full.")),
	PS("Insufficient storage", "server.storage_full", NULL, N_("The server has no room left.")),
	PS("as spam", "smtp.message_rejected", NULL, N_("The server refuses the message as spam.")),
	PS("TLS not available", "tls.starttls_unavailable", NULL, N_("The server offers STARTTLS but cannot start TLS (its TLS setup is broken).")),
	PS("500 OOPS", "ftp.server_error", NULL, N_("vsftpd fails on its own configuration (the words after OOPS name the problem); every client gets it.")),
	PS("Permission denied", "ftp.permission_denied", NULL, N_("The server denies access to the file or directory.")),

	/* Thunderbird */
	PH("thunderbird", "was lost in the middle of the transaction", 10054, 0, "transfer.reset_after_bytes", NULL, N_("Thunderbird: the connection to the outgoing server broke while the message was being sent (a reset mid-transfer).")),
	PH("thunderbird", "было потеряно посреди транзакции", 10054, 0, "transfer.reset_after_bytes", NULL, N_("Thunderbird: the connection to the outgoing server broke while the message was being sent (a reset mid-transfer).")),
	PC("thunderbird", "Failed to connect to server", N_("Thunderbird: the connection to the server could not be set up (refused, timed out or unreachable).")),
	PC("thunderbird", "Не удалось соединиться с сервером", N_("Thunderbird: the connection to the server could not be set up (refused, timed out or unreachable).")),
	PC("thunderbird", "because connecting to SMTP server", N_("Thunderbird: connecting to the SMTP server failed; it may be unavailable or refusing SMTP connections.")),
	PH("thunderbird", "could not be found. Please check", 11001, 0, NULL, NULL, N_("Thunderbird: the server name could not be resolved.")),
	PH("thunderbird", "The connection was refused when attempting to contact", 10061, 0, NULL, NULL, N_("Thunderbird: the server refused the connection.")),
	PH("thunderbird", "The operation timed out when attempting to contact", 10060, 0, NULL, NULL, N_("Thunderbird: no answer from the server in time.")),
	PH("thunderbird", "timed out. Try again", 10060, 0, "tcp.filtered", "smtp.port25_blocked", N_("Thunderbird: the connection to the outgoing server timed out: nothing answered on that port (a firewall, or port 25 blocked by the provider).")),
	PH("thunderbird", "истекло время ожидания соединения", 10060, 0, "tcp.filtered", "smtp.port25_blocked", N_("Thunderbird: the connection to the outgoing server timed out: nothing answered on that port (a firewall, or port 25 blocked by the provider).")),
	/* Python smtplib */
	PH("python", "SMTPServerDisconnected", 10054, 0, "tls.mode_mismatch", "server.rejects_client", N_("Python smtplib: the server closed the connection before it greeted (often smtplib.SMTP() on port 465, which needs SMTP_SSL(); or the server refuses the client).")),
	PH("thunderbird", "The connection to … was reset", 10054, 0, NULL, NULL, N_("Thunderbird: the server (or something in between) reset the connection.")),
	PH("thunderbird", "The connection to the server … timed out", 10060, 0, NULL, NULL, N_("Thunderbird: no answer from the server in time.")),
	PH("thunderbird", "The connection to … was interrupted", 10054, 0, NULL, NULL, N_("Thunderbird: the connection broke off (a reset, or the network went away).")),
	PH("thunderbird", "Соединение с сервером … было сброшено", 10054, 0, NULL, NULL, N_("Thunderbird: the server (or something in between) reset the connection.")),
	PH("thunderbird", "Login to server", 0, 0, "auth.rejected", "auth.requires_tls", N_("Thunderbird: the server rejected the login.")),
	PH("thunderbird", "The certificate is not trusted", 0, 0, "tls.certificate", NULL, N_("Thunderbird: the server's certificate was not accepted.")),
	/* POP3 (RFC 2449, 3206) and IMAP (RFC 5530) response codes, pasted
	 * from a server log or a client's error window */
	PH("server reply", "[IN-USE]", 0, 0, "mailbox.in_use", NULL, N_("POP3: the mailbox is locked by another session.")),
	PH("server reply", "[INUSE]", 0, 0, "mailbox.in_use", NULL, N_("IMAP: the mailbox is in use by another session.")),
	PH("server reply", "[LOGIN-DELAY]", 0, 0, "auth.login_delay", NULL, N_("POP3: the login came too soon after the last one.")),
	PH("server reply", "[SYS/TEMP]", 0, 0, "server.unavailable", NULL, N_("POP3: a temporary fault on the server's side, not the credentials.")),
	PH("server reply", "[UNAVAILABLE]", 0, 0, "server.unavailable", NULL, N_("IMAP: a temporary fault on the server's side, not the credentials.")),
	PH("server reply", "[AUTHENTICATIONFAILED]", 0, 0, "auth.rejected", NULL, N_("IMAP: the user name or the password is wrong.")),
	PH("server reply", "[PRIVACYREQUIRED]", 0, 0, "auth.requires_tls", NULL, N_("IMAP: the login needs an encrypted connection.")),
	PH("server reply", "Plaintext authentication disallowed", 0, 0, "auth.requires_tls", NULL, N_("Dovecot: no login without TLS on this connection.")),
	PH("server reply", "LOGINDISABLED", 0, 0, "auth.requires_tls", NULL, N_("IMAP: the server takes no password on an unencrypted connection.")),
	/* FileZilla */
	PH("filezilla", "Connection closed by server", 0, 0, "server.rejects_client", "server.busy", N_("FileZilla: the server closed the control connection.")),
	PH("filezilla", "Failed to retrieve directory listing", 0, 0, "ftp.passive_blocked", "ftp.pasv_address_private", N_("FileZilla: the directory listing (a data connection) failed; passive or active mode is blocked somewhere.")),
	PC("filezilla", "Could not connect to server", N_("FileZilla: the control connection could not be set up.")),
	PH("filezilla", "Connection timed out after", 10060, 0, "transfer.stall_timeout", NULL, N_("FileZilla: nothing arrived for the client's timeout.")),
	PH("filezilla", "unroutable address", 0, 0, "ftp.pasv_address_private", NULL, N_("FileZilla: the server's passive reply named an unroutable (private) address.")),
	PH("filezilla", "GnuTLS error", 0, 0, "tls.handshake_failed", "ftp.data_tls", N_("FileZilla: TLS failed on the control or data connection.")),
	PH("system", "Connection reset by peer", 10054, 0, NULL, NULL, N_("The server (or something in between) reset the connection (ECONNRESET).")),
	PH("system", "Connection refused", 10061, 0, NULL, NULL, N_("The server's machine answered that nothing listens on that port (ECONNREFUSED).")),
	PH("filezilla", "Connection attempt failed with", 0, 0, NULL, NULL, N_("FileZilla: the connection attempt failed with the error named next to it.")),
	{ CODE_PHRASE, 0, NULL, NULL, {0}, {NULL}, {NULL}, NULL }
};
