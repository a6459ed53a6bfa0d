/* smtp_outcome_text.c — readable phrases for the session outcome tokens
 * (smtp_session.h lists them). */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "smtp_outcome_text.h"
#include "util.h"

/* Token and phrase. */
static const char *const outcome_words[][2] = {
	{ "ok", N_("worked") },
	{ "refused", N_("connection refused") },
	{ "unreachable", N_("network unreachable") },
	{ "connect_timeout", N_("no answer in time") },
	{ "connect_failed", N_("could not connect") },
	{ "timeout", N_("the server stopped answering") },
	{ "no_greeting", N_("no greeting") },
	{ "tls_handshake", N_("the TLS handshake failed") },
	{ "tls_verify", N_("the certificate was not accepted") },
	{ "login_denied", N_("the login was refused") },
	{ "starttls_refused", N_("STARTTLS refused") },
	{ "reset", N_("the connection was reset") },
	{ "rejected", N_("a command was rejected") },
	{ "error", N_("a protocol error") },
	{ "closed", N_("the server closed the connection") },
	{ "wrong_protocol", N_("another protocol answers") },
	{ "not_needed", N_("stopped: not needed") },
};

/* See smtp_outcome_text.h. */
const char *smtp_outcome_text(const char *token)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(outcome_words); i++)
		if (!strcmp(token, outcome_words[i][0]))
			return _(outcome_words[i][1]);
	return token;
}

/* See smtp_outcome_text.h. */
const char *smtp_security_text(const char *sec)
{
	if (!strcmp(sec, "plain"))
		return _("plain");
	if (!strcmp(sec, "starttls"))
		return "STARTTLS";
	if (!strcmp(sec, "implicit"))
		return _("SSL/TLS");
	return sec;
}
