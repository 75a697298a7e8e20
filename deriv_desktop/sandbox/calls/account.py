"""Account calls: balance, account_list, get_settings, get_account_status, login_history,
topup_virtual."""

from __future__ import annotations

from ..context import CallContext
from ..errors import ApiError
from ..models import Account, LoginRecord
from ..payloads import account_entry, balance_all, balance_single, money
from .common import fmt_time


def balance(ctx: CallContext) -> object:
    current = ctx.need_account()
    user = ctx.user
    target = str(ctx.request.get("account", "current"))
    if target == "all":
        if ctx.wants_stream:
            ctx.subscribe("balance", ("all", user.user_id), user_id=user.user_id)
        return balance_all(ctx.world, user, current, ctx.subscription_id)
    followed = current if target == "current" else ctx.world.account(target)
    if followed is None or followed.user_id != user.user_id:
        raise ApiError(
            "PermissionDenied", f"Permission denied, balance of {target} is not available."
        )
    if ctx.wants_stream:
        ctx.subscribe("balance", (followed.loginid,), loginid=followed.loginid)
    return balance_single(followed, ctx.subscription_id)


def account_list(ctx: CallContext) -> object:
    return [account_entry(a, for_authorize=False) for a in ctx.user.accounts]


def get_settings(ctx: CallContext) -> object:
    account, user = ctx.need_account(), ctx.user
    common: dict[str, object] = {
        "country": _country_name(user.residence),
        "country_code": user.residence,
        "dxtrade_user_exception": 0,
        "email": user.email,
        "email_consent": 1,
        "feature_flag": {"wallet": 0},
        "has_secret_answer": 0 if account.is_virtual else 1,
        "immutable_fields": ["residence"],
        "phone_number_verification": {"verified": 0},
        "preferred_language": "EN",
        "residence": _country_name(user.residence),
        "trading_hub": 0,
        "user_hash": f"{user.user_id:x}a1b2c3",
    }
    if account.is_virtual:
        return common
    return {
        **common,
        "account_opening_reason": "Speculative",
        "address_city": user.address_city,
        "address_line_1": user.address_line_1,
        "address_line_2": "",
        "address_postcode": user.address_postcode,
        "address_state": "",
        "allow_copiers": 0,
        "calling_country_code": None,
        "citizen": user.residence,
        "client_tnc_status": "Version 4.2.0 2024-05-01",
        "date_of_birth": user.date_of_birth,
        "first_name": user.first_name,
        "immutable_fields": [
            "citizen",
            "date_of_birth",
            "first_name",
            "last_name",
            "residence",
            "salutation",
        ],
        "is_authenticated_payment_agent": 0,
        "last_name": user.last_name,
        "non_pep_declaration": 1,
        "phone": user.phone,
        "place_of_birth": user.residence,
        "request_professional_status": 0,
        "salutation": "Mx",
        "tax_identification_number": None,
        "tax_residence": user.residence,
        "tnc_status": {"svg": 1},
    }


def _country_name(code: str) -> str:
    return {"za": "South Africa", "br": "Brazil", "id": "Indonesia", "ng": "Nigeria"}.get(
        code, code.upper()
    )


def get_account_status(ctx: CallContext) -> object:
    account = ctx.need_account()
    status = ["allow_document_upload", "financial_information_not_complete"]
    if not account.is_virtual:
        status = [
            "age_verification",
            "allow_document_upload",
            "authenticated",
            "financial_information_not_complete",
        ]
    if account.is_disabled:
        status.append("disabled")
    if account.excluded_until is not None:
        status += ["cashier_locked", "no_trading", "no_withdrawal_or_trading"]
    verified = "none" if account.is_virtual else "verified"
    return {
        "authentication": {
            "attempts": {"count": 0, "history": [], "latest": None},
            "document": {"status": verified},
            "identity": {
                "services": {
                    "idv": {
                        "last_rejected": [],
                        "reported_properties": {},
                        "status": "none",
                        "submissions_left": 2,
                    },
                    "manual": {"status": "none"},
                    "onfido": {
                        "country_code": "ZAF",
                        "documents_supported": ["Passport"],
                        "is_country_supported": 1,
                        "last_rejected": [],
                        "reported_properties": {},
                        "status": verified,
                        "submissions_left": 3,
                    },
                },
                "status": verified,
            },
            "income": {"status": "none"},
            "needs_verification": [],
            "ownership": {"requests": [], "status": "none"},
        },
        "currency_config": (
            {account.currency: {"is_deposit_suspended": 0, "is_withdrawal_suspended": 0}}
            if account.currency
            else {}
        ),
        "p2p_poa_required": 0,
        "p2p_status": "none",
        "prompt_client_to_authenticate": 0,
        "risk_classification": "low",
        "status": sorted(status),
    }


def login_history(ctx: CallContext) -> object:
    limit = ctx.request.get("limit", 10)
    count = limit if isinstance(limit, int) else 10
    return [_history_entry(r) for r in ctx.user.login_history[:count]]


def _history_entry(record: LoginRecord) -> dict[str, object]:
    when = fmt_time(record.time)
    env = (
        f"{when}GMT IP={record.ip} IP_COUNTRY={record.country.upper()} "
        f"User_AGENT={record.browser} on {record.os} LANG={record.language} "
        f"APP_ID={record.app_id} BRAND={record.brand}"
    )
    return {
        "action": record.action,
        "browser": record.browser,
        "country": record.country,
        "datetime": when,
        "device": record.device,
        "environment": env,
        "ip": record.ip,
        "language": record.language,
        "os": record.os,
        "status": record.status,
        "time": record.time,
        "version": record.version,
    }


def topup_virtual(ctx: CallContext) -> object:
    account: Account = ctx.need_account()
    config = ctx.core.config
    if not account.is_virtual:
        raise ApiError(
            "TopupVirtualError", "Sorry, this feature is available to virtual accounts only."
        )
    if account.balance >= config.topup_threshold:
        raise ApiError(
            "TopupVirtualError",
            "You can only request additional funds if your virtual account balance falls below "
            f"{account.currency} {config.topup_threshold:,.2f}.",
        )
    ctx.world.adjust_balance(account.loginid, config.topup_amount)
    return {"amount": money(config.topup_amount), "currency": account.currency}
