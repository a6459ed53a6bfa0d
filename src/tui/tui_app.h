/* app.h — the wizard's state shared by its views (menu, paste, settings,
 * progress, results, detail, save, watch, help) and the hooks they call
 * on the core (tui.c).  Each view is a constant ops table; tui.c never
 * switches on which view is shown. */
#ifndef SOCKDOC_TUI_APP_H
#define SOCKDOC_TUI_APP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "tui_form.h"
#include "loop.h"
#include "options.h"
#include "run.h"
#include "tui_screen.h"
#include "watch.h"

struct tui;

/* One screen of the wizard. */
struct view_ops {
	const char *title;  /* N_() title for the top bar */
	const char *hints;  /* N_() key hints for the bottom bar */
	const char *help;   /* N_() help text, lines split on '\n' */
	bool edits_text;    /* 'q' and '?' are text here, not commands */
	/* Draw the body: rows TOP..TOP+ROWS-1, COLS wide. */
	void (*draw)(struct tui *t, int top, int rows, int cols);
	/* Handle a key the frame did not take. */
	void (*key)(struct tui *t, const struct scr_key *k);
	/* Translated hints for what has the focus now; NULL (or a NULL
	 * hook) for HINTS. */
	const char *(*focus_hints)(struct tui *t);
};

extern const struct view_ops view_menu, view_paste, view_settings,
	view_progress, view_results, view_detail, view_save, view_watch;

/* Settings form fields, in screen order (SF_FROM: the address the mail
 * client sends from, SMTP only).  SF_TRIAL + i is the check box of
 * probe_trials[i] (the registry); unused ones stay hidden.  SF_ADV
 * shows the connection path fields (proxy, source, family, client
 * certificate: netpath_opts.h), hidden until it is ticked. */
enum {
	SF_PROTO = 0, SF_PRESET, SF_HOST, SF_PORT, SF_TLS, SF_USER, SF_PASS,
	SF_FROM, SF_MODE, SF_TRIAL, SF_ADV = SF_TRIAL + PROBE_MAX_TRIALS,
	SF_PROXY, SF_IFACE, SF_FAMILY, SF_CERT, SF_KEY, SF_RUN, SF_COUNT
};

/* Client whose field names the settings form uses. */
enum preset { PRESET_GENERIC = 0, PRESET_OUTLOOK, PRESET_THUNDERBIRD,
	      PRESET_FILEZILLA, PRESET_COUNT };

/* Lines of the detail view. */
struct detail {
	char **lines;  /* logical lines (wrapped when drawn), owned */
	int n;         /* used */
	int cap;       /* allocated */
	int scroll;    /* first wrapped row shown */
	char title[256]; /* what is shown */
};

/* The whole wizard. */
struct tui {
	struct loop *loop;            /* the one event loop */
	const struct options *base;   /* the caller's options */
	struct options opt;           /* options of the current run */
	const struct view_ops *view;  /* shown view */
	bool help;                    /* help overlay on top of the view */
	bool quit;                    /* leave the loop */
	int signal;                   /* SIGINT/SIGTERM/SIGHUP/SIGQUIT (or
					 Ctrl-C typed: SIGINT) that ended the
					 wizard; exit 128 + it.  0: a normal
					 quit (F10, q) */
	bool dirty;                   /* screen must be redrawn */
	struct loop_timer *redraw;    /* pending rate-limited redraw */
	struct loop_timer *tick;      /* 200 ms clock while a run is live */
	int64_t last_draw;            /* when the screen was last drawn */
	char status[256];             /* one-line message at the bottom */
	bool status_err;              /* the message is an error */

	struct field sfields[SF_COUNT]; /* settings */
	struct form settings;         /* form over sfields */
	char paste[4096];             /* pasted message */
	char paste_note[512];         /* what was read from the paste */

	struct run run;               /* current or last run */
	bool run_init;                /* run holds resources */
	bool running;                 /* the chain is at work */
	bool cancelled;               /* the user stopped it */
	struct loop_timer *finish;    /* deferred end-of-run handling */
	json_t *report;               /* report of the last finished run */
	int sel;                      /* results: selected row */
	int scroll;                   /* results/progress: first row */

	struct detail detail;         /* detail view contents */
	struct field save_fields[3];  /* save dialog: path, format, button */
	struct form save_form;        /* form over save_fields */
	bool save_overwrite;          /* next save may replace the file */

	bool watching;                /* watch mode on */
	int watch_sec;                /* seconds between rounds */
	struct watch *watch;          /* the watch engine, NULL when off */
	json_t *watch_diag;           /* the watch's diagnosis so far */
	struct loop_timer *watch_tick; /* countdown redraw */
};

/* Switch to view V and redraw. */
void tui_show(struct tui *t, const struct view_ops *v);
/* Ask for a redraw (rate-limited). */
void tui_dirty(struct tui *t);
/* Put MSG in the status line (ERR: shown as an error). */
void tui_status(struct tui *t, bool err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Start the chain with the settings form's values; false (with a status
 * message) when the settings are not usable. */
bool tui_start_run(struct tui *t);
/* Stop the run at work (the user cancelled). */
void tui_cancel_run(struct tui *t);
/* Leave the wizard. */
void tui_quit(struct tui *t);

/* settings.c: fill the form fields once; apply the preset's names. */
void settings_init(struct tui *t);
void settings_apply_preset(struct tui *t);
/* The protocol field's choice for PROTO (SMTP 0, FTP 1, POP3 2, IMAP 3:
 * the enum's order), and back; unknown is SMTP. */
int settings_proto_choice(enum proto proto);
enum proto settings_choice_proto(int choice);
/* Turn the settings into t->opt and a parsed target; false with a
 * translated message in ERR when they are not usable. */
bool settings_to_run(struct tui *t, struct target *tg, char *err,
		     size_t size);
/* Pre-fill from a parsed target. */
void settings_from_target(struct tui *t, const struct target *tg);

/* paste.c: read server, port, security, protocol from pasted text into
 * the settings; NOTE gets a translated summary of what was found. */
void paste_extract(struct tui *t, const char *text, char *note,
		   size_t size);

/* detail.c: fill the detail view for the selected cause or probe. */
void detail_cause(struct tui *t, json_t *cause);
void detail_probe(struct tui *t, json_t *probe);
void detail_free(struct detail *d);

/* tui_watch.c: start watch mode (the engine of src/watch on our loop);
 * stop it (the final report comes into the results); release it. */
void tui_watch_start(struct tui *t);
void tui_watch_stop(struct tui *t);
void tui_watch_free(struct tui *t);

/* save.c: prepare the dialog with a default file name. */
void save_open(struct tui *t);

/* Shared drawing helpers (draw.c). */
enum scr_role status_role(const char *status);
const char *status_label(const char *status);
const char *confidence_label(const char *conf);
enum scr_role confidence_role(const char *conf);
/* Draw text lines from MSG split on '\n', wrapped, starting at TOP. */
int draw_paragraph(int top, int x, int w, int max_rows, enum scr_role role,
		   const char *msg);

#endif
