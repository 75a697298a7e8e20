"""Test helpers for talking to the sandbox over real sockets (plain `websockets` and h11)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

import h11
from websockets.asyncio.client import ClientConnection, connect

from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.models import Account, User

APP_ID = 4321
OTHER_APP_ID = 4322
REDIRECT = "http://127.0.0.1:8999/callback"
OTHER_REDIRECT = "http://127.0.0.1:8998/other"
TIMEOUT = 5.0

Message = dict[str, Any]


def make_config(**overrides: Any) -> SandboxConfig:
    """A quiet sandbox with two test apps registered (third-party, all scopes)."""
    base: dict[str, Any] = {"apps": {APP_ID: REDIRECT, OTHER_APP_ID: OTHER_REDIRECT}}
    base.update(overrides)
    return SandboxConfig(**base)


class WsClient:
    """A tiny Deriv client: `call` matches replies by req_id, everything else is a push."""

    _ids = itertools.count(1)

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self._pending: dict[int, asyncio.Future[Message]] = {}
        self._pushes: asyncio.Queue[Message] = asyncio.Queue()
        self.received: list[Message] = []  # every message, in arrival order
        self._reader = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def open(
        cls, sandbox: Sandbox, app_id: int | None = APP_ID, query: str = "", **kwargs: Any
    ) -> WsClient:
        params = f"app_id={app_id}" if app_id is not None else ""
        if query:
            params = f"{params}&{query}" if params else query
        url = sandbox.ws_url + (f"?{params}" if params else "")
        return cls(await connect(url, **kwargs))

    async def _read(self) -> None:
        with contextlib.suppress(Exception):
            async for raw in self.ws:
                message = json.loads(raw)
                self.received.append(message)
                req_id = message.get("req_id")
                future = self._pending.pop(req_id, None) if isinstance(req_id, int) else None
                if future is not None and not future.done():
                    future.set_result(message)
                else:
                    self._pushes.put_nowait(message)

    async def call(self, request: Message, timeout: float = TIMEOUT) -> Message:
        request = dict(request)
        request.setdefault("req_id", next(self._ids))
        future: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self._pending[request["req_id"]] = future
        await self.ws.send(json.dumps(request))
        return await asyncio.wait_for(future, timeout)

    async def ok(self, request: Message) -> Any:
        """Call and return the payload, failing the test on an error reply."""
        reply = await self.call(request)
        assert "error" not in reply, reply["error"]
        return reply[reply["msg_type"]]

    async def error(self, request: Message) -> dict[str, Any]:
        reply = await self.call(request)
        assert "error" in reply, f"expected an error, got {reply}"
        error: dict[str, Any] = reply["error"]
        return error

    async def push(self, timeout: float = TIMEOUT) -> Message:
        return await asyncio.wait_for(self._pushes.get(), timeout)

    async def push_where(self, predicate: Callable[[Message], bool]) -> Message:
        while True:
            message = await self.push()
            if predicate(message):
                return message

    def pending_pushes(self) -> int:
        return self._pushes.qsize()

    async def wait_closed(self, timeout: float = TIMEOUT) -> None:
        await asyncio.wait_for(self.ws.wait_closed(), timeout)
        await asyncio.wait_for(self._reader, timeout)

    async def close(self) -> None:
        await self.ws.close()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


def account(user: User, currency: str, company: str = "svg") -> Account:
    """The user's account in `currency` at `company` (svg, maltainvest, virtual)."""
    return next(a for a in user.accounts if a.currency == currency and a.landing_company == company)


def named_token(sandbox: Sandbox, loginid: str, name: str) -> str:
    """Value of the seeded API token called `name` on `loginid`."""
    return next(t.value for t in sandbox.state.api_tokens(loginid) if t.display_name == name)


async def authorized(sandbox: Sandbox, token: str, **kwargs: Any) -> WsClient:
    client = await WsClient.open(sandbox, **kwargs)
    await client.ok({"authorize": token})
    return client


# -- HTTP (OAuth pages) -----------------------------------------------------------------------
class HttpReply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def hidden(self, name: str) -> str:
        """Value of a hidden form field in the page."""
        marker = f'name="{name}" value="'
        start = self.text.index(marker) + len(marker)
        return self.text[start : self.text.index('"', start)]


async def http(method: str, url: str, form: dict[str, str] | None = None) -> HttpReply:
    """One HTTP/1.1 request over a fresh loopback connection, parsed with h11."""
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        conn = h11.Connection(h11.CLIENT)
        body = urlencode(form).encode() if form is not None else b""
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = [("Host", parts.netloc), ("User-Agent", "Mozilla/5.0 (X11; Linux) Chrome/130")]
        if form is not None:
            headers += [
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Content-Length", str(len(body))),
            ]
        data = conn.send(h11.Request(method=method, target=target, headers=headers)) or b""
        if body:
            data += conn.send(h11.Data(data=body)) or b""
        data += conn.send(h11.EndOfMessage()) or b""
        writer.write(data)
        await writer.drain()
        status, reply_headers, chunks = 0, {}, bytearray()
        async with asyncio.timeout(TIMEOUT):
            while True:
                event = conn.next_event()
                if event is h11.NEED_DATA:
                    conn.receive_data(await reader.read(65536))
                elif isinstance(event, h11.Response):
                    status = event.status_code
                    reply_headers = {k.decode().lower(): v.decode() for k, v in event.headers}
                elif isinstance(event, h11.Data):
                    chunks += event.data
                elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                    break
        return HttpReply(status, reply_headers, bytes(chunks))
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


def authorize_url(sandbox: Sandbox, app_id: int | str = APP_ID, **params: str) -> str:
    return sandbox.oauth_url + "?" + urlencode({"app_id": app_id, **params})
