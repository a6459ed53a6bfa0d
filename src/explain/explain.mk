## src/explain/: see the files for what each holds.
libsockdoc_explain_la_SOURCES += \
	src/explain/explain.h src/explain/explain.c \
	src/explain/explain_codes.h src/explain/explain_codes.c \
	src/explain/explain_codes_winsock.c src/explain/explain_codes_errno.c \
	src/explain/explain_codes_outlook.c src/explain/explain_codes_reply.c \
	src/explain/explain_codes_curl.c src/explain/explain_codes_phrase.c \
	src/explain/explain_codes_enhanced.c \
	src/explain/explain_text.h src/explain/explain_text.c \
	src/explain/explain_parse.h src/explain/explain_parse.c \
	src/explain/explain_parse_fields.c src/explain/explain_parse_phrases.c \
	src/explain/explain_parse_codes.c src/explain/explain_parse_hosts.c \
	src/explain/explain_rank.c src/explain/explain_priors.c src/explain/explain_priors.h \
	src/explain/explain_server.c src/explain/explain_mode.c \
	src/explain/explain_command.c \
	src/explain/explain_notes.c src/explain/explain_probes.c src/explain/explain_out.h \
	src/explain/explain_out_text.c src/explain/explain_out_json.c
