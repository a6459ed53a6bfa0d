/* menu.c — step 1 of the wizard: what fails. */
#include "config.h"

#include <stdio.h>

#include "tui_app.h"
#include "i18n.h"

/* The choices, in screen order. */
static const char *const menu_items[] = {
	N_("Sending mail fails (SMTP: Outlook, Thunderbird, a printer...)"),
	N_("Receiving mail fails (POP3/IMAP: the incoming server)"),
	N_("FTP fails (FileZilla, a scanner, a website upload...)"),
	N_("I have an error message (paste it)"),
};
#define MENU_N 4    /* items */
#define MENU_PASTE 3 /* the paste item */

/* The protocol each item but the paste one tests. */
static const enum proto menu_protos[MENU_N] = { PROTO_SMTP, PROTO_POP3,
						PROTO_FTP, PROTO_UNKNOWN };

static int menu_sel; /* highlighted item */

/* Draw the question and the choices. */
static void menu_draw(struct tui *t, int top, int rows, int cols)
{
	int i, y;

	(void)t;
	y = top + 1 + draw_paragraph(top + 1, 2, cols - 4, rows - 6,
				     SR_NORMAL, _("sockdoc finds out why a "
				     "mail or FTP client cannot connect, log "
				     "in or transfer, and says what to "
				     "change.\n\nWhat fails?"));
	y++;
	for (i = 0; i < MENU_N && y < top + rows; i++, y++) {
		char buf[256];

		snprintf(buf, sizeof(buf), " %d  %s", i + 1, _(menu_items[i]));
		scr_text(y, 2, cols - 4, i == menu_sel ? SR_SELECT : SR_NORMAL,
			 buf, true);
	}
}

/* Take choice N. */
static void menu_pick(struct tui *t, int n)
{
	menu_sel = n;
	if (n == MENU_PASTE) {
		tui_status(t, false, "%s", _("Paste the message, then press "
			   "Tab to read it"));
		tui_show(t, &view_paste);
		return;
	}
	t->sfields[SF_PROTO].choice = settings_proto_choice(menu_protos[n]);
	if (menu_protos[n] == PROTO_FTP &&
	    t->sfields[SF_PRESET].choice != PRESET_GENERIC)
		t->sfields[SF_PRESET].choice = PRESET_FILEZILLA;
	if (menu_protos[n] != PROTO_FTP &&
	    t->sfields[SF_PRESET].choice == PRESET_FILEZILLA)
		t->sfields[SF_PRESET].choice = PRESET_OUTLOOK;
	t->paste_note[0] = '\0';
	settings_apply_preset(t);
	t->settings.focus = SF_HOST;
	tui_status(t, false, "%s", _("Type the server as in the client; Enter "
			     "goes to the next field"));
	tui_show(t, &view_settings);
}

/* Keys of the menu. */
static void menu_key(struct tui *t, const struct scr_key *k)
{
	if (k->fn && k->code == SK_UP && menu_sel > 0)
		menu_sel--;
	else if (k->fn && k->code == SK_DOWN && menu_sel < MENU_N - 1)
		menu_sel++;
	else if (k->fn && k->code == SK_ENTER)
		menu_pick(t, menu_sel);
	else if (k->fn && k->code == SK_ESC)
		tui_quit(t);
	else if (!k->fn && k->ch >= '1' && k->ch < '1' + MENU_N)
		menu_pick(t, (int)(k->ch - '1'));
}

const struct view_ops view_menu = {
	.title = N_("Step 1 of 3: what fails?"),
	.hints = N_(" ↑↓:choose  Enter:next  1-4:choose and go on  ?:help  q:quit"),
	.help = N_("sockdoc tests the server the way the client uses it, one "
		   "step after the other (name, connection, greeting, "
		   "security, login, transfers), and ranks the causes that "
		   "fit what it saw.\n"
		   "1: sending mail fails. 2: receiving mail fails (POP3 or "
		   "IMAP: choose which on the next page). 3: FTP fails. 4: "
		   "you have the error text the client showed: paste it and "
		   "the settings are filled in from it.\n"
		   "Keys: arrows and Enter everywhere; Esc goes back; q or "
		   "F10 quits; Ctrl-C quits from anywhere."),
	.edits_text = false,
	.draw = menu_draw,
	.key = menu_key,
};
