"""Turn v3 reply payloads into domain objects, tolerating missing optional fields."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

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


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def _date(value: Any) -> date | None:
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    if isinstance(value, int | float) and value > 0:
        return date.fromtimestamp(value)
    return None


def accounts_from_list(
    items: Any, landing_companies: Mapping[str, str] | None = None
) -> list[Account]:
    """``authorize.account_list`` or ``account_list`` items → accounts."""
    out: list[Account] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping) or not item.get("loginid"):
            continue
        lc = str(item.get("landing_company_name") or "")
        out.append(
            Account(
                loginid=str(item["loginid"]),
                currency=str(item.get("currency") or ""),
                is_virtual=bool(item.get("is_virtual")),
                is_disabled=bool(item.get("is_disabled")),
                landing_company=lc,
                landing_company_fullname=(landing_companies or {}).get(lc, ""),
                excluded_until=_date(item.get("excluded_until")),
                account_category=str(item.get("account_category") or "trading"),
            )
        )
    return out


def currencies_from_status(status: Mapping[str, Any]) -> dict[str, CurrencyInfo]:
    config = status.get("currencies_config")
    out: dict[str, CurrencyInfo] = {}
    if not isinstance(config, Mapping):
        return out
    for code, info in config.items():
        if not isinstance(info, Mapping):
            continue
        digits = info.get("fractional_digits")
        out[code] = CurrencyInfo(
            code=code,
            name=str(info.get("name") or code),
            fractional_digits=int(digits) if isinstance(digits, int) else 2,
            is_crypto=info.get("type") == "crypto",
        )
    return out


def balances_from_message(
    payload: Mapping[str, Any], now: float | None = None
) -> tuple[list[Balance], Totals | None]:
    """One ``balance`` payload: the aggregate (``accounts`` + ``total``) or a single update."""
    stamp = time.time() if now is None else now
    out: list[Balance] = []
    accounts = payload.get("accounts")
    if isinstance(accounts, Mapping):
        for loginid, item in accounts.items():
            if isinstance(item, Mapping) and item.get("type", "deriv") == "deriv":
                out.append(
                    Balance(
                        loginid=str(loginid),
                        amount=_decimal(item.get("balance")),
                        currency=str(item.get("currency") or ""),
                        updated_at=stamp,
                        converted=_decimal(item.get("converted_amount")),
                    )
                )
    elif payload.get("loginid"):
        out.append(
            Balance(
                loginid=str(payload["loginid"]),
                amount=_decimal(payload.get("balance")),
                currency=str(payload.get("currency") or ""),
                updated_at=stamp,
            )
        )
    totals = None
    total = payload.get("total")
    if isinstance(total, Mapping):

        def money(key: str) -> Money | None:
            item = total.get(key)
            if isinstance(item, Mapping) and "amount" in item:
                return Money(_decimal(item["amount"]), str(item.get("currency") or ""))
            return None

        totals = Totals(money("deriv"), money("deriv_demo"), money("mt5"), money("mt5_demo"))
    return out, totals


def tokens_from_reply(payload: Mapping[str, Any]) -> list[ApiToken]:
    out: list[ApiToken] = []
    for item in payload.get("tokens") or []:
        if not isinstance(item, Mapping):
            continue
        out.append(
            ApiToken(
                display_name=str(item.get("display_name") or ""),
                token=str(item.get("token") or ""),
                scopes=Scope.parse_many(item.get("scopes")),
                last_used=str(item["last_used"]) if item.get("last_used") else None,
                valid_for_ip=str(item.get("valid_for_ip") or ""),
            )
        )
    return out


def apps_from_reply(items: Any) -> list[ConnectedApp]:
    out: list[ConnectedApp] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        out.append(
            ConnectedApp(
                app_id=int(item.get("app_id") or 0),
                name=str(item.get("name") or ""),
                scopes=Scope.parse_many(item.get("scopes")),
                last_used=str(item["last_used"]) if item.get("last_used") else None,
                official=bool(item.get("official")),
                markup_percentage=float(item.get("app_markup_percentage") or 0),
            )
        )
    return out


def rates_from_reply(payload: Mapping[str, Any]) -> tuple[str, dict[str, Decimal]]:
    rates: dict[str, Decimal] = {}
    raw = payload.get("rates")
    if isinstance(raw, Mapping):
        for code, value in raw.items():
            if isinstance(value, Mapping):
                value = value.get("spot_rate")
            rates[str(code)] = _decimal(value)
    return str(payload.get("base_currency") or ""), rates
