"""balance (current/all/loginid, streams), account_list, settings, status, history, top-up."""

from __future__ import annotations

from decimal import Decimal

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from tests.sandbox.kit import WsClient, account, authorized


async def test_balance_of_current_and_sibling_account(
    sandbox: Sandbox, amara: User, luis: User
) -> None:
    usd, btc = account(amara, "USD"), account(amara, "BTC")
    client = await authorized(sandbox, usd.token)
    assert await client.ok({"balance": 1}) == {
        "balance": 10250.37,
        "currency": "USD",
        "loginid": usd.loginid,
    }
    sibling = await client.ok({"balance": 1, "account": btc.loginid})
    assert sibling == {"balance": 0.12345678, "currency": "BTC", "loginid": btc.loginid}
    error = await client.error({"balance": 1, "account": account(luis, "USD").loginid})
    assert error["code"] == "PermissionDenied"
    await client.close()


async def test_balance_stream_pushes_changes(sandbox: Sandbox, amara: User) -> None:
    usd = account(amara, "USD")
    client = await authorized(sandbox, usd.token)
    first = await client.call({"balance": 1, "subscribe": 1})
    sub_id = first["subscription"]["id"]
    assert first["balance"]["id"] == sub_id
    again = await client.error({"balance": 1, "subscribe": 1, "account": usd.loginid})
    assert again["code"] == "AlreadySubscribed"

    sandbox.state.set_balance(usd.loginid, Decimal("99.999"))
    push = await client.push()
    assert push["msg_type"] == "balance" and push["subscription"]["id"] == sub_id
    assert push["balance"] == {
        "balance": 100.0,
        "currency": "USD",
        "loginid": usd.loginid,
        "id": sub_id,
    }
    assert push["req_id"] == first["req_id"] and push["echo_req"] == first["echo_req"]

    # changes of other accounts do not reach this stream
    sandbox.state.set_balance(account(amara, "BTC").loginid, Decimal("1"))
    sandbox.state.set_balance(usd.loginid, Decimal("5"))
    assert (await client.push())["balance"]["balance"] == 5.0
    assert client.pending_pushes() == 0
    await client.close()


async def test_balance_all_then_individual_updates(sandbox: Sandbox, amara: User) -> None:
    usd, eth = account(amara, "USD"), account(amara, "ETH")
    client = await authorized(sandbox, usd.token)
    first = await client.call({"balance": 1, "account": "all", "subscribe": 1})
    body = first["balance"]
    assert body["loginid"] == usd.loginid
    assert set(body["accounts"]) == {a.loginid for a in amara.accounts}
    assert body["accounts"][eth.loginid]["currency"] == "ETH"
    disabled = next(a for a in amara.accounts if a.is_disabled)
    assert body["accounts"][disabled.loginid]["status"] == 0
    virtual = account(amara, "USD", "virtual")
    assert body["accounts"][virtual.loginid]["demo_account"] == 1
    assert body["total"]["deriv_demo"] == {"amount": 870.0, "currency": "USD"}
    assert body["total"]["deriv"]["amount"] > 10250.37

    sandbox.state.set_balance(eth.loginid, Decimal("3.25"))
    push = await client.push()
    assert push["balance"] == {
        "balance": 3.25,
        "currency": "ETH",
        "loginid": eth.loginid,
        "id": first["subscription"]["id"],
    }
    await client.close()


async def test_balance_streams_die_with_forget_all_and_the_connection(
    sandbox: Sandbox, amara: User
) -> None:
    usd = account(amara, "USD")
    client = await authorized(sandbox, usd.token)
    await client.ok({"balance": 1, "subscribe": 1})
    await client.ok({"balance": 1, "account": "all", "subscribe": 1})
    assert sandbox.stats.live_subscriptions("balance") == 2
    assert len(await client.ok({"forget_all": "balance"})) == 2
    assert sandbox.stats.live_subscriptions("balance") == 0
    await client.ok({"balance": 1, "subscribe": 1})
    assert sandbox.stats.total_subscriptions_created == 3
    await client.close()
    await sandbox.stats.wait_for(lambda: sandbox.stats.live_subscriptions("balance") == 0)
    await sandbox.stats.wait_for(lambda: sandbox.stats.connections_open == 0)


