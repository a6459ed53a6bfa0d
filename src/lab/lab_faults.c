/* lab_faults.c — the table of faults the lab can inject: name, protocols,
 * parameter, one-line description and the cause the diagnosis should
 * find, and its behaviour as hooks per protocol step (lab_int.h).  The
 * table doubles as documentation (docs/lab-faults.md, generated). */
#include "config.h"

#include "lab.h"
#include "lab_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define BOTH (LAB_P_SMTP | LAB_P_FTP)
#define MAIL (LAB_P_POP3 | LAB_P_IMAP)
#define SIZE_MAX_ARG (1024LL * 1024 * 1024) /* sizes: up to 1 GiB */
#define COUNT_MAX_ARG (3600LL * 1000)       /* seconds, ms: up to an hour */

/* The behaviour of each fault (struct lab_hooks in lab_int.h). */
static const struct lab_hooks h_none = { 0 };
static const struct lab_hooks h_refused = { .no_listen = true };
static const struct lab_hooks h_reset_on_connect = {
	.on_accept = lab_accept_reset };
static const struct lab_hooks h_reset_after_greeting = {
	.reset_after_greet = true };
static const struct lab_hooks h_close_after_command = {
	.close_on_command = true };
static const struct lab_hooks h_busy = { .greet_busy = true };
static const struct lab_hooks h_policy_reject = {
	.greet_policy = true,
	.user_refuse_anon = "530 Login from your address is not allowed by policy.\r\n",
	.user_refuse_named = "530 Login from your address is not allowed by policy.\r\n" };
static const struct lab_hooks h_slow_greeting = {
	.on_accept = lab_accept_slow };
static const struct lab_hooks h_drip = { .drip = true };
static const struct lab_hooks h_garbage = { .on_accept = lab_accept_garbage };
static const struct lab_hooks h_reset_after_bytes = { .upload_reset = true };
static const struct lab_hooks h_stall_after_bytes = { .upload_stall = true };
static const struct lab_hooks h_size_limit = { .size_limit = true };
static const struct lab_hooks h_max_sessions = { .session_limit = true };
static const struct lab_hooks h_idle_timeout = { .idle_reset = true };
static const unsigned char private_addr[4] = { 192, 168, 1, 10 };
static const struct lab_hooks h_pasv_private = {
	.pasv_addr = private_addr,
	.epsv_reply = "502 EPSV not implemented.\r\n" };
static const struct lab_hooks h_pasv_closed = { .pasv_no_listen = true };
static const struct lab_hooks h_active_refused = { .active_refused = true };
static const struct lab_hooks h_epsv_hang = { .epsv_silent = true };
static const struct lab_hooks h_starttls_required = {
	.ehlo_extra = "250-STARTTLS\r\n",
	.mail_reply = "530 5.7.0 Must issue a STARTTLS command first\r\n",
	.starttls_reply = "454 4.7.0 TLS not available: the lab has no certificate\r\n",
	.user_refuse_anon = "530 Anonymous sessions must use encryption.\r\n",
	.user_refuse_named = "530 Non-anonymous sessions must use encryption.\r\n",
	.feat_extra = " AUTH TLS\r\n",
	.auth_reply = "431 TLS is required, but the lab has no certificate.\r\n",
	.mail_login_disabled = true };
static const struct lab_hooks h_auth_required = {
	.ehlo_extra = "250-AUTH PLAIN LOGIN\r\n",
	.mail_reply = "530 5.7.0 Authentication required\r\n",
	.smtp_auth = true,
	.user_refuse_anon = "530 This FTP server does not allow anonymous logins.\r\n" };
static const struct lab_hooks h_restart_every = { .restarts = true };
static const struct lab_hooks h_mailbox_in_use = { .mail_in_use = true };

