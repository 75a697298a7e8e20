"""The seam between the services and a Deriv protocol.

``SessionService`` only talks to an ``AccountBackend``. ``LegacyBackend`` (legacy_backend.py)
implements it with WebSocket API v3: one socket, multi-token ``authorize``, one ``balance``
stream with ``account: all``. ``NewApiBackend`` (new_backend.py) implements it for the new Deriv
API with a REST account list and one OTP socket per account (the active account's ``balance``
stream, which follows ``activate``; other accounts refreshed over REST within the published
limits), and reports ``supports_tokens = False`` because that API has no token or
connected-app calls. The GUI never notices which one is in use.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from deriv_desktop.domain.connection import LinkState
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import ApiError, InvalidToken
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.migration import MigrationStatus
from deriv_desktop.domain.models import (
    Account,
    ApiToken,
    Balance,
    ConnectedApp,
    CurrencyInfo,
    Money,
    Scope,
    Totals,
)


@dataclass(frozen=True)
class SignedIn:
    """What a successful sign-in established."""

    accounts: list[Account]
    credentials: list[AccountCredential]
    currencies: Mapping[str, CurrencyInfo]
    user_label: str = ""
    scopes: Mapping[str, frozenset[Scope]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


BalanceUpdate = tuple[list[Balance], Totals | None]


class SignInAgain(InvalidToken):
    """The server stopped accepting the session's credential while it was running (a terminal
    401): the session cannot go on, so ``SessionService`` signs out and the user signs in again.
    """

    code = "SignInAgain"


class AccountBackend(Protocol):
    link_changed: Event[LinkState]
    #: Deriv stopped accepting the session's main credential (deleted, revoked, expired) while
    #: it ran: the session cannot go on and signs the user out, saying why.
    signed_out_by_server: Event[ApiError]
    #: Deriv refused some accounts' own tokens while the rest of the session goes on (a
    #: re-authorize after a reconnect): ``(loginids, why)``; those accounts lose their access.
    accounts_refused: Event[tuple[list[str], ApiError]]
    supports_tokens: bool

    async def open(self) -> None: ...

    def reconnect_now(self) -> None:
        """Skip any wait before the next connection attempt (the user pressed "Retry now")."""
        ...

    async def sign_in(
        self, credentials: Sequence[AccountCredential], *, drop_invalid: bool = False
    ) -> SignedIn: ...

    async def identify(self, tokens: Sequence[str]) -> list[AccountCredential]: ...

    def balance_updates(self, loginid: str) -> AsyncIterator[BalanceUpdate]: ...

    async def activate(self, loginid: str) -> None:
        """The user switched to ``loginid`` (a backend with per-account sockets moves there)."""
        ...

    async def exchange_rates(self, base: str) -> Mapping[str, Decimal]: ...

    def rate_updates(
        self, base: str, targets: Sequence[str], loginid: str
    ) -> AsyncIterator[Mapping[str, Decimal]]: ...

    async def topup(self, loginid: str) -> Money: ...

    async def list_tokens(self, loginid: str) -> list[ApiToken]: ...

    async def create_token(
        self, loginid: str, name: str, scopes: frozenset[Scope], ip_only: bool
    ) -> list[ApiToken]: ...

    async def delete_token(self, loginid: str, token: str) -> list[ApiToken]: ...

    async def connected_apps(self, loginid: str) -> list[ConnectedApp]: ...

    async def revoke_app(self, loginid: str, app_id: int) -> None: ...

    async def logout(self, loginid: str) -> None: ...

    async def migration_status(self) -> MigrationStatus | None:
        """Where Deriv's move of the user to the new API stands; None where the API cannot
        tell (the legacy API has no such call)."""
        ...

    async def close(self) -> None: ...
