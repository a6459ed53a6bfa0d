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
	.auth_reply = "431 TLS is required, but the lab has no certificate.\r\n" };
static const struct lab_hooks h_auth_required = {
	.ehlo_extra = "250-AUTH PLAIN LOGIN\r\n",
	.mail_reply = "530 5.7.0 Authentication required\r\n",
	.smtp_auth = true,
	.user_refuse_anon = "530 This FTP server does not allow anonymous logins.\r\n" };
static const struct lab_hooks h_restart_every = { .restarts = true };

/* name, hooks, protocols, ARG name, default, max, ARG is a size, text,
 * expected cause, FTP's cause when different, where diagnosed today. */
const struct lab_fault lab_faults[] = {
	{ "none", &h_none, BOTH, NULL, 0, 0, false,
	  N_("healthy server: every command answered correctly"), "", NULL, BOTH },
	{ "refused", &h_refused, BOTH, NULL, 0, 0, false,
	  N_("port reserved but nothing listens: the SYN is answered by RST"),
	  "tcp.refused", NULL, BOTH },
	{ "reset-on-connect", &h_reset_on_connect, BOTH, NULL, 0, 0, false,
	  N_("accepts the connection, then resets it before any greeting"),
	  "tcp.reset_on_connect", NULL, BOTH },
	{ "reset-after-greeting", &h_reset_after_greeting, BOTH, NULL, 0, 0, false,
	  N_("sends the greeting, then resets the connection"),
	  "tcp.reset_on_connect", NULL, 0 },
	{ "close-after-command", &h_close_after_command, BOTH, NULL, 0, 0, false,
	  N_("closes (FIN) without a reply after the first command"),
	  "conn.graceful_then_reset", NULL, 0 },
	{ "busy", &h_busy, BOTH, NULL, 0, 0, false,
	  N_("greets with 421 too many users and closes"), "server.busy",
	  NULL, BOTH },
	{ "policy-reject", &h_policy_reject, BOTH, NULL, 0, 0, false,
	  N_("SMTP: 554 policy greeting; FTP: 530 at login for every account"),
	  "server.rejects_client", NULL, BOTH },
	{ "slow-greeting", &h_slow_greeting, BOTH, "SEC", 10, COUNT_MAX_ARG, false,
	  N_("sends the greeting only after SEC seconds"),
	  "transfer.stall_timeout", NULL, 0 },
	{ "drip", &h_drip, BOTH, "MS", 500, COUNT_MAX_ARG, false,
	  N_("sends every reply one byte per MS milliseconds"),
	  "transfer.stall_timeout", NULL, BOTH },
	{ "garbage", &h_garbage, BOTH, NULL, 0, 0, false,
	  N_("answers with binary bytes, escape sequences and a huge line without CRLF"),
	  "service.wrong_protocol", NULL, BOTH },
	{ "reset-after-bytes", &h_reset_after_bytes, BOTH, "N", 700 * 1024,
	  SIZE_MAX_ARG, true,
	  N_("resets an upload (SMTP DATA, FTP STOR) after N bytes"),
	  "transfer.reset_after_bytes", NULL, 0 },
	{ "stall-after-bytes", &h_stall_after_bytes, BOTH, "N", 700 * 1024,
	  SIZE_MAX_ARG, true,
	  N_("stops reading an upload after N bytes (the transfer stalls)"),
	  "transfer.stall_timeout", NULL, 0 },
	{ "size-limit", &h_size_limit, BOTH, "N", 1024 * 1024, SIZE_MAX_ARG, true,
	  N_("SMTP announces and enforces SIZE N; FTP answers 552 past N bytes"),
	  "transfer.size_limit", NULL, LAB_P_SMTP },
	{ "max-sessions", &h_max_sessions, BOTH, "N", 2, 200, false,
	  N_("serves N sessions at once; the next one gets 421"),
	  "server.connection_limit", NULL, 0 },
	{ "idle-timeout", &h_idle_timeout, BOTH, "SEC", 5, COUNT_MAX_ARG, false,
	  N_("resets the control connection after SEC seconds without a command, even while data flows"),
	  "transfer.control_idle_timeout", NULL, 0 },
	{ "pasv-private", &h_pasv_private, LAB_P_FTP, NULL, 0, 0, false,
	  N_("PASV answers with a private address (192.168.1.10); EPSV is refused"),
	  "ftp.pasv_address_private", NULL, LAB_P_FTP },
	{ "pasv-closed", &h_pasv_closed, LAB_P_FTP, NULL, 0, 0, false,
	  N_("PASV/EPSV name a port where the data connection is refused"),
	  "ftp.passive_blocked", NULL, LAB_P_FTP },
	{ "active-refused", &h_active_refused, LAB_P_FTP, NULL, 0, 0, false,
	  N_("PORT/EPRT accepted, but the server cannot connect back: 425"),
	  "ftp.active_blocked", NULL, LAB_P_FTP },
	{ "epsv-hang", &h_epsv_hang, LAB_P_FTP, NULL, 0, 0, false,
	  N_("EPSV is never answered while PASV works"),
	  "ftp.epsv_unsupported", NULL, LAB_P_FTP },
	{ "starttls-required", &h_starttls_required, BOTH, NULL, 0, 0, false,
	  N_("TLS is advertised and demanded (530) before MAIL FROM or login"),
	  "auth.requires_tls", NULL, LAB_P_FTP },
	{ "auth-required", &h_auth_required, BOTH, NULL, 0, 0, false,
	  N_("SMTP: AUTH advertised, MAIL FROM answered 530 until AUTH; FTP: no anonymous login"),
	  "auth.required", "auth.rejected", BOTH },
	{ "restart-every", &h_restart_every, BOTH, "SEC", 10, COUNT_MAX_ARG, false,
	  N_("every SEC seconds resets all connections and stops listening for 0.5 s, as a crashed server coming back"),
	  "server.down_or_restarting", NULL, 0 },
};

const int lab_nfaults = (int)ARRAY_SIZE(lab_faults);

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
