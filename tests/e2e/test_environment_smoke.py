"""Proves the end-to-end test machinery itself: isolation, policy, keyring, Xvfb and browsers.

If one of these fails, the flow tests built on top of it cannot be trusted, so each fixture is
exercised here against real programs (gnome-keyring, Xvfb, Chromium) and real local sockets.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pwd
import subprocess
import textwrap
import webbrowser
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backends.null
import keyring.backends.SecretService
import keyring.errors
import pytest

from tests.support.browser import BrowserHandoff, HeadlessBrowser
from tests.support.cdp import CDPError, ChromiumPage
from tests.support.e2e_policy import require_tool, skip_or_fail
from tests.support.inner_session import prepare_inner_session
from tests.support.isolation import CONFIG_DIR_ENV, IsolatedEnv
from tests.support.local_site import LocalSite, Request, Response
from tests.support.secret_service import PrivateSecretService
from tests.support.secret_sniffer import SecretSniffer, scan_for_secrets

# -- isolation -----------------------------------------------------------------------------


def test_every_test_gets_a_private_home(isolated_env: IsolatedEnv) -> None:
    real_home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    assert Path.home() == isolated_env.home != real_home
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        assert Path(os.environ[name]).is_relative_to(isolated_env.home)
    assert os.environ[CONFIG_DIR_ENV] == str(isolated_env.config_home / "deriv-desktop")
    assert not isolated_env.app_config_dir.exists(), "the app must create its own config dir"
    assert isolated_env.runtime_dir.stat().st_mode & 0o777 == 0o700


def test_keyring_defaults_to_the_null_backend() -> None:
    assert isinstance(keyring.get_keyring(), keyring.backends.null.Keyring)
    assert os.environ["PYTHON_KEYRING_BACKEND"] == "keyring.backends.null.Keyring"
    keyring.set_password("deriv-desktop-test", "someone", "not-stored")
    assert keyring.get_password("deriv-desktop-test", "someone") is None


def test_webbrowser_cannot_reach_a_real_browser() -> None:
    assert os.environ["BROWSER"] == "true"
    assert webbrowser.get().name == "true"


# -- REQUIRE_E2E policy ----------------------------------------------------------------------


def test_missing_tool_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REQUIRE_E2E", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-tool-for-deriv-tests"):
        require_tool("no-such-tool-for-deriv-tests", "nothing provides it")


def test_missing_tool_fails_when_e2e_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUIRE_E2E", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_E2E=1"):
        require_tool("no-such-tool-for-deriv-tests", "nothing provides it")
    with pytest.raises(pytest.fail.Exception, match="xyz is missing"):
        skip_or_fail("xyz is missing")


def test_present_tool_resolves_to_its_path() -> None:
    assert Path(require_tool("sh")).is_absolute()


_INNER_TESTS = """
import asyncio

import pytest
import qasync

from tests.support.e2e_policy import skip_or_fail


async def test_plain_first():
    assert not isinstance(asyncio.get_running_loop(), qasync.QEventLoop)


@pytest.mark.gui
async def test_gui_loop_is_qasync():
    assert isinstance(asyncio.get_running_loop(), qasync.QEventLoop)


@pytest.mark.gui
async def test_gui_loop_error_fails_at_teardown():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(lambda: 1 / 0)
    loop.call_soon(done.set_result, None)
    await done


async def test_plain_after_gui():
    assert not isinstance(asyncio.get_running_loop(), qasync.QEventLoop)


@pytest.mark.e2e
def test_e2e_uses_the_helper():
    skip_or_fail("pretend chromium is missing")


@pytest.mark.e2e
def test_e2e_skips_directly():
    pytest.skip("skipped without the helper")


def test_ordinary_skip_stays_a_skip():
    pytest.skip("not an e2e test")
"""


def test_conftest_policies_in_a_separate_session(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loops, loop-error collection and REQUIRE_E2E as a real pytest run sees them."""
    prepare_inner_session(pytester, _INNER_TESTS)
    monkeypatch.setenv("REQUIRE_E2E", "1")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed") == 4, result.stdout.str()
    assert outcomes.get("failed") == 2, result.stdout.str()
    assert outcomes.get("errors", outcomes.get("error")) == 1, result.stdout.str()
    assert outcomes.get("skipped") == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*the qasync event loop reported unhandled errors*"])
    result.stdout.fnmatch_lines(["*ZeroDivisionError*"])
    result.stdout.fnmatch_lines(["FAILED*test_e2e_uses_the_helper*"])
    result.stdout.fnmatch_lines(["FAILED*test_e2e_skips_directly*"])
    result.stdout.fnmatch_lines(["ERROR*test_gui_loop_error_fails_at_teardown*"])


# -- secret sniffer ------------------------------------------------------------------------


