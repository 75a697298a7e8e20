"""Tools ▸ Preferences changes the tray choice and the notification switches, and saves them."""

from __future__ import annotations

from pathlib import Path

from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.views.preferences_dialog import PreferencesDialog
from deriv_desktop.services.notify_rules import NoticeKind
from deriv_desktop.storage.settings import SettingsFile
from tests.gui.fixtures import Stack, wait_until


async def test_preferences_are_saved(stack: Stack, tmp_path: Path) -> None:
    window = MainWindow(stack.ctx)
    stack.windows.append(window)
    window.show()
    dialog = window.open_preferences()
    assert isinstance(dialog, PreferencesDialog) and dialog.isVisible()
    dialog.tray_check.setChecked(True)
    dialog.kind_checks[NoticeKind.BALANCE_CHANGE].setChecked(False)
    usd = stack.loginid("USD")
    row = next(r for r in dialog.rows if r[0] == usd)
    row[1].setText("25")
    row[2].setText("100.5")
    demo = next(r for r in dialog.rows if r[0] == stack.loginid("USD", virtual=True))
    demo[1].setText("not a number")
    dialog.save_button.click()
    saved = SettingsFile(tmp_path / "settings.json")
    await wait_until(lambda: saved.path.exists() and saved.load_sync().close_to_tray is True)
    settings = saved.load_sync()
    assert "balance_change" not in settings.notify_kinds and "low_balance" in settings.notify_kinds
    assert settings.notify_thresholds == {usd: "25"}
    assert settings.notify_low_marks == {usd: "100.5"}
