/* paste.c — "I have an error message": the user pastes what the client
 * showed (Outlook, Thunderbird, FileZilla, in English or Russian); the
 * server, port, security, protocol and error codes are read from it and
 * pre-fill the settings.  explain_parse() (src/explain) reads the fields
 * and codes; a word scan adds a bare host or host:port it did not take. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "tui_app.h"
#include "explain.h"
#include "explain_out.h"
#include "i18n.h"
#include "tui_text.h"
#include "util.h"

/* What the fallback word scan found (explain_parse reads the labelled
 * fields and codes; this catches a bare host or host:port). */
struct guess {
	char host[256];     /* first host-like word */
	int port;           /* 0 when none */
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
	if ((!strcasecmp(prev, "port") || !strcasecmp(prev, "порт")) &&
	    !g->port && atoi(w) > 0 && atoi(w) < 65536) {
		g->port = atoi(w);
		return;
	}
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
		if (strstr(tok, "://"))
			tok = strstr(tok, "://") + 3;
		w = word_trim(tok);
		note_word(g, w, prev);
		str_copy(prev, w, sizeof(prev));
	}
	free(copy);
}

/* Preset of the client the message came from. */
static int preset_of(const char *client)
{
	if (!strcmp(client, "outlook"))
		return PRESET_OUTLOOK;
	if (!strcmp(client, "thunderbird"))
		return PRESET_THUNDERBIRD;
	if (!strcmp(client, "filezilla"))
		return PRESET_FILEZILLA;
	return -1;
}

/* Settings from explain's reading of the message. */
static void apply_msg(struct tui *t, const struct explain_msg *m)
{
	struct field *f = t->sfields;
	int preset = preset_of(m->client);
	enum proto proto;
	enum tls_mode tls;

	explain_settings(m, &proto, &tls);
	if (proto == PROTO_FTP ||
	    (proto == PROTO_UNKNOWN && preset == PRESET_FILEZILLA))
		f[SF_PROTO].choice = settings_proto_choice(PROTO_FTP);
	else if (proto != PROTO_UNKNOWN)
		f[SF_PROTO].choice = settings_proto_choice(proto);
	else if (preset == PRESET_OUTLOOK)
		f[SF_PROTO].choice = settings_proto_choice(PROTO_SMTP);
	if (preset >= 0)
		f[SF_PRESET].choice = preset;
	if (m->server[0])
		field_set(&f[SF_HOST], m->server);
	if (m->port)
		str_printf(f[SF_PORT].value, FIELD_MAX, "%d", m->port);
	if (tls != TLS_AUTO)
		f[SF_TLS].choice = (int)tls;
	if (strchr(m->account, '@') && !strpbrk(m->account, " \t"))
		field_set(&f[SF_FROM], m->account);
}

/* "10054 0x800CCC0F" into CODES, and "10054: Connection reset by peer"
 * (the first code's meaning up to its first sentence break) into MEANING. */
static void msg_codes(const struct explain_msg *m, char *codes, size_t size,
		      char *meaning, size_t msize)
{
	char one[32];
	size_t cut;
	int i;

	codes[0] = '\0';
	meaning[0] = '\0';
	for (i = 0; i < m->ncodes; i++) {
		if (m->codes[i]->family == CODE_PHRASE)
			continue;
		code_format(m->codes[i], one, sizeof(one));
		str_appendf(codes, size, "%s%s", codes[0] ? " " : "", one);
		if (meaning[0] || !m->codes[i]->meaning)
			continue;
		str_printf(meaning, msize, "%s: %s", one,
			   _(m->codes[i]->meaning));
		cut = strcspn(meaning + strlen(one) + 2, ":.;(");
		meaning[strlen(one) + 2 + cut] = '\0';
	}
}

/* The first three causes `sockdoc explain` ranks for R, as ids. */
static void msg_causes(const struct explain_result *r, char *buf,
		       size_t size)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < r->ncauses && i < 3; i++)
		str_appendf(buf, size, "%s%s", i ? ", " : "",
			    r->causes[i].def->id);
}

/* Fill the settings from the paste and describe what was found: the
 * reading and the ranking are explain's own (explain_analyse), so the
 * wizard and `sockdoc explain` agree on the same text. */
void paste_extract(struct tui *t, const char *text, char *note, size_t size)
{
	struct explain_result *r = calloc(1, sizeof(*r));
	struct explain_msg m;
	struct guess g;
	char codes[128], causes[256], meaning[160], mode[256];
	const char *finding;
	struct field *f = t->sfields;

	if (!r) {
		str_copy(note, _("out of memory"), size);
		return;
	}
	r->input = text;
	r->input_len = strlen(text);
	explain_analyse(r);
	msg_causes(r, causes, sizeof(causes));
	m = r->msg;
	free(r);
	guess_read(&g, text);
	if (!m.server[0] && g.host[0])
		str_copy(m.server, g.host, sizeof(m.server));
	if (!m.port)
		m.port = g.port;
	apply_msg(t, &m);
	settings_apply_preset(t);
	f[SF_PORT].cursor = (int)strlen(f[SF_PORT].value);
	msg_codes(&m, codes, sizeof(codes), meaning, sizeof(meaning));
	finding = explain_server_finding(&m);
	str_printf(note, size, _("From the message: server %s, port %s, "
		   "codes %s"), m.server[0] ? m.server : _("not found"),
		   m.port ? f[SF_PORT].value : _("not given"),
		   codes[0] ? codes : _("none"));
	if (finding)
		str_appendf(note, size, "\n%s", finding);
	if (explain_mode_mismatch(&m, mode, sizeof(mode)))
		str_appendf(note, size, "\n%s", mode);
	if (!strcmp(m.protocol, "pop3") || !strcmp(m.protocol, "imap"))
		str_appendf(note, size, "\n%s", _("The message is about "
			    "receiving mail (POP3/IMAP): sockdoc tests sending "
			    "(SMTP) and FTP."));
	if (meaning[0])
		str_appendf(note, size, "\n%s", meaning);
	if (causes[0])
		str_appendf(note, size, "\n%s %s", _("It can be:"), causes);
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
