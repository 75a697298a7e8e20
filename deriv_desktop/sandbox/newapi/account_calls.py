"""Options-socket calls beyond balance: portfolio, statement, profit_table, transaction (stream),
active_symbols and trading_times. Request shapes written from the new API's schema bundle;
history comes from the account's ledger (its balance moves), markets from the sandbox's
synthetic indices. The sandbox sells no contracts, so the portfolio is always empty."""

from __future__ import annotations

from collections.abc import Mapping

from .. import history
from ..ledger import Entry, Ledger
from ..markets import MARKET, MARKET_NAME, SUBGROUP, SUBMARKET, SUBMARKET_NAME, SYMBOLS
from ..validation import AnyObject, Array, CallSpec, Integer, Number, Rule, String
from .models import OptionsAccount

_ONE = Integer(enum=(1,))
_COMMON = {"passthrough": AnyObject(), "req_id": Integer()}
_CONTRACT_TYPES = Array(String(pattern=r"^[A-Z_]+$"))
_DATE = String(pattern=r"^([0-9]{4}-(0?[1-9]|1[012])-(0?[1-9]|[12][0-9]|3[01])|[0-9]{1,10})$")
_EPOCH = Integer(minimum=0, maximum=9999999999)


def _trade(name: str, fields: dict[str, Rule], required: tuple[str, ...] = ()) -> CallSpec:
    """A call of the socket's account (scope `trade`, as the bundle's `auth_scopes` say)."""
    return CallSpec(name, {**fields, **_COMMON}, (name, *required), True, ("trade",))


SPECS: tuple[CallSpec, ...] = (
    _trade("portfolio", {"portfolio": _ONE, "contract_type": _CONTRACT_TYPES}),
    _trade(
        "statement",
        {
            "statement": _ONE,
            "action_type": String(enum=("buy", "sell", "deposit", "withdrawal")),
            "date_from": _EPOCH,
            "date_to": _EPOCH,
            "description": Integer(enum=(0, 1)),
            "limit": Number(minimum=0, maximum=999),
            "offset": Integer(minimum=0),
        },
    ),
    _trade(
        "profit_table",
        {
            "profit_table": _ONE,
            "contract_type": _CONTRACT_TYPES,
            "date_from": _DATE,
            "date_to": _DATE,
            "description": Integer(enum=(0, 1)),
            "limit": Number(minimum=0, maximum=500),
            "offset": Integer(minimum=0),
            "sort": String(enum=("ASC", "DESC")),
        },
    ),
    _trade("transaction", {"transaction": _ONE, "subscribe": _ONE}, ("subscribe",)),
    CallSpec(
        "active_symbols",
        {
            "active_symbols": String(enum=("full", "brief")),
            "contract_type": _CONTRACT_TYPES,
            **_COMMON,
        },
        ("active_symbols",),
    ),
    CallSpec(
        "trading_times",
        {
            "trading_times": String(pattern=r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|today)$"),
            **_COMMON,
        },
        ("trading_times",),
    ),
)


def portfolio(request: Mapping[str, object]) -> object:
    return {"contracts": []}


def active_symbols(request: Mapping[str, object]) -> object:
    return [
        {
            "exchange_is_open": 1,
            "is_trading_suspended": 0,
            "market": MARKET,
            "pip_size": 10.0**-s.pip_size,
            "subgroup": SUBGROUP,
            "submarket": SUBMARKET,
            "trade_count": 0,
            "underlying_symbol": s.code,
            "underlying_symbol_name": s.name,
            "underlying_symbol_type": "stockindex",
        }
        for s in SYMBOLS.values()
    ]


_WEEK = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]


def trading_times(request: Mapping[str, object]) -> object:
    symbols = [
        {
            "events": [],
            "name": s.name,
            "times": {"close": ["23:59:59"], "open": ["00:00:00"], "settlement": "23:59:59"},
            "trading_days": _WEEK,
            "underlying_symbol": s.code,
        }
        for s in SYMBOLS.values()
    ]
    return {
        "markets": [
            {"name": MARKET_NAME, "submarkets": [{"name": SUBMARKET_NAME, "symbols": symbols}]}
        ]
    }


def statement(ledger: Ledger, account: OptionsAccount, request: Mapping[str, object]) -> object:
    return history.statement(ledger, account.account_id, request)


def profit_table(ledger: Ledger, account: OptionsAccount, request: Mapping[str, object]) -> object:
    return history.profit_table(ledger, account.account_id, request)


def transaction(account: OptionsAccount, entry: Entry | None, sub_id: str) -> dict[str, object]:
    """A `transaction` stream message (the first reply has only the stream id)."""
    body: dict[str, object] = {"id": sub_id}
    if entry is None:
        return body
    body.update(
        action=entry.action,
        amount=float(entry.amount),
        balance=float(entry.balance_after),
        currency=account.currency,
        transaction_id=entry.transaction_id,
        transaction_time=entry.time,
        longcode=entry.longcode,
    )
    if entry.contract is not None:
        body.update(
            contract_id=entry.contract.contract_id,
            purchase_time=entry.contract.purchase_time,
            date_expiry=entry.contract.sell_time,
            underlying_symbol="R_100",
        )
    return body
