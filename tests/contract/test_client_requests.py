"""Every request our client can build validates against Deriv's send.json for that call."""

from __future__ import annotations

from typing import Any

import pytest

from deriv_desktop.api.legacy import calls
from tests.contract.schemas import v3_errors

TOKEN = "a1-AbCdEfGhIjKlMnOpQrStUvWxYz012"

BUILT: list[tuple[str, dict[str, Any]]] = [
    ("ping", calls.ping()),
    ("time", calls.time()),
    ("website_status", calls.website_status()),
    ("website_status", calls.website_status(subscribe=True)),
    ("authorize", calls.authorize([TOKEN])),
    ("authorize", calls.authorize([TOKEN] * 26, add_to_login_history=True)),
    ("account_list", calls.account_list()),
    ("balance", calls.balance()),
    ("balance", calls.balance("all", subscribe=True, loginid="CR90000001")),
    ("balance", calls.balance("VRTC90000002", loginid="CR90000001")),
    ("api_token", calls.api_token_list("CR90000001")),
    ("api_token", calls.api_token_create("My bot 1", ["read", "trade"])),
    (
        "api_token",
        calls.api_token_create(
            "all_scopes", calls.SCOPES, valid_for_current_ip_only=True, loginid="MF90000003"
        ),
    ),
    ("api_token", calls.api_token_delete("AbCdEfGhIjKlMnO", loginid="CR90000001")),
    ("oauth_apps", calls.oauth_apps()),
    ("oauth_apps", calls.oauth_apps("CR90000001")),
    ("revoke_oauth_app", calls.revoke_oauth_app(31337, loginid="CR90000001")),
    ("logout", calls.logout()),
    ("logout", calls.logout("CR90000001")),
    ("exchange_rates", calls.exchange_rates("USD")),
    ("exchange_rates", calls.exchange_rates("USD", "BTC", subscribe=True, loginid="CR90000001")),
    ("topup_virtual", calls.topup_virtual("VRTC90000002")),
    ("get_settings", calls.get_settings("CR90000001")),
    ("get_account_status", calls.get_account_status("CR90000001")),
    ("login_history", calls.login_history(25, loginid="CR90000001")),
    ("login_history", calls.login_history(500)),
    ("forget", calls.forget("c84a793b-8a87-7999-ce10-9b22f7ceead3")),
    ("forget_all", calls.forget_all("balance")),
    ("forget_all", calls.forget_all("balance", "website_status")),
]


@pytest.mark.parametrize(
    ("call", "request_"), BUILT, ids=[f"{c}-{i}" for i, (c, _) in enumerate(BUILT)]
)
def test_built_request_matches_send_schema(call: str, request_: dict[str, Any]) -> None:
    request_ = {**request_, "req_id": 7}
    assert v3_errors(call, "send", request_) == []


def test_every_call_the_client_builds_is_covered() -> None:
    builders = {
        name
        for name in dir(calls)
        if not name.startswith("_")
        and callable(getattr(calls, name))
        and name not in {"Iterable", "Sequence", "Any"}
    }
    covered_calls = {call for call, _ in BUILT}
    expected = {
        "ping",
        "time",
        "website_status",
        "authorize",
        "account_list",
        "balance",
        "api_token",
        "oauth_apps",
        "revoke_oauth_app",
        "logout",
        "exchange_rates",
        "topup_virtual",
        "get_settings",
        "get_account_status",
        "login_history",
        "forget",
        "forget_all",
    }
    assert covered_calls == expected
    assert len(builders) >= len(expected)


def test_the_schema_check_itself_rejects_a_bad_request() -> None:
    assert v3_errors("api_token", "send", {"api_token": 1, "new_token": "no-dashes"})
    assert v3_errors("balance", "send", {"balance": 1, "bogus": 1})


def test_token_without_scopes_is_never_built() -> None:
    with pytest.raises(ValueError, match="scope"):
        calls.api_token_create("x_name", [])
