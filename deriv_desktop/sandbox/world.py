"""The sandbox's in-memory world: users, accounts, balances, tokens, apps, rates, site status.

Everything that changes here is announced to observers (the WebSocket server pushes stream updates,
the state file saves itself), so tests can change the world directly — e.g.
``sandbox.state.set_balance("CR1000001", Decimal("12.50"))`` — and clients see it happen.
"""

from __future__ import annotations

import re
import secrets
import string
import time
from collections.abc import Callable, Iterable
from decimal import Decimal

from .currencies import CURRENCIES, LANDING_COMPANIES, quantize
from .ledger import Ledger
from .models import ALL_SCOPES, Account, App, LoginRecord, Token, TokenKind, User

MAX_API_TOKENS_PER_ACCOUNT = 30
_ALNUM = string.ascii_letters + string.digits
_TOKEN_NAME = re.compile(r"[A-Za-z0-9 _]+")
_LOGINID_BASE = {"CR": 5100000, "MF": 210000, "VRTC": 9300000}


class TokenRuleError(Exception):
    """An `api_token` create request broke one of Deriv's token rules (maps to APITokenError)."""


class WorldObserver:
    """Receives change notifications; subclass and override what you need."""

    def balance_changed(self, account: Account) -> None:
        """An account's balance moved."""

    def tokens_removed(self, tokens: list[Token], code: str, message: str) -> None:
        """Tokens stopped working (deleted, revoked, logged out)."""

    def rates_changed(self) -> None:
        """Exchange rates moved."""

    def site_status_changed(self) -> None:
        """`website_status` content changed."""

    def world_changed(self) -> None:
        """Anything worth saving changed."""


def random_alnum(length: int) -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(length))


