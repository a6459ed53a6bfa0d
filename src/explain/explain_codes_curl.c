/* codes_curl.c — curl's exit codes (CURLE_*) that a failed SMTP/FTP session
 * ends with, tied to the Winsock/Outlook codes and causes they stand for. */
#include "config.h"

#include "explain_codes.h"
#include "i18n.h"

#define CU(n, sym, ws1, ws2, c1, c2, text) \
	{ CODE_CURL, n, sym, text, {ws1, ws2, 0}, {NULL}, {c1, c2, NULL}, NULL }

const struct code_def codes_curl[] = {
	CU(6, "CURLE_COULDNT_RESOLVE_HOST", 11001, 11004, NULL, NULL, N_("Could not resolve host: the server name did not resolve to an address.")),
	CU(7, "CURLE_COULDNT_CONNECT", 10061, 10060, "net.unreachable", NULL, N_("Failed to connect to the host or proxy: refused, timed out or unreachable.")),
	CU(9, "CURLE_REMOTE_ACCESS_DENIED", 0, 0, "auth.rejected", NULL, N_("Access to the remote resource was denied (FTP login or directory).")),
	CU(25, "CURLE_UPLOAD_FAILED", 0, 0, "transfer.size_limit", "transfer.reset_after_bytes", N_("Upload failed: the server refused or broke off the upload.")),
	CU(28, "CURLE_OPERATION_TIMEDOUT", 10060, 0, "transfer.stall_timeout", NULL, N_("Operation timed out: the time limit passed before the transfer finished.")),
	CU(35, "CURLE_SSL_CONNECT_ERROR", 0, 0, "tls.handshake_failed", "tls.mode_mismatch", N_("The TLS handshake failed.")),
	CU(52, "CURLE_GOT_NOTHING", 10054, 0, "service.wrong_protocol", NULL, N_("The server closed the connection without sending anything.")),
	CU(55, "CURLE_SEND_ERROR", 10054, 10053, NULL, NULL, N_("Failed sending data to the peer (connection reset or closed).")),
	CU(56, "CURLE_RECV_ERROR", 10054, 0, NULL, NULL, N_("Failure receiving data from the peer (connection reset).")),
	CU(60, "CURLE_PEER_FAILED_VERIFICATION", 0, 0, "tls.certificate", NULL, N_("The server's TLS certificate could not be verified.")),
	CU(67, "CURLE_LOGIN_DENIED", 0, 0, "auth.rejected", "auth.requires_tls", N_("The server denied the login.")),
	CU(78, "CURLE_REMOTE_FILE_NOT_FOUND", 0, 0, NULL, NULL, N_("The remote file or directory was not found.")),
	{ CODE_CURL, 0, NULL, NULL, {0}, {NULL}, {NULL}, NULL }
};
