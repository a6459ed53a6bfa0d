## checks/mailrecv/: the receiving side of mail, POP3 and IMAP
## (mailrecv.caps, mailrecv.tls, mailrecv.login, mailrecv.mailbox,
## mailrecv.ports); the raw line session in checks/mailrecv/lib/.
libsockdoc_engine_la_SOURCES += \
	checks/mailrecv/mailrecv_caps.c \
	checks/mailrecv/mailrecv_tls.c \
	checks/mailrecv/mailrecv_login.c \
	checks/mailrecv/mailrecv_mailbox.c \
	checks/mailrecv/mailrecv_ports.c \
	checks/mailrecv/lib/mr_conn.c checks/mailrecv/lib/mr_conn.h \
	checks/mailrecv/lib/mr_caps.c checks/mailrecv/lib/mr_caps.h \
	checks/mailrecv/lib/mr_sess.c checks/mailrecv/lib/mr_sess.h \
	checks/mailrecv/lib/mr_probe.c checks/mailrecv/lib/mr_probe.h
