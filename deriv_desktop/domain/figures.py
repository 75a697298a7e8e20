"""Every derived figure (converted amounts, real and demo totals) from one place.

The rows, the header, the totals strip and the tray all show sums and conversions of the same
balances; computing each of them here, from the live balances and exchange rates in
``SessionState``, is what keeps them from contradicting each other. Deriv's own ``total`` and
``converted_amount`` fields are snapshots that the single-account updates never refresh, so they
are not used for anything shown next to a live balance.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from deriv_desktop.domain.models import Account

if TYPE_CHECKING:  # pragma: no cover - typing only (the state imports nothing from here)
    from deriv_desktop.domain.state import SessionState


def convert(
    amount: Decimal, source: str, target: str, base: str, rates: Mapping[str, Decimal]
) -> Decimal | None:
    """``amount`` of ``source`` in ``target``; ``rates[c]`` is how many ``c`` one ``base`` buys."""
    if source == target:
        return amount

    def rate(code: str) -> Decimal | None:
        return Decimal(1) if code == base else rates.get(code)

    src, dst = rate(source), rate(target)
    if src is None or dst is None or src == 0:
        return None
    try:
        return amount / src * dst
    except (InvalidOperation, ZeroDivisionError):
        return None


def totals_currency(state: SessionState, virtual: bool) -> str:
    """The currency a family's total is shown in: the one Deriv sums it in (the user's
    preferred one), else the rates' base."""
    money = state.totals.demo if virtual else state.totals.real
    return money.currency if money is not None and money.currency else state.rates_base


def converted(state: SessionState, account: Account, target: str) -> Decimal | None:
    """The account's current balance in ``target`` at the current rates; ``None`` while the
    balance or a rate is missing (never a stale figure)."""
    balance = state.balance(account.loginid)
    if balance is None or not account.currency:
        return None
    return convert(balance.amount, account.currency, target, state.rates_base, state.rates)


def family_total(state: SessionState, virtual: bool, target: str) -> Decimal | None:
    """The real (or demo) accounts' balances summed in ``target``; ``None`` when one of them
    has no balance or rate yet, or the user has no such account. Disabled accounts are left
    out, as Deriv leaves them out of its own totals."""
    total = Decimal(0)
    seen = False
    for account in state.accounts:
        if account.is_virtual != virtual or not account.currency:
            continue
        if account.is_disabled:
            continue  # Deriv leaves disabled accounts out of its totals too
        value = converted(state, account, target)
        if value is None:
            return None
        total += value
        seen = True
    return total if seen else None


def real_total_in(state: SessionState, target: str) -> Decimal | None:
    """All real accounts' balances in ``target`` (see ``family_total``)."""
    return family_total(state, False, target)
