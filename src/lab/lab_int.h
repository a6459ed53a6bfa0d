/* lab_int.h — the lab's insides shared by its files: listeners, sessions
 * with bounded line input and output queues, the SMTP and FTP state, the
 * FTP data connection and the in-memory file store. */
#ifndef SOCKDOC_LAB_INT_H
#define SOCKDOC_LAB_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "lab.h"
#include "loop.h"

#define LAB_SESSION_CAP 256         /* sessions of the whole lab at once */
#define LAB_LINE_MAX 1024           /* longest command line accepted */
#define LAB_OUT_MAX (256 * 1024)    /* queued control output per session */
#define LAB_MAX_ERRORS 20           /* bad commands before 421 and close */
#define LAB_MAX_RCPT 100            /* RCPT TO per SMTP transaction */
#define LAB_MAX_FILES 64            /* files in one FTP store */
#define LAB_FILE_MAX (16 * 1024 * 1024) /* largest stored file */
#define LAB_NAME_MAX 128            /* longest file name */
#define LAB_DATA_WAIT_MS 10000      /* wait for a data connection */
#define LAB_STALL_MS 60000          /* a stalled upload is dropped after */
#define LAB_REFUSE_MS 200           /* 552 first, then the data close */
#define LAB_TCP_RCVBUF 8192        /* tcp sink's receive buffer (bytes) */
#define LAB_HOSTNAME "lab.sockdoc"  /* the name the servers greet with */

struct lab_session;

/* A file in the FTP store. */
struct lab_file {
	char name[LAB_NAME_MAX]; /* plain name, no '/' */
	char *data;              /* contents (malloc) */
	size_t size;             /* bytes in data */
};

/* The FTP server's in-memory directory (one per listener). */
struct lab_store {
	struct lab_file files[LAB_MAX_FILES]; /* used entries have data or size 0 */
	int nfiles;                           /* used entries */
};

/* One listening socket with its fault and its sessions. */
struct lab_listener {
	struct lab *lab;                   /* owner */
	enum proto proto;                  /* what it speaks */
	const struct lab_fault *fault;     /* what it does wrong */
	long long arg;                     /* the fault's parameter */
	int fd;                            /* listening (or bound) socket, -1 down */
	struct sockaddr_storage addr;      /* bound address with its port */
	struct lab_session *sessions;      /* live sessions, newest first */
	int nsessions;                     /* entries in sessions */
	struct loop_timer *restart;        /* restart-every: next drop/reopen */
	struct loop_timer *pause;          /* accept paused: out of descriptors */
	int reopen_tries;                  /* bind attempts while reopening */
	unsigned long served;              /* sessions accepted so far */
	struct lab_store store;            /* FTP files */
	struct lab_listener *next;         /* next listener of the lab */
};

/* The lab: a set of listeners on one loop. */
struct lab {
	struct loop *loop;                 /* not owned */
	struct lab_listener *listeners;    /* newest first */
	int nsessions;                     /* sessions over all listeners */
};

/* Where an SMTP session is (RFC 5321 command sequencing). */
enum smtp_state {
	SMTP_INIT = 0,  /* before EHLO/HELO */
	SMTP_READY,     /* after EHLO/HELO */
	SMTP_MAIL,      /* MAIL accepted */
	SMTP_RCPT,      /* at least one RCPT accepted */
	SMTP_DATA,      /* reading the message */
	SMTP_AUTH,      /* waiting for an AUTH continuation line */
	SMTP_REJECTED   /* 554 greeting: only QUIT is served */
};

/* States of the DATA dot-unstuffing reader. */
enum smtp_dot { DOT_BOL = 0, DOT_DOT, DOT_DOTCR, DOT_MID, DOT_CR };

/* SMTP session state. */
struct lab_smtp {
	enum smtp_state state;   /* command sequencing */
	enum smtp_dot dot;       /* DATA reader state */
	bool authed;             /* AUTH succeeded (auth-required) */
	int auth_step;           /* AUTH LOGIN: prompts answered so far */
	int nrcpt;               /* RCPT TO accepted */
	long long data_raw;      /* raw DATA bytes received (faults) */
	long long msg_size;      /* unstuffed message bytes */
	unsigned long queued;    /* messages accepted */
};

/* What an FTP data connection is for. */
enum ftp_xfer { XFER_NONE = 0, XFER_LIST, XFER_NLST, XFER_RETR, XFER_STOR };

/* The FTP data channel of one control session. */
struct lab_data {
	int pasv_fd;                     /* passive listener (or bound), -1 */
	int fd;                          /* the data connection, -1 */
	bool active;                     /* PORT/EPRT given */
	struct sockaddr_storage peer;    /* where active mode connects */
	enum ftp_xfer xfer;              /* transfer waiting or running */
	bool running;                    /* 150 sent, bytes flowing */
	char name[LAB_NAME_MAX];         /* file of RETR/STOR */
	char *buf;                       /* outgoing bytes or upload buffer */
	size_t len;                      /* bytes in buf */
	size_t off;                      /* bytes sent (outgoing) */
	bool owned;                      /* buf is malloc'd by the transfer */
	long long received;              /* upload bytes seen */
	bool stalled;                    /* stall-after-bytes reached */
	bool refused;                    /* 552 sent, closing soon */
	struct loop_timer *timer;        /* accept/connect/stall deadline */
};

