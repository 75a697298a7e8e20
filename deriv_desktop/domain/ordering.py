"""Deriv's account order: fiat before crypto, each alphabetical by currency; demo accounts last."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from deriv_desktop.domain.models import Account, CurrencyInfo

# Used when website_status has not told us a currency's type yet (Deriv's own fallback list).
KNOWN_CRYPTO = frozenset(
    {
        "BTC",
        "ETH",
        "LTC",
        "BCH",
        "ETC",
        "UST",
        "USDT",
        "USDC",
        "EUSDT",
        "TUSDT",
        "BUSD",
        "DAI",
        "PAX",
        "TUSD",
        "USDK",
        "EURS",
        "IDK",
        "XRP",
    }
)


def is_crypto(code: str, currencies: Mapping[str, CurrencyInfo]) -> bool:
    info = currencies.get(code)
    if info is not None:
        return info.is_crypto
    return code.upper() in KNOWN_CRYPTO


def sort_key(account: Account, currencies: Mapping[str, CurrencyInfo]) -> tuple[int, int, str, str]:
    return (
        1 if account.is_virtual else 0,
        1 if is_crypto(account.currency, currencies) else 0,
        account.currency.upper(),
        account.loginid,
    )


def sorted_accounts(
    accounts: Iterable[Account], currencies: Mapping[str, CurrencyInfo]
) -> list[Account]:
    return sorted(accounts, key=lambda a: sort_key(a, currencies))
