/* test_explain.c — explain's code lookup for each family, the parser on
 * each message family (Outlook English/Russian, Thunderbird, FileZilla,
 * free text), the cause ranking and the suggested command. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "explain.h"

/* The seed's Russian Outlook message (000_*.txt), typographic quotes. */
static const char seed_ru[] =
	"Ошибка при соединении с сервером. Учетная запись: ‘КартинаM’, "
	"Сервер: ‘’, Протокол: SMTP, Порт: 25, Защита (SSL): Нет, "
	"Ошибка сокета: 10054, Код ошибки: 0x800CCC0E";

/* Parse a C string. */
static bool parse(const char *s, struct explain_msg *m)
{
	return explain_parse(s, strlen(s), m);
}

/* Is cause ID among the first N ranked causes of M? */
static bool ranked_within(const struct explain_msg *m, const char *id, int n)
{
	struct explain_cause c[EXPLAIN_MAX_CAUSES];
	int i, k = explain_rank(m, c, EXPLAIN_MAX_CAUSES);

	for (i = 0; i < k && i < n; i++)
		if (strcmp(c[i].def->id, id) == 0)
			return true;
	return false;
}

/* The command line for M. */
static const char *command_of(const struct explain_msg *m, char *buf,
			      size_t size)
{
	struct explain_cmd cmd;

	if (!explain_command(m, &cmd))
		return "";
	explain_command_line(&cmd, buf, size);
	return buf;
}

/* Has M recorded a code of FAMILY with NUMBER? */
static bool has_code(const struct explain_msg *m, enum code_family f, long n)
{
	int i;

	for (i = 0; i < m->ncodes; i++)
		if (m->codes[i]->family == f && m->codes[i]->number == n)
			return true;
	return false;
}

/* Winsock by number and by name; the required table entries exist. */
static void test_lookup_winsock(void **state)
{
	static const long need[] = { 10004, 10013, 10022, 10035, 10038,
		10048, 10049, 10050, 10051, 10052, 10053, 10054, 10055, 10056,
		10057, 10058, 10060, 10061, 10064, 10065, 11001, 11002, 11003,
		11004 };
	const struct code_def *c[4];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		assert_non_null(code_by_number(CODE_WINSOCK, need[i]));
	assert_int_equal(code_lookup("10054", c, 4), 1);
	assert_string_equal(c[0]->symbol, "WSAECONNRESET");
	assert_int_equal(code_lookup("wsaeconnaborted", c, 4), 1);
	assert_int_equal(c[0]->number, 10053);
	assert_int_equal(code_lookup("10999", c, 4), 0);
}

/* errno names map to their Winsock twin. */
static void test_lookup_errno(void **state)
{
	const struct code_def *c[4];

	(void)state;
	assert_int_equal(code_lookup("ECONNRESET", c, 4), 1);
	assert_int_equal(c[0]->family, CODE_ERRNO);
	assert_int_equal(c[0]->winsock[0], 10054);
	assert_int_equal(code_lookup("EPIPE", c, 4), 1);
	assert_int_equal(c[0]->winsock[0], 10053);
	assert_non_null(code_by_symbol("EADDRNOTAVAIL"));
	assert_non_null(code_by_symbol("EHOSTUNREACH"));
}

/* Outlook codes with or without 0x, any case. */
static void test_lookup_outlook(void **state)
{
	const struct code_def *c[4];
	char buf[160];

	(void)state;
	assert_int_equal(code_lookup("0x800ccc0e", c, 4), 1);
	assert_string_equal(c[0]->symbol, "IXP_E_FAILED_TO_CONNECT");
	code_format(c[0], buf, sizeof(buf));
	assert_string_equal(buf, "0x800CCC0E");
	assert_int_equal(code_lookup("800CCC92", c, 4), 1);
	assert_non_null(code_outlook_parse("0x800CCC7D"));
	assert_null(code_outlook_parse("0x800CCC"));
	assert_int_equal(code_lookup("0x8004210B", c, 4), 1);
	assert_int_equal(c[0]->winsock[0], 10060);
}

