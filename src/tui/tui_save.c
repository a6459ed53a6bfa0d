/* save.c — save the report to a file (text or JSON), created mode 0600;
 * an existing file is replaced only after a second confirmation. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tui_app.h"
#include "i18n.h"
#include "report.h"
#include "safefile.h"
#include "util.h"

enum { SV_PATH = 0, SV_FORMAT, SV_BUTTON };

/* Set up the dialog fields once. */
static void save_fields_init(struct tui *t)
{
	struct field *f = t->save_fields;

	f[SV_PATH].kind = FK_TEXT;
	f[SV_PATH].label = _("File");
	f[SV_FORMAT].kind = FK_CHOICE;
	f[SV_FORMAT].label = _("Format");
	f[SV_FORMAT].choices[0] = _("text (for a ticket or an e-mail)");
	f[SV_FORMAT].choices[1] = _("JSON (for scripts)");
	f[SV_FORMAT].nchoices = 2;
	f[SV_BUTTON].kind = FK_BUTTON;
	f[SV_BUTTON].label = _("Save");
	t->save_form.fields = f;
	t->save_form.nfields = 3;
}

/* Open the dialog with a fresh default name. */
void save_open(struct tui *t)
{
	char name[64];
	time_t now = time(NULL);
	struct tm tm;

	if (!t->report) {
		tui_status(t, true, "%s", _("No report to save yet"));
		return;
	}
	if (!t->save_form.fields)
		save_fields_init(t);
	gmtime_r(&now, &tm);
	strftime(name, sizeof(name), "sockdoc-report-%Y%m%d-%H%M%S", &tm);
	str_appendf(name, sizeof(name), "%s",
		    t->save_fields[SV_FORMAT].choice ? ".json" : ".txt");
	field_set(&t->save_fields[SV_PATH], name);
	t->save_form.focus = SV_PATH;
	t->save_overwrite = false;
	tui_status(t, false, "%s", _("Enter: next field; Save writes the "
		   "file (readable by you only)"));
	tui_show(t, &view_save);
}

/* Keep the file name's extension in step with the format. */
static void save_fix_extension(struct tui *t)
{
	struct field *p = &t->save_fields[SV_PATH];
	size_t n = strlen(p->value);
	bool json = t->save_fields[SV_FORMAT].choice == 1;

	if (json && n > 4 && !strcmp(p->value + n - 4, ".txt"))
		str_copy(p->value + n - 4, ".json", sizeof(p->value) - n + 4);
	else if (!json && n > 5 && !strcmp(p->value + n - 5, ".json"))
		str_copy(p->value + n - 5, ".txt", sizeof(p->value) - n + 5);
	p->cursor = (int)strlen(p->value);
}

/* Write the report through the shared safe writer (no symbolic links,
 * no foreign files, old file kept on failure); the status line says how
 * it went. */
static void save_write(struct tui *t)
{
	const char *path = t->save_fields[SV_PATH].value;
	struct safe_file sf;
	int rc = safe_file_open(&sf, path, t->save_overwrite);

	if (rc == -EEXIST) {
		t->save_overwrite = true;
		tui_status(t, true, "%s", _("The file exists: choose Save "
			   "again to replace it"));
		return;
	}
	if (rc < 0) {
		tui_status(t, true, _("Cannot write %s: %s"), path,
			   safe_file_strerror(rc));
		return;
	}
	if (t->save_fields[SV_FORMAT].choice == 1)
		rc = report_write_json(t->report, sf.f);
	else
		rc = report_write_text(t->report, sf.f, false, 1);
	if (rc != 0)
		safe_file_abort(&sf);
	else
		rc = safe_file_commit(&sf);
	if (rc != 0)
		tui_status(t, true, _("Writing %s failed"), path);
	else
		tui_status(t, false, _("Report saved to %s"), path);
	tui_show(t, t->watching ? &view_watch : &view_results);
}

/* Draw the dialog. */
static void save_draw(struct tui *t, int top, int rows, int cols)
{
	scr_text(top, 1, cols - 2, SR_HEAD, _("Save the report"), false);
	form_draw(&t->save_form, top + 2, rows - 2, cols, 10);
}

/* Keys of the dialog. */
static void save_key(struct tui *t, const struct scr_key *k)
{
	int focus = t->save_form.focus;
	enum form_result r;

	if (k->fn && k->code == SK_ESC) {
		tui_status(t, false, "%s", _("Not saved"));
		tui_show(t, t->watching ? &view_watch : &view_results);
		return;
	}
	r = form_key(&t->save_form, k);
	if (r == FORM_BUTTON)
		save_write(t);
	else if (r == FORM_CHANGED && focus == SV_FORMAT)
		save_fix_extension(t);
	else if (r == FORM_CHANGED && focus == SV_PATH)
		t->save_overwrite = false;
}

const struct view_ops view_save = {
	.title = N_("Save the report"),
	.hints = N_(" Tab:next  ←→:format  Enter:next/save  Esc:cancel  F10:quit"),
	.help = N_("The report is written to the file named here, relative "
		   "to the directory sockdoc was started in. Text is for "
		   "people (a ticket, an e-mail); JSON is the same report "
		   "for scripts. The file is readable by you only and holds "
		   "no password."),
	.edits_text = true,
	.draw = save_draw,
	.key = save_key,
};
