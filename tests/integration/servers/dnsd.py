#!/usr/bin/python3
"""dnsd.py - a tiny scripted DNS server (UDP, loopback) for answers no
dnsmasq gives on demand: a CNAME loop (dnsmasq refuses to load one) and
more A/AAAA records than fit sockdoc's table.

  --a NAME=ADDR      an A (or AAAA, for an IPv6 ADDR) record; repeatable
  --cname NAME=TARGET  a CNAME; the answer carries the chain from NAME as
                     a recursive server would, each link once (a loop
                     shows as a chain back to a name already in it)

Every other name is NXDOMAIN.  Each query is printed as "query TYPE NAME".
"""
import argparse
import ipaddress
import socket
import struct
import sys
import time


def parse_args():
    """The command line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--a", action="append", default=[])
    ap.add_argument("--cname", action="append", default=[])
    ap.add_argument("--lifetime", type=float, default=120.0)
    return ap.parse_args()


def qname(data, off):
    """The name at OFF (no compression in queries) and the offset after."""
    labels = []
    while data[off]:
        n = data[off]
        labels.append(data[off + 1:off + 1 + n].decode("ascii", "replace"))
        off += 1 + n
    return ".".join(labels).lower(), off + 1


def enc(name):
    """NAME in wire format."""
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")
                    if p) + b"\0"


def rr(name, rtype, rdata):
    """One resource record, TTL 60."""
    return enc(name) + struct.pack(">HHIH", rtype, 1, 60, len(rdata)) + rdata


def answer(args, name, qtype):
    """The answer records for NAME/QTYPE and the rcode."""
    cnames = dict(c.lower().split("=", 1) for c in args.cname)
    addrs = [a.lower().split("=", 1) for a in args.a]
    out, cur, seen = [], name, set()
    for _ in range(16):
        if cur not in cnames or cur in seen:
            break
        seen.add(cur)
        out.append(rr(cur, 5, enc(cnames[cur])))
        cur = cnames[cur]
    for n, a in addrs:
        if n != cur:
            continue
        ip = ipaddress.ip_address(a)
        if qtype == 1 and ip.version == 4:
            out.append(rr(cur, 1, ip.packed))
        if qtype == 28 and ip.version == 6:
            out.append(rr(cur, 28, ip.packed))
    known = name in cnames or any(n == name for n, _ in addrs)
    return out, 0 if known else 3


def main():
    """Serve until killed or --lifetime ends."""
    args = parse_args()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", args.port))
    if args.port_file:
        import os
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % s.getsockname()[1])
        os.rename(args.port_file + ".tmp", args.port_file)
    end = time.monotonic() + args.lifetime
    while time.monotonic() < end:
        s.settimeout(max(0.1, end - time.monotonic()))
        try:
            data, peer = s.recvfrom(4096)
        except socket.timeout:
            break
        if len(data) < 17:
            continue
        qid, = struct.unpack(">H", data[:2])
        name, off = qname(data, 12)
        qtype, = struct.unpack(">H", data[off:off + 2])
        print("query %d %s" % (qtype, name), flush=True)
        ans, rcode = answer(args, name, qtype)
        flags = 0x8180 | rcode
        msg = struct.pack(">HHHHHH", qid, flags, 1, len(ans), 0, 0)
        msg += data[12:off + 4] + b"".join(ans)
        s.sendto(msg, peer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
