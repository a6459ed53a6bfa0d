/* ftp.c — the lab's FTP control connection (RFC 959, RFC 2428 EPSV/EPRT,
 * RFC 3659 SIZE): login (anonymous is fine), directory commands on the
 * in-memory store, and the commands that open data connections, which
 * ftp_data.c carries out. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lab_int.h"
#include "util.h"

/* A control command: its verb, whether it needs a login, its handler. */
struct ftp_cmd {
	const char *verb;
	bool login;
	void (*fn)(struct lab_session *s, const char *arg);
};


/* 220, or 421 for busy and past max-sessions. */
void lab_ftp_greet(struct lab_session *s)
{
	if (lab_hooks(s)->greet_busy) {
		lab_reply(s, "421 Too many users logged in, please try again later.\r\n");
		lab_session_close(s);
		return;
	}
	if (lab_hooks(s)->session_limit && s->ls->nsessions > s->ls->arg) {
		lab_reply(s, "421 There are too many connected users (limit %lld), please try later.\r\n",
			  s->ls->arg);
		lab_session_close(s);
		return;
	}
	lab_reply(s, "220 sockdoc lab FTP server ready.\r\n");
}

/* USER: who logs in, and the faults that refuse the login. */
static void cmd_user(struct lab_session *s, const char *arg)
{
	bool anon = !strcasecmp(arg, "anonymous") || !strcasecmp(arg, "ftp");
	const char *refuse = anon ? lab_hooks(s)->user_refuse_anon
				  : lab_hooks(s)->user_refuse_named;

	s->ftp.user_given = true;
	s->ftp.logged_in = false;
	s->ftp.anonymous = anon;
	if (refuse)
		lab_reply(s, "%s", refuse);
	else if (!*arg)
		lab_reply(s, "501 Syntax: USER name\r\n");
	else
		lab_reply(s, "331 Please specify the password.\r\n");
	if (refuse || !*arg)
		s->ftp.user_given = false;
}

/* PASS: any password is fine once USER was accepted (never logged). */
static void cmd_pass(struct lab_session *s, const char *arg)
{
	(void)arg;
	if (!s->ftp.user_given) {
		lab_reply(s, "503 Login with USER first.\r\n");
		return;
	}
	s->ftp.logged_in = true;
	lab_reply(s, "230 Login successful.\r\n");
}

/* AUTH TLS/SSL: the lab has no TLS. */
static void cmd_auth(struct lab_session *s, const char *arg)
{
	(void)arg;
	if (lab_hooks(s)->auth_reply)
		lab_reply(s, "%s", lab_hooks(s)->auth_reply);
	else
		lab_reply(s, "502 AUTH not supported.\r\n");
}

/* SYST: what every FTP server claims. */
static void cmd_syst(struct lab_session *s, const char *arg)
{
	(void)arg;
	lab_reply(s, "215 UNIX Type: L8\r\n");
}

/* FEAT (RFC 2389): the extensions served; AUTH TLS when demanded. */
static void cmd_feat(struct lab_session *s, const char *arg)
{
	(void)arg;
	lab_reply(s, "211-Features:\r\n EPRT\r\n EPSV\r\n PASV\r\n SIZE\r\n UTF8\r\n%s211 End\r\n",
		  lab_hooks(s)->feat_extra ? lab_hooks(s)->feat_extra : "");
}

/* OPTS UTF8 ON: names are bytes anyway. */
static void cmd_opts(struct lab_session *s, const char *arg)
{
	if (!strcasecmp(arg, "UTF8 ON"))
		lab_reply(s, "200 Always in UTF8 mode.\r\n");
	else
		lab_reply(s, "501 Option not understood.\r\n");
}

/* PWD: always the root. */
static void cmd_pwd(struct lab_session *s, const char *arg)
{
	(void)arg;
	lab_reply(s, "257 \"/\" is the current directory\r\n");
}

