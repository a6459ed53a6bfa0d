#!/usr/bin/python3
"""A real SMTP server (aiosmtpd) for sockdoc's tests, one fault per flag.

Binds HOST:PORT (0: any free port), writes the bound port to --portfile,
serves until killed.  The AUTH password comes from SMTP_TEST_PASSWORD.
"""
import argparse
import asyncio
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult


def parse():
    a = argparse.ArgumentParser()
    a.add_argument("--host", default="127.0.0.1")
    a.add_argument("--port", type=int, default=0)
    a.add_argument("--portfile", required=True)
    a.add_argument("--mode", choices=["plain", "starttls", "implicit"],
                   default="plain")
    a.add_argument("--cert")
    a.add_argument("--key")
    a.add_argument("--client-ca", help="require a client certificate")
    a.add_argument("--require-starttls", action="store_true")
    a.add_argument("--auth-user")
    a.add_argument("--auth-required", action="store_true")
    a.add_argument("--size", type=int, default=33554432)
    a.add_argument("--busy", action="store_true",
                   help="answer EHLO/HELO with 421 and close")
    a.add_argument("--rcpt-reply", help="refuse RCPT (unless logged in)")
    return a.parse_args()


ARGS = parse()


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, opts):
        if ARGS.rcpt_reply and not session.authenticated:
            return ARGS.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 queued"


class TestSMTP(SMTP):
    async def smtp_EHLO(self, arg):
        if ARGS.busy:
            await self.push("421 4.7.0 mail.test Too many concurrent SMTP "
                            "connections; try again later")
            self.transport.close()
            return
        await super().smtp_EHLO(arg)

    async def smtp_HELO(self, arg):
        if ARGS.busy:
            await self.push("421 4.7.0 mail.test Too many connections")
            self.transport.close()
            return
        await super().smtp_HELO(arg)


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (ARGS.auth_user is not None
          and auth_data.login == ARGS.auth_user.encode()
          and auth_data.password ==
          os.environ.get("SMTP_TEST_PASSWORD", "").encode())
    return AuthResult(success=ok, handled=False)


def tls_context():
    if not ARGS.cert:
        return None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(ARGS.cert, ARGS.key)
    if ARGS.client_ca:
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(ARGS.client_ca)
    return ctx


def factory():
    ctx = tls_context()
    kw = dict(hostname="mail.test", data_size_limit=ARGS.size,
              auth_required=ARGS.auth_required,
              require_starttls=ARGS.require_starttls)
    if ARGS.auth_user:
        kw["authenticator"] = authenticate
    if ARGS.mode == "starttls":
        kw["tls_context"] = ctx
    return TestSMTP(Handler(), **kw)


async def main():
    loop = asyncio.get_running_loop()
    ssl_ctx = tls_context() if ARGS.mode == "implicit" else None
    server = await loop.create_server(factory, ARGS.host, ARGS.port,
                                      ssl=ssl_ctx)
    port = server.sockets[0].getsockname()[1]
    tmp = ARGS.portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, ARGS.portfile)
    async with server:
        await server.serve_forever()


asyncio.run(main())
