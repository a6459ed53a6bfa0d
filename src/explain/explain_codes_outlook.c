/* codes_outlook.c — Outlook / Outlook Express / Windows Mail transport
 * errors (IXP_E_*, 0x800CCCxx).  Codes the catalog lists reach their causes
 * through it; the others name the Winsock error or causes they stand for. */
#include "config.h"

#include "explain_codes.h"
#include "i18n.h"

#define OL(n, sym, ws, c1, c2, text) \
	{ CODE_OUTLOOK, n, sym, text, {ws, 0}, {NULL}, {c1, c2, NULL}, NULL }

/* Newer Outlook send/receive errors: they stand for a failed connect. */
#define OC(n, ws, text) \
	{ CODE_OUTLOOK, n, NULL, text, {ws, 0}, {"0x800CCC0E", NULL}, \
	  {NULL}, NULL }

const struct code_def codes_outlook[] = {
	OL(0x800CCC01L, "IXP_E_INVALID_CERT_CN", 0, "tls.certificate", NULL, N_("The server's certificate names another host than the server configured.")),
	OL(0x800CCC02L, "IXP_E_INVALID_CERT_DATE", 0, "tls.certificate", NULL, N_("The server's certificate has expired or is not yet valid.")),
	OL(0x800CCC0BL, "IXP_E_BUSY", 0, "server.busy", "transfer.stall_timeout", N_("The server or the mailbox is busy, or the operation timed out.")),
	OL(0x800CCC0DL, "IXP_E_CANT_FIND_HOST", 11001, NULL, NULL, N_("Cannot find the server: the server name could not be resolved (typo, or DNS not working).")),
	OL(0x800CCC0EL, "IXP_E_FAILED_TO_CONNECT", 0, NULL, NULL, N_("Failed to connect to the server: the connection could not be set up or was closed at once. The socket error next to it says how.")),
	OL(0x800CCC0FL, "IXP_E_CONNECTION_DROPPED", 10054, NULL, NULL, N_("The connection to the server was interrupted (dropped during the session).")),
	OL(0x800CCC13L, "IXP_E_SOCKET_WRITE_ERROR", 10054, NULL, NULL, N_("Cannot send on the connection: writing to the socket failed (often while sending a large message).")),
	OL(0x800CCC15L, "IXP_E_SOCKET_CONNECT_ERROR", 10061, NULL, NULL, N_("The socket could not connect to the server.")),
	OL(0x800CCC18L, "IXP_E_SICILY_LOGON_FAILED", 0, NULL, NULL, N_("Logon failed: Secure Password Authentication (SPA/NTLM) was rejected.")),
	OL(0x800CCC19L, "IXP_E_TIMEOUT", 10060, NULL, NULL, N_("The operation timed out waiting for the server.")),
	OL(0x800CCC1AL, "IXP_E_SECURE_CONNECT_FAILED", 0, NULL, NULL, N_("The secure (SSL/TLS) connection to the server could not be established.")),
	OL(0x800CCC60L, "IXP_E_SMTP_RESPONSE_ERROR", 0, "server.refused_step", NULL, N_("The SMTP server answered with an error reply; the server's text says which.")),
	OL(0x800CCC61L, "IXP_E_SMTP_UNKNOWN_RESPONSE_CODE", 0, "server.refused_step", "server.malformed_reply", N_("The SMTP server answered with a reply code Outlook does not know.")),
	OL(0x800CCC62L, "IXP_E_SMTP_500_SYNTAX_ERROR", 0, "smtp.helo_rejected", "server.refused_step", N_("The SMTP server answered 500: syntax error, command not recognised.")),
	OL(0x800CCC63L, "IXP_E_SMTP_501_PARAM_SYNTAX", 0, "smtp.helo_rejected", "server.refused_step", N_("The SMTP server answered 501: syntax error in parameters (often the HELO name or an address).")),
	OL(0x800CCC67L, "IXP_E_SMTP_421_NOT_AVAILABLE", 0, "server.busy", "server.rejects_client", N_("The SMTP server answered 421: service not available, closing the connection.")),
	OL(0x800CCC68L, "IXP_E_SMTP_450_MAILBOX_BUSY", 0, "smtp.greylisted", "server.busy", N_("The SMTP server answered 450: mailbox unavailable for now (often greylisting: retry later).")),
	OL(0x800CCC69L, "IXP_E_SMTP_550_MAILBOX_NOT_FOUND", 0, "smtp.recipient_rejected", NULL, N_("The SMTP server answered 550: mailbox not found (or refused).")),
	OL(0x800CCC6AL, "IXP_E_SMTP_451_ERROR_PROCESSING", 0, "smtp.greylisted", "server.busy", N_("The SMTP server answered 451: local error in processing (often greylisting: retry later).")),
	OL(0x800CCC6CL, "IXP_E_SMTP_452_NO_SYSTEM_STORAGE", 0, "server.storage_full", NULL, N_("The SMTP server answered 452: insufficient system storage.")),
	OL(0x800CCC6DL, "IXP_E_SMTP_552_STORAGE_OVERFLOW", 0, "transfer.size_limit", NULL, N_("The SMTP server answered 552: message too large or mailbox full.")),
	OL(0x800CCC6FL, "IXP_E_SMTP_554_TRANSACT_FAILED", 0, "server.rejects_client", NULL, N_("The SMTP server answered 554: transaction failed (often a policy rejection).")),
	OL(0x800CCC78L, "IXP_E_SMTP_REJECTED_SENDER", 0, "auth.required", "server.rejects_client", N_("The server rejected the sender address (often: log in first, or the sender must match the account).")),
	OL(0x800CCC79L, "IXP_E_SMTP_REJECTED_RECIPIENTS", 0, NULL, NULL, N_("The server rejected a recipient (often \"relaying denied\": outgoing authentication is off).")),
	OL(0x800CCC7CL, "IXP_E_SMTP_530_STARTTLS_REQUIRED", 0, "auth.requires_tls", "tls.mode_mismatch", N_("The server requires STARTTLS before anything else.")),
	OL(0x800CCC7DL, "IXP_E_SMTP_NO_STARTTLS_SUPPORT", 0, "tls.mode_mismatch", NULL, N_("The client asked for a secure connection but the server does not offer STARTTLS on this port.")),
	OL(0x800CCC7FL, "IXP_E_SMTP_454_STARTTLS_FAILED", 0, "tls.starttls_unavailable", NULL, N_("The SMTP server answered 454 to STARTTLS: it cannot start TLS.")),
	OL(0x800CCC90L, "IXP_E_POP3_RESPONSE_ERROR", 0, "auth.rejected", "mailbox.in_use", N_("The POP3 server answered with an error (often a login refusal).")),
	OL(0x800CCC91L, "IXP_E_POP3_INVALID_USER_NAME", 0, "auth.rejected", NULL, N_("The POP3 server rejected the user name.")),
	OL(0x800CCC92L, "IXP_E_POP3_INVALID_PASSWORD", 0, "auth.rejected", "auth.requires_tls", N_("The POP3 server rejected the password (or the account is locked).")),
	OL(0x800CCCD1L, "IXP_E_IMAP_LOGINFAILURE", 0, "auth.rejected", "auth.requires_tls", N_("The IMAP server rejected the login.")),
	OL(0x800CCCD2L, "IXP_E_IMAP_TAGGED_NO_RESPONSE", 0, "mailbox.in_use", "server.unavailable", N_("The IMAP server answered NO to a command (a mailbox it cannot open, a lock, a temporary fault).")),
	OL(0x800CCCD3L, "IXP_E_IMAP_BAD_RESPONSE", 0, NULL, NULL, N_("The IMAP server answered BAD: it did not understand a command.")),
	OC(0x80042108L, 0, N_("Outlook cannot connect to the incoming (POP3) mail server.")),
	OC(0x80042109L, 0, N_("Outlook cannot connect to the outgoing (SMTP) mail server.")),
	OC(0x8004210AL, 10060, N_("The operation timed out waiting for the incoming (POP3) server.")),
	OC(0x8004210BL, 10060, N_("The operation timed out waiting for the outgoing (SMTP) server.")),
	{ CODE_OUTLOOK, 0, NULL, NULL, {0}, {NULL}, {NULL}, NULL }
};

const char *code_outlook_protocol(long n)
{
	if ((n >= 0x800CCC90L && n <= 0x800CCC9FL) || n == 0x80042108L ||
	    n == 0x8004210AL)
		return "pop3";
	if (n >= 0x800CCCD0L && n <= 0x800CCCDFL)
		return "imap";
	return NULL;
}
