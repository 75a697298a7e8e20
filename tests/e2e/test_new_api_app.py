"""The whole application on Deriv's new API, end to end against the built-in sandbox (as
``deriv-desktop --sandbox --api new``): the composition root, the sign-in window, the main
window, REST and one OTP socket per account over real sockets, and for OAuth2 headless Chromium
on the sandbox's sign-in pages and the real relay page (``resources/relay``) that hands the code
to the app's loopback handler.

Every flow runs with DEBUG logging captured; afterwards no personal access token, access token,
authorization code or one-time password may appear in a log record or a file under HOME.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest

from deriv_desktop.app import effective_profile
from deriv_desktop.controller import AppController
from deriv_desktop.domain.connection import LinkPhase
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.options import parse
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.newapi.stats import NewApiStats
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import SANDBOX_NEW_APP_ID
from deriv_desktop.storage.settings import Settings
from tests.e2e.sign_in_kit import (
    Catch,
    connection_refused,
    done_page_text,
    port_of,
    running_app,
    wait_for_balances,
    wait_for_status,
)
from tests.e2e.sign_in_kit import started as start_app
from tests.integration.newapi_kit import AMARA, AMARA_PASSWORD, streaming, until
from tests.support.browser import BrowserHandoff
from tests.support.cdp import ChromiumPage
from tests.support.secret_sniffer import SecretSniffer

pytestmark = pytest.mark.gui

TIMEOUT = 20.0


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[AppController]:
    profile, overridden = effective_profile(Settings(), parse(["--sandbox", "--api", "new"]))
    async with running_app(tmp_path, profile, overridden) as controller:
        yield controller


async def started(app: AppController) -> Sandbox:
    sandbox = await start_app(app)
    assert sandbox.newapi is not None
    return sandbox


def stats_of(sandbox: Sandbox) -> NewApiStats:
    assert sandbox.newapi is not None
    return sandbox.newapi.stats


def live_accounts(sandbox: Sandbox) -> list[str]:
    assert sandbox.newapi is not None
    return [a.account_id for a in sandbox.newapi.accounts(AMARA) if a.status == "active"]


async def shows(app: AppController, account_id: str, amount: str) -> None:
    assert app.stack is not None
    state = app.stack.state

    def seen() -> bool:
        balance = state.balance(account_id)
        return balance is not None and balance.amount == Decimal(amount)

    await until(seen, state.balances_changed, timeout=TIMEOUT)


async def signed_in_main(app: AppController, sandbox: Sandbox) -> MainWindow:
    main = app.main_window
    assert main is not None and main.isVisible()
    assert app.sign_in_window is not None and not app.sign_in_window.isVisible()
    assert app.stack is not None
    await wait_for_balances(app.stack.state, live_accounts(sandbox), TIMEOUT)
    return main


async def test_a_personal_access_token_pasted_in_the_window_opens_every_account(
    app: AppController, secret_sniffer: SecretSniffer
) -> None:
    sandbox = await started(app)
    window = app.sign_in_window
    assert window is not None and sandbox.newapi is not None
    assert "new Deriv API" in window.banner.text
    assert "personal access token" in window.token_section.button.text().replace("&", "")
    pat = sandbox.newapi.pat(AMARA)

    proceeded = Catch(window.proceed)
    window.token_section.set_open(True)
    window.token_panel.set_text(pat)
    window.token_panel.sign_in_button.click()
    await proceeded.wait()

    main = await signed_in_main(app, sandbox)
    assert app.stack is not None
    assert app.stack.login.status.via == "pat"
    shown = {a.loginid for a in app.stack.state.accounts}
    assert set(live_accounts(sandbox)) <= shown
    await streaming(sandbox, app.stack.state.active or "")
    # Which world the accounts live in: the seeded user is fully migrated.
    await until(lambda: "live on Deriv's new API" in main.messages.text, timeout=TIMEOUT)
    assert "(new API)" in main.ctx.server_label and main.ctx.app_id == SANDBOX_NEW_APP_ID

    await app.shutdown()
    secret_sniffer.assert_clean([pat])


async def test_a_wrong_personal_access_token_is_refused_with_a_reason(
    app: AppController,
) -> None:
    await started(app)
    window, stack = app.sign_in_window, app.stack
    assert window is not None and stack is not None
    window.token_section.set_open(True)
    window.token_panel.set_text("pat_" + "x" * 40)
    window.token_panel.sign_in_button.click()
    failed = await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.FAILED, TIMEOUT)
    assert failed.reason is not None and failed.reason.kind is ProblemKind.PAT_NOT_ACCEPTED
    assert "did not accept the personal access token" in window.messages.text
    assert app.main_window is None and stack.state.accounts == []

    window.token_panel.set_text("not a token, two words")
    window.token_panel.sign_in_button.click()
    bad = await wait_for_status(
        stack.login,
        lambda s: s.phase is LoginPhase.FAILED and s.reason != failed.reason,
        TIMEOUT,
    )
    assert bad.reason == Problem(ProblemKind.PAT_SHAPE)
    assert "does not look like a personal access token" in window.messages.text


async def test_oauth2_with_pkce_through_the_relay_page_in_chromium(
    app: AppController,
    browser_handoff: BrowserHandoff,
    chromium_page: ChromiumPage,
    monkeypatch: pytest.MonkeyPatch,
    secret_sniffer: SecretSniffer,
) -> None:
    browser_handoff.use_for_webbrowser(monkeypatch)
    sandbox = await started(app)
    window, stack = app.sign_in_window, app.stack
    assert window is not None and stack is not None and sandbox.newapi is not None
    assert window.login_button.isEnabled(), "the sandbox hosts a relay page: OAuth2 is on"

    proceeded = Catch(window.proceed)
    window.login_button.click()
    url = await browser_handoff.next_url(timeout=TIMEOUT)
    status = stack.login.status
    assert url == status.authorize_url and status.listening
    assert "code_challenge_method=S256" in url and "/oauth2/auth?" in url
    listener = stack.login.receiver
    assert listener is not None
    port = listener.bound_addresses[0][1]

    await chromium_page.navigate(url)
    await chromium_page.fill("#email", AMARA)
    await chromium_page.fill("#password", AMARA_PASSWORD)
    await chromium_page.click("button[type=submit]", wait_for_navigation=True)
    await chromium_page.click("button[value=allow]")
    assert "signed in" in (await done_page_text(chromium_page, TIMEOUT)).lower()
    await proceeded.wait()

    await signed_in_main(app, sandbox)
    assert stack.login.status.via == "oauth2"
    assert stats_of(sandbox).oauth2_tokens_issued == 1
    assert await connection_refused(port), "the loopback port closed after the answer"
    assert port_of(chromium_page.url) == port  # the relay handed the browser to the app

    access = list(sandbox.newapi.state.access_tokens)
    await chromium_page.close()  # before the sandbox stops (see test_login_browser)
    await app.shutdown()
    secret_sniffer.assert_clean(access)


async def test_switching_accounts_moves_the_stream_across_sockets_and_survives_bad_otps(
    app: AppController, secret_sniffer: SecretSniffer
) -> None:
    sandbox = await started(app)
    window, stack = app.sign_in_window, app.stack
    assert window is not None and stack is not None and sandbox.newapi is not None
    stats = stats_of(sandbox)
    proceeded = Catch(window.proceed)
    await stack.login.sign_in_with_tokens(sandbox.newapi.pat(AMARA))
    await proceeded.wait()
    main = await signed_in_main(app, sandbox)
    first = stack.state.active
    assert first is not None
    other = next(a for a in live_accounts(sandbox) if a != first)

    assert main.request_switch(other)  # what a click, Enter or Ctrl+N does
    await until(lambda: stack.state.active == other, stack.state.active_changed, timeout=TIMEOUT)
    await streaming(sandbox, other)
    sandbox.newapi.set_balance(other, "321.09")
    await shows(app, other, "321.09")
    assert stats.otps_issued[other] == 1

    # The socket drops and the next one-time password is refused (reused): the app gets a
    # fresh one, the stream comes back, and the user stays signed in.
    issued = sum(stats.otps_issued.values())
    sandbox.newapi.faults.spoil_next_otps(1, "used")
    sandbox.faults.drop_connections()
    await stats.wait_for(lambda: stats.otps_refused["used"] == 1)
    # Both pooled sockets reconnect, and the refused one asks for one more password.
    await stats.wait_for(lambda: sum(stats.otps_issued.values()) >= issued + 3)
    await streaming(sandbox, other)
    await until(
        lambda: stack.state.link.phase is LinkPhase.ONLINE,
        stack.state.link_changed,
        timeout=TIMEOUT,
    )
    sandbox.newapi.set_balance(other, "11.50")
    await shows(app, other, "11.50")
    assert stack.session.signed_in and app.main_window is main

    await app.shutdown()
    secret_sniffer.assert_clean([sandbox.newapi.pat(AMARA)])
