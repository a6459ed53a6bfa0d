## checks/ftp/: the FTP probes (ftp.login, ftp.passive, ftp.active,
## ftp.tls); the session, data-connection engine and reply decoders in
## checks/ftp/lib/.
libsockdoc_engine_la_SOURCES += \
	checks/ftp/ftp_login.c \
	checks/ftp/ftp_passive.c \
	checks/ftp/ftp_active.c \
	checks/ftp/ftp_tls.c \
	checks/ftp/lib/ftp_data.c checks/ftp/lib/ftp_data.h \
	checks/ftp/lib/ftp_pool.c checks/ftp/lib/ftp_pool.h \
	checks/ftp/lib/ftp_refusals.c checks/ftp/lib/ftp_refusals.h \
	checks/ftp/lib/ftp_reply.c checks/ftp/lib/ftp_reply.h \
	checks/ftp/lib/ftp_session.c checks/ftp/lib/ftp_session.h
