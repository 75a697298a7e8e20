"""Tools ▸ Preferences changes the tray choice and the notification switches, and saves them;
every control in it answers to an Alt+letter of its own, in English and French."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QWidget,
)

from deriv_desktop.gui import i18n
from deriv_desktop.gui.mnemonics import keyed_controls, marked_letter, shown_keys
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.views.preferences_dialog import PreferencesDialog
from deriv_desktop.services.notify_rules import NoticeKind
from deriv_desktop.storage.settings import SettingsFile
from tests.gui.fixtures import Stack, signed_in_stack, wait_until
from tests.gui.token_fixtures import main_window

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
    """Each button, check box, radio button, tab and label naming a field has a mnemonic, and
    no two on screen together share one, on each tab: in English and in French (whose words put
    the letters elsewhere). A tab's controls may reuse another tab's letters: Qt ignores the
    mnemonic of a hidden widget."""
    if language == "fr":
        i18n.install_language(restore_language, "fr", system=EN_US)
    async with signed_in_stack(tmp_path) as st:
        window = await main_window(st)
        dialog = window.open_preferences()
        await wait_until(dialog.isVisible)
        assert isinstance(dialog, PreferencesDialog)
        pages = []
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            pages.append([(w, t) for w, t in shown_keys(dialog)])
        dialog.reject()
    assert len(pages) == 2
    kinds = {type(w) for page in pages for w, _ in page}
    assert {QCheckBox, QPushButton, QLabel, QTabBar} <= kinds, kinds  # each kind is reached
    for page in pages:
        texts = [t for _, t in page]
        assert (language == "fr") == ("Enregistrer" in " ".join(texts).replace("&", ""))
        assert [t for t in texts if marked_letter(t) is None] == []
        letters = Counter(marked_letter(t) for t in texts)
        assert [t for t in texts if letters[marked_letter(t)] > 1] == []
    first, second = ({t for _, t in page} for page in pages)
    assert first - second and second - first  # each tab shows controls of its own


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