/* CWD: the store has one directory, the root. */
static void cmd_cwd(struct lab_session *s, const char *arg)
{
	if (!*arg || !strcmp(arg, "/") || !strcmp(arg, ".") ||
	    !strcmp(arg, "..") || !strcmp(arg, "/."))
		lab_reply(s, "250 Directory successfully changed.\r\n");
	else
		lab_reply(s, "550 Failed to change directory.\r\n");
}

/* CDUP: the root's parent is the root. */
static void cmd_cdup(struct lab_session *s, const char *arg)
{
	(void)arg;
	lab_reply(s, "250 Directory successfully changed.\r\n");
}

/* TYPE: ASCII and image are served the same way. */
static void cmd_type(struct lab_session *s, const char *arg)
{
	if (!strcasecmp(arg, "A") || !strcasecmp(arg, "A N"))
		lab_reply(s, "200 Switching to ASCII mode.\r\n");
	else if (!strcasecmp(arg, "I") || !strcasecmp(arg, "L 8"))
		lab_reply(s, "200 Switching to Binary mode.\r\n");
	else
		lab_reply(s, "504 Bad TYPE command.\r\n");
}

/* MODE: stream only. */
static void cmd_mode(struct lab_session *s, const char *arg)
{
	lab_reply(s, !strcasecmp(arg, "S") ? "200 Mode set to S.\r\n"
					   : "504 Bad MODE command.\r\n");
}

/* STRU: file only. */
static void cmd_stru(struct lab_session *s, const char *arg)
{
	lab_reply(s, !strcasecmp(arg, "F") ? "200 Structure set to F.\r\n"
					   : "504 Bad STRU command.\r\n");
}

/* PASV: IPv4 only (RFC 959); pasv-private names a NAT-side address. */
static void cmd_pasv(struct lab_session *s, const char *arg)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&s->local;
	unsigned char a[4];
	int port;

	(void)arg;
	if (s->ftp.epsv_all || s->local.ss_family != AF_INET) {
		lab_reply(s, "500 PASV not allowed here, use EPSV.\r\n");
		return;
	}
	port = lab_data_passive(s);
	if (port < 0) {
		lab_reply(s, "425 Cannot open passive connection.\r\n");
		return;
	}
	memcpy(a, &sin->sin_addr, 4);
	if (lab_hooks(s)->pasv_addr)
		memcpy(a, lab_hooks(s)->pasv_addr, 4);
	lab_reply(s, "227 Entering Passive Mode (%u,%u,%u,%u,%d,%d).\r\n",
		  a[0], a[1], a[2], a[3], port >> 8, port & 0xff);
}

/* EPSV: the port only; hangs or is refused in the faults about it. */
static void cmd_epsv(struct lab_session *s, const char *arg)
{
	int port;

	if (lab_hooks(s)->epsv_silent)
		return; /* a middlebox ate it: never answered */
	if (lab_hooks(s)->epsv_reply) {
		lab_reply(s, "%s", lab_hooks(s)->epsv_reply);
		return;
	}
	if (!strcasecmp(arg, "ALL")) {
		s->ftp.epsv_all = true;
		lab_reply(s, "200 EPSV ALL ok.\r\n");
		return;
	}
	port = lab_data_passive(s);
	if (port < 0)
		lab_reply(s, "425 Cannot open passive connection.\r\n");
	else
		lab_reply(s, "229 Entering Extended Passive Mode (|||%d|)\r\n",
			  port);
}

/* PORT h1,h2,h3,h4,p1,p2. */
static void cmd_port(struct lab_session *s, const char *arg)
{
	unsigned h[4], p[2];
	struct sockaddr_storage ss;
	char ip[32], tail;

	if (s->ftp.epsv_all ||
	    sscanf(arg, "%u,%u,%u,%u,%u,%u%c", &h[0], &h[1], &h[2], &h[3],
		   &p[0], &p[1], &tail) != 6 ||
	    h[0] > 255 || h[1] > 255 || h[2] > 255 || h[3] > 255 ||
	    p[0] > 255 || p[1] > 255) {
		lab_reply(s, "500 Illegal PORT command.\r\n");
		return;
	}
	str_printf(ip, sizeof(ip), "%u.%u.%u.%u", h[0], h[1], h[2], h[3]);
	if (!addr_parse(ip, (int)(p[0] << 8 | p[1]), &ss) ||
	    !lab_data_active(s, &ss)) {
		lab_reply(s, "500 Illegal PORT command.\r\n");
		return;
	}
	lab_reply(s, "200 PORT command successful. Consider using PASV.\r\n");
}