def test_secret_sniffer_finds_leaks_in_logs_and_files(secret_sniffer: SecretSniffer) -> None:
    token = "a1-SecretToken/With+Chars"
    logging.getLogger("deriv_desktop.demo").debug("authorizing with %s", token)
    (secret_sniffer.home / "settings.json").write_text('{"token": "innocent"}')
    (secret_sniffer.home / ".cache").mkdir(exist_ok=True)
    (secret_sniffer.home / ".cache" / "last-url").write_text(
        "http://127.0.0.1/cb?token1=a1-SecretToken%2FWith%2BChars"
    )

    findings = secret_sniffer.findings([token, "never-used-secret"])

    places = sorted(f.where for f in findings)
    assert len(findings) == 2
    assert places[0].endswith(".cache/last-url")
    assert places[1].startswith("log record deriv_desktop.demo:DEBUG")
    assert all(token not in str(f) for f in findings), "findings must not repeat the secret"
    with pytest.raises(AssertionError, match="secrets leaked"):
        secret_sniffer.assert_clean([token])
    secret_sniffer.assert_clean(["never-used-secret"])


def test_secret_sniffer_sees_exception_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="deriv_desktop")
    try:
        raise ValueError("bad token s3cr3t-value")
    except ValueError:
        logging.getLogger("deriv_desktop.x").exception("request failed")
    findings = scan_for_secrets(["s3cr3t-value"], records=caplog.records)
    assert len(findings) == 1
    with pytest.raises(ValueError, match="empty secret"):
        scan_for_secrets([""], records=caplog.records)


# -- Secret Service ------------------------------------------------------------------------


def test_secret_service_round_trip(secret_service: PrivateSecretService) -> None:
    assert isinstance(keyring.get_keyring(), keyring.backends.SecretService.Keyring)
    assert secret_service.item_attributes() == [], "each test starts with an empty keyring"
    keyring.set_password("deriv-desktop-test", "CR90000001", "token-value")
    assert keyring.get_password("deriv-desktop-test", "CR90000001") == "token-value"
    attributes = secret_service.item_attributes()
    assert len(attributes) == 1
    assert attributes[0]["service"] == "deriv-desktop-test"
    keyring.delete_password("deriv-desktop-test", "CR90000001")
    assert keyring.get_password("deriv-desktop-test", "CR90000001") is None


