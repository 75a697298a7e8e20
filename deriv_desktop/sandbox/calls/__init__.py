"""Call handlers by method name; each takes a CallContext and returns the reply payload."""

from __future__ import annotations

from collections.abc import Callable

from ..context import CallContext
from . import account, apps, history, market, public, reference, session, tokens

Handler = Callable[[CallContext], object]

HANDLERS: dict[str, Handler] = {
    "authorize": session.authorize,
    "logout": session.logout,
    "ping": public.ping,
    "time": public.time_,
    "website_status": public.website_status,
    "exchange_rates": public.exchange_rates,
    "forget": public.forget,
    "forget_all": public.forget_all,
    "balance": account.balance,
    "account_list": account.account_list,
    "get_settings": account.get_settings,
    "get_account_status": account.get_account_status,
    "login_history": account.login_history,
    "topup_virtual": account.topup_virtual,
    "api_token": tokens.api_token,
    "oauth_apps": apps.oauth_apps,
    "revoke_oauth_app": apps.revoke_oauth_app,
    "app_list": apps.app_list,
    "app_get": apps.app_get,
    "landing_company": reference.landing_company,
    "residence_list": reference.residence_list,
    "statement": history.statement,
    "ticks": market.ticks,
}