/* The faults, in the order `sockdoc lab --list` shows them. */
const struct lab_fault lab_faults[] = {
	{ .name = "none", .hooks = &h_none, .protos = BOTH | MAIL | LAB_P_TCP,
	  .desc = N_("healthy server: every command answered correctly"),
	  .cause = "",
	  .smtp_evidence = "220",
	  .ftp_evidence = "220",
	  .pop3_evidence = "+OK",
	  .imap_evidence = "OK",
	  .mail_args = "--tls none --user lab",
	  .tcp_evidence = "silent",
	  .doc_does = "a correct server (RFC 5321 / RFC 959 / RFC 1939 / RFC 9051): SMTP EHLO with SIZE, PIPELINING, 8BITMIME, ENHANCEDSTATUSCODES; FTP with passive (PASV, EPSV) and active (PORT, EPRT) data connections and an in-memory store; POP3 and IMAP with a read-only mailbox of two messages, any login accepted; tcp: a silent sink that reads and discards what it gets",
	  .doc_sees = "curl LIST/RETR/STOR in both modes, curl and swaks send mail",
	  .doc_by = "now" },
	{ .name = "refused", .hooks = &h_refused, .protos = BOTH | MAIL | LAB_P_TCP,
	  .desc = N_("port reserved but nothing listens: the SYN is answered by RST"),
	  .cause = "tcp.refused",
	  .smtp_evidence = "answered by a reset (RST)",
	  .ftp_evidence = "answered by a reset (RST)",
	  .pop3_evidence = "answered by a reset (RST)",
	  .imap_evidence = "answered by a reset (RST)",
	  .tcp_evidence = "answered by a reset (RST)",
	  .doc_does = "the port is bound but nothing listens",
	  .doc_sees = "SYN answered by RST; curl exit 7, 10061",
	  .doc_by = "now" },
	{ .name = "reset-on-connect", .hooks = &h_reset_on_connect, .protos = BOTH | MAIL | LAB_P_TCP,
	  .desc = N_("accepts the connection, then resets it before any greeting"),
	  .cause = "tcp.reset_on_connect",
	  .smtp_evidence = "without a single byte",
	  .ftp_evidence = "without a single byte",
	  .tcp_evidence = "without a single byte",
	  .pop3_evidence = "without a single byte",
	  .imap_evidence = "without a single byte",
	  .doc_does = "accepts, then closes with SO_LINGER 0 after 20 ms, before any byte",
	  .doc_sees = "curl exit 56 \"Recv failure: Connection reset by peer\", 10054",
	  .doc_by = "now" },
	{ .name = "reset-after-greeting", .hooks = &h_reset_after_greeting, .protos = BOTH,
	  .desc = N_("sends the greeting, then resets the connection"),
	  .cause = "tcp.reset_on_connect",
	  .smtp_evidence = "reset the connection (RST) at the first command",
	  .ftp_evidence = "reset the connection (RST) at the first command",
	  .doc_does = "sends the greeting, then RST at the first command (or after 200 ms)",
	  .doc_sees = "greeting, then 10054; curl exit 56",
	  .doc_by = "the basic chain: smtp.ehlo / ftp.login meet the reset at the first command" },
	{ .name = "close-after-command", .hooks = &h_close_after_command, .protos = BOTH,
	  .desc = N_("closes (FIN) without a reply after the first command"),
	  .cause = "conn.graceful_then_reset",
	  .smtp_evidence = "closed the connection (FIN) without answering",
	  .ftp_evidence = "closed the connection (FIN) without answering",
	  .doc_does = "the first command gets no reply, only FIN; later writes meet RST",
	  .doc_sees = "EOF with no reply, then RST on the next write (Windows 10053); curl exit 56",
	  .doc_by = "the basic chain (smtp.ehlo / ftp.login: FIN with no reply); trial.halfclose measures the reset that follows" },
	{ .name = "busy", .hooks = &h_busy, .protos = BOTH | MAIL,
	  .desc = N_("greets with 421 too many users and closes"),
	  .cause = "server.busy",
	  .smtp_evidence = "greets with 421",
	  .ftp_evidence = "Too many users",
	  .pop3_evidence = "greets with -ERR",
	  .imap_evidence = "greets with BYE",
	  .doc_does = "greets with 421 too many users, then closes",
	  .doc_sees = "SMTP: curl exit 8 with 421; FTP: curl exit 28 (\"We got a 421 - timeout\")",
	  .doc_by = "now" },
	{ .name = "policy-reject", .hooks = &h_policy_reject, .protos = BOTH | MAIL,
	  .desc = N_("SMTP: 554 policy greeting; FTP: 530 at login for every account"),
	  .cause = "server.rejects_client",
	  .smtp_evidence = "greets with 554",
	  .ftp_evidence = "USER answered 530 Login from your address",
	  .pop3_evidence = "blocked by policy",
	  .imap_evidence = "blocked by policy",
	  .doc_does = "SMTP: 554 5.7.1 blocklist greeting, then only QUIT is served (503 to the rest); FTP: 220, then 530 to every USER",
	  .doc_sees = "SMTP: curl exit 8 with 554; FTP: curl exit 67 with 530",
	  .doc_by = "now (FTP through ftp.login)" },
	{ .name = "slow-greeting", .hooks = &h_slow_greeting, .protos = BOTH | MAIL,
	  .arg = "SEC", .def = 10, .max = COUNT_MAX_ARG,
	  .desc = N_("sends the greeting only after SEC seconds"),
	  .cause = "transfer.stall_timeout",
	  .example = "3",
	  .smtp_evidence = "no greeting came within",
	  .ftp_evidence = "no greeting came within",
	  .pop3_evidence = "no greeting came within",
	  .imap_evidence = "no greeting came within",
	  .doc_does = "the greeting after SEC s (default 10), then a normal session",
	  .doc_sees = "clients with a shorter timeout give up (curl -m 1: exit 28)",
	  .doc_by = "banner: halfway through --timeout it nudges with QUIT, which a slow server leaves unanswered; silence until --timeout is a stall" },
	{ .name = "drip", .hooks = &h_drip, .protos = BOTH,
	  .arg = "MS", .def = 500, .max = COUNT_MAX_ARG,
	  .desc = N_("sends every reply one byte per MS milliseconds"),
	  .cause = "transfer.stall_timeout",
	  .example = "100",
	  .smtp_evidence = "was not complete after",
	  .ftp_evidence = "was not complete after",
	  .listed = LAB_P_SMTP,
	  .doc_does = "every reply one byte per MS ms (default 500)",
	  .doc_sees = "the greeting trickles in; curl -m 2: exit 28",
	  .doc_by = "now" },
	{ .name = "garbage", .hooks = &h_garbage, .protos = BOTH | MAIL,
	  .desc = N_("answers with binary bytes, escape sequences and a huge line without CRLF"),
	  .cause = "service.wrong_protocol",
	  .smtp_evidence = "\\x1B[2J",
	  .ftp_evidence = "\\x1B[2J",
	  .pop3_evidence = "\\x1B[2J",
	  .imap_evidence = "\\x1B[2J",
	  .doc_does = "ANSI escapes, NUL and binary bytes, invalid UTF-8, a 64 KiB line with no CRLF, then FIN",
	  .doc_sees = "curl exit 56; the bytes are sanitized in sockdoc's report",
	  .doc_by = "now" },
	{ .name = "reset-after-bytes", .hooks = &h_reset_after_bytes, .protos = BOTH | LAB_P_TCP,
	  .arg = "N", .def = 700 * 1024, .max = SIZE_MAX_ARG, .arg_size = true,
	  .desc = N_("resets an upload (SMTP DATA, FTP STOR, tcp: the bytes a client sends) after N bytes"),
	  .cause = "transfer.reset_after_bytes",
	  .example = "100K",
	  .tcp_evidence = "was reset after",
	  .tcp_args = "--trials upload --send-bytes 1M --sink-ok",
	  .doc_does = "RST once N bytes (default 700K) of an upload arrived (SMTP DATA; FTP STOR data connection, then 426; tcp: N bytes received on the connection, the seed's client whose upload gets 10054 after about 700 KB)",
	  .doc_sees = "small uploads pass, large ones get 10054 (curl 55/56; FTP 18 with 426)",
	  .doc_by = "trial.upload" },
	{ .name = "stall-after-bytes", .hooks = &h_stall_after_bytes, .protos = BOTH,
	  .arg = "N", .def = 700 * 1024, .max = SIZE_MAX_ARG, .arg_size = true,
	  .desc = N_("stops reading an upload after N bytes (the transfer stalls)"),
	  .cause = "transfer.stall_timeout",
	  .example = "100K",
	  .doc_does = "stops reading an upload after N bytes (default 700K); drops it after 60 s",
	  .doc_sees = "the sender's window fills, the upload stalls (curl exit 28)",
	  .doc_by = "trial.upload" },
	{ .name = "size-limit", .hooks = &h_size_limit, .protos = BOTH,
	  .arg = "N", .def = 1024 * 1024, .max = SIZE_MAX_ARG, .arg_size = true,
	  .desc = N_("SMTP announces and enforces SIZE N; FTP answers 552 past N bytes"),
	  .cause = "transfer.size_limit",
	  .example = "100K",
	  .smtp_evidence = "102400",
	  .doc_does = "SMTP: EHLO announces `SIZE N` (default 1M), MAIL with a larger SIZE= and longer messages get 552 5.3.4; FTP: 552 past N bytes, then the data connection is closed",
	  .doc_sees = "curl exit 55 (MAIL failed: 552), swaks exit 26; FTP curl exit 70",
	  .doc_by = "now for SMTP (EHLO SIZE); FTP needs trial.upload" },
	{ .name = "max-sessions", .hooks = &h_max_sessions, .protos = BOTH,
	  .arg = "N", .def = 2, .max = 200,
	  .desc = N_("serves N sessions at once; the next one gets 421"),
	  .cause = "server.connection_limit",
	  .example = "2",
	  .doc_does = "N sessions at once (default 2); the next gets 421 and is closed",
	  .doc_sees = "N connections greeted with 220, the N+1st with 421",
	  .doc_by = "trial.concurrency (today the chain's own parallel sessions may hit the limit: `server.busy`)" },
	{ .name = "idle-timeout", .hooks = &h_idle_timeout, .protos = BOTH | LAB_P_TCP,
	  .arg = "SEC", .def = 5, .max = COUNT_MAX_ARG,
	  .desc = N_("resets the control connection after SEC seconds without a command, even while data flows"),
	  .cause = "transfer.control_idle_timeout",
	  .example = "1",
	  .doc_does = "RST of the control connection after SEC s (default 5) without a command, even while an FTP transfer runs (the transfer itself finishes)",
	  .doc_sees = "a long FTP upload ends in 10054 (curl exit 56)",
	  .tcp_evidence = "after 1.0 s",
	  .tcp_args = "--trials idle",
	  .listed = LAB_P_TCP, /* the banner's silent wait meets the reset too */
	  .doc_by = "trial.idle (tcp: two silent connections, one with TCP keep-alive: both reset, so the service itself drops idle connections)" },
	{ .name = "pasv-private", .hooks = &h_pasv_private, .protos = LAB_P_FTP,
	  .desc = N_("PASV answers with a private address (192.168.1.10); EPSV is refused"),
	  .cause = "ftp.pasv_address_private",
	  .ftp_evidence = "advertises 192.168.1.10",
	  .doc_does = "PASV answers 227 with 192.168.1.10 (a NAT-side address); EPSV is refused (502) so clients fall back to PASV",
	  .doc_sees = "curl (which ignores the PASV address by default) prints \"Skip 192.168.1.10\"; clients that follow it hang",
	  .doc_by = "now" },
	{ .name = "pasv-closed", .hooks = &h_pasv_closed, .protos = LAB_P_FTP,
	  .desc = N_("PASV/EPSV name a port where the data connection is refused"),
	  .cause = "ftp.passive_blocked",
	  .ftp_evidence = "ECONNREFUSED",
	  .doc_does = "PASV/EPSV name a port that is bound but not listening",
	  .doc_sees = "the data connection is refused (curl exit 7); active mode works",
	  .doc_by = "now" },
	{ .name = "active-refused", .hooks = &h_active_refused, .protos = LAB_P_FTP,
	  .desc = N_("PORT/EPRT accepted, but the server cannot connect back: 425"),
	  .cause = "ftp.active_blocked",
	  .ftp_evidence = "425 Can't open data connection",
	  .doc_does = "PORT/EPRT answered 200, the transfer gets 425 Can't open data connection",
	  .doc_sees = "active curl fails with 425; passive works",
	  .doc_by = "now" },
	{ .name = "epsv-hang", .hooks = &h_epsv_hang, .protos = LAB_P_FTP,
	  .desc = N_("EPSV is never answered while PASV works"),
	  .cause = "ftp.epsv_unsupported",
	  .ftp_evidence = "EPSV: no reply",
	  .doc_does = "EPSV is never answered; PASV works",
	  .doc_sees = "curl waits at EPSV until its limit (exit 28); `--disable-epsv` works",
	  .doc_by = "now" },
	{ .name = "starttls-required", .hooks = &h_starttls_required, .protos = BOTH | MAIL,
	  .desc = N_("TLS is advertised and demanded (530) before MAIL FROM or login"),
	  .cause = "auth.requires_tls",
	  .ftp_evidence = "530 Anonymous sessions must use encryption",
	  .pop3_evidence = "Plaintext authentication disallowed",
	  .imap_evidence = "LOGINDISABLED",
	  .mail_args = "--tls none --user lab",
	  /* FTP: the lab answers AUTH TLS 431 (it has no certificate), so
	   * tls.starttls_unavailable, true of the lab, may rank first. */
	  .listed = LAB_P_FTP,
	  .doc_does = "SMTP: STARTTLS advertised, MAIL FROM answered 530 5.7.0 Must issue a STARTTLS command first (STARTTLS itself: 454, the lab has no certificate); FTP: FEAT lists AUTH TLS, USER answered 530 \"sessions must use encryption\"",
	  .doc_sees = "curl exit 55 (SMTP) / 67 (FTP) with 530",
	  .doc_by = "now for FTP; SMTP: the lab has no real TLS, so STARTTLS answers 454 and the chain reports `tls.starttls_unavailable` (the server offers TLS but cannot start it); POP3: STLS listed, USER answered -ERR [AUTH] Plaintext authentication disallowed; IMAP: STARTTLS LOGINDISABLED listed, LOGIN answered NO [PRIVACYREQUIRED]" },
	{ .name = "auth-required", .hooks = &h_auth_required, .protos = BOTH,
	  .desc = N_("SMTP: AUTH advertised, MAIL FROM answered 530 until AUTH; FTP: no anonymous login"),
	  .cause = "auth.required", .ftp_cause = "auth.rejected",
	  .smtp_evidence = "530",
	  .ftp_evidence = "does not allow anonymous logins",
	  .smtp_args = "--mail-from a@lab.test --rcpt b@lab.test",
	  .doc_does = "SMTP: AUTH PLAIN LOGIN advertised, MAIL FROM answered 530 5.7.0 Authentication required until AUTH (any credentials pass); FTP: anonymous refused with 530, named users may log in",
	  .doc_sees = "curl exit 55 / 67; with credentials both work",
	  .doc_by = "now: SMTP with `--mail-from`/`--rcpt`, FTP at login" },
	{ .name = "mailbox-in-use", .hooks = &h_mailbox_in_use, .protos = MAIL,
	  .desc = N_("POP3: PASS answered -ERR [IN-USE]; IMAP: EXAMINE answered NO [INUSE] (another client holds the mailbox)"),
	  .cause = "mailbox.in_use",
	  .pop3_evidence = "[IN-USE]",
	  .imap_evidence = "[INUSE]",
	  .mail_args = "--tls none --user lab",
	  .doc_does = "POP3: USER accepted, PASS answered `-ERR [IN-USE] Mailbox is locked by another POP3 session.` (RFC 2449); IMAP: LOGIN accepted, EXAMINE/SELECT INBOX answered `NO [INUSE]` (RFC 5530)",
	  .doc_sees = "Outlook 0x800CCC90 / 0x800CCC92 (POP3); curl exit 67 (POP3) / 78 (IMAP)",
	  .doc_by = "now: mailrecv.login (POP3), mailrecv.mailbox (IMAP), with `--user`" },
	{ .name = "restart-every", .hooks = &h_restart_every, .protos = BOTH | LAB_P_TCP,
	  .arg = "SEC", .def = 10, .max = COUNT_MAX_ARG,
	  .desc = N_("every SEC seconds resets all connections and stops listening for 0.5 s, as a crashed server coming back"),
	  .cause = "server.down_or_restarting",
	  .example = "4",
	  .tcp_evidence = "reset (RST) at +",
	  .tcp_args = "--watch 1 --count 6",
	  .listed = LAB_P_TCP,
	  .doc_does = "every SEC s (default 10): the listener closes, every session is reset, and the port is refused for 0.5 s before it listens again",
	  .doc_sees = "held connections get 10054, connects in the gap 10061, then all is well (tcp: the seed's client/server application whose server process crashed and restarted)",
	  .doc_by = "watch (a single run sees `tcp.refused` or nothing, by timing); tcp: `sockdoc --watch 1 tcp://HOST:PORT` holds a connection (tests/integration/tcp_lab_restart.sh)" },
};

