/* out_text.c — explain's text output: what was recognised, then "What it
 * means", "What causes it", "How to tell them apart", "What to run". */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "explain_out.h"
#include "util.h"

/* Causes shown with title and fix; the rest are listed by id. */
#define TEXT_DETAILED 8

/* Family in words, for "10054 WSAECONNRESET (Winsock error)". */
static const char *family_words(enum code_family f)
{
	switch (f) {
	case CODE_WINSOCK: return _("Winsock error");
	case CODE_ERRNO: return _("system error (errno)");
	case CODE_OUTLOOK: return _("Outlook error number");
	case CODE_SMTP: return _("SMTP reply");
	case CODE_FTP: return _("FTP reply");
	case CODE_CURL: return _("curl exit code");
	case CODE_PHRASE: return _("client message");
	case CODE_ENHANCED: return _("enhanced status code (RFC 3463)");
	}
	return "";
}

/* The SSL setting as the message states it. */
static const char *ssl_words(enum explain_ssl s)
{
	if (s == EXPLAIN_SSL_YES)
		return _("yes");
	if (s == EXPLAIN_SSL_NO)
		return _("no");
	return _("not stated");
}

/* Did the message record code NUMBER of FAMILY? */
static bool code_in(const struct explain_msg *m, enum code_family f,
		    long number)
{
	int i;

	for (i = 0; i < m->ncodes; i++)
		if (m->codes[i]->family == f && m->codes[i]->number == number)
			return true;
	return false;
}

/* The fields read from a pasted message, and the server finding. */
static void write_message(const struct explain_result *r, FILE *out)
{
	const struct explain_msg *m = &r->msg;
	const char *finding = explain_server_finding(m);

	if (!m->client[0] && !m->server_given && !m->server[0] &&
	    !m->protocol[0] && !m->port && !m->client_name[0])
		return;
	fprintf(out, "%s\n", _("Recognised in the message"));
	if (m->client[0])
		fprintf(out, "  %-14s %s\n", _("client:"), m->client);
	if (m->account[0])
		fprintf(out, "  %-14s %s\n", _("account:"), m->account);
	if (m->server_given || m->server[0])
		fprintf(out, "  %-14s '%s'\n", _("server:"), m->server);
	if (m->protocol[0])
		fprintf(out, "  %-14s %s\n", _("protocol:"), m->protocol);
	if (m->port)
		fprintf(out, "  %-14s %d\n", _("port:"), m->port);
	if (m->ssl != EXPLAIN_SSL_UNKNOWN)
		fprintf(out, "  %-14s %s\n", _("SSL:"), ssl_words(m->ssl));
	if (m->socket_error)
		fprintf(out, "  %-14s %d\n", _("socket error:"), m->socket_error);
	if (m->error_number[0])
		fprintf(out, "  %-14s %s\n", _("error number:"), m->error_number);
	if (m->pasv_host[0])
		fprintf(out, "  %-14s %s\n", _("PASV address:"), m->pasv_host);
	if (m->client_name[0])
		fprintf(out, "  %-14s %s %s\n", _("client name:"),
			m->client_name, _("(the name the client sent in "
			"HELO/EHLO or its address: the client's, not the "
			"server's)"));
	if (finding)
		fprintf(out, "  %s %s\n", _("Finding:"), finding);
	if (m->pasv_host[0] && code_in(m, CODE_FTP, 227))
		fprintf(out, "  %s %s\n", _("Finding:"), _("the passive-mode "
			"reply names a private address, which a client outside "
			"the server's network cannot reach."));
	fputc('\n', out);
}

/* One code: its number, symbol, family and meaning, plus notes. */
static void write_code(const struct code_def *c, FILE *out)
{
	const char *const *notes = explain_notes(c);
	char num[160];

	code_format(c, num, sizeof(num));
	if (c->family == CODE_PHRASE && !strcmp(c->client, "server"))
		fprintf(out, "  \"%s\" (%s)\n", num, _("server reply"));
	else if (c->family == CODE_PHRASE)
		fprintf(out, "  \"%s\" (%s)\n", num, c->client);
	else if (c->symbol && c->family != CODE_ERRNO &&
		 c->family != CODE_ENHANCED)
		fprintf(out, "  %s %s (%s)\n", num, c->symbol,
			family_words(c->family));
	else
		fprintf(out, "  %s (%s)\n", num, family_words(c->family));
	fprintf(out, "    %s\n", _(c->meaning));
	for (; notes && *notes; notes++)
		fprintf(out, "    - %s\n", _(*notes));
}