/* Newer Outlook: "(0x80042109) ... outgoing (SMTP) e-mail server". */
static void test_parse_outlook_newer(void **state)
{
	struct explain_msg m;
	char line[512];

	(void)state;
	assert_true(parse("Sending' reported error (0x80042109) : 'Outlook "
			  "cannot connect to your outgoing (SMTP) e-mail "
			  "server.'", &m));
	assert_true(has_code(&m, CODE_OUTLOOK, 0x80042109L));
	assert_string_equal(m.protocol, "smtp");
	assert_true(ranked_within(&m, "tcp.refused", 4));
	assert_string_equal(command_of(&m, line, sizeof(line)),
		"sockdoc --report --protocol smtp 'smtp://<SERVER>'");
}

/* 421 is SMTP and FTP; 425 FTP only; 535 SMTP only. */
static void test_lookup_replies(void **state)
{
	const struct code_def *c[4];

	(void)state;
	assert_int_equal(code_lookup("421", c, 4), 2);
	assert_int_equal(c[0]->family, CODE_SMTP);
	assert_int_equal(c[1]->family, CODE_FTP);
	assert_int_equal(code_lookup("425", c, 4), 1);
	assert_int_equal(c[0]->family, CODE_FTP);
	assert_int_equal(code_lookup("535", c, 4), 1);
	assert_int_equal(c[0]->family, CODE_SMTP);
}

/* curl exit codes by number and name. */
static void test_lookup_curl(void **state)
{
	const struct code_def *c[4];

	(void)state;
	assert_int_equal(code_lookup("7", c, 4), 1);
	assert_string_equal(c[0]->symbol, "CURLE_COULDNT_CONNECT");
	assert_int_equal(code_lookup("CURLE_PEER_FAILED_VERIFICATION", c, 4),
			 1);
	assert_int_equal(c[0]->number, 60);
}

/* The seed: every field, the empty server as a finding ranked first, and
 * the command with a placeholder. */
static void test_parse_outlook_russian_seed(void **state)
{
	struct explain_msg m;
	char line[512];

	(void)state;
	assert_true(parse(seed_ru, &m));
	assert_string_equal(m.client, "outlook");
	assert_string_equal(m.account, "КартинаM");
	assert_true(m.server_given);
	assert_string_equal(m.server, "");
	assert_string_equal(m.protocol, "smtp");
	assert_int_equal(m.port, 25);
	assert_int_equal(m.ssl, EXPLAIN_SSL_NO);
	assert_int_equal(m.socket_error, 10054);
	assert_string_equal(m.error_number, "0x800CCC0E");
	assert_non_null(explain_server_finding(&m));
	assert_true(ranked_within(&m, "input.host_malformed", 1));
	assert_true(ranked_within(&m, "tls.mode_mismatch", 3));
	assert_true(ranked_within(&m, "tcp.reset_on_connect", 8));
	assert_false(ranked_within(&m, "ftp.passive_blocked", 99));
	assert_string_equal(command_of(&m, line, sizeof(line)),
		"sockdoc --report --protocol smtp --tls none "
		"'smtp://<SERVER>:25'");
}

/* Guillemets and "Да" work too; SSL yes on 465 is implicit TLS. */
static void test_parse_outlook_russian_guillemets(void **state)
{
	struct explain_msg m;
	char line[512];
	enum proto proto;
	enum tls_mode tls;

	(void)state;
	assert_true(parse("Сервер: «smtp.yandex.ru», Протокол: SMTP, "
			  "Порт: 465, Защита (SSL): Да, Ошибка сокета: "
			  "10060, Код ошибки: 0x800CCC0E", &m));
	assert_string_equal(m.server, "smtp.yandex.ru");
	assert_int_equal(m.ssl, EXPLAIN_SSL_YES);
	assert_null(explain_server_finding(&m));
	assert_true(ranked_within(&m, "tcp.filtered", 3));
	assert_string_equal(command_of(&m, line, sizeof(line)),
		"sockdoc --report --protocol smtp --tls implicit "
		"smtps://smtp.yandex.ru:465");
	explain_settings(&m, &proto, &tls);
	assert_int_equal(proto, PROTO_SMTP);
	assert_int_equal(tls, TLS_IMPLICIT);
}

