/* options.c — GNU-style command line per interface.md.  Every bad value is
 * a usage error (exit 2) with a message that says what was expected. */
#include "config.h"

#include "options.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "probe.h"
#include "util.h"

void options_defaults(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout_ms = 5000;
	o->budget_ms = 60000;
	o->max_upload = 8LL * 1024 * 1024;
	o->max_connections = 16;
	o->count = 0;
	o->color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
}

/* Print a usage error the GNU way. */
static int usage_error(const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	options_usage_note(msg);
	fprintf(stderr, "sockdoc: %s\n%s\n", msg,
		_("Try 'sockdoc --help' for more information."));
	return 2;
}

static char usage_reason[512]; /* the last usage error, one line */

/* Name the option getopt refused (ARG as typed, cut at '=' so that a
 * mistyped --pasword=... shows no value). */
static void note_bad_option(const char *arg)
{
	char opt[128], msg[300];

	str_copy(opt, arg ? arg : "", sizeof(opt));
	opt[strcspn(opt, "=")] = '\0';
	str_printf(msg, sizeof(msg), "%s: %s",
		   _("unknown option or missing value"), opt);
	options_usage_note(msg);
}

void options_usage_note(const char *msg)
{
	char *nl;

	str_copy(usage_reason, msg ? msg : "", sizeof(usage_reason));
	while ((nl = strpbrk(usage_reason, "\r\n")))
		*nl = ' ';
}

const char *options_usage_reason(void)
{
	return usage_reason;
}

/* The usage error of a bad --trials ARG, naming the registry's tokens. */
static int trials_error(const char *arg)
{
	char tokens[256], msg[512];

	str_printf(msg, sizeof(msg), _("--trials wants %s or all, not '%s'"),
		   registry_trial_tokens(tokens, sizeof(tokens)), arg);
	return usage_error("%s", msg);
}

/* Parse a whole number in [MIN, MAX]. */
static bool parse_int(const char *s, long min, long max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

/* Parse seconds (may be fractional, e.g. 0.5) into milliseconds. */
static bool parse_seconds(const char *s, double max, int *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v > 0) || v > max)
		return false;
	*ms = (int)(v * 1000 + 0.5);
	return *ms > 0;
}

/* True for "ADDR", "ADDR:PORT", "V6", "[V6]" or "[V6]:PORT" with a
 * numeric address and a port from 1 to 65535 (c-ares would take the port
 * modulo 65536: 65589 became 53). */
static bool dns_server_ok(const char *s)
{
	char addr[64];
	const char *port = NULL, *close;
	struct sockaddr_storage ss;
	int v;
	size_t n;

	if (s[0] == '[') {
		close = strchr(s, ']');
		if (!close || (close[1] && close[1] != ':'))
			return false;
		n = (size_t)(close - s - 1);
		port = close[1] ? close + 2 : NULL;
		s++;
	} else if (strchr(s, ':') && strchr(s, ':') == strrchr(s, ':')) {
		n = (size_t)(strchr(s, ':') - s);
		port = strchr(s, ':') + 1;
	} else {
		n = strlen(s);
	}
	if (n >= sizeof(addr))
		return false;
	memcpy(addr, s, n);
	addr[n] = '\0';
	if (!addr_parse(addr, 0, &ss))
		return false;
	return !port || (strspn(port, "0123456789") == strlen(port) &&
			 parse_int(port, 1, 65535, &v));
}

/* Parse "smtp"/"ftp"/"pop3"/"imap"/"tcp". */
static bool parse_proto(const char *s, enum proto *p)
{
	if (!strcasecmp(s, "smtp"))
		*p = PROTO_SMTP;
	else if (!strcasecmp(s, "ftp"))
		*p = PROTO_FTP;
	else if (!strcasecmp(s, "pop3") || !strcasecmp(s, "pop"))
		*p = PROTO_POP3;
	else if (!strcasecmp(s, "imap"))
		*p = PROTO_IMAP;
	else if (!strcasecmp(s, "tcp"))
		*p = PROTO_TCP;
	else
		return false;
	return true;
}

