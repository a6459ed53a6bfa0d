/* out_json.c — explain as one JSON object (schema sockdoc.explain/1): the
 * codes and meanings, the message fields, the ranked cause ids and the
 * command as an argv array.  Prose translated, tokens never.  Fields may
 * be added, none renamed:
 *   schema, input (sanitized), code + meaning (the first code, or null),
 *   codes [{family, code, symbol, meaning, notes[]}],
 *   message {client, account, server, server_given, protocol, port,
 *            ssl: yes|no|unknown, socket_error, error_number, replies[],
 *            server_finding, security_finding (port vs SSL, or null),
 *            pasv_address?},
 *   causes [{id, title, score, probes[], fixes[]}], cause_ids [],
 *   command [argv] or null, command_line, placeholder. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>

#include "i18n.h"
#include "explain_out.h"
#include "util.h"

/* One code as {"family", "code", "symbol", "meaning", "notes"}. */
static json_t *code_json(const struct code_def *c)
{
	const char *const *notes = explain_notes(c);
	json_t *o, *arr = json_array();
	char num[160];

	code_format(c, num, sizeof(num));
	o = json_pack("{s:s, s:s, s:s?, s:s}", "family",
		      code_family_name(c->family), "code", num,
		      "symbol", c->family == CODE_PHRASE ? NULL : c->symbol,
		      "meaning", _(c->meaning));
	for (; notes && *notes; notes++)
		json_array_append_new(arr, json_string(_(*notes)));
	json_object_set_new(o, "notes", arr);
	return o;
}

/* The message's fields; tokens as in interface.md. */
static json_t *message_json(const struct explain_msg *m)
{
	static const char *const ssl[] = { "unknown", "no", "yes" };
	const char *finding = explain_server_finding(m);
	char mode[256];
	bool mismatch = explain_mode_mismatch(m, mode, sizeof(mode));
	json_t *o, *rep = json_array();
	int i;

	for (i = 0; i < m->nreplies; i++)
		json_array_append_new(rep, json_integer(m->replies[i]));
	o = json_pack("{s:s, s:s, s:s, s:b, s:s, s:i, s:s, s:i, s:s, s:o}",
		      "client", m->client, "account", m->account,
		      "server", m->server, "server_given", m->server_given,
		      "protocol", m->protocol, "port", m->port,
		      "ssl", ssl[m->ssl], "socket_error", m->socket_error,
		      "error_number", m->error_number, "replies", rep);
	json_object_set_new(o, "server_finding",
			    finding ? json_string(finding) : json_null());
	json_object_set_new(o, "security_finding",
			    mismatch ? json_string(mode) : json_null());
	if (m->pasv_host[0])
		json_object_set_new(o, "pasv_address",
				    json_string(m->pasv_host));
	if (m->client_name[0])
		json_object_set_new(o, "client_name",
				    json_string(m->client_name));
	return o;
}

/* The probe ids of a catalog probes field, as an array. */
static json_t *probes_json(const char *probes)
{
	const char *ids[8];
	json_t *arr = json_array();
	int i, n = explain_probe_list(probes, ids, 8);

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(ids[i]));
	return arr;
}

/* Ranked causes, and their ids alone for quick checks. */
static void causes_json(const struct explain_result *r, json_t *root)
{
	json_t *arr = json_array(), *ids = json_array(), *fixes;
	const struct cause_def *d;
	const char *const *fx;
	int i, j;

	for (i = 0; i < r->ncauses; i++) {
		d = r->causes[i].def;
		fx = cause_fixes(d, r->msg.protocol);	/* FTP: FTP words */
		fixes = json_array();
		for (j = 0; j < CAUSE_MAX_FIXES && fx[j]; j++)
			json_array_append_new(fixes, json_string(_(fx[j])));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:o, s:o}",
			"id", d->id, "title", _(d->title),
			"score", r->causes[i].score,
			"probes", probes_json(d->probes), "fixes", fixes));
		json_array_append_new(ids, json_string(d->id));
	}
	json_object_set_new(root, "causes", arr);
	json_object_set_new(root, "cause_ids", ids);
}

/* The command as argv and as a shell line. */
static void command_json(const struct explain_result *r, json_t *root)
{
	json_t *argv = json_array();
	char line[1024];
	int i;

	if (!r->has_cmd) {
		json_object_set_new(root, "command", json_null());
		return;
	}
	for (i = 0; i < r->cmd.argc; i++)
		json_array_append_new(argv, json_string(r->cmd.argv[i]));
	explain_command_line(&r->cmd, line, sizeof(line));
	json_object_set_new(root, "command", argv);
	json_object_set_new(root, "command_line", json_string(line));
	json_object_set_new(root, "placeholder",
			    json_boolean(r->cmd.placeholder));
}

/* See out.h. */
int explain_write_json(const struct explain_result *r, FILE *out)
{
	json_t *root, *codes = json_array();
	char input[4096], num[160] = "";
	int i, rc;

	sanitize(r->input, r->input_len, input, sizeof(input), true);
	for (i = 0; i < r->msg.ncodes; i++)
		json_array_append_new(codes, code_json(r->msg.codes[i]));
	if (r->msg.ncodes)
		code_format(r->msg.codes[0], num, sizeof(num));
	root = json_pack("{s:s, s:s, s:s?, s:s?, s:o, s:o}",
			 "schema", "sockdoc.explain/1", "input", input,
			 "code", r->msg.ncodes ? num : NULL,
			 "meaning", r->msg.ncodes ?
				 _(r->msg.codes[0]->meaning) : NULL,
			 "codes", codes, "message", message_json(&r->msg));
	if (!root)
		return -1;
	causes_json(r, root);
	command_json(r, root);
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return rc || ferror(out) ? -1 : 0;
}
