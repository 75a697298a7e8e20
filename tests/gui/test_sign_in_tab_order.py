"""Tab walks the sign-in window the way it reads, top to bottom and left to right, in every
state: the start page, the token box shown and hidden, a refused token, the browser wait with
its paste box, a timed-out attempt, Settings for each API with the custom server and a named
proxy open, restoring a saved sign-in, and the choice when a sign-in cannot be remembered.

Over the real login service and an in-process sandbox; ``tab_order`` says how the order is
measured, and the last tests show it can tell a wrong order from a right one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QWidget,
)

from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.proxy import ProxyMode, ProxySettings
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.widgets.screen_fit import VerticalScroll
from deriv_desktop.services.api_kinds import API_KINDS
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import SecretProblem, SecretStoreError
from tests.e2e.sign_in_kit import APP_ID, login_stack, usable_accounts, wait_for_status
from tests.gui.layout_scenes import settle
from tests.gui.tab_order import Stop, out_of_order, tab_chain, tab_problems


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
    cancel = QPushButton("Cancel", window)  # the buttons below, Save under the check box
    cancel.setGeometry(130, 100, 100, 30)
    save = QPushButton("Save", window)
    save.setGeometry(240, 100, 100, 30)
    window.show()
    assert tab_chain(window) == [name, remember, cancel, save]
    assert tab_problems(window) == []

    QWidget.setTabOrder(name, cancel)  # Tab jumps down past the check box, then back up
    QWidget.setTabOrder(cancel, remember)
    QWidget.setTabOrder(remember, save)
    problems = tab_problems(window)
    window.close()
    assert len(problems) == 1, problems
    assert problems[0].startswith("QCheckBox 'Remember'") and "QPushButton 'Cancel'" in problems[0]


def test_rows_are_read_left_to_right_and_the_ring_starts_at_the_top() -> None:
    top_left, top_right = Stop("a", QRect(0, 0, 100, 30)), Stop("b", QRect(120, 5, 60, 20))
    below = Stop("c", QRect(0, 40, 200, 30))
    assert out_of_order([top_right, below, top_left]) == []
    assert out_of_order([top_left, below, top_right]) == [
        "b at (120,5 60x20) comes after c at (0,40 200x30) but is above it in the same column"
    ]


# Two panes: a list with its buttons on the left, a form on the right, Close under the form.
LIST = Stop("list", QRect(0, 0, 300, 200))
DELETE = Stop("delete", QRect(0, 210, 80, 24))
EXPORT = Stop("export", QRect(220, 240, 80, 24))
NAME = Stop("name", QRect(320, 0, 200, 24))
SCOPE = Stop("scope", QRect(320, 40, 200, 20))
CREATE = Stop("create", QRect(420, 80, 100, 24))
CLOSE = Stop("close", QRect(440, 280, 80, 24))


def test_a_two_pane_dialog_may_be_read_column_by_column() -> None:
    """The left pane top to bottom, then the right one: the export button (low on the left)
    before the name field (high on the right) is how people read such a dialog."""
    assert out_of_order([LIST, DELETE, EXPORT, NAME, SCOPE, CREATE, CLOSE]) == []
    # Row by row reads it too: nothing on one row or in one column is out of order.
    assert out_of_order([LIST, NAME, SCOPE, CREATE, DELETE, EXPORT, CLOSE]) == []


def test_a_step_back_inside_a_column_is_reported() -> None:
    problems = out_of_order([LIST, DELETE, EXPORT, SCOPE, NAME, CREATE, CLOSE])
    assert problems == [
        "name at (320,0 200x24) comes after scope at (320,40 200x20) but is above it in the "
        "same column"
    ]
    # Close (under the form) before the form's own fields is a step back too.
    assert out_of_order([LIST, DELETE, EXPORT, CLOSE, NAME, SCOPE, CREATE]) != []


def test_a_stop_in_a_scroll_area_is_placed_where_the_area_is() -> None:
    """A field scrolled out of sight below the area still comes before the button under the
    area: Tab reaches it through the area, which is above the button."""
    area = (1, QRect(0, 0, 300, 200))
    field = Stop("field", QRect(0, 260, 300, 24), (area,))
    first = Stop("first", QRect(0, 10, 300, 24), (area,))
    close = Stop("close", QRect(200, 210, 80, 24))
    assert out_of_order([first, field, close]) == []
    assert out_of_order([field, first, close]) != []  # inside the area, its own order counts


def test_a_scroll_area_taking_the_focus_is_reported_and_a_table_with_editors_is_not(
    qtbot: object,
) -> None:
    window = QWidget()
    window.resize(600, 400)
    table = QTableWidget(2, 2, window)  # shows its focus on its current cell
    table.setGeometry(10, 10, 280, 150)
    editor = QLineEdit()
    table.setCellWidget(0, 1, editor)
    plain = QScrollArea(window)  # Qt's default: the area itself is a stop
    plain.setGeometry(300, 10, 280, 150)
    plain.setWidget(QLineEdit())
    field = QLineEdit()
    form = VerticalScroll(field, window)  # the app's: Tab goes straight to the field
    form.setGeometry(10, 200, 280, 150)
    window.show()
    chain = tab_chain(window)
    assert table in chain and editor in chain and field in chain and form not in chain
    problems = [p for p in tab_problems(window) if "takes the focus around" in p]
    window.close()
    assert problems == ["QScrollArea takes the focus around QLineEdit"]