def test_secret_service_is_reachable_from_a_child_process(
    secret_service: PrivateSecretService,
) -> None:
    secret_tool = require_tool("secret-tool", "apt-get install libsecret-tools")
    keyring.set_password("deriv-desktop-test", "child", "seen-by-child")
    lookup = subprocess.run(
        [secret_tool, "lookup", "service", "deriv-desktop-test", "username", "child"],
        env=secret_service.client_env(),
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    assert lookup.stdout == "seen-by-child"


def test_locked_keyring_fails_fast(locked_secret_service: PrivateSecretService) -> None:
    with pytest.raises(keyring.errors.KeyringLocked):
        keyring.get_password("deriv-desktop-test", "CR90000001")
    with pytest.raises(keyring.errors.KeyringLocked):
        keyring.set_password("deriv-desktop-test", "CR90000001", "x")


# -- Xvfb ----------------------------------------------------------------------------------


_XCB_SNIPPET = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    label = QLabel("deriv-desktop on xvfb")
    label.resize(320, 120)
    label.show()
    app.processEvents()
    shot = app.primaryScreen().grabWindow(0)
    saved = shot.save(sys.argv[1])
    print(app.platformName(), label.isVisible(), shot.width(), shot.height(), saved)
    """
)


@pytest.mark.xvfb
def test_qt_shows_a_real_window_under_xvfb(
    xvfb_python: Callable[..., subprocess.CompletedProcess[str]], xvfb_display: str, tmp_path: Path
) -> None:
    shot = tmp_path / "screen.png"
    result = xvfb_python(code=_XCB_SNIPPET, args=[str(shot)], timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["xcb", "True", "1280", "800", "True"]
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert xvfb_display.startswith(":")


# -- browsers ------------------------------------------------------------------------------


def _oauth_like_site(site: LocalSite) -> None:
    """/authorize 302s straight to /callback, like an already-approved OAuth app."""

    def authorize(request: Request) -> Response:
        state = request.query["state"][0]
        return Response.redirect(site.url(f"/callback?code=abc123&state={state}"))

    site.route("/authorize", authorize)
    site.route("/callback", lambda request: Response.html("<p id=done>signed in</p>"))


async def test_headless_browser_follows_a_redirect_to_the_callback(
    headless_browser: HeadlessBrowser,
) -> None:
    async with LocalSite() as site:
        _oauth_like_site(site)
        headless_browser.open(site.url("/authorize?state=s1"))
        callback = await site.next_request("/callback", timeout=30)
    assert callback.query == {"code": ["abc123"], "state": ["s1"]}
    assert "HeadlessChrome" in callback.headers["user-agent"]


async def test_webbrowser_module_uses_the_headless_browser(
    headless_browser: HeadlessBrowser, monkeypatch: pytest.MonkeyPatch
) -> None:
    headless_browser.use_for_webbrowser(monkeypatch)
    async with LocalSite() as site:
        _oauth_like_site(site)
        assert webbrowser.open(site.url("/authorize?state=s2"))
        callback = await site.next_request("/callback", timeout=30)
    assert callback.query["state"] == ["s2"]


_LOGIN_FORM = (
    '<form method="post" action="/login">'
    '<input id="email" name="email"><input id="password" name="password" type="password">'
    '<button id="sign-in" type="submit">Sign in</button></form>'
)

# The Allow button is added by script after load, so the driver has to wait for it.
_CONSENT_PAGE = (
    "<form id=consent method=post action=/approve></form><script>"
    "setTimeout(() => { const b = document.createElement('button');"
    " b.id = 'allow'; b.textContent = 'Allow';"
    " document.getElementById('consent').appendChild(b); }, 50);</script>"
)


def _sign_in_site(site: LocalSite) -> None:
    """Sign-in form -> consent page -> 302 to the callback, like an OAuth provider."""

    def login(request: Request) -> Response:
        if request.method == "POST":
            return Response.redirect(site.url("/consent"))
        return Response.html(_LOGIN_FORM)

    site.route("/login", login)
    site.route("/consent", lambda request: Response.html(_CONSENT_PAGE))
    site.route("/approve", lambda request: Response.redirect(site.url("/callback?code=xyz")))
    site.route("/callback", lambda request: Response.html("<h1 id=done>You may close this</h1>"))


async def _drive_sign_in(page: ChromiumPage, site: LocalSite, tmp_path: Path) -> None:
    """Type into the form, submit, approve, and check the browser ends on the callback."""
    await page.navigate(site.url("/login"))
    await page.fill("#email", "trader@example.com")
    await page.fill("#password", "pa ss&word")
    await page.click("#sign-in", wait_for_navigation=True)
    assert page.url == site.url("/consent")
    await page.click("#allow")
    url = await page.wait_for_url(lambda u: u.startswith(site.url("/callback")))
    assert url == site.url("/callback?code=xyz")
    await page.wait_for_selector("#done")
    assert "You may close this" in await page.text()
    shot = await page.screenshot(tmp_path / "callback.png")
    assert shot.read_bytes().startswith(b"\x89PNG")
    get = await site.next_request("/login")
    post = await site.next_request("/login")
    assert (get.method, post.method) == ("GET", "POST")
    assert post.form() == {"email": ["trader@example.com"], "password": ["pa ss&word"]}
    assert (await site.next_request("/approve")).method == "POST"


async def test_cdp_drives_a_multi_step_sign_in(chromium_page: ChromiumPage, tmp_path: Path) -> None:
    async with LocalSite() as site:
        _sign_in_site(site)
        await _drive_sign_in(chromium_page, site, tmp_path)


@pytest.mark.gui
async def test_cdp_works_on_the_qasync_loop(chromium_page: ChromiumPage, tmp_path: Path) -> None:
    """GUI flow tests drive the browser from the app's qasync loop; prove that works."""
    import qasync

    assert isinstance(asyncio.get_running_loop(), qasync.QEventLoop)
    async with LocalSite() as site:
        _sign_in_site(site)
        await _drive_sign_in(chromium_page, site, tmp_path)


async def test_handoff_takes_the_webbrowser_route_into_a_driven_page(
    browser_handoff: BrowserHandoff,
    chromium_page: ChromiumPage,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app's real `webbrowser.open` call reaches the test, which then drives the page."""
    browser_handoff.use_for_webbrowser(monkeypatch)
    async with LocalSite() as site:
        _sign_in_site(site)
        assert webbrowser.open(site.url("/login?state=s3"))
        url = await browser_handoff.next_url()
        assert url == site.url("/login?state=s3")
        await chromium_page.navigate(url)
        await chromium_page.wait_for_selector("#sign-in")


async def test_cdp_reports_a_failed_navigation(chromium_page: ChromiumPage) -> None:
    async with LocalSite() as site:
        closed_port_url = site.url("/gone?code=secret-code")
    with pytest.raises(CDPError, match="ERR_CONNECTION_REFUSED") as error:
        await chromium_page.navigate(closed_port_url)
    assert "secret-code" not in str(error.value)


async def test_cdp_wait_for_selector_times_out(chromium_page: ChromiumPage) -> None:
    async with LocalSite() as site:
        site.route("/empty", lambda request: Response.html("<p>nothing here</p>"))
        await chromium_page.navigate(site.url("/empty"))
        with pytest.raises(TimeoutError, match="#missing"):
            await chromium_page.wait_for_selector("#missing", timeout=0.3)
