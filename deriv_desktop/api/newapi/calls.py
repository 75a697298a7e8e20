"""Request builders for the new API's account sockets.

The socket already belongs to one account (fixed by the OTP it was opened with), so nothing
here ever carries ``authorize`` or ``loginid``. Each builder's output validates against the
bundle's ``<call>_request.schema.json`` (tests/contract/test_newapi_contract.py checks that).
"""

from __future__ import annotations

from typing import Any

Message = dict[str, Any]

# forget_all stream types the new API still knows.
STREAM_TYPES = (
    "balance",
    "candles",
    "cashier_payments",
    "proposal",
    "proposal_open_contract",
    "ticks",
    "transaction",
)


def balance(subscribe: bool = False) -> Message:
    msg: Message = {"balance": 1}
    if subscribe:
        msg["subscribe"] = 1
    return msg


def ping() -> Message:
    return {"ping": 1}


def time() -> Message:
    return {"time": 1}


def forget(subscription_id: str) -> Message:
    return {"forget": subscription_id}


def forget_all(*stream_types: str) -> Message:
    unknown = [t for t in stream_types if t not in STREAM_TYPES]
    if unknown or not stream_types:
        raise ValueError(f"forget_all takes stream types among {STREAM_TYPES}")
    return {"forget_all": stream_types[0] if len(stream_types) == 1 else list(stream_types)}
