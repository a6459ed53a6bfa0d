/* cli.c — `sockdoc --report`: no questions, one report, an exit code a
 * script or a monitoring system can act on. */
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "report.h"
#include "run.h"

FILE *cli_open_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0)
		return NULL;
	/* An existing file keeps its mode on O_TRUNC: tighten it. */
	if (fchmod(fd, 0600) < 0 || !(f = fdopen(fd, "w"))) {
		int e = errno;

		close(fd);
		errno = e;
		return NULL;
	}
	return f;
}

int cli_prepare(struct options *opt, struct target *t)
{
	char err[256];

	if (!opt->target) {
		fprintf(stderr, "sockdoc: %s\n%s\n",
			_("which server? Give a TARGET such as smtp://mail.example.com:587"),
			_("Try 'sockdoc --help' for more information."));
		return 2;
	}
	if (target_parse(opt->target, opt->proto, opt->port, opt->tls, t, err,
			 sizeof(err)) < 0) {
		/* GNU order: program, the input at fault, the message. */
		fprintf(stderr, "sockdoc: %s: %s\n", opt->target, err);
		return 2;
	}
	if (!opt->user && t->user[0])
		opt->user = t->user;
	return options_load_password(opt, opt->password_file, t->host);
}

/* Write REPORT in the chosen format to OUT; returns 0 or -1. */
static int write_report(const struct options *opt, json_t *report, FILE *out)
{
	switch (opt->format) {
	case FORMAT_JSON:
		return report_write_json(report, out);
	case FORMAT_NAGIOS:
		return report_write_nagios(report, out);
	default:
		return report_write_text(report, out,
					 opt->color && !opt->output,
					 opt->verbose);
	}
}

int cli_report(struct options *opt)
{
	struct target t;
	json_t *report;
	FILE *out = stdout;
	int rc = cli_prepare(opt, &t);

	if (rc)
		return rc;
	if (opt->output && !(out = cli_open_private(opt->output))) {
		fprintf(stderr, "sockdoc: %s: %s\n", opt->output, strerror(errno));
		return 3;
	}
	if (opt->watch_sec > 0) {
		rc = cli_watch_run(opt, &t, out);
		return out != stdout && fclose(out) != 0 ? 3 : rc;
	}
	report = run_to_report(opt, &t);
	if (!report) {
		fprintf(stderr, "sockdoc: %s\n", _("could not run: out of resources"));
		rc = 3;
	} else {
		rc = opt->format == FORMAT_NAGIOS ? report_nagios_code(report)
						  : report_exit_code(report);
		if (write_report(opt, report, out) < 0) {
			fprintf(stderr, "sockdoc: %s\n", _("cannot write the report"));
			rc = 3;
		}
		json_decref(report);
	}
	if (out != stdout && fclose(out) != 0)
		rc = 3;
	return rc;
}
