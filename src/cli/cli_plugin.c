/* cli_plugin.c — sockdoc as a monitoring plugin: installed as
 * check_sockdoc (or `sockdoc check`), it takes the options of check_smtp
 * and check_ftp (-H -p -t -w -c -D -4 -6 -S -v) so a Nagios or Icinga
 * command line can swap one for the other, and follows the Monitoring
 * Plugins Development Guidelines: states 0..3, usage and internal errors
 * are 3 UNKNOWN, one status line with perfdata, then long output. */
#include "config.h"

#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "netpath.h"
#include "monitor.h"
#include "util.h"

enum {
	PL_SSL = 256, PL_TLS, PL_PASSWORD_FILE, PL_DNS, PL_CACERT, PL_BUDGET
};

static const struct option plugin_opts[] = {
	{ "hostname", required_argument, NULL, 'H' },
	{ "port", required_argument, NULL, 'p' },
	{ "protocol", required_argument, NULL, 'P' },
	{ "timeout", required_argument, NULL, 't' },
	{ "warning", required_argument, NULL, 'w' },
	{ "critical", required_argument, NULL, 'c' },
	{ "certificate", required_argument, NULL, 'D' },
	{ "use-ipv4", no_argument, NULL, '4' },
	{ "use-ipv6", no_argument, NULL, '6' },
	{ "starttls", no_argument, NULL, 'S' },
	{ "ssl", no_argument, NULL, PL_SSL },
	{ "tls", required_argument, NULL, PL_TLS },
	{ "authuser", required_argument, NULL, 'U' },
	{ "user", required_argument, NULL, 'U' },
	{ "password-file", required_argument, NULL, PL_PASSWORD_FILE },
	{ "dns-server", required_argument, NULL, PL_DNS },
	{ "cacert", required_argument, NULL, PL_CACERT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* What the command line asked for, before it becomes options. */
struct plugin_args {
	const char *host;      /* -H */
	double timeout;        /* -t seconds (check_smtp's default: 10) */
	bool starttls;         /* -S: STARTTLS (smtp), implicit TLS (ftp) */
	bool ssl;              /* --ssl: implicit TLS */
	bool tls_given;        /* --tls MODE */
};

/* A bad proxy in the environment (netpath.h) is a usage error here too:
 * UNKNOWN with the reason, never a silent direct run. */
static bool plugin_path_bad(const struct options *o, const struct target *t,
			    char *err, size_t size)
{
	struct netpath np;
	int rc = netpath_setup(&np, o, t, err, size);

	explicit_bzero(&np, sizeof(np));
	return rc < 0;
}

/* A usage error: the guidelines' UNKNOWN, the status line and the usage
 * line, both on stdout (Icinga 2 merges stderr into the output, ahead of
 * the status line, so nothing goes there). */
static int plugin_usage(const char *fmt, const char *arg)
{
	printf("SOCKDOC UNKNOWN - ");
	printf(fmt, arg);
	printf("\n");
	printf("%s\n", _("Usage: check_sockdoc -H HOST [-p PORT] "
		"[-P PROTOCOL] [-S] [-t SEC] [-w RANGE] [-c RANGE] "
		"[-D WARN[,CRIT]] [-4] [-6] [-v]; --help for more"));
	return MON_UNKNOWN;
}

/* --help: the plugin's options (docs/monitoring.md has the mapping). */
static void plugin_help(void)
{
	printf(_("Usage: check_sockdoc -H HOST [-p PORT] [-P PROTOCOL] [-S] "
		 "[-t SEC]\n"
		 "         [-w RANGE] [-c RANGE] [-D WARN[,CRIT]] [-4] [-6] "
		 "[-v]\n\n"
		 "Checks an SMTP or FTP server like check_smtp/check_ftp and "
		 "prints the\n"
		 "diagnosis of what is wrong as long output.\n\n"));
	printf(_(" -H, --hostname HOST    server name or address\n"
		 " -p, --port N           port (default 25 for smtp, 21 for "
		 "ftp)\n"
		 " -P, --protocol P       smtp or ftp (default: ftp on port 21 "
		 "or 990, else smtp)\n"
		 " -S, --starttls         smtp: STARTTLS; ftp: implicit TLS "
		 "(as check_ftp -S)\n"
		 "     --ssl              implicit TLS (smtps, ftps)\n"
		 "     --tls MODE         auto, none, starttls or implicit\n"
		 " -t, --timeout SEC      the whole check (default 10)\n"
		 " -w, --warning RANGE    response time in seconds: WARNING "
		 "outside RANGE\n"
		 " -c, --critical RANGE   the same for CRITICAL\n"
		 " -D, --certificate W[,C]  WARNING under W days of certificate "
		 "validity,\n"
		 "                        CRITICAL under C (default: expired)\n"
		 " -4, -6                 IPv4 or IPv6 addresses only\n"
		 " -U, --authuser NAME    login name (password: SOCKDOC_PASSWORD "
		 "or\n"
		 "                        --password-file FILE; never argv)\n"
		 "     --dns-server ADDR  ask this DNS server instead\n"
		 "     --cacert FILE      also trust the CA certificates in "
		 "FILE\n"
		 " -v, --verbose          a line per probe after the causes\n"
		 " -h, --help; -V, --version\n\n"
		 "RANGE: 10, 10:, ~:10, 10:20 or @10:20 (Monitoring Plugins "
		 "Development\n"
		 "Guidelines).  States: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN "
		 "(also\n"
		 "usage errors).\n"));
}

/* -t: seconds in (0, 3600], with a '.' whatever the locale. */
static bool parse_timeout(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = mon_c_locale() ? strtod_l(s, &end, mon_c_locale())
			      : strtod(s, &end);
	return !errno && end != s && !*end && *out > 0 && *out <= 3600;
}

/* -p: 1..65535. */
static bool parse_port(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 65535)
		return false;
	*out = (int)v;
	return true;
}

/* -P: smtp or ftp.  check_smtp's -P is a password: say why not. */
static int apply_protocol(struct options *o, const char *arg)
{
	if (!strcasecmp(arg, "smtp"))
		o->proto = PROTO_SMTP;
	else if (!strcasecmp(arg, "ftp"))
		o->proto = PROTO_FTP;
	else
		return plugin_usage(_("-P is the protocol here (smtp or ftp), "
			"not '%s'; a password never goes on the command line: "
			"use SOCKDOC_PASSWORD or --password-file"), arg);
	return 0;
}

/* --tls MODE. */
static int apply_tls(struct options *o, const char *arg)
{
	static const char *const names[] = { "auto", "none", "starttls",
					     "implicit" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcasecmp(arg, names[i])) {
			o->tls = (enum tls_mode)i;
			return 0;
		}
	return plugin_usage(_("--tls wants auto, none, starttls or implicit, "
			      "not '%s'"), arg);
}

/* Options that take a value to check; returns 0, 3, or -1 if not one. */
static int apply_value(struct options *o, struct plugin_args *a, int c,
		       const char *arg)
{
	switch (c) {
	case 'p':
		return parse_port(arg, &o->port) ? 0 : plugin_usage(
			_("-p wants a port from 1 to 65535, not '%s'"), arg);
	case 't':
		return parse_timeout(arg, &a->timeout) ? 0 : plugin_usage(
			_("-t wants seconds greater than 0 (at most 3600), not "
			  "'%s'"), arg);
	case 'w':
		return mon_range_parse(arg, &o->limits.warn) ? 0 : plugin_usage(
			_("-w wants a range like 2, 2:, ~:2, 1:2 or @1:2, not "
			  "'%s'"), arg);
	case 'c':
		return mon_range_parse(arg, &o->limits.crit) ? 0 : plugin_usage(
			_("-c wants a range like 5, 5:, ~:5, 1:5 or @1:5, not "
			  "'%s'"), arg);
	case 'D':
		return mon_cert_days_parse(arg, &o->limits) ? 0 : plugin_usage(
			_("-D wants days as WARN or WARN,CRIT (CRIT at most "
			  "WARN), not '%s'"), arg);
	case 'P':
		return apply_protocol(o, arg);
	case PL_TLS:
		a->tls_given = true;
		return apply_tls(o, arg);
	}
	return -1;
}

/* One option; returns 0 to go on, 1 after --help/--version, 3 on a usage
 * error.  Like check_smtp, --help and --version end in 3 (UNKNOWN) too. */
static int apply(struct options *o, struct plugin_args *a, int c,
		 const char *arg)
{
	switch (c) {
	case 'H': a->host = arg; return 0;
	case '4': o->family = 4; return 0;
	case '6': o->family = 6; return 0;
	case 'S': a->starttls = true; return 0;
	case PL_SSL: a->ssl = true; return 0;
	case 'U':
		if (!*arg)
			return plugin_usage("%s", _("--user wants a login name, not an empty one (leave --user out for no login)"));
		o->user = arg;
		return 0;
	case 'v': o->verbose++; return 0;
	case PL_PASSWORD_FILE: o->password_file = arg; return 0;
	case PL_CACERT: o->cacert = arg; return 0;
	case PL_DNS:
		if (o->ndns >= OPT_MAX_DNS)
			return plugin_usage(_("at most 4 --dns-server options, "
					      "'%s' is one too many"), arg);
		o->dns_servers[o->ndns++] = arg;
		return 0;
	case 'h': plugin_help(); return 1;
	case 'V': printf("check_sockdoc (sockdoc %s)\n", PACKAGE_VERSION);
		return 1;
	case '?': return plugin_usage("%s",
				      _("unknown option or missing value"));
	}
	c = apply_value(o, a, c, arg);
	return c < 0 ? plugin_usage("%s", _("unknown option")) : c;
}

/* -4/-6 with an address of the other family: check_smtp's usage error. */
static bool family_mismatch(const struct options *o, const char *host)
{
	unsigned char buf[sizeof(struct in6_addr)];

	if (o->family == 4)
		return inet_pton(AF_INET6, host, buf) == 1;
	if (o->family == 6)
		return inet_pton(AF_INET, host, buf) == 1;
	return false;
}

/* Protocol, TLS mode, deadlines and target from what was given. */
static int settle(struct options *o, const struct plugin_args *a,
		  char *target, size_t size)
{
	if (!a->host || !*a->host)
		return plugin_usage("%s", _("-H HOST is required"));
	if (family_mismatch(o, a->host))
		return plugin_usage(_("%s is not an address of the family -4/-6 "
				      "asks for"), a->host);
	if (!o->proto)
		o->proto = o->port == 21 || o->port == 990 ? PROTO_FTP
							   : PROTO_SMTP;
	if (!a->tls_given && a->ssl)
		o->tls = TLS_IMPLICIT;
	else if (!a->tls_given && a->starttls)
		o->tls = o->proto == PROTO_FTP ? TLS_IMPLICIT : TLS_STARTTLS;
	/* -t bounds the whole check; each network step gets a quarter, so
	 * that a probe that must wait out one step (an FTP data channel
	 * that never opens) still leaves time for the others. */
	o->budget_ms = (int)(a->timeout * 1000) - 200;
	if (o->budget_ms < 500)
		o->budget_ms = 500;
	o->timeout_ms = (int)(a->timeout * 250);
	if (o->timeout_ms < 250)
		o->timeout_ms = 250;
	if (strchr(a->host, ':') && a->host[0] != '[')
		str_printf(target, size, "[%s]", a->host);
	else
		str_copy(target, a->host, size);
	o->target = target;
	return 0;
}

int cli_plugin_main(int argc, char **argv)
{
	struct plugin_args a = { .timeout = 10 };
	struct options o;
	struct target t;
	char target[300], err[256];
	int c, r;

	options_defaults(&o);
	o.report = true;
	o.color = false;
	o.format = FORMAT_NAGIOS;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "H:p:P:t:w:c:D:46SU:vhV",
				plugin_opts, NULL)) != -1)
		if ((r = apply(&o, &a, c, optarg)))
			return MON_UNKNOWN;
	if (optind < argc)
		return plugin_usage(_("no arguments besides options; '%s' is "
				      "extra (use -H HOST)"), argv[optind]);
	if (settle(&o, &a, target, sizeof(target)))
		return MON_UNKNOWN;
	if (target_parse(o.target, o.proto, o.port, o.tls, &t, err,
			 sizeof(err)) < 0)
		return plugin_usage("%s", err);
	if (plugin_path_bad(&o, &t, err, sizeof(err)))
		return plugin_usage("%s", err);
	if (cli_prepare(&o, &t)) {
		cli_nagios_usage();	/* the reason, e.g. the password file */
		options_free(&o);
		return MON_UNKNOWN;
	}
	r = cli_report_target(&o, &t);
	options_free(&o);
	return r >= MON_OK && r <= MON_UNKNOWN ? r : MON_UNKNOWN;
}

bool cli_argv_nagios(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--format=nagios") ||
		    (!strcmp(argv[i], "--format") && i + 1 < argc &&
		     !strcmp(argv[i + 1], "nagios")))
			return true;
	}
	return false;
}
