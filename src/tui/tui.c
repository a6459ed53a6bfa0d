/* tui.c — the wizard's frame: the terminal, signals and keyboard on the
 * one event loop, rate-limited redraws, and the run's life (start, live
 * progress, cancel, report).  The views draw the body. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "tui_app.h"
#include "i18n.h"
#include "report.h"
#include "tui_text.h"
#include "tui.h"
#include "util.h"

#define REDRAW_MIN_MS 50
#define TICK_MS 200

static int sig_fd = -1;     /* signalfd for WINCH, INT, TERM, HUP */
static sigset_t sig_old;    /* mask to restore */

static void draw_help_overlay(struct tui *t, int rows, int cols);

/* Restore the terminal whatever way the process ends. */
static void restore_at_exit(void)
{
	scr_close();
}

/* Draw the top bar, the body, the status and hint bars. */
static void draw_frame(struct tui *t)
{
	int rows, cols, body;
	char buf[256];
	const char *help, *hints;

	scr_size(&rows, &cols);
	scr_clear();
	scr_cursor(-1, -1);
	str_printf(buf, sizeof(buf), " sockdoc — %s", _(t->view->title));
	scr_text(0, 0, cols, SR_TITLE, buf, true);
	/* Where '?' is text (a field being typed in), help is F1. */
	help = t->view->edits_text ? _("F1:help") : _("?:help");
	scr_text(0, cols - text_width(help), cols, SR_TITLE, help, false);
	body = rows - 3;
	if (body > 0)
		t->view->draw(t, 1, body, cols);
	scr_text(rows - 2, 0, cols, t->status_err ? SR_FAIL : SR_DIM,
		 t->status, true);
	hints = t->view->focus_hints ? t->view->focus_hints(t) : NULL;
	scr_text(rows - 1, 0, cols, SR_KEY, hints ? hints : _(t->view->hints),
		 true);
	if (t->help)
		draw_help_overlay(t, rows, cols);
}

/* The help box over the view. */
static void draw_help_overlay(struct tui *t, int rows, int cols)
{
	int h = rows - 4, w = cols - 8;

	if (h < 4 || w < 20)
		return;
	scr_cursor(-1, -1);
	for (int y = 0; y < h; y++)
		scr_fill(2 + y, 4, w, SR_NORMAL);
	scr_box(2, 4, h, w, SR_HEAD);
	scr_text(2, 6, w - 4, SR_HEAD, _(" Help "), false);
	draw_paragraph(3, 6, w - 4, h - 3, SR_NORMAL, _(t->view->help));
	scr_text(2 + h - 1, 6, w - 4, SR_DIM,
		 _(" any key: back to the wizard "), false);
}

/* Draw now. */
static void redraw_now(struct tui *t)
{
	int rows, cols;

	t->dirty = false;
	t->last_draw = loop_clock_ms();
	scr_size(&rows, &cols);
	if (rows < 10 || cols < 40) {
		scr_clear();
		scr_text(0, 0, cols, SR_FAIL, _("Terminal too small"), true);
	} else {
		draw_frame(t);
	}
	scr_flush();
}

/* Timer: the rate-limited redraw is due. */
static void redraw_due(void *arg)
{
	struct tui *t = arg;

	t->redraw = NULL;
	if (!t->quit)
		redraw_now(t);
}

/* Schedule a redraw at most every REDRAW_MIN_MS. */
void tui_dirty(struct tui *t)
{
	int64_t wait;

	t->dirty = true;
	if (t->redraw)
		return;
	wait = REDRAW_MIN_MS - (loop_clock_ms() - t->last_draw);
	if (wait < 0)
		wait = 0;
	t->redraw = loop_timer_add(t->loop, wait, redraw_due, t);
}

/* Show another view. */
void tui_show(struct tui *t, const struct view_ops *v)
{
	t->view = v;
	t->help = false;
	tui_dirty(t);
}

/* Set the status line. */
void tui_status(struct tui *t, bool err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	str_vprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
	t->status_err = err;
	tui_dirty(t);
}

/* Leave: stop what runs, the main loop ends after this iteration. */
void tui_quit(struct tui *t)
{
	if (t->running)
		run_abort(&t->run, _("the user quit"));
	t->running = false;
	t->quit = true;
}

