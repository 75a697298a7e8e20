"""authorize and logout: who this connection acts for."""

from __future__ import annotations

from ..context import CallContext
from ..currencies import LANDING_COMPANIES, LOCAL_CURRENCIES
from ..errors import ApiError, invalid_token
from ..models import Token, TokenKind
from ..payloads import account_entry, landing_company_fullname, money
from .common import connection_login, fmt_time


def _usable_token(ctx: CallContext, value: str, *, main: bool) -> Token:
    """The token behind `value` if this connection may use it, else the Deriv error."""
    token = ctx.world.tokens.get(value)
    if token is None:
        raise invalid_token()
    if token.kind is TokenKind.OAUTH and token.app_id != ctx.conn.app_id:
        raise invalid_token("The token is not valid for the current app ID.")
    if token.valid_for_ip and token.valid_for_ip != ctx.conn.client_ip:
        raise invalid_token("The token is not valid for the current IP address.")
    account = ctx.world.accounts[token.loginid]
    if account.is_disabled:
        raise ApiError("AccountDisabled", f"Account {account.loginid} is disabled.")
    if main and account.excluded_until is not None:
        until = fmt_time(account.excluded_until)[:10]
        raise ApiError("SelfExclusion", f"Sorry, you have excluded yourself until {until}.")
    return token


def authorize(ctx: CallContext) -> object:
    world = ctx.world
    main = _usable_token(ctx, str(ctx.request["authorize"]), main=True)
    account = world.accounts[main.loginid]
    user = world.user_of(account)
    chosen: dict[str, Token] = {main.loginid: main}
    extra = ctx.request.get("tokens", [])
    for value in extra if isinstance(extra, list) else []:
        token = _usable_token(ctx, str(value), main=False)
        if world.accounts[token.loginid].user_id != user.user_id:
            raise invalid_token("All tokens must belong to the same user.")
        chosen.setdefault(token.loginid, token)

    session = ctx.conn.session
    session.main_loginid = main.loginid
    session.tokens = {loginid: token.value for loginid, token in chosen.items()}
    session.multi = len(chosen) > 1
    for token in chosen.values():
        world.touch_token(token)
    if ctx.request.get("add_to_login_history") == 1:
        world.record_login(user, connection_login(world.now(), user, ctx.conn, "login"))

    owned = {a.landing_company for a in user.accounts if not a.is_virtual}
    local = LOCAL_CURRENCIES.get(user.residence)
    return {
        "account_list": [account_entry(a, for_authorize=True) for a in user.accounts],
        "balance": money(account.balance),
        "country": user.residence,
        "currency": account.currency,
        "email": user.email,
        "fullname": "" if account.is_virtual else f"{user.first_name} {user.last_name}",
        "is_virtual": int(account.is_virtual),
        "landing_company_fullname": landing_company_fullname(account),
        "landing_company_name": account.landing_company,
        "linked_to": [],
        "local_currencies": {local: {"fractional_digits": 2}} if local else {},
        "loginid": account.loginid,
        "preferred_language": "EN",
        "scopes": list(main.scopes),
        "upgradeable_landing_companies": sorted(
            c for c in LANDING_COMPANIES if c != "virtual" and c not in owned
        ),
        "user_id": user.user_id,
    }


def logout(ctx: CallContext) -> object:
    """End the session; an OAuth session also kills its app's tokens on all the user's accounts."""
    world, conn = ctx.world, ctx.conn
    session = conn.session
    if not session.authorized or session.main_loginid is None:
        return 1
    main_loginid = session.main_loginid
    token = world.tokens.get(session.tokens.get(main_loginid, ""))
    user = world.user_of(world.accounts[main_loginid])
    for sub in ctx.core.subs.account_bound(conn):
        ctx.core.subs.remove(sub)
    session.clear()
    if token is not None and token.kind is TokenKind.OAUTH and token.app_id is not None:
        world.logout_oauth(user, token.app_id)
    world.record_login(user, connection_login(world.now(), user, conn, "logout"))
    return 1
