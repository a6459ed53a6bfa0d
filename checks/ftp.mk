## checks/: ftp probes.
libsockdoc_la_SOURCES +=