class World:
    """Holds and mutates the sandbox data; the single source of truth for every call."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.users: dict[int, User] = {}
        self.accounts: dict[str, Account] = {}
        self.tokens: dict[str, Token] = {}
        self.apps: dict[int, App] = {}
        self.usd_values: dict[str, Decimal] = {c.code: c.usd_value for c in CURRENCIES.values()}
        self.site_status = "up"
        self.site_message = ""
        self.next_user_id = 40112000
        self.loginid_counters: dict[str, int] = dict(_LOGINID_BASE)
        self._observers: list[WorldObserver] = []
        self.ledger = Ledger(clock)  # statement and profit table of every account

    # -- observers -------------------------------------------------------------------------
    def observe(self, observer: WorldObserver) -> None:
        self._observers.append(observer)

    def unobserve(self, observer: WorldObserver) -> None:
        if observer in self._observers:
            self._observers.remove(observer)

    def _changed(self) -> None:
        for obs in self._observers:
            obs.world_changed()

    def now(self) -> int:
        return int(self.clock())

    # -- users and accounts ----------------------------------------------------------------
    def add_user(
        self,
        email: str,
        password: str,
        first_name: str,
        last_name: str,
        residence: str = "za",
        **details: str | int,
    ) -> User:
        user_id = self.next_user_id
        self.next_user_id += 1
        user = User(
            user_id=user_id,
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            residence=residence,
        )
        for key, value in details.items():
            setattr(user, key, value)
        self.users[user_id] = user
        self._changed()
        return user

    def add_account(
        self,
        user: User,
        landing_company: str,
        currency: str,
        balance: Decimal | str | int = 0,
        *,
        is_disabled: bool = False,
        excluded_until: int | None = None,
        created_at: int | None = None,
    ) -> Account:
        broker, _name = LANDING_COMPANIES[landing_company]
        self.loginid_counters[broker] = self.loginid_counters.get(broker, 1000000) + 1
        loginid = f"{broker}{self.loginid_counters[broker]}"
        account = Account(
            loginid=loginid,
            user_id=user.user_id,
            currency=currency,
            balance=quantize(Decimal(balance), currency) if currency else Decimal(0),
            landing_company=landing_company,
            broker=broker,
            is_virtual=landing_company == "virtual",
            is_disabled=is_disabled,
            excluded_until=excluded_until,
            created_at=created_at if created_at is not None else self.now(),
        )
        user.accounts.append(account)
        self.accounts[loginid] = account
        session = self.issue_token(TokenKind.SESSION, loginid, ALL_SCOPES)
        account.token = session.value
        self.ledger.record(loginid, Decimal(0), account.balance)
        self._changed()
        return account

    def account(self, loginid: str) -> Account | None:
        return self.accounts.get(loginid)

    def user_of(self, account: Account) -> User:
        return self.users[account.user_id]

    def user_by_email(self, email: str) -> User | None:
        wanted = email.strip().lower()
        return next((u for u in self.users.values() if u.email.lower() == wanted), None)

    def check_password(self, email: str, password: str) -> User | None:
        user = self.user_by_email(email)
        if user is None or not secrets.compare_digest(user.password.encode(), password.encode()):
            return None
        return user

    # -- balances ----------------------------------------------------------------------------
    def set_balance(
        self, loginid: str, amount: Decimal | str | int, *, trade: bool = False
    ) -> Account:
        """Set a balance (rounded to the currency) and push it to every balance stream; the move
        goes to the statement (`trade`: as a closed contract, else a deposit or withdrawal)."""
        account = self.accounts[loginid]
        value = Decimal(amount)
        if value < 0:
            raise ValueError("a balance cannot be negative")
        before = account.balance
        account.balance = quantize(value, account.currency) if account.currency else value
        self.ledger.record(loginid, before, account.balance, trade=trade)
        for obs in self._observers:
            obs.balance_changed(account)
        self._changed()
        return account

    def adjust_balance(self, loginid: str, delta: Decimal, *, trade: bool = False) -> Account:
        account = self.accounts[loginid]
        return self.set_balance(loginid, max(Decimal(0), account.balance + delta), trade=trade)

    # -- tokens ------------------------------------------------------------------------------
    def issue_token(
        self,
        kind: TokenKind,
        loginid: str,
        scopes: Iterable[str],
        *,
        display_name: str = "",
        app_id: int | None = None,
        valid_for_ip: str = "",
    ) -> Token:
        while True:
            value = random_alnum(15) if kind is TokenKind.API else "a1-" + random_alnum(29)
            if value not in self.tokens:
                break
        token = Token(
            value=value,
            kind=kind,
            loginid=loginid,
            scopes=tuple(s for s in ALL_SCOPES if s in set(scopes)),
            display_name=display_name,
            app_id=app_id,
            valid_for_ip=valid_for_ip,
            created=self.now(),
        )
        self.tokens[value] = token
        self._changed()
        return token

    def api_tokens(self, loginid: str) -> list[Token]:
        return [t for t in self.tokens.values() if t.kind is TokenKind.API and t.loginid == loginid]

    def create_api_token(
        self,
        loginid: str,
        name: str,
        scopes: Iterable[str] | None,
        *,
        ip: str = "",
    ) -> Token:
        """Create a personal API token following Deriv's rules; raises TokenRuleError."""
        if not 2 <= len(name) <= 32:
            raise TokenRuleError("Length of token name must be between 2 and 32 characters.")
        if not _TOKEN_NAME.fullmatch(name):
            raise TokenRuleError(
                "Token name may only contain letters, digits, spaces and underscores."
            )
        existing = self.api_tokens(loginid)
        if any(t.display_name.lower() == name.lower() for t in existing):
            raise TokenRuleError("The name is taken.")
        if len(existing) >= MAX_API_TOKENS_PER_ACCOUNT:
            raise TokenRuleError(f"Max {MAX_API_TOKENS_PER_ACCOUNT} tokens are allowed.")
        chosen = ALL_SCOPES if scopes is None else tuple(scopes)
        if not chosen:
            raise TokenRuleError("Please choose at least one scope for the token.")
        return self.issue_token(TokenKind.API, loginid, chosen, display_name=name, valid_for_ip=ip)

    def delete_api_token(self, loginid: str, value: str) -> Token | None:
        token = self.tokens.get(value)
        if token is None or token.kind is not TokenKind.API or token.loginid != loginid:
            return None
        self._remove_tokens([token], "TokenDeleted", "Token was deleted.")
        return token

    def delete_token(self, value: str) -> Token | None:
        """Make any token stop working now, as another client deleting it would (API tokens:
        `TokenDeleted`; others: `InvalidToken`). None when no such token exists."""
        token = self.tokens.get(value)
        if token is None:
            return None
        if token.kind is TokenKind.API:
            self._remove_tokens([token], "TokenDeleted", "Token was deleted.")
        else:
            self._remove_tokens([token], "InvalidToken", "The token is invalid.")
        return token

    def _remove_tokens(self, tokens: list[Token], code: str, message: str) -> None:
        if not tokens:
            return
        for token in tokens:
            self.tokens.pop(token.value, None)
        for obs in self._observers:
            obs.tokens_removed(tokens, code, message)
        self._changed()

    def touch_token(self, token: Token) -> None:
        token.last_used = self.now()
        if token.kind is TokenKind.OAUTH and token.app_id is not None:
            user = self.user_of(self.accounts[token.loginid])
            if token.app_id in user.consents:
                user.consents[token.app_id] = self.now()
        self._changed()

    # -- apps and OAuth --------------------------------------------------------------------
    def register_app(self, app: App) -> App:
        self.apps[app.app_id] = app
        self._changed()
        return app

    def oauth_tokens(self, user: User, app_id: int) -> list[Token]:
        loginids = {a.loginid for a in user.accounts}
        return [
            t
            for t in self.tokens.values()
            if t.kind is TokenKind.OAUTH and t.app_id == app_id and t.loginid in loginids
        ]

    def issue_oauth_tokens(self, user: User, app: App) -> list[tuple[Account, Token]]:
        """Sign-in result: one new app-bound token per account that may log in."""
        issued = [
            (
                account,
                self.issue_token(TokenKind.OAUTH, account.loginid, app.scopes, app_id=app.app_id),
            )
            for account in user.enabled_accounts()
        ]
        user.consents[app.app_id] = self.now()
        self._changed()
        return issued

    def grant_consent(self, user: User, app_id: int) -> None:
        user.consents.setdefault(app_id, None)
        self._changed()

    def revoke_app(self, user: User, app_id: int) -> list[Token]:
        """`revoke_oauth_app`: forget the consent and kill the app's tokens for the user."""
        user.consents.pop(app_id, None)
        tokens = self.oauth_tokens(user, app_id)
        self._remove_tokens(tokens, "InvalidToken", "The token was revoked.")
        self._changed()
        return tokens

    def logout_oauth(self, user: User, app_id: int) -> list[Token]:
        """`logout` of an OAuth session: the app's tokens die on all the user's accounts."""
        tokens = self.oauth_tokens(user, app_id)
        self._remove_tokens(tokens, "InvalidToken", "The token was invalidated by logout.")
        return tokens

    # -- history -----------------------------------------------------------------------------
    def record_login(self, user: User, record: LoginRecord) -> None:
        user.login_history.append(record)
        user.login_history.sort(key=lambda r: r.time, reverse=True)
        del user.login_history[200:]
        self._changed()

    # -- rates and status ------------------------------------------------------------------
    def rate(self, base: str, target: str) -> Decimal | None:
        b, t = self.usd_values.get(base), self.usd_values.get(target)
        if b is None or t is None or t == 0:
            return None
        return b / t

    def set_usd_value(self, code: str, value: Decimal) -> None:
        """Set what one unit of a currency is worth in USD and push `exchange_rates` streams."""
        if code not in self.usd_values or value <= 0:
            raise ValueError(f"unknown currency or bad value: {code}")
        self.usd_values[code] = value
        for obs in self._observers:
            obs.rates_changed()

    def walk_rates(self, changes: dict[str, Decimal]) -> None:
        for code, value in changes.items():
            if code in self.usd_values and code != "USD" and value > 0:
                self.usd_values[code] = value
        for obs in self._observers:
            obs.rates_changed()

    def set_site_status(self, status: str, message: str = "") -> None:
        if status not in ("up", "down", "updating"):
            raise ValueError("site status must be up, down or updating")
        self.site_status, self.site_message = status, message
        for obs in self._observers:
            obs.site_status_changed()

    def to_usd(self, amount: Decimal, currency: str) -> Decimal:
        return amount * self.usd_values.get(currency, Decimal(0))
