/* server.c — what is wrong with the server field of a pasted message as
 * the user typed it (cause input.host_malformed): the same checks the
 * chain's input probe makes, stated before anything is sent. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "explain.h"
#include "i18n.h"

/* Characters a host name or address literal may hold. */
static bool host_chars_ok(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(".-:[]", *s))
			return false;
	return true;
}

/* See explain.h. */
const char *explain_server_finding(const struct explain_msg *m)
{
	const char *s = m->server;
	size_t n = strlen(s);

	if (!m->server_given)
		return NULL;
	if (n == 0)
		return _("The server field is empty: the client has no server to "
			 "connect to. Enter the provider's server name in the "
			 "account settings.");
	if (isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1]))
		return _("The server field has a leading or trailing space; "
			 "remove it.");
	if (strstr(s, "://"))
		return _("The server field holds a URL; enter only the host "
			 "name.");
	if (s[n - 1] == '.' || s[n - 1] == '/')
		return _("The server field ends in a dot or slash; remove it.");
	if (strchr(s, ':') && !strchr(s, '['))
		return _("The server field has a port glued to the host; put "
			 "the port in the port field.");
	if (!host_chars_ok(s))
		return _("The server field contains characters a host name "
			 "cannot have.");
	return NULL;
}
