/* lab_mailrecv.c — the lab's POP3 (RFC 1939, 2449) and IMAP (RFC 9051)
 * servers: a read-only mailbox of two messages, any user name and
 * password accepted (USER/PASS, AUTH/AUTHENTICATE PLAIN, IMAP LOGIN),
 * CAPA/CAPABILITY, STAT/LIST, EXAMINE/SELECT INBOX, NOOP, QUIT/LOGOUT.
 * STLS/STARTTLS are refused (the lab has no certificate).  The faults:
 * the greeting ones (busy, session limit, policy), no password without
 * TLS (LOGINDISABLED, "-ERR [AUTH] Plaintext authentication
 * disallowed"), and a mailbox locked by another session ([IN-USE],
 * [INUSE]). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lab_int.h"
#include "util.h"

#define MAIL_MESSAGES 2    /* messages in the lab's mailbox */
#define MAIL_OCTETS 1234   /* their size */

/* True for an IMAP listener. */
static bool is_imap(const struct lab_session *s)
{
	return s->ls->proto == PROTO_IMAP;
}

/* A greeting refusal: POP3 "-ERR TEXT", IMAP "* BYE TEXT", then close. */
static void greet_refuse(struct lab_session *s, const char *text)
{
	lab_reply(s, "%s %s\r\n", is_imap(s) ? "* BYE" : "-ERR", text);
	lab_session_close(s);
}

void lab_mail_greet(struct lab_session *s)
{
	const struct lab_hooks *h = lab_hooks(s);
	char peer[64], text[160];

	if (h->greet_busy) {
		greet_refuse(s, "Too many users connected, try again later");
		return;
	}
	if (h->session_limit && s->ls->nsessions > s->ls->arg) {
		str_printf(text, sizeof(text), "Too many concurrent "
			   "connections (limit %lld), try again later",
			   s->ls->arg);
		greet_refuse(s, text);
		return;
	}
	if (h->greet_policy) {
		addr_to_str((struct sockaddr *)&s->peer, peer, sizeof(peer));
		str_printf(text, sizeof(text), "Access denied: your address "
			   "%s is blocked by policy", peer);
		greet_refuse(s, text);
		return;
	}
	if (is_imap(s))
		lab_reply(s, "* OK %s sockdoc lab IMAP ready\r\n", LAB_HOSTNAME);
	else
		lab_reply(s, "+OK %s sockdoc lab POP3 ready\r\n", LAB_HOSTNAME);
}

/* POP3 CAPA (RFC 2449). */
static void pop3_capa(struct lab_session *s)
{
	lab_reply(s, "+OK Capability list follows\r\nUSER\r\nRESP-CODES\r\n"
		  "AUTH-RESP-CODE\r\n%s%s.\r\n",
		  lab_hooks(s)->mail_login_disabled ? "STLS\r\n" : "",
		  lab_hooks(s)->mail_login_disabled ? "SASL\r\n"
						    : "SASL PLAIN\r\n");
}

/* The answer to a POP3 login step: OK, or the fault's refusal. */
static void pop3_login_answer(struct lab_session *s, bool final)
{
	const struct lab_hooks *h = lab_hooks(s);

	if (h->mail_login_disabled) {
		lab_reply(s, "-ERR [AUTH] Plaintext authentication disallowed "
			  "on non-secure (SSL/TLS) connections.\r\n");
	} else if (final && h->mail_in_use) {
		lab_reply(s, "-ERR [IN-USE] Mailbox is locked by another POP3 "
			  "session.\r\n");
	} else if (final) {
		s->mail.logged_in = true;
		lab_reply(s, "+OK Logged in.\r\n");
	} else {
		lab_reply(s, "+OK\r\n");
	}
}

/* POP3 commands in the TRANSACTION state. */
static bool pop3_transaction(struct lab_session *s, const char *verb)
{
	if (!strcasecmp(verb, "STAT")) {
		lab_reply(s, "+OK %d %d\r\n", MAIL_MESSAGES, MAIL_OCTETS);
	} else if (!strcasecmp(verb, "LIST")) {
		lab_reply(s, "+OK %d messages\r\n1 600\r\n2 634\r\n.\r\n",
			  MAIL_MESSAGES);
	} else if (!strcasecmp(verb, "NOOP") || !strcasecmp(verb, "RSET")) {
		lab_reply(s, "+OK\r\n");
	} else {
		return false;
	}
	return true;
}

