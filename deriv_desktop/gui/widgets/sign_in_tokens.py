"""The "Use an API token instead" panel: one or more pasted tokens, shown or masked.

A multi-line field takes tokens one per line (or separated by spaces or commas). Masking swaps
it for a password field holding the same tokens on one line, so nobody reads them over a
shoulder. The text is cleared once the sign-in succeeded (the window's ready state); a refused
token stays, so a typo can be corrected instead of pasted again, and ``edited`` tells the window
to take down the refusal once the user changes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.gui.mnemonics import set_keyed_text
from deriv_desktop.gui.strings import tr


class ApiTokenPanel(QWidget):
    """Emits ``submitted(text)`` with whatever the user pasted (parsed by the login service)."""

    submitted = Signal(str)
    edited = Signal()  # the user changed the tokens (typed, pasted, deleted)
    #: "Continue with the other tokens" after Deriv refused one of several.
    continueRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setFont(fixed)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 4 + 16)
        self.masked_edit = QLineEdit(self)
        self.masked_edit.setFont(fixed)
        self.masked_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.masked_edit.hide()
        self.mask_check = QCheckBox(self)
        self.set_personal_token_mode(False)
        self.sign_in_button = QPushButton(tr("ApiTokenPanel", "Sign &in with token"), self)
        self.sign_in_button.setAutoDefault(True)
        self.sign_in_button.setEnabled(False)
        self.continue_button = QPushButton(self)
        self.continue_button.hide()

        row = QHBoxLayout()
        row.addWidget(self.mask_check)
        row.addStretch(1)
        row.addWidget(self.continue_button)
        row.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.masked_edit)
        layout.addLayout(row)

        self.mask_check.toggled.connect(self.set_masked)
        self.text_edit.textChanged.connect(self._refresh)
        self.masked_edit.textChanged.connect(self._refresh)
        self.masked_edit.textEdited.connect(lambda _text: self.edited.emit())
        self.text_edit.textChanged.connect(self._plain_edited)
        self.masked_edit.returnPressed.connect(self.submit)
        self.sign_in_button.clicked.connect(self.submit)
        self.continue_button.clicked.connect(self.continueRequested.emit)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self.text_edit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.submit)

    def tab_stops(self) -> list[QWidget]:
        """The panel's controls in the order they show (the field, then its row)."""
        return [
            self.text_edit,
            self.masked_edit,
            self.mask_check,
            self.continue_button,
            self.sign_in_button,
        ]

    def set_personal_token_mode(self, personal: bool) -> None:
        """The new Deriv API takes one personal access token instead of per-account tokens."""
        if personal:
            self.intro.setText(
                tr(
                    "ApiTokenPanel",
                    "Paste the personal access token you created on Deriv's dashboard "
                    "(developers.deriv.com → API tokens, with the trade scope). It opens all "
                    "your accounts; Deriv recommends it for desktop apps.",
                )
            )
            self.text_edit.setPlaceholderText(tr("ApiTokenPanel", "Personal access token"))
            self.text_edit.setAccessibleName(tr("ApiTokenPanel", "Personal access token"))
            self.masked_edit.setPlaceholderText(tr("ApiTokenPanel", "Personal access token"))
            self.masked_edit.setAccessibleName(
                tr("ApiTokenPanel", "Personal access token (hidden)")
            )
            set_keyed_text(self.mask_check, tr("ApiTokenPanel", "&Hide token"))
            return
        self.intro.setText(
            tr(
                "ApiTokenPanel",
                "Paste one or more API tokens from Deriv's API token page, one per line (or "
                "separated by spaces). Each token gives access to its own account.",
            )
        )
        self.text_edit.setPlaceholderText(tr("ApiTokenPanel", "One token per line"))
        self.text_edit.setAccessibleName(tr("ApiTokenPanel", "API tokens"))
        self.masked_edit.setPlaceholderText(
            tr("ApiTokenPanel", "Tokens (hidden), separated by spaces")
        )
        self.masked_edit.setAccessibleName(tr("ApiTokenPanel", "API tokens (hidden)"))
        set_keyed_text(self.mask_check, tr("ApiTokenPanel", "&Hide tokens"))

    @property
    def masked(self) -> bool:
        return self.mask_check.isChecked()

    def text(self) -> str:
        return self.masked_edit.text() if self.masked else self.text_edit.toPlainText()

    def set_text(self, text: str) -> None:
        if self.masked:
            self.masked_edit.setText(" ".join(text.split()))
        else:
            self.text_edit.setPlainText(text)

    def set_masked(self, masked: bool) -> None:
        """Swap fields, carrying the tokens over (one line when masked, one per line when not)."""
        if self.mask_check.isChecked() != masked:
            self.mask_check.setChecked(masked)  # comes back here through ``toggled``
            return
        if masked and self.masked_edit.isHidden():
            self.masked_edit.setText(" ".join(self.text_edit.toPlainText().split()))
            self.text_edit.clear()
        elif not masked and self.text_edit.isHidden():
            self.text_edit.setPlainText("\n".join(self.masked_edit.text().split()))
            self.masked_edit.clear()
        self.text_edit.setVisible(not masked)
        self.masked_edit.setVisible(masked)
        self.focus_input()

    def focus_input(self) -> None:
        target = self.masked_edit if self.masked else self.text_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.text_edit.clear()
        self.masked_edit.clear()

    def offer_others(self, refused: int) -> None:
        """Offer to sign in with the other tokens once Deriv refused token number ``refused``
        (0: offer nothing)."""
        if refused:
            set_keyed_text(
                self.continue_button,
                tr("ApiTokenPanel", "&Continue without token %1").replace("%1", str(refused)),
            )
        self.continue_button.setVisible(refused > 0)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.text_edit, self.masked_edit, self.mask_check):
            widget.setEnabled(not busy)
        self.sign_in_button.setEnabled(not busy and bool(self.text().strip()))

    def submit(self) -> None:
        text = self.text()
        if not text.strip() or not self.sign_in_button.isEnabled():
            return
        self.submitted.emit(text)

    def _plain_edited(self) -> None:
        if self.text_edit.hasFocus():  # typed or pasted, not carried over by masking
            self.edited.emit()

    def _refresh(self) -> None:
        self.sign_in_button.setEnabled(self.text_edit.isEnabled() and bool(self.text().strip()))
