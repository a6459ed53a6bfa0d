/* out_text.c — explain's text output: what was recognised, then "What it
 * means", "What causes it", "How to tell them apart", "What to run". */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

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

/* Display columns of S (wcwidth, not bytes); bytes when undecodable. */
static int cols_of(const char *s)
{
	wchar_t wbuf[64];
	size_t n = mbstowcs(wbuf, s, 64);
	int w = n == (size_t)-1 || n >= 64 ? -1 : wcswidth(wbuf, n);

	return w < 0 ? (int)strlen(s) : w;
}

static int field_w = 14; /* label column of write_message, in columns */

/* "  label: value": the label padded to field_w display columns (a
 * Russian label takes two bytes a column), then the printf-style value
 * FMT. */
static void field(FILE *out, const char *text, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void field(FILE *out, const char *text, const char *fmt, ...)
{
	va_list ap;
	int w = cols_of(text);

	fprintf(out, "  %s%*s ", text, w < field_w ? field_w - w : 0, "");
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
}

/* The label column: as wide as the widest label, at least 14. */
static void field_width(void)
{
	const char *labels[] = { _("client:"), _("account:"), _("server:"),
		_("protocol:"), _("port:"), _("SSL:"), _("socket error:"),
		_("error number:"), _("PASV address:"), _("client name:") };
	size_t i;

	field_w = 14;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (cols_of(labels[i]) > field_w)
			field_w = cols_of(labels[i]);
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
	field_width();
	if (m->client[0])
		field(out, _("client:"), "%s\n", m->client);
	if (m->account[0])
		field(out, _("account:"), "%s\n", m->account);
	if (m->server_given || m->server[0])
		field(out, _("server:"), "'%s'\n", m->server);
	if (m->protocol[0])
		field(out, _("protocol:"), "%s\n", m->protocol);
	if (m->port)
		field(out, _("port:"), "%d\n", m->port);
	if (m->ssl != EXPLAIN_SSL_UNKNOWN)
		field(out, _("SSL:"), "%s\n", ssl_words(m->ssl));
	if (m->socket_error)
		field(out, _("socket error:"), "%d\n", m->socket_error);
	if (m->error_number[0])
		field(out, _("error number:"), "%s\n", m->error_number);
	if (m->pasv_host[0])
		field(out, _("PASV address:"), "%s\n", m->pasv_host);
	if (m->client_name[0])
		field(out, _("client name:"), "%s %s\n", m->client_name,
		      _("(the name the client sent in HELO/EHLO or its "
			"address: the client's, not the server's)"));
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
	else if (c->family == CODE_PHRASE && !strcmp(c->client, "system"))
		fprintf(out, "  \"%s\" (%s)\n", num, _("system error text"));
	else if (c->family == CODE_PHRASE)
		fprintf(out, "  \"%s\" (%s)\n", num, c->client);
	else if (c->symbol && c->family != CODE_ERRNO &&
		 c->family != CODE_ENHANCED)
		fprintf(out, "  %s %s (%s)\n", num, c->symbol,
			family_words(c->family));
	else
		fprintf(out, "  %s (%s)\n", num, family_words(c->family));
	fprintf(out, "    %s\n", _(c->meaning));
	if (notes && *notes)
		fprintf(out, "    %s\n", _("Technical detail (for developers and "
					 "administrators):"));
	for (; notes && *notes; notes++)
		fprintf(out, "    - %s\n", _(*notes));
}

/* The evidence the message's own fields give for cause ID, if any. */
static void write_evidence(const struct explain_result *r, const char *id,
			   FILE *out)
{
	char why[256];

	if (!strcmp(id, "tls.mode_mismatch") &&
	    explain_mode_mismatch(&r->msg, why, sizeof(why)))
		fprintf(out, "     %s %s\n", _("evidence:"), why);
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
		/* the fix in the message's protocol's words (FTP: no 587) */
		if (cause_fixes(d, r->msg.protocol)[0])
			fprintf(out, "     %s %s\n", _("fix:"),
				_(cause_fixes(d, r->msg.protocol)[0]));
		write_evidence(r, d->id, out);
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

/* The question a failed FTP listing after a working login asks: which
 * data-connection mode is blocked; the test tries both. */
static void write_question(const struct explain_result *r, FILE *out)
{
	const char *top = r->ncauses ? r->causes[0].def->id : "";

	if (strcmp(r->msg.protocol, "ftp") ||
	    (strcmp(top, "ftp.passive_blocked") &&
	     strcmp(top, "ftp.pasv_address_private") &&
	     strcmp(top, "ftp.active_blocked")))
		return;
	fprintf(out, "%s\n  %s\n  %s\n\n", _("The question"),
		_("The control connection works and the data connection (the "
		  "listing) does not: is it passive or active mode that is "
		  "blocked, and where?"),
		_("FileZilla: Site Manager > Transfer Settings > Transfer mode "
		  "(Default, Active, Passive). The test below tries passive "
		  "and active and says which one works."));
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
	write_question(r, out);
	write_command(r, out);
	return ferror(out) ? -1 : 0;
}