/* Parse --tls values. */
static bool parse_tls(const char *s, enum tls_mode *m)
{
	static const char *const names[] = { "auto", "none", "starttls",
					     "implicit" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcasecmp(s, names[i])) {
			*m = (enum tls_mode)i;
			return true;
		}
	return false;
}

/* Parse --format values. */
static bool parse_format(const char *s, enum report_format *f)
{
	if (!strcmp(s, "text"))
		*f = FORMAT_TEXT;
	else if (!strcmp(s, "json"))
		*f = FORMAT_JSON;
	else if (!strcmp(s, "nagios"))
		*f = FORMAT_NAGIOS;
	else if (!strcmp(s, "openmetrics"))
		*f = FORMAT_OPENMETRICS;
	else
		return false;
	return true;
}

enum {
	OPT_PROTOCOL = 256, OPT_PORT, OPT_TLS, OPT_USER, OPT_PASSWORD_FILE,
	OPT_REPORT, OPT_FORMAT, OPT_TIMEOUT, OPT_BUDGET, OPT_DNS, OPT_TRIALS,
	OPT_MAX_UPLOAD, OPT_UPLOAD_DIR, OPT_MAX_CONN, OPT_MAIL_FROM, OPT_RCPT,
	OPT_SEND_TEST, OPT_WATCH, OPT_COUNT, OPT_TRANSCRIPT, OPT_NO_COLOR,
	OPT_VERSION, OPT_HELP, OPT_THIRD_HOST, OPT_CACERT, OPT_PASSWORD,
	OPT_PROXY, OPT_NOPROXY, OPT_RESOLVE, OPT_CONNECT_TO, OPT_INTERFACE,
	OPT_CERT, OPT_KEY, OPT_SEND_BYTES, OPT_SINK_OK, OPT_PCAP,
	OPT_EHLO
};

static const struct option long_opts[] = {
	{ "protocol", required_argument, NULL, OPT_PROTOCOL },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "tls", required_argument, NULL, OPT_TLS },
	{ "user", required_argument, NULL, OPT_USER },
	{ "password", required_argument, NULL, OPT_PASSWORD },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "budget", required_argument, NULL, OPT_BUDGET },
	{ "dns-server", required_argument, NULL, OPT_DNS },
	{ "trials", required_argument, NULL, OPT_TRIALS },
	{ "max-upload", required_argument, NULL, OPT_MAX_UPLOAD },
	{ "upload-dir", required_argument, NULL, OPT_UPLOAD_DIR },
	{ "send-bytes", required_argument, NULL, OPT_SEND_BYTES },
	{ "sink-ok", no_argument, NULL, OPT_SINK_OK },
	{ "pcap", required_argument, NULL, OPT_PCAP },
	{ "max-connections", required_argument, NULL, OPT_MAX_CONN },
	{ "mail-from", required_argument, NULL, OPT_MAIL_FROM },
	{ "rcpt", required_argument, NULL, OPT_RCPT },
	{ "send-test", no_argument, NULL, OPT_SEND_TEST },
	{ "ehlo", required_argument, NULL, OPT_EHLO },
	{ "watch", required_argument, NULL, OPT_WATCH },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "transcript", required_argument, NULL, OPT_TRANSCRIPT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "allow-third-host", no_argument, NULL, OPT_THIRD_HOST },
	{ "cacert", required_argument, NULL, OPT_CACERT },
	{ "proxy", required_argument, NULL, OPT_PROXY },
	{ "noproxy", required_argument, NULL, OPT_NOPROXY },
	{ "resolve", required_argument, NULL, OPT_RESOLVE },
	{ "connect-to", required_argument, NULL, OPT_CONNECT_TO },
	{ "interface", required_argument, NULL, OPT_INTERFACE },
	{ "cert", required_argument, NULL, OPT_CERT },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 }
};

/* The --help text. */
/* The --trials line of --help and what each trial does to the server,
 * from the registry. */
