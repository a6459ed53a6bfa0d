/* paste.c — "I have an error message": the user pastes what the client
 * showed (Outlook, Thunderbird, FileZilla, in English or Russian); the
 * server, port, security, protocol and error codes are read from it and
 * pre-fill the settings.  A simple field extraction: words that look like
 * a host name, the number after "Port", "Secure(SSL): Yes", and codes. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "app.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

/* What the extraction found. */
struct guess {
	enum proto proto;   /* PROTO_UNKNOWN when no hint */
	char host[256];     /* first host-like word */
	int port;           /* 0 when none */
	bool implicit_tls;  /* "Secure(SSL): Yes" */
	char codes[128];    /* error codes seen, space-separated */
};

/* Strip quotes, brackets and trailing punctuation around a word. */
static char *word_trim(char *w)
{
	size_t n;

	while (*w && strchr("'\"([<{", *w))
		w++;
	n = strlen(w);
	while (n > 0 && strchr("'\")]>},;:.!?", w[n - 1]))
		w[--n] = '\0';
	return w;
}

/* True for a word that can be a host name or an IPv4 address. */
static bool looks_like_host(const char *w)
{
	bool dot = false, alpha = false;
	int dots = 0;
	const char *p;

	if (strlen(w) < 3 || strlen(w) > 253 || strstr(w, ".."))
		return false;
	for (p = w; *p; p++) {
		if (*p == '.') {
			dot = true;
			dots++;
		} else if (isalpha((unsigned char)*p)) {
			alpha = true;
		} else if (!isdigit((unsigned char)*p) && *p != '-') {
			return false;
		}
	}
	return dot && (alpha || dots == 3) && w[0] != '.' && w[0] != '-';
}

/* Note error codes: Winsock numbers and Outlook 0x800CCCxx. */
static void note_code(struct guess *g, const char *w)
{
	long v = strtol(w, NULL, 10);
	bool winsock = strlen(w) == 5 && v >= 10004 && v <= 11004;
	bool outlook = !strncasecmp(w, "0x800CCC", 8) && strlen(w) == 10;

	if ((winsock || outlook) && strlen(g->codes) + strlen(w) + 2 <
	    sizeof(g->codes))
		str_appendf(g->codes, sizeof(g->codes), "%s%s",
			    g->codes[0] ? " " : "", w);
	if (outlook && g->proto == PROTO_UNKNOWN)
		g->proto = PROTO_SMTP;
}

/* Protocol hints in one word. */
static void note_proto(struct guess *g, const char *w)
{
	if (!strcasecmp(w, "FTP") || !strcasecmp(w, "FileZilla") ||
	    !strcasecmp(w, "FTPS"))
		g->proto = PROTO_FTP;
	else if (!strcasecmp(w, "SMTP") || !strcasecmp(w, "Outlook"))
		g->proto = PROTO_SMTP;
}

/* A "host:port" word. */
static bool note_host_port(struct guess *g, char *w)
{
	char *colon = strrchr(w, ':');
	long port;

	if (!colon || strchr(w, ':') != colon)
		return false;
	port = strtol(colon + 1, NULL, 10);
	*colon = '\0';
	if (!looks_like_host(w) || port <= 0 || port > 65535)
		return false;
	if (!g->host[0])
		str_copy(g->host, w, sizeof(g->host));
	if (!g->port)
		g->port = (int)port;
	return true;
}

/* Look at one word; PREV is the word before it. */
static void note_word(struct guess *g, char *w, const char *prev)
{
	if (!*w)
		return;
	note_code(g, w);
	note_proto(g, w);
	if ((!strcasecmp(prev, "port") || !strcasecmp(prev, "порт")) &&
	    !g->port && atoi(w) > 0 && atoi(w) < 65536) {
		g->port = atoi(w);
		return;
	}
	if ((!strcasecmp(prev, "Secure(SSL") || !strcasecmp(prev, "SSL")) &&
	    (!strcasecmp(w, "Yes") || !strcasecmp(w, "Да")))
		g->implicit_tls = true;
	if (strchr(w, '@') || note_host_port(g, w))
		return;
	if (!g->host[0] && looks_like_host(w))
		str_copy(g->host, w, sizeof(g->host));
}

