"""Plain records of the sandbox world: users, accounts, tokens, apps, login history.

Secret fields (passwords, token values) are excluded from ``repr`` so that a stray log line or
assertion message never shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

ALL_SCOPES: tuple[str, ...] = ("read", "trade", "trading_information", "payments", "admin")


class TokenKind(StrEnum):
    """Where a token came from; decides app binding, listing and revocation."""

    API = "api"  # personal API token made with `api_token`; listed, deletable, not app-bound
    OAUTH = "oauth"  # issued by the OAuth pages to one app; bound to that app id
    SESSION = "session"  # the sandbox's own full-scope "account token"; never listed or revoked


@dataclass
class Token:
    """One credential that `authorize` accepts."""

    value: str = field(repr=False)
    kind: TokenKind
    loginid: str
    scopes: tuple[str, ...]
    display_name: str = ""
    app_id: int | None = None
    valid_for_ip: str = field(default="", repr=False)
    last_used: int | None = None
    created: int = 0


@dataclass
class Account:
    """One Deriv account (a loginid) of a user."""

    loginid: str
    user_id: int
    currency: str
    balance: Decimal
    landing_company: str
    broker: str
    is_virtual: bool = False
    is_disabled: bool = False
    excluded_until: int | None = None
    created_at: int = 0
    token: str = field(default="", repr=False)

    @property
    def is_self_excluded(self) -> bool:
        return self.excluded_until is not None


@dataclass
class LoginRecord:
    """An entry of `login_history`."""

    time: int
    action: str
    status: int
    ip: str
    country: str
    browser: str
    os: str
    device: str
    language: str
    app_id: int
    brand: str
    version: str = "v1"


@dataclass
class User:
    """A person with one or more accounts; signs in on the OAuth pages with email + password."""

    user_id: int
    email: str
    password: str = field(repr=False)
    first_name: str
    last_name: str
    residence: str
    phone: str = field(default="", repr=False)
    date_of_birth: int = 0
    address_city: str = ""
    address_line_1: str = ""
    address_postcode: str = ""
    accounts: list[Account] = field(default_factory=list)
    consents: dict[int, int | None] = field(default_factory=dict)
    login_history: list[LoginRecord] = field(default_factory=list)

    def enabled_accounts(self) -> list[Account]:
        return [a for a in self.accounts if not a.is_disabled]


@dataclass
class App:
    """A registered application (app id) with its single redirect URL and scopes."""

    app_id: int
    name: str
    redirect_uri: str
    scopes: tuple[str, ...] = ALL_SCOPES
    official: bool = False
    markup_percentage: float = 0.0
    homepage: str = ""
    owner: str = ""  # email of the user who registered it (app_list / app_get); "" for none
