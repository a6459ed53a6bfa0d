/* wrongproto.c — another protocol on the port, as banner heard it (see
 * wrongproto.h). */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "reply.h"
#include "run.h"
#include "util.h"
#include "wrongproto.h"

const char *wrongproto_heard(const struct run *run)
{
	const struct run_facts *f = &run->facts;

	/* "other" is banner's word for first bytes that are no greeting of
	 * the target's protocol; the sniff says whose they are. */
	if (strcmp(f->banner_result, "other"))
		return NULL;
	return sniff_protocol(sniff_by_name(f->banner_sniff));
}

const char *wrongproto_target_name(const struct run *run)
{
	switch (run->target.proto) {
	case PROTO_SMTP:
		return "SMTP";
	case PROTO_FTP:
		return "FTP";
	case PROTO_POP3:
		return "POP3";
	case PROTO_IMAP:
		return "IMAP";
	default:
		return "TCP";
	}
}

bool wrongproto_skip(const struct run *run, char *reason, size_t size)
{
	const char *heard = wrongproto_heard(run);

	if (!heard)
		return false;
	str_printf(reason, size, _("the port speaks %s, not %s (banner)"),
		   heard, wrongproto_target_name(run));
	return true;
}
