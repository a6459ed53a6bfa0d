## docs/: the documents installed with the program, and the man page,
## generated from `sockdoc --help` and `--version` by help2man (so it
## cannot drift from them) plus docs/sockdoc.h2m (commands, examples,
## environment).
dist_doc_DATA = README.md docs/causes.md docs/interface.md \
	docs/lab-faults.md
dist_man_MANS = docs/sockdoc.1
EXTRA_DIST += docs/sockdoc.h2m
docs/sockdoc.1: $(srcdir)/docs/sockdoc.h2m src/sockdoc$(EXEEXT)
	$(MKDIR_P) docs
	LC_ALL=C LANGUAGE= $(HELP2MAN) --no-info --no-discard-stderr \
		--name='find out why an SMTP or FTP connection fails' \
		--include=$(srcdir)/docs/sockdoc.h2m \
		--output=$@ ./src/sockdoc$(EXEEXT)
CLEANFILES = docs/sockdoc.1
