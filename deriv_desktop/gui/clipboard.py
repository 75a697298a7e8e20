"""Copying secrets to the clipboard, and taking them back off it after a while.

A token left on the clipboard is one paste away from a chat window, so ``SecretClipboard``
clears it after ``clear_after_ms`` (30 s by default) -- but only if the clipboard still holds
that token: whatever the user copied since is left alone. Only a hash of the copied text is
kept for that comparison. The data also carries the hints clipboard managers read to keep a
secret out of their history (KDE Klipper, macOS pasteboard managers, Windows clipboard history).

There is one guard per application (``secret_clipboard()``), parented to the application, so the
timer outlives the dialog the token was copied from; quitting clears a pending secret at once.
"""

from __future__ import annotations

import hashlib
import logging

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger(__name__)

DEFAULT_CLEAR_MS = 30_000

_CONCEALED_HINTS: dict[str, bytes] = {
    "x-kde-passwordManagerHint": b"secret",
    "application/x-nspasteboard-concealed-type": b"secret",  # org.nspasteboard.ConcealedType
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\0",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\0\0\0\0",
}


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class SecretClipboard(QObject):
    """Copies secrets and clears them again; see the module docstring."""

    #: Emitted after the guard removed a secret from the clipboard.
    cleared = Signal()

    def __init__(self, parent: QObject | None = None, *, clear_after_ms: int = DEFAULT_CLEAR_MS):
        super().__init__(parent)
        self.clear_after_ms = clear_after_ms
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_unchanged)

    @property
    def pending(self) -> bool:
        """Whether a copied secret is waiting to be cleared."""
        return self._timer.isActive()

    def copy(self, text: str) -> None:
        """Put ``text`` on the clipboard and schedule its removal."""
        data = QMimeData()
        data.setText(text)
        for mime, value in _CONCEALED_HINTS.items():
            data.setData(mime, QByteArray(value))
        QGuiApplication.clipboard().setMimeData(data, QClipboard.Mode.Clipboard)
        self._digest = _digest(text)
        self._timer.start(max(0, self.clear_after_ms))
        log.debug("secret copied to the clipboard; clearing in %d ms", self.clear_after_ms)

    def clear_if_unchanged(self) -> bool:
        """Clear the clipboard now if it still holds the copied secret; returns whether it did."""
        self._timer.stop()
        wanted, self._digest = self._digest, None
        if wanted is None:
            return False
        clipboard = QGuiApplication.clipboard()
        if _digest(clipboard.text(QClipboard.Mode.Clipboard)) != wanted:
            log.debug("clipboard changed since the copy; left alone")
            return False
        clipboard.clear(QClipboard.Mode.Clipboard)
        log.debug("copied secret cleared from the clipboard")
        self.cleared.emit()
        return True


def secret_clipboard() -> SecretClipboard:
    """The application's guard (created on first use, owned by the QApplication)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("a QApplication is needed to use the clipboard")
    found = app.findChild(SecretClipboard, "deriv-desktop-secret-clipboard")
    if isinstance(found, SecretClipboard):
        return found
    guard = SecretClipboard(app)
    guard.setObjectName("deriv-desktop-secret-clipboard")
    app.aboutToQuit.connect(guard.clear_if_unchanged)  # do not leave a token behind on exit
    return guard
