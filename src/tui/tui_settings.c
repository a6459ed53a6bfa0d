/* settings.c — step 2 of the wizard: server, port, security, login,
 * password (hidden), FTP transfer mode and the opt-in trials, named the way
 * the user's client names them (Outlook, Thunderbird, FileZilla). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui_app.h"
#include "i18n.h"
#include "netpath.h"
#include "probe.h"
#include "util.h"

/* Field labels of one client. */
struct preset_names {
	const char *name;     /* the client */
	const char *host;     /* server field */
	const char *port;     /* port field */
	const char *tls;      /* security field */
	const char *tls_choices[4]; /* auto, none, starttls, implicit */
	const char *user;     /* login field */
	const char *pass;     /* password field */
	const char *from;     /* the address mail is sent from (SMTP) */
	const char *proxy;    /* the client's proxy setting */
	const char *proxy_note; /* where the client has it, as a URL */
};

static const struct preset_names presets[PRESET_COUNT] = {
	[PRESET_GENERIC] = { N_("generic"), N_("Server"), N_("Port"),
		N_("Security"), { N_("auto (find out)"), N_("none"),
		N_("STARTTLS"), N_("SSL/TLS (implicit)") },
		N_("Login"), N_("Password"), N_("Sender address"),
		N_("Proxy"),
		N_("socks5h://host:port, socks5://, socks4://, http:// (CONNECT)") },
	[PRESET_OUTLOOK] = { N_("Outlook"), N_("Outgoing mail server (SMTP)"),
		N_("Outgoing server (SMTP) port"),
		N_("Encrypted connection type"), { N_("Auto"), N_("None"),
		N_("STARTTLS"), N_("SSL/TLS") },
		N_("User Name"), N_("Password"), N_("Email Address"),
		N_("Proxy server"),
		N_("as in Internet Options > Connections > LAN settings: http://host:port or socks4://host:port") },
	[PRESET_THUNDERBIRD] = { N_("Thunderbird"), N_("Server Name"),
		N_("Port"), N_("Connection security"), { N_("(not sure)"),
		N_("None"), N_("STARTTLS"), N_("SSL/TLS") },
		N_("User Name"), N_("Password"), N_("Email address"),
		N_("SOCKS Host"),
		N_("Connection Settings > Manual proxy configuration: socks5h://host:port (with Proxy DNS), else socks5://host:port") },
	[PRESET_FILEZILLA] = { N_("FileZilla"), N_("Host"), N_("Port"),
		N_("Encryption"), { N_("Use explicit FTP over TLS if available"),
		N_("Only use plain FTP (insecure)"),
		N_("Require explicit FTP over TLS"),
		N_("Require implicit FTP over TLS") },
		N_("User"), N_("Password"), N_("Sender address"),
		N_("Generic proxy"),
		N_("Settings > Connection > Generic proxy: SOCKS 5 as socks5h://host:port, HTTP/1.1 CONNECT as http://host:port") },
};

/* Outlook names the receiving side's fields apart (Account Settings,
 * POP and IMAP): [0] POP3, [1] IMAP. */
static const struct preset_names outlook_recv[2] = {
	{ N_("Outlook"), N_("Incoming mail server"),
	  N_("Incoming server (POP3)"),
	  N_("Encrypted connection (SSL/TLS)"),
	  { N_("Auto"), N_("No"), N_("STARTTLS"), N_("Yes (SSL/TLS)") },
	  N_("User Name"), N_("Password"), N_("Sender address"), N_("Proxy server"),
	  N_("as in Internet Options > Connections > LAN settings: http://host:port or socks4://host:port") },
	{ N_("Outlook"), N_("Incoming mail server"),
	  N_("Incoming server (IMAP)"),
	  N_("Encrypted connection type"),
	  { N_("Auto"), N_("None"), N_("STARTTLS"), N_("SSL/TLS") },
	  N_("User Name"), N_("Password"), N_("Sender address"), N_("Proxy server"),
	  N_("as in Internet Options > Connections > LAN settings: http://host:port or socks4://host:port") },
};

