## tests/integration: net tests.
TESTS +=
