"""Request limits the way Deriv's WebSocket server counts them.

Per call, a *service* is chosen (Deriv's `Hooks.pm` map): `ping`/`time` use a per-connection
budget of `connection_per_second` (the 11th in a second is refused and the socket is closed with
1008); `portfolio`/`profit_table` the "outcome" numbers; `statement`, `balance` and
`get_account_status` a `trading_platform` bucket; everything else "rest of calls". Counters are
kept per app id and account when authorized, else per app id, client IP and User-Agent, so they
survive reconnects. Each counter is a fixed window opened by its first call and expiring one
interval later (Deriv's Redis INCR + EXPIRE); refused calls count too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from .config import RateLimits

CONNECTION_CALLS = frozenset({"ping", "time"})
OUTCOME_CALLS = frozenset({"portfolio", "profit_table"})
TRADING_PLATFORM_CALLS = frozenset({"balance", "statement", "get_account_status"})


def service_for(call: str) -> str:
    """The budget a call draws from (names as in Deriv's server code)."""
    if call in CONNECTION_CALLS:
        return "general_connection_limit"
    if call in OUTCOME_CALLS:
        return "websocket_call_expensive"
    if call in TRADING_PLATFORM_CALLS:
        return "trading_platform"
    return "websocket_call"


@dataclass
class _Window:
    opened: float
    count: int = 0


class RateLimiter:
    """Fixed-window counters by (client key, service, interval)."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._windows: dict[tuple[str, str, float], _Window] = {}
        self._connection: dict[int, _Window] = {}

    def _budgets(self, service: str) -> tuple[tuple[float, int], ...]:
        limits = self.limits
        if service == "websocket_call_expensive":
            return ((60.0, limits.outcome_minutely), (3600.0, limits.outcome_hourly))
        return ((60.0, limits.general_minutely), (3600.0, limits.general_hourly))

    def allow(self, key: str, call: str) -> bool:
        """Count one call of a client; False when it is over a limit (refuse it)."""
        service = service_for(call)
        now = self._clock()
        allowed = True
        for interval, limit in self._budgets(service):
            window = self._windows.get((key, service, interval))
            if window is None or now >= window.opened + interval:
                window = self._windows[(key, service, interval)] = _Window(now)
            window.count += 1
            allowed = allowed and window.count <= limit
        return allowed

    def allow_on_connection(self, conn_id: int) -> bool:
        """Count one ping/time on a connection; False past `connection_per_second`."""
        now = self._clock()
        window = self._connection.get(conn_id)
        if window is None or now >= window.opened + 1.0:
            window = self._connection[conn_id] = _Window(now)
        window.count += 1
        return window.count <= self.limits.connection_per_second

    def forget_connection(self, conn_id: int) -> None:
        self._connection.pop(conn_id, None)
