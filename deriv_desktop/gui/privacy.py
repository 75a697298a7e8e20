"""Privacy mode: every amount the app shows, hidden behind one neutral mask while switched on.

Traders stream and record their screens; one switch (menu, shortcut, tray) hides the balances
in the rows, the totals, the header, the tray and the notifications alike. Everything that
writes an amount passes its text through :meth:`Privacy.shown`, and listens to ``changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

#: What stands for an amount: the same for every currency and size, so nothing leaks its length.
MASK = "•••••"


class Privacy(QObject):
    """Whether amounts are hidden; ``changed(hidden)`` once per switch."""

    changed = Signal(bool)

    def __init__(self, hidden: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hidden = hidden

    @property
    def hidden(self) -> bool:
        return self._hidden

    def set_hidden(self, hidden: bool) -> None:
        if hidden != self._hidden:
            self._hidden = hidden
            self.changed.emit(hidden)

    def toggle(self) -> None:
        self.set_hidden(not self._hidden)

    def shown(self, amount_text: str) -> str:
        """``amount_text`` as the user may see it now (the mask in privacy mode)."""
        return MASK if self._hidden and amount_text else amount_text


__all__ = ["MASK", "Privacy"]
