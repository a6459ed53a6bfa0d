/* demo.c — `sockdoc demo [FAULT]`: start lab listeners and diagnose them
 * in a child process (its own event loop, as a real server would be: a
 * client library that waits for a QUIT reply must not wait on itself),
 * printing each report under the fault that was injected, then a table of
 * expected against diagnosed causes.  The product at work with no server
 * of the user's. */
#include "config.h"

#include <getopt.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "lab_int.h"
#include "options.h"
#include "report.h"
#include "run.h"
#include "util.h"

#define DEMO_TIMEOUT_MS 2000
#define DEMO_BUDGET_MS 15000
#define DEMO_MAX 16

/* One stop of the tour. */
struct demo_item {
	const char *fault; /* fault spec */
	enum proto proto;  /* protocol served */
};

/* What one stop showed. */
struct demo_result {
	const struct demo_item *item; /* the stop */
	const char *expected;         /* cause id or "none" */
	char diagnosed[64];           /* first cause id, "none", or "error" */
	bool match;                   /* expected == diagnosed */
};

/* The default tour: a healthy server of each kind and quick faults. */
static const struct demo_item tour[] = {
	{ "none", PROTO_SMTP },
	{ "none", PROTO_FTP },
	{ "refused", PROTO_SMTP },
	{ "reset-on-connect", PROTO_FTP },
	{ "busy", PROTO_SMTP },
	{ "policy-reject", PROTO_SMTP },
	{ "garbage", PROTO_SMTP },
	{ "busy", PROTO_IMAP },
	{ "pasv-private", PROTO_FTP },
	{ "active-refused", PROTO_FTP },
};

/* The report's most likely cause, "none" when it found nothing. */
static void first_cause(json_t *report, char *out, size_t size)
{
	json_t *causes = json_object_get(report, "causes");
	json_t *id = json_object_get(json_array_get(causes, 0), "id");

	str_copy(out, json_is_string(id) ? json_string_value(id) : "none",
		 size);
}

/* Options of a demo run: short deadlines, text, no prompts. */
static void demo_options(struct options *opt, bool color)
{
	options_defaults(opt);
	opt->report = true;
	opt->format = FORMAT_TEXT;
	opt->timeout_ms = DEMO_TIMEOUT_MS;
	opt->budget_ms = DEMO_BUDGET_MS;
	opt->color = color;
	/* The lab serves in this process on loopback: never through a proxy
	 * the environment names (ALL_PROXY...). */
	opt->path.proxy = "";
}

/* Diagnose the listener on PORT and print the report; fills RES. */
static void diagnose_one(struct loop *loop, int port, bool color,
			 struct demo_result *res)
{
	struct options opt;
	struct target t;
	char url[64], err[256];
	json_t *report;

	demo_options(&opt, color);
	str_printf(url, sizeof(url), "%s://127.0.0.1:%d",
		   proto_name(res->item->proto), port);
	str_copy(res->diagnosed, "error", sizeof(res->diagnosed));
	if (target_parse(url, PROTO_UNKNOWN, 0, TLS_AUTO, &t, err,
			 sizeof(err)) < 0) {
		printf("%s\n", err);
		return;
	}
	report = run_report_on(loop, &opt, &t);
	if (!report) {
		printf("%s\n", _("The diagnosis could not run."));
		return;
	}
	report_write_text(report, stdout, color, 0);
	first_cause(report, res->diagnosed, sizeof(res->diagnosed));
	json_decref(report);
	res->match = !strcmp(res->expected, res->diagnosed);
}

/* The child: serve ITEM on loopback until the parent ends it; the port
 * goes up the pipe FD (-1 on failure). */
static void serve_child(const struct demo_item *item, int fd)
{
	struct loop *loop;
	struct lab *lab;
	char err[256];
	int port = -1;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	signal(SIGPIPE, SIG_IGN);
	loop = loop_new();
	lab = loop ? lab_new(loop) : NULL;
	if (lab)
		port = lab_add(lab, item->proto, item->fault, NULL, err,
			       sizeof(err));
	if (port < 0)
		fprintf(stderr, "%s\n", lab ? err : "cannot set up the lab");
	if (write(fd, &port, sizeof(port)) != sizeof(port) || port < 0)
		_exit(1);
	close(fd);
	loop_run(loop);
	_exit(0);
}

