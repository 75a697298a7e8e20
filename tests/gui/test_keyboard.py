"""Keyboard and menus (issue 18): visual tab order, Escape, mnemonics in both languages,
Settings once signed in; over the real stack and the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from deriv_desktop.gui import i18n
from deriv_desktop.gui.mnemonics import with_mnemonic
from deriv_desktop.gui.views.main_window import MainWindow
from tests.gui.fixtures import Stack, signed_in_stack, wait_until
from tests.gui.token_fixtures import answer, english, main_window, open_token_dialog

EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def tab_chain(start: QWidget, count: int) -> list[QWidget]:
    out, widget = [start], start
    for _ in range(count):
        widget = widget.nextInFocusChain()
        while not widget.isVisible() or widget.focusPolicy() & Qt.FocusPolicy.TabFocus == 0:
            widget = widget.nextInFocusChain()
        out.append(widget)
    return out


async def test_tab_follows_the_visual_order(stack: Stack, qtbot: object) -> None:
    window = await main_window(stack)
    chain = tab_chain(window.search, 3)
    assert chain == [window.search, window.hide_zero, window.view, window.totals.base_combo]


async def test_escape_clears_the_search(stack: Stack, qtbot: object) -> None:
    window = await main_window(stack)
    window.search.setFocus()
    await wait_until(window.search.hasFocus)
    QTest.keyClicks(window.search, "btc")
    assert window.proxy.search == "btc"
    QTest.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and window.proxy.search == ""
    assert window.view.hasFocus()


async def test_settings_are_in_the_account_menu(stack: Stack, qtbot: object) -> None:
    window = await main_window(stack)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Settings…" in texts
    assert "log out" in window.settings_action.statusTip()
    dialog = window.open_preferences()
    await wait_until(dialog.isVisible)
    dialog.reject()


def test_a_mnemonic_goes_on_the_first_free_letter() -> None:
    taken = {"y"}
    assert with_mnemonic("Yes, delete", taken) == "Y&es, delete"
    assert with_mnemonic("&Cancel", taken) == "&Cancel"
    assert with_mnemonic("Tom && Jerry", set()) == "&Tom && Jerry"


def unmarked(root: QWidget) -> list[str]:
    return [
        b.text()
        for b in root.findChildren(QAbstractButton)
        if b.isVisible() and b.text() and "&" not in b.text().replace("&&", "")
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_every_button_has_a_mnemonic(
    tmp_path: Path, qtbot: object, restore_language: QApplication, language: str
) -> None:
    if language == "fr":
        i18n.install_language(restore_language, "fr", system=EN_US)
    async with signed_in_stack(tmp_path) as st:
        window = MainWindow(st.ctx)
        st.windows.append(window)
        window.show()
        await wait_until(window.isVisible)
        assert unmarked(window) == []
        dialog = await open_token_dialog(st)
        assert unmarked(dialog) == []
        assert dialog.select_token(dialog.model.tokens[0].display_name)
        dialog.delete_selected()
        await wait_until(lambda: dialog.prompt is not None and dialog.prompt.isVisible())
        assert dialog.prompt is not None
        assert unmarked(dialog.prompt) == []  # "Yes, delete" too
        if language == "en":
            with english():
                await answer(dialog, accept=False)
        else:
            await answer(dialog, accept=False)
