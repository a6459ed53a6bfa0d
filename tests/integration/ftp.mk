## tests/integration: ftp tests.
TESTS +=