/* English Outlook: SSL yes on 587 means STARTTLS. */
static void test_parse_outlook_english(void **state)
{
	struct explain_msg m;
	char line[512];

	(void)state;
	assert_true(parse("Sending' reported error (0x800CCC0E) : 'Cannot "
			  "connect to the server.' Account: 'work', Server: "
			  "'smtp.example.com', Protocol: SMTP, Port: 587, "
			  "Secure(SSL): Yes, Socket Error: 10061, Error "
			  "Number: 0x800CCC0E", &m));
	assert_string_equal(m.client, "outlook");
	assert_string_equal(m.account, "work");
	assert_string_equal(m.server, "smtp.example.com");
	assert_int_equal(m.socket_error, 10061);
	assert_true(ranked_within(&m, "tcp.refused", 1));
	assert_string_equal(command_of(&m, line, sizeof(line)),
		"sockdoc --report --protocol smtp --tls starttls "
		"smtp://smtp.example.com:587");
}

/* A leading space in the server field: finding, raw value passed on. */
static void test_parse_outlook_space_and_reply(void **state)
{
	struct explain_msg m;
	char line[512];

	(void)state;
	assert_true(parse("Account: 'x', Server: ' smtp.example.com', "
			  "Protocol: SMTP, Server Response: '530 5.7.0 Must "
			  "issue a STARTTLS command first', Port: 25, "
			  "Secure(SSL): No, Error Number: 0x800CCC0F", &m));
	assert_string_equal(m.server, " smtp.example.com");
	assert_non_null(explain_server_finding(&m));
	assert_int_equal(m.nreplies, 1);
	assert_int_equal(m.replies[0], 530);
	assert_true(has_code(&m, CODE_SMTP, 530));
	assert_true(ranked_within(&m, "input.host_malformed", 1));
	assert_true(ranked_within(&m, "tls.mode_mismatch", 2));
	assert_string_equal(command_of(&m, line, sizeof(line)),
		"sockdoc --report --protocol smtp --tls none --port 25 "
		"' smtp.example.com'");
}

/* Russian "Ошибка сервера: 530" and "Ответ сервера" give the reply. */
static void test_parse_outlook_russian_reply(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("Учетная запись: 'почта', Сервер: 'smtp.mail.ru', "
			  "Протокол: SMTP, Ответ сервера: '530 5.7.0 Must "
			  "issue a STARTTLS command first', Порт: 25, Защита "
			  "(SSL): Нет, Ошибка сервера: 530, Код ошибки: "
			  "0x800CCC7C", &m));
	assert_int_equal(m.nreplies, 1);
	assert_int_equal(m.replies[0], 530);
	assert_true(has_code(&m, CODE_OUTLOOK, 0x800CCC7CL));
	assert_true(ranked_within(&m, "auth.requires_tls", 1));
	assert_true(ranked_within(&m, "tls.mode_mismatch", 3));
}

