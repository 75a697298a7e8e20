"""A small HTTPS client on asyncio streams and h11: verified TLS, the system proxy, no threads.

Why not urllib: a blocking call needs a worker thread and cannot be cancelled, and the GUI runs
on one qasync loop. This client is cancellable at every await, has one overall deadline per
request and reads at most ``max_body`` bytes.

TLS uses ``ssl.create_default_context()`` (certificate and host name checked). The proxy comes
from the environment the way urllib reads it (``HTTPS_PROXY``/``https_proxy``, ``NO_PROXY``):
an ``http://[user:pass@]host:port`` proxy is asked to ``CONNECT`` and TLS then runs end to end
through the tunnel. Plain ``http`` is allowed only to loopback hosts (the sandbox), and those
never go through a proxy. Every failure becomes a ``ConnectionProblem`` (or ``RequestTimeout``)
with a sentence that says what broke in plain words; no message ever holds a header value.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ipaddress
import logging
import socket
import ssl
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlencode, urlsplit

import h11

from deriv_desktop import __version__
from deriv_desktop.domain.errors import ConnectionProblem, RequestTimeout
from deriv_desktop.domain.problems import ProblemKind

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 15.0
MAX_BODY = 1024 * 1024
USER_AGENT = f"deriv-desktop/{__version__}"
_LOOPBACK_NAMES = frozenset({"localhost"})


class ProxyProblem(ConnectionProblem):
    """The proxy from the system settings could not be used."""

    problem_kind = ProblemKind.PROXY_FAILED


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


@dataclass(frozen=True, slots=True)
class _Proxy:
    host: str
    port: int
    authorization: str | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return f"{self.host}:{self.port}"


def _proxy_for(target: Target, proxies: Mapping[str, str]) -> _Proxy | None:
    """The proxy to tunnel through for ``target``, following urllib's environment rules."""
    if target.loopback or not target.tls:
        return None
    raw = proxies.get("https") or proxies.get("all")
    if not raw:
        return None
    if urllib.request.proxy_bypass(target.host):
        return None
    if "://" not in raw:
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        port = parts.port or 8080
    except ValueError:
        raise ProxyProblem(
            "The proxy address in the system settings (HTTPS_PROXY) is not valid."
        ) from None
    if parts.scheme != "http" or not parts.hostname:
        raise ProxyProblem(
            "The proxy in the system settings (HTTPS_PROXY) must be an http:// address; "
            f"{parts.scheme or 'this'} proxies are not supported."
        )
    auth = None
    if parts.username is not None:
        pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        auth = "Basic " + base64.b64encode(pair).decode("ascii")
    return _Proxy(parts.hostname, port, auth)


