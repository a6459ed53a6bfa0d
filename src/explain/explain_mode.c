/* explain_mode.c — the textbook security mismatch a pasted message shows
 * by its own fields: an implicit-TLS port (465, 993, 995, 990) with the
 * client's SSL off.  The reverse (Secure(SSL): Yes on 587 or 110) proves
 * nothing: Outlook says Yes for STARTTLS too.  explain_rank() puts
 * tls.mode_mismatch first for it; the writers and the wizard quote it. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "explain.h"
#include "i18n.h"
#include "util.h"

/* Ports that speak TLS from the first byte (RFC 8314, RFC 4217 990). */
static bool implicit_port(int port)
{
	return port == 465 || port == 993 || port == 995 || port == 990;
}

/* See explain.h. */
bool explain_mode_mismatch(const struct explain_msg *m, char *buf,
			   size_t size)
{
	if (m->ssl == EXPLAIN_SSL_NO && implicit_port(m->port)) {
		if (buf)
			str_printf(buf, size, _("port %d expects SSL/TLS from "
				   "the first byte; your client has "
				   "Secure(SSL): No"), m->port);
		return true;
	}
	return false;
}