/* FTP session state. */
struct lab_ftp {
	bool user_given;                 /* USER seen */
	bool anonymous;                  /* the user is anonymous/ftp */
	bool logged_in;                  /* PASS accepted */
	bool epsv_all;                   /* EPSV ALL: PORT/PASV refused */
	struct lab_data data;            /* the data channel */
};

/* POP3/IMAP session state. */
struct lab_mail {
	bool user_given;         /* POP3 USER seen */
	bool logged_in;          /* the login succeeded */
	bool in_auth;            /* waiting for a SASL continuation */
	char tag[32];            /* IMAP: the AUTHENTICATE command's tag */
};

/* One client connection. */
struct lab_session {
	struct lab_listener *ls;           /* where it came in */
	int fd;                            /* control connection, -1 closed */
	struct sockaddr_storage peer;      /* client address */
	struct sockaddr_storage local;     /* our end */
	char line[LAB_LINE_MAX + 1];       /* command line being assembled */
	size_t linelen;                    /* bytes in line */
	bool overlong;                     /* discarding an over-long line */
	char *out;                         /* queued output */
	size_t outlen;                     /* bytes in out */
	size_t outoff;                     /* bytes of out already sent */
	bool close_after_flush;            /* FIN once out is sent */
	bool dead;                         /* to be freed by the core */
	bool muted;                        /* input not read (stall, slow) */
	bool greeted;                      /* greeting queued */
	int errors;                        /* bad commands so far */
	int commands;                      /* commands seen */
	struct loop_timer *timer;          /* greeting delay / drip / stall */
	struct loop_timer *idle;           /* idle-timeout */
	struct lab_smtp smtp;              /* when proto is SMTP */
	struct lab_ftp ftp;                /* when proto is FTP */
	struct lab_mail mail;              /* when proto is POP3 or IMAP */
	long long tcp_received;            /* tcp sink: bytes read so far */
	struct lab_session *next, *prev;   /* the listener's list */
};

/* The behaviour of one fault at each protocol step, as data and hooks
 * (lab_faults.c fills one per fault; zero/NULL everywhere = healthy).
 * ARG is the listener's parameter (lab_listener.arg). */
struct lab_hooks {
	/* listener */
	bool no_listen;          /* bound but not listening: RST to SYN */
	bool restarts;           /* all dropped every ARG s, back 0.5 s later */
	/* accept and greeting */
	void (*on_accept)(struct lab_session *s); /* instead of the greeting
						    (NULL = greet at once) */
	bool reset_after_greet;  /* RST shortly after the greeting, or at
				    the first client byte */
	bool greet_busy;         /* 421 too many users, then close */
	bool session_limit;      /* session ARG+1 and later get 421 */
	bool greet_policy;       /* SMTP: 554 blocklist greeting */
	/* control connection */
	bool drip;               /* output one byte per ARG ms */
	bool idle_reset;         /* RST after ARG s without a command */
	bool close_on_command;   /* FIN without reply to the first command */
	/* uploads (SMTP DATA, FTP STOR) */
	bool upload_reset;       /* RST (SMTP) / 426 (FTP) at ARG bytes */
	bool upload_stall;       /* stop reading at ARG bytes */
	bool size_limit;         /* SMTP SIZE ARG; FTP 552 past ARG bytes */
	/* SMTP (RFC 5321) */
	const char *ehlo_extra;  /* extra EHLO lines ("250-STARTTLS\r\n") */
	const char *mail_reply;  /* reply refusing MAIL FROM, or NULL */
	bool smtp_auth;          /* AUTH offered; it lifts mail_reply */
	const char *starttls_reply; /* STARTTLS reply, NULL = 502 */
	/* FTP (RFC 959/2428/4217) */
	const char *user_refuse_anon;  /* 530 to USER anonymous, or NULL */
	const char *user_refuse_named; /* 530 to any other USER, or NULL */
	const char *feat_extra;  /* extra FEAT lines (" AUTH TLS\r\n") */
	const char *auth_reply;  /* AUTH TLS reply, NULL = 502 */
	const unsigned char *pasv_addr; /* IPv4 the 227 names, NULL = ours */
	const char *epsv_reply;  /* EPSV reply instead of 229, or NULL */
	bool epsv_silent;        /* EPSV never answered */
	bool pasv_no_listen;     /* passive port bound, not listening */
	bool active_refused;     /* PORT/EPRT transfers get 425 */
	/* POP3 (RFC 1939/2449) and IMAP (RFC 9051) */
	bool mail_login_disabled; /* no password without TLS: POP3 -ERR
				     [AUTH], IMAP LOGINDISABLED */
	bool mail_in_use;        /* POP3 PASS -ERR [IN-USE], IMAP
				    EXAMINE/SELECT NO [INUSE] */
};