/* POP3 messages get the pop3:// command with the client's settings. */
static void test_parse_outlook_pop3(void **state)
{
	struct explain_msg m;
	struct explain_cmd cmd;
	char line[512];

	(void)state;
	assert_true(parse("Account: 'x', Server: 'pop.example.com', "
			  "Protocol: POP3, Port: 110, Secure(SSL): No, "
			  "Error Number: 0x800CCC92", &m));
	assert_string_equal(m.protocol, "pop3");
	assert_true(ranked_within(&m, "auth.rejected", 1));
	assert_true(explain_command(&m, &cmd));
	explain_command_line(&cmd, line, sizeof(line));
	assert_string_equal(line, "sockdoc --report --protocol pop3 --tls none "
			    "pop3://pop.example.com:110");
	assert_true(parse("0x800CCC90", &m));
	assert_true(explain_command(&m, &cmd));
	explain_command_line(&cmd, line, sizeof(line));
	assert_string_equal(line, "sockdoc --report --protocol pop3 "
			    "'pop3://<SERVER>'");
	assert_true(parse("Server: 'imap.example.com', Protocol: IMAP, "
			  "Port: 993, Secure(SSL): Yes, Error Number: "
			  "0x800CCCD1", &m));
	assert_true(explain_command(&m, &cmd));
	explain_command_line(&cmd, line, sizeof(line));
	assert_string_equal(line, "sockdoc --report --protocol imap --tls "
			    "implicit imaps://imap.example.com:993");
}

/* A pasted POP3/IMAP answer: the response code names the cause. */
static void test_parse_mailrecv_answers(void **state)
{
	struct explain_msg m;
	struct explain_cmd cmd;

	(void)state;
	assert_true(parse("-ERR [IN-USE] Mailbox is locked by another POP3 "
			  "session.", &m));
	assert_string_equal(m.protocol, "pop3");
	assert_true(ranked_within(&m, "mailbox.in_use", 1));
	assert_true(explain_command(&m, &cmd));
	assert_true(parse("a1 NO [AUTHENTICATIONFAILED] Authentication "
			  "failed.", &m));
	assert_string_equal(m.protocol, "imap");
	assert_true(ranked_within(&m, "auth.rejected", 1));
	assert_true(parse("-ERR [AUTH] Plaintext authentication disallowed on "
			  "non-secure (SSL/TLS) connections.", &m));
	assert_true(ranked_within(&m, "auth.requires_tls", 1));
	assert_true(parse("-ERR [LOGIN-DELAY] wait", &m));
	assert_true(ranked_within(&m, "auth.login_delay", 1));
}

/* Thunderbird, English: host after "(SMTP)", reset mid-transfer. */
static void test_parse_thunderbird(void **state)
{
	struct explain_msg m;
	char line[512];

	(void)state;
	assert_true(parse("Sending of the message failed.\nThe message could "
			  "not be sent because the connection to Outgoing "
			  "server (SMTP) smtp.example.com was lost in the "
			  "middle of the transaction. Try sending your message "
			  "again or contact your network administrator.", &m));
	assert_string_equal(m.client, "thunderbird");
	assert_string_equal(m.server, "smtp.example.com");
	assert_string_equal(m.protocol, "smtp");
	assert_true(ranked_within(&m, "transfer.reset_after_bytes", 1));
	assert_string_equal(command_of(&m, line, sizeof(line)),
		"sockdoc --report --protocol smtp smtp://smtp.example.com");
}

/* Thunderbird, Russian; and "Failed to connect to server" with a name
 * ending in a dot of the sentence. */
static void test_parse_thunderbird_other(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("Отправка сообщения не удалась. Сообщение не может "
			  "быть отправлено, так как соединение с сервером "
			  "исходящей почты (SMTP) smtp.yandex.ru было потеряно "
			  "посреди транзакции.", &m));
	assert_string_equal(m.client, "thunderbird");
	assert_string_equal(m.server, "smtp.yandex.ru");
	assert_true(ranked_within(&m, "transfer.reset_after_bytes", 1));
	assert_true(parse("Failed to connect to server smtp.example.net.", &m));
	assert_string_equal(m.server, "smtp.example.net");
	assert_true(ranked_within(&m, "tcp.refused", 3));
}

