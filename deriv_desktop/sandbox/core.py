"""The sandbox's engine without the network: world, streams, limits, faults and stats together.

It also observes the world and turns changes into stream pushes (balance, rates, site status,
tokens that stopped working).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from .config import SandboxConfig
from .connection import Connection
from .faults import Faults
from .markets import SYMBOLS, tick
from .models import Account, Token
from .payloads import (
    balance_single,
    envelope,
    exchange_rates,
    website_status,
)
from .ratelimit import RateLimiter
from .stats import Stats
from .subscriptions import Subscription, Subscriptions
from .world import World, WorldObserver

CLIENTS_COUNTRY = "za"


class Core(WorldObserver):
    """Shared state every call handler works with."""

    def __init__(self, config: SandboxConfig, world: World) -> None:
        self.config = config
        self.world = world
        self.stats = Stats()
        self.subs = Subscriptions(self.stats)
        self.limiter = RateLimiter(config.rate_limits)
        self.faults = Faults(self.drop_connections, self.black_hole, self.push_malformed)
        self.faults.delay = config.delay
        self.faults.fail_rate = config.fail_rate
        self.faults.fail_code = config.fail_code
        self.faults.ignore_pings = config.ignore_pings
        self.faults.seed = config.fault_seed
        self.faults.drop_every = config.drop_every
        self.connections: dict[int, Connection] = {}
        self.other_droppers: list[Callable[[], int]] = []  # e.g. the Options sockets
        self._tick_timer: asyncio.TimerHandle | None = None
        world.observe(self)

    # -- ticks -------------------------------------------------------------------------------
    def ticks_wanted(self) -> None:
        """Start the once-a-second tick clock (it stops by itself when no stream is left)."""
        if self._tick_timer is None:
            self._tick_timer = asyncio.get_running_loop().call_later(1.0, self._push_ticks)

    def _push_ticks(self) -> None:
        self._tick_timer = None
        streams = list(self.subs.of_kind("ticks"))
        if not streams:
            return
        epoch = self.world.now()
        for sub in streams:
            symbol = SYMBOLS[sub.symbol]
            if epoch % int(symbol.tick_seconds) == 0:
                self.push(sub, tick(symbol, epoch, sub.id))
        self.ticks_wanted()

    def stop_ticks(self) -> None:
        if self._tick_timer is not None:
            self._tick_timer.cancel()
            self._tick_timer = None

    # -- connections -------------------------------------------------------------------------
    def drop_connections(self) -> int:
        conns = list(self.connections.values())
        for conn in conns:
            conn.abort()
        return len(conns) + sum(drop() for drop in self.other_droppers)

    def black_hole(self) -> int:
        """Swallow everything on the sockets open now (see ``Connection.black_hole``); sockets
        opened later work normally, like a route that came back."""
        conns = [c for c in self.connections.values() if not c.black_holed]
        for conn in conns:
            conn.black_hole()
        return len(conns)

    def abort_black_holed(self) -> None:
        """Cut the black-holed sockets (they would never finish a closing handshake)."""
        for conn in list(self.connections.values()):
            if conn.black_holed:
                conn.abort()

    def push_malformed(self, kind: str, payload: object) -> int:
        """Push ``payload`` (of a type Deriv never sends there) on every live ``kind`` stream
        now; returns how many streams it went to."""
        subs = list(self.subs.of_kind(kind))
        for sub in subs:
            self._push_as_is(sub, payload)
        return len(subs)

    def forget_connection(self, conn: Connection) -> None:
        self.subs.remove_connection(conn)
        self.connections.pop(conn.id, None)
        self.limiter.forget_connection(conn.id)

    # -- pushes ------------------------------------------------------------------------------
    def push(self, sub: Subscription, payload: object) -> None:
        self._push_as_is(sub, self.faults.spoiled_push(sub.kind, payload))

    def _push_as_is(self, sub: Subscription, payload: object) -> None:
        sub.send(
            envelope(
                sub.msg_type or sub.kind, sub.echo_req, sub.req_id, payload, subscription_id=sub.id
            )
        )

    def push_error(self, sub: Subscription, code: str, message: str) -> None:
        sub.send(
            envelope(
                sub.msg_type or sub.kind,
                sub.echo_req,
                sub.req_id,
                error={"code": code, "message": message},
                subscription_id=sub.id,
            )
        )

    def balance_changed(self, account: Account) -> None:
        for sub in self.subs.following_balance(account.loginid, account.user_id):
            self.push(sub, balance_single(account, sub.id))

    def tokens_removed(self, tokens: list[Token], code: str, message: str) -> None:
        """Streams opened through a dead token get an error and stop (Deriv's TokenDeleted)."""
        for sub in self.subs.opened_with({t.value for t in tokens}):
            self.push_error(sub, code, message)
            self.subs.remove(sub)

    def rates_changed(self) -> None:
        for sub in self.subs.of_kind("exchange_rates"):
            self.push(sub, exchange_rates(self.world, sub.base, sub.target, sub.include_spread))

    def site_status_changed(self) -> None:
        for sub in self.subs.of_kind("website_status"):
            self.push(sub, self.website_status())

    def website_status(self) -> dict[str, object]:
        return website_status(self.world, self.limiter.limits, CLIENTS_COUNTRY)
