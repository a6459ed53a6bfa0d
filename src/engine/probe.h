/* probe.h — a probe is one node of the chain.  Each file in checks/
 * exports one constant ops table; the registry lists them in chain order.
 * Probes never print: they fill their details (typed evidence as JSON
 * values) and a one-line summary, then call probe_finish(). */
#ifndef SOCKDOC_PROBE_H
#define SOCKDOC_PROBE_H

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "transcript.h"

struct run;
struct probe;
struct loop_timer;

/* Life of a probe; the order matters: terminal states come after RUNNING. */
enum probe_status {
	PROBE_WAITING = 0, /* dependencies not finished yet */
	PROBE_RUNNING,     /* started, not finished */
	PROBE_OK,          /* saw nothing wrong */
	PROBE_WARN,        /* works, but something is off */
	PROBE_FAIL,        /* saw the failure it looks for */
	PROBE_SKIPPED,     /* did not apply (reason in summary) */
	PROBE_ERROR        /* could not do its job (budget, resources) */
};

#define PROBE_MAX_DEPS 4
#define PROBE_MAX_TRIALS 8 /* opt-in trials the registry may hold */

/* JSON type of a details key (what probe_set_* stores). */
enum detail_type {
	DT_JSON = 0, /* any JSON value */
	DT_INT,      /* integer */
	DT_STR,      /* string */
	DT_BOOL,     /* true/false */
	DT_REAL,     /* number (real or integer) */
	DT_OBJECT,   /* object */
	DT_ARRAY     /* array */
};

/* One key a probe may put in its details; tables end with { NULL }. */
struct probe_detail {
	const char *key;        /* details key (interface.md) */
	enum detail_type type;  /* its JSON type */
	const char *unit;       /* "ms", "bytes"...; NULL: none */
	const char *meaning;    /* what it holds (for developers) */
};

/* Flags of a monitoring figure (probe_perf.flags). */
#define PERF_STEP 1u      /* one step of the response time: summed into
			     time=, compared with -w/-c (ICMP never is) */
#define PERF_CERT_DAYS 2u /* certificate days left: compared with -D */

/* One monitoring figure a probe contributes (nagios perfdata, the
 * OpenMetrics series); tables end with { NULL }.  The writers print what
 * the tables say and never name a probe. */
struct probe_perf {
	const char *label;      /* perfdata label, OpenMetrics "step" label */
	const char *key;        /* numeric details key; NULL: the duration */
	const char *unit;       /* nagios unit of the value ("s", "B", "") */
	double scale;           /* details value * scale = value in unit;
				   0: 1 (a duration is ms, printed in s) */
	unsigned flags;         /* PERF_* */
	const char *meaning;    /* what it measures (OpenMetrics HELP) */
};

/* What an opt-in trial is, for --trials, --help and the wizard. */
struct probe_trial {
	const char *token;      /* --trials token ("upload") */
	const char *label;      /* N_() wizard check box label */
	const char *does;       /* N_() what it does to the server */
};

/* The constant description of a probe kind: everything about it. */
struct probe_ops {
	const char *id;                       /* stable id (interface.md) */
	const char *deps[PROBE_MAX_DEPS];     /* data it reads: must finish */
	/* Trials that must not overlap with this one: run after these finish
	 * (no data read from them; absent or skipped ones count as done). */
	const char *after[PROBE_MAX_DEPS];
	/* Decide, once the deps finished, whether to run.  On false, write a
	 * translated reason into REASON (shown as the skipped summary). */
	bool (*applies)(struct probe *p, char *reason, size_t size);
	/* Begin the work; the probe ends with probe_finish() (maybe at once). */
	void (*start)(struct probe *p);
	/* Release what the probe holds besides its state memory (timers,
	 * watched sockets); NULL when the state's destructor does it all.
	 * Called once, after finish or when the run's budget stops the
	 * probe, before the state's destructor. */
	void (*cleanup)(struct probe *p);
	/* N_() one line: what the probe tells apart (sockdoc explain). */
	const char *tells_apart;
	/* Set for an opt-in trial (--trials), NULL for a probe that always
	 * runs; its bit in options.trials is registry_trial_bit(). */
	const struct probe_trial *trial;
	const struct probe_perf *perf;        /* monitoring figures, or NULL */
	const struct probe_detail *details;   /* every details key, or NULL */
	/* Probes a running probe that parked (probe_park) waits for: once
	 * all are done the chain calls resume(P) from a fresh loop turn.
	 * For work that can begin before them but must end after them
	 * (ftp.tls: its TLS logins beside the data probes, its protected
	 * listing in the data mode they found working). */
	const char *resume_after[PROBE_MAX_DEPS];
	void (*resume)(struct probe *p);
	/* Optional: called while P runs and every other probe is done, so P
	 * alone holds the run.  P may finish now (maybe after a short grace
	 * timer) when nothing it can still learn would change the diagnosis,
	 * or keep running.  May be called more than once. */
	void (*settle)(struct probe *p);
	/* Optional speculative start, for a probe whose deps may spend the
	 * whole --timeout only to find nothing (reach on a dropped port):
	 * asked while P waits and every dep has started.  Returns 0 to start
	 * P now, on the guess that the deps will not change what P does;
	 * N > 0 to be asked again in N ms; -1 for never (P then starts as
	 * usual once its deps are done).  P started so is "early" (see
	 * struct probe): when its deps are done the chain asks applies()
	 * (false: P's work is dropped, P ends skipped with the reason), then
	 * confirm().  The start gets no applies() call before. */
	int (*early)(struct probe *p);
	/* With early: P started early, its deps are now done and applies()
	 * said yes.  P may have finished already (its state is then gone),
	 * or still run: it may finish now.  Returns true to keep what P did;
	 * false has the chain drop it (cleanup, details cleared) and start
	 * P again from the beginning.  NULL: always keep. */
	bool (*confirm)(struct probe *p);
};

