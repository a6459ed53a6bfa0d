/* smtp.c — the lab's SMTP server (RFC 5321): EHLO/HELO with SIZE,
 * PIPELINING, 8BITMIME, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP,
 * VRFY, QUIT; STARTTLS and AUTH advertised only for the faults that need
 * them.  Messages are counted, not kept. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lab_int.h"
#include "util.h"

#define SMTP_SIZE_MAX (50LL * 1024 * 1024) /* healthy server's SIZE */

/* The SIZE this listener announces and enforces. */
static long long size_limit(struct lab_session *s)
{
	return lab_hooks(s)->size_limit ? s->ls->arg : SMTP_SIZE_MAX;
}

/* 220, or the greeting faults: 421 busy/limit, 554 policy. */
void lab_smtp_greet(struct lab_session *s)
{
	const struct lab_hooks *h = lab_hooks(s);
	char peer[64];

	if (h->greet_busy) {
		lab_reply(s, "421 4.3.2 %s Too many users connected, try again later\r\n",
			  LAB_HOSTNAME);
		lab_session_close(s);
		return;
	}
	if (h->session_limit && s->ls->nsessions > s->ls->arg) {
		lab_reply(s, "421 4.3.2 %s Too many concurrent connections (limit %lld), try again later\r\n",
			  LAB_HOSTNAME, s->ls->arg);
		lab_session_close(s);
		return;
	}
	if (h->greet_policy) {
		addr_to_str((struct sockaddr *)&s->peer, peer, sizeof(peer));
		lab_reply(s, "554 5.7.1 %s Your address %s is on a blocklist: connection refused by policy\r\n",
			  LAB_HOSTNAME, peer);
		s->smtp.state = SMTP_REJECTED;
		return;
	}
	lab_reply(s, "220 %s ESMTP sockdoc lab ready\r\n", LAB_HOSTNAME);
}

/* Forget the mail transaction (RSET, EHLO, end of DATA). */
static void reset_transaction(struct lab_session *s)
{
	s->smtp.state = SMTP_READY;
	s->smtp.nrcpt = 0;
}

/* EHLO/HELO. */
static void cmd_ehlo(struct lab_session *s, const char *arg, bool ehlo)
{
	if (!*arg) {
		lab_reply(s, "501 5.5.4 Syntax: %s hostname\r\n",
			  ehlo ? "EHLO" : "HELO");
		return;
	}
	reset_transaction(s);
	if (!ehlo) {
		lab_reply(s, "250 %s\r\n", LAB_HOSTNAME);
		return;
	}
	lab_reply(s, "250-%s Hello\r\n250-SIZE %lld\r\n250-PIPELINING\r\n"
		  "250-8BITMIME\r\n", LAB_HOSTNAME, size_limit(s));
	if (lab_hooks(s)->ehlo_extra)
		lab_reply(s, "%s", lab_hooks(s)->ehlo_extra);
	lab_reply(s, "250 ENHANCEDSTATUSCODES\r\n");
}

/* The SIZE=n parameter of MAIL FROM, -1 when absent. */
static long long mail_size_param(const char *arg)
{
	const char *p = arg;

	while ((p = strchr(p, ' ')) != NULL) {
		p++;
		if (str_startswith_ci(p, "SIZE="))
			return strtoll(p + 5, NULL, 10);
	}
	return -1;
}

/* MAIL FROM:<path> [SIZE=n] [BODY=...]. */
static void cmd_mail(struct lab_session *s, const char *arg)
{
	const struct lab_hooks *h = lab_hooks(s);

	if (s->smtp.state != SMTP_READY) {
		lab_reply(s, "503 5.5.1 Error: %s\r\n",
			  s->smtp.state == SMTP_INIT ? "send HELO/EHLO first"
						     : "nested MAIL command");
		return;
	}
	if (!str_startswith_ci(arg, "FROM:")) {
		lab_reply(s, "501 5.5.4 Syntax: MAIL FROM:<address>\r\n");
		return;
	}
	if (h->mail_reply && !(h->smtp_auth && s->smtp.authed)) {
		lab_reply(s, "%s", h->mail_reply);
		return;
	}
	if (mail_size_param(arg) > size_limit(s)) {
		lab_reply(s, "552 5.3.4 Message size exceeds fixed maximum message size\r\n");
		return;
	}
	s->smtp.state = SMTP_MAIL;
	lab_reply(s, "250 2.1.0 Ok\r\n");
}

