## tests/integration: explain tests.
TESTS += tests/integration/explain.sh