/* EPRT |af|addr|port|. */
static void cmd_eprt(struct lab_session *s, const char *arg)
{
	char d, ip[64], *end;
	const char *p2, *p3;
	struct sockaddr_storage ss;
	long port;

	d = arg[0];
	p2 = d ? strchr(arg + 1, d) : NULL;
	p3 = p2 ? strchr(p2 + 1, d) : NULL;
	if (!p3 || (size_t)(p3 - p2 - 1) >= sizeof(ip) || s->ftp.epsv_all) {
		lab_reply(s, "500 Illegal EPRT command.\r\n");
		return;
	}
	if (strncmp(arg + 1, "1", 1) && strncmp(arg + 1, "2", 1)) {
		lab_reply(s, "522 Network protocol not supported, use (1,2)\r\n");
		return;
	}
	memcpy(ip, p2 + 1, (size_t)(p3 - p2 - 1));
	ip[p3 - p2 - 1] = '\0';
	port = strtol(p3 + 1, &end, 10);
	if (*end != d || port < 1 || port > 65535 ||
	    !addr_parse(ip, (int)port, &ss) || !lab_data_active(s, &ss)) {
		lab_reply(s, "500 Illegal EPRT command.\r\n");
		return;
	}
	lab_reply(s, "200 EPRT command successful. Consider using EPSV.\r\n");
}

/* LIST / NLST: the store's one directory (options like -a ignored). */
static void listing(struct lab_session *s, bool names)
{
	size_t len = 0;
	char *buf = lab_store_listing(&s->ls->store, names, &len);

	if (!buf) {
		lab_reply(s, "451 Local error: out of memory.\r\n");
		return;
	}
	lab_data_transfer(s, names ? XFER_NLST : XFER_LIST, "", buf, len, true);
}

/* LIST: the long listing. */
static void cmd_list(struct lab_session *s, const char *arg)
{
	(void)arg;
	listing(s, false);
}

/* NLST: names only. */
static void cmd_nlst(struct lab_session *s, const char *arg)
{
	(void)arg;
	listing(s, true);
}

/* The store file a command names, or a 550 reply. */
static struct lab_file *file_arg(struct lab_session *s, const char *arg,
				 char *name, size_t size)
{
	struct lab_file *f = NULL;

	if (lab_store_name(arg, name, size))
		f = lab_store_find(&s->ls->store, name);
	if (!f)
		lab_reply(s, "550 Could not access file: no such file.\r\n");
	return f;
}

/* RETR: a copy of the file goes out (the store may change meanwhile). */
static void cmd_retr(struct lab_session *s, const char *arg)
{
	char name[LAB_NAME_MAX];
	struct lab_file *f = file_arg(s, arg, name, sizeof(name));
	char *copy;

	if (!f)
		return;
	copy = malloc(f->size ? f->size : 1);
	if (!copy) {
		lab_reply(s, "451 Local error: out of memory.\r\n");
		return;
	}
	if (f->size)
		memcpy(copy, f->data, f->size);
	lab_data_transfer(s, XFER_RETR, name, copy, f->size, true);
}

/* STOR: receive a file into the store. */
static void cmd_stor(struct lab_session *s, const char *arg)
{
	char name[LAB_NAME_MAX];

	if (!lab_store_name(arg, name, sizeof(name))) {
		lab_reply(s, "553 Could not create file: bad name.\r\n");
		return;
	}
	lab_data_transfer(s, XFER_STOR, name, NULL, 0, false);
}

