/* wrongproto.c — another protocol on the port, as banner heard it (see
 * wrongproto.h). */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "probe.h"
#include "reply.h"
#include "run.h"
#include "util.h"
#include "wrongproto.h"

/* Banner's finding: "other" is its word for first bytes that are no
 * greeting of the target's protocol; the sniff says whose they are. */
static const char *banner_heard(const struct run_facts *f)
{
	if (strcmp(f->banner_result, "other"))
		return NULL;
	return sniff_protocol(sniff_by_name(f->banner_sniff));
}

const char *wrongproto_heard(const struct run *run, const char **by)
{
	const struct run_facts *f = &run->facts;
	const char *heard = banner_heard(f);

	if (by)
		*by = heard ? "banner" : f->wrong_protocol_by;
	if (heard)
		return heard;
	return f->wrong_protocol[0] ? f->wrong_protocol : NULL;
}

void wrongproto_set(struct run *run, const char *heard, const char *by)
{
	str_copy(run->facts.wrong_protocol, heard,
		 sizeof(run->facts.wrong_protocol));
	str_copy(run->facts.wrong_protocol_by, by,
		 sizeof(run->facts.wrong_protocol_by));
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

bool wrongproto_skip(const struct probe *p, char *reason, size_t size)
{
	const struct run *run = p->run;
	const char *by = "", *heard = wrongproto_heard(run, &by);

	/* P's own finding (an early start confirmed after it) is no
	 * reason for P to skip. */
	if (!heard || !strcmp(by, p->ops->id))
		return false;
	str_printf(reason, size, _("the port speaks %s, not %s (%s)"),
		   heard, wrongproto_target_name(run), by);
	return true;
}
