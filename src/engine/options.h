/* options.h — the command line, parsed and validated (interface.md). */
#ifndef SOCKDOC_OPTIONS_H
#define SOCKDOC_OPTIONS_H

#include <stdbool.h>
#include "monitor.h"
#include "netpath_opts.h"
#include "target.h"

/* Report formats for --format. */
enum report_format { FORMAT_TEXT = 0, FORMAT_JSON, FORMAT_NAGIOS,
		     FORMAT_OPENMETRICS };

#define OPT_MAX_DNS 4
/* Most sessions the concurrency trial holds at once (--max-connections):
 * each is a socket and a poll entry, and a server limit higher than this
 * is not what breaks a mail or FTP client. */
#define OPT_MAX_CONNECTIONS 256

/* Everything the user chose; defaults per interface.md. */
struct options {
	const char *target;          /* TARGET argument, NULL if none */
	enum proto proto;            /* --protocol, PROTO_UNKNOWN if absent */
	int port;                    /* --port, 0 if absent */
	enum tls_mode tls;           /* --tls */
	const char *user;            /* --user */
	char *password;              /* from SOCKDOC_PASSWORD/file/netrc; never argv */
	bool report;                 /* --report (or stdout not a terminal) */
	enum report_format format;   /* --format */
	const char *output;          /* -o FILE */
	int timeout_ms;              /* --timeout, per network step */
	int budget_ms;               /* --budget, whole run */
	const char *dns_servers[OPT_MAX_DNS]; /* --dns-server, repeatable */
	int ndns;                    /* used entries */
	unsigned trials;             /* trial bits (registry_trial_bit) */
	long long max_upload;        /* --max-upload in bytes */
	const char *upload_dir;      /* --upload-dir */
	long long send_bytes;        /* --send-bytes: tcp:// sink upload size,
					0 = --max-upload */
	bool sink_ok;                /* --sink-ok: the tcp:// service reads
					and discards arbitrary bytes */
	int max_connections;         /* --max-connections */
	const char *mail_from;       /* --mail-from */
	const char *rcpt;            /* --rcpt */
	bool send_test;              /* --send-test */
	const char *ehlo;            /* --ehlo NAME (validated), NULL: default */
	int watch_sec;               /* --watch SEC, 0 = off */
	int count;                   /* --count N */
	const char *transcript;      /* --transcript FILE */
	const char *pcap;            /* --pcap FILE: capture (capture.h) */
	int verbose;                 /* -v count */
	bool color;                  /* colour in text output */
	bool allow_third_host;       /* --allow-third-host: follow PASV elsewhere */
	const char *cacert;          /* --cacert FILE: extra trusted CA bundle */
	const char *password_file;   /* --password-file FILE */
	int family;                  /* 4 or 6: only that address family
					(-4/-6); 0: both */
	struct mon_limits limits;    /* plugin -w/-c/-D thresholds */
	struct netpath_opts path;    /* -x, --noproxy, --resolve, --connect-to,
					--interface, --cert, --key */
};

/* Set every field to its documented default. */
void options_defaults(struct options *o);

/* Parse ARGV (after any subcommand).  Returns 0 to run, 1 when --help or
 * --version was printed (exit 0), 2 on a usage error (message printed). */
int options_parse(struct options *o, int argc, char **argv);

/* The last usage error's message (translated, one line, no password:
 * targets are masked before), "" when none: the nagios format puts it on
 * its status line.  options_usage_note() records MSG (printed by the
 * caller on stderr); options_parse's own errors are recorded too. */
void options_usage_note(const char *msg);
const char *options_usage_reason(void);

/* Load the password from SOCKDOC_PASSWORD, --password-file or ~/.netrc
 * for HOST.  Returns 0, or 2 with a message when a named file is bad. */
int options_load_password(struct options *o, const char *password_file,
			  const char *host);

/* Wipe and free the password. */
void options_free(struct options *o);

#endif
