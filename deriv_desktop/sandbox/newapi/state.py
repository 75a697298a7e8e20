"""The new-API half of the sandbox world, beside (and keyed by the users of) the legacy ``World``.

Users, emails and passwords are the legacy world's, so the same people sign in on both OAuth
pages. What is new lives here: Options accounts (``DOT…`` ids, USD only), personal access
tokens, OAuth2 codes and access tokens, socket one-time passwords and each user's migration
status. Time comes from ``clock`` plus ``offset``, so tests can let OTPs and codes expire with
``advance(seconds)`` instead of waiting.
"""

from __future__ import annotations

import secrets
import string
import time
from collections.abc import Callable
from decimal import Decimal

from ..ledger import Ledger
from ..models import User
from ..world import World
from .models import (
    MIGRATION_STATES,
    AccessToken,
    AuthCode,
    ClientKind,
    NewApp,
    OneTimePassword,
    OptionsAccount,
    PersonalToken,
)

DEMO_START_BALANCE = Decimal("10000")
FIRST_ACCOUNT_NUMBER = 90004580
_ALNUM = string.ascii_letters + string.digits


def _random(length: int) -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(length))


class BalanceListener:
    def options_balance_changed(self, account: OptionsAccount) -> None:
        """An Options account's balance moved."""


class NewApiState:
    """Options accounts, tokens, grants and one-time passwords of the new API."""

    def __init__(self, world: World, clock: Callable[[], float] = time.time) -> None:
        self.world = world
        self._clock = clock
        self.offset = 0.0
        self.accounts: dict[str, OptionsAccount] = {}
        self.apps: dict[str, NewApp] = {}
        self.pats: dict[str, PersonalToken] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, AccessToken] = {}
        self.codes: dict[str, AuthCode] = {}
        self.otps: dict[str, OneTimePassword] = {}
        self.migration: dict[int, str] = {}
        self.consents: set[tuple[int, str]] = set()
        self.next_number = FIRST_ACCOUNT_NUMBER
        self._listeners: list[BalanceListener] = []
        self.ledger = Ledger(self.now)  # statement, profit table and transaction stream

    # -- time --------------------------------------------------------------------------------
    def now(self) -> float:
        return self._clock() + self.offset

    def advance(self, seconds: float) -> None:
        """Move this world's clock forward (expire OTPs, codes and access tokens in tests)."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        self.offset += seconds

    # -- listeners ---------------------------------------------------------------------------
    def listen(self, listener: BalanceListener) -> None:
        self._listeners.append(listener)

    # -- users -------------------------------------------------------------------------------
    def user(self, user_id: int) -> User:
        return self.world.users[user_id]

    def user_accounts(self, user_id: int) -> list[OptionsAccount]:
        return [a for a in self.accounts.values() if a.user_id == user_id]

    def set_migration_status(self, email: str, status: str) -> None:
        if status not in MIGRATION_STATES:
            raise ValueError(f"migration status must be one of {MIGRATION_STATES}")
        user = self.world.user_by_email(email)
        if user is None:
            raise KeyError(email)
        self.migration[user.user_id] = status

    def migration_status(self, user_id: int) -> str:
        return self.migration.get(user_id, "not_applicable")

    # -- accounts ----------------------------------------------------------------------------
    def add_account(
        self,
        user: User,
        account_type: str,
        balance: Decimal | str | int,
        *,
        status: str = "active",
    ) -> OptionsAccount:
        if account_type not in ("demo", "real"):
            raise ValueError("account_type must be demo or real")
        account_id = f"DOT{self.next_number}"
        self.next_number += 1
        account = OptionsAccount(
            account_id=account_id,
            user_id=user.user_id,
            account_type=account_type,
            balance=Decimal(balance).quantize(Decimal("0.01")),
            status=status,
            created_at=int(self.now()),
        )
        self.accounts[account_id] = account
        self.ledger.record(account_id, Decimal(0), account.balance)
        return account

    def set_balance(
        self, account_id: str, amount: Decimal | str | int, *, trade: bool = False
    ) -> OptionsAccount:
        """Set a balance, push it to the account's ``balance`` streams and note the move in its
        statement (``trade``: as a closed contract)."""
        account = self.accounts[account_id]
        value = Decimal(amount)
        if value < 0:
            raise ValueError("a balance cannot be negative")
        before = account.balance
        account.balance = value.quantize(Decimal("0.01"))
        self.ledger.record(account_id, before, account.balance, trade=trade)
        for listener in self._listeners:
            listener.options_balance_changed(account)
        return account

    def reset_demo(self, account_id: str) -> OptionsAccount:
        return self.set_balance(account_id, DEMO_START_BALANCE)

    # -- apps and tokens ---------------------------------------------------------------------
    def register_app(
        self, app_id: str, name: str, kind: ClientKind, redirect_uri: str = ""
    ) -> NewApp:
        if not app_id or not app_id.isprintable() or len(app_id) > 64:
            raise ValueError("an app id must be a short printable value")
        if kind is ClientKind.OAUTH and not redirect_uri:
            raise ValueError("an OAuth app needs its redirect URL")
        app = NewApp(app_id, name, kind, redirect_uri)
        self.apps[app_id] = app
        return app

    def issue_pat(self, user: User, name: str, scopes: tuple[str, ...]) -> PersonalToken:
        token = PersonalToken("pat_" + _random(40), user.user_id, name, scopes)
        self.pats[token.value] = token
        return token

    def revoke_pat(self, value: str) -> bool:
        return self.pats.pop(value, None) is not None

    def user_pats(self, user_id: int) -> list[PersonalToken]:
        return [t for t in self.pats.values() if t.user_id == user_id]

    def issue_code(
        self,
        user_id: int,
        client_id: str,
        redirect_uri: str,
        challenge: str,
        scopes: tuple[str, ...],
        lifetime: float,
    ) -> AuthCode:
        code = AuthCode(
            "ory_ac_" + _random(43),
            client_id,
            redirect_uri,
            challenge,
            user_id,
            scopes,
            self.now() + lifetime,
        )
        self.codes[code.value] = code
        return code

    def issue_access_token(
        self,
        user_id: int,
        client_id: str,
        scopes: tuple[str, ...],
        lifetime: float,
        *,
        with_refresh: bool,
    ) -> AccessToken:
        token = AccessToken(
            "ory_at_" + _random(43),
            user_id,
            client_id,
            scopes,
            self.now() + lifetime,
            refresh_token="ory_rt_" + _random(43) if with_refresh else None,
        )
        self.access_tokens[token.value] = token
        if token.refresh_token is not None:
            self.refresh_tokens[token.refresh_token] = token
        return token

    def revoke_access(self, token: AccessToken) -> None:
        self.access_tokens.pop(token.value, None)
        if token.refresh_token is not None:
            self.refresh_tokens.pop(token.refresh_token, None)

    # -- one-time passwords ------------------------------------------------------------------
    def issue_otp(
        self, account_id: str, *, age: float = 0.0, used: bool = False
    ) -> OneTimePassword:
        otp = OneTimePassword(_random(32), account_id, self.now() - age, used=used)
        self.otps[otp.value] = otp
        return otp