static void usage_trials(void)
{
	char tokens[256];
	int i;

	printf(_("  --trials LIST          %s or all\n"),
	       registry_trial_tokens(tokens, sizeof(tokens)));
	for (i = 0; probe_trials[i]; i++)
		printf("                         %s: %s\n",
		       probe_trials[i]->trial->token,
		       _(probe_trials[i]->trial->does));
}

/* Where bugs go, and what to attach (--help and --version end with it). */
static void print_bugs(void)
{
	printf("\n");
	printf(_("Report bugs to %s; attach the output of\n"
		 "'sockdoc --report --format json -v TARGET' (it never holds a "
		 "password).\n"), SOCKDOC_BUGS);
}

/* --version the GNU way: name and version, copyright, licence, no
 * warranty, where bugs go. */
static void print_version(void)
{
	printf("sockdoc %s\n", PACKAGE_VERSION);
	printf("%s\n", _("Copyright (C) 2026 the sockdoc authors."));
	printf(_("License: %s.\n"), SOCKDOC_LICENSE);
	printf("%s\n", _("This is free software: you are free to change and "
			 "redistribute it.\nThere is NO WARRANTY, to the extent "
			 "permitted by law."));
	printf("\n");
	printf(_("Bug reports go to %s.\n"), SOCKDOC_BUGS);
}

static void print_help(void)
{
	printf(_("Usage: sockdoc [OPTIONS] [TARGET]\n"
		 "  or:  sockdoc --report [OPTIONS] TARGET\n"
		 "  or:  sockdoc explain [--wizard] CODE-OR-TEXT\n"
		 "  or:  sockdoc lab --list | --protocol smtp|ftp|pop3|imap|tcp --fault NAME\n"
		 "  or:  sockdoc demo [FAULT]\n\n"
		 "Find out why an SMTP, FTP, POP3 or IMAP connection fails, and what to change.\n\n"
		 "TARGET is smtp://host[:port], smtps://host[:port],\n"
		 "submission://host[:port], ftp://[user@]host[:port],\n"
		 "ftps://host[:port], ftpes://host[:port], pop3[s]://host[:port],\n"
		 "imap[s]://host[:port], tcp://host:port (any TCP service),\n"
		 "user@example.com, or host[:port] with --protocol.\n\n"));
	printf(_("  --protocol smtp|ftp|pop3|imap|tcp\n"
		 "                         protocol when TARGET has no scheme\n"
		 "  --port N               port (default by scheme)\n"
		 "  --tls MODE             auto, none, starttls or implicit: what the client uses\n"
		 "  --user NAME            login name (password: SOCKDOC_PASSWORD,\n"
		 "                         --password-file FILE or ~/.netrc; never argv)\n"
		 "  --report               no user interface: print the report and exit\n"
		 "  --format FMT           text, json, nagios or openmetrics (default text)\n"
		 "  -o, --output FILE      write the report to FILE (mode 0600)\n"
		 "  --timeout SEC          limit for each network step (default 5)\n"
		 "  --budget SEC           limit for the whole run (default 60)\n"
		 "  --dns-server ADDR[:PORT]  ask this DNS server instead (repeatable)\n"));
	usage_trials();
	printf(_("  --max-upload SIZE      largest trial upload (default 8M)\n"
		 "  --upload-dir PATH      FTP directory the upload trial may write\n"
		 "  --send-bytes SIZE      tcp:// upload trial: bytes of pattern data to send\n"
		 "  --sink-ok              tcp://: the service reads and discards arbitrary bytes\n"
		 "  --max-connections N    ceiling of the concurrency trial (default 16)\n"
		 "  --mail-from ADDR, --rcpt ADDR  SMTP envelope for the transaction test\n"
		 "  --send-test            really send a small test message\n"
		 "  --ehlo NAME            EHLO/HELO name to send, as your mail client does\n"
		 "                         (default: an address literal like [192.0.2.1])\n"
		 "  --watch SEC --count N  repeat every SEC seconds, N times (0 = forever)\n"
		 "  --transcript FILE      write the protocol exchange (secrets redacted)\n"
		 "  --pcap FILE            capture this run's packets (needs CAP_NET_RAW;\n"
		 "                         payloads cut when a password is set)\n"
		 "  --cacert FILE          also trust the CA certificates in FILE\n"
		 "  --allow-third-host     follow a PASV reply that names another host\n"
		 "  -x, --proxy URL        connect through this proxy (socks4://, socks4a://,\n"
		 "                         socks5://, socks5h://, http://); also ALL_PROXY,\n"
		 "                         smtp_proxy, ftp_proxy...; \"\" for none\n"
		 "  --noproxy LIST         names that go direct (also NO_PROXY)\n"
		 "  --resolve HOST:PORT:ADDR  connect to ADDR for HOST:PORT (the name stays\n"
		 "                         for TLS and EHLO)\n"
		 "  --connect-to HOST:PORT:HOST2:PORT2  connect to HOST2:PORT2 instead\n"
		 "  --interface NAME|ADDR  connect from this interface or source address\n"
		 "  -4, -6                 use only IPv4 / only IPv6 addresses\n"
		 "  --cert FILE, --key FILE  client certificate and key for TLS (the key's\n"
		 "                         passphrase: SOCKDOC_KEY_PASSWORD)\n"
		 "  -v, --verbose          more detail in the text report\n"
		 "  --no-color             no colour (also NO_COLOR)\n"
		 "  --help, --version      this text; the version\n\n"
		 "Exit status: 0 no problem found, 1 problems found, 2 usage error,\n"
		 "3 could not run.\n"));
	print_bugs();
}

