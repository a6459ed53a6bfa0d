/* monitor.h — what a monitoring system reads from a report: the figures
 * the probes declare (probe_ops.perf), the thresholds of the Monitoring
 * Plugins Development Guidelines (range syntax "10", "10:", "~:10",
 * "10:20", "@10:20") and the resulting state.  The nagios and OpenMetrics
 * writers share it; neither names a probe. */
#ifndef SOCKDOC_MONITOR_H
#define SOCKDOC_MONITOR_H

#include <jansson.h>
#include <locale.h>
#include <stdbool.h>

/* Plugin states (guidelines, "Plugin Return Codes"). */
enum mon_state { MON_OK = 0, MON_WARNING, MON_CRITICAL, MON_UNKNOWN };

/* A threshold range; a value outside [lo, hi] alerts (inside when
 * INSIDE, the '@' form).  Bounds are inclusive. */
struct mon_range {
	bool set;          /* given on the command line */
	bool lo_inf;       /* "~": no lower bound */
	bool hi_inf;       /* "10:": no upper bound */
	bool inside;       /* "@": alert inside the range */
	double lo, hi;     /* the bounds (lo defaults to 0) */
	char text[48];     /* as given, for perfdata's warn/crit fields */
};

/* The thresholds of a plugin run (-w, -c, -D). */
struct mon_limits {
	struct mon_range warn;      /* -w: response time, seconds */
	struct mon_range crit;      /* -c: response time, seconds */
	struct mon_range cert_warn; /* -D W: certificate days ("W:") */
	struct mon_range cert_crit; /* -D W,C: certificate days ("C:") */
};

#define MON_MAX_FIGURES 32

/* One figure of a report, as declared by its probe. */
struct mon_figure {
	const char *probe;    /* probe id (registry string) */
	const char *label;    /* perfdata label */
	const char *unit;     /* nagios unit: "s", "" */
	const char *meaning;  /* what it measures */
	unsigned flags;       /* PERF_* of probe.h */
	double value;         /* in unit (seconds, days) */
};

/* Every figure of a report plus the derived ones. */
struct mon_figures {
	struct mon_figure f[MON_MAX_FIGURES]; /* in registry order */
	int n;                                /* used entries */
	bool have_time;      /* at least one PERF_STEP figure */
	double time_s;       /* their sum: the response time (no ICMP) */
	bool have_cert;      /* a PERF_CERT_DAYS figure */
	double cert_days;    /* its value (negative: expired) */
};

/* The "C" locale (made once; (locale_t)0 when it cannot be): perfdata,
 * OpenMetrics and the thresholds always use '.' as the decimal point,
 * whatever LC_NUMERIC the user has (ru_RU writes "0,5"). */
locale_t mon_c_locale(void);

/* Parse range TEXT into R; false when it is not the guidelines' syntax. */
bool mon_range_parse(const char *text, struct mon_range *r);
/* True when V alerts against a set range R. */
bool mon_range_alert(const struct mon_range *r, double v);
/* Parse -D "WARN[,CRIT]" days into L's certificate ranges; false when
 * malformed (whole numbers of days, CRIT <= WARN). */
bool mon_cert_days_parse(const char *text, struct mon_limits *l);

/* Collect REPORT's figures into OUT (probes that ran, numeric values). */
void mon_collect(json_t *report, struct mon_figures *out);

/* The state of REPORT under limits L (NULL: none), and the reason of the
 * worst threshold crossing in WHY (translated, "" when none). */
enum mon_state mon_state_of(json_t *report, const struct mon_figures *fig,
			    const struct mon_limits *l, char *why,
			    size_t size);
/* The state of a cause's confidence: high is CRITICAL, else WARNING. */
enum mon_state mon_cause_state(json_t *cause);
/* The state of CAUSE within REPORT: OK for a note that is no fault (an
 * FTP server that refused only sockdoc's anonymous login), else as
 * mon_cause_state. */
enum mon_state mon_cause_state_in(json_t *report, json_t *cause);
/* DAYS cut (not rounded) to one decimal for display: 9.99 days left is
 * "9.9", never "10.0" (check_smtp counts whole days the same way). */
double mon_days_shown(double days);
/* "OK", "WARNING", "CRITICAL", "UNKNOWN" (never translated). */
const char *mon_state_name(enum mon_state s);

#endif
