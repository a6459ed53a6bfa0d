/* main.c — sockdoc's entry: locale, then one of the front ends:
 * explain, lab, demo, the report, or the TUI wizard on a terminal. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "explain.h"
#include "i18n.h"
#include "lab.h"
#include "options.h"
#include "tui.h"

/* Where the catalogs are: SOCKDOC_LOCALEDIR, else the build tree's
 * po/locale when this binary runs from a build tree (so `src/sockdoc`
 * speaks Russian before `make install`), else the installed LOCALEDIR. */
static const char *locale_dir(char *buf, size_t size)
{
	const char *env = getenv("SOCKDOC_LOCALEDIR");
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", buf, size - 1);
	if (n <= 0)
		return LOCALEDIR;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash || (size_t)(slash - buf) + sizeof("/../po/locale") > size)
		return LOCALEDIR;
	strcpy(slash, "/../po/locale");
	return access(buf, R_OK) == 0 ? buf : LOCALEDIR;
}

/* Locale from the environment, messages through gettext. */
static void init_locale(void)
{
	char buf[4096];

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, locale_dir(buf, sizeof(buf)));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

/* `explain --wizard`: the wizard with the arguments explain built. */
static int explain_wizard(int argc, char **argv)
{
	struct options opt;
	int rc;

	options_defaults(&opt);
	rc = options_parse(&opt, argc, argv);
	if (rc)
		return rc == 1 ? 0 : 2;
	rc = tui_main(&opt);
	options_free(&opt);
	return rc;
}

/* True when this binary was called as the monitoring plugin. */
static bool called_as_plugin(const char *argv0)
{
	const char *base = argv0 ? strrchr(argv0, '/') : NULL;

	base = base ? base + 1 : argv0;
	return base && !strcmp(base, "check_sockdoc");
}

int main(int argc, char **argv)
{
	struct options opt;
	int rc;

	init_locale();
	/* A peer's reset must never kill us through SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	if (called_as_plugin(argv[0]))
		return cli_plugin_main(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "check"))
		return cli_plugin_main(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "explain"))
		return explain_main(argc - 1, argv + 1, explain_wizard);
	if (argc > 1 && !strcmp(argv[1], "lab"))
		return lab_main(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "demo"))
		return demo_main(argc - 1, argv + 1);
	options_defaults(&opt);
	rc = options_parse(&opt, argc, argv);
	/* A monitoring system reads 2 as CRITICAL: a usage error of the
	 * nagios format is UNKNOWN (3), as the plugin guidelines say. */
	if (rc == 2 && cli_argv_nagios(argc, argv)) {
		cli_nagios_usage();
		return 3;
	}
	if (rc)
		return rc == 1 ? 0 : 2;
	/* A person at a terminal gets the wizard; scripts never do. */
	if (!opt.report && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		rc = tui_main(&opt);
	else
		rc = cli_report(&opt);
	options_free(&opt);
	return rc;
}
