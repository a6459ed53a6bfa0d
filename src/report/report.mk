## src/report/: the report tree and its writers (text, JSON, nagios),
## each reading only the tree.
libsockdoc_engine_la_SOURCES += \
	src/report/report.c src/report/report.h \
	src/report/report_json.c \
	src/report/report_text.c \
	src/report/report_nagios.c \
	src/report/report_unasked.c
libsockdoc_engine_la_SOURCES += \
	src/report/monitor.c src/report/monitor.h \
	src/report/monitor_range.c \
	src/report/report_openmetrics.c
