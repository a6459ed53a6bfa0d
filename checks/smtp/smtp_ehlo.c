/* smtp_ehlo.c — probe "smtp.ehlo": what the port speaks and offers.
 *
 * Two sessions start at once on the address reach found open: plain text
 * (greeting, EHLO with HELO fallback, then HELP, which a server that
 * insists on STARTTLS answers with 530) and implicit TLS (RFC 8314).  The
 * one that gets a 220 greeting tells the port's security mode; the other
 * one's failure is the evidence of a mode mismatch.
 *
 * Its details keys are listed in smtp_ehlo_details[] below.
 *
 * libcurl stays the client here: the question is what a mainstream
 * client meets on this port; its debug callback shows every reply.  An
 * EHLO reply libcurl gave up on is waited for once more on the own
 * dialogue (smtp_dialog), so a late reply is recorded as late.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks.h"
#include "i18n.h"
#include "jsontext.h"
#include "jsontext.h"
#include "ownload.h"
#include "refusal.h"
#include "run.h"
#include "smtp_caps.h"
#include "smtp_outcome_text.h"
#include "smtp_dialog.h"
#include "smtp_probe.h"
#include "smtp_session.h"
#include "util.h"
#include "wrongproto.h"

/* Which session is which in the state. */
enum { S_PLAIN = 0, S_IMPLICIT = 1 };

/* The probe's two sessions. */
struct ehlo_state {
	struct smtp_sess s[SMTP_PROBE_SESS]; /* [S_PLAIN] smtp:// with TLS
					      * off, [S_IMPLICIT] smtps://
					      * (first: the shared destructor
					      * stops them) */
	int pending;               /* sessions still running */
	struct sdlg late;          /* own dialogue when EHLO got no reply
				      in time: waits once more (late_ms) */
	bool late_used;            /* it ran */
	bool own_retried;          /* the plain session, greeted with "too
				      many connections" while sockdoc's
				      own ran beside, was tried alone */
	struct ownload_wait wait;  /* until those are done (ownload.h) */
};

/* Runs for SMTP targets whose server answered a TCP connect. */
static bool ehlo_applies(struct probe *p, char *reason, size_t size)
{
	return smtp_probe_common_applies(p, reason, size);
}

/* The greeting of session S, whatever its code (a 421/554 over TLS is
 * seen only here: banner does not speak TLS). */
static void record_greeting(struct probe *p, const struct smtp_sess *s)
{
	const struct smtp_exch *g = smtp_sess_find(s, "", false);
	char host[128] = "";

	if (!g)
		return;
	probe_set_int(p, "greeting_code", g->code);
	probe_set_str(p, "greeting", g->text);
	str_word(host, sizeof(host), g->text);
	probe_set_str(p, "greeting_host", host);
}

/* Greeting, EHLO/HELO and the capabilities of the session S. */
static void record_session(struct probe *p, const struct smtp_sess *s,
			   const struct sdlg *late)
{
	const struct smtp_exch *e = smtp_sess_find(s, "EHLO", true);
	const struct smtp_exch *h = smtp_sess_find(s, "HELO", true);
	const struct sdlg_exch *le = late ? sdlg_find(late, "EHLO", true)
					  : NULL;
	const struct sdlg_exch *lh = late ? sdlg_find(late, "HELO", true)
					  : NULL;
	struct smtp_caps caps;

	record_greeting(p, s);
	probe_set_int(p, "ehlo_code", e ? e->code : le ? le->code : 0);
	probe_set_int(p, "helo_code", h ? h->code : lh ? lh->code : 0);
	probe_set_bool(p, "helo_fallback", h != NULL || lh != NULL);
	if (!e && le && le->code == 250) {
		smtp_caps_parse(late->ehlo_text, &caps);
	} else if (e && e->code == 250) {
		smtp_caps_parse(e->text, &caps);
	} else {
		memset(&caps, 0, sizeof(caps));
		if (h)
			str_word(caps.domain, sizeof(caps.domain), h->text);
	}
	json_object_set_new(p->details, "caps", smtp_caps_json(&caps));
	p->run->facts.smtp_caps.starttls = caps.starttls;
	p->run->facts.smtp_caps.size = caps.size;
}

