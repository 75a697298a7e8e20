"""Privacy mode: one switch hides every amount in the main window until switched back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deriv_desktop.gui.privacy import MASK
from deriv_desktop.gui.views.main_window import MainWindow
from tests.gui.amount_scan import amounts_in, model_texts, widget_texts
from tests.gui.fixtures import Stack, wait_until

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)

pytestmark = pytest.mark.usefixtures("english_numbers")


def everything_shown(window: MainWindow) -> list[str]:
    window.sync_repaint()
    return [*widget_texts(window), *model_texts(window.proxy)]


async def test_the_shortcut_hides_every_amount_and_shows_them_again(
    stack: Stack, qtbot: object
) -> None:
    await stack.load_rates()
    window = MainWindow(stack.ctx)
    stack.windows.append(window)
    window.show()
    active = stack.loginid("USD")
    await stack.session.switch(active)
    await wait_until(lambda: window.totals.base_value.text() != "—")
    assert amounts_in(everything_shown(window)), "the scan must see amounts before hiding them"

    window.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is window)
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window.view, Qt.Key.Key_H, modifiers)

    assert stack.ctx.privacy.hidden and window.hide_amounts_action.isChecked()
    assert amounts_in(everything_shown(window)) == []
    assert window.header.balance.text() == MASK
    assert window.totals.base_value.text() == MASK
    # A balance that moves while hidden stays hidden.
    stack.sandbox.state.set_balance(active, "4321.5")
    await wait_until(lambda: stack.state.balance(active).amount == Decimal("4321.5"))  # type: ignore[union-attr]
    assert amounts_in(everything_shown(window)) == []

    window.hide_amounts_action.trigger()  # the View menu item switches back
    assert not stack.ctx.privacy.hidden
    assert "4,321.50 USD" in window.header.balance.text()


async def test_privacy_mode_is_remembered_across_starts(tmp_path: Path, qtbot: object) -> None:
    from deriv_desktop.controller import AppController
    from deriv_desktop.services.profile import ConnectionProfile
    from deriv_desktop.storage.settings import Settings, SettingsFile

    settings_file = SettingsFile(tmp_path / "settings.json")
    app = AppController(
        settings=Settings(app_id="1234"),
        settings_file=settings_file,
        profile=ConnectionProfile(app_id="1234"),
        single_instance=False,
    )
    try:
        await app.start()
        assert app.stack is not None and not app.stack.privacy.hidden
        app.privacy.set_hidden(True)
        await wait_until(lambda: settings_file.load_sync().hide_amounts)
    finally:
        await app.shutdown()
    second = AppController(
        settings=settings_file.load_sync(),
        settings_file=settings_file,
        profile=ConnectionProfile(app_id="1234"),
        single_instance=False,
    )
    try:
        await second.start()
        assert second.stack is not None and second.stack.privacy.hidden
        assert second.stack.context(server_label="").privacy is second.privacy
    finally:
        await second.shutdown()