/* Clock while a run is live or watch mode counts down: elapsed times. */
static void tick_due(void *arg)
{
	struct tui *t = arg;

	t->tick = NULL;
	if (!t->running && !t->watching)
		return;
	tui_dirty(t);
	t->tick = loop_timer_add(t->loop, TICK_MS, tick_due, t);
}

/* Deferred: the run finished; build the report and show it. */
static void run_finished(void *arg)
{
	struct tui *t = arg;

	t->finish = NULL;
	if (!t->running || t->quit)
		return;
	t->running = false;
	json_decref(t->report);
	t->report = report_build(&t->run);
	t->sel = 0;
	t->scroll = 0;
	if (t->cancelled)
		tui_status(t, true, "%s", _("Run cancelled; unfinished tests are "
			   "marked error. r: run again"));
	else
		tui_status(t, false, "%s", _("Done. Enter: open a line, "
			   "s: save the report, w: watch mode"));
	tui_show(t, &view_results);
}

/* Run callback: a probe changed state. */
static void on_progress(struct run *run, struct probe *p, void *arg)
{
	(void)run;
	(void)p;
	tui_dirty(arg);
}

/* Run callback: all done; handled outside the run's own call stack. */
static void on_done(struct run *run, void *arg)
{
	struct tui *t = arg;

	(void)run;
	if (!t->finish)
		t->finish = loop_timer_add(t->loop, 0, run_finished, t);
}

/* Start the chain with the settings. */
bool tui_start_run(struct tui *t)
{
	struct target tg;
	char err[256];

	if (t->running)
		return false;
	if (!settings_to_run(t, &tg, err, sizeof(err))) {
		tui_status(t, true, "%s", err);
		return false;
	}
	if (t->run_init) {
		run_free(&t->run);
		t->run_init = false;
	}
	if (run_init(&t->run, t->loop, &t->opt, &tg) != 0) {
		tui_status(t, true, "%s", _("Could not prepare the run"));
		return false;
	}
	t->run_init = true;
	t->run.on_progress = on_progress;
	t->run.on_done = on_done;
	t->run.cb_arg = t;
	t->running = true;
	t->cancelled = false;
	if (!t->tick)
		t->tick = loop_timer_add(t->loop, TICK_MS, tick_due, t);
	if (!t->watching) {
		t->scroll = 0;
		tui_status(t, false, "%s", _("Running. c or Esc: cancel"));
		tui_show(t, &view_progress);
	}
	run_start(&t->run);
	return true;
}

/* The user stopped the run. */
void tui_cancel_run(struct tui *t)
{
	if (!t->running)
		return;
	t->cancelled = true;
	run_abort(&t->run, _("cancelled by the user"));
	if (!t->finish)
		t->finish = loop_timer_add(t->loop, 0, run_finished, t);
}

/* Keys every view shares: help, quit. True when taken. */
static bool frame_key(struct tui *t, const struct scr_key *k)
{
	bool text = t->view->edits_text;

	if (t->help) {
		t->help = false;
		return true;
	}
	if ((k->fn && k->code == SK_F1) || (!text && !k->fn && k->ch == '?')) {
		t->help = true;
		return true;
	}
	if (!k->fn && k->ch == 3) { /* Ctrl-C as a key (raw terminal) */
		t->signal = SIGINT;
		tui_quit(t);
		return true;
	}
	if ((k->fn && k->code == SK_F10) ||
	    (!text && !k->fn && (k->ch == 'q' || k->ch == 'Q'))) {
		tui_quit(t);
		return true;
	}
	return false;
}

/* Keyboard readable: take every key typed. */
static void on_keys(int fd, unsigned events, void *arg)
{
	struct tui *t = arg;
	struct scr_key k;
	int n = 0;

	(void)fd;
	while (!t->quit && scr_key(&k)) {
		n++;
		if (k.fn && k.code == SK_RESIZE)
			scr_resize();
		else if (!frame_key(t, &k))
			t->view->key(t, &k);
		tui_dirty(t);
	}
	if (n == 0 && (events & LOOP_ERR))
		tui_quit(t); /* the terminal went away */
}

