"""The new API's HTTPS client: httpx on the GUI's one asyncio loop, verified TLS, proxies.

Why httpx: it speaks HTTP/1.1 through HTTP CONNECT and SOCKS5 proxies (with ``socksio``), is
cancellable at every await and needs no worker thread (the GUI runs on one qasync loop). This
module adds what the app needs on top: one overall deadline per request, at most ``max_body``
bytes read, plain ``http`` only to loopback hosts (the sandbox), the proxy ``api/proxy.py``
picks (the one in Settings, or the system's), and every failure as a ``ConnectionProblem`` (or
``RequestTimeout``) with a sentence that says what broke in plain words. No message ever holds
a header value or a proxy's password. One request per connection (``Connection: close``): the
app makes a few calls a minute, and nothing is left open to close at shutdown.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import quote, urlencode, urlsplit

import httpx

from deriv_desktop import __version__
from deriv_desktop.api.proxy import (
    ProxyProblem,
    ProxyRoute,
    asks_for_login,
    causes,
    network_problem,
    route_for,
    socks_failure,
)
from deriv_desktop.domain.errors import ConnectionProblem, RequestTimeout
from deriv_desktop.domain.problems import ProblemKind
from deriv_desktop.domain.proxy import SYSTEM_PROXY, ProxySettings

log = logging.getLogger(__name__)

# httpx logs every request's URL at INFO (an OAuth2 answer's code is in a query) and httpcore
# every header at DEBUG (a bearer token is one): they never get past WARNING, whatever level
# the application runs at.
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)

DEFAULT_TIMEOUT = 15.0
MAX_BODY = 1024 * 1024
USER_AGENT = f"deriv-desktop/{__version__}"
_LOOPBACK_NAMES = frozenset({"localhost"})


__all__ = ["HttpClient", "HttpReply", "ProxyProblem", "Target", "TlsProblem", "parse_target"]


class TlsProblem(ConnectionProblem):
    """The server's certificate was not accepted (or TLS failed before any answer)."""

    problem_kind = ProblemKind.TLS_FAILED


@dataclass(frozen=True, slots=True)
class HttpReply:
    """One HTTP answer. Header names are lower case."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True, slots=True)
class Target:
    """Where a URL points, checked: https anywhere, http only on loopback."""

    scheme: str
    host: str
    port: int
    path: str  # path and query, as sent in the request line

    @property
    def tls(self) -> bool:
        return self.scheme == "https"

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.tls else 80
        return host if self.port == default else f"{host}:{self.port}"

    @property
    def loopback(self) -> bool:
        return is_loopback_host(self.host)


def is_loopback_host(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_target(url: str) -> Target:
    """Check ``url`` and split it; ``ValueError`` says what is wrong (never echoing a query)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValueError("not a valid http(s) address") from None
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise ValueError("the address must start with https://")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise ValueError("plain http is allowed only for a loopback address (the sandbox)")
    if parts.username or parts.password or parts.fragment:
        raise ValueError("the address must not carry user info or a fragment")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path)