async def test_account_list_items(sandbox: Sandbox, luis: User) -> None:
    client = await authorized(sandbox, account(luis, "USD").token)
    items = await client.ok({"account_list": 1})
    assert [i["loginid"] for i in items] == [a.loginid for a in luis.accounts]
    no_currency = next(i for i in items if i["currency"] == "")
    assert no_currency["broker"] == "CR" and no_currency["is_virtual"] == 0
    await client.close()


async def test_get_settings_real_and_virtual(sandbox: Sandbox, amara: User) -> None:
    client = await WsClient.open(sandbox)
    demo = account(amara, "USD", "virtual")
    await client.ok({"authorize": account(amara, "USD").token, "tokens": [demo.token]})
    real = await client.ok({"get_settings": 1, "loginid": account(amara, "USD").loginid})
    assert real["email"] == "amara@example.com" and real["first_name"] == "Amara"
    assert real["country_code"] == "za"
    virtual = await client.ok({"get_settings": 1, "loginid": demo.loginid})
    assert "first_name" not in virtual and virtual["email"] == "amara@example.com"
    await client.close()


async def test_get_account_status(sandbox: Sandbox, amara: User) -> None:
    excluded = next(a for a in amara.accounts if a.excluded_until)
    client = await WsClient.open(sandbox)
    await client.ok({"authorize": account(amara, "USD").token, "tokens": [excluded.token]})
    status = await client.ok({"get_account_status": 1, "loginid": account(amara, "USD").loginid})
    assert "authenticated" in status["status"]
    assert status["currency_config"] == {
        "USD": {"is_deposit_suspended": 0, "is_withdrawal_suspended": 0}
    }
    locked = await client.ok({"get_account_status": 1, "loginid": excluded.loginid})
    assert "cashier_locked" in locked["status"]
    await client.close()


async def test_login_history_limit(sandbox: Sandbox, amara: User) -> None:
    client = await authorized(sandbox, account(amara, "USD").token)
    history = await client.ok({"login_history": 1})
    assert len(history) == len(amara.login_history) <= 10
    assert [h["time"] for h in history] == sorted((h["time"] for h in history), reverse=True)
    assert history[0]["status"] == 0  # the seeded failed attempt is the newest entry
    assert len(await client.ok({"login_history": 1, "limit": 2})) == 2
    assert await client.ok({"login_history": 1, "limit": 0}) == []
    error = await client.error({"login_history": 1, "limit": 51})
    assert error["code"] == "InputValidationFailed"
    await client.close()


async def test_topup_virtual_rules(sandbox: Sandbox, amara: User, luis: User) -> None:
    demo = account(amara, "USD", "virtual")
    client = await authorized(sandbox, demo.token)
    stream = await client.call({"balance": 1, "subscribe": 1})
    topped = await client.ok({"topup_virtual": 1})
    assert topped == {"amount": 10000.0, "currency": "USD"}
    assert (await client.push())["balance"]["balance"] == 10870.0
    assert stream["balance"]["balance"] == 870.0
    refused = await client.error({"topup_virtual": 1})
    assert refused["code"] == "TopupVirtualError" and "1,000.00" in refused["message"]
    await client.close()

    full = await authorized(sandbox, account(luis, "USD", "virtual").token)
    assert (await full.error({"topup_virtual": 1}))["code"] == "TopupVirtualError"
    await full.close()
    real = await authorized(sandbox, account(amara, "USD").token)
    refused = await real.error({"topup_virtual": 1})
    assert refused["code"] == "TopupVirtualError" and "virtual accounts only" in refused["message"]
    await real.close()