/* HELP's answer and a 4xx/5xx after EHLO, from the plain session. */
static void record_help(struct probe *p, const struct smtp_sess *s)
{
	const struct smtp_exch *h = smtp_sess_find(s, "HELP", true);
	int i;

	probe_set_int(p, "help_code", h ? h->code : 0);
	probe_set_str(p, "help_text", h ? h->text : "");
	probe_set_bool(p, "starttls_required", h && h->code == 530);
	probe_set_int(p, "after_ehlo_code", 0);
	for (i = 1; i < s->nex; i++) {
		const struct smtp_exch *x = &s->ex[i];

		if ((x->code == 421 || x->code == 554) &&
		    strcasecmp(x->cmd, "HELP")) {
			probe_set_int(p, "after_ehlo_code", x->code);
			probe_set_str(p, "after_ehlo_text", x->text);
			break;
		}
	}
}

/* The name sent, the plain EHLO's AUTH offer, the refusals. */
static void record_common(struct probe *p, struct ehlo_state *st)
{
	const struct smtp_exch *e = smtp_sess_find(&st->s[S_PLAIN], "EHLO",
						   true);
	struct smtp_caps caps;
	json_t *cj;

	memset(&caps, 0, sizeof(caps));
	if (e && e->code == 250)
		smtp_caps_parse(e->text, &caps);
	cj = smtp_caps_json(&caps);
	json_object_set(p->details, "auth_plain", json_object_get(cj, "auth"));
	json_decref(cj);
	str_copy(p->run->facts.smtp_auth_plain, caps.auth,
		 sizeof(p->run->facts.smtp_auth_plain));
	probe_set_str(p, "ehlo_name", st->s[S_PLAIN].ehlo);
	smtp_probe_sess_refusals(p, &st->s[S_PLAIN], 0);
	if (st->s[S_IMPLICIT].tls.up)
		smtp_probe_sess_refusals(p, &st->s[S_IMPLICIT], 0);
	if (st->late_used) {
		sdlg_refusals(&st->late, p);
		json_object_set_new(p->details, "late_dialogue",
				    sdlg_json(&st->late));
	}
}

/* Implicit TLS: banner cannot read a greeting through TLS, so the
 * connect and greeting steps come from this session. */
static void record_implicit_steps(struct probe *p, const struct smtp_sess *s)
{
	if (s->connect_us > 0)
		probe_set_real(p, "implicit_connect_ms", s->connect_us / 1000.0);
	if (smtp_sess_step_ms(s, "greeting") >= 0)
		probe_set_real(p, "implicit_greeting_ms",
			       smtp_sess_step_ms(s, "greeting"));
}

/* Neither session greeted and one met another protocol (an SSH banner
 * as the greeting, or where the TLS handshake was due): name it, hand
 * it to the next probes (wrongproto.h) and finish.  False otherwise. */
static bool record_foreign(struct probe *p, const struct ehlo_state *st)
{
	const struct smtp_sess *s = &st->s[S_IMPLICIT];
	const char *name;

	if (!s->foreign)
		s = &st->s[S_PLAIN];
	name = sniff_protocol(s->foreign);
	if (!name)
		return false;
	json_object_set_new(p->details, "wrong_protocol", json_pack(
		"{s:s,s:s,s:o,s:s}", "protocol", name,
		"sniff", sniff_name(s->foreign),
		"raw", json_text(s->foreign_raw),
		"where", s->foreign_tls ? "tls" : "greeting"));
	wrongproto_set(p->run, name, p->ops->id);
	probe_finish(p, PROBE_FAIL, s->foreign_tls ?
		     _("no SMTP greeting on port %d: the port speaks %s (its "
		       "first bytes came where the TLS handshake was due)") :
		     _("no SMTP greeting on port %d: the port speaks %s"),
		     p->run->target.port, name);
	return true;
}