/* The hooks of the fault S's listener serves (never NULL). */
const struct lab_hooks *lab_hooks(const struct lab_session *s);

/* lab_list.c */
/* Print the fault table as FORMAT: NULL/"text", "tsv", "json" or
 * "markdown"; false (nothing printed) when FORMAT is unknown. */
bool lab_list(const char *format);

/* listener.c */
/* Loop of the lab a session belongs to. */
struct loop *lab_loop(struct lab_session *s);
/* Parse "ADDR:PORT" / "[V6]:PORT" into SS; false when malformed. */
bool lab_parse_listen(const char *text, struct sockaddr_storage *ss);
/* Open a listening socket on SS (port 0 = any); -errno on failure. */
int lab_listen_socket(struct sockaddr_storage *ss, bool listen_too);
/* TCP_NODELAY on a connection (control or data): replies and transfers
 * leave at once, never waiting 40 ms for the peer's delayed ACK. */
void lab_nodelay(int fd);

/* session.c */
/* Take over accepted FD for LS and greet according to the fault. */
void lab_session_start(struct lab_listener *ls, int fd);
/* Queue printf-formatted output (CRLF added by the caller). */
void lab_reply(struct lab_session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Queue raw bytes. */
void lab_send_raw(struct lab_session *s, const char *buf, size_t len);
/* Send what is queued, then close with FIN. */
void lab_session_close(struct lab_session *s);
/* Close at once with RST (SO_LINGER 0). */
void lab_session_reset(struct lab_session *s);
/* Stop or resume reading the control connection. */
void lab_session_mute(struct lab_session *s, bool muted);
/* Free S if it was marked dead (call after every callback). */
void lab_session_reap(struct lab_session *s);
/* Reset S's connections and free it now (restart, lab_free). */
void lab_session_kill(struct lab_session *s);
/* Free S now: sockets, timers, list entry. */
void lab_session_free(struct lab_session *s);
/* Collect one line from BUF; true when *LINE is complete (CR/LF cut).
 * *USED gets the bytes consumed; over-long lines give "" with *LONG. */
bool lab_take_line(struct lab_session *s, const char *buf, size_t len,
		   size_t *used, bool *toolong);
/* Count a bad command; closes with 421 after too many.  True if closed. */
bool lab_bad_command(struct lab_session *s);
/* on_accept hooks (lab_session.c): RST a moment later, garbage, or the
 * greeting after ARG s. */
void lab_accept_reset(struct lab_session *s);
void lab_accept_garbage(struct lab_session *s);
void lab_accept_slow(struct lab_session *s);
/* Close FD with RST. */
void lab_close_rst(int fd);
/* (Re)arm the idle-timeout timer of S. */
void lab_idle_touch(struct lab_session *s);

/* smtp.c */
void lab_smtp_greet(struct lab_session *s);
size_t lab_smtp_feed(struct lab_session *s, const char *buf, size_t len);

/* mailrecv.c: the POP3 and IMAP servers */
void lab_mail_greet(struct lab_session *s);
size_t lab_mail_feed(struct lab_session *s, const char *buf, size_t len);
/* tcp.c: the silent sink of tcp:// (no greeting, input discarded) */
void lab_tcp_greet(struct lab_session *s);
size_t lab_tcp_feed(struct lab_session *s, const char *buf, size_t len);

/* ftp.c */
void lab_ftp_greet(struct lab_session *s);
size_t lab_ftp_feed(struct lab_session *s, const char *buf, size_t len);

/* ftp_data.c */
/* PASV/EPSV: open the passive endpoint; port or -1. */
int lab_data_passive(struct lab_session *s);
/* PORT/EPRT: remember where to connect (must be the client's address). */
bool lab_data_active(struct lab_session *s, const struct sockaddr_storage *ss);
/* Begin transfer X (buffer given for outgoing kinds, ownership taken). */
void lab_data_transfer(struct lab_session *s, enum ftp_xfer x,
		       const char *name, char *buf, size_t len, bool owned);
/* Drop the data channel (sockets, timers, buffers). */
void lab_data_close(struct lab_session *s);

/* store.c */
void lab_store_init(struct lab_store *st);
void lab_store_free(struct lab_store *st);
struct lab_file *lab_store_find(struct lab_store *st, const char *name);
/* Replace or add NAME with DATA (ownership taken); false when full. */
bool lab_store_put(struct lab_store *st, const char *name, char *data,
		   size_t size);
bool lab_store_delete(struct lab_store *st, const char *name);
/* A valid plain file name from a client path ("/a.txt" -> "a.txt"). */
bool lab_store_name(const char *path, char *out, size_t size);
/* LIST (long) or NLST text of the store; caller frees. */
char *lab_store_listing(struct lab_store *st, bool names_only, size_t *len);

#endif
