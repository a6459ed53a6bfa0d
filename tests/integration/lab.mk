## tests/integration: lab tests.
TESTS +=
