"""The custom-scheme route end to end: the app id's registered redirect is
``derivdesktop://oauth/callback``; headless Chromium signs in and consents on the sandbox's
pages and is redirected to that URL; the test plays the OS and starts a second
``python -m deriv_desktop <url>`` process with the same environment, which hands the URL to the
running instance over the single-instance socket and exits 0; the first instance signs in.

Headless Chromium cannot launch an application for a custom scheme, so the URL it would give the
OS is read from its DevTools network events (the request for ``derivdesktop://…``).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from deriv_desktop.app import effective_profile
from deriv_desktop.controller import AppController
from deriv_desktop.options import parse
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.storage.settings import Settings, SettingsFile
from tests.e2e.sign_in_kit import (
    APP_ID,
    SCHEME_REDIRECT,
    Catch,
    sign_in_on_sandbox_page,
    state_of,
    usable_accounts,
    wait_for_balances,
    wait_for_status,
)
from tests.support.browser import CHROMIUM_REASON
from tests.support.cdp import ChromiumPage
from tests.support.e2e_policy import require_tool
from tests.support.isolation import IsolatedEnv
from tests.support.secret_sniffer import SecretSniffer

pytestmark = pytest.mark.gui

TIMEOUT = 20.0
REPO_ROOT = Path(__file__).resolve().parents[2]


class SchemeCatchingPage(ChromiumPage):
    """A DevTools-driven page that also reports the custom-scheme URL it was sent to."""

    scheme_url: asyncio.Future[str] | None = None

    def _on_event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Network.requestWillBeSent":
            url = str(params.get("request", {}).get("url", ""))
            future = self.scheme_url
            if url.startswith("derivdesktop:") and future is not None and not future.done():
                future.set_result(url)
        super()._on_event(method, params)

    async def expect_scheme_url(self) -> asyncio.Future[str]:
        self.scheme_url = asyncio.get_running_loop().create_future()
        await self._call("Network.enable")
        return self.scheme_url


@pytest.fixture
async def page() -> AsyncIterator[SchemeCatchingPage]:
    chromium = require_tool("chromium", CHROMIUM_REASON)
    browser = await SchemeCatchingPage.launch(chromium)
    try:
        yield browser
    finally:
        await browser.close()


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(SandboxConfig(port=0, oauth_port=0)) as sb:
        sb.register_app(APP_ID, SCHEME_REDIRECT, name="Deriv Desktop")
        yield sb


@pytest.fixture
async def first(sandbox: Sandbox, isolated_env: IsolatedEnv) -> AsyncIterator[AppController]:
    """The running instance, configured (and saved) for the sandbox and the app link."""
    settings_file = SettingsFile()  # the default place: the second process reads it too
    settings = Settings(
        server=sandbox.ws_url,
        app_id=str(APP_ID),
        oauth_url=sandbox.oauth_url,
        redirect_uri=SCHEME_REDIRECT,
    )
    settings_file.save_sync(settings)
    assert settings_file.path.is_relative_to(isolated_env.home)
    profile, _note = effective_profile(settings, parse([]))
    opened: list[str] = []

    async def open_url(url: str) -> bool:
        opened.append(url)
        return True

    controller = AppController(
        settings=settings, settings_file=settings_file, profile=profile, open_url=open_url
    )
    await controller.start()
    assert controller.instance is not None, "the first instance must own the profile's scope"
    try:
        yield controller
    finally:
        await controller.shutdown()


async def second_instance(*args: str, env_extra: dict[str, str] | None = None) -> tuple[int, str]:
    """Start ``python -m deriv_desktop ARGS`` as the OS would; its exit code and stderr.

    The child's wait runs in an executor so this loop keeps serving the first instance.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    env["PYTHONPATH"] = str(REPO_ROOT)
    proc = subprocess.Popen(  # noqa: ASYNC220 - waited for in an executor below
        [sys.executable, "-m", "deriv_desktop", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    loop = asyncio.get_running_loop()
    try:
        _, stderr = await asyncio.wait_for(loop.run_in_executor(None, proc.communicate), 60)
    except BaseException:
        proc.kill()
        proc.wait(10)
        raise
    return proc.returncode, stderr


async def test_the_second_process_hands_the_url_over_and_the_first_signs_in(
    first: AppController,
    sandbox: Sandbox,
    page: SchemeCatchingPage,
    isolated_env: IsolatedEnv,
    secret_sniffer: SecretSniffer,
) -> None:
    window, stack = first.sign_in_window, first.stack
    assert window is not None and stack is not None and first.instance is not None
    user = sandbox.users[0]
    status = await stack.login.start()
    assert status.waiting and not status.listening, "an app link needs no local port"
    assert status.authorize_url is not None

    handed = await page.expect_scheme_url()
    await sign_in_on_sandbox_page(
        page, status.authorize_url, email=user.email, password=user.password
    )
    callback = await asyncio.wait_for(handed, TIMEOUT)
    assert callback.startswith(SCHEME_REDIRECT + "?")

    received = Catch(first.instance.received)
    proceeded = Catch(window.proceed)
    log_dir = isolated_env.home / "second-instance-logs"
    code, stderr = await second_instance(
        callback, env_extra={"DERIV_DESKTOP_LOG_DIR": str(log_dir)}
    )

    assert code == 0, stderr
    (message,) = await received.wait()
    assert message == callback
    await proceeded.wait()
    ready = await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.READY, TIMEOUT)
    assert ready.via == "oauth"
    assert first.main_window is not None and first.main_window.isVisible()
    accounts = usable_accounts(user)
    await wait_for_balances(stack.state, [a.loginid for a in accounts], TIMEOUT)
    assert (log_dir / "deriv-desktop.log").read_text().count("handed over") == 1

    tokens = [t.value for t in sandbox.state.oauth_tokens(user, APP_ID)]
    assert len(tokens) == len(accounts)
    await page.close()  # before the sandbox stops (see test_login_browser)
    await first.shutdown()
    secret_sniffer.assert_clean(
        [*tokens, state_of(status.authorize_url)], extra_texts=[("second stderr", stderr)]
    )


async def test_a_stale_handed_over_url_is_refused_and_the_attempt_goes_on(
    first: AppController,
) -> None:
    window, stack = first.sign_in_window, first.stack
    assert window is not None and stack is not None
    await stack.login.start()
    stale = f"{SCHEME_REDIRECT}?acct1=CR1&token1=a1-StaleStaleStaleStale&state={'q' * 43}"

    code, stderr = await second_instance(stale)

    assert code == 0, stderr
    counted = await wait_for_status(stack.login, lambda s: s.wrong_state_count == 1, TIMEOUT)
    assert counted.phase is LoginPhase.AWAITING_BROWSER
    assert "older or different sign-in" in window.messages.text


async def test_a_second_plain_start_brings_the_first_forward(first: AppController) -> None:
    assert first.instance is not None
    received = Catch(first.instance.received)
    code, stderr = await second_instance()
    assert code == 0, stderr
    assert await received.wait() == ("activate",)


async def test_an_answer_given_at_start_with_nobody_waiting_is_not_used(
    sandbox: Sandbox,
) -> None:
    """The OS started the app with a callback but no instance was running: the new instance
    has no attempt whose state could vouch for the URL, so it says so and uses nothing."""
    settings = Settings(
        server=sandbox.ws_url,
        app_id=str(APP_ID),
        oauth_url=sandbox.oauth_url,
        redirect_uri=SCHEME_REDIRECT,
    )
    profile, _ = effective_profile(settings, parse([]))
    app = AppController(
        settings=settings,
        settings_file=SettingsFile(),
        profile=profile,
        callback_url=f"{SCHEME_REDIRECT}?acct1=CR1&token1=a1-Whatever0000000&state={'s' * 43}",
        single_instance=False,
    )
    try:
        await app.start()
        window = app.sign_in_window
        assert window is not None and app.stack is not None
        await asyncio.wait_for(app.tasks.shutdown(), TIMEOUT)  # the hand-over task is done
        assert "not waiting for a sign-in" in window.messages.text
        assert app.stack.state.accounts == [] and app.main_window is None
    finally:
        await app.shutdown()


async def test_the_app_process_quits_cleanly_on_sigterm(isolated_env: IsolatedEnv) -> None:
    """``python -m deriv_desktop --sandbox`` as a real process: it starts the sandbox and the
    window, and SIGTERM runs the same shutdown as Ctrl+Q (exit code 0)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    env["DERIV_DESKTOP_LOG_DIR"] = str(isolated_env.home / "logs")
    own_app_id = str(10_000_000 + secrets.randbelow(80_000_000))
    proc = subprocess.Popen(  # noqa: ASYNC220 - read and waited for in an executor
        # An app id of its own, so no other instance on this machine owns the same scope.
        [sys.executable, "-m", "deriv_desktop", "--sandbox", "--debug", "--app-id", own_app_id],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    lines: list[str] = []

    def run_until_running_then_terminate() -> None:
        """One reader for the child's whole stderr: SIGTERM once it is up, then read to EOF."""
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if "built-in sandbox running" in line:
                proc.terminate()
        proc.wait()

    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(loop.run_in_executor(None, run_until_running_then_terminate), 60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    output = "".join(lines)
    assert proc.returncode == 0, output
    assert "built-in sandbox running" in output
    assert output.index("built-in sandbox running") < output.index("shut down"), output


async def test_self_test_passes() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    env.pop("QT_QPA_PLATFORM", None)  # the self-test chooses offscreen by itself
    proc = subprocess.Popen(  # noqa: ASYNC220 - waited for in an executor below
        [sys.executable, "-m", "deriv_desktop", "--self-test"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    loop = asyncio.get_running_loop()
    stdout, stderr = await asyncio.wait_for(loop.run_in_executor(None, proc.communicate), 90)
    assert proc.returncode == 0, stderr
    assert stdout.startswith("self-test passed: 7 accounts with balances")


async def test_an_open_url_event_reaches_the_waiting_sign_in(
    first: AppController, sandbox: Sandbox
) -> None:
    """macOS does not start a second process: it sends the running app a FileOpen event."""
    from PySide6.QtCore import QCoreApplication, QUrl
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from tests.e2e.sign_in_kit import callback_query

    stack = first.stack
    assert stack is not None
    status = await stack.login.start()
    assert status.authorize_url is not None
    query = callback_query(state_of(status.authorize_url), usable_accounts(sandbox.users[0]))
    url = QUrl.fromEncoded(f"{SCHEME_REDIRECT}?{query}".encode())

    QCoreApplication.sendEvent(QApplication.instance(), QFileOpenEvent(url))

    ready = await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.READY, TIMEOUT)
    assert ready.outcome is not None and first.main_window is not None


@pytest.mark.parametrize(
    "callback",
    [
        f"{SCHEME_REDIRECT}?acct1=CR1&token1=a1-Whatever0000000&state={'s' * 8192}",
        f"{SCHEME_REDIRECT}?acct1=CR1&token1=a1-Whatever0000000\nstate={'s' * 43}",
        f"{SCHEME_REDIRECT}?acct1=CR1&token1=a1-Whatever0000000\x1b[2Jstate={'s' * 43}",
    ],
    ids=["8-KiB", "newline", "escape"],
)
async def test_an_address_the_hand_over_refuses_is_told_in_the_running_window(
    first: AppController, callback: str
) -> None:
    """Refused for its size or its control characters, it must neither open a second instance
    (the second process exits at once) nor reach the sign-in."""
    window, stack = first.sign_in_window, first.stack
    assert window is not None and stack is not None and first.instance is not None
    await stack.login.start()
    received = Catch(first.instance.received)

    code, stderr = await second_instance(callback)

    assert code == 0, stderr
    assert await received.wait() == ("refused",)
    assert "does not accept (too long, or with hidden characters)" in window.messages.text
    assert stack.login.status.phase is LoginPhase.AWAITING_BROWSER
    assert stack.login.status.wrong_state_count == 0


async def test_a_refused_address_at_start_with_nobody_running_is_told_in_the_new_window(
    sandbox: Sandbox,
) -> None:
    settings = Settings(server=sandbox.ws_url, app_id=str(APP_ID), redirect_uri=SCHEME_REDIRECT)
    profile, _ = effective_profile(settings, parse([]))
    app = AppController(
        settings=settings,
        settings_file=SettingsFile(),
        profile=profile,
        callback_url="refused",  # what app.main passes on for a refused address
        single_instance=False,
    )
    try:
        await app.start()
        assert app.sign_in_window is not None
        assert "does not accept" in app.sign_in_window.messages.text
    finally:
        await app.shutdown()
