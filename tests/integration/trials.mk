## tests/integration: trials tests.
TESTS +=
