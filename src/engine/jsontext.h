/* jsontext.h — text into JSON without ever losing a field: jansson's
 * json_string() returns NULL for bytes that are not valid UTF-8, and a
 * NULL handed to json_object_set_new/json_pack silently drops the key (or
 * the whole object).  Every string of server or user text goes through
 * json_text(). */
#ifndef SOCKDOC_JSONTEXT_H
#define SOCKDOC_JSONTEXT_H

#include <jansson.h>
#include <stddef.h>

/* S as a JSON string; when jansson rejects it (invalid UTF-8), S escaped
 * by sanitize() (\xNN), so the field is present and the bad byte visible,
 * and the rejection is counted.  NULL S gives "".  Never NULL except when
 * out of memory. */
json_t *json_text(const char *s);

/* How many strings json_text had to escape since the program started:
 * each one is a bounded copy or an input path that let invalid UTF-8
 * through (the fuzz targets abort on any). */
size_t json_text_rejected(void);

#endif