/* FileZilla log: host, port from "Connecting to", private PASV address. */
static void test_parse_filezilla_listing(void **state)
{
	struct explain_msg m;
	char line[512];

	(void)state;
	assert_true(parse("Status:\tResolving address of ftp.example.com\n"
			  "Status:\tConnecting to 192.0.2.1:21...\n"
			  "Response:\t220 Welcome\n"
			  "Command:\tPASV\n"
			  "Response:\t227 Entering Passive Mode "
			  "(10,0,0,5,195,80)\n"
			  "Command:\tMLSD\n"
			  "Error:\tConnection timed out after 20 seconds of "
			  "inactivity\n"
			  "Error:\tFailed to retrieve directory listing\n", &m));
	assert_string_equal(m.client, "filezilla");
	assert_string_equal(m.server, "ftp.example.com");
	assert_int_equal(m.port, 21);
	assert_string_equal(m.protocol, "ftp");
	assert_string_equal(m.pasv_host, "10.0.0.5");
	assert_true(has_code(&m, CODE_FTP, 227));
	assert_false(has_code(&m, CODE_FTP, 220));
	assert_true(ranked_within(&m, "ftp.pasv_address_private", 1));
	assert_true(ranked_within(&m, "ftp.passive_blocked", 3));
	assert_false(ranked_within(&m, "smtp.port25_blocked", 99));
	assert_string_equal(command_of(&m, line, sizeof(line)),
		"sockdoc --report --protocol ftp ftp://ftp.example.com:21");
	/* the same on a LAN server: a private PASV address is normal */
	assert_true(parse("Status:\tConnecting to 10.0.0.2:21...\n"
			  "Response:\t227 Entering Passive Mode "
			  "(10,0,0,2,195,80)\n", &m));
	assert_string_equal(m.pasv_host, "10.0.0.2");
	assert_false(has_code(&m, CODE_FTP, 227));
}

/* FileZilla: ECONNRESET, a 425 reply, "Connection closed by server". */
static void test_parse_filezilla_errors(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("Status: Connecting to 192.0.2.1:21...\n"
			  "Error: Connection closed by server\n"
			  "Error: Could not connect to server\n", &m));
	assert_string_equal(m.server, "192.0.2.1");
	assert_int_equal(m.ncodes, 2);
	assert_true(ranked_within(&m, "tcp.refused", 5));
	assert_true(ranked_within(&m, "server.rejects_client", 5));
	assert_true(ranked_within(&m, "server.busy", 6));
	assert_true(parse("Command:\tLIST\nResponse:\t425 Can't open data "
			  "connection.\nError:\tCould not read from socket: "
			  "ECONNRESET - Connection reset by peer\n", &m));
	assert_true(has_code(&m, CODE_FTP, 425));
	assert_true(has_code(&m, CODE_ERRNO, ECONNRESET));
	assert_true(ranked_within(&m, "ftp.passive_blocked", 3));
	assert_true(ranked_within(&m, "ftp.active_blocked", 3));
}

/* Port and SSL fields that contradict each other: tls.mode_mismatch
 * first, whatever the codes' priors (10053 favours a graceful close). */
static void test_rank_mode_mismatch(void **state)
{
	struct explain_msg m;
	char why[256];

	(void)state;
	assert_true(parse("Server: 'smtp.example.com', Protocol: SMTP, Port: "
			  "465, Secure(SSL): No, Socket Error: 10053, Error "
			  "Number: 0x800CCC0F", &m));
	assert_true(ranked_within(&m, "tls.mode_mismatch", 1));
	assert_true(explain_mode_mismatch(&m, why, sizeof(why)));
	assert_string_equal(why, "port 465 expects SSL/TLS from the first "
			    "byte; your client has Secure(SSL): No");
	assert_true(parse("Server: 'imap.example.com', Protocol: IMAP, Port: "
			  "993, Secure(SSL): No, Socket Error: 10054, Error "
			  "Number: 0x800CCC0E", &m));
	assert_true(ranked_within(&m, "tls.mode_mismatch", 1));
	/* Outlook's Yes on 587 is STARTTLS as often as SSL: no proof */
	assert_true(parse("Server: 'smtp.example.com', Protocol: SMTP, Port: "
			  "587, Secure(SSL): Yes, Socket Error: 10060, Error "
			  "Number: 0x800CCC0E", &m));
	assert_false(explain_mode_mismatch(&m, NULL, 0));
	assert_true(parse("Server: 'smtp.example.com', Protocol: SMTP, Port: "
			  "465, Secure(SSL): Yes, Socket Error: 10060, Error "
			  "Number: 0x800CCC0E", &m));
	assert_false(explain_mode_mismatch(&m, NULL, 0));
	assert_false(ranked_within(&m, "tls.mode_mismatch", 1));
}

