"""Live streams (balance, website_status, exchange_rates), indexed for fast fan-out."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .connection import Connection
from .errors import ApiError
from .stats import Stats


def new_subscription_id() -> str:
    return str(uuid.uuid4())


@dataclass(eq=False)
class Subscription:
    """One stream on one connection; pushes repeat the opening request's echo_req and req_id."""

    kind: str
    conn: Connection
    echo_req: dict[str, object]
    req_id: object
    key: tuple[object, ...]
    id: str = field(default_factory=new_subscription_id)
    loginid: str | None = None  # balance: the one account followed
    user_id: int | None = None  # balance with account=all: every account of this user
    auth_token: str | None = field(default=None, repr=False)  # token that opened the stream
    base: str = ""
    target: str = ""
    include_spread: bool = False
    symbol: str = ""  # ticks: the symbol followed
    msg_type: str = ""  # of pushes, when it differs from `kind` (ticks -> tick)
    held: list[dict[str, object]] | None = field(default=None, repr=False)

    def send(self, message: dict[str, object]) -> None:
        """Push ``message``, or keep it while the opening reply is still held back."""
        if self.held is not None:
            self.held.append(message)
        else:
            self.conn.send(message)

    def hold(self) -> None:
        """Keep pushes back until ``release()``: the opening reply is delayed (``--delay``) and
        Deriv always answers a subscribe before it pushes."""
        if self.held is None:
            self.held = []

    def release(self) -> None:
        """Send the pushes kept back, in order; later ones go straight out."""
        held, self.held = self.held, None
        for message in held or ():
            self.conn.send(message)


class Subscriptions:
    """All streams of a sandbox; rejects a second identical stream on one connection."""

    def __init__(self, stats: Stats) -> None:
        self._stats = stats
        self._by_id: dict[str, Subscription] = {}
        self._by_conn: dict[int, dict[str, Subscription]] = {}
        self._balance_by_loginid: dict[str, set[Subscription]] = {}
        self._balance_by_user: dict[int, set[Subscription]] = {}
        self._by_kind: dict[str, set[Subscription]] = {}

    def add(self, sub: Subscription) -> None:
        mine = self._by_conn.setdefault(sub.conn.id, {})
        if any(other.key == sub.key for other in mine.values()):
            raise ApiError("AlreadySubscribed", f"You are already subscribed to {sub.kind}.")
        mine[sub.id] = sub
        self._by_id[sub.id] = sub
        self._by_kind.setdefault(sub.kind, set()).add(sub)
        if sub.loginid is not None:
            self._balance_by_loginid.setdefault(sub.loginid, set()).add(sub)
        if sub.user_id is not None:
            self._balance_by_user.setdefault(sub.user_id, set()).add(sub)
        self._stats.subscription_added(sub.conn.id, sub.kind)

    def get(self, sub_id: str) -> Subscription | None:
        return self._by_id.get(sub_id)

    def remove(self, sub: Subscription) -> None:
        if self._by_id.pop(sub.id, None) is None:
            return
        self._by_conn.get(sub.conn.id, {}).pop(sub.id, None)
        self._by_kind.get(sub.kind, set()).discard(sub)
        if sub.loginid is not None:
            self._balance_by_loginid.get(sub.loginid, set()).discard(sub)
        if sub.user_id is not None:
            self._balance_by_user.get(sub.user_id, set()).discard(sub)
        self._stats.subscription_removed(sub.conn.id, sub.kind)

    def of_connection(self, conn: Connection) -> list[Subscription]:
        return list(self._by_conn.get(conn.id, {}).values())

    def remove_connection(self, conn: Connection) -> None:
        for sub in self.of_connection(conn):
            self.remove(sub)
        self._by_conn.pop(conn.id, None)

    def of_kind(self, kind: str) -> Iterable[Subscription]:
        return tuple(self._by_kind.get(kind, ()))

    def following_balance(self, loginid: str, user_id: int) -> Iterator[Subscription]:
        """Balance streams that must hear about a change of `loginid`."""
        yield from tuple(self._balance_by_loginid.get(loginid, ()))
        yield from tuple(self._balance_by_user.get(user_id, ()))

    def opened_with(self, tokens: set[str]) -> list[Subscription]:
        """Account-bound streams (of any connection) opened through one of `tokens`."""
        return [s for s in self._by_id.values() if s.auth_token in tokens]

    def account_bound(self, conn: Connection) -> list[Subscription]:
        """This connection's streams that depend on its authorization."""
        return [s for s in self.of_connection(conn) if s.auth_token is not None]
