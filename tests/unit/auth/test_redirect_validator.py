"""The shared redirect validator: state first, then the attempt's life, then the answer."""

from __future__ import annotations

import hmac
from urllib.parse import quote, urlencode

import pytest
from auth_helpers import LOGINIDS, TOKENS, answer_query

from deriv_desktop.auth.attempt import AttemptStatus, LoginAttempt
from deriv_desktop.auth.redirect import (
    MAX_ACCOUNTS,
    RedirectAccepted,
    RedirectRefused,
    RedirectRejected,
    RefusalReason,
    RejectReason,
    validate_redirect,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def attempt() -> LoginAttempt:
    return LoginAttempt.new("http://127.0.0.1/callback", 300)


def _rejected(result: object, reason: RejectReason) -> RedirectRejected:
    assert isinstance(result, RedirectRejected), result
    assert result.reason is reason
    return result


def _malformed(attempt: LoginAttempt, query: str, fragment_of_message: str) -> None:
    result = _rejected(validate_redirect(attempt, "?" + query), RejectReason.MALFORMED)
    assert fragment_of_message in result.message
    assert result.attempt_continues and result.state_verified
    assert attempt.is_live


def _triples(count: int, state: str) -> str:
    pairs = []
    for n in range(1, count + 1):
        pairs += [(f"acct{n}", f"CR{n}"), (f"token{n}", f"a1-tok{n}"), (f"cur{n}", "USD")]
    return urlencode([*pairs, ("state", state)])


@pytest.mark.parametrize(
    "shape",
    [
        "http://127.0.0.1/callback?{q}",
        "derivdesktop://oauth/callback?{q}",
        "/callback?{q}",
        "?{q}",
        "{q}",
        "  http://127.0.0.1/callback?{q}\n",
    ],
)
def test_accepts_every_shape_of_the_same_answer(attempt: LoginAttempt, shape: str) -> None:
    result = validate_redirect(attempt, shape.format(q=answer_query(attempt.state)))

    assert isinstance(result, RedirectAccepted)
    first, second = result.accounts
    assert (first.loginid, first.token, first.currency) == (LOGINIDS[0], TOKENS[0], "USD")
    assert (second.loginid, second.token, second.currency) == (LOGINIDS[1], TOKENS[1], None)
    assert attempt.status is AttemptStatus.COMPLETED
    assert TOKENS[0] not in repr(result)


def test_state_is_compared_in_constant_time(
    attempt: LoginAttempt, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr("deriv_desktop.auth.redirect.hmac.compare_digest", spy)
    validate_redirect(attempt, answer_query(attempt.state))

    assert seen == [(attempt.state.encode(), attempt.state.encode())]


def test_wrong_state_is_rejected_and_counted(attempt: LoginAttempt) -> None:
    other = LoginAttempt.new("http://127.0.0.1/callback").state

    result = _rejected(validate_redirect(attempt, answer_query(other)), RejectReason.WRONG_STATE)

    assert result.attempt_continues and not result.state_verified
    assert attempt.is_live
    assert attempt.wrong_state_count == 1
    assert other not in result.message and attempt.state not in result.message


def test_missing_state_is_rejected_and_counted(attempt: LoginAttempt) -> None:
    _rejected(validate_redirect(attempt, answer_query(None)), RejectReason.MISSING_STATE)

    assert attempt.is_live
    assert attempt.wrong_state_count == 1


def test_error_is_not_honoured_before_state(attempt: LoginAttempt) -> None:
    _rejected(validate_redirect(attempt, "#error=scope_denied"), RejectReason.MISSING_STATE)
    _rejected(
        validate_redirect(attempt, "#error=scope_denied&state=nottheone"), RejectReason.WRONG_STATE
    )

    assert attempt.is_live


@pytest.mark.parametrize(
    ("code", "reason", "words"),
    [
        ("scope_denied", RefusalReason.SCOPE_DENIED, "chose not to give"),
        ("reactivation_cancelled", RefusalReason.REACTIVATION_CANCELLED, "not reactivated"),
        ("access_denied", RefusalReason.ACCESS_DENIED, "did not allow"),
        ("<b>weird</b>", RefusalReason.OTHER, "without saying why"),
    ],
)
def test_fragment_refusal_with_the_right_state(
    attempt: LoginAttempt, code: str, reason: RefusalReason, words: str
) -> None:
    url = f"http://127.0.0.1/callback#error={quote(code)}&state={attempt.state}"

    result = validate_redirect(attempt, url)

    assert isinstance(result, RedirectRefused)
    assert result.reason_code is reason
    assert words in result.message
    assert code not in result.message
    assert attempt.status is AttemptStatus.REFUSED


def test_error_description_must_be_printable_and_is_capped(attempt: LoginAttempt) -> None:
    description = "line one\n\tline two " + "x" * 500
    query = urlencode(
        [("error", "x"), ("error_description", description), ("state", attempt.state)]
    )

    result = validate_redirect(attempt, query)

    # Control characters make the answer unusable rather than shown.
    _rejected(result, RejectReason.MALFORMED)
    clean = urlencode(
        [("error", "x"), ("error_description", "a  b " + "y" * 500), ("state", attempt.state)]
    )
    refused = validate_redirect(attempt, clean)
    assert isinstance(refused, RedirectRefused)
    assert refused.detail is not None
    assert refused.detail.startswith("a b y") and len(refused.detail) == 200


def test_duplicate_state_is_unreadable_and_changes_nothing(attempt: LoginAttempt) -> None:
    query = answer_query(attempt.state) + f"&state={attempt.state}"

    result = _rejected(validate_redirect(attempt, query), RejectReason.UNREADABLE)

    assert result.attempt_continues
    assert attempt.is_live and attempt.wrong_state_count == 0


def test_duplicate_between_query_and_fragment_is_caught(attempt: LoginAttempt) -> None:
    url = f"http://127.0.0.1/callback?{answer_query(attempt.state)}#token1=a1-other"

    _rejected(validate_redirect(attempt, url), RejectReason.MALFORMED)


def test_duplicate_token_with_the_right_state_is_malformed(attempt: LoginAttempt) -> None:
    _malformed(attempt, answer_query(attempt.state) + "&token1=a1-other", "repeated")


@pytest.mark.parametrize(
    ("pairs", "words"),
    [
        ([("acct1", "CR1"), ("token1", "a1-x"), ("acct3", "CR3"), ("token3", "a1-y")], "skipped"),
        ([("acct0", "CR1"), ("token0", "a1-x")], "skipped"),
        ([("acct01", "CR1"), ("token01", "a1-x")], "skipped"),
        ([("acct1", "CR1")], "without its token"),
        ([("token1", "a1-x")], "without its token"),
        ([("nonce", "n")], "did not include any account"),
        ([("acct1", "CR-1"), ("token1", "a1-x")], "account id"),
        ([("acct1", "C1"), ("token1", "a1-x")], "account id"),
        ([("acct1", "CR12345678901"), ("token1", "a1-x")], "account id"),
        ([("acct1", "CR1"), ("token1", "a1 x")], "token"),
        ([("acct1", "CR1"), ("token1", "a1-ж")], "token"),
        ([("acct1", "CR1"), ("token1", "t" * 129)], "token"),
        ([("acct1", "CR1"), ("token1", "a1-x"), ("cur1", "US$")], "currency"),
        (
            [("acct1", "CR1"), ("token1", "a1-x"), ("acct2", "cr1"), ("token2", "a1-y")],
            "same account",
        ),
        ([("acct1", "CR1"), ("token1", "a1-\x01")], "unreadable value"),
        ([("acct1", "CR1"), ("token1", "a1-x"), ("lang", "z" * 600)], "unreadable value"),
    ],
)
def test_malformed_answers_get_a_specific_message(
    attempt: LoginAttempt, pairs: list[tuple[str, str]], words: str
) -> None:
    _malformed(attempt, urlencode([*pairs, ("state", attempt.state)]), words)


def test_up_to_the_account_cap_is_fine_and_one_more_is_not(attempt: LoginAttempt) -> None:
    _malformed(attempt, _triples(MAX_ACCOUNTS + 1, attempt.state), "more accounts")

    result = validate_redirect(attempt, _triples(MAX_ACCOUNTS, attempt.state))

    assert isinstance(result, RedirectAccepted)
    assert [a.loginid for a in result.accounts] == [f"CR{n}" for n in range(1, MAX_ACCOUNTS + 1)]


def test_unknown_parameters_are_ignored(attempt: LoginAttempt) -> None:
    result = validate_redirect(attempt, answer_query(attempt.state, extra=[("nonce", "abc")]))

    assert isinstance(result, RedirectAccepted)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "state=%ff%fe",
        "a b=c",
        "?" + "x=1&" * 5000,
        "=novalue",
        "1abc=2",
        "%zz=1",
        "\x00",
    ],
)
def test_unreadable_input_changes_nothing(attempt: LoginAttempt, text: str) -> None:
    result = _rejected(validate_redirect(attempt, text), RejectReason.UNREADABLE)

    assert result.attempt_continues
    assert attempt.is_live


