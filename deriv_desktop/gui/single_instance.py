"""One running instance per user: a second start hands its callback URL to the first and exits.

This is how the registered ``derivdesktop://`` scheme reaches the sign-in that is waiting for it.
The local socket is restricted to the same user; messages are one bounded line, acknowledged.

A start asks "is one running?" before it paints anything. Outside Windows the listener is a Unix
socket at a path chosen here (in the user's private runtime directory where there is one), so
that question is asked with Python's ``socket`` module: QtNetwork (10 ms of Python enums) loads
only once this start turns out to be the first, after its window is on screen.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE = 8192
ACTIVATE = "activate"  # what a second plain start sends to the running instance
_ACK = b"ok\n"
_NAMED_PIPES = sys.platform == "win32"  # Windows: Qt's named pipes on both sides


def server_name(scope: str = "") -> str:
    """Where the instance for this user and profile listens: a pipe name on Windows, else the
    path of a Unix socket. Qt's SHA-256, not ``hashlib``'s: this runs before the first window,
    and ``hashlib`` would load OpenSSL first."""
    user = getpass.getuser()
    data = f"{user}|{scope}".encode()
    digest = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha256).toHex()
    name = f"deriv-desktop-{bytes(digest.data()).decode('ascii')[:16]}"
    if _NAMED_PIPES:
        return name
    # The runtime directory is the user's own (0700); elsewhere Qt's temporary directory, where
    # _hand_over_unix checks who owns the socket before trusting it with a callback URL.
    directory = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"  # noqa: S108
    return os.path.join(os.path.normpath(directory), name)


def hand_over(message: str, *, scope: str = "", timeout_ms: int = 3000) -> bool:
    """Send ``message`` to a running instance; True once it acknowledged it."""
    data = message.encode("utf-8")
    if len(data) >= MAX_MESSAGE or b"\n" in data:
        return False
    if not _NAMED_PIPES:
        return _hand_over_unix(server_name(scope), data + b"\n", timeout_ms / 1000)
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(server_name(scope))
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(data + b"\n")
    if not sock.waitForBytesWritten(timeout_ms):
        return False
    ok = sock.waitForReadyRead(timeout_ms) and bytes(sock.readAll().data()).startswith(_ACK)
    sock.disconnectFromServer()
    return ok


def _hand_over_unix(path: str, line: bytes, timeout_s: float) -> bool:
    """``hand_over`` through the listener's Unix socket (what ``QLocalSocket`` does there)."""
    import stat

    try:
        info = os.lstat(path)  # a link, even to a socket, is not what the listener made
    except OSError:  # the usual case: no instance is running
        return False
    if not stat.S_ISSOCK(info.st_mode) or info.st_uid != os.getuid():
        # A shared temporary directory: someone else's socket must never get a sign-in URL.
        log.warning("ignored %s: not a socket of this user", path)
        return False
    import socket  # only now: its enums cost a few milliseconds of every first start

    reply = b""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout_s)
            sock.connect(path)
            sock.sendall(line)
            while len(reply) < len(_ACK):
                chunk = sock.recv(len(_ACK) - len(reply))
                if not chunk:
                    break
                reply += chunk
    except OSError:  # a stale socket file (refused), no answer in time, a reset
        return False
    return reply == _ACK


class SingleInstance(QObject):
    """Listens for messages from later starts; emits each received line once."""

    received = Signal(str)

    def __init__(self, scope: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.name = server_name(scope)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        """Start listening; False if another live instance already owns the name.

        Asks first: with socket options set, Qt's ``listen`` renames its socket over an
        existing one, so it would succeed and silently steal a live instance's name."""
        from PySide6.QtNetwork import QLocalServer, QLocalSocket

        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(500):
            probe.abort()
            return False
        QLocalServer.removeServer(self.name)  # a stale socket file from a crashed run
        return self._server.listen(self.name)

    def close(self) -> None:
        """Stop listening and let go of every connection first, so no socket signal can reach
        Python while Qt destroys the server's children (a ``disconnected`` emitted from a
        half-destroyed socket crashed the process)."""
        self._server.close()
        sockets, self._buffers = list(self._buffers), {}
        for sock in sockets:
            sock.readyRead.disconnect()
            sock.disconnected.disconnect()
            sock.abort()
            sock.deleteLater()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))

    def _read(self, sock: QLocalSocket) -> None:
        buf = self._buffers.get(sock)
        if buf is None:
            return
        buf += bytes(sock.readAll().data())
        if len(buf) > MAX_MESSAGE:
            log.warning("dropped an oversized message from another instance")
            sock.abort()
            return
        if b"\n" in buf:
            line = bytes(buf.split(b"\n", 1)[0])
            self._buffers[sock] = bytearray()
            sock.write(_ACK)
            sock.flush()
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                log.warning("dropped an undecodable message from another instance")
                return
            self.received.emit(text)

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()
