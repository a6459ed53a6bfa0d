/* parse_fields.c — the labelled fields of an Outlook error message, in
 * English ("Server: 'x', Protocol: SMTP, Port: 25, Secure(SSL): No,
 * Socket Error: 10054, Error Number: 0x800CCC0E") and Russian ("Сервер:
 * ‘’, Протокол: SMTP, Порт: 25, Защита (SSL): Нет, Ошибка сокета: 10054,
 * Код ошибки: 0x800CCC0E"). */
#include "config.h"

#include <string.h>

#include "explain.h"
#include "explain_parse.h"
#include "explain_text.h"
#include "util.h"

static const char *const lbl_server[] = { "Server:", "Сервер:", NULL };
static const char *const lbl_account[] = {
	"Account:", "Учетная запись:", "Учётная запись:", NULL
};
static const char *const lbl_protocol[] = { "Protocol:", "Протокол:", NULL };
static const char *const lbl_port[] = { "Port:", "Порт:", NULL };
static const char *const lbl_ssl[] = {
	"Secure(SSL):", "Secure (SSL):", "Защита (SSL):", "Защита(SSL):",
	"(SSL):", "SSL:", NULL
};
static const char *const lbl_socket[] = {
	"Socket Error:", "Ошибка сокета:", NULL
};
static const char *const lbl_errnum[] = {
	"Error Number:", "Код ошибки:", NULL
};

/* Value after the first label of LABELS into OUT; false when absent. */
static bool field(const char *text, const char *const *labels, char *out,
		  size_t size)
{
	const char *p;
	size_t len = 0;

	p = text_find_any(text, labels, &len);
	if (!p)
		return false;
	text_read_value(p + len, out, size);
	return true;
}

/* "Yes"/"Да" and "No"/"Нет" as Outlook writes them. */
static enum explain_ssl ssl_value(const char *v)
{
	if (str_startswith_ci(v, "yes") || str_startswith_ci(v, "да") ||
	    str_startswith_ci(v, "Да") || str_startswith_ci(v, "on"))
		return EXPLAIN_SSL_YES;
	if (str_startswith_ci(v, "no") || str_startswith_ci(v, "нет") ||
	    str_startswith_ci(v, "Нет") || str_startswith_ci(v, "off"))
		return EXPLAIN_SSL_NO;
	return EXPLAIN_SSL_UNKNOWN;
}

/* Lower-case protocol token we know, or "" for anything else. */
static void protocol_value(const char *v, char *out, size_t size)
{
	static const char *const known[] = { "smtp", "ftp", "pop3", "imap",
					     NULL };
	int i;

	for (i = 0; known[i]; i++)
		if (str_startswith_ci(v, known[i])) {
			str_copy(out, known[i], size);
			return;
		}
}

/* Numeric fields: port, socket error, error number. */
static bool numeric_fields(const char *text, struct explain_msg *m)
{
	char v[64];
	long n;
	bool any = false;

	if (field(text, lbl_port, v, sizeof(v)) && text_read_int(v, &n) &&
	    n > 0 && n < 65536) {
		m->port = (int)n;
		any = true;
	}
	if (field(text, lbl_socket, v, sizeof(v)) && text_read_int(v, &n)) {
		m->socket_error = (int)n;
		parse_add_code(m, code_by_number(CODE_WINSOCK, n));
		any = true;
	}
	if (field(text, lbl_errnum, v, sizeof(v)) && code_outlook_parse(v)) {
		code_format(code_outlook_parse(v), m->error_number,
			    sizeof(m->error_number));
		parse_add_code(m, code_outlook_parse(v));
		any = true;
	}
	return any;
}

/* See parse.h. */
bool parse_outlook_fields(const char *text, struct explain_msg *m)
{
	char v[256];
	bool any = false;

	if (field(text, lbl_server, m->server, sizeof(m->server))) {
		m->server_given = true;
		any = true;
	}
	field(text, lbl_account, m->account, sizeof(m->account));
	if (field(text, lbl_protocol, v, sizeof(v))) {
		protocol_value(v, m->protocol, sizeof(m->protocol));
		any = true;
	}
	if (field(text, lbl_ssl, v, sizeof(v))) {
		m->ssl = ssl_value(v);
		any = true;
	}
	if (numeric_fields(text, m))
		any = true;
	if (any && (m->server_given || m->socket_error || m->error_number[0]
		    || m->ssl != EXPLAIN_SSL_UNKNOWN))
		str_copy(m->client, "outlook", sizeof(m->client));
	return any;
}