/* One probe instance inside a run. */
struct probe {
	const struct probe_ops *ops; /* what kind */
	struct run *run;             /* the run it belongs to */
	enum probe_status status;    /* where it is */
	int64_t started_ms;          /* relative to the run's start */
	int64_t duration_ms;         /* set at finish */
	char summary[512];           /* translated one-liner */
	json_t *details;             /* evidence, always an object */
	void *state;                 /* probe-private (probe_state_new); the
				      * chain destroys and frees it */
	void (*state_dtor)(void *state); /* its destructor, NULL for none */
	bool cleaned;                /* cleanup already ran */
	bool parked;                 /* running, waiting for the probes of
				      * ops->resume_after (probe_park) */
	/* Speculative start (ops->early): P began before its deps were
	 * done and is not confirmed yet; while set, P counts as not done
	 * for its dependents and the end of the run, even if finished. */
	bool early;
	/* Waiting (ownload_wait) to try a step again alone, since this loop
	 * time + 1; 0: not waiting.  Such a probe holds no connection; the
	 * earliest waiter goes first (ownload.c). */
	int64_t own_wait_since;
	bool early_never;            /* ops->early said never */
	struct loop_timer *early_timer; /* when to ask ops->early again */
};

/* Allocate P's private state: SIZE bytes, zeroed, owned by the chain.
 * After finish (or when the budget stops P) the chain runs ops->cleanup,
 * then DTOR(state) when not NULL, then frees the memory: DTOR releases
 * what the state holds (curl handles, connections), never the state
 * itself.  Returns the state, NULL when out of memory (P has none). */
void *probe_state_new(struct probe *p, size_t size, void (*dtor)(void *state));

/* Finish P with STATUS and a printf-style summary (already translated
 * format); schedules dependents.  Calling it twice is a no-op. */
void probe_finish(struct probe *p, enum probe_status status, const char *fmt,
		  ...) __attribute__((format(printf, 3, 4)));

/* P (running, with ops->resume) waits until every probe of its
 * ops->resume_after is done; then the chain calls ops->resume(P). */
void probe_park(struct probe *p);

/* Token for a status ("ok", "warn"...); "waiting"/"running" for live ones. */
const char *probe_status_name(enum probe_status s);
/* True once the probe is done (any terminal state). */
bool probe_done(const struct probe *p);

/* Milliseconds since the run started. */
int64_t probe_elapsed(const struct probe *p);

/* Convenience setters for details. */
void probe_set_int(struct probe *p, const char *key, long long v);
void probe_set_str(struct probe *p, const char *key, const char *v);
void probe_set_bool(struct probe *p, const char *key, bool v);
void probe_set_real(struct probe *p, const char *key, double v);
/* Store untrusted server text: bounded and sanitized first. */
void probe_set_text(struct probe *p, const char *key, const char *v,
		    size_t len);

/* Record LEN bytes of protocol exchange for P in the run's transcript. */
void probe_transcript(struct probe *p, enum ts_dir dir, const char *data,
		      size_t len);
/* Record a printf-style event line (connect, reset, timeout) for P. */
void probe_info(struct probe *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The registry: every probe kind in chain order, NULL-terminated. */
extern const struct probe_ops *const probe_registry[];
/* The opt-in trials in the order people see them (--help, wizard),
 * NULL-terminated; a trial's bit in options.trials is 1 << its index. */
extern const struct probe_ops *const probe_trials[];

/* Kind with id ID, NULL when unknown. */
const struct probe_ops *registry_find(const char *id);
/* Bit of trial OPS in options.trials; 0 for a probe that always runs. */
unsigned registry_trial_bit(const struct probe_ops *ops);
/* Bits of every trial ("--trials all"). */
unsigned registry_trials_all(void);
/* Parse a comma list of trial tokens ("all", "none", any case) and OR
 * their bits into *OUT; false on an unknown token or a list too long. */
bool registry_parse_trials(const char *s, unsigned *out);
/* "upload, idle, concurrency, halfclose" into BUF (tokens, ", "). */
const char *registry_trial_tokens(char *buf, size_t size);
/* Verify P's details against its table when SOCKDOC_CHECK_DETAILS=1 (or
 * a --enable-debug build): an undeclared key or a wrong JSON type is
 * printed on stderr and aborts. */
void registry_check_details(const struct probe *p);

#endif
