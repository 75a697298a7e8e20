"""The login service over real parts: the hardened loopback handler on 127.0.0.1, an in-process
sandbox on real WebSockets, and a real session. Only the browser is a spy: these tests play the
browser's part with plain HTTP requests (tests/e2e drives a real Chromium)."""

from __future__ import annotations

import asyncio
import errno
import socket
import ssl
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from deriv_desktop.auth.binding import BindFailure, LoopbackBindError
from deriv_desktop.domain.errors import BadInput, ConnectionLost, InvalidAppID, InvalidToken
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.services.login import (
    VIA_API_TOKEN,
    VIA_PAT,
    LoginConfig,
    LoginNotice,
    LoginPhase,
    LoginProblem,
    LoginService,
    NoticeKind,
    oauth_base,
    parse_api_tokens,
    sign_in_problem,
)
from deriv_desktop.services.session import SignInOutcome
from tests.e2e.sign_in_kit import (
    APP_ID,
    REDIRECT_ANY_PORT,
    SCHEME_REDIRECT,
    callback_query,
    connection_refused,
    follow_to_done,
    http_get,
    login_stack,
    port_of,
    state_of,
    usable_accounts,
    wait_for_status,
)
from tests.support.secret_sniffer import SecretSniffer


def _waiting(status: object) -> bool:
    return getattr(status, "phase", None) is LoginPhase.AWAITING_BROWSER


# ------------------------------------------------------------------------------- pure helpers
def test_parse_api_tokens_accepts_any_separator_and_drops_duplicates() -> None:
    text = " tokA1_x\n tokB2-y, tokC3 ;tokA1_x\r\n"
    assert parse_api_tokens(text) == ["tokA1_x", "tokB2-y", "tokC3"]
    assert parse_api_tokens(["tokA1 tokB2", "tokC3"]) == ["tokA1", "tokB2", "tokC3"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("   \n ", Problem(ProblemKind.NO_TOKENS)),
        ("good_token bad!token", Problem(ProblemKind.TOKEN_SHAPE, number=2, count=2)),
        ("bad/token", Problem(ProblemKind.TOKEN_SHAPE, number=0, count=1)),
        (" ".join(f"t{i}" for i in range(27)), Problem(ProblemKind.TOO_MANY_TOKENS, count=26)),
    ],
)
def test_parse_api_tokens_refuses_with_a_typed_problem_without_quoting_the_token(
    text: str, problem: Problem
) -> None:
    with pytest.raises(BadInput) as error:
        parse_api_tokens(text)
    assert error.value.problem == problem, "a kind plus its data, not a sentence"
    assert isinstance(error.value, ValueError)
    assert "bad!token" not in str(error.value) and "bad/token" not in str(error.value)


def test_oauth_base_strips_the_authorize_path() -> None:
    assert oauth_base("https://oauth.deriv.com/oauth2/authorize") == "https://oauth.deriv.com"
    assert oauth_base("http://127.0.0.1:9/oauth2/authorize/") == "http://127.0.0.1:9"
    assert oauth_base("https://oauth.deriv.com") == "https://oauth.deriv.com"


def test_errors_become_typed_problems_per_route() -> None:
    def typed(error: BaseException, via: str) -> tuple[LoginProblem, Problem]:
        return sign_in_problem(error, via)

    refused = InvalidToken("The token is invalid.")
    assert typed(refused, VIA_API_TOKEN) == (
        LoginProblem.INVALID_TOKEN,
        Problem(ProblemKind.API_TOKEN_NOT_ACCEPTED, code="InvalidToken"),
    )
    assert typed(refused, VIA_PAT)[1].kind is ProblemKind.PAT_NOT_ACCEPTED
    assert typed(InvalidToken("x"), "oauth")[1].kind is ProblemKind.SIGN_IN_NOT_ACCEPTED
    assert typed(InvalidAppID("Your app_id is invalid."), "oauth") == (
        LoginProblem.SETUP,
        Problem(ProblemKind.INVALID_APP_ID, code="InvalidAppID"),
    )
    network, problem = typed(ConnectionLost("The connection dropped."), "oauth")
    assert network is LoginProblem.NETWORK and problem.kind is ProblemKind.SIGN_IN_UNREACHABLE
    assert problem.cause == Problem(ProblemKind.CONNECTION_LOST)
    assert typed(KeyError("boom"), "oauth") == (
        LoginProblem.INTERNAL,
        Problem(ProblemKind.INTERNAL, name="KeyError"),
    )