/* Hand the mode and both outcomes to the next probes (run->facts). */
static void record_facts(struct run *run, const char *mode,
			 const struct smtp_sess *pl, const struct smtp_sess *im)
{
	struct run_facts *f = &run->facts;

	str_copy(f->smtp_mode, mode, sizeof(f->smtp_mode));
	str_copy(f->smtp_plain_outcome, smtp_sess_outcome(pl),
		 sizeof(f->smtp_plain_outcome));
	str_copy(f->smtp_implicit_outcome, smtp_sess_outcome(im),
		 sizeof(f->smtp_implicit_outcome));
}

/* The plain session was greeted with a refusal (421 busy, 554): that
 * is a greeting, say what it said.  False when it was not. */
static bool finish_refused_greeting(struct probe *p,
				    const struct smtp_sess *pl,
				    const struct smtp_sess *im)
{
	const struct smtp_exch *g = smtp_sess_find(pl, "", false);

	if (!g || g->code < 400)
		return false;
	probe_finish(p, PROBE_FAIL, _("port %d: the server greeted with %d "
		     "%s (in plain text; with implicit TLS %s)"),
		     p->run->target.port, g->code, g->text,
		     smtp_outcome_text(smtp_sess_outcome(im)));
	return true;
}

/* Both sessions ended: decide the mode and write the findings. */
static void ehlo_conclude(struct probe *p, struct ehlo_state *st)
{
	const struct smtp_sess *pl = &st->s[S_PLAIN], *im = &st->s[S_IMPLICIT];
	bool plain = smtp_sess_greeted(pl);
	bool tls = smtp_sess_greeted(im) && im->tls.up;
	const struct smtp_sess *used = plain ? pl : im;
	const char *mode = plain ? "plain" : tls ? "implicit" : "none";
	const struct sdlg_exch *late;
	long long ehlo;

	probe_set_str(p, "mode", mode);
	record_facts(p->run, mode, pl, im);
	probe_set_str(p, "client_tls", tls_mode_name(p->run->target.tls));
	probe_set_int(p, "port", p->run->target.port);
	probe_set_int(p, "max_upload", p->run->opt->max_upload);
	json_object_set_new(p->details, "plain", smtp_sess_json(pl));
	json_object_set_new(p->details, "implicit", smtp_sess_json(im));
	record_common(p, st);
	if (!plain && !tls) {
		record_greeting(p, pl);
		record_greeting(p, im);
		if (record_foreign(p, st))
			return;
		if (finish_refused_greeting(p, pl, im))
			return;
		probe_finish(p, PROBE_FAIL,
			     _("no SMTP greeting on port %d: in plain text "
			       "%s; with implicit TLS %s"),
			     p->run->target.port,
			     smtp_outcome_text(smtp_sess_outcome(pl)),
			     smtp_outcome_text(smtp_sess_outcome(im)));
		return;
	}
	record_session(p, used, st->late_used && used == pl ? &st->late
							       : NULL);
	record_help(p, pl);
	if (used->endless) {
		probe_finish(p, PROBE_FAIL, _("port %d (%s): the reply to %s "
			     "did not end: %zu bytes (%d lines read) without "
			     "its last line: a broken server, or something "
			     "else on the port"),
			     p->run->target.port, mode,
			     used->endless_cmd[0] ? used->endless_cmd
						  : _("the greeting"),
			     used->reply_bytes, used->reply_lines);
		return;
	}
	if (used->in_reply) {
		probe_finish(p, PROBE_FAIL, _("port %d (%s): the reply to %s "
			     "stopped after %d lines without its last line "
			     "(%s): the server stalled mid-reply"),
			     p->run->target.port, mode,
			     used->cur_cmd[0] ? used->cur_cmd : _("the greeting"),
			     used->reply_lines, smtp_sess_outcome(used));
		return;
	}
	if (smtp_sess_step_ms(used, "ehlo") >= 0)
		probe_set_real(p, "ehlo_ms", smtp_sess_step_ms(used, "ehlo"));
	if (!plain)
		record_implicit_steps(p, used);
	ehlo = json_integer_value(json_object_get(p->details, "ehlo_code"));
	late = st->late_used ? sdlg_find(&st->late, "EHLO", true) : NULL;
	if (late && late->late_ms > 0 && late->code)
		probe_finish(p, PROBE_WARN, _("port %d (%s): EHLO answered "
			     "%d only %lld ms after --timeout"),
			     p->run->target.port, mode, late->code,
			     (long long)late->late_ms);
	else if (ehlo == 0 && json_integer_value(json_object_get(p->details,
						 "helo_code")) == 0 &&
		 st->late_used)
		probe_finish(p, PROBE_FAIL, _("port %d (%s): no reply to EHLO "
			     "(waited twice --timeout)"), p->run->target.port,
			     mode);
	else if (ehlo == 0 && json_integer_value(json_object_get(p->details,
						 "helo_code")) == 0)
		/* not a silence: the session ended (reset, closed) */
		probe_finish(p, PROBE_FAIL, _("port %d (%s): greeted, then no "
			     "reply to EHLO: %s"), p->run->target.port, mode,
			     smtp_outcome_text(smtp_sess_outcome(used)));
	else if (ehlo != 250 &&
	    json_integer_value(json_object_get(p->details, "helo_code")) != 250)
		probe_finish(p, PROBE_FAIL, _("port %d (%s): EHLO and HELO "
			     "refused (%lld)"), p->run->target.port, mode, ehlo);
	else
		probe_finish(p, ehlo == 250 ? PROBE_OK : PROBE_WARN,
			     _("port %d speaks %s SMTP; %s"),
			     p->run->target.port, mode,
			     ehlo == 250 ? _("EHLO accepted")
					 : _("only HELO accepted"));
}

