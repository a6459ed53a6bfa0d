/* trial_upload_smtp.c — what the server said at each step of an SMTP
 * upload: libcurl drives MAIL FROM (with SIZE= when EHLO offered SIZE,
 * RFC 1870), RCPT TO, DATA, the message and its end, but reports only the
 * last reply code (CURLINFO_RESPONSE_CODE, after a refusal often the 221
 * to QUIT).  Each command libcurl sends (CURLINFO_HEADER_OUT) and each
 * reply it reads (CURLINFO_HEADER_IN, through the bounded reply parser of
 * trial_upload_reply.c; a reply it never read is taken from the socket as
 * it closes it) are paired here into steps with the code, the RFC 3463
 * enhanced code, the sanitized text and the message bytes sent by then.
 *
 * Why libcurl's debug callback and not sockdoc's own dialogue
 * (checks/smtp/lib/smtp_dialog.c): the upload must stay on libcurl, the
 * reference client, at wire speed with its progress, socket and
 * acknowledged-bytes measures (trial_upload_xfer.c), which smtp_dialog
 * (a message held in memory, no streaming) does not have; the commands
 * and replies libcurl exchanges are exact evidence already, so pairing
 * them is the least new code, the same way as for FTP's STOR. */
#include "config.h"

#include "trial_upload.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "probe.h"
#include "refusal.h"
#include "smtp_caps.h"
#include "util.h"

/* What replaces AUTH's arguments and continuation lines. */
static const char secret_marker[] = "<secret not recorded>";

/* LEN bytes of DATA without the CR/LF at the end. */
static size_t chomp(const char *data, size_t len)
{
	while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	return len;
}

/* AUTH MECH: the transcript gets the mechanism and a marker only. */
static void auth_command(struct upl *u, const char *data, size_t len)
{
	char mech[24], line[64];
	size_t i = 5, k = 0;

	while (i < len && k < sizeof(mech) - 1 &&
	       (isalnum((unsigned char)data[i]) || data[i] == '-' ||
		data[i] == '_'))
		mech[k++] = data[i++];
	mech[k] = '\0';
	str_printf(line, sizeof(line), "AUTH %s %s", mech, secret_marker);
	probe_transcript(u->p, TS_SENT, line, strlen(line));
	str_copy(u->smtp.verb, "AUTH", sizeof(u->smtp.verb));
	u->smtp.arg[0] = '\0';
	u->smtp.in_auth = true;
}

/* The argument of MAIL or RCPT (LEN bytes at A, "FROM:<x@y> SIZE=n"):
 * the address and the parameters after it ("x@y SIZE=n"), as the
 * smtp.transaction probe names its steps, so the diagnosis quotes a
 * refusal both saw once; sanitized. */
static void keep_arg(struct upl_smtp *m, const char *a, size_t len)
{
	const char *lt = memchr(a, '<', len), *gt;
	char raw[UPL_SMTP_ARG * 2];
	size_t n;

	gt = lt ? memchr(lt, '>', len - (size_t)(lt - a)) : NULL;
	if (!lt || !gt) {
		sanitize(a, len, m->arg, sizeof(m->arg), false);
		return;
	}
	n = str_printf(raw, sizeof(raw), "%.*s%.*s", (int)(gt - lt - 1),
		       lt + 1, (int)(len - (size_t)(gt + 1 - a)), gt + 1);
	sanitize(raw, n < sizeof(raw) ? n : sizeof(raw) - 1, m->arg,
		 sizeof(m->arg), false);
}

void upl_smtp_command(struct upl *u, const char *data, size_t size)
{
	struct upl_smtp *m = &u->smtp;
	size_t len = chomp(data, size), i;
	char verb[sizeof(m->verb)];

	if (m->in_auth) {
		probe_transcript(u->p, TS_SENT, secret_marker,
				 strlen(secret_marker));
		return;
	}
	for (i = 0; i < len && i < sizeof(verb) - 1 &&
		    isalpha((unsigned char)data[i]); i++)
		verb[i] = (char)toupper((unsigned char)data[i]);
	verb[i] = '\0';
	if (!strcmp(verb, "AUTH")) {
		auth_command(u, data, len);
		return;
	}
	probe_transcript(u->p, TS_SENT, data, len);
	str_copy(m->verb, verb, sizeof(m->verb));
	m->arg[0] = '\0';
	if (!strcmp(verb, "MAIL") || !strcmp(verb, "RCPT"))
		keep_arg(m, data + i, len - i);
}

