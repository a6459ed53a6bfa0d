/* report.h — the report is one JSON tree in the contract's format
 * (interface.md); every writer (text, JSON, nagios, TUI) reads only it. */
#ifndef SOCKDOC_REPORT_H
#define SOCKDOC_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

struct run;
struct mon_limits;

/* Findings of a run: {"target": ..., "probes": [...]}, the diagnosis input. */
json_t *report_findings(struct run *run);
/* Build the full report of a finished run (runs the diagnosis). */
json_t *report_build(struct run *run);

/* "ok" / "problems" / "inconclusive" / "interrupted" of a report. */
const char *report_verdict(json_t *report);
/* Exit code for REPORT in the non-nagios formats (0, 1, or 3; 128 +
 * signal for "interrupted": 130 for SIGINT, 143 for SIGTERM). */
int report_exit_code(json_t *report);
/* Exit code for nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
int report_nagios_code(json_t *report);

/* Questions RUN did not ask for lack of input, most telling first:
 * [{"probe": id or "trials", "question": text, "answer": what would
 * answer it, and for a user named without a password "reason":
 * "no_password" and "depends": [the skipped probes that need that
 * login]}] (translated; report_unasked.c). */
json_t *report_not_asked(struct run *run);
/* How many entries of REPORT's "not_asked" are questions about this
 * server (the unticked trials are not counted). */
size_t report_questions_unasked(json_t *report);
/* True when REPORT's "not_asked" holds a login not tried because a user
 * was named without a password (reason "no_password"); *PROBE (may be
 * NULL) gets that login probe's id.  The monitoring state is UNKNOWN
 * then: sockdoc could not observe what it was asked to check. */
bool report_password_missing(json_t *report, const char **probe);
/* False for a skipped probe a person need not see: one of the other
 * protocol, or a trial nobody asked for. */
bool report_probe_shown(json_t *report, json_t *probe);
/* Protocol probe ID belongs to ("smtp", "ftp", "pop3/imap", "tcp"),
 * NULL when it serves every one. */
const char *report_probe_proto(const char *id);
/* True when a probe of protocol OWN (report_probe_proto) serves a target
 * of protocol PROTO (proto_name); NULL on either side: true. */
bool report_proto_serves(const char *own, const char *proto);
/* Writers; each returns 0 or -1 on an output error. */
int report_write_json(json_t *report, FILE *out);
int report_write_text(json_t *report, FILE *out, bool color, int verbose);
int report_write_nagios(json_t *report, FILE *out);
/* The plugin output (status line, perfdata, long output) under limits L
 * (-w/-c/-D, NULL: none); probe lines too when VERBOSE.  Stores the state
 * (0..3) in *STATE when not NULL. */
int report_write_plugin(json_t *report, const struct mon_limits *l,
			int verbose, FILE *out, int *state);
/* The figures as OpenMetrics text for node_exporter's textfile collector,
 * ending in "# EOF"; NOW is the Unix time of the run's end. */
int report_write_openmetrics(json_t *report, FILE *out, long long now);

#endif