/* Ranked causes with their first fix. */
static void write_causes(const struct explain_result *r, FILE *out)
{
	const struct cause_def *d;
	int i;

	fprintf(out, "%s\n", _("What causes it"));
	if (!r->ncauses)
		fprintf(out, "  %s\n", _("No cause in the catalog produces "
					 "this; it is not a connection fault."));
	for (i = 0; i < r->ncauses && i < TEXT_DETAILED; i++) {
		d = r->causes[i].def;
		fprintf(out, "  %d. %s — %s\n", i + 1, d->id, _(d->title));
		if (d->fixes[0])
			fprintf(out, "     %s %s\n", _("fix:"), _(d->fixes[0]));
	}
	if (r->ncauses > TEXT_DETAILED)
		fprintf(out, "  %s", _("Less likely:"));
	for (; i < r->ncauses; i++)
		fprintf(out, " %s%s", r->causes[i].def->id,
			i + 1 < r->ncauses ? "," : "\n");
	fputc('\n', out);
}

/* The causes (ids) among the ranked ones that probe ID separates. */
static void write_probe_causes(const struct explain_result *r,
			       const char *id, FILE *out)
{
	const char *ids[8];
	int i, j, n, shown = 0;

	for (i = 0; i < r->ncauses && i < TEXT_DETAILED; i++) {
		n = explain_probe_list(r->causes[i].def->probes, ids, 8);
		for (j = 0; j < n; j++)
			if (strcmp(ids[j], id) == 0)
				fprintf(out, "%s%s", shown++ ? ", " : "",
					r->causes[i].def->id);
	}
	fputc('\n', out);
}

/* FTP probes say nothing about an SMTP message, and the reverse. */
static bool probe_applies(const struct explain_msg *m, const char *id)
{
	if (strcmp(m->protocol, "smtp") == 0)
		return strncmp(id, "ftp.", 4) != 0;
	if (strcmp(m->protocol, "ftp") == 0)
		return strncmp(id, "smtp.", 5) != 0;
	return true;
}

/* Each probe the ranked causes name, once: what it measures, which of
 * the causes it separates, and the option it needs. */
static void write_probes(const struct explain_result *r, FILE *out)
{
	const char *seen[32], *ids[8], *opt;
	int nseen = 0, i, j, k, n;

	if (!r->ncauses)
		return;
	fprintf(out, "%s\n", _("How to tell them apart"));
	for (i = 0; i < r->ncauses && i < TEXT_DETAILED; i++) {
		n = explain_probe_list(r->causes[i].def->probes, ids, 8);
		for (j = 0; j < n && nseen < 32; j++) {
			if (!probe_applies(&r->msg, ids[j]))
				continue;
			for (k = 0; k < nseen && strcmp(seen[k], ids[j]); k++)
				;
			if (k < nseen)
				continue;
			seen[nseen++] = ids[j];
			opt = explain_probe_option(ids[j]);
			fprintf(out, "  %s%s%s%s: %s\n", ids[j], opt ? " (" : "",
				opt ? opt : "", opt ? ")" : "",
				explain_probe_what(ids[j]));
			fprintf(out, "     %s ", _("separates:"));
			write_probe_causes(r, ids[j], out);
		}
	}
	fputc('\n', out);
}

/* The command, and what to do with a placeholder. */
static void write_command(const struct explain_result *r, FILE *out)
{
	char line[1024];

	fprintf(out, "%s\n", _("What to run"));
	if (!r->has_cmd) {
		fprintf(out, "  %s\n\n", _("sockdoc tests SMTP and FTP; this "
			"message is about POP3 or IMAP. Run sockdoc on the "
			"account's outgoing (SMTP) server instead."));
		return;
	}
	explain_command_line(&r->cmd, line, sizeof(line));
	fprintf(out, "  %s\n", line);
	if (r->cmd.placeholder)
		fprintf(out, "  %s\n", r->msg.server_given ?
			_("The message names no server: replace <SERVER> with "
			  "the server name the account should use.") :
			_("Replace <SERVER> with the server name from the "
			  "client's account settings (and add :PORT)."));
	if (!r->msg.protocol[0])
		fprintf(out, "  %s\n", _("For an FTP server use --protocol ftp "
					 "and ftp://<SERVER> instead."));
	fprintf(out, "  %s\n", _("On a terminal, the same without --report "
				 "opens the wizard with these settings."));
}

/* See out.h. */
int explain_write_text(const struct explain_result *r, FILE *out)
{
	int i;

	if (!r->bare_code)
		write_message(r, out);
	fprintf(out, "%s\n", _("What it means"));
	for (i = 0; i < r->msg.ncodes; i++)
		write_code(r->msg.codes[i], out);
	if (!r->msg.ncodes)
		fprintf(out, "  %s\n", _("No error code in the message; the "
					 "settings above are what it names."));
	fputc('\n', out);
	write_causes(r, out);
	write_probes(r, out);
	write_command(r, out);
	return ferror(out) ? -1 : 0;
}
