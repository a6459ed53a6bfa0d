## checks/: smtp probes.
libsockdoc_la_SOURCES +=