/* Start ITEM's server in a child; returns its port (or -1) and *PID. */
static int serve(const struct demo_item *item, pid_t *pid)
{
	struct pollfd pfd;
	int fds[2], port = -1;

	if (pipe(fds) < 0)
		return -1;
	fflush(stdout);
	*pid = fork();
	if (*pid == 0) {
		close(fds[0]);
		serve_child(item, fds[1]);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	/* The child binds at once; two seconds is a generous bound. */
	if (*pid > 0 && poll(&pfd, 1, 2000) == 1 &&
	    read(fds[0], &port, sizeof(port)) != sizeof(port))
		port = -1;
	close(fds[0]);
	return port;
}

/* End the child server PID. */
static void stop_server(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

/* Serve ITEM, diagnose it, print heading and report. */
static void demo_one(struct loop *loop, const struct demo_item *item,
		     bool color, struct demo_result *res)
{
	const struct lab_fault *f = lab_fault_find(item->fault);
	pid_t pid = -1;
	int port;

	res->item = item;
	res->expected = f && *lab_fault_cause(f, item->proto) ?
			lab_fault_cause(f, item->proto) : "none";
	printf("\n========================================================\n");
	printf(_("Fault injected: %s (%s) — expected cause: %s\n"),
	       item->fault, proto_name(item->proto), res->expected);
	if (f)
		printf("  %s\n", _(f->desc));
	printf("========================================================\n");
	port = serve(item, &pid);
	if (port < 0) {
		printf("%s\n", _("The lab could not start this fault."));
		str_copy(res->diagnosed, "error", sizeof(res->diagnosed));
	} else {
		diagnose_one(loop, port, color, res);
	}
	stop_server(pid);
	fflush(stdout);
}

/* The closing table: fault, expected, diagnosed, match. */
static void summary(const struct demo_result *res, int n)
{
	int i;

	printf("\n%s\n", _("Summary"));
	printf("%-22s %-5s %-30s %-30s %s\n", _("fault"), _("proto"),
	       _("expected cause"), _("diagnosed cause"), _("match"));
	for (i = 0; i < n; i++)
		printf("%-22s %-5s %-30s %-30s %s\n", res[i].item->fault,
		       proto_name(res[i].item->proto), res[i].expected,
		       res[i].diagnosed, res[i].match ? _("yes") : _("no"));
}

/* Run the stops ITEMS[0..N) on one loop and lab; exit code. */
static int demo_run(const struct demo_item *items, int n)
{
	struct demo_result res[DEMO_MAX];
	struct loop *loop = loop_new();
	bool color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	int i, ok = 0;

	if (!loop) {
		fprintf(stderr, "%s", _("sockdoc demo: cannot set up the event loop\n"));
		return 3;
	}
	signal(SIGPIPE, SIG_IGN);
	memset(res, 0, sizeof(res));
	for (i = 0; i < n && i < DEMO_MAX; i++) {
		demo_one(loop, &items[i], color, &res[i]);
		ok += res[i].match;
	}
	summary(res, i);
	loop_free(loop);
	return ok == i ? 0 : 1;
}

/* Print the usage text on OUT. */
static void usage(FILE *out)
{
	fprintf(out, "%s", _("Usage: sockdoc demo [--protocol smtp|ftp|pop3|imap] [FAULT[:ARG]]\n"
			     "Without FAULT: a tour of a healthy server and a few faults.\n"
			     "`sockdoc lab --list` shows the faults.\n"));
}

/* Entry of `sockdoc demo`: the tour, or the one fault named. */
int demo_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "protocol", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct demo_item one = { NULL, PROTO_UNKNOWN };
	const struct lab_fault *f;
	char err[256];
	long long arg;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+hp:", longopts, NULL)) != -1) {
		if (c == 'p' && (!strcmp(optarg, "smtp") || !strcmp(optarg, "ftp") ||
				 !strcmp(optarg, "pop3") || !strcmp(optarg, "imap"))) {
			one.proto = !strcmp(optarg, "smtp") ? PROTO_SMTP :
				    !strcmp(optarg, "ftp") ? PROTO_FTP :
				    !strcmp(optarg, "pop3") ? PROTO_POP3 : PROTO_IMAP;
		} else if (c == 'h') {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (optind == argc)
		return demo_run(tour, (int)ARRAY_SIZE(tour));
	one.fault = argv[optind];
	f = lab_fault_parse(one.fault, &arg, err, sizeof(err));
	if (!f || optind + 1 < argc) {
		fprintf(stderr, "sockdoc demo: %s\n",
			f ? _("one fault at a time") : err);
		return 2;
	}
	if (one.proto == PROTO_UNKNOWN)
		one.proto = (f->protos & LAB_P_SMTP) ? PROTO_SMTP :
			    (f->protos & LAB_P_FTP) ? PROTO_FTP : PROTO_POP3;
	if (!(f->protos & (1u << one.proto))) {
		fprintf(stderr, _("sockdoc demo: fault '%s' does not apply to %s\n"),
			f->name, proto_name(one.proto));
		return 2;
	}
	return demo_run(&one, 1);
}