int settings_proto_choice(enum proto proto)
{
	return proto >= PROTO_SMTP && proto <= PROTO_TCP ? (int)proto - 1 : 0;
}

enum proto settings_choice_proto(int choice)
{
	return choice >= 0 && choice <= 4 ? (enum proto)(choice + 1)
					   : PROTO_SMTP;
}

/* Set a choice field's names from a NULL-free array of N. */
static void set_choices(struct field *f, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n && i < FIELD_MAX_CHOICES; i++)
		f->choices[i] = _(names[i]);
	f->nchoices = i;
	if (f->choice >= f->nchoices)
		f->choice = 0;
}

/* The trials' check boxes from the registry, with what each does to the
 * server, ticked as in BITS; the unused ones hidden. */
static void trial_fields(struct field *f, unsigned bits)
{
	const struct probe_ops *o;
	int i;

	for (i = 0; i < PROBE_MAX_TRIALS; i++) {
		f[SF_TRIAL + i].kind = FK_CHECK;
		f[SF_TRIAL + i].hidden = true;
	}
	for (i = 0; i < PROBE_MAX_TRIALS && probe_trials[i]; i++) {
		o = probe_trials[i];
		f[SF_TRIAL + i].label = _(o->trial->label);
		f[SF_TRIAL + i].note = _(o->trial->does);
		f[SF_TRIAL + i].hidden = false;
		f[SF_TRIAL + i].checked = bits & registry_trial_bit(o);
	}
}

/* Labels that do not depend on the preset. */
static void settings_fixed_labels(struct tui *t)
{
	static const char *const protos[] = { N_("SMTP (sending mail)"),
		N_("FTP"), N_("POP3 (receiving mail)"),
		N_("IMAP (receiving mail)"), N_("Other TCP service (tcp://)") };
	static const char *const modes[] = { N_("Default"), N_("Passive"),
		N_("Active") };
	static const char *names[PRESET_COUNT];
	struct field *f = t->sfields;
	int i;

	f[SF_PROTO].kind = FK_CHOICE;
	f[SF_PROTO].label = _("Protocol");
	set_choices(&f[SF_PROTO], protos, 5);
	for (i = 0; i < PRESET_COUNT; i++)
		names[i] = presets[i].name;
	f[SF_PRESET].kind = FK_CHOICE;
	f[SF_PRESET].label = _("Field names as in");
	set_choices(&f[SF_PRESET], names, PRESET_COUNT);
	f[SF_MODE].kind = FK_CHOICE;
	f[SF_MODE].label = _("Transfer mode");
	f[SF_MODE].note = _("the client's setting; both modes are tested");
	set_choices(&f[SF_MODE], modes, 3);
}

/* The advanced section: the connection path of netpath_opts.h, from
 * the command line's values; shown when the check box is ticked. */
static void advanced_init(struct field *f, const struct options *o)
{
	static const char *const families[] = { N_("IPv4 and IPv6"),
		N_("IPv4 only"), N_("IPv6 only") };
	int i;

	f[SF_ADV].kind = FK_CHECK;
	f[SF_ADV].label = _("Advanced connection");
	f[SF_ADV].note = _("proxy, source address, IPv4/IPv6, client certificate");
	f[SF_ADV].checked = o->path.proxy || o->path.iface || o->path.cert ||
			    o->family;
	f[SF_PROXY].kind = f[SF_IFACE].kind = FK_TEXT;
	f[SF_CERT].kind = f[SF_KEY].kind = FK_TEXT;
	f[SF_PROXY].placeholder = _("(none; ALL_PROXY and the like are read)");
	f[SF_IFACE].label = _("Connect from");
	f[SF_IFACE].note = _("a network interface (eth0, wg0) or a source address");
	f[SF_IFACE].placeholder = _("(the system's choice)");
	f[SF_FAMILY].kind = FK_CHOICE;
	f[SF_FAMILY].label = _("Addresses");
	set_choices(&f[SF_FAMILY], families, 3);
	f[SF_FAMILY].choice = o->family == 4 ? 1 : o->family == 6 ? 2 : 0;
	f[SF_CERT].label = _("Client certificate");
	f[SF_CERT].note = _("a PEM file, for servers that demand one");
	f[SF_CERT].placeholder = _("(none)");
	f[SF_KEY].label = _("Its private key");
	f[SF_KEY].placeholder = _("(in the certificate file)");
	f[SF_KEY].note = _("a key passphrase comes from SOCKDOC_KEY_PASSWORD");
	field_set(&f[SF_PROXY], o->path.proxy);
	field_set(&f[SF_IFACE], o->path.iface);
	field_set(&f[SF_CERT], o->path.cert);
	field_set(&f[SF_KEY], o->path.key);
	for (i = SF_PROXY; i <= SF_KEY; i++)
		f[i].hidden = !f[SF_ADV].checked;
}

