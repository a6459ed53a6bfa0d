/* cli.c — `sockdoc lab`: list the faults, or serve the chosen faults on
 * loopback (one listener per protocol and fault, one line per listener
 * on stdout) until SIGINT/SIGTERM arrives through a signalfd on the loop. */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "i18n.h"
#include "lab_int.h"
#include "util.h"

#define MAX_SPECS 32

/* What the command line asked for. */
struct lab_args {
	unsigned protos;               /* LAB_P_* bits, 0 = both */
	bool single_proto;             /* exactly one protocol named */
	bool protos_given;             /* --protocol was on the command line */
	const char *specs[MAX_SPECS];  /* fault specs in order */
	int nspecs;                    /* used entries */
	char *spec_copy[MAX_SPECS];    /* strdup'd --fault values */
	int ncopies;                   /* used entries */
	const char *listen;            /* --listen, NULL = 127.0.0.1:0 */
	bool list;                     /* --list */
	const char *format;            /* --format of --list, NULL = text */
};

/* Print the usage text on OUT. */
static void usage(FILE *out)
{
	fprintf(out, "%s", _("Usage: sockdoc lab --list [--format text|tsv|json|markdown]\n"
			     "       sockdoc lab [--protocol smtp|ftp|pop3|imap|tcp[,...]] --fault NAME[:ARG][,NAME...]\n"
			     "                   [--fault ...] [--listen ADDR:PORT]\n"
			     "Serve SMTP/FTP/POP3/IMAP (or a silent tcp sink) with injected faults on loopback until stopped.\n"
			     "One line per listener is printed: PROTOCOL FAULT ADDRESS:PORT.\n"));
}

/* --protocol LIST. */
static bool parse_protos(struct lab_args *a, const char *text)
{
	char buf[32], *tok, *save = NULL;

	str_copy(buf, text, sizeof(buf));
	a->protos = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "smtp"))
			a->protos |= LAB_P_SMTP;
		else if (!strcmp(tok, "ftp"))
			a->protos |= LAB_P_FTP;
		else if (!strcmp(tok, "pop3"))
			a->protos |= LAB_P_POP3;
		else if (!strcmp(tok, "imap"))
			a->protos |= LAB_P_IMAP;
		else if (!strcmp(tok, "tcp"))
			a->protos |= LAB_P_TCP;
		else
			return false;
	}
	a->single_proto = a->protos && !(a->protos & (a->protos - 1));
	return a->protos != 0;
}

/* --fault a,b: split into specs. */
static bool add_specs(struct lab_args *a, const char *text)
{
	char *copy, *tok, *save = NULL;

	if (a->ncopies >= MAX_SPECS || !(copy = strdup(text)))
		return false;
	a->spec_copy[a->ncopies++] = copy;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (a->nspecs >= MAX_SPECS)
			return false;
		a->specs[a->nspecs++] = tok;
	}
	return true;
}

/* Parse ARGV; 0 to serve, 1 done (help/list), 2 usage error. */
static int parse_args(struct lab_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "protocol", required_argument, NULL, 'p' },
		{ "fault", required_argument, NULL, 'f' },
		{ "listen", required_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+hp:f:", longopts, NULL)) != -1) {
		if (c == 'l') {
			a->list = true;
		} else if (c == 'p') {
			a->protos_given = true;
			if (!parse_protos(a, optarg)) {
				fprintf(stderr, _("sockdoc lab: bad protocol '%s'\n"),
					optarg);
				return 2;
			}
		} else if (c == 'f') {
			if (!add_specs(a, optarg)) {
				fprintf(stderr, "%s", _("sockdoc lab: too many faults\n"));
				return 2;
			}
		} else if (c == 'L') {
			a->listen = optarg;
		} else if (c == 'F') {
			a->format = optarg;
		} else if (c == 'h') {
			usage(stdout);
			return 1;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("sockdoc lab: unexpected argument '%s'\n"),
			argv[optind]);
		return 2;
	}
	return 0;
}

/* The listen address of the Nth listener: --listen's port plus N when a
 * fixed port was given, so several faults get consecutive ports. */
static bool listen_for(const char *listen, int n, char *buf, size_t size)
{
	struct sockaddr_storage ss;
	int port;

	if (!listen)
		listen = "127.0.0.1:0";
	if (!lab_parse_listen(listen, &ss))
		return false;
	port = addr_port((struct sockaddr *)&ss);
	if (port && port + n > 65535)
		return false;
	if (port)
		addr_set_port((struct sockaddr *)&ss, port + n);
	addr_port_to_str((struct sockaddr *)&ss, buf, size);
	return true;
}

