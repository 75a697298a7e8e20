"""A few synthetic indices, their prices and trading hours (ticks, active_symbols,
trading_times). Prices are a smooth function of time, so every client sees the same quote."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Symbol:
    code: str
    name: str
    base: float
    pip_size: int
    tick_seconds: float


SYMBOLS: dict[str, Symbol] = {
    s.code: s
    for s in (
        Symbol("R_100", "Volatility 100 Index", 1234.56, 2, 2.0),
        Symbol("R_50", "Volatility 50 Index", 250.1234, 4, 2.0),
        Symbol("1HZ100V", "Volatility 100 (1s) Index", 812.34, 2, 1.0),
    )
}
MARKET, SUBMARKET, SUBGROUP = "synthetic_index", "random_index", "synthetics"
MARKET_NAME, SUBMARKET_NAME = "Derived", "Continuous Indices"


def quote(symbol: Symbol, epoch: int) -> float:
    """The symbol's price at `epoch`: a slow wave plus a faster wiggle around its base."""
    wave = math.sin(epoch / 900.0) * 0.02 + math.sin(epoch / 37.0) * 0.003
    return round(symbol.base * (1 + wave), symbol.pip_size)


def tick(symbol: Symbol, epoch: int, sub_id: str | None) -> dict[str, object]:
    price = quote(symbol, epoch)
    spread = 10.0**-symbol.pip_size
    body: dict[str, object] = {
        "ask": round(price + spread, symbol.pip_size),
        "bid": round(price - spread, symbol.pip_size),
        "epoch": epoch,
        "pip_size": symbol.pip_size,
        "quote": price,
        "symbol": symbol.code,
    }
    if sub_id is not None:
        body["id"] = sub_id
    return body