/* Fill the settings form once. */
void settings_init(struct tui *t)
{
	struct field *f = t->sfields;
	const struct options *o = t->base;

	settings_fixed_labels(t);
	f[SF_HOST].kind = FK_TEXT;
	f[SF_PORT].kind = FK_TEXT;
	f[SF_PORT].numeric = true;
	f[SF_TLS].kind = FK_CHOICE;
	f[SF_USER].kind = FK_TEXT;
	f[SF_USER].placeholder = _("(none)");
	f[SF_PASS].kind = FK_SECRET;
	f[SF_PASS].placeholder = _("(none)");
	f[SF_PASS].note = _("typed hidden; kept in memory only");
	f[SF_FROM].kind = FK_TEXT;
	f[SF_FROM].placeholder = _("e.g. anna@example.com");
	f[SF_FROM].note = _("tests sender and relaying; no mail is sent");
	trial_fields(f, o->trials);
	advanced_init(f, o);
	f[SF_RUN].kind = FK_BUTTON;
	f[SF_RUN].label = _("Run the diagnosis");
	f[SF_PROTO].choice = settings_proto_choice(o->proto);
	f[SF_TLS].choice = (int)o->tls;
	if (o->port > 0)
		str_printf(f[SF_PORT].value, FIELD_MAX, "%d", o->port);
	field_set(&f[SF_USER], o->user);
	if (o->password)
		field_set(&f[SF_PASS], o->password);
	if (o->mail_from)
		field_set(&f[SF_FROM], o->mail_from);
	t->settings.fields = f;
	t->settings.nfields = SF_COUNT;
	t->settings.focus = SF_HOST;
	settings_apply_preset(t);
}

/* Can client PRESET speak PROTO?  FileZilla is FTP only; Outlook and
 * Thunderbird are mail only; generic and any for tcp:// fit all. */
static bool preset_fits(int preset, enum proto proto)
{
	if (proto == PROTO_TCP || preset == PRESET_GENERIC)
		return true;
	return (preset == PRESET_FILEZILLA) == (proto == PROTO_FTP);
}

/* Names and visibility for the chosen client and protocol; a client
 * that does not speak the protocol gives way to one that does. */
