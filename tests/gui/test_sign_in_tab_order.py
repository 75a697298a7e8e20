"""Tab walks the sign-in window the way it reads, top to bottom and left to right, in every
state: the start page, the token box shown and hidden, a refused token, the browser wait with
its paste box, a timed-out attempt, Settings for each API with the custom server and a named
proxy open, restoring a saved sign-in, and the choice when a sign-in cannot be remembered.

Over the real login service and an in-process sandbox; ``tab_order`` says how the order is
measured, and the last tests show it can tell a wrong order from a right one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QWidget

from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.proxy import ProxyMode, ProxySettings
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.services.api_kinds import API_KINDS
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import SecretProblem, SecretStoreError
from tests.e2e.sign_in_kit import APP_ID, login_stack, usable_accounts, wait_for_status
from tests.gui.layout_scenes import settle
from tests.gui.tab_order import out_of_order, tab_chain, tab_problems


async def test_tab_follows_the_visual_order_in_every_state(tmp_path: Path) -> None:
    found: dict[str, list[str]] = {}
    seen: list[str] = []

    async def check(state: str, window: SignInWindow) -> None:
        await settle()
        seen.append(state)
        assert len(tab_chain(window)) >= 2, state  # a walk that finds nothing proves nothing
        problems = tab_problems(window)
        if problems:
            found[state] = problems

    async with login_stack(tmp_path, timeout=60) as stack:
        tasks = TaskRegistry()
        window = SignInWindow(stack.login, ConnectionProfile(app_id=str(APP_ID)), tasks)
        window.show()
        try:
            await check("start", window)
            window.keyring_wait.set_waiting(True)
            await check("waiting for the keyring", window)
            window.keyring_wait.set_waiting(False)
            window.show_keyring_problem(SecretStoreError(SecretProblem.NO_BACKEND))
            window.set_restore_available(True)
            await check("keyring banner, restore offered", window)
            window.banner.dismiss()
            window.set_restore_available(False)

            window.token_section.set_open(True)
            window.token_panel.set_text("a1-FakeTokenForTestsOnly00000001")
            await check("tokens shown", window)
            window.token_panel.set_masked(True)
            await check("tokens hidden", window)
            window.token_panel.set_masked(False)
            window.token_panel.set_text("a1-ThisTokenDoesNotExistAnywhere0 a1-Another00000002")
            window.token_panel.sign_in_button.click()
            await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.FAILED)
            await check("token refused", window)
            window.messages.dismiss()
            window.token_panel.clear()
            window.token_section.set_open(False)

            window.login_button.click()
            await wait_for_status(stack.login, lambda s: s.waiting)
            window.paste_edit.setText("http://127.0.0.1/?acct1=x")
            await check("waiting for the browser", window)
            window.paste_edit.clear()
            window.cancel()
            await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.CANCELLED)
            await check("cancelled", window)
            window.messages.dismiss()

            panel = window.settings_panel
            for kind in API_KINDS:
                window.open_settings()
                panel.api_combo.setCurrentIndex(panel.api_combo.findData(kind.key))
                await check(f"settings, {kind.key} API", window)
                if kind.custom_server:
                    panel.custom_radio.setChecked(True)
                panel.proxy_fields.set_proxy(ProxySettings(ProxyMode.HTTP, "proxy.lan", 3128))
                panel.app_id_edit.setText("12 a!")  # wrong for every API
                panel.save()
                await check(f"settings, {kind.key} API, custom server, proxy, errors", window)
                panel.cancel()

            window.show_restoring()
            await check("restoring", window)
            window.show_idle()

            accounts = usable_accounts(stack.user)[:2]
            outcome = await stack.session.sign_in(
                [AccountCredential(a.loginid, a.token, a.currency or None) for a in accounts]
            )
            window.ask_not_remembered(outcome, SecretStoreError(SecretProblem.LOCKED))
            await check("not remembered", window)
        finally:
            window.close_quietly()
            window.deleteLater()
            await tasks.shutdown()
    assert len(seen) == 10 + 2 * len(API_KINDS)
    assert not found, "\n".join(f"{state}:\n  " + "\n  ".join(p) for state, p in found.items())


# ------------------------------------------------------------------ the measure itself
def test_a_scrambled_order_is_reported_and_the_right_one_is_not(qtbot: object) -> None:
    """Without this, a walk that accepts any order would pass the test above."""
    window = QWidget()
    window.resize(400, 200)
    name = QLineEdit(window)
    name.setGeometry(10, 10, 200, 28)
    remember = QCheckBox("Remember", window)  # shorter, on the field's row
    remember.setGeometry(220, 14, 120, 20)
    cancel = QPushButton("Cancel", window)
    cancel.setGeometry(10, 100, 100, 30)
    save = QPushButton("Save", window)
    save.setGeometry(120, 100, 100, 30)
    window.show()
    assert tab_chain(window) == [name, remember, cancel, save]
    assert tab_problems(window) == []

    QWidget.setTabOrder(name, cancel)  # Tab jumps down past the check box, then back up
    QWidget.setTabOrder(cancel, remember)
    QWidget.setTabOrder(remember, save)
    problems = tab_problems(window)
    window.close()
    assert len(problems) == 1, problems
    assert problems[0].startswith("QPushButton 'Cancel'") and "QCheckBox 'Remember'" in problems[0]


def test_rows_are_read_left_to_right_and_the_ring_starts_at_the_top() -> None:
    from PySide6.QtCore import QRect

    top_left, top_right = QRect(0, 0, 100, 30), QRect(120, 5, 60, 20)
    below = QRect(0, 40, 100, 30)
    assert out_of_order([("b", top_right), ("c", below), ("a", top_left)]) == []
    assert out_of_order([("a", top_left), ("c", below), ("b", top_right)]) != []
