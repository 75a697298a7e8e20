"""The tray icon's menu and tooltip over the real stack (the in-process app is offscreen, so
the icon itself is not embedded here; tests/e2e/test_tray_host.py shows it in a real tray)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from deriv_desktop.gui.privacy import MASK
from deriv_desktop.gui.tray import Tray, app_icon
from deriv_desktop.gui.views.main_window import MainWindow
from tests.gui.amount_scan import action_texts, amounts_in
from tests.gui.fixtures import Stack, wait_until

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)

pytestmark = pytest.mark.usefixtures("english_numbers")


async def test_tray_shows_the_total_switches_accounts_and_hides_amounts(stack: Stack) -> None:
    await stack.load_rates()
    tray = Tray(stack.ctx.privacy, app_icon(), base=lambda: "USD")
    window = MainWindow(stack.ctx)
    stack.windows.append(window)
    tray.switchRequested.connect(window.request_switch)
    try:
        tray.attach(stack.state, stack.bridge)
        await wait_until(lambda: "—" not in tray.icon.toolTip())
        assert amounts_in([tray.icon.toolTip()]) and " USD" in tray.icon.toolTip()
        assert tray.total_action.text() in tray.icon.toolTip()

        target = stack.loginid("BTC")
        action = tray.switch_action(target)
        assert action is not None and action.isEnabled() and not action.isChecked()
        action.trigger()
        await wait_until(lambda: stack.state.active == target)
        assert action.isChecked()

        tray.hide_amounts_action.trigger()
        assert stack.ctx.privacy.hidden and window.hide_amounts_action.isChecked()
        shown = [tray.icon.toolTip(), *action_texts(tray.menu.actions())]
        assert amounts_in(shown) == [] and MASK in tray.icon.toolTip()
        window.hide_amounts_action.trigger()
        assert not tray.hide_amounts_action.isChecked() and amounts_in([tray.icon.toolTip()])
    finally:
        tray.close()
        tray.deleteLater()
