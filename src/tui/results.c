/* results.c — the ranked causes (title, confidence) and every probe, read
 * from the report; Enter opens a line's evidence, fixes and transcript. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "util.h"

/* String member KEY of O, "" when absent. */
static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* Number of selectable rows: causes then probes. */
static void results_counts(struct tui *t, size_t *nc, size_t *np)
{
	*nc = json_array_size(json_object_get(t->report, "causes"));
	*np = json_array_size(json_object_get(t->report, "probes"));
}

/* The verdict line. */
static void results_verdict(struct tui *t, int y, int cols, size_t nc)
{
	const char *v = jstr(t->report, "verdict");
	char buf[256];

	if (!strcmp(v, "ok"))
		str_copy(buf, _("No problem found: every test passed."),
			 sizeof(buf));
	else if (nc > 0)
		str_printf(buf, sizeof(buf), P_("Found %zu likely cause, most "
			   "likely first:", "Found %zu likely causes, most "
			   "likely first:", nc), nc);
	else
		str_copy(buf, _("Inconclusive: the tests did not finish or "
			 "saw nothing they know."), sizeof(buf));
	scr_text(y, 1, cols - 2, !strcmp(v, "ok") ? SR_OK : SR_HEAD, buf,
		 false);
}

/* One cause: title with its confidence, id below. */
static void draw_cause(json_t *c, int y, int cols, bool sel, size_t idx)
{
	const char *conf = jstr(c, "confidence");
	char buf[512];

	str_printf(buf, sizeof(buf), "%zu. %s", idx + 1, jstr(c, "title"));
	scr_fill(y, 1, cols - 2, sel ? SR_SELECT : SR_NORMAL);
	scr_text(y, 1, 9, confidence_role(conf), confidence_label(conf),
		 false);
	scr_text(y, 10, cols - 11, sel ? SR_SELECT : SR_NORMAL, buf, true);
}

/* One probe line; MODE_TAG marks the client's FTP transfer mode. */
static void draw_probe(struct tui *t, json_t *p, int y, int cols, bool sel)
{
	const char *st = jstr(p, "status"), *id = jstr(p, "id");
	int mode = t->sfields[SF_MODE].choice;
	char buf[600];

	str_printf(buf, sizeof(buf), "%-16s %s", id, jstr(p, "summary"));
	if ((mode == 1 && !strcmp(id, "ftp.passive")) ||
	    (mode == 2 && !strcmp(id, "ftp.active")))
		str_appendf(buf, sizeof(buf), "  %s", _("<- the client's mode"));
	scr_fill(y, 1, cols - 2, sel ? SR_SELECT : SR_NORMAL);
	scr_text(y, 1, 9, status_role(st), status_label(st), false);
	scr_text(y, 10, cols - 11, sel ? SR_SELECT : SR_NORMAL, buf, true);
}

/* Row on screen (relative) of item I: causes take 2 rows (title, id). */
static int item_row(size_t i, size_t nc)
{
	return i < nc ? (int)(2 * i) : (int)(2 * nc + 1 + (i - nc));
}

/* Draw causes and probes, scrolled so the selection shows. */
static void results_draw(struct tui *t, int top, int rows, int cols)
{
	size_t nc, np, i;
	json_t *causes = json_object_get(t->report, "causes");
	json_t *probes = json_object_get(t->report, "probes");
	int y, h = rows - 2;

	if (!t->report)
		return;
	results_counts(t, &nc, &np);
	results_verdict(t, top, cols, nc);
	if (item_row(t->sel, nc) < t->scroll)
		t->scroll = item_row(t->sel, nc);
	if (item_row(t->sel, nc) + 2 > t->scroll + h)
		t->scroll = item_row(t->sel, nc) + 2 - h;
	for (i = 0; i < nc + np; i++) {
		y = top + 1 + item_row(i, nc) - t->scroll;
		if (y <= top || y >= top + rows)
			continue;
		if (i < nc) {
			json_t *c = json_array_get(causes, i);

			draw_cause(c, y, cols, (int)i == t->sel, i);
			if (y + 1 < top + rows)
				scr_text(y + 1, 13, cols - 14, SR_DIM,
					 jstr(c, "id"), false);
		} else {
			if (i == nc && y - 1 > top)
				scr_text(y - 1, 1, cols - 2, SR_HEAD,
					 _("Tests:"), false);
			draw_probe(t, json_array_get(probes, i - nc), y, cols,
				   (int)i == t->sel);
		}
	}
}

/* Open the selected line. */
static void results_open(struct tui *t)
{
	size_t nc, np;

	results_counts(t, &nc, &np);
	if ((size_t)t->sel < nc)
		detail_cause(t, json_array_get(json_object_get(t->report,
					       "causes"), t->sel));
	else if ((size_t)t->sel < nc + np)
		detail_probe(t, json_array_get(json_object_get(t->report,
					       "probes"), t->sel - nc));
	else
		return;
	tui_show(t, &view_detail);
}

/* Commands of the results view. */
static bool results_command(struct tui *t, wint_t ch)
{
	switch (ch) {
	case 's': case 'S':
		save_open(t);
		return true;
	case 'r': case 'R':
		tui_start_run(t);
		return true;
	case 'e': case 'E':
		tui_show(t, &view_settings);
		return true;
	case 'w': case 'W':
		watch_start(t);
		return true;
	default:
		return false;
	}
}

/* Keys of the results view. */
static void results_key(struct tui *t, const struct scr_key *k)
{
	size_t nc, np;

	results_counts(t, &nc, &np);
	if (!k->fn) {
		results_command(t, k->ch);
		return;
	}
	if (k->code == SK_DOWN && (size_t)t->sel + 1 < nc + np)
		t->sel++;
	else if (k->code == SK_UP && t->sel > 0)
		t->sel--;
	else if (k->code == SK_PGDN)
		t->sel = (int)(nc + np) - 1;
	else if (k->code == SK_PGUP || k->code == SK_HOME)
		t->sel = 0;
	else if (k->code == SK_ENTER)
		results_open(t);
	else if (k->code == SK_ESC)
		tui_show(t, &view_settings);
	if (t->sel < 0)
		t->sel = 0;
}

const struct view_ops view_results = {
	.title = N_("Results"),
	.hints = N_(" Enter:open  s:save  r:run again  w:watch  e:settings  ?:help  q:quit"),
	.help = N_("The likely causes come first, most likely first, each "
		   "with how sure the diagnosis is (high, medium, low). Enter "
		   "on a cause shows the evidence that points to it and what "
		   "to change.\n"
		   "Below are the tests; Enter on one shows what it measured "
		   "and the protocol exchange (passwords hidden).\n"
		   "s saves the report as text or JSON for a ticket; r runs "
		   "again (after the user changed something); w repeats the "
		   "run every few seconds and draws a timeline; e goes back "
		   "to the settings."),
	.edits_text = false,
	.draw = results_draw,
	.key = results_key,
};
