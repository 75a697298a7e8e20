"""The totals strip under the account list.

The real and demo totals and the real accounts summed in a currency the user picks all come
from ``domain.figures``: the live balances of the rows converted at the live rates, so they move
with every balance and can never disagree with the rows or each other. Without a rate a figure
is "—" rather than a guess. MT5 totals (no rows here) are shown as Deriv sent them.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from deriv_desktop.domain.figures import family_total, real_total_in, totals_currency
from deriv_desktop.domain.models import CurrencyInfo, Money
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.formatting import (
    NO_VALUE,
    app_locale,
    display_code,
    format_money,
    format_money_value,
)
from deriv_desktop.gui.privacy import Privacy
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.colors import muted

DEFAULT_BASES = ("USD", "EUR", "GBP", "AUD")


def base_choices(currencies: Mapping[str, CurrencyInfo]) -> list[str]:
    """Fiat first, then crypto, each alphabetical; a sensible default list before sign-in."""
    if not currencies:
        return list(DEFAULT_BASES)
    return sorted(currencies, key=lambda c: (currencies[c].is_crypto, c.upper()))


def _show_stale(label: QLabel, stale: bool, reference: QWidget) -> None:
    """Italic and muted while the figure cannot be confirmed; normal text otherwise."""
    font = label.font()
    font.setItalic(stale)
    label.setFont(font)
    palette = label.palette()
    colour = (
        muted(reference.palette())
        if stale
        else reference.palette().color(QPalette.ColorRole.WindowText)
    )
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


def _mute(label: QLabel, reference: QWidget) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted(reference.palette()))
    label.setPalette(palette)


class _Stat(QWidget):
    """A small caption over a value."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption, self)
        self.value = QLabel(NO_VALUE, self)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.value.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.value.setFont(font)
        small = QFont(self.caption.font())
        small.setPointSizeF(small.pointSizeF() * 0.88)
        self.caption.setFont(small)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

        _mute(self.caption, self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            _mute(self.caption, self)


class TotalsBar(QWidget):
    baseChanged = Signal(str)

    def __init__(
        self,
        state: SessionState,
        *,
        base: str = "USD",
        locale: QLocale | None = None,
        privacy: Privacy | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._privacy = privacy if privacy is not None else Privacy(parent=self)
        self._privacy.changed.connect(lambda _hidden: self.refresh())
        self._locale = locale if locale is not None else app_locale()
        self._stale = False
        self.real = _Stat(tr("TotalsBar", "Real total"), self)
        self.demo = _Stat(tr("TotalsBar", "Demo total"), self)
        self.mt5 = _Stat(tr("TotalsBar", "MT5"), self)
        self.mt5_demo = _Stat(tr("TotalsBar", "MT5 demo"), self)
        self.real.setToolTip(
            tr("TotalsBar", "All real Deriv accounts, converted with the latest exchange rates.")
        )
        self.demo.setToolTip(tr("TotalsBar", "Your demo account's virtual funds."))

        self.base_combo = QComboBox(self)
        self.base_combo.setAccessibleName(tr("TotalsBar", "Currency for the total"))
        self.base_combo.setToolTip(
            tr("TotalsBar", "Show the real accounts' total in this currency")
        )
        self.base_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.base_caption = QLabel(tr("TotalsBar", "Real accounts in"), self)
        self.base_value = QLabel(NO_VALUE, self)
        self.base_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big = QFont(self.base_value.font())
        big.setWeight(QFont.Weight.DemiBold)
        big.setPointSizeF(big.pointSizeF() * 1.05)
        self.base_value.setFont(big)
        small = QFont(self.base_caption.font())
        small.setPointSizeF(small.pointSizeF() * 0.88)
        self.base_caption.setFont(small)

        base_box = QWidget(self)
        grid = QGridLayout(base_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        grid.addWidget(self.base_caption, 0, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.base_combo, 0, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.base_value, 1, 0, 1, 2, Qt.AlignmentFlag.AlignRight)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(24)
        for stat in (self.real, self.demo, self.mt5, self.mt5_demo):
            layout.addWidget(stat)
        layout.addStretch(1)
        layout.addWidget(base_box)

        _mute(self.base_caption, self)
        self._fill_bases(base)
        self.base_combo.currentIndexChanged.connect(self._base_picked)
        self.refresh()

    @property
    def base(self) -> str:
        value = self.base_combo.currentData()
        return str(value) if value else "USD"

    def set_base(self, code: str) -> None:
        index = self.base_combo.findData(code)
        if index < 0:
            self.base_combo.addItem(display_code(code, self._state.currencies), code)
            index = self.base_combo.count() - 1
        self.base_combo.setCurrentIndex(index)

    def set_locale(self, locale: QLocale) -> None:
        self._locale = locale
        self.refresh()

    @property
    def stale(self) -> bool:
        return self._stale

    def set_stale(self, stale: bool) -> None:
        """Totals come from the same stream as balances: show them as unconfirmed offline."""
        self._stale = stale
        for label in (
            self.real.value,
            self.demo.value,
            self.mt5.value,
            self.mt5_demo.value,
            self.base_value,
        ):
            _show_stale(label, stale, self)
        note = tr("TotalsBar", "Stale: not confirmed since the connection was lost.")
        for stat in (self.real, self.demo, self.mt5, self.mt5_demo):
            stat.value.setToolTip(note if stale else "")

    def currencies_changed(self) -> None:
        self._fill_bases(self.base)
        self.refresh()

    def _fill_bases(self, keep: str) -> None:
        self.base_combo.blockSignals(True)
        try:
            self.base_combo.clear()
            for code in base_choices(self._state.currencies):
                self.base_combo.addItem(display_code(code, self._state.currencies), code)
            index = self.base_combo.findData(keep)
            if index < 0:
                self.base_combo.addItem(display_code(keep, self._state.currencies), keep)
                index = self.base_combo.count() - 1
            self.base_combo.setCurrentIndex(index)
        finally:
            self.base_combo.blockSignals(False)

    def _base_picked(self, _index: int) -> None:
        self.refresh()
        self.baseChanged.emit(self.base)

    def _money(self, money: Money | None) -> str:
        if money is None:
            return NO_VALUE
        return self._privacy.shown(format_money_value(money, self._state.currencies, self._locale))

    def _family(self, virtual: bool) -> str:
        code = totals_currency(self._state, virtual)
        total = family_total(self._state, virtual, code)
        return self._money(Money(total, code) if total is not None else None)

    def refresh(self) -> None:
        totals = self._state.totals
        self.real.value.setText(self._family(False))
        self.demo.value.setText(self._family(True))
        self.mt5.value.setText(self._money(totals.mt5))
        self.mt5_demo.value.setText(self._money(totals.mt5_demo))
        # Deriv always sends MT5 totals; they only mean something to users who trade on MT5.
        self.mt5.setVisible(totals.mt5 is not None and totals.mt5.amount != 0)
        self.mt5_demo.setVisible(totals.mt5_demo is not None and totals.mt5_demo.amount != 0)
        base = self.base
        total = real_total_in(self._state, base)
        if total is None:
            self.base_value.setText(NO_VALUE)
            self.base_value.setToolTip(
                tr("TotalsBar", "Exchange rates or balances are not available yet.")
            )
        else:
            text = format_money(total, base, self._state.currencies, self._locale)
            self.base_value.setText(self._privacy.shown(text))
            self.base_value.setToolTip(
                tr("TotalsBar", "Converted here with the latest exchange rates; indicative only.")
            )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            _mute(self.base_caption, self)
            self.set_stale(self._stale)  # recolour for the new theme

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(0, 0, self.width(), 0)