def test_replay_after_acceptance_says_already_completed(attempt: LoginAttempt) -> None:
    query = answer_query(attempt.state)
    assert isinstance(validate_redirect(attempt, query), RedirectAccepted)

    replay = _rejected(validate_redirect(attempt, query), RejectReason.ALREADY_COMPLETED)

    assert not replay.attempt_continues
    assert "already complete" in replay.message


def test_replay_after_refusal_says_already_completed(attempt: LoginAttempt) -> None:
    refusal = f"#error=scope_denied&state={attempt.state}"
    assert isinstance(validate_redirect(attempt, refusal), RedirectRefused)

    _rejected(
        validate_redirect(attempt, answer_query(attempt.state)), RejectReason.ALREADY_COMPLETED
    )


def test_cancelled_attempt_refuses_answers(attempt: LoginAttempt) -> None:
    assert attempt.cancel()
    assert not attempt.cancel()

    _rejected(validate_redirect(attempt, answer_query(attempt.state)), RejectReason.CANCELLED)


def test_expired_attempt_refuses_answers() -> None:
    clock = FakeClock()
    attempt = LoginAttempt.new("http://127.0.0.1/callback", 60, clock=clock)
    assert attempt.remaining() == 60

    clock.now += 60
    result = validate_redirect(attempt, answer_query(attempt.state))

    _rejected(result, RejectReason.EXPIRED)
    assert attempt.status is AttemptStatus.EXPIRED
    assert attempt.remaining() == 0


def test_attempt_repr_hides_the_state(attempt: LoginAttempt) -> None:
    assert attempt.state not in repr(attempt)
    assert attempt.state not in str(attempt)
