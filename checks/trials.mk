## checks/: trials probes.
libsockdoc_la_SOURCES += \
	checks/trial_common.c checks/trial_common.h \
	checks/trial_sess.c checks/trial_sess.h \
	checks/trial_halfclose.c \
	checks/trial_concurrency.c \
	checks/trial_upload.c checks/trial_upload.h \
	checks/trial_upload_xfer.c \
	checks/trial_upload_easy.c \
	checks/trial_idle.c \
	checks/trial_idle_long.c checks/trial_idle_long.h \
	checks/local.c \
	src/watch.c src/watch.h \
	src/watch_held.c src/watch_held.h
