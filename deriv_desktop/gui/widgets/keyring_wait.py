"""The note shown while the system keyring does not answer (an unlock prompt left open).

A keyring call may wait on a prompt forever; after a few seconds this bar says so and offers
two ways out, so the window is never stuck: Cancel (stop this sign-in or restore) and continue
without remembering (sign in for this run only, the keyring left alone until the next start).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.message_bar import MessageBar, MessageKind


class KeyringWaitBar(MessageBar):
    """ "Waiting for your keyring" with Cancel and "Continue without remembering"."""

    cancelRequested = Signal()
    continueRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, closable=False)
        self.cancel_button = QPushButton(tr("KeyringWait", "Cancel"), self)
        self.continue_button = QPushButton(tr("KeyringWait", "Continue without remembering"), self)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.continue_button)
        self.cancel_button.clicked.connect(self.cancelRequested.emit)
        self.continue_button.clicked.connect(self.continueRequested.emit)

    def set_waiting(self, waiting: bool) -> None:
        if waiting:
            self.show_message(
                MessageKind.WARNING,
                tr(
                    "KeyringWait",
                    "Waiting for your keyring… If it asks for a password, answer it. Or go on "
                    "without it: Deriv Desktop then forgets this sign-in when it closes.",
                ),
                timeout_ms=0,
            )
        else:
            self.dismiss()
