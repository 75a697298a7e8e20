"""Risk is never hidden: badges, scope chips, revealed tokens, deletes, excluded accounts and
logging out, against the real stack and the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from deriv_desktop.domain.models import Scope
from deriv_desktop.gui import i18n
from deriv_desktop.gui.models.accounts import Role
from deriv_desktop.gui.models.tokens import MASK, Column
from deriv_desktop.gui.widgets.account_delegate import AccountDelegate, fit_left_block
from deriv_desktop.gui.widgets.scope_chips import ChipsDelegate, chip_plan
from tests.gui.fixtures import Stack, signed_in_stack, wait_until
from tests.gui.token_fixtures import (
    answer,
    english,
    main_window,
    names,
    open_token_dialog,
    usd_stack,
)

EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture(autouse=True)
def _english(qapp: QApplication) -> Iterator[None]:
    with english():
        yield


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    async with usd_stack(tmp_path) as st:
        yield st


# ---------------------------------------------------------------------------------- badges
async def test_badges_show_whatever_the_balance_beside_them_reads(
    tmp_path: Path, qtbot: object
) -> None:
    """They used to be dropped when a wider balance text (a converted amount, a longer age)
    left them too little room, so "No access" came and went."""
    async with signed_in_stack(
        tmp_path, with_tokens_for=lambda x: not x.startswith("CR") or x.endswith("1")
    ) as st:
        window = await main_window(st)
        fonts = window.delegate.fonts(window.view.font())
        for account in st.state.accounts:
            row = window.model.index_of(account.loginid).data(Role.ROW)
            if not row.badges:
                continue
            for width in range(40, 420, 7):
                block = fit_left_block(row, width, fonts.title_metrics, fonts)
                assert len(block.badges) == len(row.badges)
                assert all(text for text in block.badges), (width, block)
                if width >= 160:  # and the row still says which account it is
                    assert block.title.strip("…"), (width, block)
                if width >= 360:  # room enough: every badge whole
                    assert list(block.badges) == [b.text for b in row.badges]


# ---------------------------------------------------------------------------------- chips
def _chip_measures(point_size: float) -> tuple[QFontMetrics, int]:
    font = QFont(QApplication.font())
    font.setPointSizeF(point_size)
    font.setWeight(QFont.Weight.DemiBold)
    return QFontMetrics(font), 7


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("scale", [1, 2])
def test_admin_and_payments_chips_always_show(
    restore_language: QApplication, language: str, scale: int
) -> None:
    if language == "fr":
        i18n.install_language(restore_language, "fr", system=EN_US)
    metrics, pad = _chip_measures(8.6 * scale)
    every = [
        Scope.READ,
        Scope.TRADE,
        Scope.PAYMENTS,
        Scope.TRADING_INFORMATION,
        Scope.ADMIN,
    ]
    for room in range(60 * scale, 700 * scale, 9):
        plan = chip_plan(
            every,
            room,
            lambda text: metrics.horizontalAdvance(text) + 2 * pad,
            lambda text, width: metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
        )
        scopes = [scope for _text, scope in plan]
        assert Scope.ADMIN in scopes and Scope.PAYMENTS in scopes, (room, plan)
        hidden = len(every) - sum(1 for s in scopes if s is not None)
        more = [text for text, scope in plan if scope is None]
        assert more == ([f"+{hidden}"] if hidden else [])


def test_the_chips_delegate_paints_the_plan(qapp: QApplication) -> None:
    """The delegate draws what ``chip_plan`` says (an Admin token in a narrow column)."""
    drawn: list[str] = []

    class Recorder(ChipsDelegate):
        def _draw_chip(self, painter, rect, text, option, hue):  # type: ignore[no-untyped-def]
            drawn.append(text)

    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from deriv_desktop.gui.models.tokens import Role as TokenRole

    model = QStandardItemModel(1, 1)
    item = QStandardItem()
    item.setData(
        [Scope.READ, Scope.TRADE, Scope.PAYMENTS, Scope.TRADING_INFORMATION, Scope.ADMIN],
        TokenRole.SCOPES,
    )
    model.setItem(0, 0, item)
    delegate = Recorder(scopes_column=0)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 150, 30)
    option.font = QApplication.font()
    option.palette = QApplication.palette()
    image = QImage(200, 40, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    assert any(t.startswith("A") for t in drawn), drawn  # Admin, whole or shortened
    assert any(t.startswith("P") for t in drawn), drawn  # Payments


# ---------------------------------------------------------------------------------- tokens
async def test_a_shown_token_hides_when_the_selection_moves(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    assert dialog.select_token("Read only")
    QTest.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    row = dialog.model.row_of("Read only")
    assert dialog.model.index(row, Column.TOKEN).data() != MASK
    assert dialog.select_token("Trading bot")
    assert dialog.model.index(row, Column.TOKEN).data() == MASK
    assert dialog.reveal_button.text() == "&Show token"


async def test_after_a_delete_nothing_is_selected(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    dialog.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is dialog)
    assert dialog.select_token("Read only")
    dialog.table.setFocus()
    await wait_until(dialog.table.hasFocus)
    QTest.keyClick(dialog.table, Qt.Key.Key_Delete)
    await answer(dialog, accept=True)
    await wait_until(lambda: "Read only" not in names(dialog))
    assert dialog.selected_token() is None
    assert not dialog.delete_button.isEnabled()
    QTest.keyClick(dialog.table, Qt.Key.Key_Delete)  # a second press: nothing to delete
    await asyncio.sleep(0)
    assert dialog.prompt is None
    assert names(dialog) == ["Admin tools", "Trading bot"]


# ---------------------------------------------------------------------------------- accounts
async def test_switching_to_a_self_excluded_account_says_so(tmp_path: Path, qtbot: object) -> None:
    async with signed_in_stack(tmp_path) as st:
        window = await main_window(st)
        usdc, ltc = st.loginid("USDC"), st.loginid("LTC")
        assert window.request_switch(usdc)
        await wait_until(lambda: st.state.active == usdc and window.messages.isVisible())
        assert "exclude yourself" in window.messages.text
        assert "Self-excluded until" in window.header.subtitle.text()
        # A disabled account says why it cannot be opened when clicked.
        window.messages.dismiss()
        index = window.view.index_for(ltc)
        window.view.scrollTo(index)
        QTest.mouseClick(
            window.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            window.view.visualRect(index).center(),
        )
        await wait_until(window.messages.isVisible)
        assert "disabled" in window.messages.text
        assert st.state.active == usdc
        # Switching on clears what was said about the previous account.
        assert window.request_switch(st.loginid("USD"))
        await wait_until(lambda: st.state.active == st.loginid("USD"))
        assert not window.messages.isVisible()


async def test_the_current_row_shows_the_keyboard_focus_ring(tmp_path: Path, qtbot: object) -> None:
    async with signed_in_stack(tmp_path) as st:
        window = await main_window(st)
        await wait_until(window.view.hasFocus)
        index = window.view.currentIndex()
        assert index.data(Role.LOGINID) == st.state.active  # focus starts on the active row
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 600, AccountDelegate.ACCOUNT_HEIGHT)
        option.font = window.view.font()
        option.palette = window.view.palette()
        accent = option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)

        def ring_pixels(focused: bool) -> int:
            option.state = QStyle.StateFlag.State_Enabled | (
                QStyle.StateFlag.State_HasFocus if focused else QStyle.StateFlag.State_None
            )
            image = QImage(600, AccountDelegate.ACCOUNT_HEIGHT, QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            painter = QPainter(image)
            window.delegate.paint(painter, option, index)
            painter.end()
            y = window.delegate._card(option.rect).top()  # the card's top edge
            return sum(
                1 for x in range(100, 500) if QColor(image.pixel(x, int(y))).rgb() == accent.rgb()
            )

        assert ring_pixels(True) > 300  # a full-strength line along the top edge
        assert ring_pixels(False) == 0
