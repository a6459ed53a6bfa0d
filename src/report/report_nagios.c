/* report_nagios.c — one status line with perfdata, as monitoring plugins
 * print it: "SOCKDOC CRITICAL - tcp.refused: ... | time=0.012s ...". */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "report.h"

/* Milliseconds of probe ID, -1 when it did not run. */
static long long probe_ms(json_t *report, const char *id)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(report, "probes"), i, p)
		if (!strcmp(json_string_value(json_object_get(p, "id")), id) &&
		    strcmp(json_string_value(json_object_get(p, "status")),
			   "skipped"))
			return json_integer_value(json_object_get(p, "duration_ms"));
	return -1;
}

int report_write_nagios(json_t *report, FILE *out)
{
	static const char *const states[] = { "OK", "WARNING", "CRITICAL",
					      "UNKNOWN" };
	static const char *const timed[] = { "dns", "reach", "banner" };
	json_t *causes = json_object_get(report, "causes");
	json_t *first = json_array_get(causes, 0);
	json_t *target = json_object_get(report, "target");
	size_t i;

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
	for (i = 0; i < sizeof(timed) / sizeof(timed[0]); i++)
		if (probe_ms(report, timed[i]) >= 0)
			fprintf(out, " %s=%.3fs;;;0", timed[i],
				probe_ms(report, timed[i]) / 1000.0);
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}
