/* faults.c — the table of faults the lab can inject: name, protocols,
 * parameter, one-line description and the cause the diagnosis should
 * find.  The table doubles as documentation (docs/lab-faults.md). */
#include "config.h"

#include "lab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define BOTH (LAB_P_SMTP | LAB_P_FTP)

const struct lab_fault lab_faults[] = {
	{ "none", LAB_NONE, BOTH, NULL, 0,
	  N_("healthy server: every command answered correctly"), "", NULL, BOTH },
	{ "refused", LAB_REFUSED, BOTH, NULL, 0,
	  N_("port reserved but nothing listens: the SYN is answered by RST"),
	  "tcp.refused", NULL, BOTH },
	{ "reset-on-connect", LAB_RESET_ON_CONNECT, BOTH, NULL, 0,
	  N_("accepts the connection, then resets it before any greeting"),
	  "tcp.reset_on_connect", NULL, BOTH },
	{ "reset-after-greeting", LAB_RESET_AFTER_GREETING, BOTH, NULL, 0,
	  N_("sends the greeting, then resets the connection"),
	  "tcp.reset_on_connect", NULL, 0 },
	{ "close-after-command", LAB_CLOSE_AFTER_COMMAND, BOTH, NULL, 0,
	  N_("closes (FIN) without a reply after the first command"),
	  "conn.graceful_then_reset", NULL, 0 },
	{ "busy", LAB_BUSY, BOTH, NULL, 0,
	  N_("greets with 421 too many users and closes"), "server.busy",
	  NULL, BOTH },
	{ "policy-reject", LAB_POLICY_REJECT, BOTH, NULL, 0,
	  N_("SMTP: 554 policy greeting; FTP: 530 at login for every account"),
	  "server.rejects_client", NULL, BOTH },
	{ "slow-greeting", LAB_SLOW_GREETING, BOTH, "SEC", 10,
	  N_("sends the greeting only after SEC seconds"),
	  "transfer.stall_timeout", NULL, 0 },
	{ "drip", LAB_DRIP, BOTH, "MS", 500,
	  N_("sends every reply one byte per MS milliseconds"),
	  "transfer.stall_timeout", NULL, BOTH },
	{ "garbage", LAB_GARBAGE, BOTH, NULL, 0,
	  N_("answers with binary bytes, escape sequences and a huge line without CRLF"),
	  "service.wrong_protocol", NULL, BOTH },
	{ "reset-after-bytes", LAB_RESET_AFTER_BYTES, BOTH, "N", 700 * 1024,
	  N_("resets an upload (SMTP DATA, FTP STOR) after N bytes"),
	  "transfer.reset_after_bytes", NULL, 0 },
	{ "stall-after-bytes", LAB_STALL_AFTER_BYTES, BOTH, "N", 700 * 1024,
	  N_("stops reading an upload after N bytes (the transfer stalls)"),
	  "transfer.stall_timeout", NULL, 0 },
	{ "size-limit", LAB_SIZE_LIMIT, BOTH, "N", 1024 * 1024,
	  N_("SMTP announces and enforces SIZE N; FTP answers 552 past N bytes"),
	  "transfer.size_limit", NULL, LAB_P_SMTP },
	{ "max-sessions", LAB_MAX_SESSIONS, BOTH, "N", 2,
	  N_("serves N sessions at once; the next one gets 421"),
	  "server.connection_limit", NULL, 0 },
	{ "idle-timeout", LAB_IDLE_TIMEOUT, BOTH, "SEC", 5,
	  N_("resets the control connection after SEC seconds without a command, even while data flows"),
	  "transfer.control_idle_timeout", NULL, 0 },
	{ "pasv-private", LAB_PASV_PRIVATE, LAB_P_FTP, NULL, 0,
	  N_("PASV answers with a private address (192.168.1.10); EPSV is refused"),
	  "ftp.pasv_address_private", NULL, LAB_P_FTP },
	{ "pasv-closed", LAB_PASV_CLOSED, LAB_P_FTP, NULL, 0,
	  N_("PASV/EPSV name a port where the data connection is refused"),
	  "ftp.passive_blocked", NULL, LAB_P_FTP },
	{ "active-refused", LAB_ACTIVE_REFUSED, LAB_P_FTP, NULL, 0,
	  N_("PORT/EPRT accepted, but the server cannot connect back: 425"),
	  "ftp.active_blocked", NULL, LAB_P_FTP },
	{ "epsv-hang", LAB_EPSV_HANG, LAB_P_FTP, NULL, 0,
	  N_("EPSV is never answered while PASV works"),
	  "ftp.epsv_unsupported", NULL, LAB_P_FTP },
	{ "starttls-required", LAB_STARTTLS_REQUIRED, BOTH, NULL, 0,
	  N_("TLS is advertised and demanded (530) before MAIL FROM or login"),
	  "auth.requires_tls", NULL, LAB_P_FTP },
	{ "auth-required", LAB_AUTH_REQUIRED, BOTH, NULL, 0,
	  N_("SMTP: AUTH advertised, MAIL FROM answered 530 until AUTH; FTP: no anonymous login"),
	  "auth.required", "auth.rejected", BOTH },
	{ "restart-every", LAB_RESTART_EVERY, BOTH, "SEC", 10,
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

	if (!strcmp(f->arg, "N") && f->kind != LAB_MAX_SESSIONS)
		return parse_size(text, out) && *out >= 0 &&
		       *out <= 1024LL * 1024 * 1024;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (errno || end == text || *end || v < 1 || v > 3600 * 1000)
		return false;
	if (f->kind == LAB_MAX_SESSIONS && v > 200)
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