/* Apply options that take a number; returns 0 or 2. */
static int apply_number(struct options *o, int c, const char *arg)
{
	switch (c) {
	case OPT_PORT:
		if (!parse_int(arg, 1, 65535, &o->port))
			return usage_error(_("--port wants a number from 1 to 65535, not '%s'"), arg);
		return 0;
	case OPT_TIMEOUT:
		if (!parse_seconds(arg, 3600, &o->timeout_ms))
			return usage_error(_("--timeout wants seconds greater than 0 (at most 3600), not '%s'"), arg);
		return 0;
	case OPT_BUDGET:
		if (!parse_seconds(arg, 86400, &o->budget_ms))
			return usage_error(_("--budget wants seconds greater than 0, not '%s'"), arg);
		return 0;
	case OPT_MAX_UPLOAD:
		if (!parse_size(arg, &o->max_upload) || o->max_upload < 1)
			return usage_error(_("--max-upload wants a size like 700K or 8M, not '%s'"), arg);
		return 0;
	case OPT_SEND_BYTES:
		if (!parse_size(arg, &o->send_bytes) || o->send_bytes < 1)
			return usage_error(_("--send-bytes wants a size like 700K or 8M, not '%s'"), arg);
		return 0;
	case OPT_MAX_CONN:
		if (!parse_int(arg, 1, OPT_MAX_CONNECTIONS, &o->max_connections))
			return usage_error(_("--max-connections wants a number from 1 to 256 (the most sessions the concurrency trial holds), not '%s'"), arg);
		return 0;
	case OPT_WATCH:
		if (!parse_int(arg, 1, 86400, &o->watch_sec))
			return usage_error(_("--watch wants seconds from 1 to 86400, not '%s'"), arg);
		return 0;
	case OPT_COUNT:
		if (!parse_int(arg, 0, 1000000, &o->count))
			return usage_error(_("--count wants a whole number (0 = until stopped), not '%s'"), arg);
		return 0;
	}
	return -1;
}