class HttpClient:
    """One request per connection (``Connection: close``); enough for a few calls a minute."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        ssl_context: ssl.SSLContext | None = None,
        proxies: Mapping[str, str] | None = None,
        max_body: int = MAX_BODY,
    ) -> None:
        self.timeout = timeout
        self._ssl = ssl_context or ssl.create_default_context()
        self._proxies = proxies
        self.max_body = max_body

    def __repr__(self) -> str:
        return f"HttpClient(timeout={self.timeout})"

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
        proxies = self._proxies if self._proxies is not None else urllib.request.getproxies()
        proxy = _proxy_for(target, proxies)
        limit = self.timeout if timeout is None else timeout
        try:
            async with asyncio.timeout(limit):
                return await self._exchange(method, target, proxy, headers, body)
        except TimeoutError:
            where = f"the proxy {proxy.label} or " if proxy else ""
            raise RequestTimeout(
                f"No answer from {where}{target.host} within {limit:g} s."
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
        target: Target,
        proxy: _Proxy | None,
        headers: Sequence[tuple[str, str]],
        body: bytes | None,
    ) -> HttpReply:
        reader, writer = await self._open(target, proxy)
        try:
            return await self._send_and_read(reader, writer, method, target, headers, body)
        except (ConnectionError, OSError) as e:
            raise ConnectionProblem(
                f"The connection to {target.host} broke before the answer arrived "
                f"({_os_reason(e)})."
            ) from None
        except h11.ProtocolError:
            raise ConnectionProblem(
                f"{target.host} sent an answer that is not valid HTTP."
            ) from None
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _open(
        self, target: Target, proxy: _Proxy | None
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if proxy is None:
            try:
                return await asyncio.open_connection(
                    target.host,
                    target.port,
                    ssl=self._ssl if target.tls else None,
                    server_hostname=target.host if target.tls else None,
                )
            except ssl.SSLCertVerificationError:
                raise _tls_refused(target) from None
            except ssl.SSLError:
                raise TlsProblem(f"The secure connection to {target.host} failed.") from None
            except OSError as e:
                raise ConnectionProblem(_unreachable(target, e)) from None
        try:
            reader, writer = await asyncio.open_connection(proxy.host, proxy.port)
        except OSError as e:
            raise ProxyProblem(
                f"Could not reach the proxy server {proxy.label} from the system settings "
                f"(HTTPS_PROXY): {_os_reason(e)}. Check the proxy setting, or remove it."
            ) from None
        try:
            await _tunnel(reader, writer, target, proxy)
            await writer.start_tls(self._ssl, server_hostname=target.host)
        except ssl.SSLCertVerificationError:
            writer.close()
            raise _tls_refused(target) from None
        except ssl.SSLError:
            writer.close()
            raise TlsProblem(
                f"The secure connection to {target.host} through the proxy failed."
            ) from None
        except (OSError, h11.ProtocolError):
            writer.close()
            raise ProxyProblem(
                f"The proxy server {proxy.label} closed the connection instead of opening a "
                f"tunnel to {target.host}."
            ) from None
        except BaseException:
            writer.close()
            raise
        return reader, writer

    async def _send_and_read(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        method: str,
        target: Target,
        headers: Sequence[tuple[str, str]],
        body: bytes | None,
    ) -> HttpReply:
        conn = h11.Connection(h11.CLIENT)
        all_headers = [
            ("Host", target.host_header),
            ("User-Agent", USER_AGENT),
            ("Connection", "close"),
            *headers,
        ]
        if body is not None or method in ("POST", "PUT", "PATCH"):
            all_headers.append(("Content-Length", str(len(body or b""))))
        out = conn.send(h11.Request(method=method, target=target.path, headers=all_headers))
        if body:
            out = (out or b"") + (conn.send(h11.Data(data=body)) or b"")
        out = (out or b"") + (conn.send(h11.EndOfMessage()) or b"")
        writer.write(out)
        await writer.drain()

        status = 0
        reply_headers: dict[str, str] = {}
        data = bytearray()
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                chunk = await reader.read(65536)
                conn.receive_data(chunk)
                continue
            if isinstance(event, h11.InformationalResponse):
                continue
            if isinstance(event, h11.Response):
                status = event.status_code
                reply_headers = {
                    k.decode("latin-1").lower(): v.decode("latin-1") for k, v in event.headers
                }
            elif isinstance(event, h11.Data):
                data += event.data
                if len(data) > self.max_body:
                    raise ConnectionProblem(f"{target.host} sent an answer that is too large.")
            elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                break
            else:  # PAUSED cannot happen for a client that sent one request
                break
        if status == 0:
            raise ConnectionProblem(f"{target.host} closed the connection without answering.")
        return HttpReply(status, reply_headers, bytes(data))


async def _tunnel(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: Target, proxy: _Proxy
) -> None:
    """``CONNECT host:port`` through the proxy; raises ``ProxyProblem`` unless it says 2xx."""
    conn = h11.Connection(h11.CLIENT)
    authority = target.host_header if target.port != 443 else f"{target.host_header}:443"
    headers = [("Host", authority), ("User-Agent", USER_AGENT)]
    if proxy.authorization:
        headers.append(("Proxy-Authorization", proxy.authorization))
    writer.write(conn.send(h11.Request(method="CONNECT", target=authority, headers=headers)) or b"")
    writer.write(conn.send(h11.EndOfMessage()) or b"")
    await writer.drain()
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            chunk = await reader.read(65536)
            if not chunk:
                raise OSError("the proxy closed the connection")
            conn.receive_data(chunk)
            continue
        if isinstance(event, h11.InformationalResponse):
            continue
        if isinstance(event, h11.Response):
            if 200 <= event.status_code < 300:
                return
            reason = event.reason.decode("latin-1", "replace")
            advice = (
                " The proxy wants a user name and password in HTTPS_PROXY."
                if event.status_code == 407
                else ""
            )
            raise ProxyProblem(
                f"The proxy server {proxy.label} refused to connect to {target.host} "
                f"(HTTP {event.status_code} {reason}).{advice}"
            )
        raise OSError("unexpected answer from the proxy")


def _tls_refused(target: Target) -> TlsProblem:
    return TlsProblem(
        f"The identity of {target.host} could not be verified (its TLS certificate was not "
        "accepted). The network may be intercepting secure connections."
    )


def _unreachable(target: Target, e: OSError) -> str:
    if isinstance(e, socket.gaierror):
        return f"Could not find the server {target.host} (check the network or DNS)."
    if isinstance(e, ConnectionRefusedError):
        return f"{target.host} refused the connection."
    return f"Could not reach {target.host} ({_os_reason(e)})."


def _os_reason(e: BaseException) -> str:
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    if isinstance(e, socket.gaierror):
        return "name not found"
    if isinstance(e, OSError) and e.strerror:
        return e.strerror.lower()
    return type(e).__name__
