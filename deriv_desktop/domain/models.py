"""The things the app shows and manages, free of any protocol detail."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal


class Scope(enum.Enum):
    """What a token lets its holder do (Deriv's five scopes, in Deriv's display order)."""

    READ = "read"
    TRADE = "trade"
    PAYMENTS = "payments"
    TRADING_INFORMATION = "trading_information"
    ADMIN = "admin"

    @classmethod
    def parse_many(cls, values: object) -> frozenset[Scope]:
        known = {s.value: s for s in cls}
        if not isinstance(values, list | tuple | set | frozenset):
            return frozenset()
        return frozenset(known[v] for v in values if isinstance(v, str) and v in known)


EU_LANDING_COMPANIES = frozenset({"maltainvest", "malta", "iom"})


@dataclass(frozen=True, slots=True)
class Account:
    """One Deriv account (login id) of the signed-in user."""

    loginid: str
    currency: str
    is_virtual: bool
    is_disabled: bool = False
    landing_company: str = ""
    landing_company_fullname: str = ""
    excluded_until: date | None = None
    account_category: str = "trading"
    has_token: bool = True

    @property
    def is_eu(self) -> bool:
        return self.landing_company in EU_LANDING_COMPANIES

    @property
    def self_excluded(self) -> bool:
        return self.excluded_until is not None

    @property
    def selectable(self) -> bool:
        return not self.is_disabled and self.has_token


@dataclass(frozen=True, slots=True)
class CurrencyInfo:
    """How a currency is named and how many decimals its amounts carry."""

    code: str
    name: str
    fractional_digits: int
    is_crypto: bool

    @property
    def display_code(self) -> str:
        return "USDT" if self.code == "UST" else self.code


@dataclass(frozen=True, slots=True)
class Balance:
    loginid: str
    amount: Decimal
    currency: str
    updated_at: float
    converted: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums converted by the server into one currency per family of accounts."""

    real: Money | None = None
    demo: Money | None = None
    mt5: Money | None = None
    mt5_demo: Money | None = None


@dataclass(frozen=True, slots=True)
class ApiToken:
    """An API token of one account. The value is kept out of every printed form."""

    display_name: str
    token: str = field(repr=False)
    scopes: frozenset[Scope]
    last_used: str | None
    valid_for_ip: str = ""

    @property
    def masked(self) -> str:
        return "•" * 15

    @property
    def is_admin(self) -> bool:
        return Scope.ADMIN in self.scopes


@dataclass(frozen=True, slots=True)
class ConnectedApp:
    app_id: int
    name: str
    scopes: frozenset[Scope]
    last_used: str | None
    official: bool
    markup_percentage: float


def parse_server_time(raw: str | None) -> datetime | None:
    """Deriv's ``last_used`` ("2024-05-01 13:45:09" or a bare date, UTC) as an aware datetime."""
    if not raw:
        return None
    text = raw.strip()
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None
