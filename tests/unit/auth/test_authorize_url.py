"""The legacy authorize URL: exact parameters, standard encoding, a CSPRNG state, the language."""

from __future__ import annotations

import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from deriv_desktop.auth.attempt import LoginAttempt
from deriv_desktop.auth.authorize_url import (
    build_authorize_url,
    deriv_language_code,
    new_state,
)


def test_url_carries_exactly_the_parameters_deriv_reads() -> None:
    state = new_state()

    url = build_authorize_url(app_id=1089, state=state, language="en")

    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "oauth.deriv.com",
        "/oauth2/authorize",
    )
    assert parse_qsl(parts.query, strict_parsing=True) == [
        ("app_id", "1089"),
        ("l", "EN"),
        ("brand", "deriv"),
        ("state", state),
    ]
    assert not parts.fragment


def test_url_is_already_standard_form_encoded() -> None:
    state = new_state()

    url = build_authorize_url(app_id="31000", state=state, language="zh-cn")

    query = urlsplit(url).query
    assert query == urlencode(parse_qsl(query, strict_parsing=True))  # re-encoding changes nothing
    assert query.isascii() and " " not in url


def test_state_has_256_bits_from_the_os_csprng(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = secrets.token_urlsafe

    def spy(nbytes: int) -> str:
        calls.append(nbytes)
        return real(nbytes)

    monkeypatch.setattr(secrets, "token_urlsafe", spy)
    state = new_state()

    assert calls == [32]
    assert len(state) == 43  # 32 bytes, base64url, no padding
    assert set(state) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_every_attempt_gets_its_own_state() -> None:
    states = {LoginAttempt.new("http://127.0.0.1/cb").state for _ in range(50)}

    assert len(states) == 50
    assert all(len(s) >= 22 for s in states)  # >= 128 bits


@pytest.mark.parametrize(
    ("given", "expected"),
    [("en", "EN"), ("EN", "EN"), ("zh-cn", "ZH_CN"), ("zh_TW", "ZH_TW"), (" pt ", "PT")],
)
def test_language_follows_the_given_one(given: str, expected: str) -> None:
    url = build_authorize_url(app_id=1, state=new_state(), language=given)

    assert dict(parse_qsl(urlsplit(url).query))["l"] == expected
    assert deriv_language_code(given) == expected


@pytest.mark.parametrize("bad", ["", "english", "e", "en-", "en_US_x", "e1"])
def test_nonsense_language_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="language"):
        deriv_language_code(bad)


def test_sandbox_base_url_on_loopback_is_allowed() -> None:
    url = build_authorize_url(app_id=1, state=new_state(), base_url="http://127.0.0.1:8765/")

    assert url.startswith("http://127.0.0.1:8765/oauth2/authorize?app_id=1&")


@pytest.mark.parametrize(
    "base",
    [
        "http://example.com",
        "ftp://oauth.deriv.com",
        "https://oauth.deriv.com/?x=1",
        "https://u@h",
        "oauth.deriv.com",
    ],
)
def test_unsafe_base_urls_are_refused(base: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        build_authorize_url(app_id=1, state=new_state(), base_url=base)


@pytest.mark.parametrize("app_id", ["", "12a", "-1", "1" * 11, "1 2"])
def test_app_id_must_be_digits(app_id: str) -> None:
    with pytest.raises(ValueError, match="app_id"):
        build_authorize_url(app_id=app_id, state=new_state())


@pytest.mark.parametrize("state", ["", "short", "a" * 129, "has space" * 4, "é" * 30])
def test_weak_or_odd_state_is_refused(state: str) -> None:
    with pytest.raises(ValueError, match="state"):
        build_authorize_url(app_id=1, state=state)
