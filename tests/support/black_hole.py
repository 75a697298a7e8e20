"""A TCP relay in front of a server that can black-hole its connections, as a dead route does.

A black hole is not a drop: no close, no reset, nothing at all in either direction, so only the
client's own liveness rules can tell the link died. ``black_hole()`` swallows everything on the
connections open now (bytes are read and thrown away, nothing is forwarded); connections made
afterwards pass normally, like a route that came back. Plain asyncio, no Qt: the tests and
``bench/dead_link.py`` (in the sandbox's process) use it alike.
"""

from __future__ import annotations

import asyncio
import contextlib


class _Pipe:
    """One client connection and its upstream twin."""

    def __init__(self) -> None:
        self.swallowed = False
        self.tasks: list[asyncio.Task[None]] = []
        self.writers: list[asyncio.StreamWriter] = []

    async def pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                if not self.swallowed:
                    writer.write(data)
                    await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            if not self.swallowed:  # a black hole never closes anything
                writer.close()


class BlackHoleRelay:
    """``async with BlackHoleRelay(host, port) as relay: relay.url_for(ws_url)``."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._pipes: list[_Pipe] = []

    async def __aenter__(self) -> BlackHoleRelay:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for pipe in self._pipes:
            for writer in pipe.writers:
                writer.close()
            for task in pipe.tasks:
                task.cancel()
        for pipe in self._pipes:
            for task in pipe.tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        await self._server.wait_closed()

    def url_for(self, url: str) -> str:
        """``url`` (ws://127.0.0.1:PORT/...) pointed at the relay instead."""
        host, port = self.target
        return url.replace(f"{host}:{port}", f"127.0.0.1:{self.port}", 1)

    def black_hole(self) -> int:
        """Swallow all traffic of the connections open now; returns how many there were."""
        live = [p for p in self._pipes if not p.swallowed and not all(t.done() for t in p.tasks)]
        for pipe in live:
            pipe.swallowed = True
        return len(live)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        pipe = _Pipe()
        pipe.writers = [writer, up_writer]
        pipe.tasks = [
            asyncio.create_task(pipe.pump(reader, up_writer)),
            asyncio.create_task(pipe.pump(up_reader, writer)),
        ]
        self._pipes.append(pipe)
