"""The token manager's create form: a name checked as you type, the five scopes, the IP lock.

The form knows Deriv's rules for names (``check_token_name``) and the account's current tokens
(for the duplicate and the 30-token limit), so Create is enabled only for a request the server
should accept. It never calls the server: a valid request leaves as ``createRequested``; the
dialog sends it and hands a refusal about the name back through ``show_server_error``, which
stays under the name field until the name is edited.

A problem is shown only once the field was touched, except the token limit, which is worth
knowing before typing anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.models import ApiToken, Scope
from deriv_desktop.gui.mnemonics import set_keyed_text
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.colors import mix, muted
from deriv_desktop.gui.widgets.message_bar import HUES, MessageKind
from deriv_desktop.gui.widgets.scope_picker import ScopePicker
from deriv_desktop.services.tokens import (
    MAX_TOKENS_PER_ACCOUNT,
    NAME_MAX,
    NameProblem,
    NameRule,
    check_token_name,
)

FORM_WIDTH = 340


@dataclass(frozen=True)
class NewTokenRequest:
    """What the form asks for; the name as typed (the service trims it)."""

    name: str
    scopes: frozenset[Scope]
    ip_only: bool


def name_problem_text(problem: NameProblem) -> str:
    """Each of Deriv's name rules in the user's language."""
    texts = {
        NameRule.EMPTY: tr("TokenCreateForm", "Enter a name for the token."),
        NameRule.CHARACTERS: tr(
            "TokenCreateForm", "Use only letters, digits, spaces and underscores."
        ),
        NameRule.NEEDS_LETTER_OR_DIGIT: tr(
            "TokenCreateForm", "The name needs at least one letter or digit."
        ),
        NameRule.TOO_SHORT: tr("TokenCreateForm", "The name must be 2 to 32 characters long."),
        NameRule.TOO_LONG: tr("TokenCreateForm", "The name can be at most 32 characters long."),
        NameRule.RESERVED: tr(
            "TokenCreateForm",
            "Deriv doesn't allow names containing “deriv” or “binary”, in capitals or not.",
        ),
        NameRule.DUPLICATE: tr(
            "TokenCreateForm", "This account already has a token with that name."
        ),
    }
    if problem.rule is NameRule.LIMIT:
        return tr(
            "TokenCreateForm",
            "This account already has %1 tokens, the most Deriv allows. Delete one to make room.",
        ).replace("%1", str(MAX_TOKENS_PER_ACCOUNT))
    return texts.get(problem.rule, problem.message)


def _tint(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(label.foregroundRole(), colour)
    label.setPalette(palette)


class TokenCreateForm(QFrame):
    """Disabled until ``set_existing`` gives it the loaded account's tokens."""

    createRequested = Signal(NewTokenRequest)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("create-form")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        self._existing: Sequence[ApiToken] | None = None  # None: no list loaded
        self._busy = False
        self._name_touched = False
        self._scopes_touched = False
        self._server_error = ""

        heading = QLabel(tr("TokenCreateForm", "Create a token"), self)
        heading_font = QFont(heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        heading_font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(heading_font)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(NAME_MAX + 16)  # room to type past the limit and be told
        self.name_edit.setPlaceholderText(tr("TokenCreateForm", "For example: Trading bot"))
        self.name_edit.textEdited.connect(self._name_edited)
        self.name_edit.returnPressed.connect(self.submit)
        name_label = QLabel(tr("TokenCreateForm", "Token na&me"), self)
        name_label.setBuddy(self.name_edit)
        self.name_hint = QLabel(
            tr("TokenCreateForm", "2 to 32 characters: letters, digits, spaces and underscores."),
            self,
        )
        self.name_hint.setWordWrap(True)
        self.name_error = QLabel(self)
        self.name_error.setWordWrap(True)
        self.name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.name_error.setObjectName("name-error")
        self.name_error.hide()

        scopes_label = QLabel(tr("TokenCreateForm", "Scopes"), self)
        bold = QFont(scopes_label.font())
        bold.setWeight(QFont.Weight.DemiBold)
        scopes_label.setFont(bold)
        name_label.setFont(bold)
        self.scope_picker = ScopePicker(self)
        self.scope_picker.changed.connect(self._scopes_changed)
        self.scope_hint = QLabel(tr("TokenCreateForm", "Choose at least one scope."), self)
        self.scope_hint.setObjectName("scope-error")
        self.scope_hint.hide()
        self.ip_only = QCheckBox(
            tr("TokenCreateForm", "&Use only from my current IP address"), self
        )
        self.ip_only.setToolTip(
            tr(
                "TokenCreateForm",
                "Deriv will refuse this token from any other IP address. Leave it off if your "
                "address changes (mobile networks, VPNs).",
            )
        )
        self.create_button = QPushButton(self)
        self.create_button.clicked.connect(self.submit)
        self._restyle()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addSpacing(6)
        layout.addWidget(name_label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.name_error)
        layout.addWidget(self.name_hint)
        layout.addSpacing(8)
        layout.addWidget(scopes_label)
        layout.addWidget(self.scope_picker)
        layout.addWidget(self.scope_hint)
        layout.addSpacing(4)
        layout.addWidget(self.ip_only)
        layout.addSpacing(6)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        self.set_busy(False)
        self.setFixedWidth(self._content_width())

    def _content_width(self) -> int:
        """``FORM_WIDTH`` for the wrapped sentences, wider when a one-line control needs it
        (a longer language)."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        single = [self.ip_only, self.create_button, *self.scope_picker.boxes.values()]
        widest = max(widget.sizeHint().width() for widget in single)
        return max(FORM_WIDTH, widest + margins.left() + margins.right())

    def _restyle(self) -> None:
        small = QFont(self.name_hint.font())
        small.setPointSizeF(small.pointSizeF() * 0.92)
        self.name_hint.setFont(small)
        _tint(self.name_hint, muted(self.palette()))
        text = self.palette().color(QPalette.ColorRole.WindowText)
        error_ink = mix(QColor(HUES[MessageKind.ERROR]), text, 0.15)
        for label in (self.name_error, self.scope_hint):
            _tint(label, error_ink)

    def focus_chain(self) -> list[QWidget]:
        """The form's fields in Tab order, for the dialog's own chain."""
        return [self.name_edit, *self.scope_picker.boxes.values(), self.ip_only, self.create_button]

    # ------------------------------------------------------------------ state from the dialog
    def set_existing(self, tokens: Sequence[ApiToken] | None) -> None:
        """The account's tokens, for the duplicate and limit checks; None while none is loaded."""
        self._existing = tokens
        self.validate()

    def set_busy(self, busy: bool, *, creating: bool = False) -> None:
        """While a change is on its way nothing can be sent; ``creating`` says so on the button."""
        self._busy = busy
        set_keyed_text(
            self.create_button,
            tr("TokenCreateForm", "Creating…")
            if creating
            else tr("TokenCreateForm", "Create to&ken"),
        )
        self.validate()

    def show_server_error(self, text: str) -> None:
        """Deriv's refusal of the name, under the name field until the name is edited."""
        self._server_error = text
        self.validate()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        """Empty the form for the next token."""
        self.name_edit.clear()
        self.scope_picker.clear()
        self.ip_only.setChecked(False)
        self._name_touched = self._scopes_touched = False
        self._server_error = ""
        self.validate()

    # ------------------------------------------------------------------ checks
    def current_name_problem(self) -> NameProblem | None:
        return check_token_name(self.name_edit.text(), self._existing or [])

    def _name_edited(self, _text: str) -> None:
        self._name_touched = True
        self._server_error = ""
        self.validate()

    def _scopes_changed(self) -> None:
        self._scopes_touched = True
        self.validate()

    def validate(self) -> bool:
        """Show the first problem with the form and enable Create only when there is none."""
        loaded = self._existing is not None
        problem = self.current_name_problem() if loaded else None
        error = self._server_error
        if (
            not error
            and problem is not None
            and (self._name_touched or problem.rule is NameRule.LIMIT)
        ):
            error = name_problem_text(problem)
        self.name_error.setText(error)
        self.name_error.setVisible(bool(error))
        self.name_hint.setVisible(not error)
        self.name_edit.setAccessibleDescription(error or self.name_hint.text())
        no_scopes = not self.scope_picker.scopes()
        self.scope_hint.setVisible(no_scopes and self._scopes_touched)
        valid = loaded and problem is None and not no_scopes
        self.create_button.setEnabled(valid and not self._busy)
        self.setEnabled(loaded and not self._busy)
        return valid

    def submit(self) -> bool:
        """Create (or Return in the name): emit the request when the form is valid."""
        if self._busy or not self.validate():
            return False
        self.createRequested.emit(
            NewTokenRequest(
                self.name_edit.text(), self.scope_picker.scopes(), self.ip_only.isChecked()
            )
        )
        return True
