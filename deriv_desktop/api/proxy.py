"""Which proxy one connection goes through, and what a proxy's failure means for the user.

Both transports (websockets for the sockets, httpx for REST) take the proxy address this module
picks, so the two always agree and a failure can name the proxy it happened at. The system's
choice is read the way the standard library reads it (``urllib.request.getproxies`` and
``proxy_bypass``: ``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``, ``NO_PROXY`` and their lower-case
forms; the registry or system preferences on Windows and macOS), in websockets' order for
sockets, with ``ALL_PROXY`` as the last resort for both.

A route's ``url`` may carry the proxy's user name and password: it goes to the transport and
nowhere else. Every message here names the proxy by ``label`` (kind, host and port) only.
"""

from __future__ import annotations

import errno
import socket
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import quote, unquote, urlsplit

from deriv_desktop.domain.errors import ConnectionProblem
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.domain.proxy import ProxyMode, ProxySettings, url_host

#: Where a route came from, as ``Problem.field`` (the GUI points at the right settings).
FROM_SETTINGS = "settings"
FROM_SYSTEM = "system"

_DEFAULT_PORTS = {"http": 8080, "https": 443, "socks5": 1080, "socks5h": 1080}
_UNREACHABLE = frozenset(
    {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN, errno.ENETDOWN, errno.EADDRNOTAVAIL}
)


@dataclass(frozen=True, slots=True)
class ProxyRoute:
    """The proxy one connection goes through."""

    scheme: str  # http, https, socks5 or socks5h
    host: str
    port: int
    source: str  # FROM_SETTINGS or FROM_SYSTEM
    username: str = ""
    password: str = field(default="", repr=False)

    @property
    def label(self) -> str:
        """How messages name the proxy (never with its user name or password)."""
        return f"{self.scheme}://{url_host(self.host)}:{self.port}"

    @property
    def socks(self) -> bool:
        return self.scheme.startswith("socks")

    @property
    def url(self) -> str:
        """The address the transport is given (with the credentials, when there are any)."""
        user = ""
        if self.username or self.password:
            user = f"{quote(self.username, safe='')}:{quote(self.password, safe='')}@"
        return f"{self.scheme}://{user}{url_host(self.host)}:{self.port}"

    def problem(self, kind: ProblemKind, log_text: str, *, code: str = "") -> ProxyProblem:
        """A ``ProxyProblem`` about this proxy; ``log_text`` is English and names it by label."""
        where = Problem(kind, host=self.host, port=self.port, field=self.source, code=code)
        return ProxyProblem(f"{log_text} (proxy {self.label}, from the {self.source})", where)


class ProxyProblem(ConnectionProblem):
    """The proxy could not carry the connection; ``problem`` says how and which proxy."""

    problem_kind = ProblemKind.PROXY_FAILED

    def __init__(self, log_text: str, problem: Problem | None = None) -> None:
        super().__init__(log_text, problem=problem)


def route_for(proxy: ProxySettings, address: str) -> ProxyRoute | None:
    """The proxy a connection to ``address`` (ws, wss, http or https) goes through, if any.

    A proxy named in the settings carries everything; the system's follows its bypass list.
    Raises ``ProxyProblem`` when the system names a proxy this app cannot use.
    """
    if proxy.mode is ProxyMode.NONE:
        return None
    if proxy.mode is ProxyMode.HTTP:
        scheme = "http"
    elif proxy.mode is ProxyMode.SOCKS5:
        scheme = "socks5h"  # the proxy looks the server's name up: no DNS leak
    else:
        return _system_route(address)
    return ProxyRoute(scheme, proxy.host, proxy.port, FROM_SETTINGS, proxy.username, proxy.password)


def _system_route(address: str) -> ProxyRoute | None:
    parts = urlsplit(address)
    host = parts.hostname or ""
    secure = parts.scheme in ("wss", "https")
    port = parts.port or (443 if secure else 80)
    if urllib.request.proxy_bypass(f"{url_host(host)}:{port}"):
        return None
    proxies = urllib.request.getproxies()
    order = [parts.scheme] if parts.scheme in ("ws", "wss") else []
    order += ["https", "socks"] if secure else ["http", "socks"]
    order.append("all")
    for key in order:
        raw = proxies.get(key)
        if raw:
            return _parse_system_proxy(raw, socks=key == "socks")
    return None


def _parse_system_proxy(raw: str, *, socks: bool) -> ProxyRoute:
    unusable = ProxyProblem(
        "the system's proxy address cannot be used",
        Problem(ProblemKind.PROXY_UNSUPPORTED, field=FROM_SYSTEM),
    )
    if "://" not in raw:
        raw = ("socks5h://" if socks else "http://") + raw
    elif socks and raw.startswith("http://"):  # how the system settings name a SOCKS proxy
        raw = "socks5h://" + raw.removeprefix("http://")
    try:
        parts = urlsplit(raw)
        scheme = parts.scheme.lower()
        port = parts.port or _DEFAULT_PORTS.get(scheme, 0)
    except ValueError:
        raise unusable from None
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise unusable
    return ProxyRoute(
        scheme,
        parts.hostname,
        port,
        FROM_SYSTEM,
        unquote(parts.username or ""),
        unquote(parts.password or ""),
    )


def network_problem(error: BaseException, route: ProxyRoute) -> ProxyProblem | None:
    """What an OS-level failure to open a connection through ``route`` says about the proxy:
    the first hop of every proxied connection is the proxy, so a refusal or an unknown name
    there is the proxy's. None when ``error`` holds no such failure."""
    for cause in causes(error):
        if isinstance(cause, ConnectionRefusedError) or (
            isinstance(cause, OSError)
            and not isinstance(cause, socket.gaierror)
            and cause.errno == errno.ECONNREFUSED
        ):
            return route.problem(ProblemKind.PROXY_REFUSED, "the proxy refused the connection")
        if isinstance(cause, socket.gaierror) or (
            isinstance(cause, OSError) and cause.errno in _UNREACHABLE
        ):
            return route.problem(ProblemKind.PROXY_UNREACHABLE, "the proxy could not be reached")
    return None


def asks_for_login(status: int) -> bool:
    """A proxy's answer to CONNECT that means "wrong or missing user name and password" (407;
    tinyproxy answers 401 to a wrong password)."""
    return status in (HTTPStatus.UNAUTHORIZED, HTTPStatus.PROXY_AUTHENTICATION_REQUIRED)


def socks_failure(cause: BaseException | None, route: ProxyRoute) -> ProxyProblem:
    """What a SOCKS proxy's refusal (python-socks' or httpcore's ``ProxyError``, read by its
    reply code and words) says: wrong credentials, no way to Deriv, or no SOCKS proxy there."""
    text = str(cause or "").lower()
    if "password" in text or "authentication" in text:
        return route.problem(ProblemKind.PROXY_AUTH_FAILED, "the SOCKS proxy refused the login")
    code = getattr(cause, "error_code", None)
    if isinstance(code, int) or "could not connect" in text:
        return route.problem(
            ProblemKind.PROXY_DENIED,
            "the SOCKS proxy would not connect to the server",
            code=str(code) if isinstance(code, int) else "",
        )
    return route.problem(ProblemKind.PROXY_NOT_A_PROXY, "the answer was not a SOCKS proxy's")


def causes(error: BaseException) -> Iterator[BaseException]:
    """``error``, what caused it, and the members of exception groups, depth first."""
    seen: set[int] = set()
    stack = [error]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            stack.extend(reversed(current.exceptions))
        for nxt in (current.__context__, current.__cause__):
            if nxt is not None:
                stack.append(nxt)
