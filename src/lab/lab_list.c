/* lab_list.c — `sockdoc lab --list [--format text|tsv|json|markdown]`:
 * the fault table for people (text), for the generated test
 * tests/integration/lab_faults.sh (tsv, json) and for the reference page
 * docs/lab-faults.md (markdown, the table between its markers). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "lab_int.h"
#include "util.h"

/* The protocols of the table, in listing order. */
static const enum proto list_protos[] = { PROTO_SMTP, PROTO_FTP,
					  PROTO_POP3, PROTO_IMAP, PROTO_TCP };

/* "smtp" / "ftp" / "pop3" / "imap" / "tcp". */
static const char *proto_token(enum proto p)
{
	return proto_name(p);
}

/* F's protocols, "smtp,ftp" ("smtp, ftp" when SPACED). */
static const char *protos_text(const struct lab_fault *f, bool spaced)
{
	static char buf[64];
	size_t j;

	buf[0] = '\0';
	for (j = 0; j < ARRAY_SIZE(list_protos); j++)
		if (f->protos & (1u << list_protos[j]))
			str_appendf(buf, sizeof(buf), "%s%s",
				    buf[0] ? (spaced ? ", " : ",") : "",
				    proto_token(list_protos[j]));
	return buf;
}

/* "name[:ARG]" as the docs show it (parameter name). */
static void spec_pattern(const struct lab_fault *f, char *buf, size_t size)
{
	str_printf(buf, size, "%s%s%s", f->name, f->arg ? ":" : "",
		   f->arg ? f->arg : "");
}

/* "name[:example]" as the test serves it. */
static void spec_example(const struct lab_fault *f, char *buf, size_t size)
{
	str_printf(buf, size, "%s%s%s", f->name, f->example ? ":" : "",
		   f->example ? f->example : "");
}

/* The text list: one line per fault, translated. */
static void list_text(void)
{
	char name[48];
	int i;

	for (i = 0; i < lab_nfaults; i++) {
		const struct lab_fault *f = &lab_faults[i];

		spec_pattern(f, name, sizeof(name));
		printf("%-22s %-8s %s [%s%s%s]\n", name, protos_text(f, false),
		       _(f->desc), *f->cause ? f->cause : _("healthy"),
		       f->ftp_cause ? ", ftp: " : "",
		       f->ftp_cause ? f->ftp_cause : "");
	}
}

/* TSV: one row per fault and protocol, "-" for an empty field:
 * fault, protocol, spec, cause ("none" = healthy), first|listed,
 * evidence, extra --report options. */
static void list_tsv(void)
{
	char spec[48];
	int i;
	size_t j;

	printf("fault\tprotocol\tspec\tcause\tposition\tevidence\treport_args\n");
	for (i = 0; i < lab_nfaults; i++) {
		const struct lab_fault *f = &lab_faults[i];

		spec_example(f, spec, sizeof(spec));
		for (j = 0; j < ARRAY_SIZE(list_protos); j++) {
			enum proto p = list_protos[j];
			const char *cause = lab_fault_cause(f, p);
			const char *ev = lab_fault_evidence(f, p);
			const char *args = lab_fault_args(f, p);

			if (!(f->protos & (1u << p)))
				continue;
			printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f->name,
			       proto_token(p), spec, *cause ? cause : "none",
			       f->listed & (1u << p) ? "listed" : "first",
			       ev ? ev : "-", args ? args : "-");
		}
	}
}

/* JSON string or null. */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The per-protocol expectations of F as a JSON object. */
static json_t *json_expect(const struct lab_fault *f, enum proto p)
{
	const char *cause = lab_fault_cause(f, p);

	return json_pack("{s:o, s:s, s:o, s:o}",
			 "cause", *cause ? json_string(cause) : json_null(),
			 "position", f->listed & (1u << p) ? "listed" : "first",
			 "evidence", str_or_null(lab_fault_evidence(f, p)),
			 "report_args", str_or_null(lab_fault_args(f, p)));
}

/* One fault as a JSON object. */
static json_t *json_fault(const struct lab_fault *f)
{
	json_t *o, *protos = json_array(), *expect = json_object();
	char spec[48];
	size_t j;

	for (j = 0; j < ARRAY_SIZE(list_protos); j++) {
		if (!(f->protos & (1u << list_protos[j])))
			continue;
		json_array_append_new(protos,
				      json_string(proto_token(list_protos[j])));
		json_object_set_new(expect, proto_token(list_protos[j]),
				    json_expect(f, list_protos[j]));
	}
	spec_example(f, spec, sizeof(spec));
	o = json_pack("{s:s, s:o, s:o, s:s, s:s, s:o}", "name", f->name,
		      "protocols", protos, "arg", str_or_null(f->arg),
		      "spec", spec, "description", f->desc, "expect", expect);
	return o;
}

/* JSON: an array of faults with their expectations per protocol. */
static void list_json(void)
{
	json_t *all = json_array();
	int i;

	for (i = 0; i < lab_nfaults; i++)
		json_array_append_new(all, json_fault(&lab_faults[i]));
	json_dumpf(all, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(all);
}

/* The "expected cause" cell: none, or the cause with FTP's own. */
static void md_cause(const struct lab_fault *f)
{
	if (!*f->cause)
		printf("none (verdict ok)");
	else if (f->ftp_cause)
		printf("`%s` (FTP: `%s`)", f->cause, f->ftp_cause);
	else
		printf("`%s`", f->cause);
}

/* The "checked" cell: the evidence lab_faults.sh asserts per protocol. */
static void md_checked(const struct lab_fault *f)
{
	const char *sep = "";
	size_t j;

	for (j = 0; j < ARRAY_SIZE(list_protos); j++) {
		enum proto p = list_protos[j];
		const char *ev = lab_fault_evidence(f, p);

		if (!(f->protos & (1u << p)) || !ev)
			continue;
		printf("%s%s: `%s`%s", sep, proto_token(p), ev,
		       f->listed & (1u << p) ? " (listed)" : "");
		sep = "; ";
	}
	if (!*sep)
		printf("-");
}

/* Markdown: the faults table of docs/lab-faults.md (English). */
static void list_markdown(void)
{
	char name[48];
	int i;

	printf("| fault | proto | what the lab does | what a client sees (tested) | expected cause | diagnosed by | report evidence (lab_faults.sh) |\n");
	printf("| --- | --- | --- | --- | --- | --- | --- |\n");
	for (i = 0; i < lab_nfaults; i++) {
		const struct lab_fault *f = &lab_faults[i];

		spec_pattern(f, name, sizeof(name));
		printf("| `%s` | %s | %s | %s | ", name, protos_text(f, true),
		       f->doc_does, f->doc_sees);
		md_cause(f);
		printf(" | %s | ", f->doc_by);
		md_checked(f);
		printf(" |\n");
	}
}

/* Print the fault table in FORMAT; false when FORMAT is unknown. */
bool lab_list(const char *format)
{
	if (!format || !strcmp(format, "text"))
		list_text();
	else if (!strcmp(format, "tsv"))
		list_tsv();
	else if (!strcmp(format, "json"))
		list_json();
	else if (!strcmp(format, "markdown"))
		list_markdown();
	else
		return false;
	fflush(stdout);
	return true;
}
