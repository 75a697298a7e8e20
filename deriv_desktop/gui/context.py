"""Everything a window needs, handed over by the composition root (``deriv_desktop.app``).

Windows receive one ``GuiContext`` instead of constructing services themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.services.preferences import Settings, SettingsFile
from deriv_desktop.services.session import SessionService


@dataclass
class GuiContext:
    state: SessionState
    bridge: StateBridge
    session: SessionService
    tasks: TaskRegistry
    settings: Settings
    settings_file: SettingsFile
    server_label: str
    app_id: str
    open_url: Callable[[str], bool]
    version: str = ""
    extras: dict[str, object] = field(default_factory=dict)
