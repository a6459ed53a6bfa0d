## tests/integration: the fault lab, every fault cross-checked with a
## peer tool (curl, swaks, python sockets) and, where the chain can tell,
## with sockdoc's diagnosis.  Helpers: lib_lab.sh.
TESTS += \
	tests/integration/lab_none.sh \
	tests/integration/lab_refused.sh \
	tests/integration/lab_reset_on_connect.sh \
	tests/integration/lab_busy.sh \
	tests/integration/lab_policy_reject.sh \
	tests/integration/lab_garbage.sh
