"""Render every state of the sign-in window to PNG files, for review.

    python tools/screenshots_sign_in.py [OUTPUT_DIR]      (default: ./screens)

Runs offscreen (or on $DISPLAY if set) against the built-in sandbox on loopback: the states are
real ones reached through the login service (idle, waiting with its countdown, a refused
token, the API-token section, the settings, a port that cannot be opened, a session that will
not be remembered, restoring). Nothing is written outside OUTPUT_DIR and a temporary directory.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from deriv_desktop import loop
from deriv_desktop.composition import ConnectionStack, Endpoints, Tuning, build_stack
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.services.login import LoginService, LoginStatus
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import (
    MemoryTokenStore,
    SecretProblem,
    SecretStoreError,
)
from deriv_desktop.storage.settings import Settings, SettingsFile

APP_ID = 36544


async def _settle(window: SignInWindow) -> None:
    """Let queued layout and paint events run, then size the window to its content."""
    for _ in range(3):
        await asyncio.sleep(0)
    window.adjustSize()
    for _ in range(3):
        await asyncio.sleep(0)


async def _until(login: LoginService, predicate: Callable[[LoginStatus], bool]) -> None:
    done = asyncio.Event()
    unlink = login.changed.connect(lambda s: done.set() if predicate(s) else None)
    try:
        if not predicate(login.status):
            await asyncio.wait_for(done.wait(), 10)
    finally:
        unlink()


async def render(out: Path) -> list[Path]:
    shots: list[Path] = []
    scratch = Path(tempfile.mkdtemp(prefix="sign-in-shots-"))
    async with Sandbox(SandboxConfig(port=0, oauth_port=0)) as sandbox:
        sandbox.register_app(APP_ID, "http://127.0.0.1:0/deriv-desktop/callback")
        stacks: list[ConnectionStack] = []

        async def no_browser(_url: str) -> bool:
            return True

        async def register(uri: str) -> None:
            sandbox.register_app(APP_ID, uri)

        def make_login(redirect: str, timeout: float | None = None) -> LoginService:
            """The stack the app builds for a profile with this redirect URL."""
            stack = build_stack(
                ConnectionProfile(server=sandbox.ws_url, app_id=str(APP_ID), redirect_uri=redirect),
                Endpoints(sandbox.ws_url, "https://oauth.deriv.com/oauth2/authorize", redirect),
                store=MemoryTokenStore(),
                settings=Settings(),
                settings_file=SettingsFile(scratch / "settings.json"),
                open_url=no_browser,
                on_redirect=register,
                tuning=Tuning(request_timeout=10, login_timeout=timeout),
            )
            stacks.append(stack)
            return stack.login

        profile = ConnectionProfile(app_id=str(APP_ID))
        tasks = TaskRegistry()
        login = make_login("http://127.0.0.1:0/deriv-desktop/callback")
        session = stacks[0].session
        window = SignInWindow(login, profile, tasks)
        window.show()

        async def shoot(name: str, action: Callable[[], Awaitable[None]] | None = None) -> None:
            if action is not None:
                await action()
            await _settle(window)
            path = out / f"sign_in_{len(shots) + 1:02d}_{name}.png"
            window.grab().save(str(path))
            shots.append(path)

        await shoot("idle")

        async def waiting() -> None:
            window.login_button.click()
            await _until(login, lambda s: s.waiting)

        await shoot("waiting", waiting)

        async def refused_token() -> None:
            login.cancel()
            window.token_section.set_open(True)
            await login.sign_in_with_tokens("a1-ThisTokenDoesNotExistAnywhere0")

        await shoot("error_invalid_token", refused_token)

        async def token_page() -> None:
            window.messages.dismiss()
            window.token_panel.set_text(
                "a1-FakeTokenForTestsOnly00000001\na1-FakeTokenForTestsOnly00000002"
            )

        await shoot("api_token", token_page)

        async def masked() -> None:
            window.token_panel.set_masked(True)

        await shoot("api_token_masked", masked)

        async def settings_open() -> None:
            window.token_panel.clear()
            window.token_panel.set_masked(False)
            window.token_section.set_open(False)
            window.open_settings()

        await shoot("settings", settings_open)

        async def settings_invalid() -> None:
            window.settings_panel.custom_radio.setChecked(True)
            window.settings_panel.server_edit.setText("http://example.com")
            window.settings_panel.app_id_edit.setText("12a")
            window.settings_panel.save()

        await shoot("settings_errors", settings_invalid)

        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
            blocker.bind(("127.0.0.1", 0))
            blocker.listen(1)
            port = blocker.getsockname()[1]
            blocked = make_login(f"http://127.0.0.1:{port}/deriv-desktop/callback")

            async def bind_error() -> None:
                window.settings_panel.cancel()
                window.set_login(blocked, profile)
                window.login_button.click()
                await _until(blocked, lambda s: s.waiting)

            await shoot("waiting_port_blocked", bind_error)

        async def timed_out() -> None:
            short = make_login("http://127.0.0.1:0/deriv-desktop/callback", timeout=0.3)
            window.set_login(short, profile)
            window.login_button.click()
            await _until(short, lambda s: s.phase.value == "timed_out")

        await shoot("timed_out", timed_out)

        async def keyring_banner() -> None:
            window.messages.dismiss()
            window.set_login(login, profile)
            window.show_keyring_problem(SecretStoreError(SecretProblem.NO_BACKEND))

        await shoot("keyring_banner", keyring_banner)

        async def not_remembered() -> None:
            window.banner.dismiss()
            creds = [a for a in sandbox.users[0].accounts if not a.is_disabled][:2]
            from deriv_desktop.domain.credentials import AccountCredential

            outcome = await session.sign_in(
                [AccountCredential(a.loginid, a.token, a.currency) for a in creds]
            )
            window.ask_not_remembered(outcome, SecretStoreError(SecretProblem.LOCKED))

        await shoot("not_remembered", not_remembered)

        async def restoring() -> None:
            window.show_restoring()

        await shoot("restoring", restoring)

        async def restore_failed() -> None:
            window.show_idle()
            window.set_restore_available(True)
            window.show_message(
                MessageKind.ERROR,
                "Your saved sign-in could not be restored: The server could not be reached in "
                "time. Press Restore to try again once Deriv is reachable.",
            )

        await shoot("restore_failed", restore_failed)

        window.close_quietly()
        await tasks.shutdown()
        for stack in stacks:
            await stack.close()
    return shots


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("screens")
    out.mkdir(parents=True, exist_ok=True)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv[:1])
    shots = loop.run(app, lambda: render(out))
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
