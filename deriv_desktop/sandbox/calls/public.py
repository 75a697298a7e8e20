"""Calls that need no authorization: ping, time, website_status, exchange_rates, forget(_all)."""

from __future__ import annotations

from ..context import CallContext
from ..currencies import CURRENCIES
from ..errors import ApiError
from ..payloads import exchange_rates as rates_body


def ping(ctx: CallContext) -> object:
    return "pong"


def time_(ctx: CallContext) -> object:
    return ctx.world.now()


def website_status(ctx: CallContext) -> object:
    if ctx.wants_stream:
        ctx.subscribe("website_status", ())
    return ctx.core.website_status()


def _currency(code: str) -> str:
    if code in CURRENCIES:
        return code
    for known in CURRENCIES:
        if known.lower() == code.lower():
            return known
    raise ApiError(
        "ExchangeRatesNotAvailable", f"Exchange rates are not currently available for {code}."
    )


def exchange_rates(ctx: CallContext) -> object:
    base = _currency(str(ctx.request["base_currency"]))
    raw_target = ctx.request.get("target_currency")
    target = _currency(str(raw_target)) if raw_target is not None else None
    spread = target is not None and ctx.request.get("include_spread") == 1
    if ctx.wants_stream:
        if target is None:
            raise ApiError(
                "TargetCurrencyRequired",
                "Please specify target_currency to subscribe to exchange rates.",
            )
        ctx.subscribe(
            "exchange_rates", (base, target), base=base, target=target, include_spread=spread
        )
    return rates_body(ctx.world, base, target, spread)


def forget(ctx: CallContext) -> object:
    sub = ctx.core.subs.get(str(ctx.request["forget"]))
    if sub is None or sub.conn is not ctx.conn:
        return 0
    ctx.core.subs.remove(sub)
    return 1


def forget_all(ctx: CallContext) -> object:
    raw = ctx.request["forget_all"]
    if isinstance(raw, str):
        kinds = {raw}
    else:
        kinds = {str(k) for k in raw} if isinstance(raw, list) else set()
    cancelled: list[str] = []
    for sub in ctx.core.subs.of_connection(ctx.conn):
        if sub.kind in kinds:
            ctx.core.subs.remove(sub)
            cancelled.append(sub.id)
    return cancelled
