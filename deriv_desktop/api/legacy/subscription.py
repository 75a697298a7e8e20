"""A server stream as an async iterator that ends on forget, on close, or with a pushed error."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from deriv_desktop.domain.errors import ApiError, MalformedResponse, api_error_from

Message = dict[str, Any]

_END = object()


class Subscription:
    """Messages of one subscribed call, in arrival order.

    The client keeps the original request so it can re-send it once after a reconnect; the
    iterator carries on across reconnects and only ends when the stream really ends. While a
    re-sent request waits for its answer (``restoring``), an error answer does not end the
    stream: it goes to the client, which retries a passing failure.
    """

    def __init__(self, request: Message, forget: Callable[[Subscription], Awaitable[None]]) -> None:
        self.request = request
        self.msg_type = next(iter(k for k in request if k not in ("req_id", "passthrough")))
        self.id: str | None = None
        self.first: Message | None = None
        self.restorations = 0
        self._forget = forget
        self._first_ready: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self._items: deque[Any] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._sink: Callable[[Message | BaseException | None], None] | None = None
        self._restored: asyncio.Future[None] | None = None
        self.ended = False

    def __repr__(self) -> str:
        return f"Subscription({self.msg_type!r}, id={self.id!r}, ended={self.ended})"

    # --- fed by the client -------------------------------------------------------------
    @property
    def started(self) -> bool:
        """The server answered the opening request."""
        return self._first_ready.done()

    @property
    def restoring(self) -> bool:
        """A re-sent request (after a reconnect) waits for its answer."""
        return self._restored is not None and not self._restored.done()

    def expect_restore(self) -> asyncio.Future[None]:
        """The request is being sent again: the returned future settles with its answer."""
        self._restored = asyncio.get_running_loop().create_future()
        return self._restored

    def reject(self, error: BaseException) -> None:
        """The answer to the opening (or re-sent) request was unusable."""
        if self.restoring:
            assert self._restored is not None
            self._restored.set_exception(error)
        elif not self._first_ready.done():
            self._first_ready.set_exception(error)
            self.ended = True

    def deliver(self, msg: Message) -> None:
        if self.ended:
            return
        error = msg.get("error")
        if error is not None:
            exc: BaseException = (
                api_error_from(error, msg.get("msg_type"))
                if isinstance(error, dict)
                else MalformedResponse("The server sent an error that is not an object.")
            )
            if self.restoring:
                self.reject(exc)
                return
            if not self._first_ready.done():
                self._first_ready.set_exception(exc)
                self.ended = True
                return
            self._finish(exc)
            return
        sub = msg.get("subscription")
        if isinstance(sub, dict) and sub.get("id"):
            self.id = str(sub["id"])
        restored = self._restored
        if restored is not None and not restored.done():
            restored.set_result(None)
        if not self._first_ready.done():
            self.first = msg
            self._first_ready.set_result(msg)
            return
        self._push(msg)

    def end(self, error: BaseException | None = None) -> None:
        """Finish the stream; the iterator raises ``error`` if given, else stops."""
        if not self._first_ready.done():
            self._first_ready.set_exception(error or asyncio.CancelledError())
            self._first_ready.exception()  # mark retrieved: nobody may be waiting any more
        self._finish(error)

    def _finish(self, error: BaseException | None) -> None:
        if self.ended:
            return
        self.ended = True
        self._push(error if error is not None else _END)

    def pipe_to(self, sink: Callable[[Message | BaseException | None], None]) -> None:
        """Hand every later message (an error, or None when the stream ends) to ``sink``
        instead of the iterator: several streams can feed one consumer without extra tasks."""
        self._sink = sink
        while self._items:
            self._push(self._items.popleft())

    def _push(self, item: Any) -> None:
        sink = self._sink
        if sink is not None:
            sink(None if item is _END else item)
            return
        self._items.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def wait_first(self) -> Message:
        return await self._first_ready

    # --- used by the application ---------------------------------------------------------
    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> Message:
        while not self._items:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        item = self._items.popleft()
        if item is _END:
            self._items.appendleft(item)  # keep ending for any later reader
            raise StopAsyncIteration
        if isinstance(item, BaseException):
            self._items.appendleft(_END)
            raise item
        msg: Message = item
        return msg

    def pending(self) -> int:
        """Messages received but not read yet (a consumer can drain bursts at once)."""
        return sum(1 for i in self._items if isinstance(i, dict))

    async def forget(self) -> None:
        """Ask the server to stop the stream; the iterator then ends cleanly."""
        if not self.ended:
            await self._forget(self)
        self._finish(None)


__all__ = ["ApiError", "Message", "Subscription"]
