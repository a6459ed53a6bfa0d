/* draw.c — drawing helpers the views share: status and confidence names
 * and colours, wrapped paragraphs. */
#include "config.h"

#include <string.h>

#include "tui_app.h"
#include "i18n.h"
#include "tui_text.h"
#include "util.h"

/* Colour role of a probe status token. */
enum scr_role status_role(const char *s)
{
	if (!strcmp(s, "ok"))
		return SR_OK;
	if (!strcmp(s, "warn"))
		return SR_WARN;
	if (!strcmp(s, "fail") || !strcmp(s, "error"))
		return SR_FAIL;
	if (!strcmp(s, "running"))
		return SR_RUN;
	return SR_DIM;
}

/* Translated word for a probe status token. */
const char *status_label(const char *s)
{
	static const char *const names[][2] = {
		{ "waiting", N_("waiting") }, { "running", N_("running") },
		{ "ok", N_("ok") }, { "warn", N_("warning") },
		{ "fail", N_("failed") }, { "skipped", N_("skipped") },
		{ "error", N_("error") },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i][0]))
			return _(names[i][1]);
	return s;
}

/* Translated word for a confidence token. */
const char *confidence_label(const char *c)
{
	if (!strcmp(c, "high"))
		return _("high");
	if (!strcmp(c, "medium"))
		return _("medium");
	if (!strcmp(c, "low"))
		return _("low");
	return c;
}

/* Colour role of a confidence token. */
enum scr_role confidence_role(const char *c)
{
	if (!strcmp(c, "high"))
		return SR_FAIL;
	if (!strcmp(c, "medium"))
		return SR_WARN;
	return SR_NORMAL;
}

/* Draw one row of a paragraph: S fitted to W at a word boundary, or on
 * the last row (LAST) all that is left, cut with a mark by scr_text when
 * it does not fit (MORE: lines follow that will not be shown).  Returns
 * the bytes of S drawn. */
static size_t paragraph_row(int y, int x, int w, enum scr_role role,
			    char *s, bool last, bool more)
{
	char buf[1100], save;
	size_t n;

	if (last) {
		str_printf(buf, sizeof(buf), more ? "%s …" : "%s", s);
		scr_text(y, x, w, role, buf, false);
		return strlen(s);
	}
	n = text_fit(s, w);
	save = s[n];
	s[n] = '\0';
	scr_text(y, x, w, role, s, false);
	s[n] = save;
	return n;
}

/* Draw MSG wrapped at word boundaries; a cut is marked with an
 * ellipsis.  Returns the rows used. */
int draw_paragraph(int top, int x, int w, int max_rows, enum scr_role role,
		   const char *msg)
{
	char line[1024];
	const char *p = msg, *nl;
	size_t len;
	int rows = 0;

	while (*p && rows < max_rows) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (nl ? 1 : 0);
		for (char *s = line; rows < max_rows;) {
			bool last = rows == max_rows - 1 &&
				    (text_width(s) > w || *p);

			s += paragraph_row(top + rows++, x, w, role, s, last,
					   *p != '\0');
			if (!*s || last)
				break;
		}
	}
	return rows;
}