/* Signals arrive as readable data on the loop. */
static void on_signal(int fd, unsigned events, void *arg)
{
	struct tui *t = arg;
	struct signalfd_siginfo si;

	(void)events;
	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGWINCH) {
			scr_resize();
			tui_dirty(t);
		} else {
			if (!t->signal)
				t->signal = (int)si.ssi_signo;
			tui_quit(t);
		}
	}
}

/* Route window size changes and Ctrl-C through a signalfd. */
static int signals_setup(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	if (sigprocmask(SIG_BLOCK, &set, &sig_old) != 0)
		return -1;
	sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return sig_fd < 0 ? -1 : 0;
}

/* Undo signals_setup. */
static void signals_restore(void)
{
	if (sig_fd >= 0)
		close(sig_fd);
	sig_fd = -1;
	sigprocmask(SIG_SETMASK, &sig_old, NULL);
}

/* Whether colour is wanted: --no-color and NO_COLOR turn it off. */
static bool want_color(const struct options *opt)
{
	const char *nc = getenv("NO_COLOR");

	return opt->color && !(nc && *nc);
}

/* Pre-fill from TARGET on the command line and start at once. */
static void start_from_argv(struct tui *t, const char *input)
{
	struct target tg;
	char err[256];

	if (target_parse(input, t->base->proto, t->base->port, t->base->tls,
			 &tg, err, sizeof(err)) != 0) {
		field_set(&t->sfields[SF_HOST], input);
		tui_status(t, true, "%s", err);
		tui_show(t, &view_settings);
		return;
	}
	settings_from_target(t, &tg);
	tui_show(t, &view_settings);
	if (t->base->watch_sec > 0)
		tui_watch_start(t); /* sockdoc --watch SEC TARGET: the timeline */
	else
		tui_start_run(t);
}

/* Release every timer, the run and the screen. */
static void teardown(struct tui *t)
{
	loop_timer_cancel(t->loop, t->redraw);
	loop_timer_cancel(t->loop, t->tick);
	loop_timer_cancel(t->loop, t->finish);
	tui_watch_free(t);
	loop_unwatch(t->loop, STDIN_FILENO);
	if (sig_fd >= 0)
		loop_unwatch(t->loop, sig_fd);
	if (t->running)
		run_abort(&t->run, "quit");
	if (t->run_init)
		run_free(&t->run);
	scr_close();
	signals_restore();
	field_wipe(&t->sfields[SF_PASS]);
	detail_free(&t->detail);
	json_decref(t->report);
	loop_free(t->loop);
}

/* The password from SOCKDOC_PASSWORD, --password-file or ~/.netrc (for
 * TARGET's host), as the report mode loads it; 0 or 2 (bad file). */
static int load_password(struct options *opt)
{
	struct target tg;
	char err[256];
	const char *host = "";

	if (opt->password)
		return 0;
	if (opt->target && target_parse(opt->target, opt->proto, opt->port,
					opt->tls, &tg, err, sizeof(err)) == 0)
		host = tg.host;
	return options_load_password(opt, opt->password_file, host);
}

/* The wizard. */
int tui_main(struct options *opt)
{
	struct tui *t;
	int code;

	if (load_password(opt) != 0)
		return 2;
	t = calloc(1, sizeof(*t));
	if (!t || !(t->loop = loop_new())) {
		free(t);
		return 3;
	}
	t->base = opt;
	t->opt = *opt;
	t->watch_sec = opt->watch_sec > 0 ? opt->watch_sec : 10;
	settings_init(t);
	if (signals_setup() != 0 || scr_open(want_color(opt)) != 0) {
		signals_restore();
		loop_free(t->loop);
		free(t);
		return 3;
	}
	atexit(restore_at_exit);
	loop_watch(t->loop, STDIN_FILENO, LOOP_IN, on_keys, t);
	loop_watch(t->loop, sig_fd, LOOP_IN, on_signal, t);
	t->view = &view_menu;
	tui_status(t, false, "%s", _("Choose what fails and press Enter"));
	if (opt->target)
		start_from_argv(t, opt->target);
	redraw_now(t);
	while (!t->quit)
		loop_run_once(t->loop, -1);
	/* Interrupted: the shell's 128 + signal (130 for Ctrl-C), never the
	 * verdict of a run the user did not let finish. */
	code = t->signal ? 128 + t->signal
			 : t->report ? report_exit_code(t->report) : 0;
	teardown(t);
	free(t);
	return code;
}
