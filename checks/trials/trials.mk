## checks/trials/: the opt-in trials (trial.halfclose, trial.concurrency,
## trial.upload, trial.idle); their raw sessions and helpers in
## checks/trials/lib/.
libsockdoc_engine_la_SOURCES += \
	checks/trials/trial_halfclose.c \
	checks/trials/trial_concurrency.c \
	checks/trials/trial_upload.c \
	checks/trials/trial_idle.c \
	checks/trials/lib/trial_common.c checks/trials/lib/trial_common.h \
	checks/trials/lib/trial_sess.c checks/trials/lib/trial_sess.h \
	checks/trials/lib/trial_upload.h \
	checks/trials/lib/trial_upload_xfer.c \
	checks/trials/lib/trial_upload_reply.c \
	checks/trials/lib/trial_upload_smtp.c \
	checks/trials/lib/trial_upload_easy.c \
	checks/trials/lib/trial_sink.c \
	checks/trials/lib/trial_ustimer.c checks/trials/lib/trial_ustimer.h \
	checks/trials/lib/trial_halfclose_raw.c checks/trials/lib/trial_halfclose_raw.h \
	checks/trials/lib/trial_idle_raw.c checks/trials/lib/trial_idle_raw.h \
	checks/trials/lib/trial_idle_long.c checks/trials/lib/trial_idle_long.h
