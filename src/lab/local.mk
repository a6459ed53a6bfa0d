## src/lab/: see the files for what each holds.
libsockdoc_la_SOURCES +=
