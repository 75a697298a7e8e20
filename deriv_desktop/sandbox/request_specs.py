"""Request shapes of the calls the sandbox serves, written from Deriv's v3 `send.json` files.

Keep in step with the schemas; `tests/contract/test_sandbox_contract.py` checks agreement.
"""

from __future__ import annotations

from dataclasses import replace

from .models import ALL_SCOPES
from .validation import AnyObject, Array, CallSpec, Integer, Number, OneOf, Rule, String

ONE = Integer(enum=(1,))
FLAG = Integer(enum=(0, 1))
LOGINID = String(pattern=r"^[A-Za-z]+[0-9]+$")
TOKEN = String(pattern=r"^[\w\-]{1,128}$")
CURRENCY = String(pattern=r"^[a-zA-Z0-9]{2,20}$")
STREAM_TYPES: tuple[str, ...] = (
    "balance",
    "candles",
    "cashier_payments",
    "p2p_advert",
    "p2p_advertiser",
    "p2p_order",
    "proposal",
    "proposal_open_contract",
    "ticks",
    "transaction",
    "trading_platform_asset_listing",
    "website_status",
    "p2p_settings",
    "crypto_estimations",
)
STREAM_TYPE = String(enum=STREAM_TYPES)
SYMBOL = String(pattern=r"^\w{2,30}$")
STATEMENT_ACTIONS = (
    "buy",
    "sell",
    "deposit",
    "withdrawal",
    "escrow",
    "adjustment",
    "virtual_credit",
    "transfer",
)
EPOCH = Integer(minimum=0, maximum=9999999999)


def _spec(
    name: str,
    method: Rule,
    *,
    extra: dict[str, Rule] | None = None,
    required: tuple[str, ...] = (),
    loginid: bool = True,
    auth: bool = False,
    scopes: tuple[str, ...] = (),
) -> CallSpec:
    fields: dict[str, Rule] = {name: method, **(extra or {})}
    if loginid:
        fields["loginid"] = LOGINID
    fields["passthrough"] = AnyObject()
    fields["req_id"] = Integer()
    return CallSpec(name, fields, (name, *required), auth_required=auth, scopes=scopes)


_SPECS: tuple[CallSpec, ...] = (
    _spec(
        "authorize",
        TOKEN,
        extra={
            "add_to_login_history": FLAG,
            "tokens": Array(TOKEN, max_items=25),
        },
        loginid=False,
    ),
    _spec("ping", ONE, loginid=False),
    _spec("time", ONE, loginid=False),
    _spec("website_status", ONE, extra={"subscribe": FLAG}, loginid=False),
    _spec(
        "exchange_rates",
        ONE,
        extra={
            "base_currency": CURRENCY,
            "include_spread": ONE,
            "subscribe": ONE,
            "target_currency": CURRENCY,
        },
        required=("base_currency",),
    ),
    _spec("forget", String(pattern=r"^[\w-]{32,128}$"), loginid=False),
    _spec(
        "forget_all",
        OneOf((STREAM_TYPE, Array(STREAM_TYPE))),
        loginid=False,
    ),
    _spec("logout", ONE),
    _spec(
        "balance",
        ONE,
        extra={
            "account": String(pattern=r"^(current|all|[A-Z]{2,4}[0-9]{1,10})$"),
            "subscribe": FLAG,
        },
        auth=True,
        scopes=("read", "trading_information"),
    ),
    _spec("account_list", ONE, loginid=False, auth=True, scopes=("read",)),
    _spec(
        "api_token",
        ONE,
        extra={
            "delete_token": String(pattern=r"^[A-Za-z0-9\s_*]+$"),
            "new_token": String(pattern=r"^[A-Za-z0-9\s_]+$"),
            "new_token_scopes": Array(String(enum=ALL_SCOPES), unique=True),
            "valid_for_current_ip_only": FLAG,
        },
        auth=True,
        scopes=("admin",),
    ),
    _spec("oauth_apps", ONE, auth=True, scopes=("read",)),
    _spec("revoke_oauth_app", Integer(), auth=True, scopes=("admin",)),
    _spec("topup_virtual", ONE, auth=True, scopes=("trade",)),
    _spec("get_settings", ONE, auth=True, scopes=("read",)),
    _spec("get_account_status", ONE, auth=True, scopes=("read",)),
    _spec(
        "login_history",
        ONE,
        extra={"limit": Integer(minimum=0, maximum=50)},
        auth=True,
        scopes=("read",),
    ),
    # Beyond the schema files in ../shared: written from Deriv's config/v3 send.json files
    # (binary-websocket-api); statement and ticks are checked against the new API's copies.
    _spec("landing_company", String(pattern=r"^\w\w$"), loginid=False),
    _spec("residence_list", ONE, loginid=False),
    replace(
        _spec("ticks", OneOf((SYMBOL, Array(SYMBOL))), extra={"subscribe": ONE}, loginid=False),
        reply_type="tick",
    ),
    _spec("app_list", ONE, auth=True, scopes=("read",)),
    _spec("app_get", Integer(), auth=True, scopes=("read",)),
    _spec(
        "statement",
        ONE,
        extra={
            "action_type": String(enum=STATEMENT_ACTIONS),
            "date_from": EPOCH,
            "date_to": EPOCH,
            "description": FLAG,
            "limit": Number(minimum=0, maximum=999),
            "offset": Integer(minimum=0),
        },
        auth=True,
        scopes=("read", "trading_information"),
    ),
)

SPECS: dict[str, CallSpec] = {spec.name: spec for spec in _SPECS}

# Fields whose values never appear in `echo_req` (marked "sensitive" in the schemas).
SENSITIVE_FIELDS: dict[str, frozenset[str]] = {"authorize": frozenset({"authorize", "tokens"})}
NOT_SHOWN = "<not shown>"


def identify(request: dict[str, object]) -> CallSpec | None:
    """The call a request is for: the first known method key present (Deriv's rule)."""
    for spec in _SPECS:
        if spec.name in request:
            return spec
    return None
