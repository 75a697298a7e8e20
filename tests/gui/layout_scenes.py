"""Every window and dialog of the app, in each state worth looking at, reached through the
real stack (an in-process sandbox on real sockets), for the layout guard and the screenshots.

``visit_all(visit)`` puts each window in a state and awaits ``visit(name, window)``; the
visitor may resize, measure or grab it but leaves the state alone. Names are stable
(``sign_in-settings_new_api``) so reports and screenshot file names can be compared over time.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.health import Health, HealthPhase, StreamRole
from deriv_desktop.domain.models import Scope
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.gui.problem_text import health_sentence
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.apps_dialog import AppsDialog
from deriv_desktop.gui.views.checkup_dialog import CheckupDialog
from deriv_desktop.gui.views.preferences_dialog import PreferencesDialog
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.views.token_dialog import TokenDialog
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.services.api_kinds import NEW
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import SecretProblem, SecretStoreError
from tests.e2e.sign_in_kit import APP_ID, login_stack, usable_accounts, wait_for_status
from tests.gui.checkup_fixtures import risky_stack
from tests.gui.fixtures import Stack, signed_in_stack, wait_until
from tests.gui.token_fixtures import main_window, stack_signed_in_with

Visit = Callable[[str, QWidget], Awaitable[None]]

READ_ONLY_TOKEN = ("Read only", "USD", False)


async def settle(rounds: int = 4) -> None:
    """Let posted layout requests and resizes run (never ``processEvents`` in a coroutine)."""
    for _ in range(rounds):
        await asyncio.sleep(0.01)


async def sign_in_scenes(visit: Visit, scratch: Path, language: str) -> None:
    async with login_stack(scratch / "sign-in", timeout=0.5, language=language) as stack:
        tasks = TaskRegistry()
        profile = ConnectionProfile(app_id=str(APP_ID), language=language)
        window = SignInWindow(stack.login, profile, tasks)
        window.show()
        try:
            await visit("sign_in-start", window)

            window.token_section.set_open(True)
            window.token_panel.set_text("a1-FakeTokenForTestsOnly00000001\na1-FakeToken00002")
            await visit("sign_in-tokens", window)
            window.token_panel.set_masked(True)
            await visit("sign_in-tokens_hidden", window)
            window.token_panel.set_masked(False)
            window.token_panel.clear()
            await stack.login.sign_in_with_tokens("a1-ThisTokenDoesNotExistAnywhere0")
            await visit("sign_in-token_refused", window)
            window.messages.dismiss()
            window.token_section.set_open(False)

            window.login_button.click()
            await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.TIMED_OUT)
            await visit("sign_in-timed_out", window)
            window.messages.dismiss()

            window.open_settings()
            await visit("sign_in-settings", window)
            panel = window.settings_panel
            panel.custom_radio.setChecked(True)
            panel.server_edit.setText("http://example.com")
            panel.app_id_edit.setText("12a")
            panel.save()
            await visit("sign_in-settings_errors", window)
            panel.cancel()
            window.open_settings()
            panel.api_combo.setCurrentIndex(panel.api_combo.findData(NEW.key))
            await visit("sign_in-settings_new_api", window)
            panel.cancel()

            window.show_keyring_problem(SecretStoreError(SecretProblem.NO_BACKEND))
            window.set_restore_available(True)
            await visit("sign_in-keyring_banner", window)
            window.show_restoring()
            await visit("sign_in-restoring", window)
            window.show_idle()
            window.banner.dismiss()
            window.set_restore_available(False)

            accounts = usable_accounts(stack.user)[:2]
            outcome = await stack.session.sign_in(
                [AccountCredential(a.loginid, a.token, a.currency or None) for a in accounts]
            )
            window.ask_not_remembered(outcome, SecretStoreError(SecretProblem.LOCKED))
            await visit("sign_in-not_remembered", window)
        finally:
            window.close_quietly()
            window.deleteLater()
            await tasks.shutdown()


async def main_window_scenes(visit: Visit, stack: Stack) -> None:
    window = await main_window(stack)
    await visit("main-real", window)
    await stack.session.switch(stack.loginid("USD", virtual=True))
    await wait_until(lambda: window.header.topup_button.isVisible())
    await visit("main-demo", window)
    window.messages.show_message(MessageKind.SUCCESS, "Added 10,000.00 USD", timeout_ms=0)
    sentence = health_sentence(Health(HealthPhase.DEGRADED, parts=(StreamRole.BALANCES,)))
    assert sentence is not None
    window.stale_banner.show_message(MessageKind.WARNING, sentence, timeout_ms=0)
    await visit("main-degraded", window)
    window.messages.dismiss()
    window.about = window.show_about()
    await visit("about", window.about)
    window.about.close()
    preferences = window.open_preferences()
    await visit("preferences", preferences)
    assert isinstance(preferences, PreferencesDialog)
    page = preferences.proxy_page
    preferences.tabs.setCurrentWidget(page)
    await wait_until(page.fields.isEnabled)  # the keyring has answered
    page.fields.mode_combo.setCurrentIndex(page.fields.mode_combo.findData("http"))
    assert not page.check()  # no address yet: the reasons show under the fields
    await visit("preferences-proxy", preferences)
    preferences.close()


async def offline_scene(visit: Visit, stack: Stack) -> None:
    window = await main_window(stack)
    await stack.take_offline()
    await wait_until(lambda: stack.state.stale and window.stale_banner.isVisible(), 15)
    await visit("main-offline", window)


async def token_scenes(visit: Visit, stack: Stack) -> None:
    await stack.session.switch(stack.loginid("USD"))
    dialog = TokenDialog(stack.ctx)
    dialog.open()
    dialog.start()
    await wait_until(lambda: not dialog.loading and dialog.loaded_for is not None)
    await visit("tokens", dialog)
    dialog.form.name_edit.setText("CI runner")
    dialog.form.name_edit.textEdited.emit("CI runner")
    dialog.form.scope_picker.set_scopes(frozenset({Scope.READ, Scope.TRADE}))
    dialog.create_token()
    await wait_until(lambda: dialog.new_token.isVisible())
    dialog.copy_new_token()
    await wait_until(lambda: dialog.banner.isVisible())
    await visit("tokens-new_token_two_banners", dialog)
    dialog.new_token.dismiss()
    dialog.banner.dismiss()
    dialog.select_token("Trading bot")
    dialog.delete_selected()
    await wait_until(lambda: dialog.prompt is not None and dialog.prompt.isVisible())
    assert dialog.prompt is not None
    await visit("confirm-delete_token", dialog.prompt)
    dialog.prompt.reject()
    dialog.reject()

    apps = AppsDialog(stack.ctx)
    apps.open()
    apps.start()
    await wait_until(lambda: not apps.loading and apps.loaded_for is not None)
    apps.show_official.setChecked(True)
    await visit("apps", apps)
    apps.select_app(41234)
    apps.revoke_selected()
    await wait_until(lambda: apps.prompt is not None and apps.prompt.isVisible())
    assert apps.prompt is not None
    await visit("confirm-revoke_app", apps.prompt)
    apps.prompt.reject()
    apps.reject()


async def read_only_scenes(visit: Visit, stack: Stack) -> None:
    dialog = TokenDialog(stack.ctx)
    dialog.open()
    dialog.start()
    await wait_until(lambda: dialog.showing_notice)
    await visit("tokens-no_admin", dialog)
    dialog.reject()
    apps = AppsDialog(stack.ctx)
    apps.open()
    apps.start()
    await wait_until(lambda: not apps.loading)
    await visit("apps-no_admin", apps)
    apps.reject()


async def signed_out_scene(visit: Visit, stack: Stack) -> None:
    window = await main_window(stack)
    stack.state.set_signed_out(Problem(ProblemKind.SIGNED_OUT_BY_DERIV))
    await wait_until(lambda: window.stale_banner.isVisible())
    await visit("main-signed_out", window)


async def checkup_scene(visit: Visit, stack: Stack) -> None:
    """The security checkup over a user with findings of every weight."""
    dialog = CheckupDialog(stack.ctx)
    stack.windows.append(dialog)
    dialog.open()
    dialog.start()
    await wait_until(lambda: dialog.loaded_for is not None and not dialog.running)
    await visit("checkup", dialog)
    dialog.close()


async def visit_all(visit: Visit, language: str) -> None:
    """Every scene, in a fixed order."""
    scratch = Path(tempfile.mkdtemp(prefix="layout-scenes-"))
    await sign_in_scenes(visit, scratch, language)
    async with signed_in_stack(scratch / "main") as stack:
        await main_window_scenes(visit, stack)
        await token_scenes(visit, stack)
        await signed_out_scene(visit, stack)
    async with signed_in_stack(scratch / "offline") as stack:
        await offline_scene(visit, stack)
    async with stack_signed_in_with(scratch / "ro", api_tokens=[READ_ONLY_TOKEN]) as stack:
        await read_only_scenes(visit, stack)
    async with risky_stack(scratch / "risky") as stack:
        await checkup_scene(visit, stack)
