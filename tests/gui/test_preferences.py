"""Tools ▸ Preferences changes the tray choice and the notification switches, and saves them;
every control in it answers to an Alt+letter of its own, in English and French."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPushButton, QWidget

from deriv_desktop.gui import i18n
from deriv_desktop.gui.mnemonics import keyed_controls, marked_letter
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.views.preferences_dialog import PreferencesDialog
from deriv_desktop.services.notify_rules import NoticeKind
from deriv_desktop.storage.settings import SettingsFile
from tests.gui.fixtures import Stack, signed_in_stack, wait_until

EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


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


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_every_control_answers_to_its_own_alt_letter(
    tmp_path: Path, qtbot: object, restore_language: QApplication, language: str
) -> None:
    """Each button, check box, radio button and label naming a field has a mnemonic, and no
    two share one: in English and in French (whose words put the letters elsewhere)."""
    if language == "fr":
        i18n.install_language(restore_language, "fr", system=EN_US)
    async with signed_in_stack(tmp_path) as st:
        window = MainWindow(st.ctx)
        st.windows.append(window)
        window.show()
        dialog = window.open_preferences()
        await wait_until(dialog.isVisible)
        controls = keyed_controls(dialog)
        texts = [c.text() for c in controls]
        dialog.reject()
    kinds = {type(c) for c in controls}
    assert {QCheckBox, QPushButton, QLabel} <= kinds, kinds  # the walk reaches each kind
    assert (language == "fr") == ("Enregistrer" in " ".join(texts).replace("&", ""))
    assert [t for t in texts if marked_letter(t) is None] == []
    letters = Counter(marked_letter(t) for t in texts)
    assert [t for t in texts if letters[marked_letter(t)] > 1] == []


def test_the_check_finds_a_missing_and_a_shared_letter(qtbot: object) -> None:
    """What the test above relies on: a control without a letter or sharing one is seen."""
    box = QWidget()
    QCheckBox("&Keep running", box)
    QPushButton("Cancel", box)
    field = QLineEdit(box)
    QLabel("&Kind", box).setBuddy(field)
    QLabel("not a field's name", box)
    texts = [c.text() for c in keyed_controls(box)]
    assert sorted(texts) == ["&Keep running", "&Kind", "Cancel"]
    assert [t for t in texts if marked_letter(t) is None] == ["Cancel"]
    assert Counter(marked_letter(t) for t in texts)["k"] == 2
