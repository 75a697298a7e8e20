"""Tab, pressed for real, goes where the tab-order measure (``tab_order``) says, and that is the
visual order: the token manager with a new token and a message shown (two panes, two bars
above them), the main window with a message over the list. The layout guard holds every other
window and dialog to the measure; these walks show the measure describes what Tab does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from deriv_desktop.domain.models import Scope
from deriv_desktop.gui.widgets.message_bar import MessageKind
from tests.gui.fixtures import Stack, wait_until
from tests.gui.layout_scenes import settle
from tests.gui.tab_order import tab_chain, tab_problems
from tests.gui.token_fixtures import main_window, open_token_dialog


def walk(window: QWidget, start: QWidget, steps: int) -> list[QWidget]:
    """Focus ``start``, then press Tab ``steps`` times; where the focus was at each step."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [start]
    for _ in range(steps):
        here = window.focusWidget()
        assert here is not None
        QTest.keyClick(here, Qt.Key.Key_Tab)
        after = window.focusWidget()
        assert after is not None
        visited.append(after)
    return visited


async def test_tab_walks_the_token_dialog_as_it_reads(stack: Stack, qtbot: object) -> None:
    await stack.session.switch(stack.loginid("USD"))
    dialog = await open_token_dialog(stack)
    dialog.activateWindow()
    dialog.form.name_edit.setText("CI runner")
    dialog.form.name_edit.textEdited.emit("CI runner")
    dialog.form.scope_picker.set_scopes(frozenset({Scope.READ}))
    dialog.create_token()
    await wait_until(dialog.new_token.isVisible)
    dialog.copy_new_token()
    await wait_until(dialog.banner.isVisible)
    await settle()

    dialog.form.name_edit.setText("Second runner")  # Create is a stop again
    dialog.form.name_edit.textEdited.emit("Second runner")
    dialog.form.scope_picker.set_scopes(frozenset({Scope.READ}))
    await wait_until(dialog.form.create_button.isEnabled)
    await settle()

    chain = tab_chain(dialog)
    assert tab_problems(dialog) == []
    order = [
        dialog.picker,
        dialog.reload_button,
        dialog.banner.close_button,  # the bar on top, before the new token under it
        dialog.new_token.copy_button,
        dialog.new_token.dismiss_button,
        dialog.filter_edit,
        dialog.kind_combo,
        dialog.table,
        dialog.export_button,  # the list's column to its foot, then the form beside it
        dialog.form.name_edit,
        dialog.form.create_button,
        dialog.buttons.button(dialog.buttons.StandardButton.Close),
    ]
    assert [chain.index(widget) for widget in order] == sorted(
        chain.index(widget) for widget in order
    )
    assert walk(dialog, chain[0], len(chain)) == [*chain, chain[0]]  # and round again


async def test_tab_reaches_a_message_before_the_list_under_it(stack: Stack, qtbot: object) -> None:
    window = await main_window(stack)
    window.messages.show_message(MessageKind.SUCCESS, "Added 10,000.00 USD", timeout_ms=0)
    await wait_until(window.messages.isVisible)
    await settle()
    chain = tab_chain(window)
    assert tab_problems(window) == []
    close = window.messages.close_button
    assert chain.index(close) < chain.index(window.search) < chain.index(window.view)
    assert walk(window, chain[0], len(chain)) == [*chain, chain[0]]
    assert QApplication.activeWindow() is window
