"""Counters tests read to prove client behaviour (e.g. no duplicate balance streams after
reconnects).

`wait_for` lets a test await a condition on the counters without sleeping.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable


class Stats:
    """Live and cumulative counters of one sandbox instance."""

    def __init__(self) -> None:
        self.connections_accepted = 0
        self.connections_open = 0
        self.requests: Counter[str] = Counter()
        self.subscriptions_created: Counter[str] = Counter()
        self.messages_sent = 0
        self.rate_limited = 0
        self.faults_injected = 0
        self.idle_closed = 0
        self._live: dict[int, Counter[str]] = {}
        self._waiters: list[asyncio.Future[None]] = []

    # -- reading -----------------------------------------------------------------------------
    def live_subscriptions(self, kind: str | None = None, connection: int | None = None) -> int:
        """Streams alive now, optionally of one kind ("balance") and/or on one connection id."""
        counters = (
            [self._live.get(connection, Counter())]
            if connection is not None
            else list(self._live.values())
        )
        if kind is None:
            return sum(c.total() for c in counters)
        return sum(c[kind] for c in counters)

    def live_by_connection(self, kind: str | None = None) -> dict[int, int]:
        """Connection id -> live streams (of `kind`), for connections that have any."""
        result = {conn: (c.total() if kind is None else c[kind]) for conn, c in self._live.items()}
        return {conn: n for conn, n in result.items() if n}

    @property
    def total_subscriptions_created(self) -> int:
        return self.subscriptions_created.total()

    def snapshot(self) -> dict[str, object]:
        return {
            "connections_accepted": self.connections_accepted,
            "connections_open": self.connections_open,
            "requests": dict(self.requests),
            "subscriptions_created": dict(self.subscriptions_created),
            "live_subscriptions": self.live_subscriptions(),
            "messages_sent": self.messages_sent,
            "rate_limited": self.rate_limited,
            "faults_injected": self.faults_injected,
            "idle_closed": self.idle_closed,
        }

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Return once `predicate()` holds (checked after every counter change)."""
        async with asyncio.timeout(timeout):
            while not predicate():
                waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                self._waiters.append(waiter)
                try:
                    await waiter
                finally:
                    if waiter in self._waiters:
                        self._waiters.remove(waiter)

    # -- updating (server side) ---------------------------------------------------------------
    def changed(self) -> None:
        if not self._waiters:
            return
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def connection_opened(self, conn_id: int) -> None:
        self.connections_accepted += 1
        self.connections_open += 1
        self._live[conn_id] = Counter()
        self.changed()

    def connection_closed(self, conn_id: int) -> None:
        self.connections_open -= 1
        self._live.pop(conn_id, None)
        self.changed()

    def request(self, msg_type: str) -> None:
        self.requests[msg_type] += 1
        self.changed()

    def subscription_added(self, conn_id: int, kind: str) -> None:
        self.subscriptions_created[kind] += 1
        self._live.setdefault(conn_id, Counter())[kind] += 1
        self.changed()

    def subscription_removed(self, conn_id: int, kind: str) -> None:
        live = self._live.get(conn_id)
        if live is not None and live[kind] > 0:
            live[kind] -= 1
        self.changed()