# ------------------------------------------------------------------------------- loopback route
async def test_listens_before_the_browser_opens_and_builds_deriv_url(tmp_path: Path) -> None:
    async with login_stack(tmp_path, language="fr") as st:
        status = await st.login.start()

        assert status.phase is LoginPhase.AWAITING_BROWSER
        assert st.spy.listening_at_open == [True], "the browser opened before the port listened"
        assert status.listening and status.browser_opened is True
        assert status.redirect_uri is not None and port_of(status.redirect_uri) > 0
        assert st.redirects == [status.redirect_uri], "the sandbox learned the real port"
        url = st.spy.urls[0]
        assert url == status.authorize_url
        query = parse_qs(urlsplit(url).query)
        assert query["app_id"] == [str(APP_ID)]
        assert query["l"] == ["FR"] and query["brand"] == ["deriv"]
        assert len(query["state"][0]) >= 43
        assert urlsplit(url).path == "/oauth2/authorize"
        assert "state=" not in repr(status), "the status repr must not show the state"
        assert 0 < (st.login.remaining() or 0) <= 30


async def test_browser_answer_signs_in_and_the_page_tells_the_truth(
    tmp_path: Path, secret_sniffer: SecretSniffer
) -> None:
    async with login_stack(tmp_path) as st:
        outcomes: list[SignInOutcome] = []
        st.login.signed_in.connect(outcomes.append)
        status = await st.login.start()
        accounts = usable_accounts(st.user)
        assert status.authorize_url is not None and status.redirect_uri is not None
        callback = (
            f"{status.redirect_uri}?{callback_query(state_of(status.authorize_url), accounts)}"
        )

        page = await follow_to_done(callback)

        assert page.status == 200 and "signed in" in page.text
        ready = await wait_for_status(st.login, lambda s: s.phase is LoginPhase.READY)
        assert ready.outcome is not None and outcomes == [ready.outcome]
        assert {a.loginid for a in st.state.accounts} >= {a.loginid for a in accounts}
        assert await connection_refused(port_of(callback)), "single use: closed after /done"
        secret_sniffer.assert_clean([a.token for a in accounts] + [state_of(status.authorize_url)])


