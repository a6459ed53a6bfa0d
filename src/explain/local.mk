## src/explain/: see the files for what each holds.
libsockdoc_la_SOURCES += \
	src/explain/explain.h src/explain/explain.c \
	src/explain/codes.h src/explain/codes.c \
	src/explain/codes_winsock.c src/explain/codes_errno.c \
	src/explain/codes_outlook.c src/explain/codes_reply.c \
	src/explain/codes_curl.c src/explain/codes_phrase.c \
	src/explain/text.h src/explain/text.c \
	src/explain/parse.h src/explain/parse.c \
	src/explain/parse_fields.c src/explain/parse_phrases.c \
	src/explain/parse_codes.c src/explain/parse_hosts.c \
	src/explain/rank.c src/explain/server.c src/explain/command.c \
	src/explain/notes.c src/explain/probes.c src/explain/out.h \
	src/explain/out_text.c src/explain/out_json.c
