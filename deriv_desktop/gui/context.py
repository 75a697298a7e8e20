"""What a window may use, handed over by the composition root (``deriv_desktop.composition``).

Windows receive one ``GuiContext`` and never construct services themselves. Every field is
typed: a window that needs something new gets a new field here, filled in by the root.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QDialog

from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.privacy import Privacy
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.services.checkup import SecurityCheckup
from deriv_desktop.services.preferences import Settings, SettingsFile
from deriv_desktop.services.proxy_secret import ProxyKeeper
from deriv_desktop.services.session import SessionService
from deriv_desktop.services.tokens import TokenService


@dataclass
class GuiContext:
    state: SessionState
    bridge: StateBridge
    session: SessionService
    tokens: TokenService
    checkup: SecurityCheckup  # Tools ▸ Security checkup, and the main window's badge
    tasks: TaskRegistry
    settings: Settings
    settings_file: SettingsFile
    server_label: str
    app_id: str
    open_url: Callable[[str], bool]
    privacy: Privacy  # amounts hidden (privacy mode); one for the app, shared by its windows
    proxy: ProxyKeeper  # the proxy in the settings file and the keyring (Preferences)
    version: str = ""
    log_folder: Path | None = None  # Help ▸ Open log folder
    #: The one open dialog of each kind (``AccountToolDialog.launch`` brings it to the front).
    open_dialogs: dict[str, QDialog] = field(default_factory=dict)
