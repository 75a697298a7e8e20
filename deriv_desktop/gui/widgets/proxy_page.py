"""Tools ▸ Preferences ▸ Proxy: the sign-in Settings' proxy fields, for a trader signed in.

The fields are the sign-in window's (``ProxyFields``); what they show and save goes through the
stack's ``ProxyKeeper``: the address in the settings file, the password in the keyring. Both
are read and written in tasks, so a keyring that waits on an unlock prompt never freezes the
window. The connection open now keeps its proxy; the page says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from deriv_desktop.domain.proxy import ProxySettings
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.widgets.message_bar import MessageBar
from deriv_desktop.gui.widgets.message_kind import MessageKind
from deriv_desktop.gui.widgets.proxy_fields import ProxyFields
from deriv_desktop.services.proxy_secret import ProxyKeeper


class ProxyPage(QWidget):
    def __init__(
        self, keeper: ProxyKeeper, tasks: TaskRegistry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._keeper = keeper
        self._tasks = tasks
        self.loaded: ProxySettings | None = None  # what the keeper held when the page opened
        self.fields = ProxyFields(self)
        label = QLabel(tr("ProxyPage", "Connect t&hrough"), self)
        label.setBuddy(self.fields.mode_combo)
        self.when = QLabel(
            tr(
                "ProxyPage",
                "A change is saved at once and used from the next start of Deriv Desktop; "
                "the connection open now keeps its proxy until then.",
            ),
            self,
        )
        self.when.setWordWrap(True)
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        self.problems = MessageBar(self, closable=False)
        form = QFormLayout()
        form.addRow(label, self.fields)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.when)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        self.fields.setEnabled(False)  # until the keyring has answered
        self.load_task = task = tasks.spawn(self._load(), name="load-proxy")
        self.destroyed.connect(lambda *_: task.cancel())  # closed before the keyring answered

    async def _load(self) -> None:
        proxy = await self._keeper.load()
        self.loaded = proxy
        self.fields.set_proxy(proxy)
        self.fields.setEnabled(True)

    def check(self) -> bool:
        """Whether the fields can be saved; if not, the reasons are shown on the page."""
        found = self.fields.problems()
        if found:
            self.problems.show_message(MessageKind.WARNING, "\n".join(found), timeout_ms=0)
        else:
            self.problems.dismiss()
        return not found

    def save(self) -> None:
        """Hand a changed proxy to the keeper (settings file and keyring, in a task)."""
        if self.loaded is None:  # never loaded: nothing was shown, nothing to change
            return
        proxy = self.fields.proxy()
        if proxy != self.loaded:
            self._tasks.spawn(self._keeper.save(proxy), name="save-proxy")


__all__ = ["ProxyPage"]
