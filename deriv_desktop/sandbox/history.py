"""`statement` and `profit_table` bodies from a ledger (shared by both APIs)."""

from __future__ import annotations

from collections.abc import Mapping

from .ledger import SYMBOL, Entry, Ledger, page


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _limit(value: object, default: int) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def _line(entry: Entry, described: bool) -> dict[str, object]:
    contract = entry.contract
    line: dict[str, object] = {
        "action_type": entry.action,
        "amount": float(entry.amount),
        "balance_after": float(entry.balance_after),
        "contract_id": contract.contract_id if contract else None,
        "payout": float(contract.payout) if contract else None,
        "purchase_time": contract.purchase_time if contract else entry.time,
        "reference_id": contract.buy_transaction if contract and entry.action == "sell" else None,
        "transaction_id": entry.transaction_id,
        "transaction_time": entry.time,
    }
    if described:
        line["longcode"] = entry.longcode
        line["shortcode"] = contract.shortcode if contract else None
    return line


def statement(ledger: Ledger, key: str, request: Mapping[str, object]) -> dict[str, object]:
    action = request.get("action_type")
    entries = ledger.statement(
        key,
        action=action if isinstance(action, str) else None,
        date_from=_int(request.get("date_from"), 0) or None,
        date_to=_int(request.get("date_to"), 0) or None,
    )
    chosen = page(entries, _int(request.get("offset"), 0), _limit(request.get("limit"), 100))
    described = request.get("description") == 1
    lines = [_line(e, described) for e in chosen]
    return {"count": len(lines), "transactions": lines}


def profit_table(ledger: Ledger, key: str, request: Mapping[str, object]) -> dict[str, object]:
    contracts = ledger.contracts(key)
    if request.get("sort", "DESC") == "DESC":
        contracts.reverse()
    chosen = page(contracts, _int(request.get("offset"), 0), _limit(request.get("limit"), 50))
    described = request.get("description") == 1
    lines: list[dict[str, object]] = []
    for c in chosen:
        line: dict[str, object] = {
            "buy_price": float(c.buy_price),
            "contract_id": c.contract_id,
            "contract_type": "CALL",
            "duration_type": "seconds",
            "payout": float(c.payout),
            "purchase_time": c.purchase_time,
            "sell_price": float(c.sell_price),
            "sell_time": c.sell_time,
            "transaction_id": c.buy_transaction,
            "underlying_symbol": SYMBOL,
        }
        if described:
            line["longcode"] = c.longcode
            line["shortcode"] = c.shortcode
        lines.append(line)
    return {"count": len(lines), "transactions": lines}
