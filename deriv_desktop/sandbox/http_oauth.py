"""A small asyncio HTTP/1.1 server (parsed with h11) that serves the OAuth pages (and, with
another handler, the new API's REST endpoints).

One request per connection (`Connection: close`), bodies capped, loopback only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

import h11

from .oauth_flow import MAX_BODY, HttpRequest, HttpResponse

log = logging.getLogger(__name__)
READ_TIMEOUT = 30.0


class HttpHandler(Protocol):
    def handle(self, request: HttpRequest) -> HttpResponse: ...


class OAuthHttpServer:
    """Runs a handler (`OAuthPages`, the REST API, ...) on a TCP port."""

    def __init__(self, pages: HttpHandler, host: str, port: int) -> None:
        self.pages = pages
        self.host = host
        self.port = port
        self._server: asyncio.Server | None = None
        self._clients: set[asyncio.Task[None]] = set()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._client, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._clients):
            task.cancel()
        if self._clients:
            await asyncio.gather(*self._clients, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._clients.add(task)
        try:
            async with asyncio.timeout(READ_TIMEOUT):
                await self._serve_one(reader, writer)
        except (TimeoutError, ConnectionError, h11.ProtocolError) as exc:
            log.debug("oauth http client ended: %s", type(exc).__name__)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            if task is not None:
                self._clients.discard(task)

    async def _serve_one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = h11.Connection(h11.SERVER)
        request: h11.Request | None = None
        body = bytearray()
        while True:
            try:
                event = conn.next_event()
            except h11.RemoteProtocolError:
                await self._send(writer, conn, HttpResponse(400, b"Bad Request"))
                return
            if event is h11.NEED_DATA:
                conn.receive_data(await reader.read(65536))
                continue
            if isinstance(event, h11.Request):
                request = event
            elif isinstance(event, h11.Data):
                body += event.data
                if len(body) > MAX_BODY:
                    await self._send(writer, conn, HttpResponse(413, b"Payload Too Large"))
                    return
            elif isinstance(event, h11.EndOfMessage) and request is not None:
                peer = writer.get_extra_info("peername")
                response = self.pages.handle(
                    HttpRequest(
                        method=request.method.decode("ascii", "replace"),
                        target=request.target.decode("ascii", "replace"),
                        headers={
                            k.decode("latin-1").lower(): v.decode("latin-1")
                            for k, v in request.headers
                        },
                        body=bytes(body),
                        client_ip=str(peer[0]) if peer else "",
                    )
                )
                await self._send(writer, conn, response)
                return
            else:  # ConnectionClosed or PAUSED: nothing more to do
                return

    @staticmethod
    async def _send(writer: asyncio.StreamWriter, conn: h11.Connection, resp: HttpResponse) -> None:
        headers = [
            *resp.headers,
            ("Content-Length", str(len(resp.body))),
            ("Connection", "close"),
            ("Server", "deriv-sandbox"),
        ]
        if resp.body and not any(k.lower() == "content-type" for k, _ in resp.headers):
            headers.append(("Content-Type", "text/plain; charset=utf-8"))
        data = conn.send(h11.Response(status_code=resp.status, headers=headers))
        payload = conn.send(h11.Data(data=resp.body)) if resp.body else b""
        end = conn.send(h11.EndOfMessage())
        writer.write((data or b"") + (payload or b"") + (end or b""))
        await writer.drain()
