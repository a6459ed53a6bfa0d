## checks/: one probe per file, each exporting a constant probe_ops table.
libsockdoc_la_SOURCES += \
	checks/checks.h \
	checks/input.c \
	checks/dns.c \
	checks/reach.c \
	checks/icmp.c \
	checks/banner.c

include checks/dns.mk
include checks/smtp.mk
include checks/ftp.mk
include checks/trials.mk
