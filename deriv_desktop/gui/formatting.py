"""Money and time as the user reads them: per-currency decimals, the user's locale separators.

Amounts stay ``Decimal`` until this module turns them into text, so a BTC balance never passes
through a float. The integer part is grouped by ``QLocale`` (French gives narrow no-break spaces,
Swiss German apostrophes, Hindi 2-digit groups); the fraction is always padded to the currency's
full precision, as Deriv's own front end does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QDate, QLocale, QTime

from deriv_desktop.domain.models import CurrencyInfo, Money
from deriv_desktop.domain.ordering import is_crypto
from deriv_desktop.gui.strings import tr

# Deriv's fallback precision when website_status has not described a currency.
_STABLECOINS = frozenset(
    {"UST", "USDT", "USDC", "EUSDT", "TUSDT", "BUSD", "DAI", "PAX", "TUSD", "USDK", "EURS"}
)
_ZERO_DIGITS = frozenset({"IDK"})

NO_VALUE = "—"


def app_locale() -> QLocale:
    """The user's locale; the bare "C" locale (no LANG set) reads like Deriv's English instead."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def fraction_digits(code: str, currencies: Mapping[str, CurrencyInfo]) -> int:
    """Decimals a currency's amounts carry: ``currencies_config`` first, then Deriv's fallbacks."""
    info = currencies.get(code)
    if info is not None:
        return info.fractional_digits
    upper = code.upper()
    if upper in _ZERO_DIGITS:
        return 0
    if upper in _STABLECOINS:
        return 2
    if is_crypto(code, currencies):
        return 8
    return 2


def display_code(code: str, currencies: Mapping[str, CurrencyInfo]) -> str:
    """The code users recognise (Deriv shows UST as USDT)."""
    info = currencies.get(code)
    if info is not None:
        return info.display_code
    return "USDT" if code == "UST" else code


def currency_name(code: str, currencies: Mapping[str, CurrencyInfo]) -> str:
    """The currency's name in the interface language (Deriv sends English names only)."""
    from deriv_desktop.gui.currency_names import translated_currency_name

    named = translated_currency_name(code)
    if named is not None:
        return named
    info = currencies.get(code)
    if info is not None and info.name:
        return info.name
    return code


def _localise_digits(digits: str, locale: QLocale) -> str:
    zero = locale.zeroDigit()
    if zero == "0":
        return digits
    if len(zero) == 1:
        base = ord(zero)
        return "".join(chr(base + int(ch)) for ch in digits)
    return "".join(locale.toString(int(ch)) for ch in digits)


def format_amount(amount: Decimal, digits: int, locale: QLocale | None = None) -> str:
    """``amount`` rounded half-up to ``digits`` decimals, grouped and punctuated for ``locale``."""
    loc = locale if locale is not None else app_locale()
    quantum = Decimal(1).scaleb(-digits) if digits > 0 else Decimal(1)
    rounded = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = rounded < 0
    text = f"{abs(rounded):f}"
    whole, _, fraction = text.partition(".")
    out = loc.toString(int(whole))
    if digits > 0:
        out += loc.decimalPoint() + _localise_digits(fraction.ljust(digits, "0"), loc)
    return (loc.negativeSign() + out) if negative else out


def format_money(
    amount: Decimal,
    code: str,
    currencies: Mapping[str, CurrencyInfo],
    locale: QLocale | None = None,
) -> str:
    """``10,250.37 USD`` / ``0.12345678 BTC``; the bare number when the account has no currency."""
    number = format_amount(amount, fraction_digits(code, currencies), locale)
    shown = display_code(code, currencies)
    return f"{number} {shown}" if shown else number


def format_money_value(
    money: Money | None,
    currencies: Mapping[str, CurrencyInfo],
    locale: QLocale | None = None,
) -> str:
    if money is None:
        return NO_VALUE
    return format_money(money.amount, money.currency, currencies, locale)


def format_age(seconds: float) -> str:
    """A short, calm "updated … ago" for a balance's last update."""
    whole = max(0, int(seconds))
    if whole < 3:
        return tr("Formatting", "updated just now")
    if whole < 60:
        return tr("Formatting", "updated %n s ago", None, whole)
    if whole < 3600:
        return tr("Formatting", "updated %n min ago", None, whole // 60)
    if whole < 86400:
        return tr("Formatting", "updated %n h ago", None, whole // 3600)
    return tr("Formatting", "updated %n d ago", None, whole // 86400)


def format_date(day: date, locale: QLocale | None = None) -> str:
    """A medium-length date ("May 22, 2027", "22 mai 2027"): the locale's long form without the
    weekday and with a short month name, since Qt has no medium format."""
    loc = locale if locale is not None else app_locale()
    pattern = loc.dateFormat(QLocale.FormatType.LongFormat)
    pattern = re.sub(r"d{4}[,.،]?\s*", "", pattern).replace("MMMM", "MMM").strip(" ,")
    return loc.toString(QDate(day.year, day.month, day.day), pattern or "yyyy-MM-dd")


def format_clock(moment: QTime, locale: QLocale | None = None) -> str:
    """A time of day with seconds in the locale's long form ("2:05:33 PM", "14:05:33"), without
    its time-zone name: naming the zone is the one part of Qt's time formatting that loads ICU's
    zone data (about 3 MiB of resident memory for a word the user does not need)."""
    loc = locale if locale is not None else app_locale()
    pattern = _without_quoted(loc.timeFormat(QLocale.FormatType.LongFormat), _ZONE_FIELD)
    return loc.toString(moment, pattern.strip() or "HH:mm:ss")


_ZONE_FIELD = re.compile(r"\s*\(?t+\)?")
_QUOTED = re.compile(r"('[^']*')")


def _without_quoted(pattern: str, field: re.Pattern[str]) -> str:
    """``pattern`` with ``field`` removed everywhere but inside quoted literal text."""
    parts = _QUOTED.split(pattern)
    return "".join(part if part.startswith("'") else field.sub("", part) for part in parts)
