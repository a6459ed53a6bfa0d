## checks/smtp/: the SMTP probes (smtp.ehlo, tls, smtp.ports, smtp.auth,
## smtp.transaction); the session engine and decoders in checks/smtp/lib/.
libsockdoc_engine_la_SOURCES += \
	checks/smtp/smtp_ehlo.c \
	checks/smtp/smtp_tls.c \
	checks/smtp/smtp_ports.c \
	checks/smtp/smtp_mx.c \
	checks/smtp/smtp_auth.c \
	checks/smtp/smtp_transaction.c \
	checks/smtp/lib/smtp_session.c checks/smtp/lib/smtp_session.h \
	checks/smtp/lib/smtp_dialog.c checks/smtp/lib/smtp_dialog.h \
	checks/smtp/lib/smtp_dlgio.c checks/smtp/lib/smtp_dlgio.h \
	checks/smtp/lib/smtp_ehloname.c checks/smtp/lib/smtp_ehloname.h \
	checks/smtp/lib/smtp_sasl.c checks/smtp/lib/smtp_sasl.h \
	checks/smtp/lib/smtp_tlsfacts.c checks/smtp/lib/smtp_tlsfacts.h \
	checks/smtp/lib/smtp_caps.c checks/smtp/lib/smtp_caps.h \
	checks/smtp/lib/smtp_class.c checks/smtp/lib/smtp_class.h \
	checks/smtp/lib/smtp_probe.c checks/smtp/lib/smtp_probe.h \
	checks/smtp/lib/smtp_outcome_text.c checks/smtp/lib/smtp_outcome_text.h