/* Apply options that choose among words; returns 0, 2, or -1 if not one. */
static int apply_choice(struct options *o, int c, const char *arg)
{
	switch (c) {
	case OPT_PROTOCOL:
		if (!parse_proto(arg, &o->proto))
			return usage_error(_("--protocol wants smtp, ftp, pop3, imap or tcp, not '%s'"), arg);
		return 0;
	case OPT_TLS:
		if (!parse_tls(arg, &o->tls))
			return usage_error(_("--tls wants auto, none, starttls or implicit, not '%s'"), arg);
		return 0;
	case OPT_FORMAT:
		if (!parse_format(arg, &o->format))
			return usage_error(_("--format wants text, json, nagios or openmetrics, not '%s'"), arg);
		return 0;
	case OPT_TRIALS:
		if (!registry_parse_trials(arg, &o->trials))
			return trials_error(arg);
		return 0;
	case OPT_DNS:
		if (!dns_server_ok(arg))
			return usage_error(_("--dns-server wants an IP address and maybe a port from 1 to 65535 (127.0.0.1:5353, [::1]:53), not '%s'"), arg);
		if (o->ndns >= OPT_MAX_DNS)
			return usage_error(_("at most 4 --dns-server options, '%s' is one too many"), arg);
		o->dns_servers[o->ndns++] = arg;
		return 0;
	}
	return apply_number(o, c, arg);
}

/* The one message for what getopt refused: ARGV[OPTIND - 1] is the word
 * (opterr is off, so getopt printed nothing itself). */
static int bad_option(int argc, char **argv)
{
	const char *w = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
	char buf[64];
	size_t i;

	if (optopt && strchr("ox", optopt))
		return usage_error(_("option '-%s' needs a value"),
				   (snprintf(buf, sizeof(buf), "%c", optopt),
				    buf));
	for (i = 0; long_opts[i].name; i++)
		if (!strncmp(w, "--", 2) &&
		    !strcmp(w + 2, long_opts[i].name) &&
		    long_opts[i].has_arg == required_argument)
			return usage_error(_("option '%s' needs a value"), w);
	if (optopt && strncmp(w, "--", 2)) {
		snprintf(buf, sizeof(buf), "-%c", optopt);
		return usage_error(_("unknown option '%s'"), buf);
	}
	return usage_error(_("unknown option '%s'"), w);
}

/* True for a LABEL of LEN bytes of a domain (RFC 5321 4.1.2 sub-domain:
 * letters, digits, inner hyphens, 1..63 bytes). */
static bool label_valid(const char *label, size_t len)
{
	size_t i;

	if (len < 1 || len > 63 || label[0] == '-' || label[len - 1] == '-')
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)label[i]) && label[i] != '-')
			return false;
	return true;
}

/* True for an EHLO argument RFC 5321 4.1.4 allows: a domain or an address
 * literal "[192.0.2.1]" / "[IPv6:2001:db8::1]". */
static bool ehlo_name_valid(const char *s)
{
	size_t n = strlen(s);
	unsigned char tmp[16];
	char lit[64];
	const char *dot;

	if (n >= 2 && s[0] == '[' && s[n - 1] == ']' && n - 2 < sizeof(lit)) {
		memcpy(lit, s + 1, n - 2);
		lit[n - 2] = '\0';
		if (!strncasecmp(lit, "IPv6:", 5))
			return inet_pton(AF_INET6, lit + 5, tmp) == 1;
		return inet_pton(AF_INET, lit, tmp) == 1;
	}
	if (n < 1 || n > 255)
		return false;
	while ((dot = strchr(s, '.'))) {
		if (!label_valid(s, (size_t)(dot - s)))
			return false;
		s = dot + 1;
	}
	return label_valid(s, strlen(s));
}

/* Warn (curl takes it, so we do) when the proxy URL on the command line
 * holds a password, which every user of the machine can read there. */
static void proxy_password_warning(const char *url)
{
	const char *host = strstr(url, "://");
	const char *at = strrchr(url, '@');

	host = host ? host + 3 : url;
	if (at && at > host && memchr(host, ':', (size_t)(at - host)))
		fprintf(stderr, "sockdoc: %s\n", _("warning: the proxy's password on the command line is visible to every user of this machine; put the URL in ALL_PROXY (or smtp_proxy, ftp_proxy...) instead"));
}

/* Apply a connection-path option (netpath_opts.h); returns 0, 2, or -1
 * if C is not one. */
