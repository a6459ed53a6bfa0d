## checks/: smtp probes.
libsockdoc_la_SOURCES += \
	checks/smtp_session.c checks/smtp_session.h \
	checks/smtp_tlsfacts.c checks/smtp_tlsfacts.h \
	checks/smtp_caps.c checks/smtp_caps.h \
	checks/smtp_class.c checks/smtp_class.h \
	checks/smtp_probe.c checks/smtp_probe.h \
	checks/smtp_ehlo.c \
	checks/tls.c \
	checks/smtp_ports.c \
	checks/smtp_auth.c \
	checks/smtp_transaction.c
libsockdoc_la_LIBADD += $(OPENSSL_LIBS)
AM_CPPFLAGS += $(OPENSSL_CFLAGS)
