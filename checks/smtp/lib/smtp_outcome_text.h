/* smtp_outcome_text.h — the outcome tokens of smtp_sess_outcome() as
 * words a person reads in a summary ("tls_handshake" -> "the TLS
 * handshake failed"); the tokens stay in the details. */
#ifndef SOCKDOC_SMTP_OUTCOME_TEXT_H
#define SOCKDOC_SMTP_OUTCOME_TEXT_H

/* Translated phrase for outcome TOKEN; the token itself when unknown. */
const char *smtp_outcome_text(const char *token);

/* Translated name of a security token ("plain", "starttls",
 * "implicit") as the clients label it; the token itself when unknown. */
const char *smtp_security_text(const char *sec);

#endif
