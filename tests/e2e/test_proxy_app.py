"""The whole application on the built-in sandbox through a real proxy server, for both APIs:
the proxy named in the sign-in window's Settings, a pasted token, the main window's balances.
tinyproxy (HTTP CONNECT) and microsocks (SOCKS5) run on loopback with a user name and password;
their logs show the sandbox's ports, so the traffic went through them. A wrong password set in
the Settings page is told as the proxy's fault; the password never reaches a log or a file.
A proxy named in Tools ▸ Preferences while signed in is kept (address in the settings file,
password in a real keyring) and carries the next start.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager
from pathlib import Path

import pytest

from deriv_desktop.app import effective_profile
from deriv_desktop.composition import Tuning
from deriv_desktop.controller import AppController
from deriv_desktop.domain.problems import ProblemKind
from deriv_desktop.gui.views.preferences_dialog import PreferencesDialog
from deriv_desktop.options import parse
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import KeyringTokenStore
from deriv_desktop.storage.settings import Settings, SettingsFile
from tests.e2e.sign_in_kit import (
    Catch,
    fast_loopback,
    running_app,
    usable_accounts,
    wait_for_balances,
    wait_for_status,
)
from tests.gui.fixtures import wait_until
from tests.integration.newapi_kit import AMARA
from tests.support.proxy_servers import ProxyServer, microsocks, tinyproxy
from tests.support.secret_service import PrivateSecretService
from tests.support.secret_sniffer import SecretSniffer

pytestmark = pytest.mark.gui

TIMEOUT = 20.0
PASSWORD = "Pr0xy-Secret-9317"
Server = Callable[..., AbstractContextManager[ProxyServer]]


def sandbox_profile(api: str) -> ConnectionProfile:
    profile, _overridden = effective_profile(Settings(), parse(["--sandbox", "--api", api]))
    return profile


def ports(sandbox: Sandbox, api: str) -> list[int]:
    """The sandbox's ports the app's connections go to (sockets, and REST on the new API)."""
    urls = [sandbox.ws_url] if api == "legacy" else [sandbox.rest_url]
    return [int(u.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1]) for u in urls]


def tokens_to_paste(sandbox: Sandbox, api: str) -> tuple[str, list[str]]:
    """What a user pastes (API tokens, or a personal access token) and the accounts it opens."""
    if api == "new":
        assert sandbox.newapi is not None
        live = [a.account_id for a in sandbox.newapi.accounts(AMARA) if a.status == "active"]
        return sandbox.newapi.pat(AMARA), live
    user = sandbox.users[0]
    pairs = [
        (account.loginid, tokens[0].value)
        for account in usable_accounts(user)
        if (tokens := sandbox.state.api_tokens(account.loginid))
    ]
    return "\n".join(token for _, token in pairs), [loginid for loginid, _ in pairs]


async def sign_in(app: AppController, api: str) -> list[str]:
    assert app.sandbox is not None and app.sign_in_window is not None
    window = app.sign_in_window
    text, accounts = tokens_to_paste(app.sandbox, api)
    window.token_section.set_open(True)
    window.token_panel.set_text(text)
    window.token_panel.sign_in_button.click()
    return accounts


@asynccontextmanager
async def quick_app(tmp_path: Path, profile: ConnectionProfile) -> AsyncIterator[AppController]:
    """The real application, where a request waits 3 s (not 30) for a link that is down."""
    controller = AppController(
        settings=Settings(),
        settings_file=SettingsFile(tmp_path / "config" / "settings.json"),
        profile=profile,
        tuning=Tuning(loopback=fast_loopback(), request_timeout=3.0),
        single_instance=False,
    )
    try:
        yield controller
    finally:
        await controller.shutdown()


@pytest.fixture
def proxy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "proxy"
    folder.mkdir()
    return folder


@pytest.fixture(params=["tinyproxy", "microsocks"])
def proxy(request: pytest.FixtureRequest, proxy_folder: Path) -> Iterator[ProxyServer]:
    server: Server = {"tinyproxy": tinyproxy, "microsocks": microsocks}[request.param]
    with server(proxy_folder, "desk", PASSWORD) as running:
        yield running


@pytest.mark.parametrize("api", ["legacy", "new"])
async def test_sign_in_to_balances_through_the_proxy(
    api: str, proxy: ProxyServer, tmp_path: Path, secret_sniffer: SecretSniffer
) -> None:
    profile = sandbox_profile(api).with_proxy(proxy.settings())
    async with running_app(tmp_path, profile) as app:
        await app.start()
        assert app.sandbox is not None
        proceeded = Catch(app.sign_in_window.proceed)  # type: ignore[union-attr]
        accounts = await sign_in(app, api)
        await proceeded.wait()
        assert app.stack is not None and app.main_window is not None
        await wait_for_balances(app.stack.state, accounts, TIMEOUT)
        for port in ports(app.sandbox, api):
            assert proxy.saw_port(port), proxy.log()
        await app.shutdown()
    secret_sniffer.assert_clean([PASSWORD], extra_paths=[tmp_path / "config"])


async def test_a_wrong_proxy_password_set_in_settings_is_told_and_kept_out_of_files(
    tmp_path: Path, proxy_folder: Path, secret_sniffer: SecretSniffer
) -> None:
    wrong = "Wr0ng-Proxy-Pass-5521"
    with tinyproxy(proxy_folder, "desk", PASSWORD) as server:
        async with quick_app(tmp_path, sandbox_profile("legacy")) as app:
            await app.start()
            window = app.sign_in_window
            assert window is not None and app.sandbox is not None
            window.open_settings()
            fields = window.settings_panel.proxy_fields
            fields.mode_combo.setCurrentIndex(fields.mode_combo.findData("http"))
            fields.host_edit.setText("127.0.0.1")
            fields.port_edit.setText(str(server.port))
            fields.user_edit.setText("desk")
            fields.password_edit.setText(wrong)
            assert window.settings_panel.save()
            assert app.profile_task is not None
            await app.profile_task
            assert app.profile.proxy == server.settings(password=wrong)

            await sign_in(app, "legacy")
            assert app.stack is not None
            failed = await wait_for_status(
                app.stack.login, lambda s: s.phase is LoginPhase.FAILED, TIMEOUT
            )
            assert failed.reason is not None and failed.reason.cause is not None
            assert failed.reason.cause.kind is ProblemKind.PROXY_AUTH_FAILED
            text = window.messages.text
            assert f"The proxy server 127.0.0.1:{server.port}" in text
            assert "did not accept" in text and "Check the proxy in Settings" in text
            assert wrong not in text
            await app.shutdown()
    saved = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert (saved["proxy_mode"], saved["proxy_port"], saved["proxy_user"]) == (
        "http",
        server.port,
        "desk",
    )
    secret_sniffer.assert_clean([wrong, PASSWORD], extra_paths=[tmp_path / "config"])


async def test_a_proxy_set_in_preferences_is_kept_and_carries_the_next_start(
    tmp_path: Path,
    proxy_folder: Path,
    secret_service: PrivateSecretService,
    secret_sniffer: SecretSniffer,
) -> None:
    """Signed in without a proxy, the trader names one in Tools ▸ Preferences: the settings
    file holds its address, the keyring its password; the next start connects through it."""
    settings_path = tmp_path / "config" / "settings.json"
    with tinyproxy(proxy_folder, "desk", PASSWORD) as server:
        async with running_app(tmp_path, sandbox_profile("legacy")) as app:
            await app.start()
            proceeded = Catch(app.sign_in_window.proceed)  # type: ignore[union-attr]
            await sign_in(app, "legacy")
            await proceeded.wait()
            assert app.main_window is not None and app.sandbox is not None
            dialog = app.main_window.open_preferences()
            assert isinstance(dialog, PreferencesDialog)
            page = dialog.proxy_page
            await wait_until(page.fields.isEnabled, TIMEOUT)  # the keyring has answered
            fields = page.fields
            fields.mode_combo.setCurrentIndex(fields.mode_combo.findData("http"))
            fields.host_edit.setText("127.0.0.1")
            fields.port_edit.setText(str(server.port))
            fields.user_edit.setText("desk")
            fields.password_edit.setText(PASSWORD)
            dialog.save_button.click()
            await wait_until(lambda: app.profile.proxy == server.settings(), TIMEOUT)
            # The sign-in Settings show it too; this run's connection kept its (direct) route.
            shown = app.sign_in_window.settings_panel.proxy_fields.proxy()  # type: ignore[union-attr]
            assert shown == server.settings()
            assert not any(server.saw_port(p) for p in ports(app.sandbox, "legacy"))
            # Signed out, saving the sign-in Settings as they show moves this run onto it.
            assert app.stack is not None and app.sign_in_window is not None
            await app.stack.session.logout()
            await wait_until(lambda: app.main_window is None, TIMEOUT)
            app.sign_in_window.open_settings()
            assert app.sign_in_window.settings_panel.save()
            assert app.profile_task is not None
            await app.profile_task
            assert app.stack.profile.proxy == server.settings()
            await app.shutdown()

        saved = json.loads(settings_path.read_text(encoding="utf-8"))
        assert (saved["proxy_mode"], saved["proxy_host"], saved["proxy_port"]) == (
            "http",
            "127.0.0.1",
            server.port,
        )
        assert saved["proxy_user"] == "desk"
        kept = await KeyringTokenStore().load(server.settings().secret_key)
        assert kept == {"password": PASSWORD}

        # The next start reads both back and goes through tinyproxy.
        settings = SettingsFile(settings_path).load_sync()
        profile, overridden = effective_profile(settings, parse(["--sandbox"]))
        assert profile.proxy == server.settings(password="")
        restarted = AppController(
            settings=settings,
            settings_file=SettingsFile(settings_path),
            profile=profile,
            overridden=overridden,
            tuning=Tuning(loopback=fast_loopback()),
            single_instance=False,
        )
        try:
            await restarted.start()
            assert restarted.profile.proxy == server.settings()
            proceeded = Catch(restarted.sign_in_window.proceed)  # type: ignore[union-attr]
            accounts = await sign_in(restarted, "legacy")
            await proceeded.wait()
            assert restarted.stack is not None and restarted.sandbox is not None
            await wait_for_balances(restarted.stack.state, accounts, TIMEOUT)
            for port in ports(restarted.sandbox, "legacy"):
                assert server.saw_port(port), server.log()
        finally:
            await restarted.shutdown()
    secret_sniffer.assert_clean([PASSWORD], extra_paths=[tmp_path / "config"])