static int apply_path(struct options *o, int c, const char *arg)
{
	static const char *const names[] = { "--proxy", "--noproxy",
		"--resolve", "--connect-to", "--interface", "--cert", "--key" };
	struct netpath_opts *po = &o->path;
	const char *why;

	if (c == '4' || c == '6') {
		o->family = c - '0';
		return 0;
	}
	if (c == 'x')
		c = OPT_PROXY;
	if (c < OPT_PROXY || c > OPT_KEY)
		return -1;
	if ((why = netpath_check(names[c - OPT_PROXY], arg)))
		return usage_error("%s", why);
	switch (c) {
	case OPT_PROXY:
		po->proxy = arg;
		proxy_password_warning(arg);
		break;
	case OPT_NOPROXY: po->noproxy = arg; break;
	case OPT_INTERFACE: po->iface = arg; break;
	case OPT_CERT: po->cert = arg; break;
	case OPT_KEY: po->key = arg; break;
	case OPT_RESOLVE: case OPT_CONNECT_TO: {
		const char **list = c == OPT_RESOLVE ? po->resolve : po->connect_to;
		int *n = c == OPT_RESOLVE ? &po->nresolve : &po->nconnect_to;

		if (*n >= NP_MAX_OVERRIDES)
			return usage_error(_("at most 8 of each --resolve and --connect-to, '%s' is one too many"), arg);
		list[(*n)++] = arg;
		break;
	}
	}
	return 0;
}

/* Apply one option; returns 0 to go on, 1 after --help/--version, 2 on
 * a usage error. */
static int apply_option(struct options *o, int c, const char *arg)
{
	switch (c) {
	case OPT_USER:
		/* An empty name asks for no login: say so, never run. */
		if (!*arg)
			return usage_error("%s", _("--user wants a login name, not an empty one (leave --user out for no login)"));
		o->user = arg;
		return 0;
	case OPT_PASSWORD_FILE: o->password_file = arg; return 0;
	case OPT_REPORT: o->report = true; return 0;
	case 'o': o->output = arg; return 0;
	case OPT_UPLOAD_DIR: o->upload_dir = arg; return 0;
	case OPT_MAIL_FROM: o->mail_from = arg; return 0;
	case OPT_RCPT: o->rcpt = arg; return 0;
	case OPT_SEND_TEST: o->send_test = true; return 0;
	case OPT_SINK_OK: o->sink_ok = true; return 0;
	case OPT_EHLO:
		if (!ehlo_name_valid(arg))
			return usage_error(_("--ehlo wants a host name (best a fully-qualified one like mail.example.org) or an address literal like [192.0.2.1] or [IPv6:2001:db8::1], not '%s'"), arg);
		o->ehlo = arg;
		return 0;
	case OPT_TRANSCRIPT: o->transcript = arg; return 0;
	case OPT_PCAP: o->pcap = arg; return 0;
	case 'v': o->verbose++; return 0;
	case OPT_NO_COLOR: o->color = false; return 0;
	case OPT_THIRD_HOST: o->allow_third_host = true; return 0;
	case OPT_CACERT: o->cacert = arg; return 0;
	case OPT_PASSWORD:
		return usage_error(_("%s: a password on the command line is visible to every user of this machine; use SOCKDOC_PASSWORD, --password-file or ~/.netrc"), "--password");
	case OPT_HELP: print_help(); return 1;
	case OPT_VERSION:
		print_version();
		return 1;
	default: {
		int r = apply_path(o, c, arg);

		if (r < 0)
			r = apply_choice(o, c, arg);

		return r < 0 ? usage_error("%s", _("unknown option")) : r;
	}
	}
}

int options_parse(struct options *o, int argc, char **argv)
{
	const char *count = NULL;
	int c, r;

	optind = 1;
	opterr = 0; /* one message of ours, not getopt's and ours */
	while ((c = getopt_long(argc, argv, "o:vx:46", long_opts, NULL)) != -1) {
		if (c == '?')
			return bad_option(argc, argv);
		r = apply_option(o, c, optarg);
		if (r == 2 && c == '?' && optind > 0 && optind <= argc)
			note_bad_option(argv[optind - 1]);
		if (r)
			return r;
		if (c == OPT_COUNT)
			count = optarg;
	}
	if (count && o->watch_sec <= 0)
		return usage_error(_("--count %s repeats nothing without --watch SEC"), count);
	if (optind < argc)
		o->target = argv[optind++];
	if (optind < argc)
		return usage_error(_("one TARGET only; '%s' is extra (quote a host with spaces)"), argv[optind]);
	if (o->format != FORMAT_TEXT)
		o->report = true;
	if (o->path.key && !o->path.cert)
		return usage_error(_("%s: a key without --cert FILE is no client certificate"), o->path.key);
	return 0;
}

