"""The proxy fields of the sign-in window's Settings and of Tools ▸ Preferences: the system's
settings, none, or a named HTTP or SOCKS5 proxy with an optional user name and password.

It only edits a :class:`ProxySettings`; the composition root keeps the password in the keyring
and never in the settings file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from deriv_desktop.domain.proxy import ProxyMode, ProxySettings, is_valid_proxy_host
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.sign_in_parts import muted


def mode_names() -> list[tuple[ProxyMode, str]]:
    return [
        (ProxyMode.SYSTEM, tr("ProxyFields", "Use the system's proxy settings")),
        (ProxyMode.NONE, tr("ProxyFields", "No proxy")),
        (ProxyMode.HTTP, tr("ProxyFields", "HTTP proxy")),
        (ProxyMode.SOCKS5, tr("ProxyFields", "SOCKS5 proxy")),
    ]


class ProxyFields(QWidget):
    """A choice of proxy; the address fields show only for a named one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode_combo = QComboBox(self)
        for mode, name in mode_names():
            self.mode_combo.addItem(name, mode.value)
        self.mode_combo.setAccessibleName(tr("ProxyFields", "Proxy"))
        self.host_edit = QLineEdit(self)
        self.host_edit.setPlaceholderText(tr("ProxyFields", "e.g. proxy.example.com"))
        self.host_edit.setMaxLength(253)
        self.port_edit = QLineEdit(self)
        self.port_edit.setPlaceholderText(tr("ProxyFields", "e.g. 3128"))
        self.port_edit.setValidator(QIntValidator(1, 65535, self))
        self.port_edit.setMaxLength(5)
        self.user_edit = QLineEdit(self)
        self.user_edit.setPlaceholderText(tr("ProxyFields", "optional"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(tr("ProxyFields", "optional"))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        muted(self.hint)

        self.address = QWidget(self)
        form = QFormLayout(self.address)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow(tr("ProxyFields", "Ser&ver"), self.host_edit)
        form.addRow(tr("ProxyFields", "P&ort"), self.port_edit)
        form.addRow(tr("ProxyFields", "User &name"), self.user_edit)
        form.addRow(tr("ProxyFields", "Pass&word"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.mode_combo)
        layout.addWidget(self.address)
        layout.addWidget(self.hint)
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()

    def mode(self) -> ProxyMode:
        return ProxyMode(str(self.mode_combo.currentData() or ProxyMode.SYSTEM.value))

    def set_proxy(self, proxy: ProxySettings) -> None:
        self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(proxy.mode.value), 0))
        self.host_edit.setText(proxy.host)
        self.port_edit.setText(str(proxy.port) if proxy.port else "")
        self.user_edit.setText(proxy.username)
        self.password_edit.setText(proxy.password)
        self._mode_changed()

    def proxy(self) -> ProxySettings:
        """What the fields say now (not validated); a named proxy keeps its address only."""
        mode = self.mode()
        if mode not in (ProxyMode.HTTP, ProxyMode.SOCKS5):
            return ProxySettings(mode)
        port = self.port_edit.text().strip()
        user = self.user_edit.text().strip()
        return ProxySettings(
            mode,
            self.host_edit.text().strip(),
            int(port) if port.isdigit() else 0,
            user,
            self.password_edit.text() if user else "",
        )

    def problems(self) -> list[str]:
        """Sentences for what stops this proxy from being used."""
        proxy = self.proxy()
        if not proxy.named:
            return []
        found: list[str] = []
        if not is_valid_proxy_host(proxy.host):
            found.append(
                tr("ProxyFields", "Enter the proxy server's name or IP address, without http://.")
            )
        if not 0 < proxy.port < 65536:
            found.append(tr("ProxyFields", "Enter the proxy's port, a number from 1 to 65535."))
        if self.password_edit.text() and not proxy.username:
            found.append(tr("ProxyFields", "Enter the user name that goes with the password."))
        return found

    def _mode_changed(self, *_args: object) -> None:
        mode = self.mode()
        self.address.setVisible(mode in (ProxyMode.HTTP, ProxyMode.SOCKS5))
        if mode is ProxyMode.SYSTEM:
            text = tr(
                "ProxyFields",
                "As your system says (HTTPS_PROXY, ALL_PROXY and NO_PROXY on Linux).",
            )
        elif mode is ProxyMode.NONE:
            text = tr("ProxyFields", "Connect to Deriv directly.")
        else:
            text = tr(
                "ProxyFields",
                "Every connection to Deriv goes through this proxy. The password is kept in "
                "the system keyring.",
            )
        self.hint.setText(text)
