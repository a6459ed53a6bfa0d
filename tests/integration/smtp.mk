## tests/integration: smtp tests.
TESTS +=
