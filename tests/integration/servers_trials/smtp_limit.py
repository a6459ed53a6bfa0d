"""aiosmtpd on 127.0.0.1:PORT with a DATA size limit of LIMIT bytes;
messages are discarded (nothing is written anywhere)."""
import asyncio
import sys

from aiosmtpd.controller import Controller


class Sink:
    """Accept and drop every message."""

    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


def main():
    port, limit = int(sys.argv[1]), int(sys.argv[2])
    ctl = Controller(Sink(), hostname="127.0.0.1", port=port,
                     data_size_limit=limit)
    ctl.start()
    try:
        asyncio.get_event_loop().run_forever()
    finally:
        ctl.stop()


if __name__ == "__main__":
    main()
