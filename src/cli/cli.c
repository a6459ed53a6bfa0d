/* cli.c — `sockdoc --report`: no questions, one report, an exit code a
 * script or a monitoring system can act on. */
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "jsontext.h"
#include "report.h"
#include "run.h"
#include "safefile.h"
#include "util.h"

/* Print a usage error MSG on stderr (with the --help hint when HINT) and
 * keep it for the nagios status line. */
static void usage_msg(const char *msg, bool hint)
{
	options_usage_note(msg);
	fprintf(stderr, "sockdoc: %s\n", msg);
	if (hint)
		fprintf(stderr, "%s\n",
			_("Try 'sockdoc --help' for more information."));
}

/* True (message printed) when the upload trial would send arbitrary
 * bytes to a tcp:// service the user did not vouch for (--sink-ok), or
 * --send-bytes is given for another protocol. */
static bool tcp_upload_refused(const struct options *opt,
			       const struct target *t)
{
	const struct probe_ops *up = registry_find("trial.upload");
	bool upload = up && (opt->trials & registry_trial_bit(up));

	if (t->proto != PROTO_TCP && opt->send_bytes) {
		usage_msg(_("--send-bytes is for tcp:// targets (other protocols: --max-upload)"),
			  false);
		return true;
	}
	if (t->proto != PROTO_TCP || !upload || opt->sink_ok)
		return false;
	usage_msg(_("the upload trial would send arbitrary bytes to this tcp:// service; "
		    "if it reads and discards what it gets, say so with --sink-ok "
		    "(and choose the size with --send-bytes)"), false);
	return true;
}

/* True (message printed) when the upload trial is asked for an SMTP
 * target without what it needs to send its real message (--send-test,
 * --mail-from, --rcpt): a usage error before anything is sent, as for
 * tcp:// without --sink-ok, never a trial silently left out. */
static bool smtp_upload_refused(const struct options *opt,
				const struct target *t)
{
	const struct probe_ops *up = registry_find("trial.upload");
	char msg[512], missing[64] = "";

	if (t->proto != PROTO_SMTP || !up ||
	    !(opt->trials & registry_trial_bit(up)) ||
	    (opt->send_test && opt->mail_from && opt->rcpt))
		return false;
	if (!opt->send_test)
		str_appendf(missing, sizeof(missing), " --send-test");
	if (!opt->mail_from)
		str_appendf(missing, sizeof(missing), " --mail-from");
	if (!opt->rcpt)
		str_appendf(missing, sizeof(missing), " --rcpt");
	str_printf(msg, sizeof(msg), _("the upload trial sends a real message "
		   "through this SMTP server: it needs --send-test, "
		   "--mail-from ADDRESS and --rcpt ADDRESS (missing:%s); or "
		   "leave upload out of --trials (halfclose,concurrency,idle)"),
		   missing);
	usage_msg(msg, false);
	return true;
}

/* True (message printed) when the target is an address of the family
 * -4/-6 excludes: nothing could be tried (check mode says the same). */
static bool family_refused(const struct options *opt, const struct target *t)
{
	bool v6 = strchr(t->host, ':') != NULL;

	if (!t->host_is_ip || !opt->family || opt->family == (v6 ? 6 : 4))
		return false;
	usage_msg(opt->family == 6
		  ? _("-6 asks for IPv6, but the target is an IPv4 address")
		  : _("-4 asks for IPv4, but the target is an IPv6 address"),
		  true);
	return true;
}

/* A proxy from the environment must be usable too: a bad one is a usage
 * error before anything is sent, as with -x. */
static int cli_check_path(const struct options *opt, const struct target *t)
{
	struct netpath np;
	char err[256];
	int rc = netpath_setup(&np, opt, t, err, sizeof(err));

	explicit_bzero(&np, sizeof(np));
	if (rc < 0)
		usage_msg(err, true);
	return rc;
}

int cli_prepare(struct options *opt, struct target *t)
{
	char err[256];

	if (!opt->target) {
		usage_msg(_("which server? Give a TARGET such as smtp://mail.example.com:587"),
			  true);
		return 2;
	}
	if (target_parse(opt->target, opt->proto, opt->port, opt->tls, t, err,
			 sizeof(err)) < 0) {
		/* GNU order: program, the input at fault (sanitized, any
		 * password masked), the message; kept for the nagios line. */
		char msg[1024];

		str_printf(msg, sizeof(msg), "%s: %s", t->input, err);
		usage_msg(msg, false);
		return 2;
	}
	if (tcp_upload_refused(opt, t) || smtp_upload_refused(opt, t) ||
	    family_refused(opt, t))
		return 2;
	if (!opt->user && t->user[0])
		opt->user = t->user;
	if (cli_check_path(opt, t) != 0)
		return 2;
	return options_load_password(opt, opt->password_file, t->host);
}

/* Write REPORT in the chosen format to OUT; returns 0 or -1.  The nagios
 * writer applies the plugin thresholds and stores the state in *STATE. */
