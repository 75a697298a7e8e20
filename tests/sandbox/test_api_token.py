"""api_token: list, create with Deriv's rules, IP lock, delete, TokenDeleted."""

from __future__ import annotations

import pytest

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from tests.sandbox.kit import WsClient, account, authorized, make_config, named_token


@pytest.fixture
async def admin(sandbox: Sandbox, amara: User) -> WsClient:
    return await authorized(
        sandbox, named_token(sandbox, account(amara, "USD").loginid, "Admin tools")
    )


def names(payload: dict[str, object]) -> list[str]:
    tokens = payload["tokens"]
    assert isinstance(tokens, list)
    return [t["display_name"] for t in tokens]


async def test_list_shows_only_this_accounts_api_tokens(admin: WsClient) -> None:
    listed = await admin.ok({"api_token": 1})
    assert set(listed) == {"tokens"}
    assert sorted(names(listed)) == ["Admin tools", "Read only", "Trading bot"]
    bot = next(t for t in listed["tokens"] if t["display_name"] == "Trading bot")
    assert bot["valid_for_ip"] == "203.0.113.7"
    assert bot["scopes"] == ["read", "trade", "trading_information"]
    assert len(bot["token"]) == 15 and bot["token"].isalnum()
    admin_entry = next(t for t in listed["tokens"] if t["display_name"] == "Admin tools")
    assert admin_entry["last_used"] != ""
    await admin.close()


async def test_create_token(sandbox: Sandbox, admin: WsClient) -> None:
    created = await admin.ok(
        {"api_token": 1, "new_token": "My desktop", "new_token_scopes": ["read", "admin"]}
    )
    assert created["new_token"] == 1
    entry = next(t for t in created["tokens"] if t["display_name"] == "My desktop")
    assert entry["scopes"] == ["read", "admin"] and entry["last_used"] == ""
    fresh = await WsClient.open(sandbox)
    assert (await fresh.ok({"authorize": entry["token"]}))["scopes"] == ["read", "admin"]
    await fresh.close()
    await admin.close()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("x", "APITokenError"),
        ("y" * 33, "APITokenError"),
        ("tab\tname", "APITokenError"),
        ("dash-name", "InputValidationFailed"),
        ("émoji", "InputValidationFailed"),
    ],
)
async def test_create_refuses_bad_names(admin: WsClient, name: str, code: str) -> None:
    error = await admin.error({"api_token": 1, "new_token": name, "new_token_scopes": ["read"]})
    assert error["code"] == code
    await admin.close()


async def test_create_accepts_boundary_lengths(admin: WsClient) -> None:
    for name in ("ab", "z" * 32, "with space_and_1"):
        created = await admin.ok({"api_token": 1, "new_token": name, "new_token_scopes": ["read"]})
        assert name in names(created)
    await admin.close()


async def test_names_are_unique_per_account_case_insensitively(
    sandbox: Sandbox, admin: WsClient, amara: User
) -> None:
    error = await admin.error(
        {"api_token": 1, "new_token": "READ ONLY", "new_token_scopes": ["read"]}
    )
    assert error["code"] == "APITokenError" and "taken" in error["message"]
    # the same name on another account is fine
    other = account(amara, "BTC")
    sandbox.state.create_api_token(other.loginid, "Read only", ["read"])
    assert "Read only" in [t.display_name for t in sandbox.state.api_tokens(other.loginid)]
    await admin.close()


async def test_thirty_tokens_at_most(admin: WsClient) -> None:
    for n in range(27):  # 3 seeded + 27 = 30
        await admin.ok({"api_token": 1, "new_token": f"bulk {n}", "new_token_scopes": ["read"]})
    error = await admin.error(
        {"api_token": 1, "new_token": "one too many", "new_token_scopes": ["read"]}
    )
    assert error["code"] == "APITokenError" and "30" in error["message"]
    await admin.close()


async def test_scopes_default_to_all_and_empty_is_refused(admin: WsClient) -> None:
    created = await admin.ok({"api_token": 1, "new_token": "legacy"})
    entry = next(t for t in created["tokens"] if t["display_name"] == "legacy")
    assert entry["scopes"] == ["read", "trade", "trading_information", "payments", "admin"]
    error = await admin.error({"api_token": 1, "new_token": "nothing", "new_token_scopes": []})
    assert error["code"] == "APITokenError"
    await admin.close()


