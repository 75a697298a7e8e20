"""A real WebSocket server on 127.0.0.1 whose answers each test scripts (unit tests only)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve

Message = dict[str, Any]
Handler = Callable[["Peer", Message], Awaitable[None]]


@dataclass
class Peer:
    """One client connection as seen by the scripted server."""

    ws: ServerConnection
    server: ScriptedServer

    async def send(self, msg: Message) -> None:
        await self.ws.send(json.dumps(msg))

    async def reply(self, request: Message, payload: Any, **extra: Any) -> None:
        msg_type = next(k for k in request if k not in ("req_id", "passthrough", "loginid"))
        out: Message = {"echo_req": request, "msg_type": msg_type, msg_type: payload, **extra}
        if "req_id" in request:
            out["req_id"] = request["req_id"]
        await self.send(out)

    async def error(self, request: Message, code: str, message: str, **details: Any) -> None:
        msg_type = next(k for k in request if k not in ("req_id", "passthrough", "loginid"))
        err: Message = {"code": code, "message": message}
        if details:
            err["details"] = details
        out: Message = {"echo_req": request, "msg_type": msg_type, "error": err}
        if "req_id" in request:
            out["req_id"] = request["req_id"]
        await self.send(out)


@dataclass
class ScriptedServer:
    handler: Handler
    received: list[Message] = field(default_factory=list)
    peers: list[Peer] = field(default_factory=list)
    connections: int = 0
    compression: str | None = "deflate"  # websockets' default; None gives plain frames
    _server: Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.sockets[0].getsockname()[:2]
        return f"ws://{host}:{port}/websockets/v3?app_id=1&l=EN&brand=deriv"

    async def __aenter__(self) -> ScriptedServer:
        quiet = logging.getLogger("tests.scripted_server")
        quiet.setLevel(logging.INFO)  # frames carry tokens; never log them
        self._server = await serve(
            self._serve, "127.0.0.1", 0, logger=quiet, compression=self.compression
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()

    async def _serve(self, ws: ServerConnection) -> None:
        peer = Peer(ws, self)
        self.connections += 1
        self.peers.append(peer)
        try:
            async for raw in ws:
                msg = json.loads(raw)
                self.received.append(msg)
                task = asyncio.get_running_loop().create_task(self.handler(peer, msg))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        except Exception:
            pass

    def count(self, call: str) -> int:
        return sum(1 for m in self.received if call in m)

    async def drop_all(self) -> None:
        for peer in list(self.peers):
            peer.ws.transport.abort()
        self.peers.clear()


async def echo_ok(peer: Peer, msg: Message) -> None:
    """Answer every call with a plausible success payload."""
    if "ping" in msg:
        await peer.reply(msg, "pong")
    elif "authorize" in msg:
        await peer.reply(msg, {"loginid": "CR90000000", "scopes": ["read", "admin"]})
    elif "balance" in msg:
        extra = {"subscription": {"id": "b" * 32}} if msg.get("subscribe") else {}
        await peer.reply(
            msg, {"balance": 10.0, "currency": "USD", "loginid": "CR90000000"}, **extra
        )
    elif "forget" in msg:
        await peer.reply(msg, 1)
    elif "forget_all" in msg:
        await peer.reply(msg, ["b" * 32])
    else:
        await peer.reply(msg, 1)
