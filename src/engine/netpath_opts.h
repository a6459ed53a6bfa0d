/* netpath_opts.h — the connection-path options as given on the command
 * line (curl's names), kept apart from netpath.h so options.h needs no
 * libcurl.  netpath_opts.c checks them and builds the effective path. */
#ifndef SOCKDOC_NETPATH_OPTS_H
#define SOCKDOC_NETPATH_OPTS_H

#define NP_MAX_OVERRIDES 8

/* The raw path options, as given (checked by netpath_check). */
struct netpath_opts {
	const char *proxy;       /* -x URL; "" = no proxy (curl) */
	const char *noproxy;     /* --noproxy LIST */
	const char *resolve[NP_MAX_OVERRIDES];    /* --resolve entries */
	int nresolve;            /* used */
	const char *connect_to[NP_MAX_OVERRIDES]; /* --connect-to entries */
	int nconnect_to;         /* used */
	const char *iface;       /* --interface NAME|ADDR */
	const char *cert;        /* --cert FILE (PEM client certificate) */
	const char *key;         /* --key FILE (PEM private key) */
};

/* Check one option value: C is the option ("--proxy"...), ARG the value.
 * Returns NULL when good, else a translated message (static buffer). */
const char *netpath_check(const char *opt, const char *arg);

#endif
