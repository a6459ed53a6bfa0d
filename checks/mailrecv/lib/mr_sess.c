/* mr_sess.c — the POP3/IMAP dialogue as a state machine driven by the
 * lines mr_conn hands in.  Each answer is complete when POP3 sends its
 * +OK/-ERR line (and the "." of a CAPA list), or IMAP its tagged line; the
 * untagged IMAP lines before it (CAPABILITY, EXISTS, BYE, [ALERT]) are
 * read on the way. */
#include "config.h"

#include "mr_sess.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "probe.h"
#include "refusal.h"
#include "run.h"
#include "tls_facts.h"
#include "util.h"

/* Where the dialogue is. */
enum {
	S_CONNECT = 0, S_GREETING, S_CAPA, S_STLS, S_TLS, S_CAPA2, S_LOGIN1,
	S_LOGIN2, S_CHECK, S_QUIT, S_DONE
};

static const char secret_marker[] = "<secret not recorded>";

/* Transcript line for S: "[995/implicit] TEXT". */
static void sess_log(struct mr_sess *s, enum ts_dir dir, const char *text)
{
	char buf[MR_LINE_MAX + 64];
	size_t n = str_printf(buf, sizeof(buf), "[%s] ", s->cfg.label);

	sanitize(text, strlen(text), buf + n, sizeof(buf) - n, false);
	probe_transcript(s->probe, dir, buf, strlen(buf));
}

/* The session ended: close, time it, tell the owner. */
static void finish(struct mr_sess *s)
{
	if (!s->running)
		return;
	s->running = false;
	s->state = S_DONE;
	mr_conn_close(&s->conn);
	s->total_ms = loop_now(s->probe->run->loop) - s->t0;
	probe_info(s->probe, "[%s] %s", s->cfg.label, s->outcome);
	if (s->cb)
		s->cb(s, s->cb_arg);
}

/* Set the outcome token (the first decisive one wins). */
static void set_outcome(struct mr_sess *s, const char *tok)
{
	if (!s->outcome[0])
		str_copy(s->outcome, tok, sizeof(s->outcome));
}

/* Send LINE (SHOWN in the transcript instead when not NULL), starting a
 * new answer for STEP.  IMAP lines get the next tag. */
static void send_cmd(struct mr_sess *s, const char *step, const char *arg,
		     const char *line, const char *shown)
{
	char out[MR_LINE_MAX], logged[MR_LINE_MAX];

	memset(&s->cur, 0, sizeof(s->cur));
	str_copy(s->cur.step, step, sizeof(s->cur.step));
	if (arg)
		str_copy(s->cur.arg, arg, sizeof(s->cur.arg));
	if (s->cfg.proto == MR_IMAP) {
		s->tag++;
		str_printf(out, sizeof(out), "a%d %s", s->tag, line);
		str_printf(logged, sizeof(logged), "a%d %s", s->tag,
			   shown ? shown : line);
	} else {
		str_copy(out, line, sizeof(out));
		str_copy(logged, shown ? shown : line, sizeof(logged));
	}
	sess_log(s, TS_SENT, logged);
	mr_conn_send(&s->conn, out);
}

/* Send a continuation (a SASL answer): the secret is never shown. */
static void send_secret(struct mr_sess *s, const char *line)
{
	sess_log(s, TS_SENT, secret_marker);
	mr_conn_send(&s->conn, line);
}

/* Say goodbye politely; the session ends on the answer or the close. */
static void quit(struct mr_sess *s)
{
	s->state = S_QUIT;
	if (s->cfg.proto == MR_IMAP)
		send_cmd(s, "LOGOUT", NULL, "LOGOUT", NULL);
	else
		send_cmd(s, "QUIT", NULL, "QUIT", NULL);
}

/* Base64 of LEN bytes of IN into OUT (SIZE bytes). */
static void b64(const char *in, size_t len, char *out, size_t size)
{
	unsigned char tmp[MR_LINE_MAX];

	if (len * 4 / 3 + 4 >= sizeof(tmp) || len * 4 / 3 + 4 >= size) {
		out[0] = '\0';
		return;
	}
	EVP_EncodeBlock(tmp, (const unsigned char *)in, (int)len);
	str_copy(out, (const char *)tmp, size);
}

