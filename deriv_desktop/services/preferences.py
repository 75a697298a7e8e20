"""Preferences as the GUI sees them: the settings types, owned by the storage layer.

The GUI may not import ``storage`` directly (layer rule); it reaches settings through here.
"""

from deriv_desktop.services.notify_rules import NoticeKind, NotifyPrefs
from deriv_desktop.storage.secrets import SecretProblem, SecretStoreError
from deriv_desktop.storage.settings import SessionMeta, Settings, SettingsFile


def notify_prefs(settings: Settings) -> NotifyPrefs:
    """The notification choices saved in ``settings`` (unknown kinds are ignored)."""
    known = {kind.value: kind for kind in NoticeKind}
    return NotifyPrefs(
        kinds=frozenset(known[k] for k in settings.notify_kinds if k in known),
        thresholds=dict(settings.notify_thresholds),
        low_marks=dict(settings.notify_low_marks),
        link_down_minutes=max(0.0, float(settings.link_down_minutes)),
    )


__all__ = [
    "SecretProblem",
    "SecretStoreError",
    "SessionMeta",
    "Settings",
    "SettingsFile",
    "notify_prefs",
]