class HttpClient:
    """One request per connection; enough for a few calls a minute."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        ssl_context: ssl.SSLContext | None = None,
        proxy: ProxySettings = SYSTEM_PROXY,
        max_body: int = MAX_BODY,
    ) -> None:
        self.timeout = timeout
        self._ssl = ssl_context or ssl.create_default_context()
        self.proxy = proxy
        self.max_body = max_body

    def __repr__(self) -> str:
        return f"HttpClient(timeout={self.timeout}, proxy {self.proxy.mode.value})"

    async def request(
        self,
        method: str,
        url: str,
        *,
        headers: Sequence[tuple[str, str]] = (),
        body: bytes | None = None,
        timeout: float | None = None,
    ) -> HttpReply:
        """Send one request and return the whole answer (any status: the caller decides)."""
        target = parse_target(url)
        route = route_for(self.proxy, url)
        limit = self.timeout if timeout is None else timeout
        try:
            async with asyncio.timeout(limit):
                return await self._exchange(method, url, target, route, headers, body)
        except TimeoutError:
            if route is None:
                raise RequestTimeout(f"No answer from {target.host} within {limit:g} s.") from None
            late = route.problem(ProblemKind.PROXY_NO_ANSWER, "no answer in time")
            raise RequestTimeout(
                f"No answer from the proxy {route.label} or {target.host} within {limit:g} s.",
                problem=late.problem,
            ) from None

    async def post_form(
        self, url: str, form: Mapping[str, str], timeout: float | None = None
    ) -> tuple[int, bytes]:
        """POST ``application/x-www-form-urlencoded``; returns (status, body). For OAuth2."""
        body = urlencode(list(form.items()), quote_via=quote).encode("ascii")
        reply = await self.request(
            "POST",
            url,
            headers=[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json"),
            ],
            body=body,
            timeout=timeout,
        )
        return reply.status, reply.body

    # ------------------------------------------------------------------ internals
    async def _exchange(
        self,
        method: str,
        url: str,
        target: Target,
        route: ProxyRoute | None,
        headers: Sequence[tuple[str, str]],
        body: bytes | None,
    ) -> HttpReply:
        if body is None and method in ("POST", "PUT", "PATCH"):
            body = b""
        async with httpx.AsyncClient(
            verify=self._ssl,
            proxy=route.url if route is not None else None,
            trust_env=False,  # route_for has read the system's settings already
            timeout=None,  # noqa: S113 - one deadline for the whole request, in request()
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        ) as client:
            try:
                request = client.build_request(
                    method, url, headers=[*headers, ("Connection", "close")], content=body
                )
                response = await client.send(request, stream=True)
                try:
                    return await self._read(response, target, route)
                finally:
                    await response.aclose()
            except httpx.HTTPError as e:
                raise _failure(e, target, route) from None

    async def _read(
        self, response: httpx.Response, target: Target, route: ProxyRoute | None
    ) -> HttpReply:
        if route is not None and _proxy_wants_login(response):
            raise route.problem(ProblemKind.PROXY_AUTH_FAILED, "the proxy wants a password")
        data = bytearray()
        async for chunk in response.aiter_bytes():
            data += chunk
            if len(data) > self.max_body:
                raise ConnectionProblem(f"{target.host} sent an answer that is too large.")
        headers = {k.lower(): v for k, v in response.headers.items()}
        return HttpReply(response.status_code, headers, bytes(data))


_NOT_A_PROXY_STATUS = frozenset({400, 404, 405, 501})


def _proxy_wants_login(response: httpx.Response) -> bool:
    """A plain-http request is forwarded, not tunnelled, so the proxy's refusal arrives as an
    answer: 407, or 401 with a Basic challenge (Deriv's API challenges Bearer tokens only)."""
    status = response.status_code
    if status == HTTPStatus.PROXY_AUTHENTICATION_REQUIRED:
        return True
    challenge = response.headers.get("www-authenticate", "")
    return status == HTTPStatus.UNAUTHORIZED and challenge.lower().startswith("basic")


def _failure(e: httpx.HTTPError, target: Target, route: ProxyRoute | None) -> ConnectionProblem:
    """The problem an httpx error stands for, told without any header, URL or password."""
    tls = next((c for c in causes(e) if isinstance(c, ssl.SSLError)), None)
    if isinstance(tls, ssl.SSLCertVerificationError):
        return _tls_refused(target)
    if tls is not None:
        via = " through the proxy" if route is not None else ""
        return TlsProblem(f"The secure connection to {target.host}{via} failed.")
    if route is not None:
        found = _proxy_failure(e, route)
        if found is not None:
            return found
    if isinstance(e, httpx.ConnectError):
        os_error = next((c for c in causes(e) if isinstance(c, OSError)), None)
        return ConnectionProblem(_unreachable(target, os_error))
    if isinstance(e, httpx.ProtocolError | httpx.DecodingError):
        return ConnectionProblem(f"{target.host} sent an answer that is not valid HTTP.")
    return ConnectionProblem(
        f"The connection to {target.host} broke before the answer arrived ({type(e).__name__})."
    )


def _proxy_failure(e: httpx.HTTPError, route: ProxyRoute) -> ProxyProblem | None:
    if isinstance(e, httpx.ProxyError):
        if route.socks:
            return socks_failure(e, route)
        # httpcore says "<status> <reason>" when the proxy refuses the CONNECT.
        status = int(str(e).split(" ", 1)[0]) if str(e)[:3].isdigit() else 0
        if asks_for_login(status):
            return route.problem(ProblemKind.PROXY_AUTH_FAILED, "the proxy wants a password")
        if status and status not in _NOT_A_PROXY_STATUS:
            return route.problem(
                ProblemKind.PROXY_DENIED, f"the proxy answered HTTP {status}", code=str(status)
            )
        return route.problem(ProblemKind.PROXY_NOT_A_PROXY, "the answer was not a proxy's")
    if isinstance(e, httpx.ConnectError):
        return network_problem(e, route)
    if isinstance(e, httpx.RemoteProtocolError):  # the first answer is the proxy's
        return route.problem(ProblemKind.PROXY_NOT_A_PROXY, "the answer was not a proxy's")
    return None


def _tls_refused(target: Target) -> TlsProblem:
    return TlsProblem(
        f"The identity of {target.host} could not be verified (its TLS certificate was not "
        "accepted). The network may be intercepting secure connections."
    )


def _unreachable(target: Target, e: OSError | None) -> str:
    if isinstance(e, socket.gaierror):
        return f"Could not find the server {target.host} (check the network or DNS)."
    if isinstance(e, ConnectionRefusedError):
        return f"{target.host} refused the connection."
    reason = e.strerror.lower() if e is not None and e.strerror else "no connection"
    return f"Could not reach {target.host} ({reason})."
