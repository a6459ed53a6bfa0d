## checks/: trials probes.
libsockdoc_la_SOURCES +=
