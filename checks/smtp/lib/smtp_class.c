/* smtp_class.c — classify SMTP rejections; pure, unit-tested. */
#include "config.h"

#include "smtp_class.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* True when TEXT mentions WORD (any case). */
static bool says(const char *text, const char *word)
{
	return strcasestr(text, word) != NULL;
}

/* Security and authentication demands (530, 5.7.0, 5.7.1 relaying). */
static const char *class_access(int code, const char *enh, const char *text)
{
	if (code == 530 && (says(text, "STARTTLS") || says(text, "TLS")))
		return "starttls_required";
	if (code == 530 || !strcmp(enh, "5.7.0") ||
	    says(text, "authentication required") ||
	    says(text, "auth required"))
		return "auth_required";
	if (says(text, "relay"))
		return "relay_denied";
	return NULL;
}

const char *smtp_reply_class(int code, const char *enh, const char *text)
{
	const char *c;

	if (code < 400)
		return "ok";
	if (code == 421)
		return "busy";
	c = class_access(code, enh, text);
	if (c)
		return c;
	if (code == 552 || !strcmp(enh, "5.3.4") || !strcmp(enh, "5.2.3") ||
	    says(text, "size exceeds") || says(text, "too big"))
		return "size";
	if (!strcmp(enh, "5.1.1") || !strcmp(enh, "5.1.0") ||
	    says(text, "user unknown") || says(text, "unknown user"))
		return "bad_recipient";
	if (code == 554 || code == 521 || !strncmp(enh, "5.7.", 4) ||
	    says(text, "blocked") || says(text, "denied"))
		return "policy";
	if (code < 500)
		return "temporary";
	return "rejected";
}
