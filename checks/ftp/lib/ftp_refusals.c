/* ftp_refusals.c — judge a libcurl FTP session's log strictly and record
 * what the server said into the probe's "refusals" (see the header). */
#include "config.h"

#include <string.h>

#include "ftp_refusals.h"
#include "ftp_reply.h"
#include "probe.h"
#include "refusal.h"
#include "util.h"

/* The one success reply RFC 959/2428/4217 prescribe for VERB, 0 when the
 * command is not judged. */
static int prescribed(const char *verb)
{
	static const struct { const char *verb; int code; } t[] = {
		{ "PASV", 227 }, { "EPSV", 229 }, { "PORT", 200 },
		{ "EPRT", 200 }, { "PBSZ", 200 }, { "PROT", 200 },
		{ "AUTH", 234 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		if (!strcmp(verb, t[i].verb))
			return t[i].code;
	return 0;
}

const char *ftp_malformed(const char *verb, int code, const char *text,
			  char *buf, size_t size)
{
	int want = prescribed(verb);

	if (code == 0)
		return NULL;
	if (code < 100 || code > 599)
		return "no code";
	if (!want || code >= 400)
		return NULL;
	if (code != want) {
		str_printf(buf, size, "%d in answer to %s", code, verb);
		return buf;
	}
	if (code == 227)
		return ftp_check_227(text);
	if (code == 229)
		return ftp_check_229(text);
	return NULL;
}

const char *ftp_step_name(const struct ftp_session *s, int i)
{
	const struct ftp_step *st = &s->steps[i];
	int j;

	if (!strcmp(st->cmd, "AUTH"))
		return "AUTH TLS";
	if (st->cmd[0])
		return st->cmd;
	for (j = i - 1; j >= 0; j--)
		if (s->steps[j].cmd[0])
			return ftp_step_name(s, j);
	return "greeting";
}

/* The argument of the command entry I belongs to ("" for none). */
static const char *step_arg(const struct ftp_session *s, int i)
{
	for (; i >= 0; i--)
		if (s->steps[i].cmd[0])
			return strcmp(s->steps[i].cmd, "AUTH") ?
			       s->steps[i].arg : "";
	return "";
}

/* True when P already holds a refusal of STEP with CODE (and the same
 * malformed verdict BAD): a retried attempt repeats the first one's,
 * with another port in its text. */
static bool already(struct probe *p, const char *step, int code,
		    const char *bad)
{
	json_t *arr = json_object_get(p->details, "refusals"), *o;
	size_t i;

	json_array_foreach(arr, i, o) {
		const char *m = json_string_value(json_object_get(o,
								  "malformed"));

		if (!strcmp(json_string_value(json_object_get(o, "step")) ?: "",
			    step) &&
		    json_integer_value(json_object_get(o, "code")) == code &&
		    !strcmp(m ? m : "", bad ? bad : ""))
			return true;
	}
	return false;
}

/* True when the server closed the control connection after entry I: no
 * command of ours was answered after it, and the FIN was there when
 * libcurl closed.  A reply to nothing (cmd "") does not count: vsftpd
 * may follow its "500 OOPS" with a second one from its privileged
 * helper ("500 OOPS: priv_sock_get_cmd") before it exits, and the
 * connection still closed on the refusal. */
static bool closed_after(const struct ftp_session *s, int i)
{
	int j;

	for (j = i + 1; j < s->nsteps; j++)
		if (s->steps[j].code && s->steps[j].cmd[0])
			return false;
	return s->server_closed;
}

/* True when the lateness of entry I can be trusted: libcurl was waiting
 * for that reply and nothing else.  Once a data-mode command was
 * answered, libcurl may be busy with the data connection (its TLS
 * handshake) and read the control replies late itself. */
static bool lateness_trusted(const struct ftp_session *s, int i)
{
	static const char *const modes[] = { "PASV", "EPSV", "PORT", "EPRT",
					     NULL };
	int j, k;

	for (j = 0; j < i; j++)
		for (k = 0; modes[k]; k++)
			if (!strcmp(s->steps[j].cmd, modes[k]))
				return false;
	return true;
}

/* Record entry I of S when it refuses, breaks the RFC or came late. */
static void judge_step(struct probe *p, const struct ftp_session *s, int i)
{
	const struct ftp_step *st = &s->steps[i];
	const char *step = ftp_step_name(s, i), *bad;
	bool late = st->late_ms > 0 && lateness_trusted(s, i);
	char buf[64];
	struct reply r;
	json_t *o;

	bad = ftp_malformed(st->cmd, st->code, st->text, buf, sizeof(buf));
	if (st->code < 400 && !bad && !late)
		return;
	if (st->code == 0 || already(p, step, st->code, bad))
		return;
	memset(&r, 0, sizeof(r));
	r.code = st->code;
	str_copy(r.text, st->text, sizeof(r.text));
	o = probe_add_refusal(p, step, &r, step_arg(s, i));
	if (!o)
		return;
	if (bad)
		json_object_set_new(o, "malformed", json_string(bad));
	if (late)
		json_object_set_new(o, "late_ms", json_integer(st->late_ms));
	if (st->code >= 400 && closed_after(s, i))
		json_object_set_new(o, "closed", json_true());
}

void ftp_session_refusals(struct probe *p, const struct ftp_session *s)
{
	int i;

	for (i = 0; i < s->nsteps; i++)
		judge_step(p, s, i);
}