/* RCPT TO:<path>. */
static void cmd_rcpt(struct lab_session *s, const char *arg)
{
	if (s->smtp.state != SMTP_MAIL && s->smtp.state != SMTP_RCPT) {
		lab_reply(s, "503 5.5.1 Error: need MAIL command\r\n");
		return;
	}
	if (!str_startswith_ci(arg, "TO:")) {
		lab_reply(s, "501 5.5.4 Syntax: RCPT TO:<address>\r\n");
		return;
	}
	if (s->smtp.nrcpt >= LAB_MAX_RCPT) {
		lab_reply(s, "452 4.5.3 Error: too many recipients\r\n");
		return;
	}
	s->smtp.nrcpt++;
	s->smtp.state = SMTP_RCPT;
	lab_reply(s, "250 2.1.5 Ok\r\n");
}

/* DATA: switch to the message reader. */
static void cmd_data(struct lab_session *s, const char *arg)
{
	if (*arg) {
		lab_reply(s, "501 5.5.4 Syntax: DATA\r\n");
		return;
	}
	if (s->smtp.state != SMTP_RCPT) {
		lab_reply(s, "503 5.5.1 Error: need %s command\r\n",
			  s->smtp.state == SMTP_MAIL ? "RCPT" : "MAIL");
		return;
	}
	s->smtp.state = SMTP_DATA;
	s->smtp.dot = DOT_BOL;
	s->smtp.data_raw = 0;
	s->smtp.msg_size = 0;
	lab_reply(s, "354 End data with <CR><LF>.<CR><LF>\r\n");
}

/* AUTH PLAIN [initial] / AUTH LOGIN (auth-required only; any
 * credentials pass: the lab shows that authenticating is the fix). */
static void cmd_auth(struct lab_session *s, const char *arg)
{
	if (!lab_hooks(s)->smtp_auth) {
		lab_reply(s, "502 5.5.1 Error: authentication not enabled\r\n");
		return;
	}
	if (s->smtp.state != SMTP_READY || s->smtp.authed) {
		lab_reply(s, "503 5.5.1 Error: %s\r\n", s->smtp.authed ?
			  "already authenticated" : "send EHLO first or finish the transaction");
		return;
	}
	if (str_startswith_ci(arg, "PLAIN ") && arg[6]) {
		s->smtp.authed = true;
		lab_reply(s, "235 2.7.0 Authentication successful\r\n");
	} else if (!strcasecmp(arg, "PLAIN")) {
		s->smtp.auth_step = 1;
		s->smtp.state = SMTP_AUTH;
		lab_reply(s, "334 \r\n");
	} else if (!strcasecmp(arg, "LOGIN")) {
		s->smtp.auth_step = 0;
		s->smtp.state = SMTP_AUTH;
		lab_reply(s, "334 VXNlcm5hbWU6\r\n");
	} else {
		lab_reply(s, "504 5.5.4 Unrecognized authentication type\r\n");
	}
}

/* A continuation line of AUTH (never logged: it holds the secret). */
static void auth_continue(struct lab_session *s, const char *line)
{
	if (!strcmp(line, "*")) {
		s->smtp.state = SMTP_READY;
		lab_reply(s, "501 5.7.0 Authentication cancelled\r\n");
		return;
	}
	if (++s->smtp.auth_step == 1) {
		lab_reply(s, "334 UGFzc3dvcmQ6\r\n");
		return;
	}
	s->smtp.state = SMTP_READY;
	s->smtp.authed = true;
	lab_reply(s, "235 2.7.0 Authentication successful\r\n");
}

/* The commands that need no state of their own. */
static bool simple_command(struct lab_session *s, const char *verb)
{
	if (!strcasecmp(verb, "NOOP"))
		lab_reply(s, "250 2.0.0 Ok\r\n");
	else if (!strcasecmp(verb, "RSET")) {
		if (s->smtp.state != SMTP_INIT)
			reset_transaction(s);
		lab_reply(s, "250 2.0.0 Ok\r\n");
	} else if (!strcasecmp(verb, "VRFY"))
		lab_reply(s, "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery\r\n");
	else if (!strcasecmp(verb, "HELP"))
		lab_reply(s, "214 2.0.0 See RFC 5321\r\n");
	else if (!strcasecmp(verb, "STARTTLS"))
		lab_reply(s, "%s", lab_hooks(s)->starttls_reply ?
			  lab_hooks(s)->starttls_reply :
			  "502 5.5.1 Error: command not implemented\r\n");
	else
		return false;
	return true;
}

