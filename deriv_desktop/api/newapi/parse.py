"""REST and WebSocket payloads of the new Deriv API turned into domain objects.

Parsing is strict about what the app relies on (ids, amounts, currency) and lenient about the
rest, because the schemas mark few fields required. A payload that lacks a needed field raises
``WrongResponse`` (transient: the next poll may be fine) rather than crashing a stream.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from deriv_desktop.domain.errors import WrongResponse
from deriv_desktop.domain.migration import MigrationStatus
from deriv_desktop.domain.models import Account, Balance, CurrencyInfo, Money, Totals

ACCOUNT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# The new API offers USD accounts only; other codes get two decimals until Deriv says more.
KNOWN_CURRENCIES: Mapping[str, CurrencyInfo] = {
    "USD": CurrencyInfo("USD", "US Dollar", 2, False),
}


@dataclass(frozen=True, slots=True)
class OptionsAccount:
    """One item of ``GET /trading/v1/options/accounts``."""

    account_id: str
    balance: Decimal
    currency: str
    group: str
    status: str
    account_type: str

    @property
    def is_demo(self) -> bool:
        return self.account_type == "demo"

    @property
    def active(self) -> bool:
        return self.status == "active"


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise WrongResponse(f"Deriv sent no usable {what}.")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise WrongResponse(f"Deriv sent no usable {what}.") from None


def options_account(item: Any) -> OptionsAccount:
    if not isinstance(item, dict):
        raise WrongResponse("Deriv sent an account entry the app cannot read.")
    account_id = item.get("account_id")
    if not isinstance(account_id, str) or not ACCOUNT_ID.fullmatch(account_id):
        raise WrongResponse("Deriv sent an account without a usable id.")
    return OptionsAccount(
        account_id=account_id,
        balance=_decimal(item.get("balance", 0), "balance"),
        currency=str(item.get("currency") or ""),
        group=str(item.get("group") or ""),
        status=str(item.get("status") or "active"),
        account_type=str(item.get("account_type") or ""),
    )


def options_accounts(data: Any) -> list[OptionsAccount]:
    if not isinstance(data, list):
        raise WrongResponse("Deriv sent an account list the app cannot read.")
    return [options_account(item) for item in data]


def domain_account(account: OptionsAccount) -> Account:
    """The app's account: real ones first is ``SessionState``'s job; here only the facts."""
    return Account(
        loginid=account.account_id,
        currency=account.currency,
        is_virtual=account.is_demo,
        is_disabled=not account.active,
        landing_company="",
        landing_company_fullname="Options",
        account_category="trading",
        has_token=True,
    )


def ordered(accounts: list[OptionsAccount]) -> list[OptionsAccount]:
    """Deriv's usual order: real accounts first, demo last, otherwise as listed."""
    return sorted(accounts, key=lambda a: a.is_demo)


def rest_balance(account: OptionsAccount, now: float) -> Balance:
    return Balance(account.account_id, account.balance, account.currency, now)


def socket_balance(payload: Any, account_id: str, now: float) -> Balance:
    """``balance`` of a socket message. The socket belongs to one account: trust that, not
    ``loginid`` (whose meaning for the new ids Deriv has not documented)."""
    if not isinstance(payload, dict):
        raise WrongResponse("Deriv sent a balance the app cannot read.")
    return Balance(
        account_id,
        _decimal(payload.get("balance"), "balance"),
        str(payload.get("currency") or ""),
        now,
    )


def totals(accounts: list[OptionsAccount]) -> Totals | None:
    """Sums of real and demo balances when each family shares one currency (no conversion
    service exists on the new API); None when they do not."""
    families: dict[bool, list[OptionsAccount]] = {True: [], False: []}
    for account in accounts:
        if account.active:
            families[account.is_demo].append(account)
    sums: dict[bool, Money | None] = {}
    for demo, members in families.items():
        currencies = {a.currency for a in members}
        if len(currencies) > 1:
            return None
        sums[demo] = (
            Money(sum((a.balance for a in members), Decimal(0)), currencies.pop())
            if members
            else None
        )
    return Totals(real=sums[False], demo=sums[True])


def currencies(accounts: list[OptionsAccount]) -> dict[str, CurrencyInfo]:
    out: dict[str, CurrencyInfo] = {}
    for account in accounts:
        code = account.currency
        if code and code not in out:
            out[code] = KNOWN_CURRENCIES.get(code, CurrencyInfo(code, code, 2, False))
    return out


def migration_status(payload: Any) -> MigrationStatus:
    """``{"status": …}`` as documented; a ``data`` envelope is accepted too."""
    if isinstance(payload, dict) and isinstance(payload.get("data"), dict):
        payload = payload["data"]
    raw = payload.get("status") if isinstance(payload, dict) else None
    if not isinstance(raw, str):
        raise WrongResponse("Deriv sent a migration status the app cannot read.")
    return next((s for s in MigrationStatus if s.value == raw), MigrationStatus.UNKNOWN)