const int lab_nfaults = (int)ARRAY_SIZE(lab_faults);

/* The evidence text the report should show for F over PROTO. */
const char *lab_fault_evidence(const struct lab_fault *f, enum proto proto)
{
	switch (proto) {
	case PROTO_FTP:		return f->ftp_evidence;
	case PROTO_POP3:	return f->pop3_evidence;
	case PROTO_IMAP:	return f->imap_evidence;
	case PROTO_TCP:		return f->tcp_evidence;
	default:		return f->smtp_evidence;
	}
}

const char *lab_fault_args(const struct lab_fault *f, enum proto proto)
{
	if (proto == PROTO_SMTP)
		return f->smtp_args;
	if (proto == PROTO_TCP)
		return f->tcp_args;
	return proto_is_mailrecv(proto) ? f->mail_args : NULL;
}

/* FTP may name its own expected cause; else the common one. */
const char *lab_fault_cause(const struct lab_fault *f, enum proto proto)
{
	return proto == PROTO_FTP && f->ftp_cause ? f->ftp_cause : f->cause;
}

/* Look a fault up by its exact token. */
static const struct lab_fault *find_n(const char *name, size_t len)
{
	int i;

	for (i = 0; i < lab_nfaults; i++)
		if (strlen(lab_faults[i].name) == len &&
		    !strncmp(lab_faults[i].name, name, len))
			return &lab_faults[i];
	return NULL;
}