/* DELE: remove a file from the store. */
static void cmd_dele(struct lab_session *s, const char *arg)
{
	char name[LAB_NAME_MAX];

	if (file_arg(s, arg, name, sizeof(name))) {
		lab_store_delete(&s->ls->store, name);
		lab_reply(s, "250 Delete operation successful.\r\n");
	}
}

/* SIZE (RFC 3659): bytes of a stored file. */
static void cmd_size(struct lab_session *s, const char *arg)
{
	char name[LAB_NAME_MAX];
	struct lab_file *f = file_arg(s, arg, name, sizeof(name));

	if (f)
		lab_reply(s, "213 %zu\r\n", f->size);
}

/* NOOP: keep-alive. */
static void cmd_noop(struct lab_session *s, const char *arg)
{
	(void)arg;
	lab_reply(s, "200 NOOP ok.\r\n");
}

/* HELP: a pointer to the standard. */
static void cmd_help(struct lab_session *s, const char *arg)
{
	(void)arg;
	lab_reply(s, "214 See RFC 959.\r\n");
}

/* QUIT: goodbye, then FIN. */
static void cmd_quit(struct lab_session *s, const char *arg)
{
	(void)arg;
	lab_data_close(s);
	lab_reply(s, "221 Goodbye.\r\n");
	lab_session_close(s);
}

/* ABOR: drop the data channel. */
static void cmd_abor(struct lab_session *s, const char *arg)
{
	(void)arg;
	if (s->ftp.data.running)
		lab_reply(s, "426 Connection closed; transfer aborted.\r\n");
	lab_data_close(s);
	lab_reply(s, "226 ABOR successful.\r\n");
}

static const struct ftp_cmd commands[] = {
	{ "USER", false, cmd_user }, { "PASS", false, cmd_pass },
	{ "AUTH", false, cmd_auth }, { "SYST", false, cmd_syst },
	{ "FEAT", false, cmd_feat }, { "OPTS", false, cmd_opts },
	{ "NOOP", false, cmd_noop }, { "HELP", false, cmd_help },
	{ "QUIT", false, cmd_quit }, { "PWD", true, cmd_pwd },
	{ "XPWD", true, cmd_pwd }, { "CWD", true, cmd_cwd },
	{ "CDUP", true, cmd_cdup }, { "TYPE", true, cmd_type },
	{ "MODE", true, cmd_mode }, { "STRU", true, cmd_stru },
	{ "PASV", true, cmd_pasv }, { "EPSV", true, cmd_epsv },
	{ "PORT", true, cmd_port }, { "EPRT", true, cmd_eprt },
	{ "LIST", true, cmd_list }, { "NLST", true, cmd_nlst },
	{ "RETR", true, cmd_retr }, { "STOR", true, cmd_stor },
	{ "DELE", true, cmd_dele }, { "SIZE", true, cmd_size },
	{ "ABOR", false, cmd_abor },
};

/* Dispatch one command line. */
static void command(struct lab_session *s, const char *line)
{
	size_t n = strcspn(line, " "), i;
	const char *arg = line + n;

	while (*arg == ' ')
		arg++;
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strlen(commands[i].verb) != n ||
		    strncasecmp(commands[i].verb, line, n))
			continue;
		if (commands[i].login && !s->ftp.logged_in) {
			lab_reply(s, "530 Please login with USER and PASS.\r\n");
			lab_bad_command(s);
		} else {
			commands[i].fn(s, arg);
		}
		return;
	}
	lab_reply(s, "502 Command not implemented.\r\n");
	lab_bad_command(s);
}

/* Control bytes in: one command line at a time. */
size_t lab_ftp_feed(struct lab_session *s, const char *buf, size_t len)
{
	size_t used;
	bool toolong;

	if (!lab_take_line(s, buf, len, &used, &toolong))
		return used;
	lab_idle_touch(s);
	if (lab_hooks(s)->close_on_command) {
		lab_session_close(s); /* FIN, no reply: the 10053 case */
	} else if (toolong) {
		lab_reply(s, "500 Command line too long.\r\n");
		lab_bad_command(s);
	} else {
		command(s, s->line);
	}
	return used;
}
