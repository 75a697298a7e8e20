"""The loopback handler's main flows over real sockets: success, refusal, stale tabs, replay,
the app's verdict, cancel, timeout and the pages the browser ends on."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import socket
from html.parser import HTMLParser

import pytest
from auth_helpers import (
    IO_TIMEOUT,
    LOGINIDS,
    TOKENS,
    HarnessFactory,
    RawResponse,
    answer_query,
    assert_refused,
    fast_config,
)

from deriv_desktop.auth.attempt import AttemptStatus, LoginAttempt
from deriv_desktop.auth.binding import LoopbackBindError
from deriv_desktop.auth.loopback import (
    AppOutcome,
    LoopbackReceiver,
    LoopbackSlot,
    LoopbackStatus,
)
from deriv_desktop.auth.redirect import (
    RedirectAccepted,
    RedirectRefused,
    RedirectRejected,
    RefusalReason,
    RejectReason,
    validate_redirect,
)
from deriv_desktop.domain.problems import Problem, ProblemKind


class _PageAudit(HTMLParser):
    """Collects what matters for self-containment: attributes that load or link, and inline
    style/script contents."""

    def __init__(self) -> None:
        super().__init__()
        self.url_attributes: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "srcset", "poster", "data", "style"):
                self.url_attributes.append((name, value or ""))
        self._open = tag if tag in ("style", "script") else None

    def handle_data(self, data: str) -> None:
        if self._open == "style":
            self.styles.append(data)
        elif self._open == "script":
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _assert_safe_page(response: RawResponse) -> _PageAudit:
    headers = response.headers
    csp = headers["content-security-policy"]
    for directive in ("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert headers["referrer-policy"] == "no-referrer"
    assert "no-store" in headers["cache-control"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["connection"] == "close"
    assert headers["content-type"] == "text/html; charset=utf-8"
    audit = _PageAudit()
    audit.feed(response.text)
    assert audit.url_attributes == []
    assert not re.search(r"[a-z]+://|//[a-z0-9]", response.text, re.IGNORECASE)
    assert audit.styles and all(_csp_hash(style) in csp for style in audit.styles)
    assert all(_csp_hash(script) in csp for script in audit.scripts)
    return audit


async def test_successful_sign_in_redirects_to_a_clean_done_page(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness()

    callback = await h.get(h.good_target())

    assert callback.status == 303
    assert callback.headers["location"] == "/done"
    assert "?" not in callback.headers["location"]
    assert callback.body == b""
    assert [a.accounts for a in h.credentials] == [
        (h.credentials[0].accounts[0], h.credentials[0].accounts[1])
    ]
    first, second = h.credentials[0].accounts
    assert (first.loginid, first.token, first.currency) == (LOGINIDS[0], TOKENS[0], "USD")
    assert (second.loginid, second.token, second.currency) == (LOGINIDS[1], TOKENS[1], None)

    done = await h.get("/done")
    assert done.status == 200
    assert "You&#x27;re signed in" in done.text
    audit = _assert_safe_page(done)
    assert audit.scripts == []
    for secret in (*TOKENS, h.attempt.state):
        assert secret not in done.text

    outcome = await asyncio.wait_for(h.receiver.wait(), IO_TIMEOUT)
    assert outcome.status is LoopbackStatus.SUCCEEDED
    assert isinstance(outcome.result, RedirectAccepted)
    assert h.attempt.status is AttemptStatus.COMPLETED
    await assert_refused(h.port)  # /done was served: the single-use listener is gone


async def test_favicon_first_then_the_real_callback(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    for path in ("/favicon.ico", "/robots.txt", "/", f"{h.path}/", f"{h.path}x"):
        response = await h.get(path)
        assert response.status == 404, path
        _assert_safe_page(response)
    assert h.attempt.is_live

    assert (await h.get(h.good_target())).status == 303
    assert len(h.credentials) == 1


async def test_the_app_failing_to_authorize_is_shown_as_failure(
    make_harness: HarnessFactory,
) -> None:
    async def app(accepted: RedirectAccepted) -> AppOutcome:
        return AppOutcome.failure("Deriv did not accept these tokens.")

    h = await make_harness(app=app)

    assert (await h.get(h.good_target())).status == 303
    done = await h.get("/done")

    assert "Sign-in didn&#x27;t finish" in done.text
    assert "Deriv did not accept these tokens." in done.text
    assert "signed in</h1>" not in done.text
    outcome = await h.receiver.wait()
    assert outcome.status is LoopbackStatus.FAILED
    assert outcome.problem is None, "the app reports its failure in its own window"
    assert outcome.app_outcome == AppOutcome.failure("Deriv did not accept these tokens.")


async def test_an_app_exception_is_shown_as_failure(make_harness: HarnessFactory) -> None:
    async def app(accepted: RedirectAccepted) -> AppOutcome:
        raise RuntimeError("boom")

    h = await make_harness(app=app)

    await h.get(h.good_target())
    done = await h.get("/done")

    assert "Sign-in didn&#x27;t finish" in done.text
    assert (await h.receiver.wait()).status is LoopbackStatus.FAILED


async def test_the_browser_waits_for_the_app_and_then_sees_the_truth(
    make_harness: HarnessFactory,
) -> None:
    release = asyncio.Event()
    entered = asyncio.Event()

    async def app(accepted: RedirectAccepted) -> AppOutcome:
        entered.set()
        await release.wait()
        return AppOutcome.success()

    h = await make_harness(app=app)
    callback = asyncio.create_task(h.get(h.good_target()))
    await asyncio.wait_for(entered.wait(), IO_TIMEOUT)

    assert not callback.done()  # held until the app answers
    release.set()
    assert (await asyncio.wait_for(callback, IO_TIMEOUT)).status == 303
    assert "You&#x27;re signed in" in (await h.get("/done")).text


async def test_an_app_slower_than_the_ceiling_gets_a_pending_page_then_the_result(
    make_harness: HarnessFactory,
) -> None:
    release = asyncio.Event()

    async def app(accepted: RedirectAccepted) -> AppOutcome:
        await release.wait()
        return AppOutcome.success()

    h = await make_harness(app=app, config=fast_config(app_ceiling=0.05))

    assert (await h.get(h.good_target())).status == 303
    pending = await h.get("/done")
    assert "Almost there" in pending.text
    assert h.receiver.is_listening  # the result is not known yet: /done stays reachable

    release.set()
    outcome = await asyncio.wait_for(h.receiver.wait(), IO_TIMEOUT)
    assert outcome.status is LoopbackStatus.SUCCEEDED
    assert "You&#x27;re signed in" in (await h.get("/done")).text
    await assert_refused(h.port)


async def test_replaying_a_used_callback_says_already_completed(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness(config=fast_config(done_grace=5.0))
    target = h.good_target()

    assert (await h.get(target)).status == 303
    replay = await h.get(target)  # before /done: the listener is still up

    assert replay.status == 409
    assert "already complete" in replay.text
    assert len(h.credentials) == 1
    assert h.rejected[-1].reason is RejectReason.ALREADY_COMPLETED


async def test_wrong_state_then_the_right_one(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    stale = LoginAttempt.new("http://127.0.0.1/callback").state

    wrong = await h.get(f"{h.path}?acct1=CR1&token1=a1-x&state={stale}")
    assert wrong.status == 400
    assert "older" in wrong.text
    _assert_safe_page(wrong)
    assert h.attempt.is_live
    assert h.receiver.wrong_state_count == 1
    assert h.credentials == []

    assert (await h.get(h.good_target())).status == 303
    outcome = await h.receiver.wait()
    assert outcome.status is LoopbackStatus.SUCCEEDED
    assert outcome.wrong_state_count == 1


async def test_error_without_state_keeps_the_attempt_alive(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    response = await h.get(f"{h.path}?error=access_denied")

    assert response.status == 400
    assert h.attempt.is_live
    assert h.receiver.is_listening
    assert [r.reason for r in h.rejected] == [RejectReason.MISSING_STATE]


async def test_bare_callback_serves_the_fragment_forwarder_without_consuming(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness()

    landing = await h.get(h.path)

    assert landing.status == 200
    audit = _assert_safe_page(landing)
    assert len(audit.scripts) == 1
    script = audit.scripts[0]
    assert "location.hash" in script and "location.replace" in script
    assert "!location.search" in script  # only forwards from the bare path: no loop
    assert _csp_hash(script) in landing.headers["content-security-policy"]
    assert h.attempt.is_live


async def test_forwarded_fragment_refusal_ends_the_attempt(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    # What the landing page's script requests for "#error=scope_denied&state=…".
    forwarded = await h.get(f"{h.path}?error=scope_denied&state={h.attempt.state}")

    assert forwarded.status == 303
    assert forwarded.headers["location"] == "/done"
    done = await h.get("/done")
    assert "chose not to give Deriv Desktop access" in done.text
    outcome = await h.receiver.wait()
    assert outcome.status is LoopbackStatus.REFUSED
    assert isinstance(outcome.result, RedirectRefused)
    assert outcome.result.reason_code is RefusalReason.SCOPE_DENIED
    assert h.credentials == []
    await assert_refused(h.port)


async def test_error_description_is_rendered_inert(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    payload = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cimg%20src%3Dx%3E"

    await h.get(f"{h.path}?error=server_error&error_description={payload}&state={h.attempt.state}")
    done = await h.get("/done")

    assert "<script" not in done.text
    assert "<img" not in done.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in done.text
    assert "server_error" not in done.text  # unknown codes map to a fixed sentence
    _assert_safe_page(done)


async def test_cancel_closes_the_port_at_once(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    assert (await h.get("/favicon.ico")).status == 404

    h.receiver.cancel()

    await assert_refused(h.port)
    outcome = await h.receiver.wait()
    assert outcome.status is LoopbackStatus.CANCELLED
    assert h.attempt.status is AttemptStatus.CANCELLED
    late = validate_redirect(h.attempt, h.good_target())
    assert isinstance(late, RedirectRejected) and late.reason is RejectReason.CANCELLED


async def test_cancel_while_the_app_works_tells_the_browser(make_harness: HarnessFactory) -> None:
    entered = asyncio.Event()

    async def app(accepted: RedirectAccepted) -> AppOutcome:
        entered.set()
        await asyncio.Event().wait()  # never answers by itself
        raise AssertionError("unreachable")

    h = await make_harness(app=app)
    callback = asyncio.create_task(h.get(h.good_target()))
    await asyncio.wait_for(entered.wait(), IO_TIMEOUT)

    h.receiver.cancel()
    response = await asyncio.wait_for(callback, IO_TIMEOUT)

    assert response.status == 200  # the port is closed, so the answer comes right here
    assert "cancelled" in response.text
    assert (await h.receiver.wait()).status is LoopbackStatus.CANCELLED
    await assert_refused(h.port)


async def test_timeout_ends_the_attempt_and_closes_the_port(make_harness: HarnessFactory) -> None:
    h = await make_harness(timeout=0.2)

    outcome = await asyncio.wait_for(h.receiver.wait(), IO_TIMEOUT)

    assert outcome.status is LoopbackStatus.TIMED_OUT
    assert outcome.problem == Problem(ProblemKind.SIGN_IN_TIMED_OUT, minutes=1, count=0)
    assert h.attempt.status is AttemptStatus.EXPIRED
    await assert_refused(h.port)


async def test_timeout_after_a_stale_tab_says_so(make_harness: HarnessFactory) -> None:
    h = await make_harness(timeout=0.5)
    stale = LoginAttempt.new("http://127.0.0.1/callback").state
    assert (await h.get(f"{h.path}?acct1=CR1&token1=a1-x&state={stale}")).status == 400

    outcome = await asyncio.wait_for(h.receiver.wait(), IO_TIMEOUT)

    assert outcome.status is LoopbackStatus.TIMED_OUT
    assert outcome.problem == Problem(ProblemKind.SIGN_IN_TIMED_OUT, minutes=1, count=1)
    assert outcome.wrong_state_count == 1


async def test_late_request_after_success_is_answered_or_refused(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness()
    await h.get(h.good_target())
    await h.get("/done")

    try:
        late = await asyncio.wait_for(h.get("/favicon.ico"), IO_TIMEOUT)
    except ConnectionRefusedError:
        return
    assert late.status == 404  # pragma: no cover - only if the listener were still open


async def test_pasted_answer_wins_and_the_loopback_then_says_completed(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness()
    pasted = f"http://127.0.0.1/callback?{h.good_target().partition('?')[2]}"

    assert isinstance(validate_redirect(h.attempt, pasted), RedirectAccepted)
    late = await h.get(h.good_target())

    assert late.status == 409
    assert h.credentials == []  # the loopback never hands the same answer to the app


async def test_a_new_attempt_closes_the_previous_listener(make_harness: HarnessFactory) -> None:
    async def ok(accepted: RedirectAccepted) -> AppOutcome:
        return AppOutcome.success()

    slot = LoopbackSlot()
    first = LoopbackReceiver(
        LoginAttempt.new("http://127.0.0.1:0/callback"), on_credentials=ok, config=fast_config()
    )
    second = LoopbackReceiver(
        LoginAttempt.new("http://127.0.0.1:0/callback"), on_credentials=ok, config=fast_config()
    )
    try:
        await slot.start(first)
        first_port = first.bound_addresses[0][1]
        await slot.start(second)

        await assert_refused(first_port)
        assert first.attempt.status is AttemptStatus.CANCELLED
        assert second.is_listening and slot.current is second
    finally:
        await slot.stop()
    assert not second.is_listening


async def test_done_grace_closes_the_port_when_the_browser_never_comes(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness(config=fast_config(done_grace=0.05))

    assert (await h.get(h.good_target())).status == 303
    await asyncio.wait_for(h.receiver.wait_port_closed(), IO_TIMEOUT)

    await assert_refused(h.port)
    assert (await h.receiver.wait()).status is LoopbackStatus.SUCCEEDED


async def test_done_is_404_before_any_answer_and_head_does_not_close(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness()
    assert (await h.get("/done")).status == 404

    await h.get(h.good_target())
    head = await h.get("/done", method="HEAD")

    assert head.status == 200 and head.body == b""
    assert h.receiver.is_listening
    landing = await h.get(h.path)  # the bare path after completion: no forwarder any more
    assert "already complete" in landing.text
    assert "<script" not in landing.text


async def test_refusal_replay_says_already_completed(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    refusal = f"{h.path}?error=scope_denied&state={h.attempt.state}"

    assert (await h.get(refusal)).status == 303
    assert (await h.get(refusal)).status == 409
    assert (await h.get(h.good_target())).status == 409
    assert h.credentials == []


async def test_cancel_after_another_route_finished_reports_ended_elsewhere(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness()
    assert isinstance(validate_redirect(h.attempt, h.good_target()), RedirectAccepted)

    h.receiver.cancel()

    outcome = await h.receiver.wait()
    assert outcome.status is LoopbackStatus.ENDED_ELSEWHERE
    assert h.attempt.status is AttemptStatus.COMPLETED
    await assert_refused(h.port)


async def test_failed_start_leaves_the_attempt_usable_for_pasting() -> None:
    async def ok(accepted: RedirectAccepted) -> AppOutcome:
        return AppOutcome.success()

    slot = LoopbackSlot()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        attempt = LoginAttempt.new(f"http://127.0.0.1:{holder.getsockname()[1]}/callback")
        receiver = LoopbackReceiver(attempt, on_credentials=ok, config=fast_config())
        with pytest.raises(LoopbackBindError):
            await slot.start(receiver)
        await slot.stop()

    assert slot.current is None
    assert attempt.is_live
    pasted = f"http://127.0.0.1/callback?{answer_query(attempt.state)}"
    assert isinstance(validate_redirect(attempt, pasted), RedirectAccepted)