/* Thunderbird's sentences carry the server's name in the middle;
 * FileZilla's and the system's reset words alone are a fault too. */
static void test_parse_reset_sentences(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("The connection to the server smtp.example.com was "
			  "reset during the transfer. Please try again.", &m));
	assert_string_equal(m.client, "thunderbird");
	assert_true(ranked_within(&m, "tcp.reset_on_connect", 3));
	assert_true(ranked_within(&m, "tls.mode_mismatch", 3));
	assert_true(parse("The connection to the server smtp.example.com timed "
			  "out.", &m));
	assert_true(ranked_within(&m, "tcp.filtered", 1));
	assert_true(parse("The connection was refused when attempting to "
			  "contact smtp.example.com.", &m));
	assert_true(ranked_within(&m, "tcp.refused", 1));
	assert_true(parse("Error: Connection reset by peer", &m));
	assert_true(ranked_within(&m, "tcp.reset_on_connect", 1));
	/* with its errno the words add no second code */
	assert_true(parse("Error: ECONNRESET - Connection reset by peer", &m));
	assert_int_equal(m.ncodes, 1);
	assert_true(parse("Error: Connection timed out after 20 seconds of "
			  "inactivity", &m));
	assert_true(ranked_within(&m, "transfer.stall_timeout", 3));
	assert_true(parse("Error: Could not connect to server", &m));
	assert_true(ranked_within(&m, "tcp.refused", 3));
}

/* Free text: a curl error with host and "port 587". */
static void test_parse_free_text(void **state)
{
	struct explain_msg m;
	char line[512];

	(void)state;
	assert_true(parse("curl: (7) Failed to connect to mail.example.com "
			  "port 587 after 3 ms: Couldn't connect to server",
			  &m));
	assert_true(has_code(&m, CODE_CURL, 7));
	assert_string_equal(m.server, "mail.example.com");
	assert_int_equal(m.port, 587);
	assert_true(ranked_within(&m, "tcp.refused", 2));
	assert_string_equal(command_of(&m, line, sizeof(line)),
		"sockdoc --report --protocol smtp smtp://mail.example.com:587");
	assert_false(parse("hello there, nothing to see", &m));
	assert_false(parse("", &m));
}

/* Bare codes rank their main causes first. */
static void test_rank_bare_codes(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("10054", &m));
	assert_true(ranked_within(&m, "tcp.reset_on_connect", 1));
	assert_false(ranked_within(&m, "input.host_malformed", 3));
	assert_true(parse("WSAECONNABORTED", &m));
	assert_true(ranked_within(&m, "conn.graceful_then_reset", 1));
	assert_true(parse("425", &m));
	assert_true(ranked_within(&m, "ftp.passive_blocked", 1));
	assert_string_equal(m.protocol, "ftp");
	assert_true(parse("0x800CCC0D", &m));
	assert_true(ranked_within(&m, "dns.nxdomain", 2));
}

/* Hostile input: control bytes are never echoed raw; quotes are escaped
 * for the shell. */
