"""One running instance per user: a second start hands its callback URL to the first and exits.

This is how the registered ``derivdesktop://`` scheme reaches the sign-in that is waiting for it.
The local socket is restricted to the same user; messages are one bounded line, acknowledged.
"""

from __future__ import annotations

import getpass
import logging

from PySide6.QtCore import QCryptographicHash, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE = 8192
_ACK = b"ok\n"


def server_name(scope: str = "") -> str:
    """The socket's name for this user and profile. Qt's SHA-256, not ``hashlib``'s: this runs
    before the first window, and ``hashlib`` would load OpenSSL first."""
    user = getpass.getuser()
    data = f"{user}|{scope}".encode()
    digest = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha256).toHex()
    return f"deriv-desktop-{bytes(digest.data()).decode('ascii')[:16]}"


def hand_over(message: str, *, scope: str = "", timeout_ms: int = 3000) -> bool:
    """Send ``message`` to a running instance; True once it acknowledged it."""
    data = message.encode("utf-8")
    if len(data) >= MAX_MESSAGE or b"\n" in data:
        return False
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


class SingleInstance(QObject):
    """Listens for messages from later starts; emits each received line once."""

    received = Signal(str)

    def __init__(self, scope: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(scope)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        """Start listening; False if another live instance already owns the name.

        Asks first: with socket options set, Qt's ``listen`` renames its socket over an
        existing one, so it would succeed and silently steal a live instance's name."""
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
