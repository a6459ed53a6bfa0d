/* cli.h — the non-interactive front end: parse, run, write, exit code. */
#ifndef SOCKDOC_CLI_H
#define SOCKDOC_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "loop.h"
#include "options.h"
#include "target.h"

/* Run the chain for OPT->target and write the report as OPT asks.
 * Returns the process exit code of interface.md. */
int cli_report(struct options *opt);

/* The same for a target cli_prepare already parsed. */
int cli_report_target(struct options *opt, const struct target *t);

/* cli_plugin.c: the monitoring plugin (`check_sockdoc`, `sockdoc check`)
 * with the options of check_smtp/check_ftp (-H -p -t -w -c -D -4 -6 -S
 * -v).  Returns the plugin state 0..3; usage errors are 3 (UNKNOWN). */
int cli_plugin_main(int argc, char **argv);
/* True when ARGV asks for --format nagios (a usage error is then 3). */
bool cli_argv_nagios(int argc, char **argv);
/* The nagios status line of a usage error: "SOCKDOC UNKNOWN - <reason>"
 * (options_usage_reason()) on stdout. */
void cli_nagios_usage(void);

/* Parse OPT's target (with --protocol/--port/--tls) into T and load the
 * password.  Returns 0, or 2 after printing a usage message. */
int cli_prepare(struct options *opt, struct target *t);

/* cli_watch.c: `--watch SEC --count N` for T, the timeline and the final
 * report written to OUT (*WRITTEN: it was, so -o may replace the old
 * file).  SIGINT/SIGTERM end it at once (exit 130/143).  Returns the exit
 * code of interface.md. */
int cli_watch_run(struct options *opt, const struct target *t, FILE *out,
		  bool *written);

/* cli_signal.c: block SIGINT and SIGTERM and read them on LOOP; the
 * first one's number goes to *SIGNO.  Returns the signalfd or -1. */
int cli_signals_catch(struct loop *loop, int *signo);
/* Stop watching FD on LOOP and close it (signals stay blocked). */
void cli_signals_release(struct loop *loop, int fd);

#endif
