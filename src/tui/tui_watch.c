/* watch.c — watch mode: the chain again every N seconds, each probe's
 * history drawn as a sparkline row (like mtr), to catch a server that
 * fails now and then or a fault that comes and goes. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tui_app.h"
#include "i18n.h"
#include "util.h"

/* The row for probe ID, created on first sight; NULL when full. */
static struct watch_row *watch_row(struct tui *t, const char *id)
{
	struct watch_row *r;
	int i;

	for (i = 0; i < t->nwrows; i++)
		if (!strcmp(t->wrows[i].id, id))
			return &t->wrows[i];
	if (t->nwrows == WATCH_MAX_ROWS)
		return NULL;
	r = &t->wrows[t->nwrows++];
	memset(r, 0, sizeof(*r));
	str_copy(r->id, id, sizeof(r->id));
	return r;
}

/* One letter per status for the history. */
static char status_letter(const char *st)
{
	if (!strcmp(st, "ok"))
		return 'k';
	if (!strcmp(st, "warn"))
		return 'w';
	if (!strcmp(st, "fail"))
		return 'f';
	if (!strcmp(st, "error"))
		return 'e';
	return 's';
}

/* Timer: time for the next cycle. */
static void watch_due(void *arg)
{
	struct tui *t = arg;

	t->watch_timer = NULL;
	if (t->watching && !t->running && !tui_start_run(t))
		watch_stop(t);
}

/* A cycle finished: add each probe's status to its row, plan the next. */
void watch_record(struct tui *t)
{
	json_t *probes = json_object_get(t->report, "probes"), *p;
	struct watch_row *r;
	size_t i;
	const char *st;

	json_array_foreach(probes, i, p) {
		r = watch_row(t, json_string_value(json_object_get(p, "id"))
			      ?: "?");
		if (!r)
			continue;
		st = json_string_value(json_object_get(p, "status")) ?: "";
		r->hist[r->n % WATCH_HISTORY] = status_letter(st);
		r->n++;
		r->last_ms = json_integer_value(json_object_get(p,
							"duration_ms"));
	}
	t->watch_cycles++;
	t->watch_next = loop_clock_ms() + (int64_t)t->watch_sec * 1000;
	t->watch_timer = loop_timer_add(t->loop,
					(int64_t)t->watch_sec * 1000,
					watch_due, t);
}

/* Enter watch mode and start the first cycle. */
void watch_start(struct tui *t)
{
	t->watching = true;
	t->watch_cycles = 0;
	t->nwrows = 0;
	tui_status(t, false, _("Watching: a run every %d s. +/-: change, "
		   "Esc: stop"), t->watch_sec);
	tui_show(t, &view_watch);
	if (!t->running && !tui_start_run(t))
		watch_stop(t);
}

/* Leave watch mode; a cycle at work finishes into the results. */
void watch_stop(struct tui *t)
{
	t->watching = false;
	loop_timer_cancel(t->loop, t->watch_timer);
	t->watch_timer = NULL;
	tui_status(t, false, "%s", _("Watch stopped"));
	tui_show(t, t->running ? &view_progress : &view_results);
}

/* Glyph and colour for a history letter. */
static const char *glyph(char c, enum scr_role *role)
{
	bool u = scr_utf8();

	switch (c) {
	case 'k': *role = SR_OK; return u ? "▁" : ".";
	case 'w': *role = SR_WARN; return u ? "▄" : "o";
	case 'f': *role = SR_FAIL; return u ? "█" : "X";
	case 'e': *role = SR_FAIL; return u ? "▒" : "E";
	default: *role = SR_DIM; return u ? "·" : " ";
	}
}

/* One sparkline row: id, last status, the history that fits. */
static void watch_draw_row(const struct watch_row *r, int y, int cols)
{
	int w = cols - 28, n = r->n < WATCH_HISTORY ? r->n : WATCH_HISTORY;
	int first = n > w ? n - w : 0, i;
	enum scr_role role;
	const char *g;
	char last = r->hist[(r->n - 1) % WATCH_HISTORY];
	static const char *const names[] = { "ok", "warn", "fail", "error",
					     "skipped" };
	const char *st = names[last == 'k' ? 0 : last == 'w' ? 1 :
			       last == 'f' ? 2 : last == 'e' ? 3 : 4];

	scr_text(y, 1, 16, SR_NORMAL, r->id, false);
	scr_text(y, 18, 9, status_role(st), status_label(st), false);
	for (i = first; i < n; i++) {
		g = glyph(r->hist[(r->n - n + i) % WATCH_HISTORY], &role);
		scr_text(y, 27 + i - first, 1, role, g, false);
	}
}

/* The header and the timeline. */
static void watch_draw(struct tui *t, int top, int rows, int cols)
{
	char buf[512];
	json_t *c0 = json_array_get(json_object_get(t->report, "causes"), 0);
	int i, y = top + 3;
	long long next = (t->watch_next - loop_clock_ms() + 999) / 1000;

	if (t->running)
		str_printf(buf, sizeof(buf), _("Cycle %d running, every %d s"),
			   t->watch_cycles + 1, t->watch_sec);
	else
		str_printf(buf, sizeof(buf), _("%d cycles, next in %lld s "
			   "(every %d s)"), t->watch_cycles,
			   next > 0 ? next : 0, t->watch_sec);
	scr_text(top, 1, cols - 2, SR_HEAD, buf, false);
	if (c0)
		str_printf(buf, sizeof(buf), _("Last run: %s — %s"),
			   json_string_value(json_object_get(c0, "id")),
			   json_string_value(json_object_get(c0, "title")));
	else
		str_copy(buf, t->report ? _("Last run: no problem found") :
			 "", sizeof(buf));
	scr_text(top + 1, 1, cols - 2, c0 ? SR_FAIL : SR_OK, buf, false);
	for (i = 0; i < t->nwrows && y < top + rows - 1; i++, y++)
		watch_draw_row(&t->wrows[i], y, cols);
	str_printf(buf, sizeof(buf), _("%s ok  %s warning  %s failed  %s "
		   "error  %s skipped; newest on the right"),
		   scr_utf8() ? "▁" : ".", scr_utf8() ? "▄" : "o",
		   scr_utf8() ? "█" : "X", scr_utf8() ? "▒" : "E",
		   scr_utf8() ? "·" : "' '");
	scr_text(top + rows - 1, 1, cols - 2, SR_DIM, buf, false);
}

/* Keys of watch mode. */
static void watch_key(struct tui *t, const struct scr_key *k)
{
	if ((k->fn && k->code == SK_ESC) ||
	    (!k->fn && (k->ch == 'w' || k->ch == 'W'))) {
		watch_stop(t);
	} else if (!k->fn && k->ch == '+' && t->watch_sec < 3600) {
		t->watch_sec++;
	} else if (!k->fn && k->ch == '-' && t->watch_sec > 1) {
		t->watch_sec--;
	} else if (!k->fn && (k->ch == 's' || k->ch == 'S')) {
		save_open(t);
	}
}

const struct view_ops view_watch = {
	.title = N_("Watch"),
	.hints = N_(" +/-:interval  s:save last  Esc/w:stop  ?:help  q:quit"),
	.help = N_("The whole diagnosis runs again every few seconds. Each "
		   "test has a row; each column is one run, the newest on "
		   "the right: a low bar is ok, a half bar a warning, a full "
		   "bar a failure.\n"
		   "Use it while the user retries, or to catch a server that "
		   "fails now and then (restarts, overload).\n"
		   "+ and - change the interval; Esc stops and shows the last "
		   "results."),
	.edits_text = false,
	.draw = watch_draw,
	.key = watch_key,
};
