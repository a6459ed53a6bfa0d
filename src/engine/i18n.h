/* i18n.h — gettext macros.  Only prose goes through _(); ids, statuses and
 * JSON field names never do. */
#ifndef SOCKDOC_I18N_H
#define SOCKDOC_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(s, p, n) ngettext((s), (p), (n))

#endif
