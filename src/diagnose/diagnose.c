/* diagnose.c — the frame the rules run in: lookups into the findings,
 * building cause objects from the catalog, and the final ranking. */
#include "config.h"

#include "diagnose.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "causes.h"
#include "i18n.h"
#include "jsontext.h"
#include "util.h"

const char *confidence_name(enum confidence c)
{
	return c == CONF_HIGH ? "high" : c == CONF_MEDIUM ? "medium" : "low";
}

/* Confidence of a cause object (3 high .. 1 low). */
static int conf_value(json_t *cause)
{
	const char *c = json_string_value(json_object_get(cause, "confidence"));

	if (!c)
		return 0;
	return !strcmp(c, "high") ? 3 : !strcmp(c, "medium") ? 2 : 1;
}

/* The probe object of ID in the findings, NULL when absent. */
static json_t *probe_obj(struct diag *d, const char *id)
{
	json_t *probes = json_object_get(d->findings, "probes"), *p;
	size_t i;

	json_array_foreach(probes, i, p) {
		const char *pid = json_string_value(json_object_get(p, "id"));

		if (pid && !strcmp(pid, id))
			return p;
	}
	return NULL;
}

json_t *diag_details(struct diag *d, const char *probe_id)
{
	json_t *p = probe_obj(d, probe_id);

	return p ? json_object_get(p, "details") : NULL;
}

const char *diag_status(struct diag *d, const char *probe_id)
{
	json_t *p = probe_obj(d, probe_id);
	const char *s = p ? json_string_value(json_object_get(p, "status")) : NULL;

	return s ? s : "absent";
}

bool diag_is(struct diag *d, const char *probe_id, const char *token)
{
	return !strcmp(diag_status(d, probe_id), token);
}

json_t *diag_target(struct diag *d)
{
	return json_object_get(d->findings, "target");
}

long long diag_int(struct diag *d, const char *probe_id, const char *key,
		   long long def)
{
	json_t *v = json_object_get(diag_details(d, probe_id), key);

	return json_is_integer(v) ? json_integer_value(v) : def;
}

const char *diag_str(struct diag *d, const char *probe_id, const char *key)
{
	return json_string_value(json_object_get(diag_details(d, probe_id),
						 key));
}

bool diag_bool(struct diag *d, const char *probe_id, const char *key)
{
	return json_is_true(json_object_get(diag_details(d, probe_id), key));
}

/* The cause object of ID already concluded, NULL if none. */
static json_t *find_cause(struct diag *d, const char *id)
{
	json_t *c;
	size_t i;

	json_array_foreach(d->causes, i, c)
		if (!strcmp(json_string_value(json_object_get(c, "id")), id))
			return c;
	return NULL;
}

bool diag_has(struct diag *d, const char *id)
{
	return find_cause(d, id) != NULL;
}

/* The target's protocol ("ftp", "smtp"...), NULL when not known. */
static const char *target_proto(struct diag *d)
{
	return json_string_value(json_object_get(diag_target(d), "protocol"));
}

/* Client error codes of a catalog entry as the report's object, for a
 * target of protocol PROTO: Outlook's codes only for mail (an FTP cause
 * keeps the "outlook" field, empty), FileZilla's only for FTP (both when
 * the protocol is not known). */
static json_t *client_errors(const struct cause_def *def, const char *proto)
{
	bool ftp = cause_proto_ftp(proto), mail = cause_proto_mail(proto);
	json_t *ws = json_array(), *ol = json_array(), *fz = json_array();
	json_t *out;
	int i;

	for (i = 0; def && i < CAUSE_MAX_CODES && def->winsock[i]; i++)
		json_array_append_new(ws, json_integer(def->winsock[i]));
	for (i = 0; def && !ftp && i < CAUSE_MAX_CODES && def->outlook[i]; i++)
		json_array_append_new(ol, json_string(def->outlook[i]));
	for (i = 0; def && !mail && i < CAUSE_MAX_CODES && def->filezilla[i];
	     i++)
		json_array_append_new(fz, json_string(def->filezilla[i]));
	out = json_pack("{s:o,s:o}", "winsock", ws, "outlook", ol);
	if (json_array_size(fz))
		json_object_set(out, "filezilla", fz);
	json_decref(fz);
	return out;
}

json_t *diag_cause(struct diag *d, const char *id, enum confidence conf)
{
	const struct cause_def *def = cause_find(id);
	const char *const *gen = def ? cause_fixes(def, target_proto(d)) : NULL;
	json_t *c = find_cause(d, id), *fixes;
	int i;

	if (c) {
		if ((int)conf > conf_value(c))
			json_object_set_new(c, "confidence",
					    json_string(confidence_name(conf)));
		return c;
	}
	fixes = json_array();
	for (i = 0; gen && i < CAUSE_MAX_FIXES && gen[i]; i++)
		json_array_append_new(fixes, json_string(_(gen[i])));
	c = json_pack("{s:s,s:s,s:s,s:[],s:o,s:o}", "id", id, "confidence",
		      confidence_name(conf), "title",
		      def ? _(def->title) : id, "evidence", "fixes", fixes,
		      "client_errors", client_errors(def, target_proto(d)));
	json_array_append_new(d->causes, c);
	return c;
}

/* Format into CAUSE's list KEY, at the end or (FIRST) at the front. */
static void add_line(json_t *cause, const char *key, bool first,
		     const char *fmt, va_list ap)
{
	json_t *arr = json_object_get(cause, key);
	char buf[1024];

	str_vprintf(buf, sizeof(buf), fmt, ap);
	if (first)
		json_array_insert_new(arr, 0, json_text(buf));
	else
		json_array_append_new(arr, json_text(buf));
}

