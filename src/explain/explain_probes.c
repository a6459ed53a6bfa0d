/* probes.c — what each probe observes, in words, so "How to tell them
 * apart" can say which measurement separates the ranked causes (the
 * catalog's probes field names them), and the option that turns it on. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "explain_out.h"
#include "util.h"

/* One probe: id, what it measures, the option it needs (NULL: default). */
struct probe_words {
	const char *id;
	const char *what;
	const char *option;
};

static const struct probe_words probe_words[] = {
	{ "input", N_("checks the server field as typed: spaces, a pasted URL, a glued port, a trailing dot or slash"), NULL },
	{ "dns", N_("resolves the name: no such name vs. no address vs. a resolver that fails, and compares with the hosts file"), NULL },
	{ "reach", N_("connects to each address: an RST at once (refused) vs. no answer until the deadline (filtered) vs. accepted and then reset"), NULL },
	{ "icmp", N_("looks for ICMP unreachable messages: no route vs. a silent drop"), NULL },
	{ "banner", N_("waits for the greeting: the right protocol, a 421/554 refusal, a reset before any byte, or silence"), NULL },
	{ "tls", N_("tries the TLS handshake the way the client is set: versions, alerts, the certificate"), NULL },
	{ "smtp.ehlo", N_("reads EHLO: STARTTLS, AUTH mechanisms, the SIZE limit"), NULL },
	{ "smtp.auth", N_("logs in (password from SOCKDOC_PASSWORD or --password-file): rejected vs. TLS required first"), NULL },
	{ "smtp.ports", N_("tries 25, 587 and 465 on the same host with each security mode: which pair works"), NULL },
	{ "smtp.transaction", N_("MAIL FROM/RCPT TO without sending (RSET): relaying denied without login"), NULL },
	{ "ftp.login", N_("USER/PASS: rejected, not allowed, or encryption required"), NULL },
	{ "ftp.passive", N_("PASV/EPSV and a listing: the advertised address and whether the data port answers"), NULL },
	{ "ftp.active", N_("PORT/EPRT: whether the server can connect back"), NULL },
	{ "ftp.tls", N_("AUTH TLS, PROT P and data-channel session reuse"), NULL },
	{ "trial.upload", N_("uploads growing sizes: a reset after about the same number of bytes, a size limit, or a stall"), "--trials upload" },
	{ "trial.idle", N_("holds the control connection idle during a long transfer: the NAT/firewall idle limit"), "--trials idle" },
	{ "trial.concurrency", N_("opens 1, 2, 4... sessions at once: the Nth is refused or reset"), "--trials concurrency" },
	{ "trial.halfclose", N_("lets the server close first and writes again: FIN then RST (10053) vs. a direct RST (10054)"), "--trials halfclose" },
	{ "watch", N_("repeats the chain over time: intermittent failures and a server that restarts"), "--watch 60 --count 10" },
	{ "local", N_("looks at this machine: proxy settings, ports in TIME_WAIT, the local port range"), NULL },
	{ NULL, NULL, NULL }
};

/* Entry for ID, NULL when unknown. */
static const struct probe_words *find(const char *id, size_t len)
{
	const struct probe_words *p;

	for (p = probe_words; p->id; p++)
		if (strlen(p->id) == len && strncmp(p->id, id, len) == 0)
			return p;
	return NULL;
}

/* See out.h. */
int explain_probe_list(const char *probes, const char **ids, int max)
{
	const struct probe_words *p;
	const char *s = probes;
	size_t len;
	int n = 0;

	while (s && *s && n < max) {
		while (*s == ' ' || *s == ',')
			s++;
		len = strcspn(s, ", ");
		p = len ? find(s, len) : NULL;
		if (p)
			ids[n++] = p->id;
		s += len;
	}
	return n;
}

/* See out.h. */
const char *explain_probe_what(const char *id)
{
	const struct probe_words *p = find(id, strlen(id));

	return p ? _(p->what) : "";
}

/* See out.h. */
const char *explain_probe_option(const char *id)
{
	const struct probe_words *p = find(id, strlen(id));

	return p ? p->option : NULL;
}
