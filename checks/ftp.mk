## checks/: ftp probes (ftp.login, ftp.passive, ftp.active, ftp.tls) over
## a shared libcurl session and pure reply decoders.
libsockdoc_la_SOURCES += \
	checks/ftp_reply.c checks/ftp_reply.h \
	checks/ftp_session.c checks/ftp_session.h \
	checks/ftp_login.c \
	checks/ftp_data.c \
	checks/ftp_tls.c
