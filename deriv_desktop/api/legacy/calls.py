"""Request builders for every v3 call the app sends.

Each returns a dict that validates against Deriv's ``send.json`` for that call (a contract test
checks this), so the server never answers ``InputValidationFailed`` to something we built.
``loginid`` is sent only when given: it selects the account in a multi-token session.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

Message = dict[str, Any]

SCOPES = ("read", "trade", "trading_information", "payments", "admin")


def _with_loginid(msg: Message, loginid: str | None) -> Message:
    if loginid:
        msg["loginid"] = loginid
    return msg


def ping() -> Message:
    return {"ping": 1}


def time() -> Message:
    return {"time": 1}


def website_status(subscribe: bool = False) -> Message:
    msg: Message = {"website_status": 1}
    if subscribe:
        msg["subscribe"] = 1
    return msg


def authorize(tokens: Sequence[str], add_to_login_history: bool = False) -> Message:
    msg: Message = {"authorize": tokens[0]}
    if len(tokens) > 1:
        msg["tokens"] = list(tokens[1:])
    if add_to_login_history:
        msg["add_to_login_history"] = 1
    return msg


def account_list() -> Message:
    """Every account of the user; this call takes no ``loginid`` (its schema forbids one)."""
    return {"account_list": 1}


def balance(
    account: str = "current", *, subscribe: bool = False, loginid: str | None = None
) -> Message:
    msg: Message = {"balance": 1, "account": account}
    if subscribe:
        msg["subscribe"] = 1
    return _with_loginid(msg, loginid)


def api_token_list(loginid: str | None = None) -> Message:
    return _with_loginid({"api_token": 1}, loginid)


def api_token_create(
    name: str,
    scopes: Iterable[str],
    *,
    valid_for_current_ip_only: bool = False,
    loginid: str | None = None,
) -> Message:
    chosen = [s for s in SCOPES if s in set(scopes)]
    if not chosen:
        # The server would grant every scope when none is sent: never let that happen.
        raise ValueError("a token needs at least one scope")
    msg: Message = {"api_token": 1, "new_token": name, "new_token_scopes": chosen}
    if valid_for_current_ip_only:
        msg["valid_for_current_ip_only"] = 1
    return _with_loginid(msg, loginid)


def api_token_delete(token: str, loginid: str | None = None) -> Message:
    return _with_loginid({"api_token": 1, "delete_token": token}, loginid)


def oauth_apps(loginid: str | None = None) -> Message:
    return _with_loginid({"oauth_apps": 1}, loginid)


def revoke_oauth_app(app_id: int, loginid: str | None = None) -> Message:
    return _with_loginid({"revoke_oauth_app": int(app_id)}, loginid)


def logout(loginid: str | None = None) -> Message:
    return _with_loginid({"logout": 1}, loginid)


def exchange_rates(
    base_currency: str,
    target_currency: str | None = None,
    *,
    subscribe: bool = False,
    loginid: str | None = None,
) -> Message:
    msg: Message = {"exchange_rates": 1, "base_currency": base_currency}
    if target_currency:
        msg["target_currency"] = target_currency
    if subscribe:
        if not target_currency:
            raise ValueError("an exchange-rate stream needs a target currency")
        msg["subscribe"] = 1
    return _with_loginid(msg, loginid)


def topup_virtual(loginid: str | None = None) -> Message:
    return _with_loginid({"topup_virtual": 1}, loginid)


def get_settings(loginid: str | None = None) -> Message:
    return _with_loginid({"get_settings": 1}, loginid)


def get_account_status(loginid: str | None = None) -> Message:
    return _with_loginid({"get_account_status": 1}, loginid)


def login_history(limit: int = 10, loginid: str | None = None) -> Message:
    return _with_loginid({"login_history": 1, "limit": max(0, min(50, limit))}, loginid)


def forget(subscription_id: str) -> Message:
    return {"forget": subscription_id}


def forget_all(*msg_types: str) -> Message:
    if not msg_types:
        raise ValueError("name at least one stream type")
    return {"forget_all": msg_types[0] if len(msg_types) == 1 else list(msg_types)}
