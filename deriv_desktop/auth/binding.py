"""Where the loopback handler listens, and the sockets it listens on.

The port comes from the registered redirect URL (Deriv's registration refuses ports, so the real
one is 80); port 0 means "any free port" for the sandbox and tests. We bind only loopback
literals, keep the very socket we report (no probe-then-rebind race), refuse address sharing on
Windows, and turn bind failures into a typed error the UI can explain. We never move silently to
another port: the browser would be sent to the registered one anyway.
"""

from __future__ import annotations

import errno
import re
import socket
import sys
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from deriv_desktop.domain.errors import DerivError
from deriv_desktop.domain.problems import Problem, ProblemKind

DEFAULT_HTTP_PORT = 80
_EPHEMERAL_RETRIES = 5
_PATH = re.compile(r"^/[A-Za-z0-9_.%/-]*$")

_WSAEACCES = 10013
_WSAEADDRINUSE = 10048
_WSAEADDRNOTAVAIL = 10049


class BindFailure(Enum):
    """Why the loopback port could not be opened."""

    IN_USE = "in_use"
    PERMISSION_DENIED = "permission_denied"
    WINDOWS_EXCLUDED = "windows_excluded"
    ADDRESS_UNAVAILABLE = "address_unavailable"
    OTHER = "other"


_FAILURE_KINDS = {
    BindFailure.IN_USE: ProblemKind.PORT_IN_USE,
    BindFailure.PERMISSION_DENIED: ProblemKind.PORT_NOT_PERMITTED,
    BindFailure.WINDOWS_EXCLUDED: ProblemKind.PORT_RESERVED,
    BindFailure.ADDRESS_UNAVAILABLE: ProblemKind.PORT_ADDRESS_UNAVAILABLE,
    BindFailure.OTHER: ProblemKind.PORT_FAILED,
}


class LoopbackBindError(DerivError):
    """The loopback listener could not start; ``problem`` carries the reason, host and port."""

    def __init__(self, reason: BindFailure, host: str, port: int, os_errno: int | None) -> None:
        super().__init__(
            f"cannot listen on {host} port {port} ({reason.value})",
            problem=Problem(_FAILURE_KINDS[reason], host=host, port=port),
        )
        self.reason = reason
        self.host = host
        self.port = port
        self.os_errno = os_errno


def classify_bind_error(exc: OSError) -> BindFailure:
    """Map an ``OSError`` from ``bind()`` to a reason (POSIX errno or Windows ``winerror``)."""
    winerror = getattr(exc, "winerror", None)
    if winerror == _WSAEACCES:
        return BindFailure.WINDOWS_EXCLUDED
    if winerror == _WSAEADDRINUSE or exc.errno == errno.EADDRINUSE:
        return BindFailure.IN_USE
    if exc.errno in (errno.EACCES, errno.EPERM):
        return BindFailure.PERMISSION_DENIED
    if winerror == _WSAEADDRNOTAVAIL or exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
        return BindFailure.ADDRESS_UNAVAILABLE
    return BindFailure.OTHER


@dataclass(frozen=True, slots=True)
class LoopbackTarget:
    """The parsed registered redirect: host literal, port (0 = any) and callback path."""

    registered_uri: str
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, redirect_uri: str) -> LoopbackTarget:
        """Accept only ``http://127.0.0.1|localhost|[::1][:port]/path`` without query/fragment."""
        try:
            parts = urlsplit(redirect_uri)
            port = parts.port
        except ValueError as exc:
            raise ValueError("the redirect URI is not a valid URL") from exc
        host = (parts.hostname or "").lower()
        if parts.scheme != "http":
            raise ValueError("a loopback redirect URI must use http")
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("a loopback redirect URI must use 127.0.0.1, [::1] or localhost")
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError("a loopback redirect URI must not carry a query, fragment or user")
        path = parts.path or "/"
        if not _PATH.fullmatch(path):
            raise ValueError("the redirect URI path has unexpected characters")
        return cls(redirect_uri, host, DEFAULT_HTTP_PORT if port is None else port, path)

    @property
    def addresses(self) -> list[tuple[socket.AddressFamily, str]]:
        """What to bind: the literal, or both loopbacks for ``localhost`` (either may answer)."""
        if self.host == "127.0.0.1":
            return [(socket.AF_INET, "127.0.0.1")]
        if self.host == "::1":
            return [(socket.AF_INET6, "::1")]
        return [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")]

    def advertised_uri(self, bound_port: int) -> str:
        """The redirect URI to use: the registered string itself, or with the real port if 0."""
        if self.port != 0:
            return self.registered_uri
        return f"http://{self._url_host()}:{bound_port}{self.path}"

    def host_header_values(self, bound_port: int) -> frozenset[str]:
        """``Host`` values a browser sends for the advertised URI (lowercase)."""
        host = self._url_host()
        values = {f"{host}:{bound_port}"}
        if bound_port == DEFAULT_HTTP_PORT:
            values.add(host)
        return frozenset(values)

    def _url_host(self) -> str:
        return "[::1]" if self.host == "::1" else self.host


def open_listening_sockets(target: LoopbackTarget, backlog: int = 16) -> list[socket.socket]:
    """Bind and listen on every address of ``target`` with one shared port.

    Raises :class:`LoopbackBindError`. With ``localhost`` and port 0, a free IPv4 port that is
    taken on IPv6 is retried a few times; an IPv6 stack that is missing altogether is skipped.
    """
    retries = _EPHEMERAL_RETRIES if target.port == 0 and len(target.addresses) > 1 else 1
    for attempt in range(retries):
        sockets: list[socket.socket] = []
        port = target.port
        try:
            for index, (family, address) in enumerate(target.addresses):
                try:
                    sock = _listen(family, address, port, backlog)
                except OSError as exc:
                    reason = classify_bind_error(exc)
                    if index > 0 and reason is BindFailure.ADDRESS_UNAVAILABLE:
                        continue  # no IPv6 loopback here; IPv4 alone still serves localhost
                    if index > 0 and target.port == 0 and attempt + 1 < retries:
                        raise _RetryEphemeral from exc
                    raise LoopbackBindError(reason, address, port, exc.errno) from None
                sockets.append(sock)
                port = sock.getsockname()[1]
            return sockets
        except _RetryEphemeral:
            _close_all(sockets)
        except BaseException:
            _close_all(sockets)
            raise
    raise AssertionError("unreachable: the last retry raises instead")  # pragma: no cover


class _RetryEphemeral(Exception):
    pass


def _listen(family: socket.AddressFamily, address: str, port: int, backlog: int) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform == "win32":
            # Exclusive: no other process may bind the callback port while we hold it.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            # POSIX reuse only skips TIME_WAIT from the previous attempt; two listeners on the
            # same port are still refused.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((address, port))
        sock.listen(backlog)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


def _close_all(sockets: list[socket.socket]) -> None:
    for sock in sockets:
        sock.close()
