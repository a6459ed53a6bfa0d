## tests/integration: the docs checked against the code.
TESTS += tests/integration/docs_causes.sh tests/integration/suite_rules.sh
