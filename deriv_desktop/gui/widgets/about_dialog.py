"""Help ▸ About: version, server and app id, so a support request can say what was running.

Opened with ``open()`` (window-modal, no nested event loop) and deleted when closed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.gui.mnemonics import give_mnemonics
from deriv_desktop.gui.resources import resources_dir
from deriv_desktop.gui.strings import tr


class AboutDialog(QDialog):
    def __init__(
        self, *, version: str, server: str, app_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("AboutDialog", "About Deriv Desktop"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.logo = QLabel(self)
        self.logo.setPixmap(QPixmap(str(resources_dir() / "icons" / "deriv-desktop-64.png")))
        self.logo.setAccessibleName(tr("SignInWindow", "Deriv Desktop logo"))
        title = QLabel(tr("AboutDialog", "Deriv Desktop"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        blurb = QLabel(
            tr(
                "AboutDialog",
                "Every Deriv account in one calm window, with live balances, API tokens and "
                "connected apps.",
            ),
            self,
        )
        blurb.setWordWrap(True)
        self.version_label = QLabel(version or tr("AboutDialog", "development build"), self)
        self.server_label = QLabel(server, self)
        self.app_id_label = QLabel(app_id, self)
        qt_label = QLabel(qVersion(), self)
        for label in (self.version_label, self.server_label, self.app_id_label, qt_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(tr("AboutDialog", "Version"), self.version_label)
        form.addRow(tr("AboutDialog", "Server"), self.server_label)
        form.addRow(tr("AboutDialog", "App ID"), self.app_id_label)
        form.addRow(tr("AboutDialog", "Qt"), qt_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        heading = QHBoxLayout()
        heading.setSpacing(14)
        heading.addWidget(self.logo)
        heading.addWidget(title, 1)
        layout.addLayout(heading)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        give_mnemonics(self)  # Close answers to Alt+letter too