void settings_apply_preset(struct tui *t)
{
	struct field *f = t->sfields;
	enum proto proto = settings_choice_proto(f[SF_PROTO].choice);
	const struct preset_names *p;
	bool ftp = proto == PROTO_FTP;
	static char port_hint[64];
	int i;

	if (!preset_fits(f[SF_PRESET].choice, proto))
		f[SF_PRESET].choice = ftp ? PRESET_FILEZILLA : PRESET_OUTLOOK;
	p = &presets[f[SF_PRESET].choice];
	f[SF_TLS].note = NULL;
	if (proto_is_mailrecv(proto) && f[SF_PRESET].choice == PRESET_OUTLOOK) {
		p = &outlook_recv[proto == PROTO_IMAP];
		f[SF_TLS].note = proto == PROTO_IMAP ?
			_("Outlook: \"type of encrypted connection\"") :
			_("Outlook: \"requires an encrypted connection\"");
	}
	f[SF_HOST].label = _(p->host);
	f[SF_PORT].label = _(p->port);
	f[SF_TLS].label = _(p->tls);
	set_choices(&f[SF_TLS], p->tls_choices, 4);
	f[SF_USER].label = _(p->user);
	f[SF_PASS].label = _(p->pass);
	f[SF_USER].note = f[SF_PRESET].choice == PRESET_FILEZILLA ?
		_("Logon Type \"Normal\"; empty for \"Anonymous\"") : NULL;
	f[SF_FROM].label = _(p->from);
	f[SF_FROM].hidden = proto != PROTO_SMTP;
	f[SF_MODE].hidden = !ftp;
	f[SF_HOST].placeholder = ftp ? _("e.g. ftp.example.com") :
				       _("e.g. mail.example.com");
	f[SF_PROXY].label = _(p->proxy);
	f[SF_PROXY].note = _(p->proxy_note);
	for (i = SF_PROXY; i <= SF_KEY; i++)
		f[i].hidden = !f[SF_ADV].checked;
	if (proto == PROTO_TCP)
		str_copy(port_hint, _("(required)"), sizeof(port_hint));
	else
		str_printf(port_hint, sizeof(port_hint), _("(default %d)"),
			   proto_default_port(proto,
					      (enum tls_mode)f[SF_TLS].choice));
	f[SF_PORT].placeholder = port_hint;
	if (f[t->settings.focus].hidden)
		form_move(&t->settings, 1);
}

/* Pre-fill the form from a parsed target. */
void settings_from_target(struct tui *t, const struct target *tg)
{
	struct field *f = t->sfields;

	f[SF_PROTO].choice = settings_proto_choice(tg->proto);
	if (tg->proto == PROTO_FTP && f[SF_PRESET].choice != PRESET_GENERIC)
		f[SF_PRESET].choice = PRESET_FILEZILLA;
	field_set(&f[SF_HOST], tg->is_email ? tg->email : tg->host);
	if (tg->port_given)
		str_printf(f[SF_PORT].value, FIELD_MAX, "%d", tg->port);
	else
		f[SF_PORT].value[0] = '\0';
	f[SF_PORT].cursor = (int)strlen(f[SF_PORT].value);
	f[SF_TLS].choice = (int)tg->tls;
	if (tg->user[0])
		field_set(&f[SF_USER], tg->user);
	if (tg->is_email && tg->proto == PROTO_SMTP)
		field_set(&f[SF_FROM], tg->email);
	settings_apply_preset(t);
}

/* Trials ticked in the form as their registry bits. */
static unsigned settings_trials(const struct field *f)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < PROBE_MAX_TRIALS && probe_trials[i]; i++)
		if (f[SF_TRIAL + i].checked)
			bits |= registry_trial_bit(probe_trials[i]);
	return bits;
}

/* True when S looks like one mail address: local@domain, no spaces,
 * no line breaks (it goes into MAIL FROM). */
static bool address_ok(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at > s && at[1] && !strchr(at + 1, '@') &&
	       !strpbrk(s, " \t\r\n<>");
}

/* The sender address into t->opt: MAIL FROM; with it and no --rcpt,
 * smtp.transaction asks the relay question itself (RCPT TO the sender,
 * and to an address outside the server's domains), sending nothing. */
static bool settings_envelope(struct tui *t, char *err, size_t size)
{
	const char *from = t->sfields[SF_FROM].value;

	t->opt.mail_from = t->base->mail_from;
	t->opt.rcpt = t->base->rcpt;
	if (t->opt.proto != PROTO_SMTP || !from[0])
		return true;
	if (!address_ok(from)) {
		str_copy(err, _("The sender address must look like "
				"name@example.com"), size);
		return false;
	}
	t->opt.mail_from = from;
	return true;
}

/* The advanced fields into O (strings point into the form, which lives
 * as long as the wizard); false with a message in ERR for a bad one. */
