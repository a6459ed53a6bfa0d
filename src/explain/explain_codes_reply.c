/* codes_reply.c — SMTP (RFC 5321) and FTP (RFC 959) reply codes; the
 * catalog has no column for replies, so each failure reply names the causes
 * it signals itself. */
#include "config.h"

#include "explain_codes.h"
#include "i18n.h"

#define SM(n, c1, c2, c3, text) \
	{ CODE_SMTP, n, NULL, text, {0}, {NULL}, {c1, c2, c3, NULL}, NULL }
#define FT(n, c1, c2, c3, text) \
	{ CODE_FTP, n, NULL, text, {0}, {NULL}, {c1, c2, c3, NULL}, NULL }

const struct code_def codes_smtp[] = {
	SM(220, NULL, NULL, NULL, N_("Service ready: the server's greeting (not an error).")),
	SM(221, NULL, NULL, NULL, N_("Service closing the connection (normal reply to QUIT).")),
	SM(250, NULL, NULL, NULL, N_("Requested action okay, completed.")),
	SM(354, NULL, NULL, NULL, N_("Start mail input: send the message, end with a line holding a single dot.")),
	SM(421, "server.busy", "server.rejects_client", "transfer.control_idle_timeout", N_("Service not available, closing the connection: the server is overloaded, shutting down, limits connections, or refuses this client.")),
	SM(450, "smtp.greylisted", "smtp.helo_rejected", "server.rejects_client", N_("Mailbox unavailable (temporary): busy, or greylisting; try later.")),
	SM(451, "server.busy", "smtp.greylisted", NULL, N_("Local error in processing (temporary): the server failed while handling the request.")),
	SM(452, "server.storage_full", "transfer.size_limit", "server.busy", N_("Insufficient system storage, or too many recipients (temporary).")),
	SM(500, "service.wrong_protocol", NULL, NULL, N_("Syntax error, command unrecognised (or the line was too long).")),
	SM(454, "tls.starttls_unavailable", "auth.rejected", NULL, N_("TLS not available, or a temporary authentication failure: the server cannot start TLS (or check the login) right now.")),
	SM(501, "smtp.helo_rejected", "server.refused_step", NULL, N_("Syntax error in parameters or arguments.")),
	SM(502, "server.refused_step", NULL, NULL, N_("Command not implemented.")),
	SM(503, "auth.required", NULL, NULL, N_("Bad sequence of commands (e.g. MAIL before EHLO, or authentication needed first).")),
	SM(504, "auth.mechanism_rejected", "smtp.helo_rejected", "server.refused_step", N_("Command parameter not implemented (e.g. an unsupported AUTH mechanism).")),
	SM(521, "server.rejects_client", NULL, NULL, N_("The server does not accept mail (RFC 7504).")),
	SM(530, "auth.requires_tls", "auth.required", "auth.rejected", N_("Authentication required, or \"must issue a STARTTLS command first\".")),
	SM(535, "auth.rejected", NULL, NULL, N_("Authentication credentials invalid: user name or password rejected.")),
	SM(550, "auth.required", "server.rejects_client", "smtp.recipient_rejected", N_("Mailbox unavailable or action refused: unknown recipient, \"relaying denied\" without login, or a policy block.")),
	SM(551, NULL, NULL, NULL, N_("User not local; the server will not forward.")),
	SM(552, "transfer.size_limit", "server.storage_full", NULL, N_("Exceeded storage allocation: the message is larger than the server accepts.")),
	SM(553, "auth.required", "smtp.sender_rejected", NULL, N_("Mailbox name not allowed (often: the sender address does not belong to the logged-in account).")),
	SM(554, "server.rejects_client", "smtp.message_rejected", NULL, N_("Transaction failed, or (as a greeting) no SMTP service here for you: a policy rejection such as a blocklisted address.")),
	{ CODE_SMTP, 0, NULL, NULL, {0}, {NULL}, {NULL}, NULL }
};

const struct code_def codes_ftp[] = {
	FT(120, NULL, NULL, NULL, N_("Service ready in a few minutes.")),
	FT(150, NULL, NULL, NULL, N_("File status okay; about to open the data connection.")),
	FT(220, NULL, NULL, NULL, N_("Service ready for new user: the server's greeting (not an error).")),
	FT(221, NULL, NULL, NULL, N_("Service closing the control connection (normal reply to QUIT).")),
	FT(226, NULL, NULL, NULL, N_("Closing data connection; the transfer succeeded.")),
	FT(227, "ftp.pasv_address_private", NULL, NULL, N_("Entering passive mode (h1,h2,h3,h4,p1,p2): the address and port the client must connect to for data. A private or wrong address there breaks listings behind NAT.")),
	FT(229, "ftp.epsv_unsupported", "ftp.pasv_broken", "server.malformed_reply", N_("Entering extended passive mode (|||port|).")),
	FT(230, NULL, NULL, NULL, N_("User logged in.")),
	FT(331, NULL, NULL, NULL, N_("User name okay, need password.")),
	FT(421, "server.connection_limit", "server.busy", "transfer.control_idle_timeout", N_("Service not available, closing the control connection: too many users or connections from your address, or the session was idle too long.")),
	FT(425, "ftp.passive_blocked", "ftp.active_blocked", "ftp.data_tls", N_("Can't open data connection: the data channel (passive or active mode) could not be set up.")),
	FT(426, "transfer.reset_after_bytes", "transfer.stall_timeout", NULL, N_("Connection closed; transfer aborted: the data connection broke during the transfer.")),
	FT(450, NULL, NULL, NULL, N_("File unavailable (busy); try later.")),
	FT(451, "transfer.size_limit", NULL, NULL, N_("Local error in processing; action aborted.")),
	FT(431, "tls.starttls_unavailable", NULL, NULL, N_("Need some unavailable resource to process security (RFC 2228): the server cannot start TLS.")),
	FT(452, "server.storage_full", "transfer.size_limit", NULL, N_("Insufficient storage space on the server.")),
	FT(500, "ftp.server_error", "ftp.active_blocked", "service.wrong_protocol", N_("Syntax error, command unrecognised (\"500 Illegal PORT command\" means active mode is refused).")),
	FT(501, "ftp.active_blocked", NULL, NULL, N_("Syntax error in parameters or arguments.")),
	FT(502, "ftp.epsv_unsupported", NULL, NULL, N_("Command not implemented.")),
	FT(503, NULL, NULL, NULL, N_("Bad sequence of commands.")),
	FT(504, NULL, NULL, NULL, N_("Command not implemented for that parameter.")),
	FT(522, "ftp.data_tls", NULL, NULL, N_("The server requires TLS on the data connection, or does not support the requested network protocol.")),
	FT(530, "auth.rejected", "auth.requires_tls", "server.rejects_client", N_("Not logged in: user name or password wrong, TLS required before login, or the address is not allowed.")),
	FT(532, "auth.rejected", NULL, NULL, N_("Need an account for storing files.")),
	FT(534, "ftp.data_tls", "auth.requires_tls", NULL, N_("Request denied for policy reasons (typically: encryption required, or data-channel TLS session not resumed).")),
	FT(550, "ftp.permission_denied", "server.refused_step", NULL, N_("File unavailable: not found, no access, or the directory does not exist.")),
	FT(552, "server.storage_full", "transfer.size_limit", NULL, N_("Exceeded storage allocation (quota).")),
	FT(553, "ftp.permission_denied", NULL, NULL, N_("File name not allowed.")),
	{ CODE_FTP, 0, NULL, NULL, {0}, {NULL}, {NULL}, NULL }
};
