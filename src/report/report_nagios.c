/* report_nagios.c — one status line with perfdata, as monitoring plugins
 * print it: "SOCKDOC CRITICAL - tcp.refused: ... | time=0.012s ...".  Each
 * probe's perfdata is declared in its ops table (probe_ops.perf). */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "probe.h"
#include "report.h"

/* The report's entry of probe ID when it ran (not skipped), else NULL. */
static json_t *probe_ran(json_t *report, const char *id)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(report, "probes"), i, p)
		if (!strcmp(json_string_value(json_object_get(p, "id")), id) &&
		    strcmp(json_string_value(json_object_get(p, "status")),
			   "skipped"))
			return p;
	return NULL;
}

/* Print the perfdata OPS declares, for a probe that ran. */
static void probe_perfdata(json_t *report, const struct probe_ops *ops,
			   FILE *out)
{
	json_t *p = probe_ran(report, ops->id), *v;
	const struct probe_perf *f;

	for (f = ops->perf; p && f && f->label; f++) {
		if (!f->key) {
			fprintf(out, " %s=%.3fs;;;0", f->label,
				json_integer_value(json_object_get(p,
					"duration_ms")) / 1000.0);
			continue;
		}
		v = json_object_get(json_object_get(p, "details"), f->key);
		if (json_is_number(v))
			fprintf(out, " %s=%g%s;;;0", f->label,
				json_number_value(v), f->unit ? f->unit : "");
	}
}

int report_write_nagios(json_t *report, FILE *out)
{
	static const char *const states[] = { "OK", "WARNING", "CRITICAL",
					      "UNKNOWN" };
	json_t *causes = json_object_get(report, "causes");
	json_t *first = json_array_get(causes, 0);
	json_t *target = json_object_get(report, "target");
	int i;

	fprintf(out, "SOCKDOC %s - ", states[report_nagios_code(report)]);
	if (first)
		fprintf(out, "%s: %s", json_string_value(json_object_get(first, "id")),
			json_string_value(json_object_get(first, "title")));
	else
		fprintf(out, _("%s %s:%lld: %s"),
			json_string_value(json_object_get(target, "protocol")),
			json_string_value(json_object_get(target, "host")),
			(long long)json_integer_value(json_object_get(target, "port")),
			report_verdict(report));
	if (json_array_size(causes) > 1)
		fprintf(out, _(" (+%zu more)"), json_array_size(causes) - 1);
	fprintf(out, " | time=%.3fs;;;0 causes=%zu;;;0",
		json_integer_value(json_object_get(report, "duration_ms")) / 1000.0,
		json_array_size(causes));
	for (i = 0; probe_registry[i]; i++)
		probe_perfdata(report, probe_registry[i], out);
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}
