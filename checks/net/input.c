/* input.c — the `input` probe: reports the corrections target parsing
 * made to what the user typed or pasted (cause input.host_malformed).
 *
 * Its details keys are listed in input_details[] below.
 */
#include "config.h"

#include "checks.h"
#include "i18n.h"
#include "run.h"

/* Fill the details and finish at once: no network needed. */
static void input_start(struct probe *p)
{
	const struct target *t = &p->run->target;
	json_t *fixes = json_array();
	int i;

	probe_set_str(p, "input", t->input);
	probe_set_str(p, "host", t->host);
	probe_set_int(p, "port", t->port);
	probe_set_str(p, "protocol", proto_name(t->proto));
	probe_set_str(p, "tls", tls_mode_name(t->tls));
	if (t->is_email)
		probe_set_str(p, "email", t->email);
	if (t->host_unicode[0])
		probe_set_str(p, "host_unicode", t->host_unicode);
	for (i = 0; i < t->nfixes; i++)
		json_array_append_new(fixes, json_pack("{s:s,s:s}", "kind",
						       t->fixes[i].kind,
						       "before",
						       t->fixes[i].before));
	json_object_set_new(p->details, "fixes", fixes);
	probe_set_bool(p, "corrected", t->nfixes > 0);
	/* --resolve/--connect-to: where the connection really goes. */
	json_object_set_new(p->details, "path", netpath_json(&p->run->path));
	if (t->nfixes)
		probe_finish(p, PROBE_WARN,
			     P_("the server field needed %d correction; using '%s'",
				"the server field needed %d corrections; using '%s'",
				t->nfixes),
			     t->nfixes, t->host);
	else if (t->host_unicode[0])
		probe_finish(p, PROBE_OK, _("server field looks right: '%s' "
			     "(international name, sent to DNS as '%s')"),
			     t->host_unicode, t->host);
	else
		probe_finish(p, PROBE_OK, _("server field looks right: '%s'"),
			     t->host);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail input_details[] = {
	{ "input", DT_STR, NULL, "the server field as given (sanitized)" },
	{ "host", DT_STR, NULL, "host name after the corrections" },
	{ "port", DT_INT, NULL, "port after the corrections" },
	{ "protocol", DT_STR, NULL, "\"smtp\" | \"ftp\" | \"pop3\" | \"imap\"" },
	{ "tls", DT_STR, NULL,
	  "security mode asked for: auto|none|starttls|implicit" },
	{ "fixes", DT_ARRAY, NULL, "[{kind, before}]: each correction made" },
	{ "corrected", DT_BOOL, NULL, "some correction was made" },
	{ "path", DT_OBJECT, NULL,
	  "how the probes connect (netpath_json: kind, proxy, override, "
	  "override_given, connect_host, connect_port, interface, family, "
	  "client_cert)" },
	{ "email", DT_STR, NULL, "the mail address, when one was given" },
	{ "host_unicode", DT_STR, NULL,
	  "an international host name as a U-label (\"пример.test\"); host "
	  "is then its IDNA2008 A-label (\"xn--e1afmkfd.test\")" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_input = {
	.id = "input",
	.deps = { NULL },
	.start = input_start,
	.details = input_details,
	.tells_apart = N_("checks the server field as typed: spaces, a pasted"
		" URL, a glued port, a trailing dot or slash"),
};