/* Look NAME up, ignoring a ":ARG" suffix. */
const struct lab_fault *lab_fault_find(const char *name)
{
	return find_n(name, strcspn(name, ":"));
}

/* Parse the parameter of F from TEXT: seconds/ms/count or a size. */
static bool parse_arg(const struct lab_fault *f, const char *text,
		      long long *out)
{
	char *end;
	long long v;

	if (f->arg_size)
		return parse_size(text, out) && *out >= 0 && *out <= f->max;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (errno || end == text || *end || v < 1 || v > f->max)
		return false;
	*out = v;
	return true;
}

/* "name[:arg]" into its table entry and parameter. */
const struct lab_fault *lab_fault_parse(const char *spec, long long *arg,
					char *err, size_t errlen)
{
	const struct lab_fault *f = lab_fault_find(spec);
	const char *colon = strchr(spec, ':');

	if (!f) {
		str_printf(err, errlen, _("unknown fault '%.64s' (see --list)"),
			   spec);
		return NULL;
	}
	*arg = f->def;
	if (!colon)
		return f;
	if (!f->arg) {
		str_printf(err, errlen, _("fault '%s' takes no parameter"),
			   f->name);
		return NULL;
	}
	if (!parse_arg(f, colon + 1, arg)) {
		str_printf(err, errlen, _("bad parameter for fault '%s': '%.32s'"),
			   f->name, colon + 1);
		return NULL;
	}
	return f;
}
