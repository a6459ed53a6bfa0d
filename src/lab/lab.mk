## src/lab/: the fault lab (lab.h is its interface) and the demo.
##   faults.c    the fault table (behaviour as hooks, expectations, docs)
##               and "name:ARG" parsing
##   list.c      `sockdoc lab --list [--format text|tsv|json|markdown]`
##   listener.c  the lab, its listening sockets, accept, restart-every
##   session.c   one connection: line input, output queue, FIN/RST, timing faults
##   smtp.c      the SMTP server (RFC 5321)
##   ftp.c       the FTP control connection (RFC 959/2428/3659)
##   ftp_data.c  FTP data connections, passive and active, upload faults
##   tcp.c       the silent sink served for tcp:// targets
##   store.c     the FTP server's in-memory files
##   cli.c       `sockdoc lab`
##   demo.c      `sockdoc demo`
libsockdoc_lab_la_SOURCES += \
	src/lab/lab.h src/lab/lab_int.h \
	src/lab/lab_faults.c \
	src/lab/lab_list.c \
	src/lab/lab_listener.c \
	src/lab/lab_session.c \
	src/lab/lab_smtp.c \
	src/lab/lab_mailrecv.c \
	src/lab/lab_ftp.c \
	src/lab/lab_ftp_data.c \
	src/lab/lab_tcp.c \
	src/lab/lab_store.c \
	src/lab/lab_cli.c \
	src/lab/lab_demo.c

## docs/lab-faults.md's fault table from the fault table itself
## (checked by tests/integration/lab_faults_doc.sh).
lab-faults-doc: src/sockdoc$(EXEEXT)
	$(srcdir)/scripts/lab-faults-doc.sh src/sockdoc$(EXEEXT) \
		$(srcdir)/docs/lab-faults.md >lab-faults.md.tmp
	mv lab-faults.md.tmp $(srcdir)/docs/lab-faults.md
.PHONY: lab-faults-doc