static int write_report(const struct options *opt, json_t *report, FILE *out,
			int *state)
{
	switch (opt->format) {
	case FORMAT_JSON:
		return report_write_json(report, out);
	case FORMAT_NAGIOS:
		return report_write_plugin(report, &opt->limits, opt->verbose,
					   out, state);
	case FORMAT_OPENMETRICS:
		return report_write_openmetrics(report, out,
						(long long)time(NULL));
	default:
		return report_write_text(report, out,
					 opt->color && !opt->output,
					 opt->verbose);
	}
}

/* One run, its report written to OUT; *WRITTEN tells whether a report
 * reached OUT (a failed run leaves an old -o file as it was). */
static int report_once(struct options *opt, const struct target *t,
		       FILE *out, bool *written)
{
	struct loop *loop = loop_new();
	json_t *report = NULL;
	int rc, signo = 0, sigfd = -1, state = 3;

	*written = false;
	if (loop) {
		sigfd = cli_signals_catch(loop, &signo);
		report = run_report_until(loop, opt, t, &signo);
		cli_signals_release(loop, sigfd);
		loop_free(loop);
	}
	if (!report) {
		fprintf(stderr, "sockdoc: %s\n", _("could not run: out of resources"));
		/* A monitoring system reads stdout: say UNKNOWN there too. */
		if (opt->format == FORMAT_NAGIOS)
			fprintf(out, "SOCKDOC UNKNOWN - %s\n",
				_("could not run: out of resources"));
		return 3;
	}
	if (json_text_rejected())
		/* A bounded copy let invalid UTF-8 through: the text is in the
		 * report escaped (\xNN), and said here so it gets reported. */
		fprintf(stderr, "sockdoc: %s\n", _("warning: some text was not "
			"valid UTF-8 and is shown escaped (\\xNN) in the "
			"report; please report this as a bug"));
	rc = report_exit_code(report);
	if (write_report(opt, report, out, &state) < 0 || fflush(out) != 0) {
		fprintf(stderr, "sockdoc: %s: %s\n", _("cannot write the report"),
			strerror(errno ? errno : EIO));
		rc = 3;
	} else {
		*written = true;
		/* nagios: the plugin state (thresholds included), unless a
		 * signal cut the run short. */
		if (opt->format == FORMAT_NAGIOS && !signo)
			rc = state;
	}
	json_decref(report);
	return rc;
}

/* Check --transcript and open -o before anything is sent, so a path we
 * will not write ends the run at once.  Returns 0 or 3 (message shown). */
static int open_outputs(const struct options *opt, struct safe_file *sf)
{
	int e;

	sf->dirfd = -1;
	sf->f = NULL;
	if (opt->transcript && (e = safe_file_check(opt->transcript, true)) < 0) {
		fprintf(stderr, "sockdoc: %s: %s\n", opt->transcript,
			safe_file_strerror(e));
		return 3;
	}
	if (opt->output && (e = safe_file_open(sf, opt->output, true)) < 0) {
		fprintf(stderr, "sockdoc: %s: %s\n", opt->output,
			safe_file_strerror(e));
		return 3;
	}
	return 0;
}

/* Put -o in place (or keep the old file when nothing was written) and
 * make sure stdout really took the bytes.  Returns RC or 3. */
static int close_outputs(const struct options *opt, struct safe_file *sf,
			 int rc, bool written)
{
	int e;

	if (!opt->output) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "sockdoc: %s: %s\n",
				_("cannot write the report"),
				strerror(errno ? errno : EIO));
			return 3;
		}
		return rc;
	}
	if (!written) {
		safe_file_abort(sf);
		return rc;
	}
	if ((e = safe_file_commit(sf)) < 0) {
		fprintf(stderr, "sockdoc: %s: %s\n", opt->output,
			safe_file_strerror(e));
		return 3;
	}
	return rc;
}

void cli_nagios_usage(void)
{
	char why[512], *bar;

	str_copy(why, options_usage_reason(), sizeof(why));
	/* '|' starts the perfdata in the plugin format (smtp|ftp|...) */
	while ((bar = strchr(why, '|')))
		*bar = '/';
	printf("SOCKDOC UNKNOWN - %s\n", *why ? why :
	       _("usage error (the message is on stderr)"));
}

int cli_report(struct options *opt)
{
	struct target t;
	int rc = cli_prepare(opt, &t);

	/* nagios: 2 is CRITICAL; a usage error is UNKNOWN (3), with its
	 * reason on the status line (as check mode does). */
	if (rc && opt->format == FORMAT_NAGIOS) {
		cli_nagios_usage();
		return 3;
	}
	return rc ? rc : cli_report_target(opt, &t);
}

int cli_report_target(struct options *opt, const struct target *target)
{
	struct target t = *target;
	struct safe_file sf;
	bool written = true;
	int rc;

	if ((rc = open_outputs(opt, &sf)) != 0)
		return rc;
	errno = 0;
	if (opt->watch_sec > 0)
		rc = cli_watch_run(opt, &t, opt->output ? sf.f : stdout,
				   &written);
	else
		rc = report_once(opt, &t, opt->output ? sf.f : stdout,
				 &written);
	return close_outputs(opt, &sf, rc, written);
}
