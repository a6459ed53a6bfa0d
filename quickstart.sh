#!/bin/sh
# quickstart.sh — on a fresh Debian 12 machine: install what sockdoc needs,
# build it, and run the demo (the built-in fault lab, diagnosed).
set -eu
cd "$(dirname "$0")"
./scripts/install-deps.sh
[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make -j"$(nproc)"
exec ./src/sockdoc demo "$@"
