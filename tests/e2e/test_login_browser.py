"""Sign in with Deriv, end to end with real parts: headless Chromium (driven over DevTools like a
person: typing, clicking) on the sandbox's OAuth pages, the app's real "open the system browser"
path, the hardened loopback handler, real WebSockets to the sandbox, and for the first test the
whole application (composition root, sign-in window, main window) on the qasync loop.

Every flow runs with DEBUG logging captured; afterwards the token values and the attempt's state
must not appear in any log record or any file under the test's HOME.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from deriv_desktop.controller import AppController
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.login import LoginPhase, LoginProblem
from deriv_desktop.services.profile import SANDBOX_SERVER, ConnectionProfile
from tests.e2e.sign_in_kit import (
    APP_ID,
    Catch,
    LoginStack,
    connection_refused,
    done_page_text,
    login_stack,
    page_text_when,
    port_of,
    running_app,
    sign_in_on_sandbox_page,
    started,
    state_of,
    usable_accounts,
    wait_for_balances,
    wait_for_status,
)
from tests.support.browser import BrowserHandoff
from tests.support.cdp import ChromiumPage
from tests.support.secret_sniffer import SecretSniffer

TIMEOUT = 20.0


def oauth_tokens(stack_user: User, sandbox: Any) -> list[str]:
    """Every OAuth token the sandbox issued to our app for this user (the secrets to look for)."""
    return [t.value for t in sandbox.state.oauth_tokens(stack_user, APP_ID)]


# ------------------------------------------------------------------------------- whole app
@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[AppController]:
    """The real application with the built-in sandbox (as ``deriv-desktop --sandbox``)."""
    profile = ConnectionProfile(server=SANDBOX_SERVER, app_id=str(APP_ID))
    async with running_app(tmp_path, profile) as controller:
        yield controller


@pytest.mark.gui
async def test_sign_in_window_to_main_window_through_chromium(
    app: AppController,
    browser_handoff: BrowserHandoff,
    chromium_page: ChromiumPage,
    monkeypatch: pytest.MonkeyPatch,
    secret_sniffer: SecretSniffer,
) -> None:
    browser_handoff.use_for_webbrowser(monkeypatch)
    sandbox = await started(app)
    window = app.sign_in_window
    assert window is not None and app.stack is not None
    assert window.isVisible() and "Built-in sandbox" in window.banner.text
    user = sandbox.users[0]

    proceeded = Catch(window.proceed)
    window.login_button.click()
    url = await browser_handoff.next_url(timeout=TIMEOUT)
    assert url == app.stack.login.status.authorize_url, "the app opened exactly its URL"
    redirect = app.stack.login.status.redirect_uri
    assert redirect is not None
    await sign_in_on_sandbox_page(chromium_page, url, email=user.email, password=user.password)
    assert "You're signed in" in await done_page_text(chromium_page, TIMEOUT)
    await proceeded.wait()

    main = app.main_window
    assert main is not None and main.isVisible() and not window.isVisible()
    accounts = usable_accounts(user)
    await wait_for_balances(app.stack.state, [a.loginid for a in accounts], TIMEOUT)
    main.sync_repaint()
    shown = {a.loginid for a in app.stack.state.accounts}
    assert {a.loginid for a in accounts} <= shown
    assert main.model.rowCount() > 0
    assert main.tokens_action.isEnabled() and main.apps_action.isEnabled(), "tools are wired"
    assert await connection_refused(port_of(redirect)), "the port closed after the answer"

    assert not app.quit_requested.is_set()
    QTest.keyClick(main, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert app.quit_requested.is_set(), "Ctrl+Q in the main window asks the app to quit"
    app.quit_requested.clear()

    secrets = [*oauth_tokens(user, sandbox), state_of(url)]
    assert len(secrets) == len(accounts) + 1
    signed_out = Catch(window.signOutRequested)  # not expected: logging out goes through main
    main.log_out_now()  # the question "Log out?" is tested with the main window
    await wait_for_status(app.stack.login, lambda s: s.phase is LoginPhase.IDLE, TIMEOUT)
    assert window.isVisible() and app.main_window is None
    assert oauth_tokens(user, sandbox) == [], "logout revoked the OAuth tokens"
    assert not signed_out.seen
    # Close the browser first: the sandbox's OAuth server cancels its keep-alive connections on
    # stop, which Python 3.11's asyncio streams report as a loop error.
    await chromium_page.close()
    await app.shutdown()
    secret_sniffer.assert_clean(secrets)


# ------------------------------------------------------------------------------- service level
@pytest.fixture
async def stack(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[LoginStack]:
    options: dict[str, Any] = getattr(request, "param", {})
    async with login_stack(tmp_path, **options) as st:
        yield st


async def _open_in_browser(st: LoginStack, page: ChromiumPage) -> str:
    status = await st.login.start()
    assert status.authorize_url is not None and st.spy.urls == [status.authorize_url]
    return status.authorize_url


async def test_consent_refused_is_clear_and_stores_nothing(
    stack: LoginStack, chromium_page: ChromiumPage, secret_sniffer: SecretSniffer
) -> None:
    url = await _open_in_browser(stack, chromium_page)
    user = stack.user
    await sign_in_on_sandbox_page(
        chromium_page, url, email=user.email, password=user.password, decision="deny"
    )
    failed = await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.FAILED, TIMEOUT)
    page_text = await done_page_text(chromium_page, TIMEOUT)

    assert failed.problem is LoginProblem.REFUSED
    assert failed.reason == Problem(ProblemKind.REFUSED_SCOPE)
    assert "not signed in" in page_text.lower()
    assert stack.state.accounts == [] and stack.session.backend is None
    assert await stack.store.load(stack.session.key) is None, "no token stored"
    assert oauth_tokens(user, stack.sandbox) == [], "Deriv issued nothing"
    secret_sniffer.assert_clean([state_of(url), user.password])


async def test_a_stale_tab_is_ignored_and_the_newest_one_signs_in(
    stack: LoginStack, chromium_page: ChromiumPage, secret_sniffer: SecretSniffer
) -> None:
    user = stack.user
    stale_url = await _open_in_browser(stack, chromium_page)
    fresh = await stack.login.start()  # the user pressed Log in again: a new attempt
    assert fresh.authorize_url is not None and fresh.authorize_url != stale_url
    assert fresh.redirect_uri is not None
    fresh_redirect = fresh.redirect_uri

    await sign_in_on_sandbox_page(
        chromium_page, stale_url, email=user.email, password=user.password
    )
    counted = await wait_for_status(stack.login, lambda s: s.wrong_state_count == 1, TIMEOUT)
    assert counted.phase is LoginPhase.AWAITING_BROWSER
    stale_page = await page_text_when(
        chromium_page, lambda u: u.startswith(fresh_redirect + "?"), TIMEOUT
    )
    assert "can't be used" in stale_page
    stale_tokens = oauth_tokens(user, stack.sandbox)

    await sign_in_on_sandbox_page(  # consent was given once: straight back to the app
        chromium_page, fresh.authorize_url, email=user.email, password=user.password, decision=None
    )
    ready = await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.READY, TIMEOUT)
    assert "You're signed in" in await done_page_text(chromium_page, TIMEOUT)
    assert ready.outcome is not None and ready.outcome.signed_in.accounts
    secret_sniffer.assert_clean(
        stale_tokens + oauth_tokens(user, stack.sandbox) + [state_of(stale_url)]
    )


@pytest.mark.parametrize("stack", [{"timeout": 2.0}], indirect=True)
async def test_timeout_while_the_user_is_on_deriv_page(
    stack: LoginStack, chromium_page: ChromiumPage, secret_sniffer: SecretSniffer
) -> None:
    url = await _open_in_browser(stack, chromium_page)
    redirect = stack.login.status.redirect_uri
    assert redirect is not None
    await chromium_page.navigate(url)
    await chromium_page.fill("#email", stack.user.email)  # ...and the user walks away

    timed_out = await wait_for_status(
        stack.login, lambda s: s.phase is LoginPhase.TIMED_OUT, TIMEOUT
    )

    assert timed_out.reason is not None
    assert timed_out.reason.kind is ProblemKind.SIGN_IN_TIMED_OUT
    assert timed_out.problem is LoginProblem.TIMEOUT
    assert await connection_refused(port_of(redirect))
    secret_sniffer.assert_clean([state_of(url), stack.user.password])


async def test_cancel_closes_the_port_before_the_browser_comes_back(
    stack: LoginStack, chromium_page: ChromiumPage, secret_sniffer: SecretSniffer
) -> None:
    user = stack.user
    url = await _open_in_browser(stack, chromium_page)
    redirect = stack.login.status.redirect_uri
    assert redirect is not None
    await chromium_page.navigate(url)
    await chromium_page.fill("#email", user.email)
    await chromium_page.fill("#password", user.password)

    assert stack.login.cancel()
    assert await connection_refused(port_of(redirect))
    await chromium_page.click("button[type=submit]", wait_for_navigation=True)
    await chromium_page.click("button[value=allow]")  # Deriv redirects to the closed port
    ended_on = await chromium_page.wait_for_url(
        lambda u: u.startswith("chrome-error://"), timeout=TIMEOUT
    )

    assert ended_on.startswith("chrome-error://"), "the browser could not reach the app"
    assert stack.login.status.phase is LoginPhase.CANCELLED
    assert stack.state.accounts == [], "nobody was signed in"
    secret_sniffer.assert_clean([*oauth_tokens(user, stack.sandbox), state_of(url)])
