#!/usr/bin/python3
"""smtpd.py - aiosmtpd through its controller, for options its CLI lacks.

  --port N            listen on 127.0.0.1:N
  --size N            announce and enforce SIZE N
  --auth USER:PASS    offer AUTH PLAIN/LOGIN on the plain connection and
                      accept only this pair (others get 535)
  --auth-required     refuse MAIL without AUTH (530 5.7.0)

Runs until killed (by PID, from the test's exit trap) or --lifetime ends.
"""
import argparse
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    """Accept every message and drop it."""

    async def handle_DATA(self, server, session, envelope):
        """The message is accepted and discarded."""
        return "250 OK"


def make_authenticator(pair):
    """An authenticator accepting exactly USER:PASS."""
    user, _, password = pair.partition(":")

    def check(server, session, envelope, mechanism, auth_data):
        """Compare the login with the configured pair."""
        ok = (getattr(auth_data, "login", b"") == user.encode()
              and getattr(auth_data, "password", b"") == password.encode())
        return AuthResult(success=ok)
    return check


def main():
    """Start the controller and sleep until killed."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--size", type=int, default=33554432)
    ap.add_argument("--auth")
    ap.add_argument("--auth-required", action="store_true")
    ap.add_argument("--lifetime", type=float, default=120.0)
    args = ap.parse_args()
    kw = {"data_size_limit": args.size}
    if args.auth:
        kw.update(authenticator=make_authenticator(args.auth),
                  auth_require_tls=False,
                  auth_required=args.auth_required)
    ctl = Controller(Sink(), hostname="127.0.0.1", port=args.port,
                     server_kwargs=kw)
    ctl.start()
    print("smtpd listening on 127.0.0.1:%d" % args.port, flush=True)
    try:
        time.sleep(args.lifetime)
    finally:
        ctl.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
