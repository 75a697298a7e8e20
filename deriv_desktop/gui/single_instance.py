"""One running instance per user: a second start hands its callback URL to the first and exits.

This is how the registered ``derivdesktop://`` scheme reaches the sign-in that is waiting for it.
The local socket is restricted to the same user; messages are one bounded line, acknowledged.

A start asks "is one running?" before it paints anything. Outside Windows the listener is a Unix
socket at a path chosen here (in the user's private runtime directory where there is one), so
that question is asked with Python's ``socket`` module: QtNetwork (10 ms of Python enums) loads
only once this start turns out to be the first, after its window is on screen.
"""

from __future__ import annotations

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
#: What a second start sends instead of a callback URL the hand-over refuses (too long, control
#: characters): the running window says so, and no second instance opens.
REFUSED = "refused"
_ACK = b"ok\n"
_NAMED_PIPES = sys.platform == "win32"  # Windows: Qt's named pipes on both sides
_MAX_SOCKET_PATH = 100  # sun_path holds 104 (macOS) to 108 (Linux) bytes with its NUL


def refusal(message: str) -> str | None:
    """Why the hand-over refuses ``message`` ("too_long", "control"), or None."""
    if len(message.encode("utf-8")) >= MAX_MESSAGE:
        return "too_long"
    if not message.isprintable():  # a newline would split the line; others hide text
        return "control"
    return None


def _user_name() -> str:
    """The user's name as ``getpass.getuser()`` finds it (the same variables first), without
    importing ``getpass`` and ``termios`` before the first frame unless they are needed."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if name := os.environ.get(variable):
            return name
    import getpass

    return getpass.getuser()


def _digest_name(scope: str) -> str:
    user = _user_name()
    data = f"{user}|{scope}".encode()
    digest = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha256).toHex()
    return f"deriv-desktop-{bytes(digest.data()).decode('ascii')[:16]}"


def server_name(scope: str = "") -> str:
    """Where the instance for this user and profile listens: a pipe name on Windows, else the
    path of a Unix socket. Qt's SHA-256, not ``hashlib``'s: this runs before the first window,
    and ``hashlib`` would load OpenSSL first."""
    name = _digest_name(scope)
    if _NAMED_PIPES:
        return name
    # The runtime directory is the user's own (0700); elsewhere Qt's temporary directory, where
    # _hand_over_unix checks who owns the socket before trusting it with a callback URL.
    directory = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"  # noqa: S108
    return os.path.join(os.path.normpath(directory), name)


def _private_directories() -> list[str]:
    """Where the listener goes when its usual path is taken by something that is not ours: a
    directory of this user's alone in the temporary directory, else in the user's cache."""
    uid = os.getuid()
    temporary = os.environ.get("TMPDIR") or "/tmp"  # noqa: S108
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [
        os.path.join(os.path.normpath(temporary), f"deriv-desktop-{uid}"),
        os.path.join(os.path.normpath(cache), "deriv-desktop"),
    ]


def _private(directory: str, *, create: bool) -> bool:
    """True when ``directory`` is a real directory of this user that nobody else may enter
    (made here with mode 0700 when ``create``)."""
    import stat

    if create:
        try:
            os.makedirs(directory, mode=0o700)
        except FileExistsError:
            pass
        except OSError:
            return False
    try:
        info = os.lstat(directory)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def candidate_names(scope: str = "", *, create: bool = False) -> list[str]:
    """Every name the instance for ``scope`` may listen on, in the order starts try them: the
    usual one, then the private fallbacks (created when ``create``)."""
    names = [server_name(scope)]
    if _NAMED_PIPES:
        return names
    base = _digest_name(scope)
    for directory in _private_directories():
        path = os.path.join(directory, base)
        if len(path.encode()) <= _MAX_SOCKET_PATH and _private(directory, create=create):
            names.append(path)
    return names


def _ours_or_free(path: str) -> bool:
    """True when nothing is at ``path`` or it is a socket of this user (stale or live)."""
    import stat

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


def hand_over(message: str, *, scope: str = "", timeout_ms: int = 3000) -> bool:
    """Send ``message`` to a running instance; True once it acknowledged it."""
    if refusal(message) is not None:
        return False  # the caller sends REFUSED instead
    data = message.encode("utf-8")
    if not _NAMED_PIPES:
        line = data + b"\n"
        return any(
            _hand_over_unix(name, line, timeout_ms / 1000) for name in candidate_names(scope)
        )
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

        self.scope = scope
        self.name = server_name(scope)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        """Start listening; False if another live instance already owns the name.

        Asks first: with socket options set, Qt's ``listen`` renames its socket over an
        existing one, so it would succeed and silently steal a live instance's name. A usual
        path taken by something not ours (another user's socket in a shared directory, a
        directory, a link) is passed over for a private fallback, which later starts try too:
        without a listener, every later ``derivdesktop://`` start would open an instance."""
        from PySide6.QtNetwork import QLocalServer, QLocalSocket

        for name in candidate_names(self.scope, create=True):
            if not _NAMED_PIPES and not _ours_or_free(name):
                log.warning("the usual single-instance path is taken; trying a private one")
                continue
            probe = QLocalSocket()
            probe.connectToServer(name)
            if probe.waitForConnected(500):
                probe.abort()
                return False
            QLocalServer.removeServer(name)  # a stale socket file from a crashed run
            if self._server.listen(name):
                self.name = name
                return True
            log.warning("could not listen for other starts (%s)", self._server.errorString())
        return False

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