/* Dispatch one command line. */
static void command(struct lab_session *s, char *line)
{
	char verb[16];
	size_t n = strcspn(line, " ");
	const char *arg = line + n;

	while (*arg == ' ')
		arg++;
	str_copy(verb, line, n < sizeof(verb) ? n + 1 : 1);
	if (s->smtp.state == SMTP_REJECTED && strcasecmp(verb, "QUIT")) {
		lab_reply(s, "503 5.5.1 Error: connection rejected by policy, send QUIT\r\n");
		lab_bad_command(s);
	} else if (!strcasecmp(verb, "QUIT")) {
		lab_reply(s, "221 2.0.0 Bye\r\n");
		lab_session_close(s);
	} else if (!strcasecmp(verb, "EHLO") || !strcasecmp(verb, "HELO"))
		cmd_ehlo(s, arg, !strcasecmp(verb, "EHLO"));
	else if (!strcasecmp(verb, "MAIL"))
		cmd_mail(s, arg);
	else if (!strcasecmp(verb, "RCPT"))
		cmd_rcpt(s, arg);
	else if (!strcasecmp(verb, "DATA"))
		cmd_data(s, arg);
	else if (!strcasecmp(verb, "AUTH"))
		cmd_auth(s, arg);
	else if (!simple_command(s, verb)) {
		lab_reply(s, "500 5.5.2 Error: command not recognized\r\n");
		lab_bad_command(s);
	}
}

/* The end of the message: accept it or refuse its size. */
static void data_done(struct lab_session *s)
{
	reset_transaction(s);
	if (s->smtp.msg_size > size_limit(s)) {
		lab_reply(s, "552 5.3.4 Message size exceeds fixed maximum message size\r\n");
		return;
	}
	s->smtp.queued++;
	lab_reply(s, "250 2.0.0 Ok: queued as LAB%lu\r\n", s->smtp.queued);
}

/* stall-after-bytes: nobody ever reads again; drop it eventually. */
static void on_stall(void *arg)
{
	struct lab_session *s = arg;

	s->timer = NULL;
	lab_session_reset(s);
	lab_session_reap(s);
}

/* The faults that act on the upload; true when reading must stop. */
static bool data_fault(struct lab_session *s)
{
	long long n = s->smtp.data_raw;

	if (lab_hooks(s)->upload_reset && n >= s->ls->arg) {
		lab_session_reset(s);
		return true;
	}
	if (lab_hooks(s)->upload_stall && n >= s->ls->arg) {
		lab_session_mute(s, true);
		s->timer = loop_timer_add(lab_loop(s), LAB_STALL_MS, on_stall, s);
		return true;
	}
	return false;
}

/* Advance the dot-unstuffing reader by byte C; true at "CRLF.CRLF". */
static bool dot_step(struct lab_smtp *m, char c)
{
	switch (m->dot) {
	case DOT_BOL:
		if (c == '.') {
			m->dot = DOT_DOT;
			return false;
		}
		break;
	case DOT_DOT:
		if (c == '\r') {
			m->dot = DOT_DOTCR;
			return false;
		}
		if (c == '\n')
			return true;
		break; /* the leading dot was stuffing: dropped */
	case DOT_DOTCR:
		if (c == '\n')
			return true;
		m->msg_size++; /* the CR was data after all */
		break;
	default:
		break;
	}
	m->msg_size++;
	if (c == '\n')
		m->dot = DOT_BOL;
	else
		m->dot = (c == '\r') ? DOT_CR : DOT_MID;
	return false;
}

/* Message bytes: count, unstuff, find the end. */
static size_t data_feed(struct lab_session *s, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		s->smtp.data_raw++;
		if (dot_step(&s->smtp, buf[i])) {
			data_done(s);
			return i + 1;
		}
		if (data_fault(s))
			return i + 1;
	}
	lab_idle_touch(s);
	return len;
}

/* Client bytes in: message data, an AUTH line, or a command. */
size_t lab_smtp_feed(struct lab_session *s, const char *buf, size_t len)
{
	size_t used;
	bool toolong;

	if (s->smtp.state == SMTP_DATA)
		return data_feed(s, buf, len);
	if (!lab_take_line(s, buf, len, &used, &toolong))
		return used;
	lab_idle_touch(s);
	if (lab_hooks(s)->close_on_command) {
		lab_session_close(s); /* FIN, no reply: the 10053 case */
	} else if (toolong) {
		lab_reply(s, "500 5.5.6 Error: line too long\r\n");
		lab_bad_command(s);
	} else if (s->smtp.state == SMTP_AUTH) {
		auth_continue(s, s->line);
	} else {
		command(s, s->line);
	}
	return used;
}