/* Keep reply R as the next step STEP (dropped when the list is full). */
static void add_step(struct upl *u, const char *step, const struct reply *r)
{
	struct upl_smtp *m = &u->smtp;
	struct upl_sstep *s;
	size_t i;

	if (m->n >= UPL_SMTP_STEPS)
		return;
	s = &m->st[m->n++];
	memset(s, 0, sizeof(*s));
	str_copy(s->step, step, sizeof(s->step));
	if (strcmp(step, "DATA-END"))
		str_copy(s->arg, m->arg, sizeof(s->arg));
	s->code = r->code;
	str_copy(s->text, r->text, sizeof(s->text));
	for (i = 0; s->text[i]; i++)
		if (s->text[i] == '\n')
			s->text[i] = ' ';
	refusal_enhanced(s->text, s->enh, sizeof(s->enh));
	s->during_data = !strcmp(step, "DATA-END") && u->ulnow < u->size;
	/* Cut short: what the server acknowledged (libcurl's counter holds
	 * the send buffer too); else the whole message went. */
	s->data_bytes = !strcmp(step, "DATA-END") ? u->ulnow : 0;
	if (s->during_data && u->acked >= 0 && u->acked < u->ulnow)
		s->data_bytes = u->acked;
}

/* EHLO's 250: does the server offer SIZE, and with which limit? */
static void read_ehlo(struct upl_smtp *m, const struct reply *r)
{
	struct smtp_caps caps;

	memset(&caps, 0, sizeof(caps));
	smtp_caps_parse(r->text, &caps);
	m->size_offered = caps.size;
	m->size_limit = caps.size_limit;
}

void upl_smtp_reply(struct upl *u, const struct reply *r)
{
	struct upl_smtp *m = &u->smtp;
	const char *step = m->verb[0] ? m->verb : "greeting";

	if (m->in_auth && r->code != 334)
		m->in_auth = false;
	if (!strcmp(step, "EHLO") && r->code == 250)
		read_ehlo(m, r);
	/* QUIT's answer says nothing about the upload; a 334 is AUTH's. */
	if (!strcmp(step, "QUIT") || r->code == 334)
		return;
	if (m->in_data) {
		m->in_data = false;
		add_step(u, "DATA-END", r);
		return;
	}
	add_step(u, step, r);
	if (!strcmp(step, "DATA") && r->code == 354)
		m->in_data = true;
}

const struct upl_sstep *upl_smtp_refusal(const struct upl *u)
{
	int i;

	/* The last one: libcurl stops at a refusal, except at EHLO, where it
	 * tries HELO and goes on. */
	for (i = u->smtp.n - 1; i >= 0; i--)
		if (u->smtp.st[i].code >= 400)
			return &u->smtp.st[i];
	return NULL;
}

/* True when TEXT holds one of the WORDS (any case). */
static bool says_any(const char *text, const char *const *words)
{
	for (; *words; words++)
		if (strcasestr(text, *words))
			return true;
	return false;
}

bool upl_smtp_too_large(const struct upl_sstep *s)
{
	static const char *const size_words[] = {
		"size", "too large", "too big", "too much mail data",
		"too long", NULL
	};
	static const char *const storage_words[] = {
		"quota", "mailbox full", "mailbox is full", "insufficient",
		"storage", "disk full", "no space", NULL
	};

	if (s->enh[0])
		return !strcmp(s->enh + 1, ".3.4") ||
		       !strcmp(s->enh + 1, ".2.3");
	if (says_any(s->text, storage_words) &&
	    !says_any(s->text, size_words))
		return false;
	/* RFC 1870 6: 552 answers a SIZE= over the limit and a message
	 * that grew past it. */
	return s->code == 552 || says_any(s->text, size_words);
}

const char *upl_smtp_when(const struct upl_sstep *s)
{
	if (strcmp(s->step, "DATA-END"))
		return "before_data";
	return s->during_data ? "during_data" : "after_data";
}

bool upl_smtp_reply_owed(const struct upl *u)
{
	return u->smtp.in_data && !u->stalled && !u->cut;
}

json_t *upl_smtp_json(const struct upl *u)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < u->smtp.n; i++) {
		const struct upl_sstep *s = &u->smtp.st[i];
		json_t *o = json_pack("{s:s,s:i,s:s,s:I}", "step", s->step,
				      "code", s->code, "text", s->text,
				      "data_bytes", (json_int_t)s->data_bytes);

		if (s->arg[0])
			json_object_set_new(o, "arg", json_string(s->arg));
		if (s->enh[0])
			json_object_set_new(o, "enhanced",
					    json_string(s->enh));
		if (s->during_data)
			json_object_set_new(o, "during_data", json_true());
		json_array_append_new(a, o);
	}
	return a;
}
