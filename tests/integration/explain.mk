## tests/integration: explain tests.
TESTS += tests/integration/explain.sh tests/integration/explain_roundtrip.sh \
	tests/integration/explain_pastes.sh tests/integration/explain_users.sh
