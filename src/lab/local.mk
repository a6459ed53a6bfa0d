## src/lab/: the fault lab (lab.h is its interface) and the demo.
##   faults.c    the fault table and "name:ARG" parsing
##   listener.c  the lab, its listening sockets, accept, restart-every
##   session.c   one connection: line input, output queue, FIN/RST, timing faults
##   smtp.c      the SMTP server (RFC 5321)
##   ftp.c       the FTP control connection (RFC 959/2428/3659)
##   ftp_data.c  FTP data connections, passive and active, upload faults
##   store.c     the FTP server's in-memory files
##   cli.c       `sockdoc lab`
##   demo.c      `sockdoc demo`
libsockdoc_la_SOURCES += \
	src/lab/lab.h src/lab/lab_int.h \
	src/lab/faults.c \
	src/lab/listener.c \
	src/lab/session.c \
	src/lab/smtp.c \
	src/lab/ftp.c \
	src/lab/ftp_data.c \
	src/lab/store.c \
	src/lab/cli.c \
	src/lab/demo.c
