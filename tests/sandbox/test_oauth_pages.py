"""The OAuth pages driven over real HTTP: sign-in, consent, redirect, errors."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from tests.sandbox.kit import (
    APP_ID,
    OTHER_APP_ID,
    REDIRECT,
    HttpReply,
    WsClient,
    authorize_url,
    http,
)


async def sign_in(sandbox: Sandbox, email: str, password: str, **params: str) -> HttpReply:
    form_page = await http("GET", authorize_url(sandbox, **params))
    assert form_page.status == 200
    return await http(
        "POST",
        sandbox.oauth_url,
        {"csrf_token": form_page.hidden("csrf_token"), "email": email, "password": password},
    )


async def decide(sandbox: Sandbox, consent: HttpReply, decision: str) -> HttpReply:
    consent_url = sandbox.oauth_url.replace("/authorize", "/consent")
    return await http(
        "POST", consent_url, {"csrf_token": consent.hidden("csrf_token"), "decision": decision}
    )


def redirect_query(reply: HttpReply) -> dict[str, str]:
    assert reply.status == 302
    location = reply.headers["location"]
    assert location.startswith(REDIRECT + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


async def test_sign_in_form_page(sandbox: Sandbox) -> None:
    state = "state.never-echoed"  # "." never appears in the page's random tokens
    page = await http("GET", authorize_url(sandbox, l="EN", brand="deriv", state=state))
    assert page.status == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-store"
    assert '<form method="post" action="/oauth2/authorize"' in page.text
    assert 'type="password"' in page.text and 'type="email"' in page.text
    assert len(page.hidden("csrf_token")) >= 24
    assert "Sandbox app 4321" in page.text
    assert state not in page.text  # state stays on the server


async def test_unknown_or_missing_app_id_is_a_400_page(sandbox: Sandbox) -> None:
    unknown, malformed = authorize_url(sandbox, app_id=99), authorize_url(sandbox, app_id="x1")
    for url in (unknown, sandbox.oauth_url, malformed):
        page = await http("GET", url)
        assert page.status == 400
        assert "missing valid app_id" in page.text


async def test_wrong_password_shows_the_form_again(sandbox: Sandbox, amara: User) -> None:
    reply = await sign_in(sandbox, amara.email, "not-the-password")
    assert reply.status == 200
    assert "Your email or password is incorrect." in reply.text
    assert amara.email in reply.text
    assert 'name="csrf_token"' in reply.text
    # the new form works
    retry = await http(
        "POST",
        sandbox.oauth_url,
        {
            "csrf_token": reply.hidden("csrf_token"),
            "email": amara.email,
            "password": amara.password,
        },
    )
    assert retry.status == 200 and "wants access" in retry.text


async def test_consent_allow_redirects_with_tokens_for_each_account(
    sandbox: Sandbox, amara: User
) -> None:
    consent = await sign_in(sandbox, amara.email, amara.password, state="xyz 1/2")
    assert consent.status == 200
    for words in ("View your account", "Trade for you", "Move money", "Manage your account"):
        assert words in consent.text
    assert "Allow" in consent.text and "Deny" in consent.text
    query = redirect_query(await decide(sandbox, consent, "allow"))
    assert query.pop("state") == "xyz 1/2"
    enabled = amara.enabled_accounts()
    assert len(query) == 3 * len(enabled)
    for n, acct in enumerate(enabled, start=1):
        assert query[f"acct{n}"] == acct.loginid
        assert query[f"cur{n}"] == acct.currency
        token = query[f"token{n}"]
        assert token.startswith("a1-") and len(token) == 32
    disabled = next(a for a in amara.accounts if a.is_disabled)
    assert disabled.loginid not in query.values()

    client = await WsClient.open(sandbox, app_id=APP_ID)
    auth = await client.ok({"authorize": query["token1"], "tokens": [query["token2"]]})
    assert auth["loginid"] == query["acct1"]
    await client.close()
    stranger = await WsClient.open(sandbox, app_id=OTHER_APP_ID)
    assert (await stranger.error({"authorize": query["token1"]}))["code"] == "InvalidToken"
    await stranger.close()
    assert amara.login_history[0].action == "login"
    assert amara.login_history[0].app_id == APP_ID


async def test_consent_is_asked_once(sandbox: Sandbox, amara: User) -> None:
    consent = await sign_in(sandbox, amara.email, amara.password)
    redirect_query(await decide(sandbox, consent, "allow"))
    second = await sign_in(sandbox, amara.email, amara.password)
    query = redirect_query(second)
    assert "state" not in query
    assert query["acct1"] == amara.accounts[0].loginid


async def test_official_app_skips_consent(sandbox: Sandbox, luis: User) -> None:
    sandbox.register_app(7777, REDIRECT, name="Deriv official", official=True)
    reply = await sign_in(sandbox, luis.email, luis.password, app_id="7777", state="abc")
    query = redirect_query(reply)
    assert query["state"] == "abc"
    no_currency = next(a for a in luis.accounts if not a.currency)
    n = next(k[4:] for k, v in query.items() if k.startswith("acct") and v == no_currency.loginid)
    assert f"cur{n}" not in query and f"token{n}" in query


async def test_consent_deny_redirects_with_fragment(sandbox: Sandbox, amara: User) -> None:
    consent = await sign_in(sandbox, amara.email, amara.password, state="st&ate")
    reply = await decide(sandbox, consent, "deny")
    assert reply.status == 302
    location = reply.headers["location"]
    assert location.startswith(REDIRECT + "#error=scope_denied&state=")
    assert unquote(location.rsplit("state=", 1)[1]) == "st&ate"
    assert sandbox.state.oauth_tokens(amara, APP_ID) == []
    assert APP_ID not in amara.consents

    without_state = await decide(
        sandbox, await sign_in(sandbox, amara.email, amara.password), "deny"
    )
    assert without_state.headers["location"] == REDIRECT + "#error=scope_denied"


async def test_forms_cannot_be_replayed_or_forged(sandbox: Sandbox, amara: User) -> None:
    page = await http("GET", authorize_url(sandbox))
    form = {
        "csrf_token": page.hidden("csrf_token"),
        "email": amara.email,
        "password": amara.password,
    }
    assert (await http("POST", sandbox.oauth_url, form)).status == 200
    assert (await http("POST", sandbox.oauth_url, form)).status == 400
    forged = {"csrf_token": "made-up", "email": amara.email, "password": amara.password}
    assert (await http("POST", sandbox.oauth_url, forged)).status == 400
    consent_url = sandbox.oauth_url.replace("/authorize", "/consent")
    assert (await http("POST", consent_url, {"csrf_token": "x", "decision": "allow"})).status == 400


async def test_other_paths_and_methods(sandbox: Sandbox) -> None:
    nowhere = sandbox.oauth_url.replace("/oauth2/authorize", "/nope")
    assert (await http("GET", nowhere)).status == 404
    assert (await http("GET", sandbox.oauth_url.replace("/authorize", "/consent"))).status == 405
