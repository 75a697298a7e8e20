"""Connected apps (oauth_apps, revoke_oauth_app) and logout's revocation of OAuth tokens."""

from __future__ import annotations

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import Token, User
from tests.sandbox.kit import APP_ID, OTHER_APP_ID, WsClient, account, authorized, named_token


def oauth_login(sandbox: Sandbox, user: User, app_id: int = APP_ID) -> dict[str, Token]:
    """What the OAuth pages do on sign-in: loginid -> fresh app-bound token."""
    issued = sandbox.state.issue_oauth_tokens(user, sandbox.state.apps[app_id])
    return {a.loginid: t for a, t in issued}


async def test_oauth_apps_lists_connected_apps(sandbox: Sandbox, amara: User) -> None:
    client = await authorized(sandbox, account(amara, "USD").token)
    apps = {a["app_id"]: a for a in await client.ok({"oauth_apps": 1})}
    assert set(apps) == {16929, 41234, 45678}
    assert apps[16929]["official"] == 1 and apps[16929]["name"] == "Deriv"
    copier = apps[41234]
    assert copier["official"] == 0 and copier["app_markup_percentage"] == 1.5
    assert copier["scopes"] == ["read", "trade", "trading_information"]
    assert isinstance(copier["last_used"], str)
    assert apps[45678]["last_used"] is None
    await client.close()


async def test_revoke_oauth_app_kills_its_tokens(sandbox: Sandbox, amara: User) -> None:
    usd = account(amara, "USD")
    tokens = oauth_login(sandbox, amara)
    app_session = await authorized(sandbox, tokens[usd.loginid].value, app_id=APP_ID)
    stream = await app_session.call({"balance": 1, "subscribe": 1})
    assert APP_ID in [a["app_id"] for a in await app_session.ok({"oauth_apps": 1})]

    manager = await authorized(sandbox, named_token(sandbox, usd.loginid, "Admin tools"))
    assert await manager.ok({"revoke_oauth_app": APP_ID}) == 1
    assert APP_ID not in [a["app_id"] for a in await manager.ok({"oauth_apps": 1})]

    push = await app_session.push()
    assert push["error"]["code"] == "InvalidToken"
    assert push["subscription"]["id"] == stream["subscription"]["id"]
    assert (await app_session.error({"balance": 1}))["code"] == "InvalidToken"
    for token in tokens.values():
        fresh = await WsClient.open(sandbox, app_id=APP_ID)
        assert (await fresh.error({"authorize": token.value}))["code"] == "InvalidToken"
        await fresh.close()
    # the manager's own API token is untouched
    assert (await manager.ok({"balance": 1}))["loginid"] == usd.loginid
    await app_session.close()
    await manager.close()


async def test_revoking_a_seeded_third_party_app(sandbox: Sandbox, amara: User) -> None:
    live_before = sandbox.state.oauth_tokens(amara, 41234)
    assert live_before
    client = await authorized(sandbox, account(amara, "USD").token)
    assert await client.ok({"revoke_oauth_app": 41234}) == 1
    assert sandbox.state.oauth_tokens(amara, 41234) == []
    assert 41234 not in amara.consents
    await client.close()


async def test_logout_of_oauth_session_revokes_all_accounts(sandbox: Sandbox, amara: User) -> None:
    usd, btc = account(amara, "USD"), account(amara, "BTC")
    tokens = oauth_login(sandbox, amara)
    other_app = oauth_login(sandbox, amara, OTHER_APP_ID)
    session = await authorized(sandbox, tokens[usd.loginid].value, app_id=APP_ID)
    sibling = await authorized(sandbox, tokens[btc.loginid].value, app_id=APP_ID)
    await session.ok({"balance": 1, "subscribe": 1})
    assert await session.ok({"logout": 1}) == 1
    assert (await session.error({"balance": 1}))["code"] == "AuthorizationRequired"
    assert sandbox.stats.live_subscriptions("balance") == 0
    assert (await sibling.error({"balance": 1}))["code"] == "InvalidToken"
    assert sandbox.state.oauth_tokens(amara, APP_ID) == []
    # tokens of the same user for another app survive, and consent stays
    assert other_app[usd.loginid].value in sandbox.state.tokens
    assert APP_ID in amara.consents
    assert amara.login_history[0].action == "logout"
    await session.close()
    await sibling.close()


async def test_logout_with_api_token_keeps_the_token(sandbox: Sandbox, amara: User) -> None:
    token = named_token(sandbox, account(amara, "USD").loginid, "Read only")
    client = await authorized(sandbox, token)
    assert await client.ok({"logout": 1}) == 1
    assert (await client.error({"balance": 1}))["code"] == "AuthorizationRequired"
    assert (await client.ok({"authorize": token}))["scopes"] == ["read"]
    assert await client.ok({"logout": 1}) == 1
    assert await client.ok({"logout": 1}) == 1  # logging out twice is harmless
    await client.close()