void diag_evidence(json_t *cause, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(cause, "evidence", false, fmt, ap);
	va_end(ap);
}

void diag_fix_first(json_t *cause, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(cause, "fixes", true, fmt, ap);
	va_end(ap);
}

/* Remove from FIXES the first line equal to catalog fix G (untranslated). */
static void drop_line(json_t *fixes, const char *g)
{
	size_t i;

	g = _(g);
	for (i = 0; i < json_array_size(fixes); i++)
		if (!strcmp(json_string_value(json_array_get(fixes, i)), g)) {
			json_array_remove(fixes, i);
			return;
		}
}

/* Remove from CAUSE's fixes the catalog fixes whose bits are in DROP
 * (bit K: the K-th fix of the list the cause was given, the mail or the
 * FTP one; whichever is present goes). */
static void drop_generic(json_t *cause, unsigned drop)
{
	const char *id = json_string_value(json_object_get(cause, "id"));
	const struct cause_def *def = cause_find(id);
	const char *const *ftp = cause_ftp_fixes(id);
	json_t *fixes = json_object_get(cause, "fixes");
	int k;

	for (k = 0; def && k < CAUSE_MAX_FIXES; k++) {
		if (!(drop & DIAG_GENERIC(k)))
			continue;
		if (def->fixes[k])
			drop_line(fixes, def->fixes[k]);
		if (ftp && ftp[k])
			drop_line(fixes, ftp[k]);
	}
}

/* See diagnose.h. */
void diag_fix_drop(json_t *cause, unsigned drop)
{
	drop_generic(cause, drop);
}

/* See diagnose.h. */
void diag_fix_instead(json_t *cause, unsigned drop, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(cause, "fixes", true, fmt, ap);
	va_end(ap);
	drop_generic(cause, drop);
}

void diag_timeline(json_t *cause)
{
	json_object_set_new(cause, RANK_KEY, json_integer(RANK_TIMELINE));
}

/* Ranking class of CAUSE: a whole-timeline cause first, input corrections
 * last (the corrected value may still show a real fault), others between. */
static int rank_class(json_t *cause)
{
	json_t *k = json_object_get(cause, RANK_KEY);
	const char *id = json_string_value(json_object_get(cause, "id"));

	if (json_is_integer(k))
		return (int)json_integer_value(k);
	return id && !strncmp(id, "input.", 6) ? RANK_INPUT : RANK_PLAIN;
}

/* qsort order: class, then higher confidence, then catalog order. */
static int by_rank(const void *a, const void *b)
{
	json_t *ca = *(json_t *const *)a, *cb = *(json_t *const *)b;
	int d = rank_class(ca) - rank_class(cb);

	if (d)
		return d;
	d = conf_value(cb) - conf_value(ca);

	if (d)
		return d;
	return cause_rank(json_string_value(json_object_get(ca, "id"))) -
	       cause_rank(json_string_value(json_object_get(cb, "id")));
}

/* Id of cause object C. */
static const char *cid(json_t *c)
{
	return json_string_value(json_object_get(c, "id"));
}

/* One pass: move the first cause that refines an earlier one (of the same
 * class) just before it; false when none is out of place. */
static bool lift_refinement(json_t **v, size_t n)
{
	size_t i, j;
	json_t *t;

	for (j = 1; j < n; j++)
		for (i = 0; i < j; i++) {
			if (rank_class(v[i]) != rank_class(v[j]) ||
			    !cause_refines(cid(v[j]), cid(v[i])))
				continue;
			t = v[j];
			memmove(v + i + 1, v + i, (j - i) * sizeof(*v));
			v[i] = t;
			return true;
		}
	return false;
}

/* Sort the causes array: by rank, then a refinement before what it
 * refines (bounded: at most N*N moves, a cycle in the catalog cannot loop). */
static json_t *ranked(json_t *causes)
{
	size_t n = json_array_size(causes), i, moves = 0;
	json_t **v = calloc(n ? n : 1, sizeof(*v)), *out = json_array();

	for (i = 0; i < n; i++)
		v[i] = json_array_get(causes, i);
	qsort(v, n, sizeof(*v), by_rank);
	while (moves++ < n * n && lift_refinement(v, n))
		;
	for (i = 0; i < n; i++) {
		json_object_del(v[i], RANK_KEY);
		json_array_append(out, v[i]);
	}
	free(v);
	json_decref(causes);
	return out;
}

/* The run used the corrected server field, so every other cause is a
 * fault the corrected value still shows: the correction of the field
 * goes after them (fixing the typing alone would not help). */
static json_t *corrections_last(json_t *causes)
{
	json_t *c;
	size_t i, n = json_array_size(causes);

	for (i = 0; n > 1 && i < n; i++) {
		c = json_array_get(causes, i);
		if (strcmp(json_string_value(json_object_get(c, "id")),
			   "input.host_malformed"))
			continue;
		json_incref(c);
		json_array_remove(causes, i);
		diag_evidence(c, "%s", _("the corrected value still shows the "
				 "causes ranked above"));
		json_array_append_new(causes, c);
		break;
	}
	return causes;
}

json_t *diagnose(json_t *findings)
{
	struct diag d = { findings, json_array() };
	int f, r;

	for (f = 0; diag_families[f]; f++)
		for (r = 0; diag_families[f][r]; r++)
			diag_families[f][r](&d);
	return corrections_last(ranked(d.causes));
}

const char *diag_verdict(json_t *probes, json_t *causes)
{
	json_t *p;
	size_t i;

	if (json_array_size(causes))
		return "problems";
	json_array_foreach(probes, i, p) {
		const char *s = json_string_value(json_object_get(p, "status"));

		if (s && (!strcmp(s, "fail") || !strcmp(s, "error")))
			return "inconclusive";
	}
	return "ok";
}
