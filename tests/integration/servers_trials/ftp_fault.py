"""A small FTP server on 127.0.0.1 (port 0, printed on stdout) with one
fault on uploads (argv[1]):
  reset:N  the data connection is reset (RST) once N bytes were read
  stall:N  the server stops reading the data connection after N bytes
  slow:N   the server reads at most N bytes per second (a slow link)
  none:0   no fault
Any login works; STOR reads and discards; DELE answers 250 for a name
stored before, 550 otherwise.  Small receive buffers keep the bytes the
kernel acknowledges close to what the server read."""
import socket
import struct
import sys
import threading
import time

KIND, LIMIT = sys.argv[1].split(":")[0], int(sys.argv[1].split(":")[1])
STORED = set()


def data_upload(lsock, ctrl, name):
    """Accept the data connection and read the upload with the fault."""
    lsock.settimeout(10)
    conn, _ = lsock.accept()
    lsock.close()
    ctrl.sendall(b"150 Ok to send data.\r\n")
    STORED.add(name)  # the file exists from the first byte on, as on disk
    total = 0
    start = time.monotonic()
    while True:
        if KIND == "slow":
            ahead = total / LIMIT - (time.monotonic() - start)
            if ahead > 0:
                time.sleep(min(ahead, 0.2))
                continue
            chunk = conn.recv(16384)
            if not chunk:
                break
            total += len(chunk)
            continue
        if KIND != "none" and total >= LIMIT:
            if KIND == "reset":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                struct.pack("ii", 1, 0))
                conn.close()
                print("reset after", total, file=sys.stderr, flush=True)
                return
            print("stalled after", total, file=sys.stderr, flush=True)
            time.sleep(120)
            return
        want = 65536 if KIND == "none" else min(65536, LIMIT - total)
        chunk = conn.recv(want)
        if not chunk:
            break
        total += len(chunk)
    conn.close()
    STORED.add(name)
    ctrl.sendall(b"226 Transfer complete.\r\n")


def passive(ctrl):
    """Open a listener for EPSV/PASV with a small receive buffer."""
    lsock = socket.socket()
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(1)
    return lsock


def session(ctrl):
    """One control connection."""
    f = ctrl.makefile("rb")
    ctrl.sendall(b"220 fault ftp ready\r\n")
    lsock = None
    for raw in f:
        line = raw.decode("latin-1").strip()
        cmd, _, arg = line.partition(" ")
        cmd = cmd.upper()
        if cmd == "USER":
            ctrl.sendall(b"331 Password please.\r\n")
        elif cmd == "PASS":
            ctrl.sendall(b"230 Logged in.\r\n")
        elif cmd == "PWD":
            ctrl.sendall(b'257 "/" is the current directory\r\n')
        elif cmd in ("TYPE", "CWD", "NOOP", "MODE", "STRU"):
            ctrl.sendall(b"200 Ok.\r\n")
        elif cmd == "EPSV":
            lsock = passive(ctrl)
            port = lsock.getsockname()[1]
            ctrl.sendall(b"229 Entering Extended Passive Mode (|||%d|)\r\n" % port)
        elif cmd == "PASV":
            lsock = passive(ctrl)
            port = lsock.getsockname()[1]
            ctrl.sendall(b"227 Entering Passive Mode (127,0,0,1,%d,%d)\r\n"
                         % (port >> 8, port & 255))
        elif cmd == "STOR" and lsock:
            threading.Thread(target=data_upload, args=(lsock, ctrl, arg),
                             daemon=True).start()
            lsock = None
        elif cmd == "DELE":
            if arg in STORED:
                STORED.discard(arg)
                ctrl.sendall(b"250 Deleted.\r\n")
            else:
                ctrl.sendall(b"550 No such file.\r\n")
        elif cmd == "QUIT":
            ctrl.sendall(b"221 Bye.\r\n")
            break
        else:
            ctrl.sendall(b"502 Not implemented.\r\n")
    ctrl.close()


def main():
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print(srv.getsockname()[1], flush=True)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=session, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