static bool advanced_to_opt(struct field *f, struct options *o, char *err,
			    size_t size)
{
	static const struct { int field; const char *opt; } map[] = {
		{ SF_PROXY, "--proxy" }, { SF_IFACE, "--interface" },
		{ SF_CERT, "--cert" }, { SF_KEY, "--key" } };
	const char **dst[] = { &o->path.proxy, &o->path.iface, &o->path.cert,
			       &o->path.key };
	const char *why;
	size_t i;

	if (!f[SF_ADV].checked)
		return true;
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		const char *v = f[map[i].field].value;

		if (!v[0])
			continue;
		if ((why = netpath_check(map[i].opt, v))) {
			str_copy(err, why, size);
			return false;
		}
		*dst[i] = v;
	}
	if (o->path.key && !o->path.cert) {
		str_copy(err, _("A private key needs its client certificate"), size);
		return false;
	}
	o->family = f[SF_FAMILY].choice == 1 ? 4 : f[SF_FAMILY].choice == 2 ? 6 : 0;
	return true;
}

/* The proxy the run would use (the form's, or the environment's, read
 * as curl does) must be a usable URL; false with the reason in ERR. */
static bool path_usable(const struct options *o, const struct target *tg,
			char *err, size_t size)
{
	struct netpath np;
	int rc = netpath_setup(&np, o, tg, err, size);

	explicit_bzero(&np, sizeof(np));
	return rc == 0;
}

/* Build t->opt and the target from the form. */
bool settings_to_run(struct tui *t, struct target *tg, char *err,
		     size_t size)
{
	struct field *f = t->sfields;
	enum proto proto = settings_choice_proto(f[SF_PROTO].choice);
	int port = atoi(f[SF_PORT].value);

	if (!f[SF_HOST].value[0]) {
		str_copy(err, _("Type the server name first"), size);
		return false;
	}
	if (port < 0 || port > 65535) {
		str_copy(err, _("The port must be 1 to 65535"), size);
		return false;
	}
	if (target_parse(f[SF_HOST].value, proto, port,
			 (enum tls_mode)f[SF_TLS].choice, tg, err, size) != 0)
		return false;
	t->opt = *t->base;
	t->opt.target = f[SF_HOST].value;
	t->opt.proto = proto;
	t->opt.port = port;
	t->opt.tls = (enum tls_mode)f[SF_TLS].choice;
	t->opt.user = f[SF_USER].value[0] ? f[SF_USER].value : t->base->user;
	t->opt.password = f[SF_PASS].value[0] ? f[SF_PASS].value : NULL;
	t->opt.trials = settings_trials(f);
	if (!settings_envelope(t, err, size) ||
	    !advanced_to_opt(f, &t->opt, err, size) ||
	    !path_usable(&t->opt, tg, err, size))
		return false;
	if (f[SF_USER].value[0])
		str_copy(tg->user, f[SF_USER].value, sizeof(tg->user));
	return true;
}

/* Draw the settings form. */
static void settings_draw(struct tui *t, int top, int rows, int cols)
{
	int lw = cols * 2 / 5;

	int n;

	if (t->paste_note[0]) {
		n = draw_paragraph(top, 1, cols - 2, 4, SR_WARN, t->paste_note);
		top += n;
		rows -= n;
	}
	scr_text(top, 1, cols - 2, SR_HEAD, _("Settings as in the client "
		 "(Tab/arrows: move, Left/Right: change, Enter: next)"),
		 false);
	form_draw(&t->settings, top + 1, rows - 1, cols, lw);
}

