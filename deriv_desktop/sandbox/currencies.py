"""Static reference data: currencies, starting exchange rates, landing companies, languages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Currency:
    """How Deriv describes one currency in `website_status.currencies_config`."""

    code: str
    name: str
    kind: str  # "fiat" | "crypto"
    fractional_digits: int
    stake_default: float
    usd_value: Decimal  # starting value of one unit in USD; the rate table walks from here

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.fractional_digits)


CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency("USD", "US Dollar", "fiat", 2, 10.0, Decimal("1")),
        Currency("EUR", "Euro", "fiat", 2, 10.0, Decimal("1.0842")),
        Currency("GBP", "Pound Sterling", "fiat", 2, 10.0, Decimal("1.2713")),
        Currency("AUD", "Australian Dollar", "fiat", 2, 10.0, Decimal("0.6618")),
        Currency("BTC", "Bitcoin", "crypto", 8, 0.0002, Decimal("64870.25")),
        Currency("ETH", "Ethereum", "crypto", 8, 0.003, Decimal("3412.80")),
        Currency("LTC", "Litecoin", "crypto", 8, 0.1, Decimal("84.31")),
        Currency("USDC", "USD Coin", "crypto", 2, 10.0, Decimal("0.9998")),
        Currency("UST", "Tether Omni", "crypto", 2, 10.0, Decimal("1.0003")),
        Currency("eUSDT", "Tether ERC20", "crypto", 2, 10.0, Decimal("1.0001")),
        Currency("tUSDT", "Tether TRC20", "crypto", 2, 10.0, Decimal("0.9999")),
    )
}

# Landing company short name -> (broker code, full legal name)
LANDING_COMPANIES: dict[str, tuple[str, str]] = {
    "svg": ("CR", "Deriv (SVG) LLC"),
    "maltainvest": ("MF", "Deriv Investments (Europe) Limited"),
    "virtual": ("VRTC", "Deriv Limited"),
}

BROKER_CODES: tuple[str, ...] = ("CR", "CRW", "MF", "MFW", "VRTC", "VRW")

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "EN",
    "DE",
    "ES",
    "FR",
    "ID",
    "IT",
    "KO",
    "PL",
    "PT",
    "RU",
    "TH",
    "TR",
    "VI",
    "ZH_CN",
    "ZH_TW",
)

# Currencies of countries the seeded users live in (authorize.local_currencies)
LOCAL_CURRENCIES: dict[str, str] = {"za": "ZAR", "id": "IDR", "br": "BRL", "ng": "NGN"}


def fractional_digits(code: str) -> int:
    currency = CURRENCIES.get(code)
    return currency.fractional_digits if currency else 2


def quantize(amount: Decimal, code: str) -> Decimal:
    """Round an amount to what the currency can hold (BTC 8 digits, USD 2 ...)."""
    return amount.quantize(Decimal(1).scaleb(-fractional_digits(code)))
