"""The new API's loopback route end to end: the OAuth app registers the port-less redirect
``http://127.0.0.1/deriv-desktop/callback``; the app listens on a free port of its own for
each attempt and asks for that redirect *with* the port; the sandbox's OAuth2 server, like
Ory Hydra, accepts a loopback IP literal with any port. Headless Chromium signs in and
consents on the sandbox's pages, from the click on "Log in with Deriv" to the main window,
with no relay page anywhere."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from deriv_desktop.app import effective_profile
from deriv_desktop.controller import AppController
from deriv_desktop.options import parse
from deriv_desktop.storage.settings import Settings
from tests.e2e.sign_in_kit import (
    Catch,
    connection_refused,
    done_page_text,
    running_app,
    started,
    wait_for_balances,
)
from tests.integration.newapi_kit import AMARA, AMARA_PASSWORD
from tests.support.browser import BrowserHandoff
from tests.support.cdp import ChromiumPage
from tests.support.secret_sniffer import SecretSniffer

pytestmark = pytest.mark.gui

TIMEOUT = 20.0
REGISTERED = "http://127.0.0.1/deriv-desktop/callback"


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[AppController]:
    argv = ["--sandbox", "--api", "new", "--relay-url", REGISTERED]
    profile, overridden = effective_profile(Settings(), parse(argv))
    async with running_app(tmp_path, profile, overridden) as controller:
        yield controller


async def test_oauth2_with_pkce_through_the_loopback_route_in_chromium(
    app: AppController,
    browser_handoff: BrowserHandoff,
    chromium_page: ChromiumPage,
    monkeypatch: pytest.MonkeyPatch,
    secret_sniffer: SecretSniffer,
) -> None:
    browser_handoff.use_for_webbrowser(monkeypatch)
    sandbox = await started(app)
    window, stack = app.sign_in_window, app.stack
    assert sandbox.newapi is not None
    assert window is not None and stack is not None
    registered = sandbox.newapi.state.apps[stack.profile.active_app_id].redirect_uri
    assert registered == REGISTERED, "the sandbox knows the port-less registration only"

    proceeded = Catch(window.proceed)
    window.login_button.click()
    url = await browser_handoff.next_url(timeout=TIMEOUT)

    query = parse_qs(urlsplit(url).query)
    (redirect,) = query["redirect_uri"]
    listener = stack.login.receiver
    assert listener is not None and stack.login.status.listening
    port = listener.bound_addresses[0][1]
    assert redirect == f"http://127.0.0.1:{port}/deriv-desktop/callback"
    assert port not in (80, 0) and urlsplit(REGISTERED).port is None
    assert query["code_challenge_method"] == ["S256"] and "." not in query["state"][0]

    await chromium_page.navigate(url)
    await chromium_page.fill("#email", AMARA)
    await chromium_page.fill("#password", AMARA_PASSWORD)
    await chromium_page.click("button[type=submit]", wait_for_navigation=True)
    await chromium_page.click("button[value=allow]")
    assert "signed in" in (await done_page_text(chromium_page, TIMEOUT)).lower()
    await proceeded.wait()

    main = app.main_window
    assert main is not None and main.isVisible() and not window.isVisible()
    accounts = [a.account_id for a in sandbox.newapi.accounts(AMARA) if a.status == "active"]
    await wait_for_balances(stack.state, accounts, TIMEOUT)
    assert stack.login.status.via == "oauth2"
    assert sandbox.newapi.stats.oauth2_tokens_issued == 1
    assert urlsplit(chromium_page.url).port == port  # Deriv sent the browser straight here
    assert await connection_refused(port), "the loopback port closed after the answer"

    access = list(sandbox.newapi.state.access_tokens)
    await chromium_page.close()  # before the sandbox stops (see test_login_browser)
    await app.shutdown()
    secret_sniffer.assert_clean(access)