/* One POP3 command line. */
static void pop3_command(struct lab_session *s, const char *line)
{
	char verb[16] = "";

	sscanf(line, "%15s", verb);
	if (s->mail.in_auth) {
		s->mail.in_auth = false;
		pop3_login_answer(s, true);
	} else if (!strcasecmp(verb, "QUIT")) {
		lab_reply(s, "+OK Logging out.\r\n");
		lab_session_close(s);
	} else if (!strcasecmp(verb, "CAPA")) {
		pop3_capa(s);
	} else if (!strcasecmp(verb, "STLS")) {
		lab_reply(s, "-ERR TLS not available: the lab has no "
			  "certificate\r\n");
	} else if (!strcasecmp(verb, "USER") && !s->mail.logged_in) {
		s->mail.user_given = true;
		pop3_login_answer(s, false);
	} else if (!strcasecmp(verb, "PASS") && s->mail.user_given &&
		   !s->mail.logged_in) {
		pop3_login_answer(s, true);
	} else if (!strcasecmp(verb, "AUTH") && !s->mail.logged_in) {
		s->mail.in_auth = true;
		lab_reply(s, "+ \r\n");
	} else if (!s->mail.logged_in || !pop3_transaction(s, verb)) {
		lab_reply(s, "-ERR Unknown command or wrong state.\r\n");
		lab_bad_command(s);
	}
}

/* IMAP CAPABILITY (RFC 9051 7.2.2). */
static void imap_capability(struct lab_session *s, const char *tag)
{
	bool off = lab_hooks(s)->mail_login_disabled;

	lab_reply(s, "* CAPABILITY IMAP4rev1%s%s\r\n%s OK done\r\n",
		  off ? " STARTTLS LOGINDISABLED" : "",
		  off ? "" : " AUTH=PLAIN", tag);
}

/* A login that worked, or the fault's refusal. */
static void imap_login(struct lab_session *s, const char *tag)
{
	if (lab_hooks(s)->mail_login_disabled) {
		lab_reply(s, "%s NO [PRIVACYREQUIRED] Plaintext authentication "
			  "disallowed on non-secure (SSL/TLS) connections.\r\n",
			  tag);
		return;
	}
	s->mail.logged_in = true;
	lab_reply(s, "%s OK Logged in\r\n", tag);
}

/* EXAMINE / SELECT INBOX. */
static void imap_open(struct lab_session *s, const char *tag, bool ro)
{
	if (lab_hooks(s)->mail_in_use) {
		lab_reply(s, "%s NO [INUSE] Mailbox is locked by another "
			  "session\r\n", tag);
		return;
	}
	lab_reply(s, "* %d EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen "
		  "\\Deleted)\r\n%s OK [%s] done\r\n", MAIL_MESSAGES, tag,
		  ro ? "READ-ONLY" : "READ-WRITE");
}

/* One IMAP command line ("tag VERB args"). */
static void imap_command(struct lab_session *s, const char *line)
{
	char tag[32] = "", verb[16] = "";

	if (s->mail.in_auth) {
		s->mail.in_auth = false;
		imap_login(s, s->mail.tag);
		return;
	}
	if (sscanf(line, "%31s %15s", tag, verb) < 2) {
		lab_reply(s, "* BAD Missing command\r\n");
		lab_bad_command(s);
	} else if (!strcasecmp(verb, "LOGOUT")) {
		lab_reply(s, "* BYE Logging out\r\n%s OK done\r\n", tag);
		lab_session_close(s);
	} else if (!strcasecmp(verb, "CAPABILITY")) {
		imap_capability(s, tag);
	} else if (!strcasecmp(verb, "NOOP")) {
		lab_reply(s, "%s OK done\r\n", tag);
	} else if (!strcasecmp(verb, "STARTTLS")) {
		lab_reply(s, "%s NO TLS not available: the lab has no "
			  "certificate\r\n", tag);
	} else if (!strcasecmp(verb, "LOGIN") && !s->mail.logged_in) {
		imap_login(s, tag);
	} else if (!strcasecmp(verb, "AUTHENTICATE") && !s->mail.logged_in) {
		s->mail.in_auth = true;
		str_copy(s->mail.tag, tag, sizeof(s->mail.tag));
		lab_reply(s, "+ \r\n");
	} else if ((!strcasecmp(verb, "EXAMINE") ||
		    !strcasecmp(verb, "SELECT")) && s->mail.logged_in) {
		imap_open(s, tag, !strcasecmp(verb, "EXAMINE"));
	} else {
		lab_reply(s, "%s BAD Unknown command or wrong state\r\n", tag);
		lab_bad_command(s);
	}
}

size_t lab_mail_feed(struct lab_session *s, const char *buf, size_t len)
{
	size_t used;
	bool toolong;

	if (!lab_take_line(s, buf, len, &used, &toolong))
		return used;
	lab_idle_touch(s);
	if (lab_hooks(s)->close_on_command) {
		lab_session_close(s); /* FIN, no reply */
	} else if (toolong) {
		lab_reply(s, is_imap(s) ? "* BAD Line too long\r\n"
					: "-ERR Line too long\r\n");
		lab_bad_command(s);
	} else if (is_imap(s)) {
		imap_command(s, s->line);
	} else {
		pop3_command(s, s->line);
	}
	return used;
}