async def test_ip_locked_token_works_only_from_its_ip() -> None:
    config = make_config(client_ip_header="X-Forwarded-For")
    async with Sandbox(config) as sb:
        user = sb.user("amara@example.com")
        admin_token = named_token(sb, account(user, "USD").loginid, "Admin tools")
        here = {"X-Forwarded-For": "198.51.100.20"}
        there = {"X-Forwarded-For": "198.51.100.21"}
        creator = await WsClient.open(sb, additional_headers=here)
        await creator.ok({"authorize": admin_token})
        created = await creator.ok(
            {
                "api_token": 1,
                "new_token": "locked",
                "new_token_scopes": ["read"],
                "valid_for_current_ip_only": 1,
            }
        )
        entry = next(t for t in created["tokens"] if t["display_name"] == "locked")
        assert entry["valid_for_ip"] == "198.51.100.20"
        same_ip = await WsClient.open(sb, additional_headers=here)
        assert (await same_ip.ok({"authorize": entry["token"]}))["scopes"] == ["read"]
        other_ip = await WsClient.open(sb, additional_headers=there)
        error = await other_ip.error({"authorize": entry["token"]})
        assert error["code"] == "InvalidToken" and "IP" in error["message"]
        for client in (creator, same_ip, other_ip):
            await client.close()


async def test_delete_token_and_token_deleted_push(
    sandbox: Sandbox, admin: WsClient, amara: User
) -> None:
    usd = account(amara, "USD")
    read_only = named_token(sandbox, usd.loginid, "Read only")
    watcher = await authorized(sandbox, read_only)
    stream = await watcher.call({"balance": 1, "subscribe": 1})
    public = await watcher.call({"website_status": 1, "subscribe": 1})

    deleted = await admin.ok({"api_token": 1, "delete_token": read_only})
    assert deleted["delete_token"] == 1 and "Read only" not in names(deleted)

    push = await watcher.push()
    assert push["msg_type"] == "balance" and push["error"]["code"] == "TokenDeleted"
    assert push["subscription"]["id"] == stream["subscription"]["id"]
    assert sandbox.stats.live_subscriptions("balance") == 0
    assert sandbox.stats.live_subscriptions("website_status") == 1
    assert public["subscription"]["id"]
    assert (await watcher.error({"balance": 1}))["code"] == "InvalidToken"
    again = await WsClient.open(sandbox)
    assert (await again.error({"authorize": read_only}))["code"] == "InvalidToken"
    await watcher.close()
    await again.close()
    await admin.close()


async def test_delete_and_create_in_one_call(
    sandbox: Sandbox, admin: WsClient, amara: User
) -> None:
    read_only = named_token(sandbox, account(amara, "USD").loginid, "Read only")
    reply = await admin.ok(
        {
            "api_token": 1,
            "delete_token": read_only,
            "new_token": "Read only",
            "new_token_scopes": ["read"],
        }
    )
    assert reply["delete_token"] == 1 and reply["new_token"] == 1
    assert names(reply).count("Read only") == 1
    await admin.close()


async def test_delete_token_of_another_account_is_invalid(
    sandbox: Sandbox, admin: WsClient, amara: User, luis: User
) -> None:
    foreign = named_token(sandbox, account(luis, "USD").loginid, "Read only")
    error = await admin.error({"api_token": 1, "delete_token": foreign})
    assert error["code"] == "InvalidToken"
    demo_bot = named_token(sandbox, account(amara, "USD", "virtual").loginid, "Demo bot")
    error = await admin.error({"api_token": 1, "delete_token": demo_bot})
    assert error["code"] == "InvalidToken"
    assert len(sandbox.state.api_tokens(account(luis, "USD").loginid)) == 2
    await admin.close()


async def test_tokens_are_per_account_in_multi_token_sessions(
    sandbox: Sandbox, amara: User
) -> None:
    usd, demo = account(amara, "USD"), account(amara, "USD", "virtual")
    client = await WsClient.open(sandbox)
    await client.ok({"authorize": usd.token, "tokens": [demo.token]})
    assert names(await client.ok({"api_token": 1, "loginid": demo.loginid})) == ["Demo bot"]
    assert len(names(await client.ok({"api_token": 1, "loginid": usd.loginid}))) == 3
    await client.close()


async def test_stream_of_an_earlier_authorization_still_gets_token_deleted(
    sandbox: Sandbox, admin: WsClient, amara: User
) -> None:
    usd = account(amara, "USD")
    read_only = named_token(sandbox, usd.loginid, "Read only")
    client = await authorized(sandbox, read_only)
    stream = await client.call({"balance": 1, "subscribe": 1})
    await client.ok({"authorize": usd.token})  # switch the socket to another token
    await admin.ok({"api_token": 1, "delete_token": read_only})
    push = await client.push()
    assert push["error"]["code"] == "TokenDeleted"
    assert push["subscription"]["id"] == stream["subscription"]["id"]
    assert (await client.ok({"balance": 1}))["loginid"] == usd.loginid  # new session unharmed
    await client.close()
    await admin.close()
