## tests/integration: explain tests.
TESTS +=
