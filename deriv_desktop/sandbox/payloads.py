"""Builders of response bodies shared by first replies and stream pushes."""

from __future__ import annotations

from decimal import Decimal

from .config import RateLimits
from .currencies import BROKER_CODES, CURRENCIES, LANDING_COMPANIES, SUPPORTED_LANGUAGES, quantize
from .models import Account, User
from .world import World

TOTAL_CURRENCY = "USD"


def envelope(
    msg_type: str,
    echo_req: dict[str, object],
    req_id: object,
    payload: object = None,
    *,
    error: dict[str, object] | None = None,
    subscription_id: str | None = None,
) -> dict[str, object]:
    """A Deriv message: echo_req, msg_type, the payload (or error), req_id, passthrough (copied
    from the request, as Deriv's `add_req_data` does), subscription."""
    message: dict[str, object] = {"echo_req": echo_req, "msg_type": msg_type}
    if error is not None:
        message["error"] = error
    else:
        message[msg_type] = payload
    if req_id is not None:
        message["req_id"] = req_id
    if echo_req.get("passthrough") is not None:
        message["passthrough"] = echo_req["passthrough"]
    if subscription_id is not None:
        message["subscription"] = {"id": subscription_id}
    return message


def money(amount: Decimal) -> float:
    return float(amount)


def account_entry(account: Account, *, for_authorize: bool) -> dict[str, object]:
    """An item of `authorize.account_list` or of `account_list` (see README on `broker`).

    Only the authorize variant may carry `currency_type` and `excluded_until` (per the schemas).
    """
    entry: dict[str, object] = {
        "account_category": "trading",
        "account_type": "binary",
        "broker": account.broker,
        "created_at": account.created_at,
        "currency": account.currency,
        "is_disabled": int(account.is_disabled),
        "is_virtual": int(account.is_virtual),
        "landing_company_name": account.landing_company,
        "linked_to": [],
        "loginid": account.loginid,
    }
    if for_authorize:
        currency = CURRENCIES.get(account.currency)
        entry["currency_type"] = currency.kind if currency else ""
        if account.excluded_until is not None:
            entry["excluded_until"] = account.excluded_until
    return entry


def landing_company_fullname(account: Account) -> str:
    return LANDING_COMPANIES[account.landing_company][1]


def balance_single(account: Account, sub_id: str | None) -> dict[str, object]:
    body: dict[str, object] = {
        "balance": money(account.balance),
        "currency": account.currency,
        "loginid": account.loginid,
    }
    if sub_id is not None:
        body["id"] = sub_id
    return body


def balance_all(
    world: World, user: User, current: Account, sub_id: str | None
) -> dict[str, object]:
    """`balance` with `account: all`: every account, converted amounts and family totals."""
    accounts: dict[str, object] = {}
    totals = {"deriv": Decimal(0), "deriv_demo": Decimal(0)}
    rate_to_total = world.usd_values.get(TOTAL_CURRENCY, Decimal(1))
    for account in user.accounts:
        converted = quantize(
            world.to_usd(account.balance, account.currency) / rate_to_total, TOTAL_CURRENCY
        )
        accounts[account.loginid] = {
            "balance": money(account.balance),
            "converted_amount": money(converted),
            "currency": account.currency,
            "demo_account": int(account.is_virtual),
            "status": 0 if account.is_disabled else 1,
            "type": "deriv",
        }
        if not account.is_disabled:
            totals["deriv_demo" if account.is_virtual else "deriv"] += converted
    body = balance_single(current, sub_id)
    body["accounts"] = accounts
    body["total"] = {
        "deriv": {"amount": money(totals["deriv"]), "currency": TOTAL_CURRENCY},
        "deriv_demo": {"amount": money(totals["deriv_demo"]), "currency": TOTAL_CURRENCY},
        "mt5": {"amount": 0.0, "currency": TOTAL_CURRENCY},
        "mt5_demo": {"amount": 0.0, "currency": TOTAL_CURRENCY},
    }
    return body


def website_status(world: World, limits: RateLimits, clients_country: str) -> dict[str, object]:
    currencies: dict[str, object] = {}
    for code, cur in CURRENCIES.items():
        fees = {
            other: (2 if cur.kind != CURRENCIES[other].kind else 0)
            for other in CURRENCIES
            if other != code
        }
        currencies[code] = {
            "fractional_digits": cur.fractional_digits,
            "is_deposit_suspended": 0,
            "is_suspended": 0,
            "is_withdrawal_suspended": 0,
            "name": cur.name,
            "stake_default": cur.stake_default,
            "transfer_between_accounts": {
                "fees": fees,
                "limits": {
                    "max": 5000 if cur.kind == "fiat" else round(5000 / float(cur.usd_value), 8),
                    "min": 1 if cur.kind == "fiat" else round(1 / float(cur.usd_value), 8),
                },
            },
            "type": cur.kind,
        }
    body: dict[str, object] = {
        "api_call_limits": {
            "max_proposal_subscription": {
                "applies_to": "subscribing to proposal concurrently",
                "max": limits.max_proposal_subscription,
            },
            "max_requestes_general": {
                "applies_to": "rest of calls",
                "hourly": limits.general_hourly,
                "minutely": limits.general_minutely,
            },
            "max_requests_outcome": {
                "applies_to": "portfolio, statement and proposal",
                "hourly": limits.outcome_hourly,
                "minutely": limits.outcome_minutely,
            },
            "max_requests_pricing": {
                "applies_to": "proposal and proposal_open_contract",
                "hourly": limits.pricing_hourly,
                "minutely": limits.pricing_minutely,
            },
        },
        "broker_codes": list(BROKER_CODES),
        "clients_country": clients_country,
        "currencies_config": currencies,
        "site_status": world.site_status,
        "supported_languages": list(SUPPORTED_LANGUAGES),
        "terms_conditions_version": "Version 4.2.0 2024-05-01",
    }
    if world.site_message:
        body["message"] = world.site_message
    return body


def exchange_rate_value(world: World, base: str, target: str, spread: bool) -> object:
    rate = world.rate(base, target)
    spot = float(f"{rate:.8g}") if rate is not None else 0.0
    if not spread:
        return spot
    return {
        "ask_rate": float(f"{spot * 1.0025:.8g}"),
        "bid_rate": float(f"{spot * 0.9975:.8g}"),
        "spot_rate": spot,
    }


def exchange_rates(world: World, base: str, target: str | None, spread: bool) -> dict[str, object]:
    targets = [target] if target else [c for c in CURRENCIES if c != base]
    return {
        "base_currency": base,
        "date": world.now(),
        "rates": {t: exchange_rate_value(world, base, t, spread) for t in targets},
    }
