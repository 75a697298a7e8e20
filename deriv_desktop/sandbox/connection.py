"""One client WebSocket: its query parameters, authorization state and ordered outgoing queue.

Replies and stream pushes both go through one queue drained by a writer task, so a stream's
first reply always precedes its updates and synchronous code (balance changes) can push. A
black-holed connection (``black_hole()``) reads and sends nothing more and never closes, as a
dead route behaves: only the client's own liveness rules can tell.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from .stats import Stats


@dataclass
class Session:
    """What `authorize` established on this connection."""

    main_loginid: str | None = None
    tokens: dict[str, str] = field(default_factory=dict, repr=False)  # loginid -> token value
    multi: bool = False

    @property
    def authorized(self) -> bool:
        return self.main_loginid is not None

    def clear(self) -> None:
        self.main_loginid = None
        self.tokens = {}
        self.multi = False

    def drop_account(self, loginid: str) -> None:
        """Forget one account (its token died); losing the main account ends the session."""
        self.tokens.pop(loginid, None)
        if loginid == self.main_loginid or not self.tokens:
            self.clear()


@dataclass(frozen=True)
class CloseRequest:
    """Queued after the last reply: close the socket (``code`` None: a close frame without a
    status, as Mojolicious's bare ``finish`` sends; clients read 1005)."""

    code: int | None
    reason: str = ""


class Connection:
    """Server-side state of one WebSocket client."""

    def __init__(
        self,
        conn_id: int,
        ws: ServerConnection,
        *,
        app_id: int | None,
        app_valid: bool,
        language: str,
        brand: str,
        client_ip: str,
        user_agent: str,
        stats: Stats,
    ) -> None:
        self.id = conn_id
        self.ws = ws
        self.app_id = app_id
        self.app_valid = app_valid
        self.language = language
        self.brand = brand
        self.client_ip = client_ip
        self.user_agent = user_agent
        self.session = Session()
        self.last_activity = asyncio.get_running_loop().time()
        self._stats = stats
        self._queue: asyncio.Queue[str | CloseRequest | None] = asyncio.Queue()
        self._timers: set[asyncio.TimerHandle] = set()
        self.closed = False
        self.black_holed = False

    @property
    def rate_key(self) -> str:
        """Deriv's counter key: app id and account when authorized, else app id, client IP and
        User-Agent (so a reconnect does not reset the budget)."""
        main = self.session.main_loginid
        if main:
            return f"authorised:{self.app_id}/{main}"
        return f"unauthorised:{self.app_id}/{self.client_ip}:{self.user_agent}"

    def send(self, message: dict[str, object]) -> None:
        if not self.closed and not self.black_holed:
            self._queue.put_nowait(json.dumps(message, separators=(",", ":")))

    def send_later(
        self, delay: float, message: dict[str, object], then: Callable[[], None] | None = None
    ) -> None:
        """Send ``message`` after ``delay`` seconds, then call ``then`` (e.g. release the pushes
        of the stream this message opens, so they never overtake it)."""
        if delay <= 0:
            self.send(message)
            if then is not None:
                then()
            return
        loop = asyncio.get_running_loop()
        handle: asyncio.TimerHandle

        def fire() -> None:
            self._timers.discard(handle)
            self.send(message)
            if then is not None:
                then()

        handle = loop.call_later(delay, fire)
        self._timers.add(handle)

    def close_after_replies(self, code: int | None, reason: str = "") -> None:
        """Close the socket once everything queued so far is sent; nothing is sent after."""
        if not self.closed:
            self._queue.put_nowait(CloseRequest(code, reason))
            self.closed = True

    async def write_loop(self) -> None:
        """Send queued messages in order until the connection ends."""
        while True:
            item = await self._queue.get()
            if item is None:
                return
            if isinstance(item, CloseRequest):
                with contextlib.suppress(ConnectionClosed):
                    # websockets sends a status-less close frame for code None
                    await self.ws.close(item.code, item.reason)  # type: ignore[arg-type]
                return
            if self.black_holed:
                continue  # swallowed, like everything on a dead route
            try:
                await self.ws.send(item)
            except ConnectionClosed:
                return
            self._stats.messages_sent += 1

    def shutdown(self) -> None:
        """Stop the writer and pending delayed replies (the socket is gone or going)."""
        self.closed = True
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()
        self._queue.put_nowait(None)

    def black_hole(self) -> None:
        """From now on nothing is read or sent on this socket, and it is never closed (until
        ``abort()``): no reply, no push, no WebSocket ping, no close frame."""
        if self.black_holed:
            return
        self.black_holed = True
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()
        transport = self.ws.transport
        if transport is not None:
            transport.pause_reading()
        keepalive = getattr(self.ws, "keepalive_task", None)  # websockets' own pings
        if isinstance(keepalive, asyncio.Task):
            keepalive.cancel()

    def abort(self) -> None:
        """Cut the TCP connection without a close frame (simulated network failure)."""
        transport = self.ws.transport
        if transport is not None:
            transport.abort()