/* The own dialogue ended. */
static void late_done(struct sdlg *d, void *arg)
{
	struct probe *p = arg;

	(void)d;
	ehlo_conclude(p, p->state);
}

/* True when S got a line without a reply code after EHLO (recorded as a
 * malformed refusal already; no need to ask again). */
static bool malformed_ehlo(const struct smtp_sess *s)
{
	int i;

	for (i = 0; i < s->nex; i++)
		if (s->ex[i].malformed && !strcmp(s->ex[i].cmd, "EHLO"))
			return true;
	return false;
}

/* libcurl's plain session was greeted but EHLO got no reply within
 * --timeout: ask again on the own dialogue, which waits once more and
 * records a late reply as what it is.  True when it started. */
static bool late_retry(struct probe *p, struct ehlo_state *st)
{
	const struct smtp_exch *e = smtp_sess_find(&st->s[S_PLAIN], "EHLO",
						   true);
	struct sdlg_cfg cfg;

	if (!smtp_sess_greeted(&st->s[S_PLAIN]) || (e && e->code) ||
	    malformed_ehlo(&st->s[S_PLAIN]) ||
	    strcmp(smtp_sess_outcome(&st->s[S_PLAIN]), "timeout"))
		return false;
	smtp_probe_dlg_cfg(p, &cfg, "plain-late", SEC_PLAIN);
	sdlg_plan(&cfg, SD_EHLO, NULL);
	sdlg_plan(&cfg, SD_QUIT, NULL);
	st->late_used = sdlg_start(&st->late, p, &cfg, late_done, p) == 0;
	return st->late_used;
}

static void ehlo_sess_done(struct smtp_sess *s, void *arg);

