/* menu.c — step 1 of the wizard: what fails. */
#include "config.h"

#include <stdio.h>

#include "tui_app.h"
#include "i18n.h"

/* The choices, in screen order. */
static const char *const menu_items[] = {
	N_("Sending mail fails (SMTP: Outlook, Thunderbird, a printer...)"),
	N_("FTP fails (FileZilla, a scanner, a website upload...)"),
	N_("I have an error message (paste it)"),
};

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
	for (i = 0; i < 3 && y < top + rows; i++, y++) {
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
	if (n == 2) {
		tui_status(t, false, "%s", _("Paste the message, then press "
			   "Tab to read it"));
		tui_show(t, &view_paste);
		return;
	}
	t->sfields[SF_PROTO].choice = n;
	if (n == 1 && t->sfields[SF_PRESET].choice != PRESET_GENERIC)
		t->sfields[SF_PRESET].choice = PRESET_FILEZILLA;
	t->paste_note[0] = '\0';
	settings_apply_preset(t);
	t->settings.focus = SF_HOST;
	tui_status(t, false, "%s", _("Type the server as in the client"));
	tui_show(t, &view_settings);
}

/* Keys of the menu. */
static void menu_key(struct tui *t, const struct scr_key *k)
{
	if (k->fn && k->code == SK_UP && menu_sel > 0)
		menu_sel--;
	else if (k->fn && k->code == SK_DOWN && menu_sel < 2)
		menu_sel++;
	else if (k->fn && k->code == SK_ENTER)
		menu_pick(t, menu_sel);
	else if (k->fn && k->code == SK_ESC)
		tui_quit(t);
	else if (!k->fn && k->ch >= '1' && k->ch <= '3')
		menu_pick(t, (int)(k->ch - '1'));
}

const struct view_ops view_menu = {
	.title = N_("Step 1 of 3: what fails?"),
	.hints = N_(" ↑↓:choose  Enter:next  1-3:pick  ?:help  q:quit"),
	.help = N_("sockdoc tests the server the way the client uses it, one "
		   "step after the other (name, connection, greeting, "
		   "security, login, transfers), and ranks the causes that "
		   "fit what it saw.\n"
		   "1: sending mail fails. 2: FTP fails. 3: you have the "
		   "error text the client showed: paste it and the settings "
		   "are filled in from it.\n"
		   "Keys: arrows and Enter everywhere; Esc goes back; q or "
		   "F10 quits; Ctrl-C quits from anywhere."),
	.edits_text = false,
	.draw = menu_draw,
	.key = menu_key,
};