/* What to type into field FIELD, for the status line ("" for none). */
static const char *field_hint(int field)
{
	switch (field) {
	case SF_PROTO: return _("Which service fails: sending mail, "
				"receiving mail, FTP or another TCP service");
	case SF_PRESET: return _("The client the user has: the field names "
				 "below follow it");
	case SF_HOST: return _("Type the server as in the client");
	case SF_PORT: return _("Type the port as in the client (digits); "
			       "empty: the default port");
	case SF_TLS: return _("Choose the security setting the client has; "
			      "not sure: sockdoc finds out");
	case SF_USER: return _("Type the login as in the client; empty: the "
			       "login is not tested");
	case SF_PASS: return _("Type the password (shown as stars, kept in "
			       "memory only); empty: no login");
	case SF_FROM: return _("The address the mail is sent from; no mail "
			       "is sent");
	case SF_MODE: return _("The client's transfer mode; sockdoc tests "
			       "passive and active");
	case SF_RUN: return _("Press Enter to run the diagnosis");
	default: return "";
	}
}

/* A client that does not speak the protocol is skipped when the user
 * cycles "Field names as in" (FileZilla for mail, Outlook for FTP). */
static void preset_skip(struct tui *t, const struct scr_key *k)
{
	enum proto proto = settings_choice_proto(t->sfields[SF_PROTO].choice);
	int i;

	for (i = 0; i < PRESET_COUNT &&
	     !preset_fits(t->sfields[SF_PRESET].choice, proto); i++)
		form_key(&t->settings, k);
}

/* Keys of the settings form. */
static void settings_key(struct tui *t, const struct scr_key *k)
{
	int focus = t->settings.focus;
	enum form_result r;

	if (k->fn && k->code == SK_ESC) {
		tui_show(t, &view_menu);
		return;
	}
	r = form_key(&t->settings, k);
	if (r == FORM_BUTTON) {
		tui_start_run(t);
		return;
	}
	if (r == FORM_CHANGED && focus == SF_PRESET)
		preset_skip(t, k);
	if (r == FORM_CHANGED && (focus == SF_PRESET || focus == SF_PROTO ||
				  focus == SF_TLS || focus == SF_ADV))
		settings_apply_preset(t);
	if (focus == SF_PORT && !k->fn && k->ch > 32 && k->ch != 127 &&
	    (k->ch < '0' || k->ch > '9'))
		tui_status(t, true, _("The port takes digits only: '%lc' was "
			   "not typed"), (wint_t)k->ch);
	else if (t->settings.focus != focus)
		tui_status(t, false, "%s", field_hint(t->settings.focus));
}

/* The keys that work on the focused field. */
static const char *settings_hints(struct tui *t)
{
	switch (t->sfields[t->settings.focus].kind) {
	case FK_TEXT:
	case FK_SECRET:
		return _(" Tab/↓:next  ↑:back  Enter:next  Ctrl-U:clear  "
			 "Esc:back  F1:help  F10:quit");
	case FK_CHOICE:
		return _(" ←→/Space:change  Tab/↓:next  ↑:back  Esc:back  "
			 "F1:help  F10:quit");
	case FK_CHECK:
		return _(" Space:tick/untick  Tab/↓:next  ↑:back  Esc:back  "
			 "F1:help  F10:quit");
	case FK_BUTTON:
		return _(" Enter:run the diagnosis  ↑:back  Esc:back  F1:help  "
			 "F10:quit");
	}
	return NULL;
}

const struct view_ops view_settings = {
	.title = N_("Step 2 of 3: settings"),
	.hints = N_(" Tab:next  ←→:change  Enter:next/run  Esc:back  F1:help  F10:quit"),
	.help = N_("Type the settings exactly as they are in the mail or FTP "
		   "client, mistakes included: the diagnosis reports a bad "
		   "server name or port as a finding.\n"
		   "\"Field names as in\" shows the labels of Outlook, "
		   "Thunderbird or FileZilla, so you can read them to the "
		   "user on the phone.\n"
		   "Leave the port empty for the default of the protocol and "
		   "security mode.\n"
		   "The password is shown as stars and only kept in memory.\n"
		   "Trials put real load on the server; tick them only when "
		   "you may.\n"
		   "Run the diagnosis with the button at the end (Enter)."),
	.edits_text = true,
	.draw = settings_draw,
	.key = settings_key,
	.focus_hints = settings_hints,
};