/* An IMAP quoted string of S (RFC 9051 4.3: '"' and '\' escaped). */
static void imap_quote(const char *s, char *out, size_t size)
{
	size_t o = 0;

	if (size < 3)
		return;
	out[o++] = '"';
	for (; *s && o + 3 < size; s++) {
		if (*s == '"' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '"';
	out[o] = '\0';
}

static void after_login(struct mr_sess *s);

/* Begin the configured login method. */
static void login_start(struct mr_sess *s)
{
	const struct mr_caps *caps = mr_sess_caps(s);
	char line[MR_LINE_MAX], qu[300], qp[300], shown[400];
	const char *verb = s->cfg.proto == MR_IMAP ? "AUTHENTICATE" : "AUTH";

	if (s->preauth) {
		s->logged_in = true;
		after_login(s);
		return;
	}
	if (!s->cfg.user || !s->cfg.password ||
	    strpbrk(s->cfg.user, "\r\n") || strpbrk(s->cfg.password, "\r\n")) {
		/* A line break would end the command and start another one
		 * on the server: such credentials are never sent. */
		set_outcome(s, "no_credentials");
		quit(s);
		return;
	}
	if (s->tls.up && s->cfg.need_verified && s->tls.verify_code != 0) {
		set_outcome(s, "tls_unverified");
		quit(s);
		return;
	}
	s->state = S_LOGIN1;
	s->auth_turn = 0;
	if (s->conn.timeout_ms < MR_LOGIN_WAIT_MS)
		s->conn.timeout_ms = MR_LOGIN_WAIT_MS;
	if (s->cfg.mech) {
		if (caps->seen && !mr_caps_has_mech(caps, s->cfg.mech)) {
			set_outcome(s, "mech_unavailable");
			quit(s);
			return;
		}
		str_printf(line, sizeof(line), "%s %s", verb, s->cfg.mech);
		send_cmd(s, verb, NULL, line, NULL);
		str_copy(s->cur.mech, s->cfg.mech, sizeof(s->cur.mech));
	} else if (s->cfg.proto == MR_POP3) {
		str_printf(line, sizeof(line), "USER %s", s->cfg.user);
		send_cmd(s, "USER", s->cfg.user, line, NULL);
	} else if (caps->logindisabled) {
		set_outcome(s, "login_disabled");
		quit(s);
	} else {
		imap_quote(s->cfg.user, qu, sizeof(qu));
		imap_quote(s->cfg.password, qp, sizeof(qp));
		str_printf(line, sizeof(line), "LOGIN %s %s", qu, qp);
		str_printf(shown, sizeof(shown), "LOGIN %s %s", qu,
			   secret_marker);
		send_cmd(s, "LOGIN", s->cfg.user, line, shown);
	}
}

/* The capability list is known (after TLS when there was). */
static void after_caps(struct mr_sess *s)
{
	if (s->cfg.goal == MR_GOAL_CAPS) {
		set_outcome(s, "ok");
		quit(s);
		return;
	}
	login_start(s);
}

/* Ask for the capability list. */
static void ask_caps(struct mr_sess *s, int state)
{
	s->state = state;
	if (s->cfg.proto == MR_IMAP)
		send_cmd(s, "CAPABILITY", NULL, "CAPABILITY", NULL);
	else
		send_cmd(s, "CAPA", NULL, "CAPA", NULL);
}

/* The first capability list came: STLS/STARTTLS next, or go on. */
static void caps_done(struct mr_sess *s)
{
	bool want = s->cfg.sec == MR_SEC_STARTTLS ||
		    s->cfg.sec == MR_SEC_STARTTLS_TRY;
	bool offered = s->caps.stls ||
		       (s->cfg.proto == MR_POP3 && !s->caps.seen &&
			s->cfg.sec == MR_SEC_STARTTLS);

	if (want && offered) {
		s->state = S_STLS;
		if (s->cfg.proto == MR_IMAP)
			send_cmd(s, "STARTTLS", NULL, "STARTTLS", NULL);
		else
			send_cmd(s, "STLS", NULL, "STLS", NULL);
		return;
	}
	if (s->cfg.sec == MR_SEC_STARTTLS) {
		set_outcome(s, "starttls_unavailable");
		quit(s);
		return;
	}
	after_caps(s);
}

/* What a refused login (or a refused STAT/EXAMINE) means, from the
 * response code (RFC 2449 8.1, RFC 3206, RFC 5530) and the words. */
static const char *refusal_outcome(const struct mr_exch *e, const char *def)
{
	const char *c = e->code;

	if (!strcmp(c, "IN-USE") || !strcmp(c, "INUSE"))
		return "in_use";
	if (!strcmp(c, "LOGIN-DELAY"))
		return "login_delay";
	if (!strcmp(c, "SYS/TEMP") || !strcmp(c, "SYS/PERM") ||
	    !strcmp(c, "UNAVAILABLE") || !strcmp(c, "SERVERBUG"))
		return "unavailable";
	if (!strcmp(c, "PRIVACYREQUIRED"))
		return "requires_tls";
	if (strcmp(c, "AUTHENTICATIONFAILED") &&
	    (strcasestr(e->text, "plaintext") ||
	     strcasestr(e->text, "cleartext") ||
	     strcasestr(e->text, "SSL/TLS") ||
	     strcasestr(e->text, "encryption required")))
		return "requires_tls";
	return def;
}

/* True for a positive answer. */
static bool ok_status(const struct mr_exch *e)
{
	return !strcmp(e->status, "+OK") || !strcmp(e->status, "OK") ||
	       !strcmp(e->status, "PREAUTH");
}

/* The login failed at answer E. */
static void login_failed(struct mr_sess *s, const struct mr_exch *e)
{
	str_copy(s->fail_step, e->step, sizeof(s->fail_step));
	set_outcome(s, refusal_outcome(e, !strcmp(e->status, "BAD") ?
				       "protocol_error" : "login_denied"));
	quit(s);
}

/* Logged in: look at the mailbox read-only, or stop. */
static void after_login(struct mr_sess *s)
{
	if (s->cfg.goal != MR_GOAL_CHECK) {
		set_outcome(s, "ok");
		quit(s);
		return;
	}
	s->state = S_CHECK;
	if (s->cfg.proto == MR_IMAP)
		send_cmd(s, "EXAMINE", "INBOX", "EXAMINE INBOX", NULL);
	else
		send_cmd(s, "STAT", NULL, "STAT", NULL);
}

/* STAT / EXAMINE answered. */
static void check_done(struct mr_sess *s, const struct mr_exch *e)
{
	if (!ok_status(e)) {
		str_copy(s->fail_step, e->step, sizeof(s->fail_step));
		set_outcome(s, refusal_outcome(e, "check_failed"));
	} else {
		s->checked = true;
		if (s->cfg.proto == MR_POP3)
			sscanf(e->text, "%lld %lld", &s->messages, &s->octets);
		s->read_only = !strcmp(e->code, "READ-ONLY");
		set_outcome(s, "ok");
	}
	quit(s);
}

/* The greeting came. */
static void greeting_done(struct mr_sess *s, const struct mr_exch *e)
{
	if (!ok_status(e)) {
		str_copy(s->fail_step, "greeting", sizeof(s->fail_step));
		set_outcome(s, "greeting_refused");
		finish(s);
		return;
	}
	s->greeted = true;
	s->preauth = !strcmp(e->status, "PREAUTH");
	ask_caps(s, S_CAPA);
}

/* The login command's answer. */
static void login_answer(struct mr_sess *s, const struct mr_exch *e)
{
	if (!ok_status(e)) {
		login_failed(s, e);
	} else if (s->state == S_LOGIN1 && !strcmp(e->step, "USER")) {
		char line[MR_LINE_MAX];

		s->state = S_LOGIN2;
		str_printf(line, sizeof(line), "PASS %s", s->cfg.password);
		send_cmd(s, "PASS", NULL, line, "PASS <secret not recorded>");
	} else {
		s->logged_in = true;
		after_login(s);
	}
}

/* The STLS/STARTTLS answer. */
static void stls_answer(struct mr_sess *s, const struct mr_exch *e)
{
	if (ok_status(e)) {
		s->state = S_TLS;
		s->tls_started = true;
		mr_conn_starttls(&s->conn, s->cfg.host, s->cfg.cacert);
		return;
	}
	str_copy(s->fail_step, e->step, sizeof(s->fail_step));
	if (s->cfg.sec == MR_SEC_STARTTLS) {
		set_outcome(s, "starttls_refused");
		quit(s);
	} else {
		after_caps(s);
	}
}

/* A complete answer: keep it and move on. */
static void answer_done(struct mr_sess *s)
{
	struct mr_exch *e = &s->ex[s->nex < MR_MAX_EXCH ? s->nex++ :
				 MR_MAX_EXCH - 1];

	*e = s->cur;
	s->multi = false;
	switch (s->state) {
	case S_GREETING:	greeting_done(s, e); break;
	case S_CAPA:		caps_done(s); break;
	case S_CAPA2:		after_caps(s); break;
	case S_STLS:		stls_answer(s, e); break;
	case S_LOGIN1:
	case S_LOGIN2:		login_answer(s, e); break;
	case S_CHECK:		check_done(s, e); break;
	case S_QUIT:		finish(s); break;
	default:		break;
	}
}

/* Status and text of an answer line REST ("OK [CODE] text") into cur. */
static void take_status(struct mr_sess *s, const char *status,
			const char *rest)
{
	const char *after;

	str_copy(s->cur.status, status, sizeof(s->cur.status));
	while (*rest == ' ')
		rest++;
	after = mr_resp_code(rest, s->cur.code, sizeof(s->cur.code));
	(void)after;
	sanitize(rest, strlen(rest), s->cur.text, sizeof(s->cur.text), false);
}

/* A SASL continuation ("+ base64"): answer it, the secret unrecorded. */
static void continuation(struct mr_sess *s)
{
	char raw[600], enc[900];
	size_t n;
	const char *mech = s->cfg.mech ? s->cfg.mech : "";

	if (s->state != S_LOGIN1 || !s->cfg.mech || s->auth_turn > 1 ||
	    (!strcasecmp(mech, "PLAIN") && s->auth_turn > 0)) {
		sess_log(s, TS_SENT, "*");
		mr_conn_send(&s->conn, "*"); /* cancel (RFC 5034 4) */
		return;
	}
	if (!strcasecmp(mech, "PLAIN")) {
		n = (size_t)snprintf(raw, sizeof(raw), "%c%s%c%s", 0,
				     s->cfg.user, 0, s->cfg.password);
		b64(raw, n < sizeof(raw) ? n : 0, enc, sizeof(enc));
	} else {
		const char *v = s->auth_turn ? s->cfg.password : s->cfg.user;

		b64(v, strlen(v), enc, sizeof(enc));
	}
	s->auth_turn++;
	send_secret(s, enc);
	memset(raw, 0, sizeof(raw));
	memset(enc, 0, sizeof(enc));
}

/* POP3: one line in. */
static void pop3_line(struct mr_sess *s, const char *l)
{
	if (s->multi) {
		if (!strcmp(l, "."))
			answer_done(s);
		else if (s->state == S_CAPA)
			mr_caps_pop3_line(&s->caps, l[0] == '.' ? l + 1 : l);
		else if (s->state == S_CAPA2)
			mr_caps_pop3_line(&s->caps_tls,
					  l[0] == '.' ? l + 1 : l);
		return;
	}
	if (!strncmp(l, "+OK", 3)) {
		take_status(s, "+OK", l + 3);
		if (s->state == S_CAPA || s->state == S_CAPA2)
			s->multi = true;
		else
			answer_done(s);
	} else if (!strncmp(l, "-ERR", 4)) {
		take_status(s, "-ERR", l + 4);
		answer_done(s);
	} else if (l[0] == '+' && (l[1] == ' ' || !l[1])) {
		continuation(s);
	} else if (s->state == S_GREETING) {
		set_outcome(s, "wrong_protocol");
		finish(s);
	}
}

/* IMAP: the "[CAPABILITY ...]" code of the greeting (RFC 9051 7.1). */
static void greeting_caps(struct mr_sess *s)
{
	char list[MR_TEXT];
	char *end;

	str_copy(list, s->cur.text + 12, sizeof(list)); /* "[CAPABILITY " */
	end = strchr(list, ']');
	if (end)
		*end = '\0';
	mr_caps_imap_list(&s->caps, list);
}

/* IMAP: an untagged "* ..." line (REST after "* "). */
static void imap_untagged(struct mr_sess *s, const char *rest)
{
	static const char *const st[] = { "OK", "PREAUTH", "BYE", "NO", "BAD" };
	char word[16] = "", code[32];
	long long n;
	size_t i;

	sscanf(rest, "%15s", word);
	if (!strncasecmp(rest, "CAPABILITY ", 11)) {
		mr_caps_imap_list(s->state == S_CAPA2 ? &s->caps_tls : &s->caps,
				  rest + 11);
		return;
	}
	if (sscanf(rest, "%lld EXISTS", &n) == 1 && strcasestr(rest, "EXISTS"))
		s->messages = n;
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (!strcasecmp(word, st[i]))
			break;
	if (i == sizeof(st) / sizeof(st[0]))
		return;
	if (s->state == S_GREETING) {
		take_status(s, st[i], rest + strlen(st[i]));
		if (!strcmp(s->cur.code, "CAPABILITY"))
			greeting_caps(s);
		answer_done(s);
		return;
	}
	mr_resp_code(rest + strlen(st[i]), code, sizeof(code));
	if (!strcmp(code, "ALERT"))
		sanitize(rest, strlen(rest), s->alert, sizeof(s->alert), false);
	if (!strcmp(st[i], "BYE") && s->state != S_QUIT) {
		struct mr_exch keep = s->cur;

		take_status(s, "BYE", rest + 3);
		str_copy(s->fail_step, s->cur.step, sizeof(s->fail_step));
		set_outcome(s, refusal_outcome(&s->cur, "closed"));
		if (s->nex < MR_MAX_EXCH)
			s->ex[s->nex++] = s->cur;
		s->cur = keep;
	}
}

/* IMAP: one line in. */
static void imap_line(struct mr_sess *s, const char *l)
{
	char tag[16];
	static const char *const st[] = { "OK", "NO", "BAD" };
	size_t i, tl;

	if (!strncmp(l, "* ", 2)) {
		imap_untagged(s, l + 2);
		return;
	}
	if (l[0] == '+' && (l[1] == ' ' || !l[1])) {
		continuation(s);
		return;
	}
	if (s->state == S_GREETING) {
		set_outcome(s, "wrong_protocol");
		finish(s);
		return;
	}
	tl = (size_t)str_printf(tag, sizeof(tag), "a%d ", s->tag);
	if (strncmp(l, tag, tl))
		return;
	for (i = 0; i < 3; i++)
		if (!strncasecmp(l + tl, st[i], strlen(st[i])))
			break;
	if (i == 3)
		return;
	take_status(s, st[i], l + tl + strlen(st[i]));
	answer_done(s);
}

/* The connection failed or closed. */
static void conn_failed(struct mr_sess *s)
{
	if (s->state == S_QUIT || s->state == S_DONE) {
		finish(s);
		return;
	}
	if (s->state == S_GREETING && s->conn.fail == MR_FAIL_TIMEOUT)
		set_outcome(s, "no_greeting");
	else if (s->conn.fail == MR_FAIL_TLS && mr_sess_foreign(s))
		set_outcome(s, "wrong_protocol");
	else if (s->conn.fail == MR_FAIL_TLS)
		set_outcome(s, "tls_handshake");
	else
		set_outcome(s, mr_fail_name(&s->conn));
	if (s->cur.step[0] && !s->fail_step[0])
		str_copy(s->fail_step, s->cur.step, sizeof(s->fail_step));
	finish(s);
}

/* Every event of the connection. */
static void on_conn(struct mr_conn *c, enum mr_event ev, void *arg)
{
	struct mr_sess *s = arg;

	(void)c;
	switch (ev) {
	case MR_EV_CONNECTED:
		memset(&s->cur, 0, sizeof(s->cur));
		str_copy(s->cur.step, "greeting", sizeof(s->cur.step));
		if (s->cfg.sec == MR_SEC_IMPLICIT) {
			s->tls_started = true;
			mr_conn_starttls(&s->conn, s->cfg.host, s->cfg.cacert);
		} else {
			s->state = S_GREETING;
		}
		break;
	case MR_EV_TLS_UP:
		tls_facts_from_ssl(mr_conn_ssl(&s->conn), s->cfg.host,
				       &s->tls);
		if (s->state == S_CONNECT)
			s->state = S_GREETING;
		else
			ask_caps(s, S_CAPA2);
		break;
	case MR_EV_LINE:
		sess_log(s, TS_RECV, c->line);
		if (s->cfg.proto == MR_IMAP)
			imap_line(s, c->line);
		else
			pop3_line(s, c->line);
		break;
	case MR_EV_FAIL:
		conn_failed(s);
		break;
	}
}

/* mr_sess_start could not even make a socket: report from the loop. */
static void start_failed(void *arg)
{
	struct mr_sess *s = arg;

	s->defer = NULL;
	set_outcome(s, "local");
	finish(s);
}

int mr_sess_start(struct mr_sess *s, struct probe *p,
		  const struct mr_sess_cfg *cfg, mr_sess_cb cb, void *arg)
{
	struct loop *loop = p->run->loop;
	char where[320];

	memset(s, 0, sizeof(*s));
	s->probe = p;
	s->cfg = *cfg;
	s->cb = cb;
	s->cb_arg = arg;
	s->messages = s->octets = -1;
	s->tls.name_match = -1;
	s->t0 = loop_now(loop);
	mr_caps_init(&s->caps);
	mr_caps_init(&s->caps_tls);
	s->running = true;
	probe_info(p, "[%s] %s %s", cfg->label, mr_proto_name(cfg->proto),
		   netpath_addr_port_shown(p->run, cfg->sa, where,
					   sizeof(where)));
	if (mr_conn_start(&s->conn, p->run, cfg->sa, cfg->timeout_ms, on_conn,
			  s) == 0)
		return 0;
	s->defer = loop_timer_add(loop, 0, start_failed, s);
	return -1;
}

void mr_sess_stop(struct mr_sess *s)
{
	if (s->defer)
		loop_timer_cancel(s->probe->run->loop, s->defer);
	s->defer = NULL;
	s->running = false;
	mr_conn_close(&s->conn);
}

const struct mr_exch *mr_sess_find(const struct mr_sess *s, const char *step,
				   bool last)
{
	const struct mr_exch *found = NULL;
	int i;

	for (i = 0; i < s->nex; i++)
		if (!strcmp(s->ex[i].step, step)) {
			found = &s->ex[i];
			if (!last)
				break;
		}
	return found;
}

const struct mr_caps *mr_sess_caps(const struct mr_sess *s)
{
	return s->caps_tls.seen ? &s->caps_tls : &s->caps;
}

const char *mr_sec_name(enum mr_sec sec)
{
	static const char *const names[] = { "plain", "starttls", "starttls",
					     "implicit" };

	return names[sec];
}

const char *mr_proto_name(enum mr_proto proto)
{
	return proto == MR_IMAP ? "imap" : "pop3";
}

/* The answers as [{"step","status","code","text",...}]. */
static json_t *exch_json(const struct mr_sess *s)
{
	json_t *a = json_array(), *o;
	int i;

	for (i = 0; i < s->nex; i++) {
		const struct mr_exch *e = &s->ex[i];

		o = json_pack("{s:s,s:s,s:s,s:s}", "step", e->step,
			      "status", e->status, "code", e->code,
			      "text", e->text);
		if (e->mech[0])
			json_object_set_new(o, "mechanism",
					    json_string(e->mech));
		json_array_append_new(a, o);
	}
	return a;
}

/* TLS facts plus the verify result as a token. */
static json_t *tls_json(const struct mr_sess *s)
{
	json_t *o = tls_facts_json(&s->tls);

	json_object_set_new(o, "verify_code",
			    json_integer(s->tls.verify_code));
	json_object_set_new(o, "verify_reason",
			    json_string(tls_verify_token(s->tls.verify_code)));
	json_object_set_new(o, "verified",
			    json_boolean(s->tls.verify_code == 0));
	return o;
}

json_t *mr_sess_json(const struct mr_sess *s)
{
	const struct mr_exch *g = mr_sess_find(s, "greeting", false);
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:b,s:s}",
		"label", s->cfg.label, "protocol", mr_proto_name(s->cfg.proto),
		"security", mr_sec_name(s->cfg.sec), "outcome", s->outcome,
		"fail_step", s->fail_step,
		"connect_ms", (json_int_t)s->conn.connect_ms,
		"duration_ms", (json_int_t)s->total_ms,
		"greeted", s->greeted, "greeting", g ? g->text : "");

	json_object_set_new(o, "caps", mr_caps_json(&s->caps));
	if (s->caps_tls.seen)
		json_object_set_new(o, "caps_after_tls",
				    mr_caps_json(&s->caps_tls));
	if (s->conn.err)
		json_object_set_new(o, "errno",
				    json_string(errno_name(s->conn.err)));
	if (s->tls_started)
		json_object_set_new(o, "tls_error",
				    json_string(s->conn.tls_error));
	if (s->tls.up)
		json_object_set_new(o, "tls", tls_json(s));
	if (mr_sess_foreign(s))
		json_object_set_new(o, "wrong_protocol",
				    mr_sess_foreign_json(s));
	if (s->alert[0])
		json_object_set_new(o, "alert", json_string(s->alert));
	json_object_set_new(o, "replies", exch_json(s));
	return o;
}

