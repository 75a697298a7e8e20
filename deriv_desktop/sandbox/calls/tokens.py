"""api_token: list, create and delete personal API tokens of the selected account."""

from __future__ import annotations

from ..context import CallContext
from ..errors import ApiError, invalid_token
from ..models import Token
from ..world import TokenRuleError
from .common import fmt_time


def token_entry(token: Token) -> dict[str, object]:
    return {
        "display_name": token.display_name,
        "last_used": fmt_time(token.last_used) if token.last_used else "",
        "scopes": list(token.scopes),
        "token": token.value,
        "valid_for_ip": token.valid_for_ip,
    }


def api_token(ctx: CallContext) -> object:
    """Delete runs before create; every reply carries the account's full token list."""
    account = ctx.need_account()
    world = ctx.world
    result: dict[str, object] = {}
    if "delete_token" in ctx.request:
        if world.delete_api_token(account.loginid, str(ctx.request["delete_token"])) is None:
            raise invalid_token("No token found for this account.")
        result["delete_token"] = 1
    if "new_token" in ctx.request:
        raw_scopes = ctx.request.get("new_token_scopes")
        scopes = [str(s) for s in raw_scopes] if isinstance(raw_scopes, list) else None
        ip = ctx.conn.client_ip if ctx.request.get("valid_for_current_ip_only") == 1 else ""
        try:
            world.create_api_token(account.loginid, str(ctx.request["new_token"]), scopes, ip=ip)
        except TokenRuleError as exc:
            raise ApiError("APITokenError", str(exc)) from None
        result["new_token"] = 1
    result["tokens"] = [token_entry(t) for t in world.api_tokens(account.loginid)]
    return result
