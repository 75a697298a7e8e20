"""Every flow at DEBUG: the logs name paths and parameters, never tokens or the state."""

from __future__ import annotations

import asyncio
import logging

import pytest
from auth_helpers import IO_TIMEOUT, TOKENS, HarnessFactory, answer_query, send_raw

from deriv_desktop.auth.attempt import LoginAttempt
from deriv_desktop.auth.loopback import AppOutcome
from deriv_desktop.auth.redirect import RedirectAccepted, validate_redirect
from deriv_desktop.auth.scheme import validate_scheme_callback


def _assert_no_secrets(caplog: pytest.LogCaptureFixture, secrets: list[str]) -> None:
    assert caplog.records, "the flows should have logged something"
    texts = [caplog.text]
    for record in caplog.records:
        texts.append(record.getMessage())
        texts.append(repr(record.args))
        texts.append(record.exc_text or "")
    blob = "\n".join(texts)
    for secret in secrets:
        assert secret not in blob


async def test_no_secret_reaches_the_logs(
    make_harness: HarnessFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="deriv_desktop.auth")
    secrets: list[str] = list(TOKENS)

    async def failing_app(accepted: RedirectAccepted) -> AppOutcome:
        raise RuntimeError(f"authorize failed for {accepted.accounts[0].token}")

    # Success, with noise first: favicon, a stale tab, duplicates, a TLS hello, POST.
    ok = await make_harness()
    secrets.append(ok.attempt.state)
    stale = LoginAttempt.new("http://127.0.0.1/callback").state
    secrets.append(stale)
    await ok.get("/favicon.ico")
    await ok.get(f"{ok.path}?{answer_query(stale)}")
    await ok.get(f"{ok.good_target()}&token1={TOKENS[1]}")
    await ok.get(f"{ok.path}?{TOKENS[0]}")  # a secret where a name belongs
    await ok.get(ok.good_target(), method="POST")
    await send_raw(ok.port, b"\x16\x03\x01\x00\x05hello")
    await ok.get(ok.good_target(extra_param="x"))
    await ok.get(ok.good_target())  # replay
    await ok.get("/done")

    # The app fails (and its exception text carries a token).
    failing = await make_harness(app=failing_app)
    secrets.append(failing.attempt.state)
    await failing.get(failing.good_target())
    await failing.get("/done")

    # A refusal forwarded from the fragment, with a description.
    refused = await make_harness()
    secrets.append(refused.attempt.state)
    await refused.get(
        f"{refused.path}?error=scope_denied&error_description=nope&state={refused.attempt.state}"
    )

    # Timeout and cancel.
    timing_out = await make_harness(timeout=0.1)
    secrets.append(timing_out.attempt.state)
    await asyncio.wait_for(timing_out.receiver.wait(), IO_TIMEOUT)
    cancelled = await make_harness()
    secrets.append(cancelled.attempt.state)
    cancelled.receiver.cancel()

    # The pasted and custom-scheme routes.
    pasted = LoginAttempt.new("http://127.0.0.1/callback")
    secrets.append(pasted.state)
    validate_redirect(pasted, f"http://127.0.0.1/callback?{answer_query(stale)}")
    validate_redirect(pasted, f"http://127.0.0.1/callback?{answer_query(pasted.state)}")
    scheme = LoginAttempt.new("http://127.0.0.1/callback")
    secrets.append(scheme.state)
    validate_scheme_callback(scheme, f"derivdesktop://oauth/callback?{answer_query(scheme.state)}")

    messages = [record.getMessage() for record in caplog.records]
    assert any("callback path" in m for m in messages)
    assert any(
        "answer parameters: acct1, acct2, cur1, state, token1, token2" in m for m in messages
    )
    assert any("(+1 other)" in m for m in messages)
    assert any("HTTPS" in m for m in messages)
    _assert_no_secrets(caplog, secrets)
