/* command.c — the sockdoc command that diagnoses exactly the settings a
 * message names, as argv (for the TUI) and as a shell-safe line. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "util.h"

#define PLACEHOLDER "<SERVER>"

/* Protocol the command tests: stated, else implied by the codes. */
static const char *command_protocol(const struct explain_msg *m)
{
	int i;

	if (m->protocol[0])
		return m->protocol;
	for (i = 0; i < m->ncodes; i++)
		if (m->codes[i]->family == CODE_OUTLOOK &&
		    code_outlook_protocol(m->codes[i]->number))
			return code_outlook_protocol(m->codes[i]->number);
	for (i = 0; i < m->ncodes; i++) {
		if (m->codes[i]->family == CODE_FTP)
			return "ftp";
		if (m->codes[i]->family == CODE_SMTP ||
		    m->codes[i]->family == CODE_OUTLOOK)
			return "smtp";
	}
	return "smtp";
}

/* --tls value for the client's SSL setting on PORT, NULL for auto.
 * Outlook's "SSL: Yes" means implicit TLS on 465/990 and, on 25/587/21,
 * usually STARTTLS (newer Outlook calls it "TLS"). */
static const char *command_tls(const struct explain_msg *m)
{
	if (m->ssl == EXPLAIN_SSL_NO)
		return "none";
	if (m->ssl != EXPLAIN_SSL_YES)
		return NULL;
	if (m->port == 465 || m->port == 990 || m->port == 995 ||
	    m->port == 993)
		return "implicit";
	return "starttls";
}

/* Append one word. */
static void push(struct explain_cmd *c, const char *word)
{
	if (c->argc < EXPLAIN_MAX_ARGS)
		c->argv[c->argc++] = word;
	c->argv[c->argc] = NULL;
}

/* The target word: a URL for a clean host, the raw field (with --port)
 * when the field itself is malformed, so the chain reports it. */
static void push_target(struct explain_cmd *c, const struct explain_msg *m,
			const char *proto, const char *tls)
{
	const char *host = m->server[0] ? m->server : PLACEHOLDER;
	bool implicit = tls && strcmp(tls, "implicit") == 0;

	c->placeholder = !m->server[0];
	if (m->server[0] && explain_server_finding(m)) {
		if (m->port) {
			snprintf(c->port, sizeof(c->port), "%d", m->port);
			push(c, "--port");
			push(c, c->port);
		}
		str_copy(c->target, host, sizeof(c->target));
	} else if (m->port) {
		str_printf(c->target, sizeof(c->target), "%s%s://%s:%d", proto,
			   implicit ? "s" : "", host, m->port);
	} else {
		str_printf(c->target, sizeof(c->target), "%s%s://%s", proto,
			   implicit ? "s" : "", host);
	}
	push(c, c->target);
}

/* See explain.h. */
bool explain_command(const struct explain_msg *m, struct explain_cmd *c)
{
	const char *proto = command_protocol(m);
	const char *tls = command_tls(m);

	memset(c, 0, sizeof(*c));
	if (strcmp(proto, "smtp") != 0 && strcmp(proto, "ftp") != 0 &&
	    strcmp(proto, "pop3") != 0 && strcmp(proto, "imap") != 0)
		return false;
	push(c, "sockdoc");
	push(c, "--report");
	push(c, "--protocol");
	push(c, proto);
	if (tls) {
		push(c, "--tls");
		push(c, tls);
	}
	/* Outlook's Account is the address mail is sent from: with it the
	 * envelope test asks the relay question. */
	if (!strcmp(proto, "smtp") && strchr(m->account, '@') &&
	    !strpbrk(m->account, " \t'\"<>")) {
		push(c, "--mail-from");
		push(c, m->account);
	}
	push_target(c, m, proto, tls);
	return true;
}

/* See explain.h. */
void explain_settings(const struct explain_msg *m, enum proto *proto,
		      enum tls_mode *tls)
{
	const char *p = command_protocol(m), *t = command_tls(m);

	*proto = !strcmp(p, "smtp") ? PROTO_SMTP :
		 !strcmp(p, "ftp") ? PROTO_FTP :
		 !strcmp(p, "pop3") ? PROTO_POP3 :
		 !strcmp(p, "imap") ? PROTO_IMAP : PROTO_UNKNOWN;
	*tls = !t ? TLS_AUTO : !strcmp(t, "none") ? TLS_NONE :
	       !strcmp(t, "implicit") ? TLS_IMPLICIT : TLS_STARTTLS;
}

/* Words made only of these need no quoting in any POSIX shell. */
static bool shell_safe(const char *w)
{
	if (!*w)
		return false;
	for (; *w; w++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789@%+=:,./_-", *w))
			return false;
	return true;
}

/* Single quotes, each embedded quote as '\''. */
static void append_quoted(char *buf, size_t size, const char *w)
{
	str_appendf(buf, size, "'");
	for (; *w; w++) {
		if (*w == '\'')
			str_appendf(buf, size, "'\\''");
		else
			str_appendf(buf, size, "%c", *w);
	}
	str_appendf(buf, size, "'");
}

/* See explain.h. */
void explain_command_line(const struct explain_cmd *c, char *buf,
			  size_t size)
{
	int i;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < c->argc; i++) {
		if (i)
			str_appendf(buf, size, " ");
		if (shell_safe(c->argv[i]))
			str_appendf(buf, size, "%s", c->argv[i]);
		else
			append_quoted(buf, size, c->argv[i]);
	}
}