/* The others are done (or the wait ran out): the plain session again. */
static void own_go(struct probe *p)
{
	struct ehlo_state *st = p->state;
	struct smtp_sess_cfg cfg = st->s[S_PLAIN].cfg;

	cfg.ehlo = NULL;
	st->pending = 1;
	probe_info(p, "[plain] once more, alone: the refusal may have been "
		   "for sockdoc's own connections");
	if (smtp_sess_start(&st->s[S_PLAIN], p, &cfg, ehlo_sess_done, p) < 0)
		ehlo_sess_done(&st->s[S_PLAIN], p);
}

/* Both sessions ended and the plain one was greeted with "too many
 * connections" while sockdoc's own sessions ran (its implicit one, the
 * other probes'): note it, and once those are done try it once more
 * alone (ownload.h).  True when the retry is on its way. */
static bool own_retry(struct probe *p, struct ehlo_state *st)
{
	const struct smtp_exch *g = smtp_sess_find(&st->s[S_PLAIN], "", false);
	json_t *o = json_object_get(p->details, "own_load");
	char beside[128];

	if (o) {
		json_object_set_new(o, "retry_greeted", json_boolean(
			smtp_sess_greeted(&st->s[S_PLAIN])));
		return false;
	}
	if (st->own_retried || !g || g->code < 400 ||
	    !ownload_says_too_many(g->code, g->text))
		return false;
	ownload_beside(p, beside, sizeof(beside));
	json_object_set_new(p->details, "own_load", json_pack(
		"{s:s,s:i,s:o,s:o,s:o}", "session", "plain", "code", g->code,
		"enhanced", json_text(g->enh), "text", json_text(g->text),
		"beside", json_text(beside)));
	st->own_retried = true;
	ownload_wait(&st->wait, p, run_timeout_ms(p->run), own_go);
	return true;
}

/* A session ended; conclude when both have. */
static void ehlo_sess_done(struct smtp_sess *s, void *arg)
{
	struct probe *p = arg;
	struct ehlo_state *st = p->state;

	/* Implicit TLS met another protocol (an HTTP server's answer to the
	 * ClientHello): no SMTP greeting can come in plain text either, and
	 * a silent protocol would hold the plain session to --timeout. */
	if (s == &st->s[S_IMPLICIT] && s->foreign && st->s[S_PLAIN].running &&
	    !st->s[S_PLAIN].nex) {
		smtp_sess_drop(&st->s[S_PLAIN]);
		st->pending--;
	}
	if (--st->pending == 0 && !own_retry(p, st) && !late_retry(p, st))
		ehlo_conclude(p, st);
}

/* The state's destructor: both libcurl sessions and the own dialogue. */
static void ehlo_state_dtor(void *state)
{
	struct ehlo_state *st = state;

	ownload_cancel(&st->wait);
	smtp_probe_state_dtor(state);
	sdlg_stop(&st->late);
}

/* Start the plain and the implicit-TLS session together. */
static void ehlo_start(struct probe *p)
{
	struct ehlo_state *st = probe_state_new(p, sizeof(*st),
						ehlo_state_dtor);
	struct smtp_sess_cfg cfg;

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	smtp_probe_cfg(p, &cfg, "plain", SEC_PLAIN, false);
	cfg.command = "HELP";
	st->pending = 2;
	if (smtp_sess_start(&st->s[S_PLAIN], p, &cfg, ehlo_sess_done, p) < 0)
		st->pending--;
	smtp_probe_cfg(p, &cfg, "implicit", SEC_IMPLICIT, false);
	if (smtp_sess_start(&st->s[S_IMPLICIT], p, &cfg, ehlo_sess_done, p) < 0)
		st->pending--;
	if (st->pending == 0)
		probe_finish(p, PROBE_ERROR, _("libcurl could not start"));
}


/* Monitoring figures: the EHLO round trip; with implicit TLS also the
 * connect and greeting steps banner could not measure. */