/* Read TEXT word by word. */
static void guess_read(struct guess *g, const char *text)
{
	char *copy = strdup(text), *save = NULL, *tok, *w;
	char prev[64] = "";

	memset(g, 0, sizeof(*g));
	if (!copy)
		return;
	for (tok = strtok_r(copy, " \t\r\n,", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n,", &save)) {
		if (!strcasecmp(tok, "ftp://") || !strncasecmp(tok, "ftp://", 6))
			g->proto = PROTO_FTP;
		if (strstr(tok, "://"))
			tok = strstr(tok, "://") + 3;
		w = word_trim(tok);
		note_word(g, w, prev);
		str_copy(prev, w, sizeof(prev));
	}
	free(copy);
}

/* Fill the settings from the paste and describe what was found. */
void paste_extract(struct tui *t, const char *text, char *note, size_t size)
{
	struct guess g;
	struct field *f = t->sfields;

	guess_read(&g, text);
	if (g.proto != PROTO_UNKNOWN)
		f[SF_PROTO].choice = g.proto == PROTO_FTP ? 1 : 0;
	if (g.host[0])
		field_set(&f[SF_HOST], g.host);
	if (g.port)
		str_printf(f[SF_PORT].value, FIELD_MAX, "%d", g.port);
	f[SF_PORT].cursor = (int)strlen(f[SF_PORT].value);
	if (g.implicit_tls)
		f[SF_TLS].choice = TLS_IMPLICIT;
	settings_apply_preset(t);
	str_printf(note, size, _("From the message: server %s, port %s, "
		   "codes %s"), g.host[0] ? g.host : _("not found"),
		   g.port ? f[SF_PORT].value : _("not given"),
		   g.codes[0] ? g.codes : _("none"));
}

/* Draw the pasted text in a frame. */
static void paste_draw(struct tui *t, int top, int rows, int cols)
{
	int y;
	char hint[512];

	str_copy(hint, _("Paste (or type) the error message the client "
		 "showed. Tab: read it and go on, Esc: back."), sizeof(hint));
	y = top + draw_paragraph(top, 1, cols - 2, 2, SR_NORMAL, hint);
	if (rows - (y - top) < 3)
		return;
	scr_box(y, 0, rows - (y - top), cols, SR_DIM);
	draw_paragraph(y + 1, 2, cols - 4, rows - (y - top) - 2, SR_FIELD,
		       t->paste[0] ? t->paste : " ");
}

/* Add a typed or pasted character. */
static void paste_add(struct tui *t, wint_t ch)
{
	char mb[8];
	mbstate_t st;
	size_t n, len = strlen(t->paste);

	memset(&st, 0, sizeof(st));
	n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1 || len + n + 1 >= sizeof(t->paste))
		return;
	memcpy(t->paste + len, mb, n);
	t->paste[len + n] = '\0';
}

/* Keys of the paste view. */
static void paste_key(struct tui *t, const struct scr_key *k)
{
	size_t len = strlen(t->paste);

	if (k->fn && k->code == SK_ESC) {
		tui_show(t, &view_menu);
	} else if ((k->fn && k->code == SK_TAB) || (!k->fn && k->ch == 4)) {
		paste_extract(t, t->paste, t->paste_note,
			      sizeof(t->paste_note));
		t->settings.focus = SF_HOST;
		tui_status(t, false, "%s", _("Check the settings read from "
			   "the message, then run"));
		tui_show(t, &view_settings);
	} else if (k->fn && k->code == SK_ENTER) {
		paste_add(t, '\n');
	} else if (k->fn && k->code == SK_BACKSPACE && len > 0) {
		t->paste[text_prev(t->paste, len)] = '\0';
	} else if (!k->fn && k->ch >= 32 && k->ch != 127) {
		paste_add(t, k->ch);
	}
}

const struct view_ops view_paste = {
	.title = N_("Step 1 of 3: the error message"),
	.hints = N_(" Tab:read the message  Esc:back  F1:help  F10:quit"),
	.help = N_("Paste the whole message the client showed: Outlook's "
		   "\"Server: 'smtp.example.com', Port: 25, Secure(SSL): No, "
		   "Socket Error: 10060, Error Number: 0x800CCC0E\", a "
		   "Thunderbird alert, or FileZilla's log lines.\n"
		   "The server, the port, whether SSL was on and the error "
		   "codes are read from it into the settings; check them "
		   "there and run.\n"
		   "For what a code means without a diagnosis, run: "
		   "sockdoc explain CODE"),
	.edits_text = true,
	.draw = paste_draw,
	.key = paste_key,
};
