## tests/integration: issue 10, every server answer becomes a diagnosis
## (scripted refusals on loopback, servers/refuse_server.py).
TESTS += tests/integration/refusals_scripted.sh