static const struct probe_perf smtp_ehlo_perf[] = {
	{ "connect", "implicit_connect_ms", "s", 0.001, PERF_STEP,
	  "TCP handshake" },
	{ "greeting", "implicit_greeting_ms", "s", 0.001, PERF_STEP,
	  "TLS handshake done to the end of the greeting" },
	{ "ehlo", "ehlo_ms", "s", 0.001, PERF_STEP, "EHLO round trip" },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail smtp_ehlo_details[] = {
	{ "own_load", DT_OBJECT, NULL,
	  "{session, code, enhanced, text, beside, retry_greeted}: the plain "
	  "session greeted with \"too many connections\" while sockdoc's "
	  "own sessions ran beside it, tried once more alone (ownload.h)" },
	{ "mode", DT_STR, NULL,
	  "\"plain\" | \"implicit\" | \"none\": what the port speaks" },
	{ "client_tls", DT_STR, NULL, "the user's --tls" },
	{ "port", DT_INT, NULL, "the port probed" },
	{ "greeting_code", DT_INT, NULL, "code of the greeting (0: none)" },
	{ "greeting", DT_STR, NULL, "its text (sanitized)" },
	{ "greeting_host", DT_STR, NULL,
	  "first word of the greeting (the server's name)" },
	{ "ehlo_code", DT_INT, NULL, "reply to EHLO (0: not sent)" },
	{ "helo_fallback", DT_BOOL, NULL,
	  "EHLO was refused and HELO was used" },
	{ "helo_code", DT_INT, NULL, "reply to HELO (0: not sent)" },
	{ "ehlo_ms", DT_REAL, "ms",
	  "the first EHLO sent to its reply, in the session used" },
	{ "implicit_connect_ms", DT_REAL, "ms",
	  "implicit TLS only: the TCP handshake of that session" },
	{ "implicit_greeting_ms", DT_REAL, "ms",
	  "implicit TLS only: handshake done to the end of the greeting" },
	{ "caps", DT_OBJECT, NULL,
	  "capabilities (smtp_caps_json): starttls, auth[], size, "
	  "size_limit, pipelining, 8bitmime, smtputf8, keywords[], domain" },
	{ "help_code", DT_INT, NULL,
	  "reply to HELP on the plain session (0: not sent)" },
	{ "help_text", DT_STR, NULL, "its text" },
	{ "starttls_required", DT_BOOL, NULL,
	  "HELP was refused with 530 until STARTTLS" },
	{ "max_upload", DT_INT, "bytes",
	  "--max-upload (the size rule compares it)" },
	{ "after_ehlo_code", DT_INT, NULL,
	  "a 4xx/5xx that ended the session after EHLO (421)" },
	{ "after_ehlo_text", DT_STR, NULL, "its text" },
	{ "plain", DT_OBJECT, NULL, "the plain-text session (smtp_sess_json)" },
	{ "implicit", DT_OBJECT, NULL,
	  "the implicit-TLS session (smtp_sess_json)" },
	{ "ehlo_name", DT_STR, NULL,
	  "the EHLO/HELO name sent (--ehlo, else an address literal of the "
	  "local address, RFC 5321 4.1.4)" },
	{ "auth_plain", DT_ARRAY, NULL,
	  "AUTH mechanisms the plain-text EHLO offers ([] none)" },
	PROBE_DETAIL_REFUSALS,
	{ "late_dialogue", DT_OBJECT, NULL,
	  "the own dialogue that waited for a late EHLO reply (sdlg_json)" },
	{ "wrong_protocol", DT_OBJECT, NULL,
	  "neither session greeted and one met another protocol: "
	  "{protocol (\"SSH\"...), sniff, raw (first bytes, sanitized), "
	  "where: \"greeting\" (the plain greeting) | \"tls\" (where the "
	  "TLS handshake was due)}" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_smtp_ehlo = {
	.id = "smtp.ehlo",
	.deps = { "banner" },
	.applies = ehlo_applies,
	.start = ehlo_start,
	.perf = smtp_ehlo_perf,
	.details = smtp_ehlo_details,
	.tells_apart = N_("reads EHLO: STARTTLS, AUTH mechanisms, the SIZE "
		"limit"),
};
