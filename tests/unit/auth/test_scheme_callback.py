"""The custom-scheme route feeds the same validator as the loopback and the pasted address."""

from __future__ import annotations

import pytest
from auth_helpers import answer_query

from deriv_desktop.auth.attempt import AttemptStatus, LoginAttempt
from deriv_desktop.auth.redirect import (
    RedirectAccepted,
    RedirectRefused,
    RedirectRejected,
    RejectReason,
    validate_redirect,
)
from deriv_desktop.auth.scheme import is_scheme_callback, validate_scheme_callback


@pytest.fixture
def attempt() -> LoginAttempt:
    return LoginAttempt.new("http://127.0.0.1/callback")


@pytest.mark.parametrize(
    "url",
    [
        "derivdesktop://oauth/callback?acct1=CR1",
        "DerivDesktop://OAUTH/callback?acct1=CR1",
        "derivdesktop://oauth/callback/?acct1=CR1",
        "derivdesktop://oauth/callback#error=scope_denied",
        " derivdesktop://oauth/callback?x=1\n",
    ],
)
def test_recognises_our_callback(url: str) -> None:
    assert is_scheme_callback(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/callback?acct1=CR1",
        "derivdesktop://evil/callback?acct1=CR1",
        "derivdesktop://oauth/other?acct1=CR1",
        "derivdesktop://oauth/callbackx?acct1=CR1",
        "otherapp://oauth/callback?acct1=CR1",
        "",
        "derivdesktop://[oauth/callback",
    ],
)
def test_ignores_everything_else(url: str) -> None:
    assert not is_scheme_callback(url)


def test_custom_registered_callback() -> None:
    assert is_scheme_callback("derivdesktop://oauth?x=1", registered="derivdesktop://oauth")
    assert not is_scheme_callback(
        "derivdesktop://oauth/callback?x=1", registered="derivdesktop://oauth"
    )


def test_right_state_is_accepted(attempt: LoginAttempt) -> None:
    url = f"derivdesktop://oauth/callback?{answer_query(attempt.state)}"

    result = validate_scheme_callback(attempt, url)

    assert isinstance(result, RedirectAccepted)
    assert attempt.status is AttemptStatus.COMPLETED


def test_wrong_state_is_rejected(attempt: LoginAttempt) -> None:
    other = LoginAttempt.new("http://127.0.0.1/callback").state
    url = f"derivdesktop://oauth/callback?{answer_query(other)}"

    result = validate_scheme_callback(attempt, url)

    assert isinstance(result, RedirectRejected)
    assert result.reason is RejectReason.WRONG_STATE
    assert attempt.is_live


def test_refusal_in_the_fragment(attempt: LoginAttempt) -> None:
    url = f"derivdesktop://oauth/callback#error=reactivation_cancelled&state={attempt.state}"

    assert isinstance(validate_scheme_callback(attempt, url), RedirectRefused)


def test_foreign_url_is_not_a_callback(attempt: LoginAttempt) -> None:
    url = f"http://127.0.0.1/callback?{answer_query(attempt.state)}"

    result = validate_scheme_callback(attempt, url)

    assert isinstance(result, RedirectRejected)
    assert result.reason is RejectReason.NOT_A_CALLBACK
    assert attempt.is_live


def test_replay_through_another_route_is_already_completed(attempt: LoginAttempt) -> None:
    query = answer_query(attempt.state)
    assert isinstance(
        validate_scheme_callback(attempt, f"derivdesktop://oauth/callback?{query}"),
        RedirectAccepted,
    )

    pasted = validate_redirect(attempt, f"http://127.0.0.1/callback?{query}")

    assert isinstance(pasted, RedirectRejected)
    assert pasted.reason is RejectReason.ALREADY_COMPLETED
