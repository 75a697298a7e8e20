"""authorize (single and multi-token), loginid selection, scopes and token refusal."""

from __future__ import annotations

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import TokenKind, User
from tests.sandbox.kit import APP_ID, OTHER_APP_ID, WsClient, account, named_token


async def test_authorize_reply_describes_account_and_user(sandbox: Sandbox, amara: User) -> None:
    usd = account(amara, "USD")
    client = await WsClient.open(sandbox)
    reply = await client.call({"authorize": usd.token})
    assert reply["echo_req"]["authorize"] == "<not shown>"
    auth = reply["authorize"]
    assert auth["loginid"] == usd.loginid and auth["currency"] == "USD"
    assert auth["email"] == "amara@example.com" and auth["is_virtual"] == 0
    assert auth["landing_company_name"] == "svg"
    assert auth["scopes"] == ["read", "trade", "trading_information", "payments", "admin"]
    listed = {a["loginid"]: a for a in auth["account_list"]}
    assert set(listed) == {a.loginid for a in amara.accounts}
    disabled = next(a for a in amara.accounts if a.is_disabled)
    excluded = next(a for a in amara.accounts if a.excluded_until)
    assert listed[disabled.loginid]["is_disabled"] == 1
    assert listed[excluded.loginid]["excluded_until"] == excluded.excluded_until
    assert listed[account(amara, "USD", "virtual").loginid]["is_virtual"] == 1
    assert listed[account(amara, "EUR", "maltainvest").loginid]["broker"] == "MF"
    await client.close()


async def test_unknown_token_and_auth_required(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    assert (await client.error({"balance": 1}))["code"] == "AuthorizationRequired"
    assert (await client.error({"authorize": "a1-nosuchtoken"}))["code"] == "InvalidToken"
    assert (await client.error({"get_settings": 1}))["code"] == "AuthorizationRequired"
    await client.close()


async def test_disabled_and_self_excluded_accounts(sandbox: Sandbox, amara: User) -> None:
    disabled = next(a for a in amara.accounts if a.is_disabled)
    excluded = next(a for a in amara.accounts if a.excluded_until)
    client = await WsClient.open(sandbox)
    assert (await client.error({"authorize": disabled.token}))["code"] == "AccountDisabled"
    assert (await client.error({"authorize": excluded.token}))["code"] == "SelfExclusion"
    # as an extra account a self-excluded account may still be read
    auth = await client.ok({"authorize": account(amara, "USD").token, "tokens": [excluded.token]})
    assert auth["loginid"] == account(amara, "USD").loginid
    bal = await client.ok({"balance": 1, "loginid": excluded.loginid})
    assert bal["loginid"] == excluded.loginid
    await client.close()


async def test_multi_token_session_needs_loginid(sandbox: Sandbox, amara: User) -> None:
    usd, btc = account(amara, "USD"), account(amara, "BTC")
    eur = account(amara, "EUR", "maltainvest")
    client = await WsClient.open(sandbox)
    reply = await client.call({"authorize": usd.token, "tokens": [btc.token, eur.token]})
    assert reply["echo_req"]["tokens"] == "<not shown>"
    error = await client.error({"balance": 1})
    assert error["code"] == "InvalidLoginid"
    assert (await client.ok({"balance": 1, "loginid": btc.loginid}))["currency"] == "BTC"
    assert (await client.ok({"balance": 1, "loginid": eur.loginid}))["currency"] == "EUR"
    unknown = await client.error({"balance": 1, "loginid": "CR9999999"})
    assert unknown["code"] == "InvalidLoginid"
    not_in_session = account(amara, "ETH")
    assert (await client.error({"get_settings": 1, "loginid": not_in_session.loginid}))[
        "code"
    ] == "InvalidLoginid"
    # calls without a loginid field act for the user
    assert len(await client.ok({"account_list": 1})) == len(amara.accounts)
    await client.close()


async def test_single_token_session_defaults_to_its_account(sandbox: Sandbox, amara: User) -> None:
    usd = account(amara, "USD")
    client = await WsClient.open(sandbox)
    await client.ok({"authorize": usd.token})
    assert (await client.ok({"balance": 1}))["loginid"] == usd.loginid
    assert (await client.ok({"balance": 1, "loginid": usd.loginid}))["loginid"] == usd.loginid
    await client.close()


async def test_tokens_of_another_user_are_refused(
    sandbox: Sandbox, amara: User, luis: User
) -> None:
    client = await WsClient.open(sandbox)
    error = await client.error(
        {"authorize": account(amara, "USD").token, "tokens": [account(luis, "USD").token]}
    )
    assert error["code"] == "InvalidToken"
    await client.close()


async def test_twenty_five_extra_tokens(sandbox: Sandbox) -> None:
    bench = sandbox.add_user_with_accounts(26)
    assert len({a.currency for a in bench.accounts}) >= 8
    client = await WsClient.open(sandbox)
    tokens = [a.token for a in bench.accounts]
    auth = await client.ok({"authorize": tokens[0], "tokens": tokens[1:]})
    assert len(auth["account_list"]) == 26
    last = bench.accounts[-1]
    assert (await client.ok({"balance": 1, "loginid": last.loginid}))["loginid"] == last.loginid
    await client.close()


async def test_scopes_are_enforced(sandbox: Sandbox, amara: User) -> None:
    usd = account(amara, "USD")
    client = await WsClient.open(sandbox)
    auth = await client.ok({"authorize": named_token(sandbox, usd.loginid, "Read only")})
    assert auth["scopes"] == ["read"]
    assert (await client.ok({"balance": 1}))["loginid"] == usd.loginid
    for call in ({"api_token": 1}, {"revoke_oauth_app": 41234}, {"topup_virtual": 1}):
        error = await client.error(call)
        assert error["code"] == "PermissionDenied", call
    await client.close()


async def test_ip_locked_seed_token_refused_from_loopback(sandbox: Sandbox, amara: User) -> None:
    locked = named_token(sandbox, account(amara, "USD").loginid, "Trading bot")
    client = await WsClient.open(sandbox)
    assert (await client.error({"authorize": locked}))["code"] == "InvalidToken"
    await client.close()


async def test_oauth_token_is_bound_to_its_app(sandbox: Sandbox, amara: User) -> None:
    app = sandbox.state.apps[APP_ID]
    issued = dict((a.loginid, t) for a, t in sandbox.state.issue_oauth_tokens(amara, app))
    token = issued[account(amara, "USD").loginid]
    assert token.kind is TokenKind.OAUTH and token.value.startswith("a1-")
    assert len(token.value) == 32
    elsewhere = await WsClient.open(sandbox, app_id=OTHER_APP_ID)
    error = await elsewhere.error({"authorize": token.value})
    assert error["code"] == "InvalidToken"
    home = await WsClient.open(sandbox, app_id=APP_ID)
    assert (await home.ok({"authorize": token.value}))["loginid"] == token.loginid
    await elsewhere.close()
    await home.close()


async def test_add_to_login_history(sandbox: Sandbox, amara: User) -> None:
    usd = account(amara, "USD")
    before = len(amara.login_history)
    client = await WsClient.open(sandbox, query="l=ES&brand=deriv")
    await client.ok({"authorize": usd.token})
    assert len(amara.login_history) == before
    await client.ok({"authorize": usd.token, "add_to_login_history": 1})
    history = await client.ok({"login_history": 1, "limit": 1})
    assert len(history) == 1
    assert history[0]["action"] == "login" and history[0]["language"] == "ES"
    assert history[0]["ip"] == "127.0.0.1"
    assert f"APP_ID={APP_ID}" in history[0]["environment"]
    await client.close()