/* Add one listener and print its line; false on error (message shown). */
static bool serve_one(struct lab *lab, enum proto p, const char *spec,
		      const char *listen, int n)
{
	char addr[80], err[256], shown[80];
	struct sockaddr_storage ss;
	int port;

	if (!listen_for(listen, n, addr, sizeof(addr))) {
		fprintf(stderr, _("sockdoc lab: bad listen address '%s'\n"),
			listen);
		return false;
	}
	port = lab_add(lab, p, spec, addr, err, sizeof(err));
	if (port < 0) {
		fprintf(stderr, "sockdoc lab: %s\n", err);
		return false;
	}
	lab_parse_listen(addr, &ss);
	addr_set_port((struct sockaddr *)&ss, port);
	addr_port_to_str((struct sockaddr *)&ss, shown, sizeof(shown));
	printf("%s %s %s\n", proto_name(p), spec, shown);
	fflush(stdout);
	return true;
}

/* Start every listener asked for; 0, or 2 on a usage error. */
static int serve_all(struct lab *lab, struct lab_args *a)
{
	static const enum proto protos[] = { PROTO_SMTP, PROTO_FTP,
					     PROTO_POP3, PROTO_IMAP, PROTO_TCP };
	const struct lab_fault *f;
	unsigned want;
	int i, j, n = 0;

	for (i = 0; i < a->nspecs; i++) {
		f = lab_fault_find(a->specs[i]);
		/* Without --protocol: SMTP and FTP, or the receiving side
		 * for a fault only it has. */
		want = a->protos;
		if (!a->protos_given && f &&
		    !(f->protos & (LAB_P_SMTP | LAB_P_FTP)))
			want = f->protos & ~LAB_P_TCP;
		for (j = 0; j < (int)ARRAY_SIZE(protos); j++) {
			unsigned bit = 1u << protos[j];

			if (!(want & bit))
				continue;
			if (f && !(f->protos & bit) && !a->single_proto)
				continue;
			if (!serve_one(lab, protos[j], a->specs[i], a->listen, n++))
				return 2;
		}
	}
	return n ? 0 : 2;
}

/* SIGINT/SIGTERM arrived: stop serving. */
static void on_signal(int fd, unsigned events, void *arg)
{
	struct signalfd_siginfo si;

	(void)events;
	if (read(fd, &si, sizeof(si)) > 0)
		loop_stop(arg);
}

/* Serve until a signal; returns the exit code. */
static int serve(struct lab_args *a)
{
	struct loop *loop = loop_new();
	struct lab *lab = loop ? lab_new(loop) : NULL;
	sigset_t set;
	int sfd = -1, rc = 3;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	signal(SIGPIPE, SIG_IGN);
	if (lab && sigprocmask(SIG_BLOCK, &set, NULL) == 0)
		sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sfd < 0 || loop_watch(loop, sfd, LOOP_IN, on_signal, loop) < 0) {
		fprintf(stderr, "%s", _("sockdoc lab: cannot set up the event loop\n"));
		goto out;
	}
	rc = serve_all(lab, a);
	if (rc == 0)
		loop_run(loop);
out:
	lab_free(lab);
	if (sfd >= 0) {
		loop_unwatch(loop, sfd);
		close(sfd);
	}
	loop_free(loop);
	return rc;
}

/* Entry of `sockdoc lab`: parse, list or serve. */
int lab_main(int argc, char **argv)
{
	struct lab_args a;
	int rc, i;

	memset(&a, 0, sizeof(a));
	a.protos = LAB_P_SMTP | LAB_P_FTP;
	rc = parse_args(&a, argc, argv);
	if (rc == 0 && a.list) {
		if (lab_list(a.format)) {
			rc = 1;
		} else {
			fprintf(stderr, _("sockdoc lab: bad format '%s'\n"),
				a.format);
			rc = 2;
		}
	} else if (rc == 0 && a.format) {
		fprintf(stderr, "%s", _("sockdoc lab: --format needs --list\n"));
		rc = 2;
	}
	if (rc == 0) {
		if (!a.nspecs)
			a.specs[a.nspecs++] = "none";
		rc = serve(&a);
	}
	for (i = 0; i < a.ncopies; i++)
		free(a.spec_copy[i]);
	return rc == 1 ? 0 : rc;
}
