"""Keyboard and menus (issue 18): visual tab order, Escape, mnemonics in both languages,
Settings once signed in; over the real stack and the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.gui import i18n
from deriv_desktop.gui.mnemonics import give_mnemonics, marked_letter, set_keyed_text, with_mnemonic
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
        window = await main_window(st)
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


def _letters(*controls: QAbstractButton) -> list[str | None]:
    return [marked_letter(c.text()) for c in controls]


def test_words_that_change_get_a_letter_of_their_own_and_pages_share(qtbot: object) -> None:
    """A button whose words are set after the window was shown (the token form's "Create
    token") moves off a letter a neighbour has, which keeps it, onto one a control on another
    page of a stack has (only one page shows at a time)."""
    window = QWidget()
    layout = QVBoxLayout(window)
    pages = QStackedWidget(window)
    form, other = QWidget(), QWidget()
    pages.addWidget(form)
    pages.addWidget(other)
    create = QPushButton(form)
    QVBoxLayout(form).addWidget(create)
    reload = QPushButton("&Reload", other)
    close = QPushButton("&Close", window)
    layout.addWidget(pages)
    layout.addWidget(close)
    window.show()
    give_mnemonics(window)
    set_keyed_text(create, "&Create token")
    assert (close.text(), reload.text()) == ("&Close", "&Reload")
    assert create.text() == "C&reate token"  # R: Reload is on the page that is not shown
    set_keyed_text(create, "Creating…")  # no letter: it gets one, the others keep theirs
    assert (close.text(), reload.text(), create.text()) == ("&Close", "&Reload", "C&reating…")
    window.close()


def test_a_control_whose_letters_are_all_taken_gets_one_by_moving_another(qtbot: object) -> None:
    """The token dialog's "Done": D, O, N and E belong to Delete, Account, Token name and
    Copy new token. Sharing would make Alt+D cycle instead of act; a neighbour with another
    free letter of its own moves instead."""
    window = QWidget()
    names = ["&Delete…", "Acc&ount:", "Token &name", "Copy n&ew token", "Done"]
    buttons = [QPushButton(name, window) for name in names]
    give_mnemonics(window)
    letters = _letters(*buttons)
    assert None not in letters and len(set(letters)) == len(letters), letters
    assert [b.text().replace("&", "") for b in buttons] == [n.replace("&", "") for n in names]
