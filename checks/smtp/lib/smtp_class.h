/* smtp_class.h — what an SMTP rejection means (RFC 5321 codes with the
 * RFC 3463 enhanced status codes and the usual wording of real servers),
 * as a stable token the diagnosis maps to a cause. */
#ifndef SOCKDOC_SMTP_CLASS_H
#define SOCKDOC_SMTP_CLASS_H

/* Token for reply CODE with enhanced code ENH ("" none) and TEXT:
 * "ok", "busy", "starttls_required", "auth_required", "relay_denied",
 * "size", "bad_recipient", "policy", "temporary", "rejected". */
const char *smtp_reply_class(int code, const char *enh, const char *text);

#endif