async def test_a_token_deriv_refuses_shows_failure_in_the_browser(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        status = await st.login.start()
        assert status.authorize_url is not None and status.redirect_uri is not None
        account = usable_accounts(st.user)[:1]
        query = callback_query(
            state_of(status.authorize_url), account, tokens=["a1-NotARealTokenNotARealToken1"]
        )

        page = await follow_to_done(f"{status.redirect_uri}?{query}")

        assert page.status == 200 and "didn" in page.text
        failed = await wait_for_status(st.login, lambda s: s.phase is LoginPhase.FAILED)
        assert failed.problem is LoginProblem.INVALID_TOKEN
        assert failed.reason == Problem(ProblemKind.SIGN_IN_NOT_ACCEPTED, code="InvalidToken")
        assert st.state.accounts == []


async def test_consent_refused_in_the_fragment_is_reported(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        status = await st.login.start()
        assert status.authorize_url is not None and status.redirect_uri is not None
        state = state_of(status.authorize_url)
        # The landing page forwards "#error=scope_denied&state=…" as a query; do what it does.
        page = await follow_to_done(f"{status.redirect_uri}?error=scope_denied&state={state}")

        assert "not signed in" in page.text.lower()
        failed = await wait_for_status(st.login, lambda s: s.phase is LoginPhase.FAILED)
        assert failed.problem is LoginProblem.REFUSED
        assert failed.reason == Problem(ProblemKind.REFUSED_SCOPE)
        assert await connection_refused(port_of(status.redirect_uri)), "closed after /done"


async def test_stale_tab_then_timeout_says_an_older_tab_answered(tmp_path: Path) -> None:
    async with login_stack(tmp_path, timeout=1.5) as st:
        notices: list[LoginNotice] = []
        st.login.notice.connect(notices.append)
        status = await st.login.start()
        assert status.redirect_uri is not None
        stale = callback_query("x" * 43, usable_accounts(st.user)[:1])

        reply = await http_get(f"{status.redirect_uri}?{stale}")

        assert reply.status == 400
        counted = await wait_for_status(st.login, lambda s: s.wrong_state_count == 1)
        assert counted.phase is LoginPhase.AWAITING_BROWSER, "a stale tab must not end the attempt"
        assert [n.kind for n in notices] == [NoticeKind.REJECTED]
        timed_out = await wait_for_status(st.login, lambda s: s.phase is LoginPhase.TIMED_OUT)
        assert timed_out.reason == Problem(ProblemKind.SIGN_IN_TIMED_OUT, minutes=1, count=1)
        assert timed_out.problem is LoginProblem.TIMEOUT
        assert await connection_refused(port_of(status.redirect_uri))


async def test_timeout_without_any_answer(tmp_path: Path) -> None:
    async with login_stack(tmp_path, timeout=0.5) as st:
        status = await st.login.start()
        timed_out = await wait_for_status(st.login, lambda s: s.phase is LoginPhase.TIMED_OUT)
        assert timed_out.reason == Problem(ProblemKind.SIGN_IN_TIMED_OUT, minutes=1, count=0)
        assert status.redirect_uri is not None
        assert await connection_refused(port_of(status.redirect_uri))
        assert st.login.remaining() is None


async def test_cancel_closes_the_port_at_once(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        status = await st.login.start()
        assert status.redirect_uri is not None
        port = port_of(status.redirect_uri)
        assert not await connection_refused(port)

        assert st.login.cancel() is True

        assert await connection_refused(port)
        assert st.login.status.phase is LoginPhase.CANCELLED
        assert st.login.cancel() is False, "nothing waits any more"
        assert status.authorize_url is not None
        late = await st.login.submit_pasted(
            f"{status.redirect_uri}?{callback_query(state_of(status.authorize_url), [])}"
        )
        assert not late.used


async def test_two_quick_starts_leave_one_listener(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        first, second = await asyncio.gather(st.login.start(), st.login.start())
        uris = {s.redirect_uri for s in (first, second)}
        live = [uri for uri in uris if uri and not await connection_refused(port_of(uri))]
        assert len(live) == 1
        assert st.login.status.redirect_uri == live[0]


async def test_open_again_reuses_the_same_url(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        await st.login.start()
        assert await st.login.open_again() is True
        assert len(st.spy.urls) == 2 and st.spy.urls[0] == st.spy.urls[1]


async def test_a_browser_that_did_not_open_is_reported(tmp_path: Path) -> None:
    async with login_stack(tmp_path, open_result=False) as st:
        status = await st.login.start()
        assert status.phase is LoginPhase.AWAITING_BROWSER and status.browser_opened is False
        assert status.authorize_url, "the URL is still there to copy"


async def test_a_tls_client_hello_raises_the_https_hint(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        status = await st.login.start()
        assert status.redirect_uri is not None
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = ssl.create_default_context().wrap_bio(incoming, outgoing, server_hostname="x")
        with pytest.raises(ssl.SSLWantReadError):
            tls.do_handshake()
        _, writer = await asyncio.open_connection("127.0.0.1", port_of(status.redirect_uri))
        writer.write(outgoing.read())
        await writer.drain()
        hinted = await wait_for_status(st.login, lambda s: s.tls_hint)
        writer.close()
        assert hinted.phase is LoginPhase.AWAITING_BROWSER


# ------------------------------------------------------------------------------- paste route
async def test_pasted_address_signs_in_and_closes_the_port(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        status = await st.login.start()
        assert status.authorize_url is not None and status.redirect_uri is not None
        state = state_of(status.authorize_url)
        accounts = usable_accounts(st.user)[:2]

        wrong = await st.login.submit_pasted(f"?{callback_query('y' * 43, accounts)}")
        assert not wrong.used and wrong.reason == Problem(ProblemKind.ANSWER_WRONG_STATE)
        assert st.login.status.wrong_state_count == 1 and st.login.status.waiting

        used = await st.login.submit_pasted(
            f" {status.redirect_uri}?{callback_query(state, accounts)} "
        )

        assert used.used and st.login.status.phase is LoginPhase.READY
        assert await connection_refused(port_of(status.redirect_uri))
        again = await st.login.submit_pasted(f"?{callback_query(state, accounts)}")
        assert not again.used


async def test_nothing_waiting_means_nothing_used(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        notices: list[LoginNotice] = []
        st.login.notice.connect(notices.append)
        sub = await st.login.submit_scheme_url(f"{SCHEME_REDIRECT}?acct1=CR1&token1=x&state=s")
        assert not sub.used and sub.reason == Problem(ProblemKind.NOT_WAITING)
        assert [n.kind for n in notices] == [NoticeKind.NOT_WAITING]


# ------------------------------------------------------------------------------- scheme route
async def test_scheme_redirect_needs_no_port_and_accepts_the_handed_over_url(
    tmp_path: Path,
) -> None:
    async with login_stack(tmp_path, redirect_uri=SCHEME_REDIRECT) as st:
        status = await st.login.start()
        assert status.phase is LoginPhase.AWAITING_BROWSER
        assert not status.listening and status.bind_error is None
        assert st.login.receiver is None and st.redirects == [SCHEME_REDIRECT]
        assert status.authorize_url is not None
        query = callback_query(state_of(status.authorize_url), usable_accounts(st.user)[:1])

        other = await st.login.submit_scheme_url(f"https://evil.example/cb?{query}")
        assert not other.used and st.login.status.waiting
        used = await st.login.submit_scheme_url(f"{SCHEME_REDIRECT}?{query}")

        assert used.used and st.login.status.phase is LoginPhase.READY


async def test_scheme_attempt_times_out_on_its_own_timer(tmp_path: Path) -> None:
    async with login_stack(tmp_path, redirect_uri=SCHEME_REDIRECT, timeout=0.4) as st:
        await st.login.start()
        await st.login.submit_scheme_url(f"{SCHEME_REDIRECT}?acct1=CR1&token1=abc&state={'z' * 43}")
        timed_out = await wait_for_status(st.login, lambda s: s.phase is LoginPhase.TIMED_OUT)
        assert timed_out.reason is not None and timed_out.reason.count == 1


# ------------------------------------------------------------------------------- bind failure
async def test_a_program_holding_the_redirect_port_never_gets_the_sign_in(
    tmp_path: Path,
) -> None:
    """Another program listens on the registered redirect's port: the browser is not opened
    (it would hand that program the account tokens), the user is told, and API tokens work."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen(1)
        squatter.setblocking(False)
        port = squatter.getsockname()[1]
        redirect = f"http://127.0.0.1:{port}/deriv-desktop/callback"
        async with login_stack(tmp_path, redirect_uri=redirect) as st:
            status = await st.login.start()

            assert status.phase is LoginPhase.FAILED
            assert status.problem is LoginProblem.PORT_TAKEN
            assert status.reason == Problem(
                ProblemKind.SIGN_IN_PORT_TAKEN, host="127.0.0.1", port=port
            )
            assert st.spy.urls == [], "the browser must not be sent to the squatter"
            assert status.authorize_url is None
            with pytest.raises(BlockingIOError):
                squatter.accept()  # nothing ever connected to it

            token = usable_accounts(st.user)[0].token
            after = await st.login.sign_in_with_tokens(token)
            assert after.phase is LoginPhase.READY


async def test_a_port_nobody_may_open_still_offers_the_pasted_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where nobody can listen (port 80 without privileges, say), nobody receives the redirect:
    the browser opens and its final address can be pasted. (The refusal is simulated: as root,
    which CI is, any port can be bound.)"""
    redirect = "http://127.0.0.1:80/deriv-desktop/callback"
    async with login_stack(tmp_path, redirect_uri=redirect) as st:

        async def refused(_receiver: object) -> str:
            raise LoopbackBindError(BindFailure.PERMISSION_DENIED, "127.0.0.1", 80, errno.EACCES)

        monkeypatch.setattr(st.login._slot, "start", refused)
        status = await st.login.start()
        assert status.phase is LoginPhase.AWAITING_BROWSER
        assert status.bind_error is not None
        assert status.bind_error.kind is ProblemKind.PORT_NOT_PERMITTED
        assert st.spy.urls
        assert status.authorize_url is not None
        query = callback_query(state_of(status.authorize_url), usable_accounts(st.user)[:1])
        used = await st.login.submit_pasted(f"{redirect}?{query}")
        assert used.used and st.login.status.phase is LoginPhase.READY


async def test_missing_app_id_is_a_setup_problem(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        login = LoginService(
            st.session,
            LoginConfig(app_id="", oauth_url=st.sandbox.oauth_url, redirect_uri=REDIRECT_ANY_PORT),
            open_url=st.spy,
        )
        status = await login.start()
        await login.aclose()
        assert status.phase is LoginPhase.FAILED and status.problem is LoginProblem.SETUP
        assert status.reason == Problem(ProblemKind.SIGN_IN_SETUP_MISSING)
        assert st.spy.urls == []


# ------------------------------------------------------------------------------- API tokens
async def test_api_tokens_sign_in(tmp_path: Path, secret_sniffer: SecretSniffer) -> None:
    async with login_stack(tmp_path) as st:
        user = st.user
        tokens = [t.value for a in user.accounts for t in st.sandbox.state.api_tokens(a.loginid)]
        chosen = [t for t in tokens if t][:1]
        waiting = await st.login.start()
        assert waiting.redirect_uri is not None

        status = await st.login.sign_in_with_tokens("\n".join(chosen) + "\n")

        assert status.phase is LoginPhase.READY and status.via == VIA_API_TOKEN
        assert await connection_refused(port_of(waiting.redirect_uri)), "the browser attempt ended"
        assert st.state.accounts
        secret_sniffer.assert_clean(chosen)


async def test_api_token_problems_are_explained(tmp_path: Path) -> None:
    async with login_stack(tmp_path) as st:
        bad = await st.login.sign_in_with_tokens("not/a/token")
        assert bad.phase is LoginPhase.FAILED and bad.problem is LoginProblem.BAD_INPUT
        assert bad.reason == Problem(ProblemKind.TOKEN_SHAPE, count=1)
        refused = await st.login.sign_in_with_tokens("a1-AbsolutelyNotAValidToken000")
        assert refused.phase is LoginPhase.FAILED
        assert refused.problem is LoginProblem.INVALID_TOKEN
        # The service reports a kind plus data; the sentence is the GUI's (gui/problem_text).
        assert refused.reason == Problem(ProblemKind.API_TOKEN_NOT_ACCEPTED, code="InvalidToken")
