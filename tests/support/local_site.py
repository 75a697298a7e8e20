"""A tiny HTTP/1.1 server on 127.0.0.1 for browser tests (pages, redirects, form posts).

It runs on the test's own event loop (plain asyncio or qasync), records every request, and lets a
test ``await site.next_request(path)`` instead of sleeping.  One request per connection
(``Connection: close``) keeps it small; that is all a browser needs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

MAX_BODY_BYTES = 1 << 20


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query)

    def form(self) -> dict[str, list[str]]:
        """The body decoded as ``application/x-www-form-urlencoded``."""
        return parse_qs(self.body.decode("utf-8"))


@dataclass(frozen=True)
class Response:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def html(cls, markup: str) -> Response:
        return cls(200, markup, {"Content-Type": "text/html; charset=utf-8"})

    @classmethod
    def redirect(cls, location: str) -> Response:
        return cls(302, b"", {"Location": location})


Handler = Callable[[Request], Response | Awaitable[Response]]

_REASONS = {200: "OK", 302: "Found", 400: "Bad Request", 404: "Not Found"}


class LocalSite:
    """Serve ``routes`` (path -> handler) until :meth:`close`; ``url(path)`` builds links."""

    def __init__(self) -> None:
        self._routes: dict[str, Handler] = {}
        self._server: asyncio.Server | None = None
        self._connections: dict[asyncio.Task[None], asyncio.StreamWriter] = {}
        self.requests: list[Request] = []
        self._taken: set[int] = set()
        self._arrived = asyncio.Event()
        self.port = 0

    def route(self, path: str, handler: Handler) -> None:
        self._routes[path] = handler

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def start(self) -> LocalSite:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        """Stop listening and end idle connections (browsers keep spare ones open).

        Connections are closed rather than their tasks cancelled: on Python 3.11 a cancelled
        handler task makes asyncio's own done-callback raise into the loop's exception handler.
        """
        if self._server is not None:
            self._server.close()
        for writer in list(self._connections.values()):
            writer.close()
        if self._connections:
            await asyncio.wait(list(self._connections), timeout=10)
        if self._server is not None:
            await self._server.wait_closed()

    async def __aenter__(self) -> LocalSite:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def next_request(self, path: str, *, timeout: float = 10.0) -> Request:
        """The first recorded request for ``path`` not yet returned by this method."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            arrived = self._arrived
            for index, request in enumerate(self.requests):
                if request.path == path and index not in self._taken:
                    self._taken.add(index)
                    return request
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"no request for {path} within {timeout} s")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(arrived.wait(), remaining)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections[task] = writer
        try:
            request = await self._read_request(reader)
            if request is None:
                return
            self.requests.append(request)
            arrived, self._arrived = self._arrived, asyncio.Event()
            arrived.set()
            handler = self._routes.get(request.path)
            if handler is None:
                response = Response(404, "not found")
            else:
                produced = handler(request)
                response = await produced if isinstance(produced, Awaitable) else produced
            writer.write(_encode(response))
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._connections.pop(task, None)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    @staticmethod
    async def _read_request(reader: asyncio.StreamReader) -> Request | None:
        request_line = await reader.readline()
        if not request_line:
            return None  # a speculative connection closed without a request
        method, target, _ = request_line.decode("latin-1").split(" ", 2)
        headers: dict[str, str] = {}
        while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        length = min(int(headers.get("content-length", "0")), MAX_BODY_BYTES)
        body = await reader.readexactly(length) if length else b""
        return Request(method, target, headers, body)


def _encode(response: Response) -> bytes:
    body = response.body.encode("utf-8") if isinstance(response.body, str) else response.body
    headers = {"Content-Length": str(len(body)), "Connection": "close", **response.headers}
    head = f"HTTP/1.1 {response.status} {_REASONS.get(response.status, 'Status')}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return (head + "\r\n").encode("latin-1") + body
