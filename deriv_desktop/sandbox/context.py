"""What a call handler gets: the request, the connection, and the account it acts for."""

from __future__ import annotations

from dataclasses import dataclass

from .connection import Connection
from .core import Core
from .errors import ApiError
from .models import Account, Token, User
from .subscriptions import Subscription
from .validation import CallSpec
from .world import World


@dataclass
class CallContext:
    """One request being served."""

    core: Core
    conn: Connection
    spec: CallSpec
    request: dict[str, object]
    echo_req: dict[str, object]
    req_id: object
    account: Account | None = None
    token: Token | None = None
    subscription_id: str | None = None

    @property
    def world(self) -> World:
        return self.core.world

    @property
    def wants_stream(self) -> bool:
        return self.request.get("subscribe") == 1

    def need_account(self) -> Account:
        if self.account is None:  # only reachable for auth-required calls, which set it
            raise ApiError("AuthorizationRequired", "Please log in.")
        return self.account

    def need_token(self) -> Token:
        if self.token is None:
            raise ApiError("AuthorizationRequired", "Please log in.")
        return self.token

    @property
    def user(self) -> User:
        return self.world.user_of(self.need_account())

    def subscribe(self, kind: str, key: tuple[object, ...], **details: object) -> Subscription:
        """Open a stream for this request; AlreadySubscribed if the same one is live here."""
        sub = Subscription(
            kind=kind,
            conn=self.conn,
            echo_req=self.echo_req,
            req_id=self.req_id,
            key=(kind, *key),
            auth_token=self.token.value if self.token is not None else None,
        )
        for name, value in details.items():
            setattr(sub, name, value)
        self.core.subs.add(sub)
        self.subscription_id = sub.id
        return sub
