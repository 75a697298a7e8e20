"""A window-modal question with two clearly worded buttons, and a way to await its answer.

``ask(box)`` opens the box with ``open()`` (never ``exec()``: no nested event loop) and resolves
to True when the accept button was pressed; the box is deleted once answered. The answer is
recorded when a button is clicked, so reading it never touches a deleted C++ object.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from deriv_desktop.gui.mnemonics import give_mnemonics
from deriv_desktop.gui.tasks import await_dialog


class ConfirmBox(QMessageBox):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        text: str,
        detail: str = "",
        accept_text: str,
        cancel_text: str,
        warning: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        if detail:
            self.setInformativeText(detail)
        self.accept_button: QPushButton = self.addButton(
            accept_text, QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel_button: QPushButton = self.addButton(
            cancel_text, QMessageBox.ButtonRole.RejectRole
        )
        # A destructive question defaults to the safe answer: Enter must not delete.
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.accepted_answer = False
        self.buttonClicked.connect(self._clicked)
        give_mnemonics(self)  # "Yes, delete" and "Cancel" answer to Alt+letter too

    def _clicked(self, button: object) -> None:
        self.accepted_answer = button is self.accept_button


async def ask(box: ConfirmBox) -> bool:
    """Show ``box`` window-modally and wait for the answer without blocking the loop."""
    try:
        await await_dialog(box)
    finally:
        with contextlib.suppress(RuntimeError):  # already gone with its parent
            box.deleteLater()
    return box.accepted_answer
