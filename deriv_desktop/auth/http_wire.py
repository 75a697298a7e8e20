"""One request and one answer on a loopback connection: h11 parses and frames, we set limits.

Kept apart from the receiver's sign-in logic so the byte-level rules (head size, TLS sniffing,
security headers, closing without losing the answer) are in one small place.
"""

from __future__ import annotations

import asyncio
import contextlib
import http
from dataclasses import dataclass

import h11

from deriv_desktop.auth import pages
from deriv_desktop.auth.pages import HtmlPage

READ_CHUNK = 4096
_LINGER_BYTES = 65_536


class TlsClientHello(Exception):
    """The client opened with a TLS record: the browser insisted on https."""


@dataclass(frozen=True, slots=True)
class HttpAnswer:
    """A status, an optional page and any extra headers (security headers are always added)."""

    status: int
    page: HtmlPage | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(eq=False, slots=True)
class WireState:
    """What the receiver needs to know about a connection to pick eviction victims."""

    writer: asyncio.StreamWriter
    reading: bool = True  # still waiting for the request head
    received: bool = False  # has sent at least one byte
    evicted: bool = False


async def read_request_head(
    reader: asyncio.StreamReader, h: h11.Connection, wire: WireState
) -> h11.Request | None:
    """Read until h11 has a complete request head; None when the client left without one.

    Raises :class:`TlsClientHello`, or ``h11.RemoteProtocolError`` for malformed or oversized
    heads (h11 enforces ``max_incomplete_event_size``). The caller bounds the total time.
    """
    while True:
        event = h.next_event()
        if event is h11.NEED_DATA:
            data = await reader.read(READ_CHUNK)
            if data and not wire.received:
                wire.received = True
                # A TLS handshake record starts 0x16 0x03; no HTTP method starts with 0x16.
                if data[0] == 0x16 and (len(data) == 1 or data[1] == 0x03):
                    raise TlsClientHello
            h.receive_data(data)
            continue
        if isinstance(event, h11.Request):
            return event
        return None


async def write_answer(
    writer: asyncio.StreamWriter,
    h: h11.Connection,
    answer: HttpAnswer,
    *,
    head_only: bool,
    timeout: float,
) -> None:
    """Frame ``answer`` with h11 (no body for HEAD) and send it within ``timeout``."""
    if writer.is_closing():
        return
    page = answer.page
    body = page.body if page is not None else b""
    headers: list[tuple[str, str]] = []
    if page is not None:
        headers.append(("Content-Type", "text/html; charset=utf-8"))
    if answer.status != 204:
        headers.append(("Content-Length", str(len(body))))
    headers += pages.security_headers(page.csp if page is not None else pages.CSP_STATIC)
    headers += answer.headers
    reason = http.HTTPStatus(answer.status).phrase.encode("ascii")
    chunks = [h.send(h11.Response(status_code=answer.status, headers=headers, reason=reason))]
    if body and not head_only:
        chunks.append(h.send(h11.Data(data=body)))
    chunks.append(h.send(h11.EndOfMessage()))
    writer.write(b"".join(chunk or b"" for chunk in chunks))
    async with asyncio.timeout(timeout):
        await writer.drain()


async def linger(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float
) -> None:
    """Half-close, then drain briefly: closing with unread input would send a reset that can
    destroy the answer before the client reads it."""
    if writer.is_closing():
        return
    with contextlib.suppress(OSError, RuntimeError):
        if writer.can_write_eof():
            writer.write_eof()
    drained = 0
    with contextlib.suppress(TimeoutError, OSError):
        async with asyncio.timeout(timeout):
            while drained < _LINGER_BYTES:
                chunk = await reader.read(READ_CHUNK)
                if not chunk:
                    break
                drained += len(chunk)


def close_connection(writer: asyncio.StreamWriter) -> None:
    """Close now; abort if unsent data is stuck (a client that stopped reading)."""
    if writer.transport.get_write_buffer_size():
        writer.transport.abort()
    else:
        writer.close()


def header_value(request: h11.Request, name: bytes) -> bytes | None:
    """The single value of header ``name`` (lowercase), or None if absent or repeated."""
    values = [value for key, value in request.headers if key == name]
    return values[0] if len(values) == 1 else None


def method_label(method: bytes) -> str:
    """A short, printable method name for logs."""
    return method[:16].decode("ascii", "replace")
