"""A minimal SMTP server on 127.0.0.1 (port 0, printed on stdout) that
answers the first command and then closes the connection (FIN) on its own,
as a server does after "421 closing" or a policy decision."""
import socket
import threading


def session(c):
    """Greet, answer one command, close."""
    c.sendall(b"220 closer ESMTP\r\n")
    c.recv(4096)
    c.sendall(b"421 4.7.0 closing after one command\r\n")
    c.close()


def main():
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print(srv.getsockname()[1], flush=True)
    while True:
        c, _ = srv.accept()
        threading.Thread(target=session, args=(c,), daemon=True).start()


if __name__ == "__main__":
    main()