static void test_hostile_input(void **state)
{
	struct explain_msg m;
	char line[512];
	json_t *js;

	(void)state;
	assert_true(parse("Server: 'a\x1b[31mb.example.com', Protocol: SMTP, "
			  "Port: 25, Socket Error: 10061", &m));
	assert_null(strchr(m.server, '\x1b'));
	assert_true(parse("Server: \"it's.example.com\", Protocol: SMTP, "
			  "Port: 25, Socket Error: 10061", &m));
	command_of(&m, line, sizeof(line));
	assert_non_null(strstr(line, "'\\''"));
	/* a UTF-16 surrogate in UTF-8 form: escaped, so JSON accepts it */
	assert_true(parse("Server: 'x\xed\xa0\x80y.example.com', Protocol: "
			  "SMTP, Port: 25, Socket Error: 10061", &m));
	assert_null(strchr(m.server, '\xed'));
	js = json_string(m.server);
	assert_non_null(js);
	json_decref(js);
}

/* Has M recorded the enhanced status code SYM ("5.7.1")? */
static bool has_enhanced(const struct explain_msg *m, const char *sym)
{
	int i;

	for (i = 0; i < m->ncodes; i++)
		if (m->codes[i]->family == CODE_ENHANCED &&
		    strcmp(m->codes[i]->symbol, sym) == 0)
			return true;
	return false;
}

/* A pasted greylisting reply ranks smtp.greylisted first. */
static void test_refusal_greylisting(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("451 4.7.1 <bob@example.test>: Recipient address "
			  "rejected: Greylisted, try again later", &m));
	assert_true(has_enhanced(&m, "4.7.1"));
	assert_string_equal(m.protocol, "smtp");
	assert_true(ranked_within(&m, "smtp.greylisted", 1));
	assert_true(parse("450 4.2.0 Please try again later", &m));
	assert_true(ranked_within(&m, "smtp.greylisted", 1));
	assert_true(parse("0x800CCC6A", &m));
	assert_true(ranked_within(&m, "smtp.greylisted", 1));
}

/* Relaying denied ranks auth.required first. */
static void test_refusal_relay(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("550 5.7.1 <x@far.test>: Relay access denied", &m));
	assert_true(has_enhanced(&m, "5.7.1"));
	assert_true(ranked_within(&m, "auth.required", 1));
	assert_false(ranked_within(&m, "ftp.permission_denied", 8));
}

/* An enhanced status code alone, or inside text, is a code; unknown ones
 * fall back to their class; addresses and versions are not codes. */
static void test_refusal_enhanced_codes(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("5.7.1", &m));
	assert_int_equal(m.ncodes, 1);
	assert_int_equal(m.codes[0]->family, CODE_ENHANCED);
	assert_string_equal(m.protocol, "smtp");
	assert_true(ranked_within(&m, "auth.required", 1));
	assert_true(parse("5.1.1", &m));
	assert_true(ranked_within(&m, "smtp.recipient_rejected", 1));
	assert_true(parse("4.2.2", &m));
	assert_true(ranked_within(&m, "server.storage_full", 1));
	assert_true(parse("5.9.9", &m));
	assert_true(has_enhanced(&m, "5.x.x"));
	assert_true(ranked_within(&m, "server.refused_step", 1));
	assert_true(parse("the server said: 554-5.7.26 unauthenticated "
			  "mail is prohibited", &m));
	assert_true(has_enhanced(&m, "5.7.26"));
	assert_true(parse("Connecting to 192.0.2.1 with vsftpd 3.0.3", &m));
	assert_int_equal(m.ncodes, 0);
	assert_false(parse("5.7.1.2", &m) && m.ncodes);
}

/* The host name in a "Helo command rejected" line is the client's. */
static void test_refusal_helo_name(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("RCPT TO:<a@b.test>\n404 4.5.2 <pc01.corp.lan>: "
			  "Helo command rejected: need fully-qualified "
			  "hostname", &m));
	assert_string_equal(m.client_name, "pc01.corp.lan");
	assert_string_equal(m.server, "");
	assert_true(ranked_within(&m, "smtp.helo_rejected", 1));
	assert_true(parse("Server: 'mail.example.com', Protocol: SMTP, Port: "
			  "25, Server Response: '450 4.7.1 <pc01.corp.lan>: "
			  "Helo command rejected: Host not found'", &m));
	assert_string_equal(m.server, "mail.example.com");
	assert_string_equal(m.client_name, "pc01.corp.lan");
	assert_true(ranked_within(&m, "smtp.helo_rejected", 1));
}

