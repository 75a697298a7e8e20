"""OAuth2 with PKCE against the sandbox's ``/oauth2/auth`` and ``/oauth2/token`` over real HTTP.

The sign-in and consent pages are driven with plain HTTP requests (the browser part is in
tests/e2e/test_oauth2_relay.py); the callback goes through ``validate_callback`` and the code
through ``exchange_code`` on the app's own HTTPS client.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import socket
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from deriv_desktop.api.newapi import HttpClient, RestClient
from deriv_desktop.api.newapi.http import ProxyProblem
from deriv_desktop.auth.oauth2 import (
    CodeAccepted,
    OAuth2Attempt,
    OAuth2Refused,
    OAuth2Token,
    build_authorization_url,
    exchange_code,
    fresh_token,
    refresh_token,
    relay_callback_url,
    relay_port,
    relay_state,
    validate_callback,
)
from deriv_desktop.auth.pkce import Pkce, challenge_s256
from deriv_desktop.auth.redirect import (
    RedirectRefused,
    RedirectRejected,
    RefusalReason,
    RejectReason,
)
from deriv_desktop.domain.errors import InvalidToken
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from tests.integration.newapi_kit import sign_in_on_pages

CLIENT = "40001"
RELAY = "https://relay.example.test/deriv-desktop-relay.html"


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(SandboxConfig(oauth2_clients={CLIENT: RELAY})) as sb:
        yield sb


@pytest.fixture
async def refreshing() -> AsyncIterator[Sandbox]:
    config = SandboxConfig(oauth2_clients={CLIENT: RELAY}, oauth2_refresh_tokens=True)
    async with Sandbox(config) as sb:
        yield sb


def base(sandbox: Sandbox) -> str:
    return sandbox.oauth2_url.removesuffix("/oauth2/auth")


def new_attempt(sandbox: Sandbox, port: int = 51234, **kwargs: object) -> OAuth2Attempt:
    return OAuth2Attempt.new(
        client_id=CLIENT,
        redirect_uri=RELAY,
        relay_port=port,
        base_url=base(sandbox),
        scopes=("trade",),
        **kwargs,  # type: ignore[arg-type]
    )


async def code_for(sandbox: Sandbox, attempt: OAuth2Attempt) -> CodeAccepted:
    location = await sign_in_on_pages(sandbox, attempt.authorization_url)
    assert location.startswith(RELAY + "?")
    result = validate_callback(attempt, location)
    assert isinstance(result, CodeAccepted), result
    return result


def post_form() -> HttpClient:
    return HttpClient(timeout=5.0)


# ---------------------------------------------------------------------------------- the URL
def test_the_authorization_url_carries_pkce_state_and_the_exact_redirect() -> None:
    attempt = OAuth2Attempt.new(
        client_id=CLIENT,
        redirect_uri=RELAY,
        relay_port=53111,
        scopes=("trade", "account_manage"),
        legacy_app_id="1089",
    )
    url = attempt.authorization_url
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://auth.deriv.com/oauth2/auth"
    query = parse_qs(parts.query)
    assert {k: v[0] for k, v in query.items()} == {
        "response_type": "code",
        "client_id": CLIENT,
        "redirect_uri": RELAY,
        "scope": "trade account_manage",
        "state": attempt.state,
        "code_challenge": challenge_s256(attempt.pkce.verifier),
        "code_challenge_method": "S256",
        "app_id": "1089",
    }
    assert "scope=trade+account_manage" in url
    assert attempt.pkce.verifier not in url
    assert relay_port(attempt.state) == 53111
    assert re.fullmatch(r"53111\.[A-Za-z0-9_-]{43}", attempt.state)
    assert attempt.state not in repr(attempt) and attempt.pkce.verifier not in repr(attempt)
    assert relay_callback_url(53111) == "http://127.0.0.1:53111/callback"


def test_urls_refuse_plain_http_and_strangers() -> None:
    good = dict(
        client_id=CLIENT,
        redirect_uri=RELAY,
        scopes=("trade",),
        state=relay_state(5000),
        code_challenge=Pkce.new().challenge,
    )
    with pytest.raises(ValueError, match="loopback"):
        build_authorization_url(**good, base_url="http://auth.example.com")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="https"):
        build_authorization_url(**{**good, "redirect_uri": "http://relay.example.com/x"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scopes"):
        build_authorization_url(**{**good, "scopes": ("admin",)})  # type: ignore[arg-type]
    assert relay_port("abc") is None and relay_port("70000.x") is None
    with pytest.raises(ValueError):
        relay_state(0)


# ---------------------------------------------------------------------------------- callback
def test_state_is_checked_before_error_and_the_attempt_is_single_use() -> None:
    attempt = OAuth2Attempt.new(client_id=CLIENT, redirect_uri=RELAY, relay_port=5000)
    missing = validate_callback(attempt, "?error=access_denied")
    assert isinstance(missing, RedirectRejected)
    assert missing.reason is RejectReason.MISSING_STATE and missing.attempt_continues
    wrong = validate_callback(attempt, f"?error=access_denied&state={relay_state(5000)}")
    assert isinstance(wrong, RedirectRejected) and wrong.reason is RejectReason.WRONG_STATE
    assert attempt.login.is_live and attempt.login.wrong_state_count == 2

    refused = validate_callback(
        attempt, f"?error=access_denied&error_description=No+thanks&state={attempt.state}"
    )
    assert isinstance(refused, RedirectRefused)
    assert refused.reason_code is RefusalReason.ACCESS_DENIED and refused.detail == "No thanks"
    replay = validate_callback(attempt, f"?code=abc&state={attempt.state}")
    assert isinstance(replay, RedirectRejected)
    assert replay.reason is RejectReason.ALREADY_COMPLETED


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("code=a&code=b", "repeated"),
        ("code=a&iss=https%3A%2F%2Fevil.example", "another sign-in server"),
        ("lang=EN", "did not include a sign-in code"),
        ("code=a%20b", "unexpected form"),
    ],
)
def test_malformed_answers_with_the_right_state_are_not_used(query: str, why: str) -> None:
    attempt = OAuth2Attempt.new(client_id=CLIENT, redirect_uri=RELAY, relay_port=5000)
    result = validate_callback(attempt, f"{RELAY}?{query}&state={attempt.state}")
    assert isinstance(result, RedirectRejected) and result.reason is RejectReason.MALFORMED
    assert why in result.message and attempt.login.is_live
    ok = validate_callback(
        attempt, f"?code=ory_ac_x&state={attempt.state}&iss=https%3A%2F%2Fauth.deriv.com"
    )
    assert isinstance(ok, CodeAccepted) and ok.code == "ory_ac_x"


# ---------------------------------------------------------------------------------- sandbox
async def test_sign_in_exchange_and_use_the_token(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assert sandbox.newapi is not None
    now = 1_000_000.0
    attempt = new_attempt(sandbox)
    code = await code_for(sandbox, attempt)
    token = await exchange_code(
        attempt, code, post_form=post_form().post_form, base_url=base(sandbox), clock=lambda: now
    )
    assert token.access_token.startswith("ory_at_") and token.token_type == "Bearer"
    assert token.expires_at == now + 3600 and token.scopes == ("trade",)
    assert not token.can_refresh and not token.expired(now) and token.expired(now + 3550)
    assert token.access_token not in repr(token)

    rest = RestClient(app_id=CLIENT, base_url=sandbox.rest_url, token=token.access_token)
    accounts = await rest.accounts()
    assert {a.account_id for a in accounts} >= {"DOT90004580", "DOT90004581"}
    for secret in (code.code, attempt.pkce.verifier, attempt.state, token.access_token):
        assert secret not in caplog.text


async def test_a_refusal_on_the_consent_page_comes_back_with_the_state(sandbox: Sandbox) -> None:
    attempt = new_attempt(sandbox)
    location = await sign_in_on_pages(sandbox, attempt.authorization_url, decision="deny")
    assert parse_qs(urlsplit(location).query)["error"] == ["access_denied"]
    result = validate_callback(attempt, location)
    assert isinstance(result, RedirectRefused)
    assert result.detail == "The resource owner denied the request"


async def test_codes_are_single_use_and_bound_to_verifier_redirect_and_time(
    sandbox: Sandbox,
) -> None:
    assert sandbox.newapi is not None
    poster = post_form().post_form

    attempt = new_attempt(sandbox)
    code = await code_for(sandbox, attempt)
    wrong_verifier = dataclasses.replace(attempt, pkce=Pkce.new())
    with pytest.raises(OAuth2Refused) as bad:
        await exchange_code(wrong_verifier, code, post_form=poster, base_url=base(sandbox))
    assert bad.value.server_code == "invalid_grant"
    assert bad.value.problem == Problem(ProblemKind.EXCHANGE_INVALID_GRANT, code="invalid_grant")
    with pytest.raises(OAuth2Refused):  # spent by the failed try: a code is single use
        await exchange_code(attempt, code, post_form=poster, base_url=base(sandbox))

    attempt = new_attempt(sandbox)
    code = await code_for(sandbox, attempt)
    slash = dataclasses.replace(attempt, redirect_uri=RELAY + "/")
    with pytest.raises(OAuth2Refused) as mismatch:
        await exchange_code(slash, code, post_form=poster, base_url=base(sandbox))
    assert mismatch.value.problem.kind is ProblemKind.EXCHANGE_INVALID_GRANT

    attempt = new_attempt(sandbox)
    code = await code_for(sandbox, attempt)
    sandbox.newapi.state.advance(61)  # codes live 60 s
    with pytest.raises(OAuth2Refused):
        await exchange_code(attempt, code, post_form=poster, base_url=base(sandbox))

    attempt = new_attempt(sandbox)
    code = await code_for(sandbox, attempt)
    stranger = dataclasses.replace(attempt, client_id="40999")
    with pytest.raises(OAuth2Refused) as unknown:
        await exchange_code(stranger, code, post_form=poster, base_url=base(sandbox))
    assert unknown.value.server_code == "invalid_client"
    assert sandbox.newapi.stats.oauth2_token_refusals == {"invalid_grant": 4, "invalid_client": 1}
    assert sandbox.newapi.stats.oauth2_tokens_issued == 0


async def test_an_authorization_request_with_another_redirect_is_never_redirected(
    sandbox: Sandbox,
) -> None:
    pair = Pkce.new()
    http = HttpClient(timeout=5.0)
    for redirect in (RELAY + "/", RELAY.replace("https", "http"), RELAY + "?x=1"):
        query = urlencode(
            {
                "response_type": "code",
                "client_id": CLIENT,
                "redirect_uri": redirect,
                "scope": "trade",
                "state": relay_state(5000),
                "code_challenge": pair.challenge,
                "code_challenge_method": "S256",
            }
        )
        reply = await http.request("GET", f"{sandbox.oauth2_url}?{query}")
        assert reply.status == 400 and "location" not in reply.headers
        assert b"redirect_uri does not match" in reply.body
    plain = urlencode(
        {
            "response_type": "code",
            "client_id": CLIENT,
            "redirect_uri": RELAY,
            "scope": "trade",
            "state": relay_state(5000),
            "code_challenge": pair.challenge,
            "code_challenge_method": "plain",
        }
    )
    refused = await http.request("GET", f"{sandbox.oauth2_url}?{plain}")
    assert refused.status == 302
    assert parse_qs(urlsplit(refused.headers["location"]).query)["error"] == ["invalid_request"]


async def test_refresh_tokens_rotate_and_renew_the_rest_client(refreshing: Sandbox) -> None:
    sandbox = refreshing
    assert sandbox.newapi is not None
    poster = post_form().post_form
    attempt = new_attempt(sandbox)
    token = await exchange_code(
        attempt, await code_for(sandbox, attempt), post_form=poster, base_url=base(sandbox)
    )
    assert token.can_refresh and token.refresh_token not in repr(token)
    holder: list[OAuth2Token] = [token]
    renewals: list[str] = []

    async def renew() -> str:
        holder[0] = await refresh_token(
            holder[0], client_id=CLIENT, post_form=poster, base_url=base(sandbox)
        )
        renewals.append("renewed")
        return holder[0].access_token

    rest = RestClient(
        app_id=CLIENT, base_url=sandbox.rest_url, token=token.access_token, renew=renew
    )
    sandbox.newapi.state.advance(3601)  # the hour is over: the next call gets a 401
    accounts = await rest.accounts()
    assert accounts and renewals == ["renewed"]
    assert sandbox.newapi.stats.rest_statuses[401] == 1
    with pytest.raises(OAuth2Refused):  # the old refresh token was rotated away
        await refresh_token(token, client_id=CLIENT, post_form=poster, base_url=base(sandbox))

    expired = dataclasses.replace(holder[0], expires_at=0.0)
    renewed = await fresh_token(expired, client_id=CLIENT, post_form=poster, base_url=base(sandbox))
    assert renewed.access_token != holder[0].access_token


async def test_without_a_refresh_token_an_expired_session_says_sign_in_again(
    sandbox: Sandbox,
) -> None:
    poster = post_form().post_form
    attempt = new_attempt(sandbox)
    token = await exchange_code(
        attempt, await code_for(sandbox, attempt), post_form=poster, base_url=base(sandbox)
    )
    assert await fresh_token(token, client_id=CLIENT, post_form=poster) is token
    with pytest.raises(InvalidToken) as expired:
        await fresh_token(
            dataclasses.replace(token, expires_at=0.0), client_id=CLIENT, post_form=poster
        )
    assert expired.value.problem == Problem(ProblemKind.SESSION_EXPIRED)


async def test_the_token_request_through_a_dead_proxy_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{dead}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    attempt = OAuth2Attempt.new(client_id=CLIENT, redirect_uri=RELAY, relay_port=5000)
    with pytest.raises(ProxyProblem) as failed:
        await exchange_code(attempt, CodeAccepted("ory_ac_x"), post_form=HttpClient().post_form)
    assert failed.value.problem == Problem(
        ProblemKind.PROXY_REFUSED, host="127.0.0.1", port=dead, field="system"
    )
    assert f"proxy http://127.0.0.1:{dead}" in str(failed.value)
