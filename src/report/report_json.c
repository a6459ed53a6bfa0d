/* report_json.c — the JSON writer: the report tree as it is, with the
 * contract's field order. */
#include "config.h"

#include "report.h"

int report_write_json(json_t *report, FILE *out)
{
	static const char *const order[] = { "schema", "tool", "target",
					     "started", "duration_ms",
					     "verdict", "probes", "causes" };
	json_t *ordered = json_object();
	const char *key;
	json_t *v;
	size_t i;
	int rc;

	/* jansson keeps insertion order: put the contract's keys first. */
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if ((v = json_object_get(report, order[i])))
			json_object_set(ordered, order[i], v);
	json_object_foreach(report, key, v)
		if (!json_object_get(ordered, key))
			json_object_set(ordered, key, v);
	rc = json_dumpf(ordered, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			JSON_REAL_PRECISION(6));
	json_decref(ordered);
	if (rc == 0)
		fputc('\n', out);
	return rc == 0 && !ferror(out) ? 0 : -1;
}