/* The session's protocol as people write it ("POP3", "IMAP"). */
static const char *proto_upper(const struct mr_sess *s)
{
	return s->cfg.proto == MR_IMAP ? "IMAP" : "POP3";
}

const char *mr_sess_foreign(const struct mr_sess *s)
{
	if (s->cfg.sec != MR_SEC_IMPLICIT || s->conn.fail != MR_FAIL_TLS)
		return NULL;
	return tls_peek_foreign(&s->conn.peek, proto_upper(s));
}

json_t *mr_sess_foreign_json(const struct mr_sess *s)
{
	if (!mr_sess_foreign(s))
		return NULL;
	return tls_peek_foreign_json(&s->conn.peek, proto_upper(s));
}

void mr_sess_refusals(struct probe *p, const struct mr_sess *s)
{
	json_t *r;
	int i;

	for (i = 0; i < s->nex; i++) {
		const struct mr_exch *e = &s->ex[i];

		if (strcmp(e->status, "-ERR") && strcmp(e->status, "NO") &&
		    strcmp(e->status, "BAD") && strcmp(e->status, "BYE"))
			continue;
		/* An RFC 1939 server without CAPA (RFC 2449) answers -ERR:
		 * allowed, and the session goes on without the list. */
		if (!strcmp(e->step, "CAPA") && !strcmp(e->status, "-ERR"))
			continue;
		r = probe_add_refusal_parts(p, e->step, 0, "", e->text,
					    e->arg[0] ? e->arg : NULL);
		if (!r)
			return;
		json_object_set_new(r, "status", json_string(e->status));
		json_object_set_new(r, "protocol",
				    json_string(mr_proto_name(s->cfg.proto)));
		if (e->code[0])
			json_object_set_new(r, "resp_code",
					    json_string(e->code));
		if (e->mech[0])
			refusal_set_mechanism(r, e->mech);
		if (i == s->nex - 1 && s->conn.fail == MR_FAIL_CLOSED)
			refusal_set_closed(r);
	}
}