#define PASSWORD_LINE_MAX 1024 /* a longer first line is no password */

/* Read the first line of the password file PATH into *OUT (a new string).
 * Returns NULL, or a translated reason the file cannot be a password
 * file: not a regular file, empty, a first line too long to be one. */
static const char *read_first_line(const char *path, char **out)
{
	char buf[PASSWORD_LINE_MAX + 1], *nl;
	const char *why = NULL;
	struct stat st;
	FILE *f = fopen(path, "re");

	*out = NULL;
	if (!f)
		return strerror(errno);
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode))
		why = _("not a regular file");
	else if (!fgets(buf, sizeof(buf), f) || !buf[0] || buf[0] == '\n' ||
		 buf[0] == '\r')
		why = _("empty: the first line must hold the password");
	else if (!strpbrk(buf, "\r\n") && !feof(f) && fgetc(f) != EOF)
		why = _("the first line is longer than 1024 bytes: not a password file?");
	fclose(f);
	if (!why) {
		nl = strpbrk(buf, "\r\n");
		if (nl)
			*nl = '\0';
		if (!(*out = strdup(buf)))
			why = strerror(ENOMEM);
	}
	explicit_bzero(buf, sizeof(buf));
	return why;
}

/* Warn (like curl and ftp) when the ~/.netrc at PATH, open as F, that
 * gave a password is readable or writable by others. */
static void netrc_check_mode(FILE *f, const char *path)
{
	struct stat st;

	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077))
		fprintf(stderr, _("sockdoc: warning: %s holds a password and "
			"other users can read it (mode %04o): chmod 600 %s\n"),
			path, (unsigned)(st.st_mode & 07777), path);
}

/* Look HOST up in ~/.netrc ("machine H login U password P"). */
static char *netrc_password(const char *host, const char **user)
{
	char path[4096], tok[512], *pw = NULL;
	const char *home = getenv("HOME");
	bool match = false;
	FILE *f;

	if (!home || !host)
		return NULL;
	str_printf(path, sizeof(path), "%s/.netrc", home);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	while (!pw && fscanf(f, "%511s", tok) == 1) {
		if (!strcmp(tok, "machine") && fscanf(f, "%511s", tok) == 1)
			match = !strcasecmp(tok, host);
		else if (!strcmp(tok, "default"))
			match = true;
		else if (match && !strcmp(tok, "login") &&
			 fscanf(f, "%511s", tok) == 1 && !*user) {
			static char login[256]; /* lives as long as options */

			str_copy(login, tok, sizeof(login));
			*user = login;
		}
		else if (match && !strcmp(tok, "password") &&
			 fscanf(f, "%511s", tok) == 1)
			pw = strdup(tok);
	}
	explicit_bzero(tok, sizeof(tok));
	if (pw)
		netrc_check_mode(f, path);
	fclose(f);
	return pw;
}

int options_load_password(struct options *o, const char *password_file,
			  const char *host)
{
	const char *env = getenv("SOCKDOC_PASSWORD");

	if (password_file) {
		const char *why = read_first_line(password_file, &o->password);

		if (why) {
			char msg[512];

			snprintf(msg, sizeof(msg), "--password-file %s: %s",
				 password_file, why);
			options_usage_note(msg);
			fprintf(stderr, "sockdoc: %s\n", msg);
			return 2;
		}
	} else if (env) {
		o->password = strdup(env);
	} else {
		o->password = netrc_password(host, &o->user);
	}
	return 0;
}

void options_free(struct options *o)
{
	if (o->password) {
		explicit_bzero(o->password, strlen(o->password));
		free(o->password);
		o->password = NULL;
	}
}