/* FTP refusals: 500 OOPS, permission denied, disk full, AUTH TLS. */
static void test_refusal_ftp(void **state)
{
	struct explain_msg m;

	(void)state;
	assert_true(parse("500 OOPS: vsftpd: refusing to run with writable "
			  "root inside chroot()", &m));
	assert_string_equal(m.protocol, "ftp");
	assert_true(ranked_within(&m, "ftp.server_error", 1));
	assert_true(parse("Command:\tSTOR a.bin\nResponse:\t550 Permission "
			  "denied.", &m));
	assert_true(ranked_within(&m, "ftp.permission_denied", 1));
	assert_true(parse("Response:\t552 Disk full - please upload later\n"
			  "Error:\tCritical file transfer error", &m));
	assert_true(ranked_within(&m, "server.storage_full", 1));
	assert_true(parse("454 4.7.0 TLS not available due to local problem",
			  &m));
	assert_true(ranked_within(&m, "tls.starttls_unavailable", 1));
}

/* explain knows every cause id of issue 10: each is in the catalog with a
 * title and a fix, and some code or phrase reaches it. */
static void test_refusal_ids_known(void **state)
{
	static const char *const ids[] = {
		"server.refused_step", "smtp.greylisted", "smtp.helo_rejected",
		"smtp.sender_rejected", "smtp.recipient_rejected",
		"server.storage_full", "smtp.message_rejected",
		"ftp.server_error", "ftp.permission_denied", "ftp.pasv_broken",
		"server.malformed_reply", "auth.mechanism_rejected",
		"tls.starttls_unavailable", "net.pmtu_blackhole",
		"smtp.mx_partial", "local.resource", "check.unexplained", NULL
	};
	const struct cause_def *d;
	int i;

	(void)state;
	for (i = 0; ids[i]; i++) {
		d = cause_find(ids[i]);
		assert_non_null(d);
		assert_non_null(d->title);
		assert_non_null(d->fixes[0]);
	}
	assert_true(cause_refines("smtp.port25_blocked", "tcp.filtered"));
	assert_true(cause_refines("smtp.greylisted", "server.refused_step"));
	assert_false(cause_refines("tcp.filtered", "smtp.port25_blocked"));
}

/* Every explain test; cmocka reports each. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_winsock),
		cmocka_unit_test(test_lookup_errno),
		cmocka_unit_test(test_lookup_outlook),
		cmocka_unit_test(test_lookup_replies),
		cmocka_unit_test(test_lookup_curl),
		cmocka_unit_test(test_parse_outlook_russian_seed),
		cmocka_unit_test(test_parse_outlook_russian_guillemets),
		cmocka_unit_test(test_parse_outlook_english),
		cmocka_unit_test(test_parse_outlook_space_and_reply),
		cmocka_unit_test(test_parse_outlook_russian_reply),
		cmocka_unit_test(test_parse_outlook_pop3),
		cmocka_unit_test(test_parse_mailrecv_answers),
		cmocka_unit_test(test_parse_outlook_newer),
		cmocka_unit_test(test_parse_thunderbird),
		cmocka_unit_test(test_parse_thunderbird_other),
		cmocka_unit_test(test_parse_filezilla_listing),
		cmocka_unit_test(test_parse_filezilla_errors),
		cmocka_unit_test(test_rank_mode_mismatch),
		cmocka_unit_test(test_parse_reset_sentences),
		cmocka_unit_test(test_parse_free_text),
		cmocka_unit_test(test_rank_bare_codes),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_refusal_greylisting),
		cmocka_unit_test(test_refusal_relay),
		cmocka_unit_test(test_refusal_enhanced_codes),
		cmocka_unit_test(test_refusal_helo_name),
		cmocka_unit_test(test_refusal_ftp),
		cmocka_unit_test(test_refusal_ids_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
