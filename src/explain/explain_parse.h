/* parse.h — the steps of explain_parse() (internal): each reads the whole
 * pasted text and fills what it recognises into the message. */
#ifndef SOCKDOC_EXPLAIN_PARSE_H
#define SOCKDOC_EXPLAIN_PARSE_H

#include <stdbool.h>

#include "explain.h"

/* Record code C once (NULL is ignored); returns whether it was new. */
bool parse_add_code(struct explain_msg *m, const struct code_def *c);
/* Record a reply code once. */
void parse_add_reply(struct explain_msg *m, int code);

/* Outlook's labelled fields (English and Russian). */
bool parse_outlook_fields(const char *text, struct explain_msg *m);
/* Thunderbird and FileZilla sentences; sets the client. */
bool parse_phrases(const char *text, struct explain_msg *m);
/* An operating system's error text ("Connection reset by peer") when no
 * code of the same error was read; run after parse_scan_codes. */
bool parse_system_phrases(const char *text, struct explain_msg *m);
/* Free text: code tokens, symbols, curl "(N)", reply lines. */
bool parse_scan_codes(const char *text, struct explain_msg *m);
/* Free text: host names, addresses, ports, a PASV address. */
bool parse_scan_hosts(const char *text, struct explain_msg *m);

#endif
