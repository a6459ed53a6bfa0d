/* report.c — turn a finished run into the report tree of interface.md,
 * and read verdicts and exit codes back from it. */
#include "config.h"

#include "jsontext.h"
#include "report.h"

#include <string.h>

#include "capture.h"
#include "diagnose.h"
#include "monitor.h"
#include "run.h"
#include "util.h"

/* The target object: what was asked and what it resolved to. */
static json_t *target_json(struct run *run)
{
	const struct target *t = &run->target;
	json_t *addrs = json_array();
	char buf[320];
	int i;

	/* The stand-in shows as "NAME (resolved by the proxy)" (run.h). */
	for (i = 0; i < run->naddrs; i++)
		json_array_append_new(addrs, json_string(netpath_addr_shown(run,
			(struct sockaddr *)&run->addrs[i].sa, buf, sizeof(buf))));
	return json_pack("{s:o,s:s,s:o,s:i,s:s,s:o,s:o}", "input",
			 json_text(t->input), "protocol", proto_name(t->proto),
			 "host", json_text(t->host),
			 "port", t->port, "tls", tls_mode_name(t->tls),
			 "addresses", addrs, "path", netpath_json(&run->path));
}

/* One probe as the report shows it. */
static json_t *probe_json(const struct probe *p)
{
	return json_pack("{s:s,s:s,s:I,s:I,s:o,s:O}", "id", p->ops->id,
			 "status", probe_status_name(p->status), "started_ms",
			 (json_int_t)p->started_ms, "duration_ms",
			 (json_int_t)p->duration_ms, "summary",
			 json_text(p->summary),
			 "details", p->details);
}

json_t *report_findings(struct run *run)
{
	json_t *probes = json_array();
	int i;

	for (i = 0; i < run->nprobes; i++)
		json_array_append_new(probes, probe_json(&run->probes[i]));
	return json_pack("{s:o,s:o}", "target", target_json(run), "probes",
			 probes);
}

json_t *report_build(struct run *run)
{
	json_t *report = report_findings(run);
	json_t *causes = diagnose(report);

	json_object_set_new(report, "schema", json_string("sockdoc.report/1"));
	json_object_set_new(report, "tool", json_pack("{s:s,s:s}", "name",
						      "sockdoc", "version",
						      PACKAGE_VERSION));
	json_object_set_new(report, "started", json_string(run->started));
	json_object_set_new(report, "duration_ms",
			    json_integer(run->duration_ms));
	json_object_set_new(report, "verdict", json_string(run->interrupted ?
		"interrupted" :
		diag_verdict(json_object_get(report, "probes"), causes)));
	if (run->interrupted)
		json_object_set_new(report, "signal",
				    json_integer(run->interrupted));
	json_object_set_new(report, "causes", causes);
	json_object_set_new(report, "not_asked", report_not_asked(run));
	if (run->capture)
		json_object_set_new(report, "capture", capture_json(run));
	return report;
}

const char *report_verdict(json_t *report)
{
	const char *v = json_string_value(json_object_get(report, "verdict"));

	return v ? v : "inconclusive";
}

int report_exit_code(json_t *report)
{
	const char *v = report_verdict(report);

	if (!strcmp(v, "ok"))
		return 0;
	if (!strcmp(v, "interrupted")) /* the shell's 128 + signal */
		return 128 + (int)json_integer_value(json_object_get(report,
								     "signal"));
	return !strcmp(v, "problems") ? 1 : 3;
}

int report_nagios_code(json_t *report)
{
	struct mon_figures fig;
	char why[256];

	mon_collect(report, &fig);
	return (int)mon_state_of(report, &fig, NULL, why, sizeof(why));
}
